package org.exoos.libposix.syscall;

import org.exoos.libposix.time.RealtimeClock;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.service.VfsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * clock_gettime(2), clock_getres(2), gettimeofday(2), clock_settime(2), settimeofday(2). Wall time is the
 * machine's {@link RealtimeClock} (the host's plus what a program set it to, never changing the host's); the
 * monotonic clocks count from this kernel's boot; CPU time is the host thread's that runs the guest thread.
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

    /** Linux's TIME_SETTOD_SEC_MAX: KTIME_SEC_MAX less 30 years of uptime, so CLOCK_REALTIME never overflows. */
    static final long SETTOD_SEC_MAX = Long.MAX_VALUE / NANOS - 30L * 365 * 24 * 3600;
    /** settimeofday's tz_minuteswest must lie within +-15 hours. */
    static final int MAX_MINUTES_WEST = 15 * 60;
    static final long MICROS = 1_000_000L;

    private static final Logger log = LoggerFactory.getLogger(SysTime.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static void register(SyscallTable t) {
        t.add("clock_gettime", SysTime::clockGettime);
        t.add("clock_getres", SysTime::clockGetres);
        t.add("gettimeofday", SysTime::gettimeofday);
        t.add("clock_settime", SysTime::clockSettime);
        t.add("settimeofday", SysTime::settimeofday);
    }

    /** The clock's current value in nanoseconds, or -1 when the id names no clock we have. */
    static long now(SyscallContext c, int clock) {
        if (clock < 0) return cpuClockOf(c, clock) ? cpuTime() : -1;
        return switch (clock) {
            case CLOCK_REALTIME, CLOCK_TAI -> c.linux().realtime().nowNanos();
            case CLOCK_REALTIME_COARSE -> c.linux().realtime().coarseNanos();
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
        if (c.arg(1) != 0) { // struct timezone: two ints, as settimeofday last set them
            RealtimeClock clock = c.linux().realtime();
            c.writeLongs(c.arg(1), clock.minutesWest() & 0xffff_ffffL | (long) clock.dstTime() << 32);
        }
        return 0;
    }

    /**
     * clock_settime(2), as Linux 6.1's: only CLOCK_REALTIME has a clock_set (EINVAL for the others, which
     * cannot be set); a task's CPU clock has one that always refuses (EPERM, EINVAL for no such task). The
     * timespec is read (EFAULT) before its value is checked (EINVAL) and before the privilege (EPERM).
     */
    static long clockSettime(SyscallContext c) {
        int clock = c.argInt(0);
        boolean cpuClock = clock < 0 && (clock & CPUCLOCK_CLOCK_MASK) != CPUCLOCK_MAX;
        if (clock != CLOCK_REALTIME && !cpuClock) return -Errno.EINVAL;
        ByteBuffer ts = ByteBuffer.wrap(c.copyIn(c.arg(1), 16)).order(ByteOrder.LITTLE_ENDIAN);
        if (cpuClock) return cpuClockOf(c, clock) ? -Errno.EPERM : -Errno.EINVAL;
        return setTimeOfDay(c, true, ts.getLong(), ts.getLong(), false, 0, 0);
    }

    /**
     * settimeofday(2), as Linux 6.1's: either pointer may be NULL; a tv_usec outside 0..1000000 is EINVAL
     * (1000000 then fails as a whole second of nanoseconds). Both structs are read (EFAULT) before anything
     * is checked.
     */
    static long settimeofday(SyscallContext c) {
        long tvAddress = c.arg(0), tzAddress = c.arg(1);
        long sec = 0, nsec = 0;
        if (tvAddress != 0) {
            ByteBuffer tv = ByteBuffer.wrap(c.copyIn(tvAddress, 16)).order(ByteOrder.LITTLE_ENDIAN);
            sec = tv.getLong();
            long usec = tv.getLong();
            if (usec > MICROS || usec < 0) return -Errno.EINVAL;
            nsec = usec * 1000;
        }
        int minutesWest = 0, dstTime = 0;
        if (tzAddress != 0) {
            ByteBuffer tz = ByteBuffer.wrap(c.copyIn(tzAddress, 8)).order(ByteOrder.LITTLE_ENDIAN);
            minutesWest = tz.getInt();
            dstTime = tz.getInt();
        }
        return setTimeOfDay(c, tvAddress != 0, sec, nsec, tzAddress != 0, minutesWest, dstTime);
    }

    /**
     * Linux's do_sys_settimeofday64: the time's range, then CAP_SYS_TIME (an euid of 0 here, asked even when
     * nothing is set), then the timezone, then the time. Linux's one-time warp of the clock by the first
     * timezone set alone (for an RTC kept in local time) is not done: this clock comes from the host's, in UTC.
     */
    private static long setTimeOfDay(SyscallContext c, boolean hasTime, long sec, long nsec, boolean hasZone,
                                     int minutesWest, int dstTime) {
        if (hasTime && (sec < 0 || nsec < 0 || nsec >= NANOS || sec >= SETTOD_SEC_MAX)) return -Errno.EINVAL;
        if (!c.process().credentials().isPrivileged()) return -Errno.EPERM;
        RealtimeClock clock = c.linux().realtime();
        if (hasZone) {
            if (minutesWest > MAX_MINUTES_WEST || minutesWest < -MAX_MINUTES_WEST) return -Errno.EINVAL;
            clock.setTimezone(minutesWest, dstTime);
        }
        if (!hasTime) return 0;
        long target = sec * NANOS + nsec;
        // do_settimeofday64 keeps wall_to_monotonic negative: the wall clock may not go back before boot
        if (target < System.nanoTime() - c.linux().bootNanoTime()) return -Errno.EINVAL;
        synchronized (clock) { // the vfs learns the offsets in the order the kernel takes them
            long offset = clock.set(target);
            VfsClient vfs = c.linux().vfs();
            int rc = vfs == null ? 0 : vfs.setClockOffset(offset);
            if (rc < 0) log.warn("vfs: file times keep the old clock: {}", Errno.describeResult(rc));
        }
        return 0;
    }
}
