package org.exoos.libposix.signal;

import org.exoos.libposix.fd.Waiter;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.process.ProcessTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping and continuing a process (Linux's group stop, do_signal_stop and the SIGCONT side of
 * prepare_signal). The thread that takes a stop signal with its default action stops the process: the parent
 * is told (SIGCHLD with CLD_STOPPED, unless it set SA_NOCLDSTOP, and its waits are woken), the other threads
 * are asked to notice, and every thread parks at its next return to user mode until SIGCONT or SIGKILL.
 * Threads blocked in a system call stay blocked until their wait ends, then park.
 */
public final class JobControl {
    private JobControl() {}

    private static final Logger log = LoggerFactory.getLogger(JobControl.class);

    /** The stop signals: SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU. */
    public static final long STOP_SIGNALS = Signal.bit(Signal.SIGSTOP) | Signal.bit(Signal.SIGTSTP)
            | Signal.bit(Signal.SIGTTIN) | Signal.bit(Signal.SIGTTOU);

    public static boolean isStopSignal(int sig) { return (Signal.bit(sig) & STOP_SIGNALS) != 0; }

    /** A stop signal's default action, on the thread that took it: stops the process and parks the thread. */
    static void stop(PosixThread thread, int sig) {
        PosixProcess p = thread.process();
        if (p.signals().stop(sig)) {
            log.debug("pid {}: stopped by {}", p.pid(), Signal.name(sig));
            for (PosixThread t : p.threads()) {
                if (t != thread && t.task().isAlive()) t.task().requestAttention();
            }
            notifyParent(p, SigInfo.CLD_STOPPED, sig);
        }
        parkWhileStopped(thread);
    }

    /** Parks the thread while its process is stopped, until SIGCONT, a pending SIGKILL or the process's end. */
    static void parkWhileStopped(PosixThread thread) {
        PosixProcess p = thread.process();
        Waiter w = thread.waiter();
        w.begin();
        while (p.signals().isStopped() && thread.task().isAlive() && !killPending(thread)) w.park(Waiter.FOREVER, false);
    }

    private static boolean killPending(PosixThread t) {
        return ((t.pending().mask() | t.process().signals().pending().mask()) & Signal.bit(Signal.SIGKILL)) != 0;
    }

    /**
     * What sending {@code sig} does before it is queued (prepare_signal): SIGCONT discards pending stop
     * signals and continues a stopped process (telling the parent, CLD_CONTINUED); a stop signal discards a
     * pending SIGCONT. Both happen even when the signal itself is then ignored.
     */
    static void beforeSend(PosixProcess target, int sig) {
        if (sig == Signal.SIGCONT) {
            discard(target, STOP_SIGNALS);
            if (target.signals().resume()) {
                log.debug("pid {}: continued", target.pid());
                for (PosixThread t : target.threads()) t.waiter().wake();
                notifyParent(target, SigInfo.CLD_CONTINUED, Signal.SIGCONT);
            }
        } else if (isStopSignal(sig)) {
            discard(target, Signal.bit(Signal.SIGCONT));
        } else if (sig == Signal.SIGKILL) {
            for (PosixThread t : target.threads()) t.waiter().wake(); // a stopped process dies too
        }
    }

    private static void discard(PosixProcess p, long set) {
        for (long m = set; m != 0; m &= m - 1) {
            int sig = Long.numberOfTrailingZeros(m) + 1;
            p.signals().pending().discard(sig);
            for (PosixThread t : p.threads()) t.pending().discard(sig);
        }
    }

    /**
     * do_notify_parent_cldstop: procmgr keeps the stop or continue for a wait and names the parent, which gets
     * SIGCHLD with {@code code} unless its SIGCHLD is ignored or has SA_NOCLDSTOP; its waits are woken in any case.
     */
    static void notifyParent(PosixProcess child, int code, int status) {
        ProcessTree family = child.family();
        if (family == null) return; // a process no process manager knows of (a test's bare process)
        PosixProcess parent = code == SigInfo.CLD_STOPPED ? family.stopped(child, status) : family.continued(child);
        if (parent == null) return;
        SigAction a = parent.signals().action(Signal.SIGCHLD);
        if (!a.isIgnore() && (a.flags() & SigAction.SA_NOCLDSTOP) == 0) {
            SignalSender.toProcess(parent, SigInfo.child(code, child.pid(), child.credentials().uid(), status));
        }
        for (PosixThread t : parent.threads()) t.waiter().wake();
    }
}
