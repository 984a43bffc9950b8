package org.exoos.servers.vfs.initramfs;

import org.agrona.DirectBuffer;

/**
 * A flyweight over one cpio "newc" header (magic {@value #MAGIC_NEWC}, or {@value #MAGIC_CRC} whose checksum
 * is ignored), the archive format of Linux's initramfs (Documentation/driver-api/early-userspace/buffer-format):
 * <pre>
 *   0  c_magic     6 chars  "070701" or "070702"
 *   6  c_ino       8 hex    13 fields of 8 ASCII hex digits each, big-endian text
 *  14  c_mode
 *  22  c_uid
 *  30  c_gid
 *  38  c_nlink
 *  46  c_mtime
 *  54  c_filesize
 *  62  c_maj       device holding the file (hard links are matched on ino and this device)
 *  70  c_min
 *  78  c_rmaj      a device node's device number
 *  86  c_rmin
 *  94  c_namesize  bytes of the name, its NUL included
 * 102  c_chksum
 * 110  name, then NULs to a multiple of 4 from the header's start; then the data, NUL-padded to a multiple of 4
 * </pre>
 * The archive ends with an entry named {@value #TRAILER}. Wrap a buffer and an offset; nothing is allocated
 * but the name.
 */
public final class CpioNewcHeader {
    public static final String MAGIC_NEWC = "070701", MAGIC_CRC = "070702";
    public static final String TRAILER = "TRAILER!!!";

    public static final int MAGIC_OFFSET = 0, MAGIC_LENGTH = 6;
    public static final int INO_OFFSET = 6;
    public static final int MODE_OFFSET = 14;
    public static final int UID_OFFSET = 22;
    public static final int GID_OFFSET = 30;
    public static final int NLINK_OFFSET = 38;
    public static final int MTIME_OFFSET = 46;
    public static final int FILESIZE_OFFSET = 54;
    public static final int DEV_MAJOR_OFFSET = 62;
    public static final int DEV_MINOR_OFFSET = 70;
    public static final int RDEV_MAJOR_OFFSET = 78;
    public static final int RDEV_MINOR_OFFSET = 86;
    public static final int NAMESIZE_OFFSET = 94;
    public static final int CHECK_OFFSET = 102;
    public static final int FIELD_LENGTH = 8;
    public static final int HEADER_LENGTH = 110;
    /** Name and data both start on a multiple of this from the archive's start. */
    public static final int ALIGNMENT = 4;

    private DirectBuffer buffer;
    private int offset;

    /** Points the flyweight at the header at {@code offset}; the caller checked that 110 bytes are there. */
    public CpioNewcHeader wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int offset() { return offset; }

    /** Whether the magic is newc's or crc's. */
    public boolean hasValidMagic() {
        for (int i = 0; i < MAGIC_LENGTH - 1; i++) {
            if (buffer.getByte(offset + i) != MAGIC_NEWC.charAt(i)) return false;
        }
        byte last = buffer.getByte(offset + MAGIC_LENGTH - 1);
        return last == '1' || last == '2';
    }

    public long ino() { return field(INO_OFFSET); }
    public long mode() { return field(MODE_OFFSET); }
    public long uid() { return field(UID_OFFSET); }
    public long gid() { return field(GID_OFFSET); }
    public long nlink() { return field(NLINK_OFFSET); }
    public long mtime() { return field(MTIME_OFFSET); }
    public long fileSize() { return field(FILESIZE_OFFSET); }
    public long devMajor() { return field(DEV_MAJOR_OFFSET); }
    public long devMinor() { return field(DEV_MINOR_OFFSET); }
    public long rdevMajor() { return field(RDEV_MAJOR_OFFSET); }
    public long rdevMinor() { return field(RDEV_MINOR_OFFSET); }
    public long nameSize() { return field(NAMESIZE_OFFSET); }

    /** Offset of the name, just past the header. */
    public int nameOffset() { return offset + HEADER_LENGTH; }

    /** Offset of the data: past the name and its padding. */
    public long dataOffset() { return align(nameOffset() + nameSize()); }

    /** Offset of the next header: past the data and its padding. */
    public long nextOffset() { return align(dataOffset() + fileSize()); }

    /**
     * The value of the 8-hex-digit field at {@code fieldOffset}, or -1 if a character is not a hex digit.
     */
    public long field(int fieldOffset) {
        long v = 0;
        for (int i = 0; i < FIELD_LENGTH; i++) {
            int d = Character.digit(buffer.getByte(offset + fieldOffset + i), 16);
            if (d < 0) return -1;
            v = (v << 4) | d;
        }
        return v;
    }

    /** The name of the field at {@code fieldOffset}, for messages. */
    public static String fieldName(int fieldOffset) {
        return switch (fieldOffset) {
            case INO_OFFSET -> "c_ino";
            case MODE_OFFSET -> "c_mode";
            case UID_OFFSET -> "c_uid";
            case GID_OFFSET -> "c_gid";
            case NLINK_OFFSET -> "c_nlink";
            case MTIME_OFFSET -> "c_mtime";
            case FILESIZE_OFFSET -> "c_filesize";
            case DEV_MAJOR_OFFSET -> "c_maj";
            case DEV_MINOR_OFFSET -> "c_min";
            case RDEV_MAJOR_OFFSET -> "c_rmaj";
            case RDEV_MINOR_OFFSET -> "c_rmin";
            case NAMESIZE_OFFSET -> "c_namesize";
            case CHECK_OFFSET -> "c_chksum";
            default -> "field at " + fieldOffset;
        };
    }

    public static long align(long at) { return (at + ALIGNMENT - 1) & -ALIGNMENT; }
}
