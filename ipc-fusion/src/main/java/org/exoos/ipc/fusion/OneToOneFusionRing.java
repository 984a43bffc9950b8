package org.exoos.ipc.fusion;

import static org.exoos.ipc.fusion.FusionRingDescriptor.CONSUMER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_PUBLISHED;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_LAP_TAG_SHIFT;
import static org.exoos.ipc.fusion.FusionRingDescriptor.LAP_TAG_MASK;
import static org.exoos.ipc.fusion.FusionRingDescriptor.DESCRIPTOR_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAX_PAYLOAD_LENGTH;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MIN_MESSAGE_TYPE;
import static org.exoos.ipc.fusion.FusionRingDescriptor.PRODUCER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_LENGTH_MASK;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.TYPE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.publishedState;
import static org.exoos.ipc.fusion.FusionRingDescriptor.slotOffset;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.exoos.ipc.fusion.cap.CapabilityGuard;
import org.exoos.ipc.fusion.data.DataRegion;
import org.exoos.ipc.fusion.data.DataRegionDescriptor;

/**
 * A single-producer, single-consumer fusion ring over a buffer laid out by
 * {@link FusionRingDescriptor}. One thread may call the producer methods ({@link #offer},
 * {@link #tryClaim}, {@link #claimedSlot}, {@link #commit}, {@link #abort}) and one other
 * thread the consumer method ({@link #drain}); the other methods may be called from anywhere.
 *
 * <p>Back-pressure is explicit: a full ring answers {@link OfferStatus#FULL}, nothing is
 * overwritten or dropped. The consumer trusts nothing it reads: a slot that breaks the layout's
 * rules is counted in {@link #malformedSlotCount()} and skipped, and the consumer never reads
 * outside the slot. Neither side allocates on its hot path.
 *
 * <p>A ring formatted {@link #formatWithDoorbells with doorbells} rings "not empty" after each
 * commit and "not full" after each drain that consumed something, each after the position store,
 * so that a {@link FusionRingWaiter} may park; a ring formatted with {@link #format} never
 * touches them (pure spin). The mode is in the header, so both sides always agree on it.
 */
public final class OneToOneFusionRing extends FusionRing {
    // Producer-side state, touched only by the producer thread.
    private final SlotWriter slotWriter = new SlotWriter();
    private final SideState producer = new SideState();
    /** The consumer's own copy of its position (it is the only writer), on lines of its own. */
    private final SideState consumerState = new SideState();
    /**
     * How far a drain chases: a drain polls state words, so it keeps finding messages a fast peer
     * publishes while it runs (a ping-pong refills what it drains), and it hands slots back once,
     * at its end. Past half a ring it takes only what the producer position says is published,
     * so the producer never finds full a ring that is in fact drained.
     */
    private final int chaseLimit;
    /**
     * Empty drains between two reads of the producer position: the bound on how long a spinning
     * consumer may take to notice a malformed slot (a waiter decides from positions anyway).
     */
    static final int POSITION_CHECK_INTERVAL = 64;
    private static final int POSITION_CHECK_MASK = POSITION_CHECK_INTERVAL - 1;
    /** The state bits that say "published for this lap", with the length masked out. */
    private static final int PUBLISHED_LAP_MASK = STATE_PUBLISHED | LAP_TAG_MASK << STATE_LAP_TAG_SHIFT;

    // Zero-copy payloads, when the ring has a data path (else all null / unused).
    private static final int MAX_DATA_SLOTS_PER_CLAIM = 256;
    private final DataRegion producerData;
    private final DataRegion consumerData;
    private final int producerParty;
    private final int consumerParty;
    /** Per claimed slot: the block it carries, or -1; the length written so far. */
    private final int[] claimedBlocks;
    private final int[] claimedBlockLengths;

    /**
     * Attaches to a buffer already prepared by {@link #format} or {@link #formatWithDoorbells},
     * without a capability guard.
     *
     * @throws IllegalStateException if the buffer is not a fusion ring of this layout version,
     *     is truncated, misaligned, its geometry, flags or positions are inconsistent, or it
     *     says "doorbells" but is a byte[] (futex words need off-heap memory)
     */
    public OneToOneFusionRing(final AtomicBuffer buffer) {
        this(buffer, null);
    }

