package org.exoos.boot.bench.rings;

import java.util.concurrent.TimeUnit;

/**
 * Keeps a spinning client from hanging on a peer that died or stalled: {@link #idle()} is called
 * on each empty poll and costs a spin-wait hint, an increment and a test, except every
 * 2<sup>16</sup>th call, which asks the peer whether it lives and gives up after
 * {@link #TIMEOUT_NANOS} without a reply.
 * One per waiting thread; allocates nothing until it throws.
 */
final class SpinWatch {
    /** Longest a round trip may take before the peer is declared stalled. */
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int CHECK_MASK = (1 << 16) - 1;
    /**
     * Empty polls (about 30 µs) after which a spinning side yields its core once: on two cores
     * with other work, the peer it waits for may be the thread the scheduler put aside. No round
     * trip on a quiet machine gets there.
     */
    private static final int YIELD_MASK = (1 << 10) - 1;

    private final EchoPeer peer;
    private long timeoutNanos;
    private int idleSpins;
    private boolean checked;
    private long firstCheckNanos;

    SpinWatch(final EchoPeer peer) {
        this(peer, TIMEOUT_NANOS);
    }

    SpinWatch(final EchoPeer peer, final long timeoutNanos) {
        this.peer = peer;
        this.timeoutNanos = timeoutNanos;
    }

    /** Changes the stall timeout, e.g. for the first echo of a child JVM that is still starting. */
    void timeoutNanos(final long nanos) {
        this.timeoutNanos = nanos;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** Call when a wait starts. */
    void reset() {
        idleSpins = 0;
        checked = false;
    }

    /** Call on each poll that found nothing: spins, now and then yields, rarely checks the peer. */
    void idle() {
        final int spins = ++idleSpins;
        pause(spins);
        if ((spins & CHECK_MASK) == 0) {
            check();
        }
    }

    /** One empty poll of a spinning loop, the {@code spins}-th in a row: {@link Thread#onSpinWait()}, or a yield. */
    static void pause(final int spins) {
        if ((spins & YIELD_MASK) == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    /** The slow check: liveness, then the deadline (measured from the first check of this wait). */
    void check() {
        peer.checkAlive();
        final long now = System.nanoTime();
        if (!checked) {
            checked = true;
            firstCheckNanos = now;
        } else if (now - firstCheckNanos > timeoutNanos) {
            throw new IllegalStateException("no echo within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos)
                + " s: the peer is stalled");
        }
    }
}
