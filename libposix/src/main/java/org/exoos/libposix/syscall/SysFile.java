package org.exoos.libposix.syscall;

import org.exoos.libposix.Errno;
import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.OpenFile;

import java.nio.charset.StandardCharsets;

/**
 * The file calls a program meets before there is a file system: fstat, close and lseek on the fds it has,
 * readlink of /proc/self/exe, and honest ENOENT for every path lookup (no VFS yet).
 */
final class SysFile {
    private SysFile() {}

    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100, AT_EACCESS = 0x200, AT_NO_AUTOMOUNT = 0x800, AT_EMPTY_PATH = 0x1000;
    static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;
    static final int F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;

    static void register(SyscallTable t) {
        t.addPartial("openat", "no file system yet: every path is ENOENT", SysFile::openat);
        t.add("lseek", SysFile::lseek);
        t.add("fstat", SysFile::fstat);
        t.addPartial("newfstatat", "AT_EMPTY_PATH on an fd only; paths are ENOENT (no file system yet)", SysFile::newfstatat);
        t.addPartial("faccessat", "no file system yet: every path is ENOENT", SysFile::faccessat);
        t.addPartial("readlinkat", "/proc/self/exe only; other paths are ENOENT", SysFile::readlinkat);
    }

    static long openat(SyscallContext c) {
        byte[] path = c.readPath(c.arg(1));
        if (path.length == 0) return -Errno.ENOENT;
        return -Errno.ENOENT;
    }

    static long lseek(SyscallContext c) {
        OpenFile f = c.argFile(0);
        int whence = c.argInt(2);
        if (whence < SEEK_SET || whence > SEEK_HOLE) return -Errno.EINVAL;
        return f.seek(c.arg(1), whence);
    }

    static long fstat(SyscallContext c) {
        return statInto(c, c.argFile(0), c.arg(1));
    }

    static long newfstatat(SyscallContext c) {
        int flags = c.argInt(3);
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        byte[] path = c.readPath(c.arg(1));
        if (path.length == 0) {
            if ((flags & AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
            if (c.argInt(0) == AT_FDCWD) return -Errno.ENOENT; // the working directory: no file system yet
            return statInto(c, c.argFile(0), c.arg(2));
        }
        return -Errno.ENOENT;
    }

    private static long statInto(SyscallContext c, OpenFile f, long buf) {
        FileStat st = new FileStat();
        long r = f.stat(st);
        if (r < 0) return r;
        c.copyOut(buf, st.encode());
        return 0;
    }

    static long faccessat(SyscallContext c) {
        int mode = c.argInt(2);
        if ((mode & ~(R_OK | W_OK | X_OK)) != 0) return -Errno.EINVAL;
        c.readPath(c.arg(1));
        return -Errno.ENOENT;
    }

    static long readlinkat(SyscallContext c) {
        byte[] path = c.readPath(c.arg(1));
        int size = c.argInt(3);
        if (size <= 0) return -Errno.EINVAL;
        String p = new String(path, StandardCharsets.UTF_8);
        if (!p.equals("/proc/self/exe") && !p.equals("/proc/" + c.process().pid() + "/exe")) {
            return -Errno.ENOENT;
        }
        byte[] target = c.process().executable().getBytes(StandardCharsets.UTF_8);
        int n = Math.min(size, target.length); // readlink does not NUL-terminate, and truncates silently
        c.copyOut(c.arg(2), target, 0, n);
        return n;
    }
}
