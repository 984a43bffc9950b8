package org.exoos.servers.tty;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

/** A line discipline with a recording signal listener and string helpers for tests. */
final class TtyFixture {
    /** One reported signal. */
    record Report(int signal, int processGroup) {}

    final List<Report> signals = new ArrayList<>();
    final LineDiscipline ld;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[1 << 16]);
    private final Termios termios = new Termios();

    TtyFixture() {
        this(LineDiscipline.DEFAULT_OUTPUT_CAPACITY);
    }

    TtyFixture(final int outputCapacity) {
        ld = new LineDiscipline(outputCapacity, (signal, group) -> signals.add(new Report(signal, group)));
    }

    /** Bytes of a string, one per char (chars must be < 256). */
    static byte[] bytes(final String s) {
        return s.getBytes(ISO_8859_1);
    }

    /** Makes control characters and DEL visible in failure messages. */
    static String show(final String s) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The device delivers {@code s}; all of it must be taken. */
    void type(final String s) {
        final byte[] b = bytes(s);
        assertEquals(b.length, ld.receive(b, 0, b.length), "bytes accepted of " + show(s));
    }

    /** Everything the device would now display (echo and program output), drained. */
    String output() {
        final int n = ld.drainOutput(scratch, 0, scratch.capacity());
        return new String(copy(n), ISO_8859_1);
    }

    private byte[] copy(final int n) {
        final byte[] b = new byte[n];
        scratch.getBytes(0, b);
        return b;
    }

    /** A blocking read at time 0 that must complete now; returns its bytes. */
    String read(final int max) {
        final int n = ld.tryRead(scratch, 0, max, false, 0, 0, 0);
        if (n == LineDiscipline.READ_WAIT) throw new AssertionError("read(" + max + ") would wait");
        return new String(copy(n), ISO_8859_1);
    }

    /** tryRead result as a string, or null for READ_WAIT. */
    String tryRead(final int max, final boolean nonBlocking, final long now, final long start, final long lastInput) {
        final int n = ld.tryRead(scratch, 0, max, nonBlocking, now, start, lastInput);
        return n == LineDiscipline.READ_WAIT ? null : new String(copy(n), ISO_8859_1);
    }

    /** Program output through write(2); all must be taken. */
    void write(final String s) {
        final byte[] b = bytes(s);
        final UnsafeBuffer src = new UnsafeBuffer(b);
        assertEquals(b.length, ld.write(src, 0, b.length), "bytes written of " + show(s));
    }

    /** Changes termios through TCSETS semantics. */
    void termios(final java.util.function.Consumer<Termios> change) {
        ld.termios(termios);
        change.accept(termios);
        ld.setTermios(termios);
    }

    void assertOutput(final String expected) {
        final String actual = output();
        assertEquals(show(expected), show(actual), "bytes sent to the device");
    }
}
