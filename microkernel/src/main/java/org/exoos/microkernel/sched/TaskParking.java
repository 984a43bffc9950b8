package org.exoos.microkernel.sched;

import jdk.internal.vm.Continuation;

import org.exoos.microkernel.task.Task;

import java.util.concurrent.locks.LockSupport;

/**
 * How kernel code blocks a task without holding its hart: {@link #park} on a hart gives the hart to other
 * tasks until {@link #unpark} or the deadline, and the task may continue on another hart. Code that is not
 * on a hart (a server thread, a test) gets null from {@link #current()} and parks its own thread instead.
 * The semantics are LockSupport's: a park may return early (spuriously), and an unpark before the park makes
 * the park return at once; callers recheck their condition in a loop.
 */
public final class TaskParking {
    /** No deadline. */
    public static final long FOREVER = Long.MAX_VALUE;

    private TaskParking() {}

    /**
     * The scheduler's record of the task, for the task's own code running on a hart; null when no scheduler
     * runs it (each task on a host thread of its own, or a test) or the caller is not on a hart. Kernel code
     * names the task it serves rather than asking its host thread: see {@link Task#schedulerState()}.
     */
    public static SchedTask of(Task task) {
        return task.schedulerState() instanceof SchedTask t && HartRunner.currentRunner() != null ? t : null;
    }

    /** The hart the task is running on, or -1 when no scheduler runs it. */
    public static int cpuOf(Task task) {
        HartRunner h = task.schedulerState() instanceof SchedTask t ? t.runner : null;
        return h == null ? -1 : h.id;
    }

    /**
     * Blocks the calling task (which must be {@code self}, from {@link #of}) until unparked or the
     * deadline ({@link System#nanoTime()} scale, or {@link #FOREVER}). If the continuation cannot yield (a
     * native frame pins it), the hart's thread parks instead, and the hart waits with it.
     */
    public static void park(SchedTask self, long deadline) {
        if (self.permit) {
            self.permit = false;
            return;
        }
        if (deadline != FOREVER && System.nanoTime() - deadline >= 0) return;
        HartScheduler s = self.scheduler;
        if (deadline != FOREVER) s.timer.arm(self, deadline);
        self.yieldReason = SchedTask.YIELD_PARK;
        self.parks++;
        self.state = SchedTask.PARKING;
        if (!Continuation.yield(SchedTask.SCOPE)) {
            self.pinnedCarrier = Thread.currentThread();
            self.state = SchedTask.PINNED;
            if (!self.permit) {
                if (deadline == FOREVER) LockSupport.park(self);
                else LockSupport.parkNanos(self, deadline - System.nanoTime());
            }
            self.state = SchedTask.RUNNING;
            self.pinnedCarrier = null;
        }
        self.permit = false;
        if (deadline != FOREVER) s.timer.cancel(self);
    }

    /**
     * Waits about {@code nanos} for something to poll again: the task parks if the caller is one on a hart
     * (the hart runs others meanwhile, perhaps the very tasks being waited for), else the thread does.
     */
    public static void sleepNanos(Task task, long nanos) {
        SchedTask self = of(task);
        if (self != null) park(self, System.nanoTime() + nanos);
        else LockSupport.parkNanos(nanos);
    }

    /** Makes the task runnable if it is parked, or makes its next park return at once. */
    public static void unpark(SchedTask task) { task.scheduler.unpark(task); }

    /**
     * sched_yield: the calling task goes to the back of its queue and the hart picks again (perhaps the same
     * task, when nothing else waits). False when not on a hart.
     */
    public static boolean yieldNow(Task task) {
        SchedTask self = of(task);
        if (self == null) return false;
        self.yieldReason = SchedTask.YIELD_VOLUNTARY;
        return Continuation.yield(SchedTask.SCOPE);
    }
}
