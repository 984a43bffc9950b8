package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * A {@link DirentSink} that lays entries out as getdents64 returns them, {@code struct linux_dirent64}:
 * <pre>
 *  0 d_ino u64   8 d_off i64   16 d_reclen u16   18 d_type u8   19 d_name[] NUL-terminated
 *  d_reclen = 19 + name length + 1, rounded up to 8
 * </pre>
 * Reuse it: {@link #wrap} resets it. {@link #result} is getdents64's return value: the bytes written, or
 * -EINVAL when the first entry did not fit (Linux's "result buffer is too small").
 */
public final class Dirent64Writer implements DirentSink {
    public static final int D_INO_OFFSET = 0;
    public static final int D_OFF_OFFSET = 8;
    public static final int D_RECLEN_OFFSET = 16;
    public static final int D_TYPE_OFFSET = 18;
    public static final int D_NAME_OFFSET = 19;

    private MutableDirectBuffer buffer;
    private int start;
    private int capacity;
    private int written;
    private int entries;
    private boolean refused;

    public Dirent64Writer wrap(MutableDirectBuffer buffer, int offset, int capacity) {
        this.buffer = buffer;
        this.start = offset;
        this.capacity = capacity;
        this.written = 0;
        this.entries = 0;
        this.refused = false;
        return this;
    }

    /** The record length of an entry with a name of this many bytes. */
    public static int recordLength(int nameLength) {
        return (D_NAME_OFFSET + nameLength + 1 + 7) & ~7;
    }

    @Override
    public boolean accept(long ino, long nextCookie, int type, String name) {
        int reclen = recordLength(name.length());
        if (written + reclen > capacity) {
            refused = true;
            return false;
        }
        int at = start + written;
        buffer.putLong(at + D_INO_OFFSET, ino, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(at + D_OFF_OFFSET, nextCookie, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(at + D_RECLEN_OFFSET, (short) reclen, ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(at + D_TYPE_OFFSET, (byte) type);
        for (int i = 0; i < name.length(); i++) {
            buffer.putByte(at + D_NAME_OFFSET + i, (byte) name.charAt(i));
        }
        buffer.setMemory(at + D_NAME_OFFSET + name.length(), reclen - D_NAME_OFFSET - name.length(), (byte) 0);
        written += reclen;
        entries++;
        return true;
    }

    public int bytesWritten() {
        return written;
    }

    public int entries() {
        return entries;
    }

    /** getdents64's return value for this batch. */
    public int result() {
        return entries == 0 && refused ? -Errno.EINVAL : written;
    }
}
