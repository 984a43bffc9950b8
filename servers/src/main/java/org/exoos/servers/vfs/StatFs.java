package org.exoos.servers.vfs;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * What statfs(2) reports, filled in place. The file system fills type, sizes and counts; the vfs adds the
 * mount's flags. {@link #encode} writes the riscv64 {@code struct statfs} (asm-generic/statfs.h, 64-bit
 * words):
 * <pre>
 *  0 f_type   8 f_bsize  16 f_blocks  24 f_bfree  32 f_bavail  40 f_files  48 f_ffree
 * 56 f_fsid (two i32)   64 f_namelen  72 f_frsize  80 f_flags  88 f_spare[4]          (120 bytes)
 * </pre>
 */
public final class StatFs {
    public static final int STRUCT_STATFS_SIZE = 120;

    public static final long TMPFS_MAGIC = 0x01021994L;
    public static final long PROC_SUPER_MAGIC = 0x9fa0L;

    public long type;
    public long bsize;
    public long blocks;
    public long bfree;
    public long bavail;
    public long files;
    public long ffree;
    public int fsid0;
    public int fsid1;
    public long namelen;
    public long frsize;
    public long flags;

    public void clear() {
        type = bsize = blocks = bfree = bavail = files = ffree = namelen = frsize = flags = 0;
        fsid0 = fsid1 = 0;
    }

    public void encode(MutableDirectBuffer buffer, int offset) {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        buffer.putLong(offset, type, le);
        buffer.putLong(offset + 8, bsize, le);
        buffer.putLong(offset + 16, blocks, le);
        buffer.putLong(offset + 24, bfree, le);
        buffer.putLong(offset + 32, bavail, le);
        buffer.putLong(offset + 40, files, le);
        buffer.putLong(offset + 48, ffree, le);
        buffer.putInt(offset + 56, fsid0, le);
        buffer.putInt(offset + 60, fsid1, le);
        buffer.putLong(offset + 64, namelen, le);
        buffer.putLong(offset + 72, frsize, le);
        buffer.putLong(offset + 80, flags, le);
        for (int i = 0; i < 4; i++) {
            buffer.putLong(offset + 88 + 8 * i, 0, le);
        }
    }
}
