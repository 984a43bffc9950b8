package org.exoos.servers.tty;

import static org.exoos.servers.tty.Termios.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Raw and non-canonical input, VMIN/VTIME (n_tty_read), input and output flags. */
class NonCanonicalModeTest {
    private static final long MS = 1_000_000L;
    private final TtyFixture tty = new TtyFixture();

    private void raw(final int min, final int time) {
        tty.termios(t -> {
            t.makeRaw();
            t.cc(VMIN, min).cc(VTIME, time);
        });
    }

    @Test
    void rawModeDeliversEveryByteAsIsWithoutEchoOrSignals() {
        raw(1, 0);
        tty.type("a\r\u0003\u007f\u0004\u0013");
        tty.assertOutput("");
        assertTrue(tty.signals.isEmpty());
        assertEquals("a\r\u0003\u007f\u0004\u0013", tty.read(100));
        for (final char c : "xyz".toCharArray()) {
            assertTrue(tty.ld.receive((byte) c));
            assertEquals(String.valueOf(c), tty.read(100), "byte by byte");
        }
    }

    @Test
    void nonCanonicalWithEchoEchoesControlCharactersInCaretForm() {
        tty.termios(t -> t.lflag &= ~ICANON);
        tty.type("a\u0001\r"); // ICRNL still maps CR; NL is echoed as a newline
        tty.assertOutput("a^A\r\n");
        tty.type("\n"); // NL is not special here: ECHOCTL shows it as ^J
        tty.assertOutput("^J");
        assertEquals("a\u0001\n\n", tty.read(100));
    }

    @Test
    void inputQueueHolds4095BytesOutsideCanonicalMode() {
        raw(1, 0);
        assertEquals(4095, tty.ld.receive(TtyFixture.bytes("z".repeat(5000)), 0, 5000));
        assertEquals(4095, tty.ld.readableBytes());
        assertEquals(4095, tty.read(5000).length());
    }

    @Test
    void minZeroTimeZeroReturnsWhatIsThereAtOnce() {
        raw(0, 0);
        assertEquals("", tty.tryRead(10, false, 0, 0, 0), "nothing: 0 at once");
        assertEquals("", tty.tryRead(10, true, 0, 0, 0), "0, not EAGAIN, even with O_NONBLOCK");
        tty.type("ab");
        assertEquals("ab", tty.tryRead(10, false, 0, 0, 0));
    }

    @Test
    void minZeroTimePositiveWaitsForOneByteOrTheTimer() {
        raw(0, 5); // 0.5 s
        assertNull(tty.tryRead(10, false, 0, 0, 0));
        assertEquals(500 * MS, tty.ld.readDeadlineNanos(), "timer runs from the start of the read");
        assertNull(tty.tryRead(10, false, 499 * MS, 0, 0));
        assertEquals("", tty.tryRead(10, false, 500 * MS, 0, 0), "timer expired: 0");
        assertNull(tty.tryRead(10, true, 0, 0, 0), "O_NONBLOCK: EAGAIN");
        tty.type("a");
        assertEquals("a", tty.tryRead(10, false, 100 * MS, 0, 100 * MS), "one byte ends the wait");
    }

    @Test
    void minPositiveTimeZeroWaitsForMinBytes() {
        raw(3, 0);
        assertNull(tty.tryRead(10, false, 0, 0, 0));
        assertEquals(LineDiscipline.NO_DEADLINE, tty.ld.readDeadlineNanos());
        tty.type("ab");
        assertNull(tty.tryRead(10, false, 7_000 * MS, 0, 0), "no timer: still waiting for the third byte");
        assertEquals(LineDiscipline.NO_DEADLINE, tty.ld.readDeadlineNanos());
        assertEquals("ab", tty.tryRead(2, false, 0, 0, 0), "a read of 2 needs only 2");
        tty.type("cde");
        assertEquals("cde", tty.tryRead(10, false, 0, 0, 0));
        tty.type("fghij");
        assertEquals("fghij", tty.tryRead(10, false, 0, 0, 0), "more than MIN: all that is there");
        tty.type("k");
        assertEquals("k", tty.tryRead(10, true, 0, 0, 0), "O_NONBLOCK returns fewer than MIN");
        assertNull(tty.tryRead(10, true, 0, 0, 0), "O_NONBLOCK with nothing: EAGAIN");
    }

    @Test
    void minPositiveTimePositiveUsesAnInterByteTimer() {
        raw(3, 2); // 0.2 s between bytes
        assertNull(tty.tryRead(10, false, 0, 0, 0));
        assertEquals(LineDiscipline.NO_DEADLINE, tty.ld.readDeadlineNanos(), "no timer before the first byte");

        tty.type("a"); // at 1.0 s
        assertNull(tty.tryRead(10, false, 1_000 * MS, 0, 1_000 * MS));
        assertEquals(1_200 * MS, tty.ld.readDeadlineNanos());
        tty.type("b"); // at 1.1 s: the timer restarts
        assertNull(tty.tryRead(10, false, 1_100 * MS, 0, 1_100 * MS));
        assertEquals(1_300 * MS, tty.ld.readDeadlineNanos());
        assertNull(tty.tryRead(10, false, 1_250 * MS, 0, 1_100 * MS));
        assertEquals("ab", tty.tryRead(10, false, 1_300 * MS, 0, 1_100 * MS), "timer expired: what is there");

        tty.type("xyz");
        assertEquals("xyz", tty.tryRead(10, false, 2_000 * MS, 2_000 * MS, 1_500 * MS), "MIN reached");
    }

