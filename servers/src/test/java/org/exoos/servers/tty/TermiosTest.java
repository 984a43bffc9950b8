package org.exoos.servers.tty;

import static org.exoos.servers.tty.Termios.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class TermiosTest {

    @Test
    void defaultsAreLinuxConsoleDefaults() {
        final Termios t = new Termios();
        // stty -a on a fresh Linux tty: icrnl ixon / opost onlcr / isig icanon iexten echo echoe
        // echok echoctl echoke / B38400 cs8 cread hupcl (tty_std_termios, drivers/tty/tty_io.c).
        assertEquals(ICRNL | IXON, t.iflag, "c_iflag");
        assertEquals(0x500, t.iflag, "c_iflag as stty -g prints it");
        assertEquals(OPOST | ONLCR, t.oflag, "c_oflag");
        assertEquals(0x5, t.oflag, "c_oflag as stty -g prints it");
        assertEquals(B38400 | CS8 | CREAD | HUPCL, t.cflag, "c_cflag");
        assertEquals(0x4bf, t.cflag, "c_cflag as stty -g prints it");
        assertEquals(ISIG | ICANON | IEXTEN | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE, t.lflag, "c_lflag");
        assertEquals(0x8a3b, t.lflag, "c_lflag as stty -g prints it");
        assertEquals(N_TTY, t.line, "c_line");
        // intr ^C quit ^\ erase ^? kill ^U eof ^D time 0 min 1 swtc 0 start ^Q stop ^S susp ^Z
        // eol 0 rprnt ^R discard ^O werase ^W lnext ^V eol2 0 (INIT_C_CC)
        final int[] expected = {0x03, 0x1c, 0x7f, 0x15, 0x04, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0};
        final int[] actual = new int[expected.length];
        for (int i = 0; i < actual.length; i++) actual[i] = t.cc(i);
        assertArrayEquals(expected, actual, "c_cc[VINTR..VEOL2]");
        assertEquals(3, t.cc(VINTR));
        assertEquals(0x1c, t.cc(VQUIT));
        assertEquals(0x7f, t.cc(VERASE));
        assertEquals(0x15, t.cc(VKILL));
        assertEquals(4, t.cc(VEOF));
        assertEquals(0, t.cc(VEOL));
        assertEquals(0x11, t.cc(VSTART));
        assertEquals(0x13, t.cc(VSTOP));
        assertEquals(0x1a, t.cc(VSUSP));
        assertEquals(0x12, t.cc(VREPRINT));
        assertEquals(0x17, t.cc(VWERASE));
        assertEquals(0x16, t.cc(VLNEXT));
        assertEquals(1, t.cc(VMIN));
        assertEquals(0, t.cc(VTIME));
        assertEquals(0, t.cc(17), "c_cc[17] (unused)");
        assertEquals(0, t.cc(18), "c_cc[18] (unused)");
    }

    @Test
    void encodesTheKernelLayoutAtAnOffset() {
        assertEquals(36, Termios.SIZE);
        final Termios t = new Termios();
        t.iflag = 0x11223344;
        t.oflag = 0x55667788;
        t.cflag = 0x99aabbcc;
        t.lflag = 0x0d0e0f10;
        t.line = 0xfe;
        for (int i = 0; i < NCCS; i++) t.cc(i, 0xa0 + i);
        final byte[] bytes = new byte[64];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int at = 7;
        assertEquals(36, t.encode(buffer, at));

        final byte[] expected = new byte[64];
        final int[] words = {0x11223344, 0x55667788, 0x99aabbcc, 0x0d0e0f10};
        for (int w = 0; w < 4; w++) {
            for (int b = 0; b < 4; b++) expected[at + 4 * w + b] = (byte) (words[w] >>> (8 * b)); // little-endian
        }
        expected[at + 16] = (byte) 0xfe;
        for (int i = 0; i < NCCS; i++) expected[at + 17 + i] = (byte) (0xa0 + i);
        assertArrayEquals(expected, bytes, "36 bytes at offset 7, nothing outside");

        final Termios back = new Termios().decode(buffer, at);
        assertEquals(t, back, "round trip");
        assertEquals(0xa0 + VEOL2, back.cc(VEOL2));
        assertEquals(0xfe, back.line);
    }

    @Test
    void defaultTermiosEncodesAsStty() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[36]);
        new Termios().encode(buffer, 0);
        assertEquals(0x500, buffer.getInt(0, java.nio.ByteOrder.LITTLE_ENDIAN));
        assertEquals(0x8a3b, buffer.getInt(12, java.nio.ByteOrder.LITTLE_ENDIAN));
        assertEquals(0x03, buffer.getByte(17 + VINTR));
        assertEquals(0x7f, buffer.getByte(17 + VERASE));
        assertEquals(1, buffer.getByte(17 + VMIN));
    }

    @Test
    void makeRawIsCfmakeraw() {
        final Termios t = new Termios().makeRaw();
        assertEquals(0, t.iflag & (IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON));
        assertEquals(0, t.oflag & OPOST);
        assertEquals(0, t.lflag & (ECHO | ECHONL | ICANON | ISIG | IEXTEN));
        assertEquals(CS8, t.cflag & CSIZE);
        assertEquals(0, t.cflag & PARENB);
        assertEquals(1, t.cc(VMIN));
        assertEquals(0, t.cc(VTIME));
    }

    @Test
    void winSizeLayoutAndRoundTrip() {
        assertEquals(8, WinSize.SIZE);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[12]);
        new WinSize().set(24, 80, 640, 0xffff).encode(buffer, 2);
        assertArrayEquals(new byte[] {0, 0, 24, 0, 80, 0, (byte) 0x80, 2, (byte) 0xff, (byte) 0xff, 0, 0},
                buffer.byteArray(), "ws_row, ws_col, ws_xpixel, ws_ypixel as u16 LE at offset 2");
        final WinSize back = new WinSize().decode(buffer, 2);
        assertEquals(new WinSize().set(24, 80, 640, 65535), back);
    }
}
