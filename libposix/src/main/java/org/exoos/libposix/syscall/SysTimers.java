package org.exoos.libposix.syscall;

import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.signal.IntervalTimer;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.signal.SignalSender;
import org.exoos.servers.protocol.Errno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Interval timers: getitimer(2) and setitimer(2) (riscv64 has no alarm(2): both libcs build alarm() on
 * setitimer(ITIMER_REAL)). ITIMER_REAL counts wall time and sends the process SIGALRM (SI_KERNEL, as
 * Linux's it_real_fn) at each expiry. struct itimerval is four 64-bit words:
 * <pre>
 *  0 it_interval.tv_sec  8 it_interval.tv_usec  16 it_value.tv_sec  24 it_value.tv_usec
 * </pre>
 * The CPU-time timers (ITIMER_VIRTUAL, ITIMER_PROF) read as disarmed and cannot be armed (EINVAL): the
 * kernel keeps no per-process CPU-time accounting to expire them against yet.
 */
final class SysTimers {
    private SysTimers() {}

    static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;
    static final int ITIMERVAL_SIZE = 32;
    private static final long MICROS = 1_000_000L, NANOS_PER_MICRO = 1_000L;

    static void register(SyscallTable t) {
        t.addPartial("getitimer", "ITIMER_VIRTUAL and ITIMER_PROF always read as disarmed", SysTimers::getitimer);
        t.addPartial("setitimer", "ITIMER_VIRTUAL and ITIMER_PROF cannot be armed (EINVAL)", SysTimers::setitimer);
    }

    static long getitimer(SyscallContext c) {
        int which = c.argInt(0);
        if (which < ITIMER_REAL || which > ITIMER_PROF) return -Errno.EINVAL;
        c.copyOut(c.arg(1), current(c.process(), which));
        return 0;
    }

    /** setitimer(which, new, old): a NULL new value disarms, as Linux still accepts. */
    static long setitimer(SyscallContext c) {
        int which = c.argInt(0);
        long newValue = c.arg(1), oldValue = c.arg(2);
        if (which < ITIMER_REAL || which > ITIMER_PROF) return -Errno.EINVAL;
        long value = 0, interval = 0;
        if (newValue != 0) {
            ByteBuffer b = ByteBuffer.wrap(c.copyIn(newValue, ITIMERVAL_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
            long isec = b.getLong(0), iusec = b.getLong(8), vsec = b.getLong(16), vusec = b.getLong(24);
            if (!valid(isec, iusec) || !valid(vsec, vusec)) return -Errno.EINVAL;
            interval = nanos(isec, iusec);
            value = nanos(vsec, vusec);
        }
        PosixProcess p = c.process();
        byte[] old = oldValue != 0 ? current(p, which) : null;
        if (which != ITIMER_REAL) {
            if (value != 0) return -Errno.EINVAL;
        } else {
            p.signals().realTimer().set(value, interval, () -> {
                if (p.hasExited()) return false;
                SignalSender.toProcess(p, new SigInfo(Signal.SIGALRM, SigInfo.SI_KERNEL, 0, 0, 0));
                return true;
            });
        }
        if (old != null) c.copyOut(oldValue, old);
        return 0;
    }

    /** The itimerval of timer {@code which}: its interval and the time left, in microseconds rounded up. */
    private static byte[] current(PosixProcess p, int which) {
        ByteBuffer b = ByteBuffer.allocate(ITIMERVAL_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (which == ITIMER_REAL) {
            IntervalTimer t = p.signals().realTimer();
            long interval = ceilMicros(t.intervalNanos()), left = ceilMicros(t.remainingNanos());
            b.putLong(0, interval / MICROS).putLong(8, interval % MICROS)
                    .putLong(16, left / MICROS).putLong(24, left % MICROS);
        }
        return b.array();
    }

    private static boolean valid(long sec, long usec) { return sec >= 0 && usec >= 0 && usec < MICROS; }

    private static long nanos(long sec, long usec) {
        long max = Long.MAX_VALUE / 2;
        return sec >= max / (MICROS * NANOS_PER_MICRO) ? max : (sec * MICROS + usec) * NANOS_PER_MICRO;
    }

    private static long ceilMicros(long nanos) { return (nanos + NANOS_PER_MICRO - 1) / NANOS_PER_MICRO; }
}
