package org.exoos.ipc.fusion;

import static org.exoos.ipc.fusion.FusionRingDescriptor.CONSUMER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.LAP_TAG_MASK;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAX_PAYLOAD_LENGTH;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MIN_MESSAGE_TYPE;
import static org.exoos.ipc.fusion.FusionRingDescriptor.PRODUCER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_LAP_TAG_SHIFT;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_LENGTH_MASK;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_PUBLISHED;
import static org.exoos.ipc.fusion.FusionRingDescriptor.TYPE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.publishedState;
import static org.exoos.ipc.fusion.FusionRingDescriptor.slotOffset;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.exoos.ipc.fusion.cap.CapabilityGuard;

/**
 * A many-producer, single-consumer fusion ring over the same {@link FusionRingDescriptor} layout
 * (format it with {@link OneToOneFusionRing#format} or {@link OneToOneFusionRing#formatWithDoorbells}).
 * Any number of threads, in any process, may {@link #offer}; one thread may {@link #drain}.
 *
 * <p>The protocol differs from the one-to-one ring in who publishes what:
 * <ol>
 *   <li>A producer claims a slot by CAS on the producer position, only if the slot is free
 *       ({@code claimed + 1 - consumer <= slotCount}, consumer read with acquire).</li>
 *   <li>It fills the slot with plain stores and publishes it by writing the state word last,
 *       with release, carrying the published bit and the lap tag of the claimed position.</li>
 *   <li>The producer position therefore says "claimed", not "published": the consumer reads
 *       slots in order below it and stops at the first whose state word does not carry the
 *       published bit and its own lap's tag; that slot's producer has not finished yet.</li>
 * </ol>
 * A published slot with a bad length or type is counted as malformed and skipped. A producer
 * that dies between claim and publish stalls the ring at its slot: many producers are meant to be
 * threads of one process (the harts of a kernel, say), which die together, so the owner's remedy is
 * the same as for any dead peer, {@link FusionRing#reset}. Peers in different processes get a ring
 * each (a channel each), so that one's death cannot stall another's.
 *
 * <p>Batches: {@link #tryClaim} claims N slots with one CAS and {@link #commit} publishes them
 * last-first, so the consumer sees the batch at once.
 * On a ring formatted with doorbells each offer rings "not empty" after publishing and each drain
 * that consumed something rings "not full".
 */
public final class ManyToOneFusionRing extends FusionRing {
    /** {@link #tryClaim} result: not enough free slots, nothing claimed. */
    public static final long CLAIM_FULL = -1;
    /** {@link #tryClaim} result: the ring's capability is no longer live, nothing claimed. */
    public static final long CLAIM_REVOKED = -2;

    /** The state bits that say "published for this lap", with the length masked out. */
    private static final int PUBLISHED_LAP_MASK = STATE_PUBLISHED | LAP_TAG_MASK << STATE_LAP_TAG_SHIFT;

    private volatile long cancelledSlotCount;

    /**
     * Attaches to a formatted ring, with the same checks as {@link OneToOneFusionRing}, unguarded.
     *
     * @throws IllegalStateException if the buffer is not a consistent fusion ring of this layout
     */
    public ManyToOneFusionRing(final AtomicBuffer buffer) {
        this(buffer, null);
    }

    /** Attaches, checking {@code guard} (if not null) on every offer, claim and drain. */
    public ManyToOneFusionRing(final AtomicBuffer buffer, final CapabilityGuard guard) {
        super(buffer, guard);
    }

    /**
     * Publishes one message with flags 0 and descriptor 0; safe to call from many threads.
     *
     * @return {@link OfferStatus#OK}, {@link OfferStatus#FULL}, {@link OfferStatus#TOO_LARGE} or
     *     {@link OfferStatus#REVOKED}; on anything but OK nothing was claimed
     * @throws IllegalArgumentException if {@code type} is outside the layout's type range or
     *     {@code length} is negative
     * @throws IndexOutOfBoundsException if {@code src} does not hold {@code length} bytes at
     *     {@code offset} (checked before claiming, so the ring never holds a half-written claim)
     */
    public OfferStatus offer(final int type, final long correlationId,
                             final DirectBuffer src, final int offset, final int length) {
        SlotWriter.checkType(type);
        if (SlotWriter.checkLength(length) != OfferStatus.OK) {
            return OfferStatus.TOO_LARGE;
        }
        src.boundsCheck(offset, length);
        final long position = tryClaim(1);
        if (position < 0) {
            return position == CLAIM_FULL ? OfferStatus.FULL : OfferStatus.REVOKED;
        }
        final int slot = slotOffset(position, slotMask);
        SlotWriter.fill(buffer, slot, type, correlationId, src, offset, length);
        buffer.putIntRelease(slot + STATE_OFFSET, publishedState(position, slotShift, length));
        if (notEmpty != null) {
            notEmpty.ring();
        }
        return OfferStatus.OK;
    }

