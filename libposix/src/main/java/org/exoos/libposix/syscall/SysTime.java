package org.exoos.libposix.syscall;

import org.exoos.servers.protocol.Errno;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/**
 * clock_gettime(2), clock_getres(2), gettimeofday(2). Wall time is the host's; the monotonic clocks count
 * from this kernel's boot; CPU time is the host thread's that runs the guest thread.
 */
final class SysTime {
    private SysTime() {}

    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2,
            CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5,
            CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9,
            CLOCK_TAI = 11;
    /** Dynamic CPU clock ids (pthread_getcpuclockid, clock_getcpuclockid): ~pid << 3 | per-thread bit | which. */
    static final int CPUCLOCK_PERTHREAD_MASK = 4, CPUCLOCK_CLOCK_MASK = 3, CPUCLOCK_MAX = 3;
    static final long NANOS = 1_000_000_000L;
    /** Resolution of the coarse clocks, which read the host's millisecond clock. */
    static final long COARSE_RESOLUTION = 1_000_000L;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static void register(SyscallTable t) {
        t.add("clock_gettime", SysTime::clockGettime);
        t.add("clock_getres", SysTime::clockGetres);
        t.add("gettimeofday", SysTime::gettimeofday);
    }

    /** The clock's current value in nanoseconds, or -1 when the id names no clock we have. */
    static long now(SyscallContext c, int clock) {
        if (clock < 0) return cpuClockOf(c, clock) ? cpuTime() : -1;
        return switch (clock) {
            case CLOCK_REALTIME, CLOCK_TAI -> {
                Instant i = Instant.now();
                yield i.getEpochSecond() * NANOS + i.getNano();
            }
            case CLOCK_REALTIME_COARSE -> System.currentTimeMillis() * 1_000_000L;
            case CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME -> System.nanoTime() - c.linux().bootNanoTime();
            case CLOCK_MONOTONIC_COARSE -> (System.nanoTime() - c.linux().bootNanoTime()) / COARSE_RESOLUTION * COARSE_RESOLUTION;
            case CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID -> cpuTime();
            default -> -1; // the alarm clocks need an RTC with alarms, which this machine lacks
        };
    }

    /** True when a negative clock id names the CPU clock of this process or of the calling thread. */
    private static boolean cpuClockOf(SyscallContext c, int clock) {
        if ((clock & CPUCLOCK_CLOCK_MASK) == CPUCLOCK_MAX) return false; // an fd clock
        int pid = ~(clock >> 3);
        if (pid == 0) return true;
        return (clock & CPUCLOCK_PERTHREAD_MASK) != 0 ? pid == c.thread().tid() : pid == c.process().pid();
    }

    private static long cpuTime() {
        long t = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return t >= 0 ? t : System.nanoTime();
    }

    static long clockGettime(SyscallContext c) {
        long ns = now(c, c.argInt(0));
        if (ns < 0) return -Errno.EINVAL;
        c.writeLongs(c.arg(1), ns / NANOS, ns % NANOS);
        return 0;
    }

    static long clockGetres(SyscallContext c) {
        int clock = c.argInt(0);
        if (now(c, clock) < 0) return -Errno.EINVAL;
        long res = clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE ? COARSE_RESOLUTION : 1;
        if (c.arg(1) != 0) c.writeLongs(c.arg(1), 0, res);
        return 0;
    }

    static long gettimeofday(SyscallContext c) {
        if (c.arg(0) != 0) {
            long ns = now(c, CLOCK_REALTIME);
            c.writeLongs(c.arg(0), ns / NANOS, ns % NANOS / 1000);
        }
        if (c.arg(1) != 0) c.writeLongs(c.arg(1), 0); // struct timezone: minutes west 0, no DST (two ints)
        return 0;
    }
}
