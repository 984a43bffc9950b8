package org.exoos.servers.tty;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The kernel's {@code struct winsize} (asm-generic/termios.h), as TIOCGWINSZ and TIOCSWINSZ copy
 * it, with a codec to and from a buffer.
 *
 * <pre>
 *   0         2         4           6           8
 *   +---------+---------+-----------+-----------+
 *   | ws_row  | ws_col  | ws_xpixel | ws_ypixel |   u16 little-endian each
 *   +---------+---------+-----------+-----------+
 * </pre>
 */
public final class WinSize {
    public static final int WS_ROW_OFFSET = 0;
    public static final int WS_COL_OFFSET = 2;
    public static final int WS_XPIXEL_OFFSET = 4;
    public static final int WS_YPIXEL_OFFSET = 6;
    /** sizeof(struct winsize). */
    public static final int SIZE = 8;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Unsigned 16-bit values, held in ints. */
    public int rows, cols, xpixel, ypixel;

    public WinSize() {}

    public WinSize(final int rows, final int cols) {
        set(rows, cols, 0, 0);
    }

    public WinSize set(final int rows, final int cols, final int xpixel, final int ypixel) {
        this.rows = rows & 0xffff;
        this.cols = cols & 0xffff;
        this.xpixel = xpixel & 0xffff;
        this.ypixel = ypixel & 0xffff;
        return this;
    }

    public WinSize copyFrom(final WinSize other) {
        return set(other.rows, other.cols, other.xpixel, other.ypixel);
    }

    public WinSize decode(final DirectBuffer buffer, final int offset) {
        rows = buffer.getShort(offset + WS_ROW_OFFSET, ORDER) & 0xffff;
        cols = buffer.getShort(offset + WS_COL_OFFSET, ORDER) & 0xffff;
        xpixel = buffer.getShort(offset + WS_XPIXEL_OFFSET, ORDER) & 0xffff;
        ypixel = buffer.getShort(offset + WS_YPIXEL_OFFSET, ORDER) & 0xffff;
        return this;
    }

    /** Writes the 8-byte struct at {@code offset}; returns {@link #SIZE}. */
    public int encode(final MutableDirectBuffer buffer, final int offset) {
        buffer.putShort(offset + WS_ROW_OFFSET, (short) rows, ORDER);
        buffer.putShort(offset + WS_COL_OFFSET, (short) cols, ORDER);
        buffer.putShort(offset + WS_XPIXEL_OFFSET, (short) xpixel, ORDER);
        buffer.putShort(offset + WS_YPIXEL_OFFSET, (short) ypixel, ORDER);
        return SIZE;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof WinSize w && rows == w.rows && cols == w.cols && xpixel == w.xpixel
                && ypixel == w.ypixel;
    }

    @Override
    public int hashCode() {
        return ((rows * 31 + cols) * 31 + xpixel) * 31 + ypixel;
    }

    @Override
    public String toString() {
        return "winsize{rows=" + rows + " cols=" + cols + " xpixel=" + xpixel + " ypixel=" + ypixel + "}";
    }
}
