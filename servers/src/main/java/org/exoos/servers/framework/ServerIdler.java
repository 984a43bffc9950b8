package org.exoos.servers.framework;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.AtomicBuffer;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.shm.Doorbell;

/**
 * How a {@link ServerLoop} waits when it has nothing to do: spin a little, then park on the
 * futex doorbell of its inbound ring, the one the kernel rings after each commit. It keeps
 * {@link org.exoos.ipc.fusion.FusionRingWaiter}'s protocol (read the doorbell's sequence,
 * re-check, only then wait for that sequence to change) but re-checks more than the ring: a
 * wake-up asked by another thread ({@link #wakeUp()}), a stop, a revoked endpoint. That is why it
 * is not a FusionRingWaiter, which waits for its ring alone.
 *
 * <p>{@link #wakeUp()} sets a flag and then rings the same doorbell: either the loop's re-check
 * (after its sequence read) sees the flag, or the ring comes after that read and the futex wait
 * returns at once or is woken, as {@link Doorbell} argues. A spurious ring costs the kernel side
 * nothing: it only ever rings this doorbell, never waits on it.
 *
 * <p>Pure-spin channels (no doorbells) are polled with short sleeps instead. With several
 * endpoints the loop can park on one doorbell only, so it parks on the first open one for at
 * most {@link #MULTI_ENDPOINT_PARK_NANOS} and then polls them all: one channel per server is the
 * fast path.
 */
final class ServerIdler {
    /** Loop turns spent spinning before parking: a few microseconds on this 2-core box. */
    static final int SPIN_TURNS = 200;
    /** Longest park while other endpoints may receive unseen: their latency bound. */
    static final long MULTI_ENDPOINT_PARK_NANOS = 1_000_000L;
    /** Sleep between polls of a pure-spin channel. */
    static final long POLL_SLEEP_NANOS = 50_000L;

    /** What a parked loop re-checks after reading the doorbell's sequence. */
    interface Readiness {
        boolean ready();
    }

    private final Readiness readiness;
    private final Doorbell[] doorbells;
    private volatile boolean wakeRequested;
    private volatile Thread loopThread;
    private boolean closed;
    private int idleTurns;
    private long parks;

    ServerIdler(final Readiness readiness, final OneToOneFusionRing[] inbound) {
        this.readiness = readiness;
        this.doorbells = new Doorbell[inbound.length];
        for (int i = 0; i < inbound.length; i++) {
            doorbells[i] = inbound[i].hasDoorbells() ? notEmptyDoorbell(inbound[i].buffer()) : null;
        }
    }

    @SuppressWarnings("restricted") // the ring's own mapped bytes, kept mapped by the endpoint
    private static Doorbell notEmptyDoorbell(final AtomicBuffer ring) {
        final MemorySegment memory = MemorySegment.ofAddress(ring.addressOffset()).reinterpret(ring.capacity());
        return new Doorbell(memory, FusionRingDescriptor.NOT_EMPTY_DOORBELL_OFFSET);
    }

    void bindLoopThread() {
        loopThread = Thread.currentThread();
    }

    /** Takes the pending wake-up request, if any: called before the service's doWork. */
    boolean takeWakeRequest() {
        if (wakeRequested) {
            wakeRequested = false;
            return true;
        }
        return false;
    }

    boolean wakeRequested() {
        return wakeRequested;
    }

    /** From any thread: makes a parked loop return and re-run its work. */
    void wakeUp() {
        wakeRequested = true;
        synchronized (this) { // never ring memory that close() lets the endpoints unmap
            if (!closed) {
                for (final Doorbell doorbell : doorbells) {
                    if (doorbell != null) {
                        doorbell.ring();
                    }
                }
            }
        }
        final Thread thread = loopThread;
        if (thread != null) {
            LockSupport.unpark(thread); // a loop polling a pure-spin channel sleeps in parkNanos
        }
    }

    /**
     * Called after each loop turn with the work it did.
     *
     * @param parkOn     index of the endpoint whose doorbell to park on, or -1 for none open
     * @param endpoints  how many endpoints are open
     * @param limitNanos the longest park allowed (positive)
     */
    void idle(final int work, final int parkOn, final int endpoints, final long limitNanos) {
        if (work > 0) {
            idleTurns = 0;
            return;
        }
        if (++idleTurns <= SPIN_TURNS) {
            Thread.onSpinWait();
            return;
        }
        final Doorbell doorbell = parkOn >= 0 ? doorbells[parkOn] : null;
        long timeout = limitNanos;
        if (endpoints > 1) {
            timeout = Math.min(timeout, MULTI_ENDPOINT_PARK_NANOS);
        }
        if (doorbell == null) {
            if (!readiness.ready()) {
                LockSupport.parkNanos(Math.min(timeout, POLL_SLEEP_NANOS));
            }
            return;
        }
        final long seen = doorbell.sequence();
        if (readiness.ready()) {
            return;
        }
        parks++;
        doorbell.await(seen, 0, timeout);
    }

    /** Before the endpoints are closed (and their memory unmapped): wake-ups no longer ring. */
    synchronized void close() {
        closed = true;
    }

    /** How many times the loop went to park (for tests). */
    long parks() {
        return parks;
    }
}
