package org.exoos.libposix.signal;

import java.util.Arrays;

/**
 * The per-process side of signals (Linux's signal_struct and sighand): one disposition per signal, the
 * process-directed pending set, the job-control state (stopped, and the stop or continue a parent's wait has
 * not seen yet), and the ITIMER_REAL timer.
 */
public final class SignalState {
    private final SigAction[] actions = new SigAction[Signal.NSIG + 1];
    private final PendingSignals pending = new PendingSignals();
    private final IntervalTimer realTimer = new IntervalTimer();
    /** Every thread parks at its next return to user mode while set (a group stop). */
    private volatile boolean stopped;
    /** The stop signal a WUNTRACED wait has not reported yet, or 0 (Linux's group_exit_code). */
    private int unreportedStop;
    /** A continue a WCONTINUED wait has not reported yet (SIGNAL_STOP_CONTINUED). */
    private boolean unreportedContinue;

    public SignalState() { Arrays.fill(actions, SigAction.DEFAULT); }

    public SigAction action(int sig) { return actions[sig]; }

    public void setAction(int sig, SigAction action) { actions[sig] = action; }

    /** fork: the child starts with the parent's dispositions (and nothing pending). */
    public synchronized void copyActionsFrom(SignalState parent) {
        synchronized (parent) {
            System.arraycopy(parent.actions, 0, actions, 0, actions.length);
        }
    }

    /** execve: caught signals go back to their default action; ignored ones stay ignored. */
    public synchronized void resetHandlersForExec() {
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
    public synchronized boolean stop(int sig) {
        if (stopped) return false;
        stopped = true;
        unreportedStop = sig;
        unreportedContinue = false;
        return true;
    }

    /** SIGCONT: true when the process was stopped and now runs again; a stop not yet reported is forgotten. */
    public synchronized boolean resume() {
        if (!stopped) return false;
        stopped = false;
        unreportedStop = 0;
        unreportedContinue = true;
        return true;
    }

    /** The stop signal for a WUNTRACED/WSTOPPED wait, or 0; consumed unless {@code peek} (WNOWAIT). */
    public synchronized int takeStopReport(boolean peek) {
        int sig = stopped ? unreportedStop : 0;
        if (!peek) unreportedStop = 0;
        return sig;
    }

    /** Whether a WCONTINUED wait has a continue to report; consumed unless {@code peek} (WNOWAIT). */
    public synchronized boolean takeContinueReport(boolean peek) {
        boolean c = unreportedContinue;
        if (!peek) unreportedContinue = false;
        return c;
    }
}