    /**
     * Attaches like {@link #OneToOneFusionRing(AtomicBuffer)}, checking {@code guard} (if not
     * null) on every claim and drain.
     */
    public OneToOneFusionRing(final AtomicBuffer buffer, final CapabilityGuard guard) {
        this(buffer, guard, null);
    }

    /**
     * Attaches with a guard (or null) and a data path (or null) for payloads larger than a slot:
     * the producer then sends them with {@link #offerData} or {@link #claimData}, and the
     * consumer validates every slot descriptor against the region before the handler sees it.
     */
    public OneToOneFusionRing(final AtomicBuffer buffer, final CapabilityGuard guard, final DataPath dataPath) {
        super(buffer, guard);
        this.producer.position = buffer.getLongAcquire(PRODUCER_POSITION_OFFSET);
        this.producer.cachedConsumerPosition = buffer.getLongAcquire(CONSUMER_POSITION_OFFSET);
        this.consumerState.position = producer.cachedConsumerPosition;
        this.chaseLimit = Math.max(1, slotCount >> 1);
        if (dataPath != null) {
            this.producerData = dataPath.attach();
            this.consumerData = dataPath.attach();
            this.producerParty = dataPath.producerParty();
            this.consumerParty = dataPath.consumerParty();
            this.claimedBlocks = new int[Math.min(slotCount, MAX_DATA_SLOTS_PER_CLAIM)];
            this.claimedBlockLengths = new int[claimedBlocks.length];
            java.util.Arrays.fill(claimedBlocks, -1);
        } else {
            this.producerData = null;
            this.consumerData = null;
            this.producerParty = -1;
            this.consumerParty = -1;
            this.claimedBlocks = null;
            this.claimedBlockLengths = null;
        }
    }

    // ---- producer --------------------------------------------------------------------------

    /**
     * Publishes one message with flags 0 and descriptor 0.
     *
     * @return {@link OfferStatus#OK}, {@link OfferStatus#FULL}, {@link OfferStatus#TOO_LARGE} or
     *     {@link OfferStatus#REVOKED}; on anything but OK the ring is unchanged
     * @throws IllegalArgumentException if {@code type} is outside the layout's type range or
     *     {@code length} is negative
     * @throws IllegalStateException if a claim is pending
     */
    public OfferStatus offer(final int type, final long correlationId,
                             final DirectBuffer src, final int offset, final int length) {
        SlotWriter.checkType(type);
        if (SlotWriter.checkLength(length) != OfferStatus.OK) {
            return OfferStatus.TOO_LARGE;
        }
        if (producer.claimedCount != 0) {
            throw new IllegalStateException("a claim of " + producer.claimedCount + " slots is still pending");
        }
        if (guardFailed()) {
            return OfferStatus.REVOKED;
        }
        src.boundsCheck(offset, length); // before touching the slot: never a half-written message
        final long position = producer.position;
        if (position + 1 - slotCount > producer.cachedConsumerPosition) {
            producer.cachedConsumerPosition = buffer.getLongAcquire(CONSUMER_POSITION_OFFSET);
            if (position + 1 - slotCount > producer.cachedConsumerPosition) {
                return OfferStatus.FULL;
            }
        }
        // The single-message path of tryClaim/commit, without the claim bookkeeping: every field
        // is written, then the state word with release, then the position.
        final int slot = slotOffset(position, slotMask);
        SlotWriter.fill(buffer, slot, type, correlationId, src, offset, length);
        buffer.putIntRelease(slot + STATE_OFFSET, publishedState(position, slotShift, length));
        producer.position = position + 1;
        buffer.putLongRelease(PRODUCER_POSITION_OFFSET, position + 1);
        if (notEmpty != null) {
            notEmpty.ring();
        }
        return OfferStatus.OK;
    }

