package org.exoos.ipc.fusion;

import static org.exoos.ipc.fusion.FusionRingDescriptor.CONSUMER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.FLAG_DOORBELLS;
import static org.exoos.ipc.fusion.FusionRingDescriptor.KNOWN_RING_FLAGS;
import static org.exoos.ipc.fusion.FusionRingDescriptor.LAYOUT_VERSION;
import static org.exoos.ipc.fusion.FusionRingDescriptor.LAYOUT_VERSION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAGIC;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAGIC_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.NOT_EMPTY_DOORBELL_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.NOT_FULL_DOORBELL_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.PRODUCER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.RING_FLAGS_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOTS_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOT_COUNT_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOT_SIZE;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOT_SIZE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.isValidSlotCount;
import static org.exoos.ipc.fusion.FusionRingDescriptor.requiredCapacity;

import java.lang.foreign.MemorySegment;

import org.agrona.concurrent.AtomicBuffer;
import org.exoos.ipc.fusion.cap.CapabilityGuard;
import org.exoos.ipc.fusion.cap.RevokedException;
import org.exoos.ipc.fusion.shm.Doorbell;

/**
 * What every fusion ring kind shares: attaching to a buffer laid out by
 * {@link FusionRingDescriptor} (with all its checks), formatting one, the doorbells, the
 * capability guard and the occupancy queries a {@link FusionRingWaiter} decides on.
 *
 * <p>A ring made with a {@link CapabilityGuard} checks it on every offer, claim and drain: once
 * the capability is revoked, its holder declared dead or its channel reset, offers answer
 * {@link OfferStatus#REVOKED} and drains throw {@link RevokedException} (an owner's guard lets
 * drains go on until the reset, so that what a departed peer published is not lost). A ring without a guard
 * (in-process use, tests, benchmarks of the bare ring) never checks.
 */
public abstract sealed class FusionRing permits OneToOneFusionRing, ManyToOneFusionRing {
    protected final AtomicBuffer buffer;
    protected final int slotCount;
    protected final int slotMask;
    protected final int slotShift;
    /** Both null on a pure-spin ring. */
    protected final Doorbell notEmpty;
    protected final Doorbell notFull;
    /** Null on an unguarded ring. */
    protected final CapabilityGuard guard;
    /** Consumer-side flyweight. */
    protected final SlotView slotView = new SlotView();
    /** Written by the consumer thread only; read anywhere. */
    protected volatile long malformedSlotCount;

    FusionRing(final AtomicBuffer buffer, final CapabilityGuard guard) {
        this.buffer = buffer;
        this.guard = guard;
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
    }

    /**
     * Consumes up to {@code limit} published slots, handing each valid one to {@code handler} and
     * counting each malformed one, then advances the consumer position once.
     *
     * @return slots consumed, valid or malformed
     * @throws RevokedException if the ring's capability is no longer live
     */
    public abstract int drain(FusionMessageHandler handler, int limit);

    /**
     * The attach checks every ring kind shares: alignment, magic, version, geometry, capacity,
     * flags and positions.
     *
     * @return the slot count
     * @throws IllegalStateException naming the first check that failed
     */
    public static int verifyLayout(final AtomicBuffer buffer) {
        final int slots = verifyHeader(buffer);
        final long producer = buffer.getLongAcquire(PRODUCER_POSITION_OFFSET);
        final long consumer = buffer.getLongAcquire(CONSUMER_POSITION_OFFSET);
        if (consumer < 0 || producer < consumer || producer - consumer > slots) {
            throw new IllegalStateException("fusion ring positions are inconsistent: producer "
                + producer + ", consumer " + consumer + ", slots " + slots);
        }
        return slots;
    }

    /** Every check of {@link #verifyLayout} but the positions'. */
    private static int verifyHeader(final AtomicBuffer buffer) {
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

    /**
     * Empties a ring for a new peer, keeping its geometry, mode and doorbell words, and rings both
     * doorbells so that any waiter re-checks. Only the ring's owner may do this, and only when no
     * endpoint of the old capability can still run (revoked or dead): ring objects cache
     * positions, so every old one must be dropped. Positions a dead or hostile peer left
     * inconsistent are repaired (both restart at 0); otherwise they stay monotonic.
     *
     * @return how many claimed or published, unconsumed messages were discarded
     * @throws IllegalStateException if the header itself is not a fusion ring's
     */
    public static int reset(final AtomicBuffer buffer) {
        final int slots = verifyHeader(buffer);
        final long producer = buffer.getLongVolatile(PRODUCER_POSITION_OFFSET);
        final long consumer = buffer.getLongVolatile(CONSUMER_POSITION_OFFSET);
        final boolean consistent = consumer >= 0 && producer >= consumer && producer - consumer <= slots;
        final long restart = consistent ? producer : 0L;
        buffer.setMemory(SLOTS_OFFSET, slots * SLOT_SIZE, (byte) 0);
        buffer.putLongVolatile(PRODUCER_POSITION_OFFSET, restart);
        buffer.putLongVolatile(CONSUMER_POSITION_OFFSET, restart);
        wakeAll(buffer);
        return consistent ? (int) (producer - consumer) : 0;
    }

    /**
     * Rings both doorbells of a ring with doorbells (nothing on a pure-spin ring), so that every
     * parked waiter wakes and re-checks: used after a revocation or a reset.
     */
    public static void wakeAll(final AtomicBuffer buffer) {
        if ((buffer.getInt(RING_FLAGS_OFFSET) & FLAG_DOORBELLS) == 0) {
            return;
        }
        final MemorySegment memory = offHeapSegment(buffer, "wake");
        new Doorbell(memory, NOT_EMPTY_DOORBELL_OFFSET).ring();
        new Doorbell(memory, NOT_FULL_DOORBELL_OFFSET).ring();
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

    /** Throws if the guard has failed; the consumer's check before draining. */
    protected final void checkGuardForDrain() {
        if (guard != null && !guard.mayDrain()) {
            throw new RevokedException("fusion ring endpoint unusable: " + guard.describe());
        }
    }

    /** Whether offers must answer {@link OfferStatus#REVOKED}. */
    protected final boolean guardFailed() {
        return guard != null && !guard.isLive();
    }

    /** Whether the ring's capability was revoked, its holder died or its channel was reset. */
    public final boolean isRevoked() {
        return guardFailed();
    }

    /** Slots skipped by {@link #drain} because they broke the layout's rules. */
    public final long malformedSlotCount() {
        return malformedSlotCount;
    }

    /** Claimed or published, not yet consumed slots: what a consumer checks before it parks. */
    public final int size() {
        final long consumer = buffer.getLongAcquire(CONSUMER_POSITION_OFFSET);
        final long producer = buffer.getLongAcquire(PRODUCER_POSITION_OFFSET);
        return (int) Math.max(0, Math.min(producer - consumer, slotCount));
    }

    public final boolean isEmpty() {
        return size() == 0;
    }

    /** Free slots, from the shared positions: what a producer checks before it parks. */
    public final int freeSlots() {
        return slotCount - size();
    }

    /** Whether the ring was formatted with doorbells, so that waiters may park on it. */
    public final boolean hasDoorbells() {
        return notEmpty != null;
    }

    /** The doorbell the producer rings after each commit; null on a pure-spin ring. */
    final Doorbell notEmptyDoorbell() {
        return notEmpty;
    }

    /** The doorbell the consumer rings after each drain; null on a pure-spin ring. */
    final Doorbell notFullDoorbell() {
        return notFull;
    }

    public final int slotCount() {
        return slotCount;
    }

    public final AtomicBuffer buffer() {
        return buffer;
    }
}
