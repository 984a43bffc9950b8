package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.EventFd;
import org.exoos.libposix.fd.FdTable;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.PipeEnd;
import org.exoos.libposix.fd.StatusFlags;
import org.exoos.libposix.process.ResourceLimits;
import org.exoos.servers.protocol.Errno;

/**
 * The in-kernel files: pipe2(2) and eventfd2(2). Neither needs a server, as Linux keeps them in pipefs and
 * anon_inodefs; they block only the calling thread ({@link org.exoos.libposix.fd.Waiter}).
 */
final class SysPipe {
    private SysPipe() {}

    /** O_NOTIFICATION_PIPE (O_EXCL): a watch-queue pipe, which this kernel lacks (as Linux without CONFIG_WATCH_QUEUE: ENOPKG). */
    static final int O_NOTIFICATION_PIPE = 0200;
    static final int PIPE2_FLAGS = StatusFlags.O_CLOEXEC | StatusFlags.O_NONBLOCK | StatusFlags.O_DIRECT | O_NOTIFICATION_PIPE;
    static final int EVENTFD_FLAGS = EventFd.EFD_CLOEXEC | EventFd.EFD_NONBLOCK | EventFd.EFD_SEMAPHORE;

    static void register(SyscallTable t) {
        t.addPartial("pipe2", "O_NOTIFICATION_PIPE is ENOPKG (no watch queues)", SysPipe::pipe2);
        t.add("eventfd2", SysPipe::eventfd2);
    }

    static long fileLimit(SyscallContext c) {
        long soft = c.process().limits().soft(ResourceLimits.RLIMIT_NOFILE);
        return soft < 0 || soft > Integer.MAX_VALUE ? Integer.MAX_VALUE : soft;
    }

    /** Installs a new file at the lowest free fd; EMFILE (closing the file) when none is free. */
    static long install(SyscallContext c, OpenFile f, boolean cloexec) {
        int fd = c.process().fds().install(f, 0, fileLimit(c), cloexec);
        if (fd < 0) {
            f.close();
            return -Errno.EMFILE;
        }
        return fd;
    }

    static long pipe2(SyscallContext c) {
        long fdsAddr = c.arg(0);
        int flags = c.argInt(1);
        if ((flags & ~PIPE2_FLAGS) != 0) return -Errno.EINVAL;
        if ((flags & O_NOTIFICATION_PIPE) != 0) return -Errno.ENOPKG;
        var cred = c.process().credentials();
        PipeEnd[] ends = PipeEnd.create(flags, cred.euid(), cred.egid());
        boolean cloexec = (flags & StatusFlags.O_CLOEXEC) != 0;
        FdTable fds = c.process().fds();
        long limit = fileLimit(c);
        int readFd = fds.install(ends[0], 0, limit, cloexec);
        int writeFd = readFd < 0 ? -1 : fds.install(ends[1], 0, limit, cloexec);
        if (writeFd < 0) {
            if (readFd >= 0) fds.close(readFd); else ends[0].close();
            ends[1].close();
            return -Errno.EMFILE;
        }
        try {
            c.copyOut(fdsAddr, new byte[]{(byte) readFd, (byte) (readFd >> 8), (byte) (readFd >> 16), (byte) (readFd >> 24),
                    (byte) writeFd, (byte) (writeFd >> 8), (byte) (writeFd >> 16), (byte) (writeFd >> 24)});
        } catch (ErrnoException e) {
            fds.close(readFd);
            fds.close(writeFd);
            throw e;
        }
        return 0;
    }

    static long eventfd2(SyscallContext c) {
        long initval = c.argUint(0);
        int flags = c.argInt(1);
        if ((flags & ~EVENTFD_FLAGS) != 0) return -Errno.EINVAL;
        return install(c, new EventFd(initval, flags), (flags & EventFd.EFD_CLOEXEC) != 0);
    }
}
