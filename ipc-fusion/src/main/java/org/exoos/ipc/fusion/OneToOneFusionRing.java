package org.exoos.ipc.fusion;

import static org.exoos.ipc.fusion.FusionRingDescriptor.CONSUMER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.FLAG_DOORBELLS;
import static org.exoos.ipc.fusion.FusionRingDescriptor.KNOWN_RING_FLAGS;
import static org.exoos.ipc.fusion.FusionRingDescriptor.LAYOUT_VERSION;
import static org.exoos.ipc.fusion.FusionRingDescriptor.LAYOUT_VERSION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAGIC;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAGIC_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAX_PAYLOAD_LENGTH;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MIN_MESSAGE_TYPE;
import static org.exoos.ipc.fusion.FusionRingDescriptor.NOT_EMPTY_DOORBELL_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.NOT_FULL_DOORBELL_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.PRODUCER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.RING_FLAGS_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOTS_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOT_COUNT_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOT_SIZE;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOT_SIZE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_LENGTH_MASK;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.TYPE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.isValidSlotCount;
import static org.exoos.ipc.fusion.FusionRingDescriptor.publishedState;
import static org.exoos.ipc.fusion.FusionRingDescriptor.requiredCapacity;
import static org.exoos.ipc.fusion.FusionRingDescriptor.slotOffset;

import java.lang.foreign.MemorySegment;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.exoos.ipc.fusion.shm.Doorbell;

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
public final class OneToOneFusionRing {
    private final AtomicBuffer buffer;
    private final int slotCount;
    private final int slotMask;
    private final int slotShift;
    /** Both null on a pure-spin ring. */
    private final Doorbell notEmpty;
    private final Doorbell notFull;

    // Producer-side state, touched only by the producer thread.
    private final SlotWriter slotWriter = new SlotWriter();
    private long producerPosition;
    private long cachedConsumerPosition;
    private int claimedCount;

    // Consumer-side state, touched only by the consumer thread (the counter is read anywhere).
    private final SlotView slotView = new SlotView();
    private volatile long malformedSlotCount;

    /**
     * Attaches to a buffer already prepared by {@link #format} or {@link #formatWithDoorbells}.
     *
     * @throws IllegalStateException if the buffer is not a fusion ring of this layout version,
     *     is truncated, misaligned, its geometry, flags or positions are inconsistent, or it
     *     says "doorbells" but is a byte[] (futex words need off-heap memory)
     */
    public OneToOneFusionRing(final AtomicBuffer buffer) {
        this.buffer = buffer;
        final int slots = verifyLayout(buffer);
        if ((buffer.getInt(RING_FLAGS_OFFSET) & FLAG_DOORBELLS) != 0) {
            final MemorySegment memory = offHeapSegment(buffer, "attach to");
            this.notEmpty = new Doorbell(memory, NOT_EMPTY_DOORBELL_OFFSET);
            this.notFull = new Doorbell(memory, NOT_FULL_DOORBELL_OFFSET);
        } else {
            this.notEmpty = null;
            this.notFull = null;
        }
        this.slotCount = slots;
        this.slotMask = slots - 1;
        this.slotShift = Integer.numberOfTrailingZeros(slots);
        this.producerPosition = buffer.getLongAcquire(PRODUCER_POSITION_OFFSET);
        this.cachedConsumerPosition = buffer.getLongAcquire(CONSUMER_POSITION_OFFSET);
    }

    /**
     * The attach checks every ring kind shares: alignment, magic, version, geometry, capacity,
     * flags and positions.
     *
     * @return the slot count
     * @throws IllegalStateException naming the first check that failed
     */
    static int verifyLayout(final AtomicBuffer buffer) {
        buffer.verifyAlignment();
        final int capacity = buffer.capacity();
        if (capacity < SLOTS_OFFSET) {
            throw new IllegalStateException("fusion ring buffer truncated: capacity " + capacity
                + " is below the header length " + SLOTS_OFFSET);
        }
        final int magic = buffer.getIntAcquire(MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new IllegalStateException("not a fusion ring: magic 0x" + Integer.toHexString(magic)
                + ", expected 0x" + Integer.toHexString(MAGIC) + " (unformatted or foreign buffer)");
        }
        final int version = buffer.getInt(LAYOUT_VERSION_OFFSET);
        if (version != LAYOUT_VERSION) {
            throw new IllegalStateException("fusion ring layout version " + version
                + " is not supported, expected " + LAYOUT_VERSION);
        }
        final int slotSize = buffer.getInt(SLOT_SIZE_OFFSET);
        if (slotSize != SLOT_SIZE) {
            throw new IllegalStateException("fusion ring slot size " + slotSize + ", expected " + SLOT_SIZE);
        }
        final int slots = buffer.getInt(SLOT_COUNT_OFFSET);
        if (!isValidSlotCount(slots)) {
            throw new IllegalStateException("fusion ring slot count " + slots
                + " is not a power of two in 1.." + FusionRingDescriptor.MAX_SLOT_COUNT);
        }
        if (capacity != requiredCapacity(slots)) {
            throw new IllegalStateException("fusion ring of " + slots + " slots needs capacity "
                + requiredCapacity(slots) + " but the buffer has " + capacity
                + (capacity < requiredCapacity(slots) ? " (truncated)" : ""));
        }
        final int flags = buffer.getInt(RING_FLAGS_OFFSET);
        if ((flags & ~KNOWN_RING_FLAGS) != 0) {
            throw new IllegalStateException("fusion ring flags 0x" + Integer.toHexString(flags)
                + " carry bits this layout version does not define (known: 0x"
                + Integer.toHexString(KNOWN_RING_FLAGS) + ")");
        }
        final long producer = buffer.getLongAcquire(PRODUCER_POSITION_OFFSET);
        final long consumer = buffer.getLongAcquire(CONSUMER_POSITION_OFFSET);
        if (consumer < 0 || producer < consumer || producer - consumer > slots) {
            throw new IllegalStateException("fusion ring positions are inconsistent: producer "
                + producer + ", consumer " + consumer + ", slots " + slots);
        }
        return slots;
    }

