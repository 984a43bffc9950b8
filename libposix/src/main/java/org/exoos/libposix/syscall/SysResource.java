package org.exoos.libposix.syscall;

import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.ResourceLimits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.exoos.libposix.process.ResourceLimits.*;

/** getrlimit(2), setrlimit(2), prlimit64(2) on the calling process's limit table (what each limit bounds: {@link #ENFORCED}). */
final class SysResource {
    private SysResource() {}

    /** Which limits take effect; the others are recorded only. */
    static final String ENFORCED = "enforced: NOFILE, AS (mmap, mremap, brk), DATA (brk), STACK (the stack's size at "
            + "execve), NPROC (fork; threads are not refused); CPU, FSIZE, CORE, RSS, MEMLOCK, LOCKS, SIGPENDING, "
            + "MSGQUEUE, NICE, RTPRIO, RTTIME are recorded only";

    static void register(SyscallTable t) {
        t.addPartial("getrlimit", ENFORCED, SysResource::getrlimit);
        t.addPartial("setrlimit", ENFORCED, SysResource::setrlimit);
        t.addPartial("prlimit64", "own process only; " + ENFORCED, SysResource::prlimit64);
    }

    static long getrlimit(SyscallContext c) {
        int resource = c.argInt(0);
        if (resource < 0 || resource >= RLIM_NLIMITS) return -Errno.EINVAL;
        ResourceLimits l = c.process().limits();
        c.writeLongs(c.arg(1), l.soft(resource), l.hard(resource));
        return 0;
    }

    static long setrlimit(SyscallContext c) {
        int resource = c.argInt(0);
        if (resource < 0 || resource >= RLIM_NLIMITS) return -Errno.EINVAL;
        return update(c, c.process(), resource, c.arg(1));
    }

    static long prlimit64(SyscallContext c) {
        int pid = c.argInt(0);
        int resource = c.argInt(1);
        long newLimit = c.arg(2), oldLimit = c.arg(3);
        PosixProcess p = c.process();
        if (pid != 0 && pid != p.pid()) return -Errno.ESRCH;
        if (resource < 0 || resource >= RLIM_NLIMITS) return -Errno.EINVAL;
        ResourceLimits l = p.limits();
        long oldSoft = l.soft(resource), oldHard = l.hard(resource);
        if (newLimit != 0) {
            long r = update(c, p, resource, newLimit);
            if (r < 0) return r;
        }
        if (oldLimit != 0) c.writeLongs(oldLimit, oldSoft, oldHard);
        return 0;
    }

    /** Reads a struct rlimit and installs it, with Linux's checks. */
    private static long update(SyscallContext c, PosixProcess p, int resource, long address) {
        ByteBuffer b = ByteBuffer.wrap(c.copyIn(address, 16)).order(ByteOrder.LITTLE_ENDIAN);
        long soft = b.getLong(), hard = b.getLong();
        ResourceLimits l = p.limits();
        if (compare(soft, hard) > 0) return -Errno.EINVAL;
        boolean privileged = p.credentials().euid() == 0;
        if (compare(hard, l.hard(resource)) > 0 && !privileged) return -Errno.EPERM;
        if (resource == RLIMIT_NOFILE && compare(hard, NR_OPEN) > 0) return -Errno.EPERM;
        l.set(resource, soft, hard);
        return 0;
    }
}
