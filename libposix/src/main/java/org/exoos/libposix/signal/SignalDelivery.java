package org.exoos.libposix.signal;

import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.microkernel.task.UserContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acting on signals as a thread returns to user mode: default actions (terminate, stop, ignore), and running a
 * handler by pushing a {@link SignalFrame} and redirecting the thread to it, with ra pointing at the
 * rt_sigreturn trampoline. One handler is started per return to user mode; further pending signals are
 * taken at the next one (the rt_sigreturn that ends the handler, at the latest). A system call that a signal
 * interrupted is restarted or ends with EINTR here ({@link SyscallRestart}).
 */
public final class SignalDelivery {
    private SignalDelivery() {}

    private static final Logger log = LoggerFactory.getLogger(SignalDelivery.class);

    /** Delivers the thread's deliverable pending signals, lowest number first. */
    public static void deliverPending(PosixThread thread) {
        PosixProcess process = thread.process();
        while (thread.task().isAlive()) {
            if (process.signals().isStopped()) JobControl.parkWhileStopped(thread); // another thread stopped the process
            long deliverable = (thread.pending().mask() | process.signals().pending().mask())
                    & ~(thread.blocked() & ~Signal.UNBLOCKABLE);
            if (deliverable == 0) {
                thread.restoreBlocked();
                thread.syscallRestart().noHandler(thread.task().context());
                return;
            }
            // SIGKILL first (it ends a stopped process at once); then the lowest number, as Linux's dequeue
            int sig = (deliverable & Signal.bit(Signal.SIGKILL)) != 0 ? Signal.SIGKILL
                    : Long.numberOfTrailingZeros(deliverable) + 1;
            SigInfo si = thread.pending().take(sig);
            if (si == null) si = process.signals().pending().take(sig);
            if (si == null) continue; // another thread took the process-wide one meanwhile
            SigAction action = process.signals().action(sig);
            if (sig == Signal.SIGKILL || action.isDefault()) {
                defaultAction(thread, sig);
            } else if (action.isHandler()) {
                startHandler(thread, si, action);
                return;
            }
            // SIG_IGN: dropped
        }
    }

    /**
     * A synchronous fault: runs the handler if one is installed and the signal is not blocked; otherwise
     * (default, ignored or blocked) the process dies of it, as Linux's force_sig_fault does.
     */
    public static void deliverFault(PosixThread thread, SigInfo si) {
        SigAction action = thread.process().signals().action(si.signo());
        if (action.isHandler() && (thread.blocked() & Signal.bit(si.signo())) == 0) {
            startHandler(thread, si, action);
        } else {
            log.debug("pid {}: killed by {} (fault at 0x{})", thread.process().pid(), Signal.name(si.signo()),
                    Long.toHexString(si.addr()));
            thread.process().killBy(si.signo());
        }
    }

    private static void defaultAction(PosixThread thread, int sig) {
        PosixProcess process = thread.process();
        switch (Signal.defaultAction(sig)) {
            case TERMINATE, CORE -> {
                log.debug("pid {}: killed by {}", process.pid(), Signal.name(sig));
                process.killBy(sig);
            }
            case STOP -> JobControl.stop(thread, sig);
            case IGNORE, CONTINUE -> { }
        }
    }

    /** Pushes the frame and points the thread at the handler; a stack that cannot take the frame is fatal. */
    static void startHandler(PosixThread thread, SigInfo si, SigAction action) {
        UserContext ctx = thread.task().context();
        PosixProcess process = thread.process();
        thread.syscallRestart().beforeHandler(ctx, action.flags()); // the frame saves the restarted call, or EINTR
        long sp = ctx.x[UserContext.SP];
        boolean altEnabled = (thread.altStackFlags() & PosixThread.SS_DISABLE) == 0;
        boolean onAlt = thread.onAltStack(sp);
        if ((action.flags() & SigAction.SA_ONSTACK) != 0 && altEnabled && !onAlt) {
            sp = thread.altStackSp() + thread.altStackSize();
        }
        long frame = (sp - SignalFrame.SIZE) & -16L;
        int ssFlags = !altEnabled ? PosixThread.SS_DISABLE : onAlt ? PosixThread.SS_ONSTACK : 0;
        byte[] bytes = SignalFrame.encode(ctx, si, thread.maskToSave(), thread.altStackSp(), ssFlags, thread.altStackSize());
        if (!thread.task().addressSpace().copyOut(frame, bytes, 0, bytes.length)) {
            log.debug("pid {}: no room for a {} frame at 0x{}: SIGSEGV", process.pid(), Signal.name(si.signo()),
                    Long.toHexString(frame));
            process.killBy(Signal.SIGSEGV);
            return;
        }
        ctx.x[UserContext.SP] = frame;
        ctx.x[UserContext.RA] = process.sigreturnTrampoline();
        ctx.x[UserContext.A0] = si.signo();
        ctx.x[UserContext.A0 + 1] = frame + SignalFrame.INFO;
        ctx.x[UserContext.A0 + 2] = frame + SignalFrame.UCONTEXT;
        ctx.pc = action.handler();
        long block = action.mask() | ((action.flags() & SigAction.SA_NODEFER) == 0 ? Signal.bit(si.signo()) : 0);
        thread.setBlocked((thread.blocked() | block) & ~Signal.UNBLOCKABLE);
        thread.forgetSavedBlocked(); // the frame holds the mask to restore
        if ((action.flags() & SigAction.SA_RESETHAND) != 0) process.signals().setAction(si.signo(), SigAction.DEFAULT);
    }
}
