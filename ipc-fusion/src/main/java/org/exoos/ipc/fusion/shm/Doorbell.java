package org.exoos.ipc.fusion.shm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * A futex doorbell in shared memory that costs the ringer a syscall only when a waiter has said
 * it sleeps (the io_uring {@code SQ_NEED_WAKEUP} idea). Layout: {@link DoorbellDescriptor}.
 *
 * <p>{@link #ring()} atomically increments the sequence word, then reads the sleepers word and
 * calls {@code FUTEX_WAKE} only if it is non-zero. {@link #await} spins on the sequence for a
 * while, then increments sleepers, re-reads the sequence, and only if it is still the one the
 * caller has seen does it {@code FUTEX_WAIT} on the sequence word expecting that value; it
 * decrements sleepers when it wakes.
 *
 * <h2>Why no wake-up is lost</h2>
 * Every access to both words is a volatile access (the increments are atomic read-modify-writes,
 * {@code lock xadd} on x86, a full barrier), so the four accesses below fall into one total order
 * that respects each side's program order:
 * <pre>
 *   ringer:  (R1) sequence += 1      (R2) read sleepers
 *   waiter:  (W1) sleepers += 1      (W2) read sequence, then FUTEX_WAIT(sequence, seen)
 * </pre>
 * If W2 comes after R1, the waiter sees the new sequence and does not sleep. Otherwise W2 comes
 * before R1, so W1 does too, and R2 (after R1) sees sleepers &ge; 1 and the ringer wakes. That
 * wake either finds the waiter queued on the futex, or precedes its queuing; in the latter case
 * the kernel's own check inside FUTEX_WAIT (done atomically with queuing, under the futex hash
 * bucket lock) reads the sequence, which R1 already changed, and returns EAGAIN. Either way the
 * waiter does not sleep through the ring. The futex word is the sequence itself, not the flag,
 * which is what makes that last kernel check meaningful.
 *
 * <p>Several threads may ring and several may await. The sequence is a 32-bit counter carried in
 * a {@code long} (unsigned); a waiter would only miss a ring if exactly 2<sup>32</sup> rings
 * happened between its reading the sequence and its waiting.
 *
 * <p>The counters are per instance (not shared): each process sees its own wakes and parks.
 */
public final class Doorbell {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final int WAKE_ALL = Integer.MAX_VALUE;

    private final MemorySegment segment;
    private final long sequenceOffset;
    private final long sleepersOffset;
    private final LongAdder wakesIssued = new LongAdder();
    private final LongAdder parks = new LongAdder();

    /** A doorbell whose words start at {@code offset}, which must be 4-byte aligned. */
    public Doorbell(final MemorySegment segment, final long offset) {
        this.segment = segment;
        this.sequenceOffset = offset + DoorbellDescriptor.SEQUENCE_OFFSET;
        this.sleepersOffset = offset + DoorbellDescriptor.SLEEPERS_OFFSET;
        Futex.wordAddress(segment, sequenceOffset);
        Futex.wordAddress(segment, sleepersOffset);
    }

    /** The current sequence, as an unsigned 32-bit value. */
    public long sequence() {
        return Integer.toUnsignedLong((int) INT.getVolatile(segment, sequenceOffset));
    }

    /**
     * Advances the sequence and wakes the waiters if any said they sleep.
     *
     * @return the new sequence
     */
    public long ring() {
        final int next = (int) INT.getAndAdd(segment, sequenceOffset, 1) + 1;
        if ((int) INT.getVolatile(segment, sleepersOffset) != 0) {
            Futex.wake(segment, sequenceOffset, WAKE_ALL);
            wakesIssued.increment();
        }
        return Integer.toUnsignedLong(next);
    }

    /**
     * Waits until the sequence differs from {@code seenSequence}.
     *
     * @param spinIterations how many times to re-read the sequence (with {@link Thread#onSpinWait()})
     *                       before parking
     * @param timeoutNanos   how long to park in total; 0 only spins, negative parks without limit
     * @return the sequence now; equal to {@code seenSequence} only if the wait timed out
     */
    public long await(final long seenSequence, final long spinIterations, final long timeoutNanos) {
        final int seen = (int) seenSequence;
        int current = (int) INT.getVolatile(segment, sequenceOffset);
        for (long i = 0; current == seen && i < spinIterations; i++) {
            Thread.onSpinWait();
            current = (int) INT.getVolatile(segment, sequenceOffset);
        }
        if (current != seen || timeoutNanos == 0) {
            return Integer.toUnsignedLong(current);
        }
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            final long remaining = timeoutNanos < 0 ? -1 : deadline - System.nanoTime();
            if (timeoutNanos > 0 && remaining <= 0) {
                return Integer.toUnsignedLong(seen);
            }
            INT.getAndAdd(segment, sleepersOffset, 1);
            try {
                current = (int) INT.getVolatile(segment, sequenceOffset);
                if (current != seen) {
                    return Integer.toUnsignedLong(current);
                }
                parks.increment();
                // The result does not matter: WOKEN may be spurious and the others say nothing
                // about the sequence, so every outcome re-reads it.
                Futex.wait(segment, sequenceOffset, seen, remaining);
            } finally {
                INT.getAndAdd(segment, sleepersOffset, -1);
            }
            current = (int) INT.getVolatile(segment, sequenceOffset);
            if (current != seen) {
                return Integer.toUnsignedLong(current);
            }
        }
    }

    /** How many times {@link #ring()} on this instance made a FUTEX_WAKE syscall. */
    public long wakesIssued() {
        return wakesIssued.sum();
    }

    /** How many times {@link #await} on this instance made a FUTEX_WAIT syscall. */
    public long parks() {
        return parks.sum();
    }
}