    /**
     * Publishes one message whose payload goes to the data region: the bytes are copied once,
     * into a block the consumer reads in place, and the slot carries the block's descriptor.
     *
     * @return {@link OfferStatus#OK}, {@link OfferStatus#FULL}, {@link OfferStatus#DATA_FULL}
     *     (no free block), {@link OfferStatus#TOO_LARGE} (over the block size) or
     *     {@link OfferStatus#REVOKED}; on anything but OK the ring and region are unchanged
     * @throws IllegalStateException if the ring has no data path or a claim is pending
     */
    public OfferStatus offerData(final int type, final long correlationId,
                                 final DirectBuffer src, final int offset, final int length) {
        SlotWriter.checkType(type);
        if (producerData == null) {
            throw new IllegalStateException("this ring has no data region");
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative payload length " + length);
        }
        if (length > producerData.blockSize()) {
            return OfferStatus.TOO_LARGE;
        }
        src.boundsCheck(offset, length);
        final OfferStatus claim = tryClaim(1);
        if (claim != OfferStatus.OK) {
            return claim;
        }
        final MutableDirectBuffer block = claimData(0, length);
        if (block == null) {
            abort();
            return OfferStatus.DATA_FULL;
        }
        block.putBytes(0, src, offset, length);
        claimedSlot(0).type(type).correlationId(correlationId);
        commit();
        return OfferStatus.OK;
    }

    /**
     * Takes a free data-region block for slot {@code index} of the pending claim and returns a
     * view of it to fill in place (zero-copy); {@link #commit} hands the block to the consumer
     * with the first {@code length} bytes, {@link #abort} gives it back.
     *
     * @return the block's write view (reused), or null if no block is free
     * @throws IllegalStateException if the ring has no data path
     * @throws IllegalArgumentException if {@code length} exceeds the block size
     */
    public MutableDirectBuffer claimData(final int index, final int length) {
        if (producerData == null) {
            throw new IllegalStateException("this ring has no data region");
        }
        if (index < 0 || index >= producer.claimedCount || index >= claimedBlocks.length) {
            throw new IndexOutOfBoundsException("slot " + index + " of a claim of " + producer.claimedCount
                + " (at most " + claimedBlocks.length + " data slots per claim)");
        }
        if (length < 0 || length > producerData.blockSize()) {
            throw new IllegalArgumentException("data length " + length + " outside 0.." + producerData.blockSize());
        }
        if (claimedBlocks[index] >= 0) {
            claimedBlockLengths[index] = length;
            return producerData.writeView(claimedBlocks[index]);
        }
        final int block = producerData.allocate(producerParty);
        if (block < 0) {
            return null;
        }
        claimedBlocks[index] = block;
        claimedBlockLengths[index] = length;
        return producerData.writeView(block);
    }

    /**
     * Reserves {@code count} consecutive slots, all or nothing, to be filled through
     * {@link #claimedSlot} and published together by one {@link #commit}.
     *
     * @return {@link OfferStatus#OK}, {@link OfferStatus#FULL} or {@link OfferStatus#REVOKED}
     *     (nothing reserved)
     * @throws IllegalArgumentException if {@code count} is outside 1..slot count
     * @throws IllegalStateException if a claim is already pending
     */
    public OfferStatus tryClaim(final int count) {
        if (count < 1 || count > slotCount) {
            throw new IllegalArgumentException("claim of " + count + " slots outside 1.." + slotCount);
        }
        if (producer.claimedCount != 0) {
            throw new IllegalStateException("a claim of " + producer.claimedCount + " slots is still pending");
        }
        if (guardFailed()) {
            return OfferStatus.REVOKED;
        }
        final long needed = producer.position + count - slotCount;
        if (needed > producer.cachedConsumerPosition) {
            producer.cachedConsumerPosition = buffer.getLongAcquire(CONSUMER_POSITION_OFFSET);
            if (needed > producer.cachedConsumerPosition) {
                return OfferStatus.FULL;
            }
        }
        for (int i = 0; i < count; i++) {
            slotWriter.wrap(buffer, slotOffset(producer.position + i, slotMask)).clear();
        }
        producer.claimedCount = count;
        return OfferStatus.OK;
    }

