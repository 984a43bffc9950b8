package org.exoos.ipc.fusion.shm;

/**
 * Names for the host's errno values that the shared-memory calls can report. The numbers are
 * the asm-generic ones, which x86_64, aarch64 and riscv64 Linux share for every value listed.
 */
public final class HostErrno {
    public static final int EPERM = 1;
    public static final int ESRCH = 3;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ETIMEDOUT = 110;

    private HostErrno() {
    }

    /** "ENOENT (2)" for a known value, "errno 123" otherwise. */
    public static String describe(final int errno) {
        final String name = switch (errno) {
            case EPERM -> "EPERM";
            case ESRCH -> "ESRCH";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EEXIST -> "EEXIST";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENFILE -> "ENFILE";
            case EMFILE -> "EMFILE";
            case EFBIG -> "EFBIG";
            case ENOSPC -> "ENOSPC";
            case ENAMETOOLONG -> "ENAMETOOLONG";
            case ENOSYS -> "ENOSYS";
            case ETIMEDOUT -> "ETIMEDOUT";
            default -> null;
        };
        return name == null ? "errno " + errno : name + " (" + errno + ")";
    }
}
