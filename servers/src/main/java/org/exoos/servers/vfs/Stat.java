package org.exoos.servers.vfs;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The attributes of a file, as stat(2) reports them: filled in place by {@link FileSystem#getattr} so that a
 * request allocates nothing; a server keeps one per thread. Times are in seconds and nanoseconds since the
 * epoch. {@link #encode} writes the riscv64 kernel's {@code struct stat} (asm-generic/stat.h):
 * <pre>
 *   0 st_dev u64      8 st_ino u64       16 st_mode u32    20 st_nlink u32   24 st_uid u32   28 st_gid u32
 *  32 st_rdev u64    40 __pad1 u64       48 st_size i64    56 st_blksize i32 60 __pad2 i32
 *  64 st_blocks i64  72 st_atime i64     80 st_atime_nsec  88 st_mtime       96 st_mtime_nsec
 * 104 st_ctime      112 st_ctime_nsec   120 __unused4 u32 124 __unused5 u32                    (128 bytes)
 * </pre>
 */
public final class Stat {
    public static final int STRUCT_STAT_SIZE = 128;

    public long dev;
    public long ino;
    public int mode;
    public int nlink;
    public int uid;
    public int gid;
    public long rdev;
    public long size;
    public int blksize;
    /** In 512-byte units. */
    public long blocks;
    public long atimeSec;
    public long atimeNsec;
    public long mtimeSec;
    public long mtimeNsec;
    public long ctimeSec;
    public long ctimeNsec;

    public void clear() {
        dev = ino = rdev = size = blocks = 0;
        mode = nlink = uid = gid = blksize = 0;
        atimeSec = atimeNsec = mtimeSec = mtimeNsec = ctimeSec = ctimeNsec = 0;
    }

    public void setAtime(long epochNanos) {
        atimeSec = Math.floorDiv(epochNanos, 1_000_000_000L);
        atimeNsec = Math.floorMod(epochNanos, 1_000_000_000L);
    }

    public void setMtime(long epochNanos) {
        mtimeSec = Math.floorDiv(epochNanos, 1_000_000_000L);
        mtimeNsec = Math.floorMod(epochNanos, 1_000_000_000L);
    }

    public void setCtime(long epochNanos) {
        ctimeSec = Math.floorDiv(epochNanos, 1_000_000_000L);
        ctimeNsec = Math.floorMod(epochNanos, 1_000_000_000L);
    }

    public long atimeNanos() {
        return atimeSec * 1_000_000_000L + atimeNsec;
    }

    public long mtimeNanos() {
        return mtimeSec * 1_000_000_000L + mtimeNsec;
    }

    public long ctimeNanos() {
        return ctimeSec * 1_000_000_000L + ctimeNsec;
    }

    /** Writes {@code struct stat} (little-endian, 128 bytes) at {@code offset}. */
    public void encode(MutableDirectBuffer buffer, int offset) {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        buffer.putLong(offset, dev, le);
        buffer.putLong(offset + 8, ino, le);
        buffer.putInt(offset + 16, mode, le);
        buffer.putInt(offset + 20, nlink, le);
        buffer.putInt(offset + 24, uid, le);
        buffer.putInt(offset + 28, gid, le);
        buffer.putLong(offset + 32, rdev, le);
        buffer.putLong(offset + 40, 0, le);
        buffer.putLong(offset + 48, size, le);
        buffer.putInt(offset + 56, blksize, le);
        buffer.putInt(offset + 60, 0, le);
        buffer.putLong(offset + 64, blocks, le);
        buffer.putLong(offset + 72, atimeSec, le);
        buffer.putLong(offset + 80, atimeNsec, le);
        buffer.putLong(offset + 88, mtimeSec, le);
        buffer.putLong(offset + 96, mtimeNsec, le);
        buffer.putLong(offset + 104, ctimeSec, le);
        buffer.putLong(offset + 112, ctimeNsec, le);
        buffer.putInt(offset + 120, 0, le);
        buffer.putInt(offset + 124, 0, le);
    }

    @Override
    public String toString() {
        return "Stat[dev=" + DeviceNumbers.toString(dev) + ", ino=" + ino + ", mode=0" + Integer.toOctalString(mode)
                + ", nlink=" + nlink + ", uid=" + uid + ", gid=" + gid + ", rdev=" + DeviceNumbers.toString(rdev)
                + ", size=" + size + ", blocks=" + blocks + "]";
    }
}
