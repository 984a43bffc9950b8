package org.exoos.servers.vfs.hostfs;

/**
 * The open(2) and *at(2) flag values of the host the JVM runs on. Most are the same on every Linux
 * architecture hostfs runs on, but arm64 numbers O_DIRECTORY and O_NOFOLLOW differently from the generic
 * values (its asm/fcntl.h), so those two are chosen by {@code os.arch}; x86_64 and riscv64 use the generic
 * ones (asm-generic/fcntl.h).
 */
final class HostOpenFlags {
    private HostOpenFlags() {}

    private static final boolean ARM64 = "aarch64".equals(System.getProperty("os.arch"));

    static final int O_RDONLY = 0;
    static final int O_WRONLY = 01;
    static final int O_RDWR = 02;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_NONBLOCK = 04000;
    static final int O_DSYNC = 010000;
    static final int O_SYNC = 04010000;
    static final int O_DIRECTORY = ARM64 ? 040000 : 0200000;
    static final int O_NOFOLLOW = ARM64 ? 0100000 : 0400000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;

    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_REMOVEDIR = 0x200;
    static final int AT_EMPTY_PATH = 0x1000;

    static final int SEEK_SET = 0;

    /** utimensat's "leave this time alone" (linux/stat.h). */
    static final long UTIME_OMIT = (1L << 30) - 2;
}
