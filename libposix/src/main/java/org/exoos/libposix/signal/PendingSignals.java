package org.exoos.libposix.signal;

/**
 * A set of pending signals with the siginfo of each. Standard signals do not queue: one that arrives while
 * the same signal is pending is merged into it. Other threads add while the owner takes: every method holds
 * the set's lock.
 */
public final class PendingSignals {
    private final SigInfo[] info = new SigInfo[Signal.NSIG + 1];
    private long mask;

    public synchronized long mask() { return mask; }

    public synchronized void add(SigInfo si) {
        long bit = Signal.bit(si.signo());
        if ((mask & bit) != 0) return;
        mask |= bit;
        info[si.signo()] = si;
    }

    /** Removes the signal and returns its siginfo, or null when it was not pending. */
    public synchronized SigInfo take(int sig) {
        long bit = Signal.bit(sig);
        if ((mask & bit) == 0) return null;
        mask &= ~bit;
        SigInfo si = info[sig];
        info[sig] = null;
        return si;
    }

    public void discard(int sig) { take(sig); }
}
