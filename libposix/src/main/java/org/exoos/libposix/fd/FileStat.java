package org.exoos.libposix.fd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fields of a struct stat, and their encoding as the riscv64 kernel's struct stat (asm-generic/stat.h):
 * <pre>
 *   0 st_dev u64     8 st_ino u64      16 st_mode u32   20 st_nlink u32   24 st_uid u32  28 st_gid u32
 *  32 st_rdev u64   40 __pad1         48 st_size i64    56 st_blksize i32 60 __pad2
 *  64 st_blocks i64 72 st_atime i64   80 st_atime_nsec  88 st_mtime       96 st_mtime_nsec
 * 104 st_ctime     112 st_ctime_nsec 120 __unused4 u32 124 __unused5 u32      (128 bytes)
 * </pre>
 */
public final class FileStat {
    public static final int SIZE = 128;

    public static final int S_IFMT = 0170000, S_IFSOCK = 0140000, S_IFLNK = 0120000, S_IFREG = 0100000,
            S_IFBLK = 0060000, S_IFDIR = 0040000, S_IFCHR = 0020000, S_IFIFO = 0010000;

    public long dev, ino, rdev, size, blocks;
    public int mode, nlink, uid, gid, blksize;
    public long atimeSec, atimeNsec, mtimeSec, mtimeNsec, ctimeSec, ctimeNsec;

    /** glibc's makedev: the dev_t encoding Linux uses for st_dev and st_rdev. */
    public static long makedev(long major, long minor) {
        return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, dev).putLong(8, ino).putInt(16, mode).putInt(20, nlink).putInt(24, uid).putInt(28, gid)
                .putLong(32, rdev).putLong(48, size).putInt(56, blksize).putLong(64, blocks)
                .putLong(72, atimeSec).putLong(80, atimeNsec).putLong(88, mtimeSec).putLong(96, mtimeNsec)
                .putLong(104, ctimeSec).putLong(112, ctimeNsec);
        return b.array();
    }
}
