package org.exoos.servers.vfs;

/**
 * The Linux error numbers the vfs returns, negated, from every request (asm-generic/errno-base.h and
 * errno.h: the riscv64 values). The servers module cannot see libposix's {@code Errno} (libposix depends on
 * servers), so the vfs keeps its own; the values are the ABI's and therefore identical.
 */
public final class VfsErrno {
    private VfsErrno() {}

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOTTY = 25;
    public static final int ETXTBSY = 26;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int ESPIPE = 29;
    public static final int EROFS = 30;
    public static final int EMLINK = 31;
    public static final int EPIPE = 32;
    public static final int ERANGE = 34;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int ENODATA = 61;
    public static final int EOVERFLOW = 75;
    public static final int EOPNOTSUPP = 95;
    public static final int ESTALE = 116;
    public static final int EDQUOT = 122;

    private static final String[] NAMES = new String[128];

    static {
        String[] pairs = {
            "1", "EPERM", "2", "ENOENT", "4", "EINTR", "5", "EIO", "6", "ENXIO", "9", "EBADF", "11", "EAGAIN",
            "12", "ENOMEM", "13", "EACCES", "14", "EFAULT", "16", "EBUSY", "17", "EEXIST", "18", "EXDEV",
            "19", "ENODEV", "20", "ENOTDIR", "21", "EISDIR", "22", "EINVAL", "23", "ENFILE", "24", "EMFILE",
            "25", "ENOTTY", "26", "ETXTBSY", "27", "EFBIG", "28", "ENOSPC", "29", "ESPIPE", "30", "EROFS",
            "31", "EMLINK", "32", "EPIPE", "34", "ERANGE", "36", "ENAMETOOLONG", "38", "ENOSYS",
            "39", "ENOTEMPTY", "40", "ELOOP", "61", "ENODATA", "75", "EOVERFLOW", "95", "EOPNOTSUPP",
            "116", "ESTALE", "122", "EDQUOT"
        };
        for (int i = 0; i < pairs.length; i += 2) {
            NAMES[Integer.parseInt(pairs[i])] = pairs[i + 1];
        }
    }

    /** The symbolic name of an error number, negated or not ({@code -2} and {@code 2} give "ENOENT"). */
    public static String name(long errno) {
        long e = Math.abs(errno);
        return e < NAMES.length && NAMES[(int) e] != null ? NAMES[(int) e] : "E" + e;
    }

    /** A result for logs and test messages: the value itself, or the errno's name when it is negative. */
    public static String describe(long result) {
        return result < 0 ? "-" + name(result) : Long.toString(result);
    }
}
