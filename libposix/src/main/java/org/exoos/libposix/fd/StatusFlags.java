package org.exoos.libposix.fd;

/**
 * The open-file status flags F_GETFL reports and F_SETFL changes (asm-generic/fcntl.h, the values riscv64
 * uses). F_SETFL changes only {@link #SETFL_MASK}; the access mode and the creation flags stay.
 */
public final class StatusFlags {
    private StatusFlags() {}

    public static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_ACCMODE = 3;
    public static final int O_APPEND = 02000, O_NONBLOCK = 04000, O_ASYNC = 020000, O_DIRECT = 040000,
            O_LARGEFILE = 0100000, O_NOATIME = 01000000, O_CLOEXEC = 02000000;

    /** fs/fcntl.c's SETFL_MASK (O_NDELAY is O_NONBLOCK here). O_ASYNC is set only by files with fasync. */
    public static final int SETFL_MASK = O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME;

    /** The flags after F_SETFL(requested) on a file whose flags are {@code current}. */
    public static int applySetfl(int current, int requested) {
        return (requested & SETFL_MASK) | (current & ~SETFL_MASK);
    }

    public static boolean nonBlocking(int flags) { return (flags & O_NONBLOCK) != 0; }
}
