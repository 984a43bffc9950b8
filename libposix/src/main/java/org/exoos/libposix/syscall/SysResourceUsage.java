package org.exoos.libposix.syscall;

import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.ResourceUsage;
import org.exoos.servers.protocol.Errno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * getrusage(2) and times(2), and the struct rusage wait4/waitid fill: CPU time as the scheduler's tick
 * charged it (user code or kernel, as Linux's tick accounting does; a machine without the scheduler charges
 * nothing), and minor page faults. The other rusage fields stay 0: maxrss and the I/O and IPC counts are not
 * kept.
 */
final class SysResourceUsage {
    private SysResourceUsage() {}

    static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;

    /**
     * struct rusage on a 64-bit ABI (144 bytes):
     * <pre>
     *   0 ru_utime  (tv_sec, tv_usec)     16 ru_stime (tv_sec, tv_usec)
     *  32 ru_maxrss   40 ru_ixrss  48 ru_idrss  56 ru_isrss   64 ru_minflt  72 ru_majflt
     *  80 ru_nswap    88 ru_inblock 96 ru_oublock 104 ru_msgsnd 112 ru_msgrcv 120 ru_nsignals
     * 128 ru_nvcsw   136 ru_nivcsw
     * </pre>
     */
    static final int RUSAGE_SIZE = 144, UTIME = 0, STIME = 16, MINFLT = 64;
    /** USER_HZ: the clock ticks of times(2) (and /proc). */
    static final long USER_HZ = 100;

    static void register(SyscallTable t) {
        t.addPartial("getrusage", "CPU times (tick-sampled) and minor faults; maxrss and the I/O, IPC and switch "
                + "counts are 0", SysResourceUsage::getrusage);
        t.add("times", SysResourceUsage::times);
    }

    static long getrusage(SyscallContext c) {
        int who = c.argInt(0);
        ResourceUsage u = switch (who) {
            case RUSAGE_SELF -> c.process().selfUsage();
            case RUSAGE_CHILDREN -> c.process().childrenUsage();
            case RUSAGE_THREAD -> ResourceUsage.of(c.thread().task());
            default -> null;
        };
        if (u == null) return -Errno.EINVAL;
        c.copyOut(c.arg(1), encode(u));
        return 0;
    }

    /** times(buf): the process's and its reaped children's times in clock ticks; returns ticks since boot. */
    static long times(SyscallContext c) {
        PosixProcess p = c.process();
        long buf = c.arg(0);
        if (buf != 0) {
            ResourceUsage self = p.selfUsage(), children = p.childrenUsage();
            ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(ticks(self.userNanos())).putLong(ticks(self.systemNanos()))
                    .putLong(ticks(children.userNanos())).putLong(ticks(children.systemNanos()));
            c.copyOut(buf, b.array());
        }
        return ticks(System.nanoTime() - c.linux().bootNanoTime());
    }

    /** A struct rusage for {@code u}. */
    static byte[] encode(ResourceUsage u) {
        ByteBuffer b = ByteBuffer.allocate(RUSAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        timeval(b, UTIME, u.userNanos());
        timeval(b, STIME, u.systemNanos());
        b.putLong(MINFLT, u.minorFaults());
        return b.array();
    }

    private static void timeval(ByteBuffer b, int at, long nanos) {
        b.putLong(at, nanos / 1_000_000_000L).putLong(at + 8, nanos % 1_000_000_000L / 1_000);
    }

    private static long ticks(long nanos) { return nanos / (1_000_000_000L / USER_HZ); }
}
