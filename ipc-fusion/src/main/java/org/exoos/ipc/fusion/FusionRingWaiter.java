package org.exoos.ipc.fusion;

import org.exoos.ipc.fusion.shm.Doorbell;

/**
 * How one thread waits on a {@link FusionRing} (either kind): a consumer for something to read,
 * a producer for free slots. Scheduling policy, kept apart from the ring's work (the Agrona
 * IdleStrategy idea); one instance per waiting thread, it is not thread-safe.
 *
 * <p>{@link #parking} spins a little, then parks on the ring's futex doorbell, so that a quiet
 * endpoint costs no CPU on a 2-core box. {@link #spinning} never touches a doorbell, for
 * benchmarks and pinned deployments.
 *
 * <h2>Protocol</h2>
 * Before parking the waiter reads the doorbell's sequence, then checks the ring's positions, and
 * only if they still say "wait" does it await a change of that sequence. The other side stores
 * its position with release and then rings. So either the check sees the new position, or the
 * ring comes after the sequence read and the await returns at once or is woken
 * ({@link Doorbell} explains why that wake is never lost).
 *
 * <p>The decision to wait comes from the positions, never from a drain's count: a drain may
 * return early (a handler limit, a skipped slot) while more is published.
 */
public final class FusionRingWaiter {
    /** Spin iterations between clock reads in spin-only mode: nanoTime costs ~20 ns. */
    private static final int SPINS_PER_CLOCK_CHECK = 256;

    private final long spinIterations;
    private final boolean parks;
    private long parkCount;

    private FusionRingWaiter(final long spinIterations, final boolean parks) {
        if (spinIterations < 0) {
            throw new IllegalArgumentException("spin iterations must be >= 0, was " + spinIterations);
        }
        this.spinIterations = spinIterations;
        this.parks = parks;
    }

    /**
     * Re-checks the positions {@code spinIterations} times, then parks on the doorbell. The ring
     * must have been formatted {@link OneToOneFusionRing#formatWithDoorbells with doorbells}.
     */
    public static FusionRingWaiter parking(final long spinIterations) {
        return new FusionRingWaiter(spinIterations, true);
    }

    /** Only ever spins (with {@link Thread#onSpinWait()}); makes no doorbell or futex call. */
    public static FusionRingWaiter spinning() {
        return new FusionRingWaiter(0, false);
    }

    /**
     * Waits until {@code ring} has a published, unconsumed slot.
     *
     * @param timeoutNanos negative waits without limit, 0 only checks
     * @return whether the ring is non-empty (or its capability failed: the next drain says so);
     *     false only on timeout
     * @throws IllegalStateException if this waiter parks and the ring has no doorbells
     */
    public boolean awaitNotEmpty(final FusionRing ring, final long timeoutNanos) {
        return await(ring, ring.notEmptyDoorbell(), 0, timeoutNanos);
    }

    /**
     * Waits until {@code ring} has at least {@code slots} free slots.
     *
     * @param timeoutNanos negative waits without limit, 0 only checks
     * @return whether the room is there (or its capability failed: the next offer says so);
     *     false only on timeout
     * @throws IllegalArgumentException if {@code slots} is outside 1..slot count
     * @throws IllegalStateException if this waiter parks and the ring has no doorbells
     */
    public boolean awaitFreeSlots(final FusionRing ring, final int slots, final long timeoutNanos) {
        if (slots < 1 || slots > ring.slotCount()) {
            throw new IllegalArgumentException("cannot wait for " + slots + " free slots of " + ring.slotCount());
        }
        return await(ring, ring.notFullDoorbell(), slots, timeoutNanos);
    }

    /** How many times this waiter's awaits made a FUTEX_WAIT syscall. */
    public long parkCount() {
        return parkCount;
    }

    /** Whether this waiter parks (true) or only spins. */
    public boolean parks() {
        return parks;
    }

    /** {@code freeSlotsNeeded} 0 means "wait for data", otherwise "wait for that much room". */
    private boolean await(final FusionRing ring, final Doorbell doorbell, final int freeSlotsNeeded,
                          final long timeoutNanos) {
        if (parks && doorbell == null) {
            throw new IllegalStateException("a parking waiter needs a ring formatted with doorbells");
        }
        if (isReady(ring, freeSlotsNeeded)) {
            return true;
        }
        if (timeoutNanos == 0) {
            return false;
        }
        final long deadline = System.nanoTime() + timeoutNanos;
        if (!parks) {
            return spinUntil(ring, freeSlotsNeeded, timeoutNanos < 0, deadline);
        }
        for (long i = 0; i < spinIterations; i++) {
            Thread.onSpinWait();
            if (isReady(ring, freeSlotsNeeded)) {
                return true;
            }
        }
        while (true) {
            final long seen = doorbell.sequence();
            if (isReady(ring, freeSlotsNeeded)) {
                return true;
            }
            final long remaining = timeoutNanos < 0 ? -1 : deadline - System.nanoTime();
            if (timeoutNanos > 0 && remaining <= 0) {
                return false;
            }
            final long parksBefore = doorbell.parks();
            doorbell.await(seen, 0, remaining);
            parkCount += doorbell.parks() - parksBefore;
        }
    }

    private static boolean spinUntil(final FusionRing ring, final int freeSlotsNeeded, final boolean forever,
                                     final long deadline) {
        while (true) {
            for (int i = 0; i < SPINS_PER_CLOCK_CHECK; i++) {
                Thread.onSpinWait();
                if (isReady(ring, freeSlotsNeeded)) {
                    return true;
                }
            }
            if (!forever && System.nanoTime() - deadline >= 0) {
                return isReady(ring, freeSlotsNeeded);
            }
        }
    }

    /** Ready also when the ring's capability failed: the caller's next operation reports it. */
    private static boolean isReady(final FusionRing ring, final int freeSlotsNeeded) {
        return (freeSlotsNeeded == 0 ? !ring.isEmpty() : ring.freeSlots() >= freeSlotsNeeded) || ring.isRevoked();
    }
}
