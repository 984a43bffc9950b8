package org.exoos.servers.tty;

import java.nio.ByteOrder;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The kernel's {@code struct termios} as TCGETS and TCSETS* copy it (riscv64 uses
 * asm-generic/termbits.h), its flag bits and c_cc indices, and a codec to and from a buffer.
 *
 * <pre>
 *   0               4               8               12              16  17                  36
 *   +---------------+---------------+---------------+---------------+---+-------------------+
 *   |   c_iflag     |   c_oflag     |   c_cflag     |   c_lflag     |lin|  c_cc[NCCS = 19]  |
 *   +---------------+---------------+---------------+---------------+---+-------------------+
 *   u32 little-endian (tcflag_t)                                     u8  u8 each (cc_t)
 * </pre>
 *
 * No padding: four u32 then twenty bytes is 36, already 4-aligned. This is the kernel struct, not
 * glibc's (which has NCCS 32 and speed fields; glibc translates in tcgetattr). termios2 and
 * ktermios append c_ispeed and c_ospeed, which this struct does not carry.
 *
 * <p>A mutable value: {@link #decode} and {@link #encode} copy it from and to a buffer at an
 * offset (a ring message or guest memory) and allocate nothing. Not thread-safe.
 */
public final class Termios {
    // ---- Layout ----
    public static final int C_IFLAG_OFFSET = 0;
    public static final int C_OFLAG_OFFSET = 4;
    public static final int C_CFLAG_OFFSET = 8;
    public static final int C_LFLAG_OFFSET = 12;
    public static final int C_LINE_OFFSET = 16;
    public static final int C_CC_OFFSET = 17;
    /** Number of control characters in the kernel struct termios. */
    public static final int NCCS = 19;
    /** sizeof(struct termios) on riscv64. */
    public static final int SIZE = C_CC_OFFSET + NCCS;

    /** c_cc value that disables a control character (_POSIX_VDISABLE, __DISABLED_CHAR). */
    public static final int POSIX_VDISABLE = 0;
    /** The N_TTY line discipline number (c_line). */
    public static final int N_TTY = 0;

    // ---- c_cc indices ----
    public static final int VINTR = 0, VQUIT = 1, VERASE = 2, VKILL = 3, VEOF = 4, VTIME = 5, VMIN = 6,
            VSWTC = 7, VSTART = 8, VSTOP = 9, VSUSP = 10, VEOL = 11, VREPRINT = 12, VDISCARD = 13,
            VWERASE = 14, VLNEXT = 15, VEOL2 = 16;

    // ---- c_iflag ----
    public static final int IGNBRK = 0x001, BRKINT = 0x002, IGNPAR = 0x004, PARMRK = 0x008, INPCK = 0x010,
            ISTRIP = 0x020, INLCR = 0x040, IGNCR = 0x080, ICRNL = 0x100, IUCLC = 0x0200, IXON = 0x0400,
            IXANY = 0x800, IXOFF = 0x1000, IMAXBEL = 0x2000, IUTF8 = 0x4000;

    // ---- c_oflag ----
    public static final int OPOST = 0x01, OLCUC = 0x02, ONLCR = 0x04, OCRNL = 0x08, ONOCR = 0x10, ONLRET = 0x20,
            OFILL = 0x40, OFDEL = 0x80;
    public static final int NLDLY = 0x00100, NL0 = 0x00000, NL1 = 0x00100;
    public static final int CRDLY = 0x00600, CR0 = 0x00000, CR1 = 0x00200, CR2 = 0x00400, CR3 = 0x00600;
    public static final int TABDLY = 0x01800, TAB0 = 0x00000, TAB1 = 0x00800, TAB2 = 0x01000, TAB3 = 0x01800,
            XTABS = 0x01800;
    public static final int BSDLY = 0x02000, BS0 = 0x00000, BS1 = 0x02000;
    public static final int VTDLY = 0x04000, VT0 = 0x00000, VT1 = 0x04000;
    public static final int FFDLY = 0x08000, FF0 = 0x00000, FF1 = 0x08000;

    // ---- c_cflag ----
    public static final int CBAUD = 0x0000100f;
    public static final int B0 = 0x0, B50 = 0x1, B75 = 0x2, B110 = 0x3, B134 = 0x4, B150 = 0x5, B200 = 0x6,
            B300 = 0x7, B600 = 0x8, B1200 = 0x9, B1800 = 0xa, B2400 = 0xb, B4800 = 0xc, B9600 = 0xd,
            B19200 = 0xe, B38400 = 0xf;
    public static final int EXTA = B19200, EXTB = B38400;
    public static final int CBAUDEX = 0x00001000, BOTHER = 0x00001000;
    public static final int B57600 = 0x1001, B115200 = 0x1002, B230400 = 0x1003, B460800 = 0x1004,
            B500000 = 0x1005, B576000 = 0x1006, B921600 = 0x1007, B1000000 = 0x1008, B1152000 = 0x1009,
            B1500000 = 0x100a, B2000000 = 0x100b, B2500000 = 0x100c, B3000000 = 0x100d, B3500000 = 0x100e,
            B4000000 = 0x100f;
    public static final int CSIZE = 0x30, CS5 = 0x00, CS6 = 0x10, CS7 = 0x20, CS8 = 0x30;
    public static final int CSTOPB = 0x40, CREAD = 0x80, PARENB = 0x100, PARODD = 0x200, HUPCL = 0x400,
            CLOCAL = 0x800;
    /** Input baud rate field (CBAUD shifted by IBSHIFT). */
    public static final int CIBAUD = 0x100f0000;
    public static final int IBSHIFT = 16;
    public static final int ADDRB = 0x20000000, CMSPAR = 0x40000000, CRTSCTS = 0x80000000;

    // ---- c_lflag ----
    public static final int ISIG = 0x00001, ICANON = 0x00002, XCASE = 0x00004, ECHO = 0x00008, ECHOE = 0x00010,
            ECHOK = 0x00020, ECHONL = 0x00040, NOFLSH = 0x00080, TOSTOP = 0x00100, ECHOCTL = 0x00200,
            ECHOPRT = 0x00400, ECHOKE = 0x00800, FLUSHO = 0x01000, PENDIN = 0x04000, IEXTEN = 0x08000,
            EXTPROC = 0x10000;

    // ---- Linux's defaults (tty_std_termios in drivers/tty/tty_io.c) ----
    public static final int DEFAULT_IFLAG = ICRNL | IXON;
    public static final int DEFAULT_OFLAG = OPOST | ONLCR;
    public static final int DEFAULT_CFLAG = B38400 | CS8 | CREAD | HUPCL;
    public static final int DEFAULT_LFLAG = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;

    /**
     * INIT_C_CC from include/linux/tty.h (asm-generic order): intr ^C, quit ^\, erase DEL, kill ^U,
     * eof ^D, time 0, min 1, swtc 0, start ^Q, stop ^S, susp ^Z, eol 0, reprint ^R, discard ^O,
     * werase ^W, lnext ^V, eol2 0; c_cc[17] and c_cc[18] are unused and 0.
     */
    private static final byte[] DEFAULT_CC = {
        0x03, 0x1c, 0x7f, 0x15, 0x04, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0, 0, 0};

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    public int iflag;
    public int oflag;
    public int cflag;
    public int lflag;
    /** c_line: the line discipline number; stored and returned, not acted on. */
    public int line;
    private final byte[] cc = new byte[NCCS];

    /** A termios with Linux's defaults for a fresh terminal. */
    public Termios() {
        setDefaults();
    }

    /** Sets this to what {@code stty -a} shows on a fresh Linux terminal (tty_std_termios). */
    public Termios setDefaults() {
        iflag = DEFAULT_IFLAG;
        oflag = DEFAULT_OFLAG;
        cflag = DEFAULT_CFLAG;
        lflag = DEFAULT_LFLAG;
        line = N_TTY;
        System.arraycopy(DEFAULT_CC, 0, cc, 0, NCCS);
        return this;
    }

    /** c_cc[index] as an unsigned byte (0 means disabled for the special characters). */
    public int cc(final int index) {
        return cc[index] & 0xff;
    }

    public Termios cc(final int index, final int value) {
        cc[index] = (byte) value;
        return this;
    }

    public Termios copyFrom(final Termios other) {
        iflag = other.iflag;
        oflag = other.oflag;
        cflag = other.cflag;
        lflag = other.lflag;
        line = other.line;
        System.arraycopy(other.cc, 0, cc, 0, NCCS);
        return this;
    }

    /** Reads the 36-byte struct at {@code offset}. */
    public Termios decode(final DirectBuffer buffer, final int offset) {
        iflag = buffer.getInt(offset + C_IFLAG_OFFSET, ORDER);
        oflag = buffer.getInt(offset + C_OFLAG_OFFSET, ORDER);
        cflag = buffer.getInt(offset + C_CFLAG_OFFSET, ORDER);
        lflag = buffer.getInt(offset + C_LFLAG_OFFSET, ORDER);
        line = buffer.getByte(offset + C_LINE_OFFSET) & 0xff;
        buffer.getBytes(offset + C_CC_OFFSET, cc, 0, NCCS);
        return this;
    }

    /** Writes the 36-byte struct at {@code offset}; returns {@link #SIZE}. */
    public int encode(final MutableDirectBuffer buffer, final int offset) {
        buffer.putInt(offset + C_IFLAG_OFFSET, iflag, ORDER);
        buffer.putInt(offset + C_OFLAG_OFFSET, oflag, ORDER);
        buffer.putInt(offset + C_CFLAG_OFFSET, cflag, ORDER);
        buffer.putInt(offset + C_LFLAG_OFFSET, lflag, ORDER);
        buffer.putByte(offset + C_LINE_OFFSET, (byte) line);
        buffer.putBytes(offset + C_CC_OFFSET, cc, 0, NCCS);
        return SIZE;
    }

    /** cfmakeraw(3): what glibc and musl do to a termios for raw mode. */
    public Termios makeRaw() {
        iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
        oflag &= ~OPOST;
        lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
        cflag &= ~(CSIZE | PARENB);
        cflag |= CS8;
        cc[VMIN] = 1;
        cc[VTIME] = 0;
        return this;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Termios t && iflag == t.iflag && oflag == t.oflag && cflag == t.cflag
                && lflag == t.lflag && line == t.line && Arrays.equals(cc, t.cc);
    }

    @Override
    public int hashCode() {
        return ((iflag * 31 + oflag) * 31 + cflag) * 31 + lflag + 17 * Arrays.hashCode(cc) + line;
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder(128);
        sb.append("termios{iflag=0x").append(Integer.toHexString(iflag))
                .append(" oflag=0x").append(Integer.toHexString(oflag))
                .append(" cflag=0x").append(Integer.toHexString(cflag))
                .append(" lflag=0x").append(Integer.toHexString(lflag))
                .append(" line=").append(line).append(" cc=[");
        for (int i = 0; i < NCCS; i++) {
            if (i > 0) sb.append(' ');
            sb.append(Integer.toHexString(cc[i] & 0xff));
        }
        return sb.append("]}").toString();
    }
}
