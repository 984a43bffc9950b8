package org.exoos.servers.vfs.hostfs;

/**
 * The layout of the host's {@code struct statx} (linux/stat.h), the same on every Linux architecture, which is
 * why hostfs asks statx(2) rather than fstatat(2), whose {@code struct stat} differs between x86_64 and arm64:
 * <pre>
 *   0 stx_mask u32         4 stx_blksize u32      8 stx_attributes u64
 *  16 stx_nlink u32       20 stx_uid u32         24 stx_gid u32          28 stx_mode u16   30 pad u16
 *  32 stx_ino u64         40 stx_size u64        48 stx_blocks u64       56 stx_attributes_mask u64
 *  64 stx_atime          80 stx_btime           96 stx_ctime           112 stx_mtime
 *     (each struct statx_timestamp: tv_sec i64, tv_nsec u32, reserved i32)
 * 128 stx_rdev_major u32 132 stx_rdev_minor u32 136 stx_dev_major u32   140 stx_dev_minor u32
 * 144 ... (newer fields, unused)                                                         (256 bytes)
 * </pre>
 */
final class StatxDescriptor {
    private StatxDescriptor() {}

    static final int SIZE = 256;

    static final int MASK_OFFSET = 0;
    static final int BLKSIZE_OFFSET = 4;
    static final int NLINK_OFFSET = 16;
    static final int UID_OFFSET = 20;
    static final int GID_OFFSET = 24;
    static final int MODE_OFFSET = 28;
    static final int INO_OFFSET = 32;
    static final int SIZE_OFFSET = 40;
    static final int BLOCKS_OFFSET = 48;
    static final int ATIME_OFFSET = 64;
    static final int CTIME_OFFSET = 96;
    static final int MTIME_OFFSET = 112;
    static final int RDEV_MAJOR_OFFSET = 128;
    static final int RDEV_MINOR_OFFSET = 132;
    static final int DEV_MAJOR_OFFSET = 136;
    static final int DEV_MINOR_OFFSET = 140;

    /** Within a statx_timestamp. */
    static final int TV_SEC_OFFSET = 0;
    static final int TV_NSEC_OFFSET = 8;

    /** STATX_BASIC_STATS: type, mode, nlink, uid, gid, atime, mtime, ctime, ino, size, blocks. */
    static final int STATX_BASIC_STATS = 0x7ff;
}
