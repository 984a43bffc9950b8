package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.TimerFd;
import org.exoos.servers.protocol.Errno;

/**
 * timerfd_create(2), timerfd_settime(2) and timerfd_gettime(2): timers read as file descriptors, kernel objects
 * like eventfd ({@link TimerFd}). struct itimerspec on riscv64 is four 64-bit words: it_interval {sec, nsec},
 * it_value {sec, nsec}.
 */
final class SysTimerFd {
    private SysTimerFd() {}

    static final long NANOS = 1_000_000_000L;
    static final int CREATE_FLAGS = TimerFd.TFD_CLOEXEC | TimerFd.TFD_NONBLOCK;
    static final int SETTIME_FLAGS = TimerFd.TFD_TIMER_ABSTIME | TimerFd.TFD_TIMER_CANCEL_ON_SET;

    static void register(SyscallTable t) {
        t.addPartial("timerfd_create", "the alarm clocks are timers like the others (nothing suspends)", SysTimerFd::create);
        t.addPartial("timerfd_settime", "TFD_TIMER_CANCEL_ON_SET never cancels, and an armed absolute realtime"
                + " timer keeps its deadline when the clock is set", SysTimerFd::settime);
        t.add("timerfd_gettime", SysTimerFd::gettime);
    }

    static long create(SyscallContext c) {
        int clock = c.argInt(0), flags = c.argInt(1);
        if ((flags & ~CREATE_FLAGS) != 0) return -Errno.EINVAL;
        switch (clock) {
            case SysTime.CLOCK_REALTIME, SysTime.CLOCK_MONOTONIC, SysTime.CLOCK_BOOTTIME -> { }
            case SysTime.CLOCK_REALTIME_ALARM, SysTime.CLOCK_BOOTTIME_ALARM -> {
                // CAP_WAKE_ALARM: a privileged process only.
                if (c.process().credentials().euid() != 0) return -Errno.EPERM;
            }
            default -> { return -Errno.EINVAL; }
        }
        return SysPipe.install(c, new TimerFd(clock, flags), (flags & TimerFd.TFD_CLOEXEC) != 0);
    }

    private static TimerFd timerFd(SyscallContext c) {
        OpenFile f = c.argFile(0);
        if (!(f instanceof TimerFd t)) throw new ErrnoException(Errno.EINVAL);
        return t;
    }

    /** timerfd_settime(fd, flags, new, old). */
    static long settime(SyscallContext c) {
        int flags = c.argInt(1);
        TimerFd timer = timerFd(c);
        if ((flags & ~SETTIME_FLAGS) != 0) return -Errno.EINVAL;
        // TFD_TIMER_CANCEL_ON_SET only means something with ABSTIME on a realtime clock; elsewhere Linux ignores it.
        boolean absolute = (flags & TimerFd.TFD_TIMER_ABSTIME) != 0;
        long at = c.arg(2);
        long intervalSec = c.readLong(at), intervalNsec = c.readLong(at + 8);
        long valueSec = c.readLong(at + 16), valueNsec = c.readLong(at + 24);
        if (!valid(intervalSec, intervalNsec) || !valid(valueSec, valueNsec)) return -Errno.EINVAL;
        long interval = nanos(intervalSec, intervalNsec), value = nanos(valueSec, valueNsec);
        boolean disarm = value == 0;
        long first;
        if (absolute) {
            // From the timer's clock to the monotonic scale: the clock's reading now gives the offset.
            long clockNow = SysTime.now(c, baseClock(timer.clockId()));
            first = System.nanoTime() + saturatingSubtract(value, clockNow);
        } else {
            first = System.nanoTime() + value;
        }
        long[] old = new long[2];
        timer.set(disarm, first, interval, old);
        long oldAt = c.arg(3);
        if (oldAt != 0) writeItimerspec(c, oldAt, old);
        return 0;
    }

    static long gettime(SyscallContext c) {
        TimerFd timer = timerFd(c);
        long[] now = new long[2];
        timer.get(now);
        writeItimerspec(c, c.arg(1), now);
        return 0;
    }

    private static void writeItimerspec(SyscallContext c, long va, long[] remainingAndInterval) {
        long remaining = remainingAndInterval[0], interval = remainingAndInterval[1];
        c.writeLongs(va, interval / NANOS, interval % NANOS, remaining / NANOS, remaining % NANOS);
    }

    private static boolean valid(long sec, long nsec) { return sec >= 0 && nsec >= 0 && nsec < NANOS; }

    private static long nanos(long sec, long nsec) {
        return sec > Long.MAX_VALUE / NANOS - 1 ? Long.MAX_VALUE / 2 : sec * NANOS + nsec;
    }

    private static long saturatingSubtract(long a, long b) {
        long d = a - b;
        return ((a ^ b) & (a ^ d)) < 0 ? (a < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2) : d;
    }

    /** The clock an alarm clock reads. */
    private static int baseClock(int clock) {
        return switch (clock) {
            case SysTime.CLOCK_REALTIME_ALARM -> SysTime.CLOCK_REALTIME;
            case SysTime.CLOCK_BOOTTIME_ALARM -> SysTime.CLOCK_BOOTTIME;
            default -> clock;
        };
    }
}
