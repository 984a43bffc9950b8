package org.exoos.libposix.syscall;

import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.OpenFile;


/** lseek(2) and fstat(2), on whatever file an fd holds; the path calls are {@link SysVfs}. */
final class SysFile {
    private SysFile() {}

    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100, AT_EACCESS = 0x200, AT_NO_AUTOMOUNT = 0x800, AT_EMPTY_PATH = 0x1000;
    static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;
    static final int F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;

    static void register(SyscallTable t) {
        t.add("lseek", SysFile::lseek);
        t.add("fstat", SysFile::fstat);
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

    private static long statInto(SyscallContext c, OpenFile f, long buf) {
        FileStat st = new FileStat();
        long r = f.stat(st);
        if (r < 0) return r;
        c.copyOut(buf, st.encode());
        return 0;
    }
}