    /**
     * Initialises {@code buffer} as an empty pure-spin ring of {@code slotCount} slots: neither
     * side ever touches the doorbells, and waiters can only spin. The magic is written last,
     * with release, so an attacher that sees it also sees the geometry.
     *
     * @throws IllegalArgumentException if {@code slotCount} is not a power of two within
     *     1..{@link FusionRingDescriptor#MAX_SLOT_COUNT} or the capacity does not match it
     */
    public static void format(final AtomicBuffer buffer, final int slotCount) {
        format(buffer, slotCount, 0);
    }

    /**
     * Like {@link #format}, but the ring's sides ring its doorbells, so that waiters may park.
     *
     * @throws IllegalArgumentException also if {@code buffer} is not off-heap memory (a futex
     *     word needs a fixed address)
     */
    public static void formatWithDoorbells(final AtomicBuffer buffer, final int slotCount) {
        if (buffer.byteArray() != null) {
            throw new IllegalArgumentException("a ring with doorbells needs off-heap memory, not a byte[]");
        }
        format(buffer, slotCount, FLAG_DOORBELLS);
    }

    private static void format(final AtomicBuffer buffer, final int slotCount, final int flags) {
        if (!isValidSlotCount(slotCount)) {
            throw new IllegalArgumentException("slot count " + slotCount
                + " is not a power of two in 1.." + FusionRingDescriptor.MAX_SLOT_COUNT);
        }
        if (buffer.capacity() != requiredCapacity(slotCount)) {
            throw new IllegalArgumentException("a ring of " + slotCount + " slots needs capacity "
                + requiredCapacity(slotCount) + ", buffer has " + buffer.capacity());
        }
        buffer.verifyAlignment();
        buffer.putIntRelease(MAGIC_OFFSET, 0);
        buffer.setMemory(0, buffer.capacity(), (byte) 0);
        buffer.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        buffer.putInt(SLOT_COUNT_OFFSET, slotCount);
        buffer.putInt(SLOT_SIZE_OFFSET, SLOT_SIZE);
        buffer.putInt(RING_FLAGS_OFFSET, flags);
        buffer.putLong(PRODUCER_POSITION_OFFSET, 0L);
        buffer.putLong(CONSUMER_POSITION_OFFSET, 0L);
        buffer.putIntRelease(MAGIC_OFFSET, MAGIC);
    }

    // ---- producer --------------------------------------------------------------------------

    /**
     * Publishes one message with flags 0 and descriptor 0.
     *
     * @return {@link OfferStatus#OK}, {@link OfferStatus#FULL} or {@link OfferStatus#TOO_LARGE};
     *     on anything but OK the ring is unchanged
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
        final OfferStatus claim = tryClaim(1);
        if (claim != OfferStatus.OK) {
            return claim;
        }
        try {
            claimedSlot(0).type(type).correlationId(correlationId).payload(src, offset, length);
        } catch (final RuntimeException ex) {
            abort(); // e.g. src out of bounds: leave no half-written claim behind
            throw ex;
        }
        commit();
        return OfferStatus.OK;
    }

    /**
     * Reserves {@code count} consecutive slots, all or nothing, to be filled through
     * {@link #claimedSlot} and published together by one {@link #commit}.
     *
     * @return {@link OfferStatus#OK} or {@link OfferStatus#FULL} (nothing reserved)
     * @throws IllegalArgumentException if {@code count} is outside 1..slot count
     * @throws IllegalStateException if a claim is already pending
     */
    public OfferStatus tryClaim(final int count) {
        if (count < 1 || count > slotCount) {
            throw new IllegalArgumentException("claim of " + count + " slots outside 1.." + slotCount);
        }
        if (claimedCount != 0) {
            throw new IllegalStateException("a claim of " + claimedCount + " slots is still pending");
        }
        final long needed = producerPosition + count - slotCount;
        if (needed > cachedConsumerPosition) {
            cachedConsumerPosition = buffer.getLongAcquire(CONSUMER_POSITION_OFFSET);
            if (needed > cachedConsumerPosition) {
                return OfferStatus.FULL;
            }
        }
        for (int i = 0; i < count; i++) {
            slotWriter.wrap(buffer, slotOffset(producerPosition + i, slotMask)).clear();
        }
        claimedCount = count;
        return OfferStatus.OK;
    }