    /**
     * Claims {@code count} consecutive slots for the calling thread, all or nothing. The caller
     * fills them through its own {@link SlotWriter} ({@link #claimedSlot}) and must then
     * {@link #commit} or {@link #cancel} exactly that claim: a claimed slot stalls the consumer
     * until it is published.
     *
     * @return the first claimed position, or {@link #CLAIM_FULL} or {@link #CLAIM_REVOKED}
     * @throws IllegalArgumentException if {@code count} is outside 1..slot count
     */
    public long tryClaim(final int count) {
        if (count < 1 || count > slotCount) {
            throw new IllegalArgumentException("claim of " + count + " slots outside 1.." + slotCount);
        }
        if (guardFailed()) {
            return CLAIM_REVOKED;
        }
        long position;
        do {
            position = buffer.getLongVolatile(PRODUCER_POSITION_OFFSET);
            if (position + count - buffer.getLongAcquire(CONSUMER_POSITION_OFFSET) > slotCount) {
                return CLAIM_FULL;
            }
        } while (!buffer.compareAndSetLong(PRODUCER_POSITION_OFFSET, position, position + count));
        return position;
    }

    /**
     * Points the caller's {@code writer} at slot {@code index} of the claim starting at
     * {@code first}, cleared. Each producer thread owns its writer: the flyweight is not shared.
     */
    public SlotWriter claimedSlot(final SlotWriter writer, final long first, final int index) {
        if (index < 0 || index >= slotCount) {
            throw new IndexOutOfBoundsException("slot " + index + " of a ring of " + slotCount);
        }
        writer.wrap(buffer, slotOffset(first + index, slotMask)).clear();
        return writer;
    }

    /**
     * Publishes the claim of {@code count} slots at {@code first}, last slot first, so that the
     * consumer (which stops at the first unpublished slot) sees the whole batch at the instant
     * the first slot is published: all of it, or none.
     *
     * @throws IllegalStateException if a slot has no message type; the whole claim is then
     *     published as cancelled, so the ring does not stall
     */
    public void commit(final long first, final int count) {
        for (int i = 0; i < count; i++) {
            if (buffer.getShort(slotOffset(first + i, slotMask) + TYPE_OFFSET) == 0) {
                cancel(first, count);
                throw new IllegalStateException("claimed slot " + i + " has no message type; claim cancelled");
            }
        }
        for (int i = count - 1; i >= 0; i--) {
            final long position = first + i;
            final int offset = slotOffset(position, slotMask);
            final int length = buffer.getInt(offset + STATE_OFFSET) & STATE_LENGTH_MASK;
            buffer.putIntRelease(offset + STATE_OFFSET, publishedState(position, slotShift, length));
        }
        if (notEmpty != null) {
            notEmpty.ring();
        }
    }

    /**
     * Gives back a claim without a message: its slots are published empty (type 0, length 0)
     * and the consumer skips them, counting {@link #cancelledSlotCount()}. A many-producer ring
     * cannot simply forget a claim, since later producers may already have claimed beyond it.
     */
    public void cancel(final long first, final int count) {
        for (int i = count - 1; i >= 0; i--) {
            final long position = first + i;
            final int offset = slotOffset(position, slotMask);
            buffer.putInt(offset + TYPE_OFFSET, 0);
            buffer.putIntRelease(offset + STATE_OFFSET, publishedState(position, slotShift, 0));
        }
        if (notEmpty != null) {
            notEmpty.ring();
        }
    }

    /**
     * Consumes, in order, up to {@code limit} published slots, stopping at the first slot that
     * is claimed but not yet published, then advances the consumer position once.
     *
     * @return slots consumed, valid, cancelled or malformed; 0 may also mean "claimed, not yet
     *     published", so a waiter must decide from the positions, not from this
     * @throws org.exoos.ipc.fusion.cap.RevokedException if the ring's capability is no longer live
     */
    @Override
    public int drain(final FusionMessageHandler handler, final int limit) {
        checkGuardForDrain();
        final long consumer = buffer.getLong(CONSUMER_POSITION_OFFSET);
        final long available = buffer.getLongAcquire(PRODUCER_POSITION_OFFSET) - consumer;
        if (available <= 0) {
            return 0;
        }
        final int toConsume = (int) Math.min(Math.min(available, slotCount), Math.max(limit, 0));
        int consumed = 0;
        try {
            while (consumed < toConsume) {
                final long position = consumer + consumed;
                final int offset = slotOffset(position, slotMask);
                final int state = buffer.getIntAcquire(offset + STATE_OFFSET);
                if ((state & PUBLISHED_LAP_MASK) != publishedState(position, slotShift, 0)) {
                    break; // its producer is still writing it
                }
                consumed++;
                final int length = state & STATE_LENGTH_MASK;
                final int type = buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
                if (type == 0 && length == 0) {
                    cancelledSlotCount++; // single writer: the consumer thread
                    continue;
                }
                if (length > MAX_PAYLOAD_LENGTH || type < MIN_MESSAGE_TYPE) {
                    malformedSlotCount++; // single writer: the consumer thread
                    continue;
                }
                handler.onMessage(slotView.wrap(buffer, offset, length));
            }
        } finally {
            if (consumed > 0) {
                buffer.putLongRelease(CONSUMER_POSITION_OFFSET, consumer + consumed);
                if (notFull != null) {
                    notFull.ring();
                }
            }
        }
        return consumed;
    }

    /** Claims given back by {@link #cancel} and skipped by the consumer. */
    public long cancelledSlotCount() {
        return cancelledSlotCount;
    }
}
