package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.Waiter;
import org.exoos.libposix.signal.SyscallRestart;
import org.exoos.servers.protocol.Errno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.exoos.libposix.syscall.SysTime.*;

/**
 * sched_yield(2), nanosleep(2), clock_nanosleep(2) and restart_syscall(2). A sleep parks the thread's
 * {@link Waiter}; a signal it does not block ends it with EINTR and the remaining time written (relative
 * sleeps), or, when no handler runs, restart_syscall continues it to the same deadline.
 */
final class SysSched {
    private SysSched() {}

    static final int TIMER_ABSTIME = 1;

    static void register(SyscallTable t) {
        t.add("nanosleep", SysSched::nanosleep);
        t.addPartial("clock_nanosleep", "wall and monotonic clocks; CPU-time clocks are EOPNOTSUPP", SysSched::clockNanosleep);
        t.add("restart_syscall", SysSched::restartSyscall);
    }

    /** A struct timespec from user memory in nanoseconds; EINVAL when out of range. */
    private static long timespec(SyscallContext c, long va) {
        ByteBuffer b = ByteBuffer.wrap(c.copyIn(va, 16)).order(ByteOrder.LITTLE_ENDIAN);
        long sec = b.getLong(), nsec = b.getLong();
        if (sec < 0 || nsec < 0 || nsec >= NANOS) throw new ErrnoException(Errno.EINVAL);
        return sec > Long.MAX_VALUE / NANOS - 1 ? Long.MAX_VALUE : sec * NANOS + nsec;
    }

    static long nanosleep(SyscallContext c) {
        long ns = timespec(c, c.arg(0));
        return sleepUntil(c, CLOCK_MONOTONIC, deadlineAfter(ns), c.arg(1));
    }

    static long clockNanosleep(SyscallContext c) {
        int clock = c.argInt(0), flags = c.argInt(1);
        boolean sleepable = clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC || clock == CLOCK_BOOTTIME
                || clock == CLOCK_TAI;
        if (clock == CLOCK_THREAD_CPUTIME_ID) return -Errno.EINVAL;
        if (!sleepable) return now(c, clock) < 0 ? -Errno.EINVAL : -Errno.EOPNOTSUPP;
        long ns = timespec(c, c.arg(2));
        if ((flags & TIMER_ABSTIME) != 0) {
            // an absolute sleep writes no remaining time; restarted, it ends at the same instant
            return sleepUntil(c, clock, deadlineAfter(ns - now(c, clock)), 0);
        }
        return sleepUntil(c, clock, deadlineAfter(ns), c.arg(3));
    }

    /**
     * restart_syscall: a sleep a signal interrupted without running a handler (a stop, then SIGCONT) goes on
     * to the deadline it noted, as Linux's restart block does.
     */
    static long restartSyscall(SyscallContext c) {
        SyscallRestart r = c.thread().syscallRestart();
        return sleepUntil(c, r.clock(), r.deadline(), r.remainAddress());
    }

    private static long deadlineAfter(long nanos) {
        long now = System.nanoTime();
        return nanos >= Long.MAX_VALUE - now ? Waiter.FOREVER : now + Math.max(0, nanos);
    }

    /**
     * Sleeps until the deadline ({@link System#nanoTime()} scale) or a signal the thread does not block:
     * then EINTR, with the time left written to {@code remain} (unless 0) and noted for restart_syscall.
     */
    private static long sleepUntil(SyscallContext c, int clock, long deadline, long remain) {
        Waiter w = c.thread().waiter();
        w.begin();
        while (!Waiter.expired(deadline)) {
            if (w.interrupted()) {
                long left = deadline == Waiter.FOREVER ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) return 0;
                if (remain != 0) c.writeLongs(remain, left / NANOS, left % NANOS);
                c.thread().syscallRestart().noteSleep(clock, deadline, remain);
                return -Errno.EINTR;
            }
            w.park(deadline, false);
        }
        return 0;
    }
}
