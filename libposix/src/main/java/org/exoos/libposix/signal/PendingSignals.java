package org.exoos.libposix.signal;

import java.util.ArrayDeque;

/**
 * A set of pending signals with the siginfo of each. Standard signals do not queue: one that arrives while
 * the same signal is pending is merged into it. Real-time signals (SIGRTMIN and up) queue, each instance with
 * its own siginfo, taken in the order sent, up to {@link #RT_QUEUE_LIMIT} instances per set (Linux bounds
 * them by RLIMIT_SIGPENDING; sigqueue then fails with EAGAIN). Other threads add while the owner takes: every
 * method holds the set's lock.
 */
public final class PendingSignals {
    /** Queued real-time signal instances one set may hold. */
    public static final int RT_QUEUE_LIMIT = 1024;

    private final SigInfo[] info = new SigInfo[Signal.NSIG + 1];
    /** Real-time instances after the first (which is in {@link #info}), per signal; null until needed. */
    private final ArrayDeque<?>[] more = new ArrayDeque<?>[Signal.NSIG + 1];
    private long mask;
    private int queued;

    public synchronized long mask() { return mask; }

    /** Adds the signal; false when it is a real-time signal and the queue is full (it is dropped). */
    public synchronized boolean add(SigInfo si) {
        int sig = si.signo();
        long bit = Signal.bit(sig);
        if ((mask & bit) == 0) {
            mask |= bit;
            info[sig] = si;
            if (sig >= Signal.SIGRTMIN) queued++;
            return true;
        }
        if (sig < Signal.SIGRTMIN) return true; // merged
        if (queued >= RT_QUEUE_LIMIT) return false;
        queue(sig).addLast(si);
        queued++;
        return true;
    }

    /** True when a real-time signal could be queued now (sigqueue's EAGAIN check). */
    public synchronized boolean hasRoomFor(int sig) { return sig < Signal.SIGRTMIN || queued < RT_QUEUE_LIMIT; }

    /**
     * Removes one instance of the signal and returns its siginfo, or null when it was not pending. A real-time
     * signal stays pending while more instances are queued.
     */
    public synchronized SigInfo take(int sig) {
        long bit = Signal.bit(sig);
        if ((mask & bit) == 0) return null;
        SigInfo si = info[sig];
        if (sig >= Signal.SIGRTMIN) {
            queued--;
            ArrayDeque<SigInfo> q = existing(sig);
            SigInfo next = q == null ? null : q.pollFirst();
            if (next != null) {
                info[sig] = next;
                return si;
            }
        }
        mask &= ~bit;
        info[sig] = null;
        return si;
    }

    /** Drops every pending instance of the signal (it became ignored). */
    public synchronized void discard(int sig) {
        while (take(sig) != null) {
            // each take removes one instance
        }
    }

    @SuppressWarnings("unchecked")
    private ArrayDeque<SigInfo> queue(int sig) {
        ArrayDeque<SigInfo> q = existing(sig);
        if (q == null) {
            q = new ArrayDeque<>();
            more[sig] = q;
        }
        return q;
    }

    @SuppressWarnings("unchecked")
    private ArrayDeque<SigInfo> existing(int sig) { return (ArrayDeque<SigInfo>) more[sig]; }
}
