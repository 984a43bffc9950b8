package org.exoos.libposix.signal;

import java.util.Arrays;

/** The per-process side of signals: one disposition per signal and the process-directed pending set. */
public final class SignalState {
    private final SigAction[] actions = new SigAction[Signal.NSIG + 1];
    private final PendingSignals pending = new PendingSignals();

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

    /** True when the signal, if it arrives, will be discarded rather than left pending (ignored, explicitly or by default). */
    public boolean isIgnored(int sig) {
        SigAction a = actions[sig];
        return a.isIgnore() || (a.isDefault() && Signal.defaultAction(sig) == Signal.DefaultAction.IGNORE);
    }
}
