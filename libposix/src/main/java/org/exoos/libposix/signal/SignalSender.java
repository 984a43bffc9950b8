package org.exoos.libposix.signal;

import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;

/**
 * Sending a signal to another process or thread: it is queued (unless the target ignores it, when it is
 * dropped, as Linux's sig_ignored), and the target is made to notice: its threads blocked in a system call
 * are woken (their wait ends with EINTR if the signal is deliverable), and threads running user code are
 * stopped at their next preemption point to take it.
 */
public final class SignalSender {
    private SignalSender() {}

    /** A process-directed signal (kill). */
    public static void toProcess(PosixProcess target, SigInfo si) {
        if (target.hasExited()) return;
        JobControl.beforeSend(target, si.signo());
        if (ignored(target, si.signo(), target.threads().isEmpty() ? null : target.threads().get(0))) return;
        target.signals().pending().add(si);
        // Whichever thread not blocking it returns to user mode first takes it (Linux's complete_signal).
        long bit = Signal.bit(si.signo()) & ~Signal.UNBLOCKABLE;
        for (PosixThread t : target.threads()) if ((t.blocked() & bit) == 0) wake(t);
    }

    /** A thread-directed signal (tkill, tgkill). */
    public static void toThread(PosixThread target, SigInfo si) {
        if (target.process().hasExited()) return;
        JobControl.beforeSend(target.process(), si.signo());
        if (ignored(target.process(), si.signo(), target)) return;
        target.pending().add(si);
        wake(target);
    }

    /**
     * sig_ignored: an ignored signal is dropped at once, unless the thread blocks it (its disposition may
     * change before it is unblocked, and sigtimedwait may take it).
     */
    private static boolean ignored(PosixProcess p, int sig, PosixThread t) {
        if (!p.signals().isIgnored(sig)) return false;
        return t == null || (t.blocked() & Signal.bit(sig)) == 0;
    }

    private static void wake(PosixThread t) {
        if (!t.task().isAlive()) return;
        t.task().requestAttention();
        t.waiter().wake();
    }
}
