package org.exoos.servers.vfs;

/** The flags of open(2) and fcntl(F_GETFL/F_SETFL), with the asm-generic values riscv64 uses. */
public final class OpenFlags {
    private OpenFlags() {}

    public static final int O_ACCMODE = 03;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    public static final int O_ASYNC = 020000;
    public static final int O_DIRECT = 040000;
    public static final int O_LARGEFILE = 0100000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_SYNC = 04000000 | O_DSYNC;
    public static final int O_PATH = 010000000;
    public static final int O_TMPFILE = 020000000 | O_DIRECTORY;

    /** The flags F_SETFL may change (fs/fcntl.c SETFL_MASK); the others keep their value. */
    public static final int SETFL_MASK = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;

    /** The flags that O_PATH keeps; every other flag is ignored with it (build_open_flags). */
    public static final int O_PATH_KEEPS = O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;

    /**
     * Whether the access mode grants reading. Access mode 3 opens with both permissions checked but grants
     * neither (Linux's OPEN_FMODE), so read and write on it fail with EBADF.
     */
    public static boolean canRead(int flags) {
        int acc = flags & O_ACCMODE;
        return (flags & O_PATH) == 0 && (acc == O_RDONLY || acc == O_RDWR);
    }

    public static boolean canWrite(int flags) {
        int acc = flags & O_ACCMODE;
        return (flags & O_PATH) == 0 && (acc == O_WRONLY || acc == O_RDWR);
    }
}
