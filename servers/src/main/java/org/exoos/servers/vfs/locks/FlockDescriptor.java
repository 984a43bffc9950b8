package org.exoos.servers.vfs.locks;

/**
 * The fcntl(2) record-lock commands and the riscv64 {@code struct flock} (asm-generic/fcntl.h; 64-bit, so
 * F_GETLK64 and friends are the same numbers):
 * <pre>
 *   0: l_type i16   2: l_whence i16   4: (pad)   8: l_start i64   16: l_len i64   24: l_pid i32   28: (pad)
 *                                                                                          (32 bytes)
 * </pre>
 */
public final class FlockDescriptor {
    public static final int F_GETLK = 5;
    public static final int F_SETLK = 6;
    public static final int F_SETLKW = 7;
    /** Open-file-description locks: owned by the open file, not the process (Linux 3.15). */
    public static final int F_OFD_GETLK = 36;
    public static final int F_OFD_SETLK = 37;
    public static final int F_OFD_SETLKW = 38;

    public static final int F_RDLCK = 0;
    public static final int F_WRLCK = 1;
    public static final int F_UNLCK = 2;

    public static final int TYPE_OFFSET = 0;
    public static final int WHENCE_OFFSET = 2;
    public static final int START_OFFSET = 8;
    public static final int LEN_OFFSET = 16;
    public static final int PID_OFFSET = 24;
    public static final int SIZE = 32;

    /** Linux's OFFSET_MAX: a lock of l_len 0 reaches it ("to end of file", however the file grows). */
    public static final long OFFSET_MAX = Long.MAX_VALUE;

    private FlockDescriptor() {
    }

    public static boolean isLockCommand(int cmd) {
        return (cmd >= F_GETLK && cmd <= F_SETLKW) || (cmd >= F_OFD_GETLK && cmd <= F_OFD_SETLKW);
    }

    public static boolean isOfd(int cmd) {
        return cmd >= F_OFD_GETLK && cmd <= F_OFD_SETLKW;
    }

    public static boolean isGet(int cmd) {
        return cmd == F_GETLK || cmd == F_OFD_GETLK;
    }

    public static boolean isWait(int cmd) {
        return cmd == F_SETLKW || cmd == F_OFD_SETLKW;
    }
}