    /** The writer for slot {@code index} (0-based) of the pending claim; a reused flyweight. */
    public SlotWriter claimedSlot(final int index) {
        if (index < 0 || index >= producer.claimedCount) {
            throw new IndexOutOfBoundsException("slot " + index + " of a claim of " + producer.claimedCount);
        }
        return slotWriter.wrap(buffer, slotOffset(producer.position + index, slotMask));
    }

    /**
     * Publishes every slot of the pending claim: each state word last with release, then the
     * producer position once with release, so the consumer sees the whole batch or none of it.
     *
     * @throws IllegalStateException if nothing is claimed or a claimed slot has no type
     */
    public void commit() {
        final int count = producer.claimedCount;
        if (count == 0) {
            throw new IllegalStateException("commit without a pending claim");
        }
        final long first = producer.position;
        for (int i = 0; i < count; i++) {
            if (buffer.getShort(slotOffset(first + i, slotMask) + TYPE_OFFSET) == 0) {
                throw new IllegalStateException("claimed slot " + i + " has no message type");
            }
        }
        if (claimedBlocks != null) {
            handOffClaimedBlocks(first, count);
        }
        // Last slot first: a consumer polling state words sees the first slot, and so the batch,
        // only once every slot of it is published.
        for (int i = count - 1; i >= 0; i--) {
            final long position = first + i;
            final int offset = slotOffset(position, slotMask);
            final int length = buffer.getInt(offset + STATE_OFFSET);
            buffer.putIntRelease(offset + STATE_OFFSET, publishedState(position, slotShift, length));
        }
        producer.position = first + count;
        producer.claimedCount = 0;
        buffer.putLongRelease(PRODUCER_POSITION_OFFSET, producer.position);
        if (notEmpty != null) {
            notEmpty.ring(); // after the position: a consumer woken by it sees the batch
        }
    }

    private void handOffClaimedBlocks(final long first, final int count) {
        for (int i = 0, n = Math.min(count, claimedBlocks.length); i < n; i++) {
            final int block = claimedBlocks[i];
            if (block >= 0) {
                final long descriptor = producerData.handOff(block, claimedBlockLengths[i], producerParty, consumerParty);
                buffer.putLong(slotOffset(first + i, slotMask) + DESCRIPTOR_OFFSET, descriptor);
                claimedBlocks[i] = -1;
            }
        }
    }

    /** Drops the pending claim, if any, giving back its data blocks; nothing of it becomes visible. */
    public void abort() {
        if (claimedBlocks != null) {
            for (int i = 0, n = Math.min(producer.claimedCount, claimedBlocks.length); i < n; i++) {
                if (claimedBlocks[i] >= 0) {
                    producerData.abandon(claimedBlocks[i], producerParty);
                    claimedBlocks[i] = -1;
                }
            }
        }
        producer.claimedCount = 0;
    }

    // ---- consumer --------------------------------------------------------------------------

