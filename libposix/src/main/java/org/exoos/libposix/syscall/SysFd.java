package org.exoos.libposix.syscall;

import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.fd.FdTable;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.Pipe;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.libposix.process.ResourceLimits;
import org.exoos.servers.vfs.locks.FlockDescriptor;

/** The fd table calls: close(2), dup(2), dup3(2), fcntl(2) for descriptors and their flags. */
final class SysFd {
    private SysFd() {}

    static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030;
    /** F_LINUX_SPECIFIC_BASE + 7 and + 8: a pipe's capacity. */
    static final int F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;
    static final int FD_CLOEXEC = 1;
    static final int O_CLOEXEC = 02000000;

    static void register(SyscallTable t) {
        t.add("close", SysFd::close);
        t.add("dup", SysFd::dup);
        t.add("dup3", SysFd::dup3);
        t.addPartial("fcntl", "F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETPIPE_SZ, "
                + "F_SETPIPE_SZ, record locks; other commands are EINVAL", SysFd::fcntl);
    }

    private static long fileLimit(SyscallContext c) {
        long soft = c.process().limits().soft(ResourceLimits.RLIMIT_NOFILE);
        return soft < 0 || soft > Integer.MAX_VALUE ? Integer.MAX_VALUE : soft;
    }

    static long close(SyscallContext c) {
        SysRecordLocks.releaseOnClose(c, c.argInt(0));
        return c.process().fds().close(c.argInt(0)) ? 0 : -Errno.EBADF;
    }

    static long dup(SyscallContext c) {
        OpenFile f = c.argFile(0);
        int fd = c.process().fds().install(f, 0, fileLimit(c), false);
        return fd < 0 ? -Errno.EMFILE : fd;
    }

    static long dup3(SyscallContext c) {
        int oldFd = c.argInt(0), newFd = c.argInt(1), flags = c.argInt(2);
        if ((flags & ~O_CLOEXEC) != 0) return -Errno.EINVAL;
        if (oldFd == newFd) return -Errno.EINVAL;
        OpenFile f = c.argFile(0);
        if (newFd < 0 || newFd >= fileLimit(c)) return -Errno.EBADF;
        SysRecordLocks.releaseOnClose(c, newFd); // replacing newFd closes it
        c.process().fds().installAt(newFd, f, (flags & O_CLOEXEC) != 0);
        return newFd;
    }

    static long fcntl(SyscallContext c) {
        OpenFile f = c.argFile(0);
        int fd = c.argInt(0), cmd = c.argInt(1);
        FdTable fds = c.process().fds();
        switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> {
                long from = c.arg(2);
                if (from < 0 || from >= fileLimit(c)) return -Errno.EINVAL;
                int n = fds.install(f, (int) from, fileLimit(c), cmd == F_DUPFD_CLOEXEC);
                return n < 0 ? -Errno.EMFILE : n;
            }
            case F_GETFD -> { return fds.closeOnExec(fd) ? FD_CLOEXEC : 0; }
            case F_SETFD -> {
                fds.setCloseOnExec(fd, (c.arg(2) & FD_CLOEXEC) != 0);
                return 0;
            }
            case F_GETFL -> { return f.statusFlags(); }
            case F_SETFL -> {
                int flags = c.argInt(2);
                return f instanceof VfsFile v ? v.setStatusFlags(c.process().fsCredentials(), flags) : f.setStatusFlags(flags);
            }
            case F_SETPIPE_SZ, F_GETPIPE_SZ -> {
                Pipe pipe = f.pipe(); // an anonymous pipe's end or a FIFO
                if (pipe == null) return -Errno.EBADF;
                return cmd == F_GETPIPE_SZ ? pipe.capacity()
                        : pipe.resize(c.arg(2), c.process().credentials().euid() == 0); // CAP_SYS_RESOURCE
            }
            case FlockDescriptor.F_GETLK, FlockDescriptor.F_SETLK, FlockDescriptor.F_SETLKW, FlockDescriptor.F_OFD_GETLK,
                 FlockDescriptor.F_OFD_SETLK, FlockDescriptor.F_OFD_SETLKW -> { return SysRecordLocks.fcntl(c, f, cmd); }
            default -> { return -Errno.EINVAL; }
        }
    }
}
