package org.exoos.libposix.time;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's timer wheel: one daemon thread that runs expiry actions (a timerfd becoming readable) at their
 * time, so that a poll or epoll_wait parked on such a file wakes when the timer fires. The action itself must
 * be short and must not block: it only signals a wait queue.
 */
public final class KernelTimers {
    private static final ScheduledThreadPoolExecutor WHEEL = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "kernel-timers");
        t.setDaemon(true);
        return t;
    });

    static {
        WHEEL.setRemoveOnCancelPolicy(true); // a disarmed timer leaves nothing behind
    }

    private KernelTimers() {}

    /** Runs the action once, {@code delayNanos} from now (at once if not positive). */
    public static ScheduledFuture<?> after(long delayNanos, Runnable action) {
        return WHEEL.schedule(action, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
}
