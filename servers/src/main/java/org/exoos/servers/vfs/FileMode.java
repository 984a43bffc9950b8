package org.exoos.servers.vfs;

/**
 * The bits of {@code st_mode} (linux/stat.h): the file type in the top four bits, then set-user-id,
 * set-group-id and sticky, then the nine permission bits; and the {@code d_type} of a directory entry, which
 * Linux derives from the type ({@code (mode >> 12) & 15}).
 */
public final class FileMode {
    private FileMode() {}

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;

    public static final int S_IRWXU = 0700;
    public static final int S_IRUSR = 0400;
    public static final int S_IWUSR = 0200;
    public static final int S_IXUSR = 0100;
    public static final int S_IRWXG = 070;
    public static final int S_IXGRP = 010;
    public static final int S_IRWXO = 07;

    /** Every permission bit, as {@code S_IRWXUGO}. */
    public static final int S_IRWXUGO = 0777;
    /** Permission bits plus set-id and sticky: what chmod may change ({@code S_IALLUGO}). */
    public static final int S_IALLUGO = 07777;
    /** Any execute bit. */
    public static final int S_IXUGO = 0111;

    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    public static int type(int mode) {
        return mode & S_IFMT;
    }

    public static boolean isDirectory(int mode) {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public static boolean isRegular(int mode) {
        return (mode & S_IFMT) == S_IFREG;
    }

    public static boolean isSymlink(int mode) {
        return (mode & S_IFMT) == S_IFLNK;
    }

    public static boolean isCharDevice(int mode) {
        return (mode & S_IFMT) == S_IFCHR;
    }

    public static boolean isBlockDevice(int mode) {
        return (mode & S_IFMT) == S_IFBLK;
    }

    /** Character or block device, FIFO or socket: the types whose data does not live in the file system. */
    public static boolean isSpecial(int mode) {
        int t = mode & S_IFMT;
        return t == S_IFCHR || t == S_IFBLK || t == S_IFIFO || t == S_IFSOCK;
    }

    /** The directory-entry type Linux reports for a file of this mode. */
    public static int direntType(int mode) {
        return (mode >>> 12) & 15;
    }
}