    @Test
    void interByteTimerStartsAtTheReadForBytesAlreadyQueued() {
        raw(3, 2);
        tty.type("a"); // arrived at 1 s, read starts at 5 s
        assertNull(tty.tryRead(10, false, 5_000 * MS, 5_000 * MS, 1_000 * MS));
        assertEquals(5_200 * MS, tty.ld.readDeadlineNanos());
        assertEquals("a", tty.tryRead(10, false, 5_200 * MS, 5_000 * MS, 1_000 * MS));
    }

    @Test
    void pollWaitsForMinBytesOnlyWhenTimeIsZero() {
        raw(3, 0);
        tty.type("ab");
        assertFalse(tty.ld.pollReadable());
        tty.type("c");
        assertTrue(tty.ld.pollReadable());
        tty.read(10);
        raw(3, 1);
        tty.type("a");
        assertTrue(tty.ld.pollReadable(), "with VTIME one byte makes it readable");
    }

    @Test
    void hangupEndsWaitsWithEndOfFile() {
        raw(1, 0);
        assertNull(tty.tryRead(10, false, 0, 0, 0));
        tty.ld.hangUp();
        assertEquals("", tty.tryRead(10, false, 0, 0, 0));
        assertTrue(tty.ld.pollReadable());
    }

    @Test
    void leavingCanonicalModeMakesThePartialLineReadable() {
        tty.type("ab");
        tty.termios(t -> t.lflag &= ~(ICANON | ECHO));
        assertEquals(2, tty.ld.readableBytes());
        assertEquals("ab", tty.read(10));
    }

    @Test
    void enteringCanonicalModeTurnsQueuedInputIntoALine() {
        raw(1, 0);
        tty.type("xy");
        tty.termios(t -> t.lflag |= ICANON);
        assertEquals("xy", tty.read(10), "readable at once, without a line end");
        tty.type("z");
        assertNull(tty.tryRead(10, false, 0, 0, 0), "new input is line-edited again");
    }

    @Test
    void inputCarriageReturnAndNewlineMappings() {
        tty.termios(t -> {
            t.lflag &= ~(ICANON | ECHO);
            t.iflag = INLCR;
        });
        tty.type("a\nb\r");
        assertEquals("a\rb\r", tty.read(10), "INLCR without ICRNL");
        tty.termios(t -> t.iflag = IGNCR | ICRNL);
        tty.type("a\r\nb");
        assertEquals("a\nb", tty.read(10), "IGNCR drops CR before ICRNL could map it");
        tty.termios(t -> t.iflag = ISTRIP);
        tty.type("\u00e1");
        assertEquals("a", tty.read(10), "ISTRIP clears bit 7");
    }

    @Test
    void outputProcessing() {
        tty.write("a\nb");
        tty.assertOutput("a\r\nb");
        tty.termios(t -> t.oflag &= ~ONLCR);
        tty.write("a\nb");
        tty.assertOutput("a\nb");
        tty.termios(t -> t.oflag = OPOST | ONLCR | XTABS);
        tty.write("\rab\tc");
        tty.assertOutput("\rab      c");
        tty.termios(t -> t.oflag = OPOST | OCRNL);
        tty.write("x\ry");
        tty.assertOutput("x\ny");
        tty.termios(t -> t.oflag = OPOST | ONOCR);
        tty.write("\r\rz\r"); // the column was 11: the first CR goes, the second is at column 0
        tty.assertOutput("\rz\r");
        tty.termios(t -> t.oflag = ONLCR); // OPOST off: nothing is processed
        tty.write("a\n\t");
        tty.assertOutput("a\n\t");
    }

    @Test
    void writeTakesOnlyWhatFitsInTheOutputQueue() {
        final TtyFixture small = new TtyFixture(16);
        final org.agrona.concurrent.UnsafeBuffer src =
                new org.agrona.concurrent.UnsafeBuffer(TtyFixture.bytes("x".repeat(15) + "\nyz"));
        assertEquals(15, small.ld.write(src, 0, 18), "NL needs two bytes with ONLCR and one is left");
        assertEquals(1, small.ld.outputRoom());
        assertEquals(15, small.output().length());
        assertTrue(small.ld.pollWritable());
        assertEquals(3, small.ld.write(src, 15, 3));
        small.assertOutput("\r\nyz");
    }

    @Test
    void termiosSetKeepsHardwareBitsOfADumbDevice() {
        final Termios t = tty.ld.termios(new Termios());
        t.cflag = (t.cflag & ~CBAUD) | B9600 | CLOCAL;
        t.line = 5;
        tty.ld.setTermios(t);
        final Termios now = tty.ld.termios(new Termios());
        assertEquals(B38400, now.cflag & CBAUD, "baud rate stays (tty_termios_copy_hw)");
        assertEquals(CLOCAL, now.cflag & CLOCAL, "CLOCAL can change");
        assertEquals(5, now.line, "c_line is stored");
    }

    @Test
    void termiosThroughABuffer() {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[40]);
        assertEquals(Termios.SIZE, tty.ld.encodeTermios(buffer, 4));
        assertEquals(new Termios(), new Termios().decode(buffer, 4));
        buffer.putInt(4 + C_LFLAG_OFFSET, 0, java.nio.ByteOrder.LITTLE_ENDIAN);
        tty.ld.setTermios(buffer, 4);
        tty.type("q");
        tty.assertOutput("");
        assertEquals("q", tty.read(10), "lflag 0: raw input");
    }
}
