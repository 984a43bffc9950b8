package org.exoos.libposix.fd;

import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.microkernel.sched.SchedTask;
import org.exoos.microkernel.sched.TaskParking;

import java.util.concurrent.locks.LockSupport;

/**
 * How one guest thread sleeps in the kernel (a blocking read or write, poll, select, epoll_wait, a futex):
 * on a hart its task parks ({@link TaskParking}) and the hart runs other tasks meanwhile; off the harts (a
 * test, a server thread) its Java thread parks. Only that guest thread stops. A waiter listens to the {@link Readiness} of the files it
 * waits for and is unparked by their changes. A wait ends early when a signal the thread does not block is
 * pending (EINTR) or the task ended.
 *
 * <p>The protocol avoids lost wake-ups: {@link #begin()} and {@link #arm()} clear the woken flag before
 * the caller rechecks its condition, and a change after that sets it, so {@link #park} returns at once.
 * Files that cannot signal ({@link Readiness#notifies()} false) are rechecked after a back-off growing
 * from {@link #MIN_RECHECK_NANOS} to {@link #MAX_RECHECK_NANOS}. As a safety net, every park also ends
 * after {@link #SAFETY_NANOS}, so a signal queued by another thread that did not {@link #wake()} the
 * waiter is still seen (today a process has one thread and signals come from that thread itself).
 */
public final class Waiter implements Readiness.Listener {
    /** No deadline: wait until something happens. */
    public static final long FOREVER = Long.MAX_VALUE;
    public static final long MIN_RECHECK_NANOS = 1_000_000L, MAX_RECHECK_NANOS = 10_000_000L;
    static final long SAFETY_NANOS = 100_000_000L;

    private final PosixThread thread;
    private volatile Thread sleeper;
    /** The sleeper's task when it waits on a hart; null when its Java thread parks. */
    private volatile SchedTask sleeperTask;
    private volatile boolean woken;
    /** True while the thread is parked here: what /proc shows as S (sleeping). */
    private volatile boolean asleep;
    private long recheckNanos = MIN_RECHECK_NANOS;

    public Waiter(PosixThread thread) { this.thread = thread; }

    public PosixThread thread() { return thread; }

    /** Starts a wait on the calling Java thread: resets the back-off and arms the waiter. */
    public void begin() {
        sleeper = Thread.currentThread();
        sleeperTask = TaskParking.of(thread.task());
        recheckNanos = MIN_RECHECK_NANOS;
        woken = false;
    }

    /** True while the thread sleeps in {@link #park} (procfs state S). */
    public boolean isAsleep() { return asleep; }

    /** Clears the woken flag before the condition is checked again. */
    public void arm() { woken = false; }

    @Override
    public void readinessChanged(int events) { wake(); }

    /** Unparks the waiting thread (a signal arrived, a file changed). */
    public void wake() {
        woken = true;
        SchedTask task = sleeperTask;
        if (task != null) {
            TaskParking.unpark(task);
            return;
        }
        Thread t = sleeper;
        if (t != null) LockSupport.unpark(t);
    }

    /** True when the wait must end with EINTR: a deliverable signal is pending, or the thread is ending. */
    public boolean interrupted() {
        if (!thread.task().isAlive() || Thread.currentThread().isInterrupted()) return true;
        long pending = thread.pending().mask() | thread.process().signals().pending().mask();
        return (pending & ~(thread.blocked() & ~Signal.UNBLOCKABLE)) != 0;
    }

    /**
     * Parks until woken, the deadline ({@link System#nanoTime()} scale, or {@link #FOREVER}), or, when
     * {@code recheck} (some file cannot signal), the current back-off; then re-arms.
     */
    public void park(long deadline, boolean recheck) {
        long limit = SAFETY_NANOS;
        if (recheck) {
            limit = recheckNanos;
            recheckNanos = Math.min(recheckNanos * 2, MAX_RECHECK_NANOS);
        }
        if (deadline != FOREVER) limit = Math.min(limit, deadline - System.nanoTime());
        if (!woken && limit > 0) {
            SchedTask task = sleeperTask;
            asleep = true;
            if (task != null) {
                TaskParking.park(task, System.nanoTime() + limit);
            } else {
                LockSupport.parkNanos(this, limit);
            }
            asleep = false;
        }
        woken = false;
    }

    /** True when the deadline has passed. */
    public static boolean expired(long deadline) { return deadline != FOREVER && System.nanoTime() - deadline >= 0; }

    /** Sends SIGPIPE to the thread, as a write to a pipe without readers does (send_sig: SI_USER, from itself). */
    public void raiseSigpipe() {
        var process = thread.process();
        if (process.signals().isIgnored(Signal.SIGPIPE)) return;
        thread.pending().add(SigInfo.user(Signal.SIGPIPE, process.pid(), process.credentials().uid()));
    }
}
