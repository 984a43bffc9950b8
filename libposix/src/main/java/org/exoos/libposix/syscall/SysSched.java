package org.exoos.libposix.syscall;

import org.exoos.servers.protocol.Errno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

import static org.exoos.libposix.syscall.SysTime.*;

/**
 * sched_yield(2), nanosleep(2), clock_nanosleep(2). With one thread on one hart, the host thread running
 * the hart does the waiting (a scheduler will run other tasks meanwhile, later). Nothing interrupts a
 * sleep yet, so the remaining time is never written.
 */
final class SysSched {
    private SysSched() {}

    static final int TIMER_ABSTIME = 1;

    static void register(SyscallTable t) {
        t.add("sched_yield", c -> {
            Thread.yield();
            return 0;
        });
        t.add("nanosleep", SysSched::nanosleep);
        t.addPartial("clock_nanosleep", "wall and monotonic clocks; CPU-time clocks are EOPNOTSUPP", SysSched::clockNanosleep);
    }

    /** A struct timespec from user memory in nanoseconds; EINVAL when out of range. */
    private static long timespec(SyscallContext c, long va) {
        ByteBuffer b = ByteBuffer.wrap(c.copyIn(va, 16)).order(ByteOrder.LITTLE_ENDIAN);
        long sec = b.getLong(), nsec = b.getLong();
        if (sec < 0 || nsec < 0 || nsec >= NANOS) throw new ErrnoException(Errno.EINVAL);
        return sec > Long.MAX_VALUE / NANOS - 1 ? Long.MAX_VALUE : sec * NANOS + nsec;
    }

    static long nanosleep(SyscallContext c) {
        sleepFor(timespec(c, c.arg(0)));
        return 0;
    }

    static long clockNanosleep(SyscallContext c) {
        int clock = c.argInt(0), flags = c.argInt(1);
        boolean sleepable = clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC || clock == CLOCK_BOOTTIME
                || clock == CLOCK_TAI;
        if (clock == CLOCK_THREAD_CPUTIME_ID) return -Errno.EINVAL;
        if (!sleepable) return now(c, clock) < 0 ? -Errno.EINVAL : -Errno.EOPNOTSUPP;
        long ns = timespec(c, c.arg(2));
        if ((flags & TIMER_ABSTIME) != 0) {
            long remaining = ns - now(c, clock);
            if (remaining > 0) sleepFor(remaining);
        } else {
            sleepFor(ns);
        }
        return 0;
    }

    private static void sleepFor(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) LockSupport.parkNanos(left);
    }
}
