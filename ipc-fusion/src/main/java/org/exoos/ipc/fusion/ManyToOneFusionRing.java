package org.exoos.ipc.fusion;

import static org.exoos.ipc.fusion.FusionRingDescriptor.CONSUMER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.FLAG_DOORBELLS;
import static org.exoos.ipc.fusion.FusionRingDescriptor.LAP_TAG_MASK;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAX_PAYLOAD_LENGTH;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MIN_MESSAGE_TYPE;
import static org.exoos.ipc.fusion.FusionRingDescriptor.NOT_EMPTY_DOORBELL_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.NOT_FULL_DOORBELL_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.PRODUCER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.RING_FLAGS_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_LAP_TAG_SHIFT;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_LENGTH_MASK;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_PUBLISHED;
import static org.exoos.ipc.fusion.FusionRingDescriptor.TYPE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.publishedState;
import static org.exoos.ipc.fusion.FusionRingDescriptor.slotOffset;

import java.lang.foreign.MemorySegment;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.exoos.ipc.fusion.shm.Doorbell;

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
 * that dies between claim and publish stalls the ring at its slot (detecting that is future work).
 * On a ring formatted with doorbells each offer rings "not empty" after publishing and each drain
 * that consumed something rings "not full".
 */
public final class ManyToOneFusionRing {
    /** The state bits that say "published for this lap", with the length masked out. */
    private static final int PUBLISHED_LAP_MASK = STATE_PUBLISHED | LAP_TAG_MASK << STATE_LAP_TAG_SHIFT;

    private final AtomicBuffer buffer;
    private final int slotCount;
    private final int slotMask;
    private final int slotShift;
    private final Doorbell notEmpty;
    private final Doorbell notFull;
    private final SlotView slotView = new SlotView();
    private volatile long malformedSlotCount;

    /**
     * Attaches to a formatted ring, with the same checks as {@link OneToOneFusionRing}.
     *
     * @throws IllegalStateException if the buffer is not a consistent fusion ring of this layout
     */
    public ManyToOneFusionRing(final AtomicBuffer buffer) {
        this.buffer = buffer;
        this.slotCount = OneToOneFusionRing.verifyLayout(buffer);
        this.slotMask = slotCount - 1;
        this.slotShift = Integer.numberOfTrailingZeros(slotCount);
        if ((buffer.getInt(RING_FLAGS_OFFSET) & FLAG_DOORBELLS) != 0) {
            final MemorySegment memory = OneToOneFusionRing.offHeapSegment(buffer, "attach to");
            this.notEmpty = new Doorbell(memory, NOT_EMPTY_DOORBELL_OFFSET);
            this.notFull = new Doorbell(memory, NOT_FULL_DOORBELL_OFFSET);
        } else {
            this.notEmpty = null;
            this.notFull = null;
        }
    }

    /**
     * Publishes one message with flags 0 and descriptor 0; safe to call from many threads.
     *
     * @return {@link OfferStatus#OK}, {@link OfferStatus#FULL} or {@link OfferStatus#TOO_LARGE};
     *     on anything but OK nothing was claimed
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
        long position;
        do {
            position = buffer.getLongVolatile(PRODUCER_POSITION_OFFSET);
            if (position + 1 - buffer.getLongAcquire(CONSUMER_POSITION_OFFSET) > slotCount) {
                return OfferStatus.FULL;
            }
        } while (!buffer.compareAndSetLong(PRODUCER_POSITION_OFFSET, position, position + 1));
        final int slot = slotOffset(position, slotMask);
        SlotWriter.fill(buffer, slot, type, correlationId, src, offset, length);
        buffer.putIntRelease(slot + STATE_OFFSET, publishedState(position, slotShift, length));
        if (notEmpty != null) {
            notEmpty.ring();
        }
        return OfferStatus.OK;
    }

    /**
     * Consumes, in order, up to {@code limit} published slots, stopping at the first slot that
     * is claimed but not yet published, then advances the consumer position once.
     *
     * @return slots consumed, valid or malformed; 0 may also mean "claimed, not yet published",
     *     so a waiter must decide from the positions and the next slot's state, not from this
     */
    public int drain(final FusionMessageHandler handler, final int limit) {
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

    /** Published slots the consumer skipped because they broke the layout's rules. */
    public long malformedSlotCount() {
        return malformedSlotCount;
    }

    /** Claimed, not yet consumed slots (some may still be being written). */
    public int size() {
        final long consumer = buffer.getLongAcquire(CONSUMER_POSITION_OFFSET);
        final long producer = buffer.getLongAcquire(PRODUCER_POSITION_OFFSET);
        return (int) Math.max(0, Math.min(producer - consumer, slotCount));
    }

    public int slotCount() {
        return slotCount;
    }

    public AtomicBuffer buffer() {
        return buffer;
    }
}
