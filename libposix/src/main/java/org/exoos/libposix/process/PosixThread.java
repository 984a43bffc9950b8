package org.exoos.libposix.process;

import org.exoos.libposix.fd.Waiter;
import org.exoos.libposix.signal.PendingSignals;
import org.exoos.libposix.signal.SyscallRestart;
import org.exoos.libposix.sync.FutexWaiter;
import org.exoos.microkernel.task.Task;

/**
 * The Linux side of one thread: its thread id, blocked and pending signals, its alternate signal stack,
 * and the addresses glibc and musl register at startup (set_tid_address, set_robust_list). Lives in the
 * task's personality slot.
 */
public final class PosixThread {
    /** ss_flags of sigaltstack(2). */
    public static final int SS_ONSTACK = 1, SS_DISABLE = 2;

    private final Task task;
    private final PosixProcess process;
    private final int tid;
    private final PendingSignals pending = new PendingSignals();
    private volatile long blocked;
    /** The mask to restore on return to user mode after a call that set a temporary one (ppoll, pselect6, epoll_pwait). */
    private long savedBlocked;
    private boolean restoreBlocked;
    private final Waiter waiter = new Waiter(this);
    private final FutexWaiter futexWaiter = new FutexWaiter(waiter);
    private final SyscallRestart syscallRestart = new SyscallRestart();
    private long altStackSp, altStackSize;
    private int altStackFlags = SS_DISABLE;
    private volatile long clearChildTid;
    private volatile long robustListHead;
    private volatile long robustListLength;

    public PosixThread(Task task, PosixProcess process, int tid) {
        this.task = task;
        this.process = process;
        this.tid = tid;
        task.setPersonalityState(this);
        process.threads().add(this);
    }

    /** The thread of a task that runs under libposix. */
    public static PosixThread of(Task task) { return (PosixThread) task.personalityState(); }

    public Task task() { return task; }
    public PosixProcess process() { return process; }
    public int tid() { return tid; }

    public long blocked() { return blocked; }
    public void setBlocked(long mask) { blocked = mask; }

    /**
     * Blocks {@code mask} for the rest of a system call, remembering the current mask: it comes back on
     * return to user mode, or, if a handler runs first, when it returns (its frame saves the old mask), as
     * Linux's set_restore_sigmask does.
     */
    public void setTemporaryBlocked(long mask) {
        if (!restoreBlocked) savedBlocked = blocked;
        restoreBlocked = true;
        blocked = mask;
    }

    /** The mask a signal frame saves: the one before a temporary mask, if any. */
    public long maskToSave() { return restoreBlocked ? savedBlocked : blocked; }

    /** Puts back the mask saved by {@link #setTemporaryBlocked} (no handler ran, or the call ended normally). */
    public void restoreBlocked() {
        if (restoreBlocked) blocked = savedBlocked;
        restoreBlocked = false;
    }

    /** A handler frame saved the mask: nothing is left to restore. */
    public void forgetSavedBlocked() { restoreBlocked = false; }

    /** How this thread sleeps in blocking calls, and is woken. */
    public Waiter waiter() { return waiter; }

    /** This thread's entry in a futex queue, reused by every futex wait. */
    public FutexWaiter futexWaiter() { return futexWaiter; }

    /** Whether the system call a signal interrupted is restarted or ends with EINTR. */
    public SyscallRestart syscallRestart() { return syscallRestart; }

    /** Signals sent to this thread (tkill, tgkill, faults). */
    public PendingSignals pending() { return pending; }

    public long altStackSp() { return altStackSp; }
    public long altStackSize() { return altStackSize; }
    /** SS_DISABLE, or 0 (plus SS_AUTODISARM bits) when an alternate stack is set. */
    public int altStackFlags() { return altStackFlags; }
    public void setAltStack(long sp, long size, int flags) {
        altStackSp = sp;
        altStackSize = size;
        altStackFlags = flags;
    }

    /** True when sp lies on the alternate signal stack. */
    public boolean onAltStack(long sp) {
        return (altStackFlags & SS_DISABLE) == 0 && sp > altStackSp && sp - altStackSp <= altStackSize;
    }

    public long clearChildTid() { return clearChildTid; }
    public void setClearChildTid(long address) { clearChildTid = address; }

    /** Set when the thread's run loop ended: no hart runs it any more. */
    private volatile boolean runEnded;

    public boolean runEnded() { return runEnded; }
    public void markRunEnded() { runEnded = true; }

    public long robustListHead() { return robustListHead; }
    public long robustListLength() { return robustListLength; }
    public void setRobustList(long head, long length) {
        robustListHead = head;
        robustListLength = length;
    }
}