    /** The writer for slot {@code index} (0-based) of the pending claim; a reused flyweight. */
    public SlotWriter claimedSlot(final int index) {
        if (index < 0 || index >= claimedCount) {
            throw new IndexOutOfBoundsException("slot " + index + " of a claim of " + claimedCount);
        }
        return slotWriter.wrap(buffer, slotOffset(producerPosition + index, slotMask));
    }

    /**
     * Publishes every slot of the pending claim: each state word last with release, then the
     * producer position once with release, so the consumer sees the whole batch or none of it.
     *
     * @throws IllegalStateException if nothing is claimed or a claimed slot has no type
     */
    public void commit() {
        final int count = claimedCount;
        if (count == 0) {
            throw new IllegalStateException("commit without a pending claim");
        }
        final long first = producerPosition;
        for (int i = 0; i < count; i++) {
            if (buffer.getShort(slotOffset(first + i, slotMask) + TYPE_OFFSET) == 0) {
                throw new IllegalStateException("claimed slot " + i + " has no message type");
            }
        }
        for (int i = 0; i < count; i++) {
            final long position = first + i;
            final int offset = slotOffset(position, slotMask);
            final int length = buffer.getInt(offset + STATE_OFFSET);
            buffer.putIntRelease(offset + STATE_OFFSET, publishedState(position, slotShift, length));
        }
        producerPosition = first + count;
        claimedCount = 0;
        buffer.putLongRelease(PRODUCER_POSITION_OFFSET, producerPosition);
        if (notEmpty != null) {
            notEmpty.ring(); // after the position: a consumer woken by it sees the batch
        }
    }

    /** Drops the pending claim, if any; nothing of it becomes visible. */
    public void abort() {
        claimedCount = 0;
    }

    // ---- consumer --------------------------------------------------------------------------

    /**
     * Consumes up to {@code limit} published slots, handing each valid one to {@code handler}
     * and counting each malformed one, then advances the consumer position once. If the
     * handler throws, the slots up to and including the throwing one stay consumed.
     *
     * @return slots consumed, valid or malformed: non-zero whenever the ring made progress,
     *     so for a positive {@code limit} a return of 0 really means nothing was published
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
                consumed++;
                final int state = buffer.getIntAcquire(offset + STATE_OFFSET);
                final int length = state & STATE_LENGTH_MASK;
                final int type = buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
                if (length > MAX_PAYLOAD_LENGTH
                    || state != publishedState(position, slotShift, length)
                    || type < MIN_MESSAGE_TYPE) {
                    malformedSlotCount++; // single writer: the consumer thread
                    continue;
                }
                handler.onMessage(slotView.wrap(buffer, offset, length));
            }
        } finally {
            if (consumed > 0) {
                buffer.putLongRelease(CONSUMER_POSITION_OFFSET, consumer + consumed);
                if (notFull != null) {
                    notFull.ring(); // after the position: a producer woken by it sees the room
                }
            }
        }
        return consumed;
    }

    // ---- any thread ------------------------------------------------------------------------

    /** Slots skipped by {@link #drain} because they broke the layout's rules. */
    public long malformedSlotCount() {
        return malformedSlotCount;
    }

    /** Published, not yet consumed slots: what a consumer checks before it parks. */
    public int size() {
        final long consumer = buffer.getLongAcquire(CONSUMER_POSITION_OFFSET);
        final long producer = buffer.getLongAcquire(PRODUCER_POSITION_OFFSET);
        return (int) Math.max(0, Math.min(producer - consumer, slotCount));
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Free slots, from the shared positions: what a producer checks before it parks. */
    public int freeSlots() {
        return slotCount - size();
    }

    /** Whether the ring was formatted with doorbells, so that waiters may park on it. */
    public boolean hasDoorbells() {
        return notEmpty != null;
    }

    /** The doorbell the producer rings after each commit; null on a pure-spin ring. */
    Doorbell notEmptyDoorbell() {
        return notEmpty;
    }

    /** The doorbell the consumer rings after each drain; null on a pure-spin ring. */
    Doorbell notFullDoorbell() {
        return notFull;
    }

    public int slotCount() {
        return slotCount;
    }

    public AtomicBuffer buffer() {
        return buffer;
    }

    /**
     * The ring's bytes as a native segment, for the futex doorbells. It has the global scope:
     * like the AtomicBuffer itself, whoever owns the memory keeps it mapped while rings use it.
     */
    @SuppressWarnings("restricted") // address and length are the buffer's own
    static MemorySegment offHeapSegment(final AtomicBuffer buffer, final String action) {
        if (buffer.byteArray() != null) {
            throw new IllegalStateException("cannot " + action + " a fusion ring with doorbells on a byte[]:"
                + " futex words need off-heap memory");
        }
        return MemorySegment.ofAddress(buffer.addressOffset()).reinterpret(buffer.capacity());
    }
}