    /**
     * Consumes up to {@code limit} published slots, handing each valid one to {@code handler}
     * and counting each malformed one, then advances the consumer position once. If the
     * handler throws, the slots up to and including the throwing one stay consumed.
     *
     * <p>A drain stops at the first slot that does not look published. Whether such a slot is
     * merely not yet written or malformed (below the producer position, yet not published for
     * its lap) is decided from the producer position, which an idle consumer reads only once per
     * {@value #POSITION_CHECK_INTERVAL} empty drains; so a malformed slot is skipped and counted
     * within that many drains, and a waiter, which decides from the positions, never parks on one.
     *
     * @return slots consumed, valid or malformed; 0 when nothing was published or a possibly
     *     malformed slot is pending its position check ({@link #isEmpty()} tells them apart)
     * @throws org.exoos.ipc.fusion.cap.RevokedException if the ring's capability is no longer live
     */
    @Override
    public int drain(final FusionMessageHandler handler, final int limit) {
        checkGuardForDrain();
        final long consumer = consumerState.position;
        final int toConsume = Math.min(slotCount, Math.max(limit, 0));
        int consumed = 0;
        long knownProducer = Long.MIN_VALUE; // the producer position, once this drain has read it
        boolean chaseBounded = false;
        try {
            while (consumed < toConsume) {
                final long position = consumer + consumed;
                if (consumed >= chaseLimit && position >= knownProducer) {
                    // Half a ring consumed: from here take only what is published by now, so a
                    // peer refilling as this drain runs cannot keep it from handing slots back.
                    if (chaseBounded) {
                        break;
                    }
                    chaseBounded = true;
                    knownProducer = buffer.getLongAcquire(PRODUCER_POSITION_OFFSET);
                    if (position >= knownProducer) {
                        break;
                    }
                }
                final int offset = slotOffset(position, slotMask);
                int state = buffer.getIntAcquire(offset + STATE_OFFSET);
                if ((state & PUBLISHED_LAP_MASK) != publishedState(position, slotShift, 0)) {
                    // Not published for this lap. The common case is "nothing more yet"; only the
                    // producer position (stored after every state word of its batch) can say
                    // "published, yet wrong", i.e. malformed. It is read only by a drain that
                    // found nothing, and only on every POSITION_CHECK_INTERVAL-th such drain: an
                    // idle consumer then polls one line, not two, so a hand-off costs one
                    // cache-line transfer and the producer's position store rarely contends.
                    if (position >= knownProducer) {
                        if (consumed > 0 || (++consumerState.emptyPolls & POSITION_CHECK_MASK) != 0) {
                            break;
                        }
                        knownProducer = buffer.getLongAcquire(PRODUCER_POSITION_OFFSET);
                        if (knownProducer <= position) {
                            break;
                        }
                    }
                    state = buffer.getIntAcquire(offset + STATE_OFFSET);
                }
                consumed++;
                final int length = state & STATE_LENGTH_MASK;
                final int type = buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
                if (length > MAX_PAYLOAD_LENGTH
                    || state != publishedState(position, slotShift, length)
                    || type < MIN_MESSAGE_TYPE) {
                    malformedSlotCount++; // single writer: the consumer thread
                    continue;
                }
                final long descriptor = buffer.getLong(offset + DESCRIPTOR_OFFSET);
                if (descriptor == DataRegionDescriptor.NO_DATA || consumerData == null) {
                    handler.onMessage(slotView.wrap(buffer, offset, length));
                } else {
                    deliverWithData(handler, offset, length, descriptor);
                }
            }
        } finally {
            if (consumed > 0) {
                consumerState.position = consumer + consumed;
                buffer.putLongRelease(CONSUMER_POSITION_OFFSET, consumer + consumed);
                if (notFull != null) {
                    notFull.ring(); // after the position: a producer woken by it sees the room
                }
            }
        }
        return consumed;
    }

    /**
     * A slot that names a data block on a ring with a data path (without one the descriptor is
     * an opaque word): the block must be in flight to this consumer, or the slot is malformed. The handler reads the block in place; the block is released when it returns,
     * unless it {@link SlotView#retainData() retained} it.
     */
    private void deliverWithData(final FusionMessageHandler handler, final int offset, final int length,
                                 final long descriptor) {
        if (consumerData.accept(descriptor, consumerParty, producerParty) < 0) {
            malformedSlotCount++;
            return;
        }
        final SlotView view = slotView.wrap(buffer, offset, length).withData(consumerData.readView(), descriptor);
        try {
            handler.onMessage(view);
        } finally {
            if (!view.dataRetained()) {
                consumerData.release(descriptor, consumerParty);
            }
        }
    }

    /**
     * Gives back a data block a handler {@link SlotView#retainData() retained}; call it once,
     * on the consumer's thread.
     *
     * @return false if the descriptor is not a block this consumer holds (counted as malformed)
     */
    public boolean releaseData(final long descriptor) {
        if (consumerData == null) {
            throw new IllegalStateException("this ring has no data region");
        }
        return consumerData.release(descriptor, consumerParty);
    }

    /** Data descriptors the consumer refused (forged, stale, out of bounds, not its own). */
    public long malformedDescriptorCount() {
        return consumerData == null ? 0 : consumerData.malformedDescriptorCount();
    }

    // ---- any thread ----------------------------------------------------------------------

    /** Slots claimed and not yet committed by the producer (0 when no claim is pending). */
    public int pendingClaim() {
        return producer.claimedCount;
    }
}
