package org.exoos.libposix.signal;

import java.util.Arrays;

/**
 * The per-process side of signals (Linux's signal_struct and sighand): one disposition per signal, the
 * process-directed pending set, the job-control state (stopped, and the stop or continue a parent's wait has
 * not seen yet), and the ITIMER_REAL timer.
 */
public final class SignalState {
    /** The dispositions: this process's own, or shared with others (clone(CLONE_SIGHAND), Linux's sighand). */
    private SigAction[] actions = new SigAction[Signal.NSIG + 1];
    /** Whether {@link #actions} may be shared: execve then takes a copy of its own first (unshare_sighand). */
    private boolean actionsShared;
    private final PendingSignals pending = new PendingSignals();
    private final IntervalTimer realTimer = new IntervalTimer();
    /** Every thread parks at its next return to user mode while set (a group stop). */
    private volatile boolean stopped;

    public SignalState() { Arrays.fill(actions, SigAction.DEFAULT); }

    public SigAction action(int sig) { return actions[sig]; }

    public void setAction(int sig, SigAction action) { actions[sig] = action; }

    /** fork: the child starts with the parent's dispositions (and nothing pending). */
    public synchronized void copyActionsFrom(SignalState parent) {
        synchronized (parent) {
            System.arraycopy(parent.actions, 0, actions, 0, actions.length);
        }
    }

    /** clone(CLONE_SIGHAND): the child's dispositions are the parent's own table, a change by one is the other's. */
    public synchronized void shareActionsWith(SignalState parent) {
        synchronized (parent) {
            actions = parent.actions;
            parent.actionsShared = true;
            actionsShared = true;
        }
    }

    /** execve: caught signals go back to their default action; ignored ones stay ignored. */
    public synchronized void resetHandlersForExec() {
        if (actionsShared) {
            actions = actions.clone();
            actionsShared = false;
        }
        for (int sig = 1; sig < actions.length; sig++) if (actions[sig].isHandler()) actions[sig] = SigAction.DEFAULT;
    }

    /** Signals sent to the process as a whole (kill). */
    public PendingSignals pending() { return pending; }

    /**
     * True when the signal, if it arrives, will be discarded rather than left pending: ignored explicitly or
     * by default (sig_kernel_ignore: SIGCHLD, SIGURG, SIGWINCH and SIGCONT, whose continuing happens at send).
     */
    public boolean isIgnored(int sig) {
        SigAction a = actions[sig];
        if (a.isIgnore()) return true;
        if (!a.isDefault()) return false;
        Signal.DefaultAction d = Signal.defaultAction(sig);
        return d == Signal.DefaultAction.IGNORE || d == Signal.DefaultAction.CONTINUE;
    }

    /** ITIMER_REAL: SIGALRM to the process at its expiries (setitimer, alarm). */
    public IntervalTimer realTimer() { return realTimer; }

    // ---- job control ----

    public boolean isStopped() { return stopped; }

    /** A stop signal's default action: true when this call stopped the process (it was running). */
    public synchronized boolean stop(int sig) { // sig: the stop signal, which procmgr keeps for a wait
        if (stopped) return false;
        stopped = true;
        return true;
    }

    /**
     * SIGCONT: true when the process was stopped and now runs again. What a wait reports of stops and continues
     * is procmgr's (JobControl tells it).
     */
    public synchronized boolean resume() {
        if (!stopped) return false;
        stopped = false;
        return true;
    }
}
