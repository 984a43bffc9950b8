package org.exoos.servers.tty;

import static org.exoos.servers.tty.Termios.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Canonical-mode editing and echo with Linux's default termios. Expected echo bytes follow
 * drivers/tty/n_tty.c: echo goes through OPOST (so '\n' leaves as "\r\n"), control characters
 * are shown as "^X" under ECHOCTL, and VERASE under ECHOE is "\b \b" per column.
 */
class CanonicalModeTest {
    private final TtyFixture tty = new TtyFixture();

    @Test
    void typedCharactersEchoAndTheLineIsReadableOnlyAtEnter() {
        tty.type("ab");
        tty.assertOutput("ab");
        assertNull(tty.tryRead(100, false, 0, 0, 0), "no complete line yet: the reader waits");
        assertFalse(tty.ld.pollReadable(), "poll: no complete line");
        tty.type("\r"); // ICRNL turns CR into NL; ONLCR echoes NL as CR NL
        tty.assertOutput("\r\n");
        assertTrue(tty.ld.pollReadable(), "poll: a line is there");
        assertEquals("ab\n", tty.read(100));
        assertNull(tty.tryRead(100, false, 0, 0, 0), "queue empty again");
    }

    @Test
    void eraseEchoesBackspaceSpaceBackspace() {
        tty.type("ab\u007f");
        tty.assertOutput("ab\b \b");
        tty.type("c\r");
        tty.assertOutput("c\r\n");
        assertEquals("ac\n", tty.read(100));
    }

    @Test
    void eraseAtLineStartEchoesNothing() {
        tty.type("\u007f\u007f");
        tty.assertOutput("");
        tty.type("\r");
        assertEquals("\n", tty.read(100));
    }

    @Test
    void erasingAControlCharacterErasesBothColumnsOfItsCaretForm() {
        tty.type("a\u0001");
        tty.assertOutput("a^A");
        tty.type("\u007f");
        tty.assertOutput("\b \b\b \b");
        tty.type("\r");
        assertEquals("a\n", tty.read(100));
    }

    @Test
    void eraseWithoutEchoeEchoesTheEraseCharacter() {
        tty.termios(t -> t.lflag &= ~ECHOE);
        tty.type("ab\u007f");
        tty.assertOutput("ab^?");
        tty.type("\r");
        assertEquals("a\n", tty.read(100));
    }

    @Test
    void erasePrintsErasedCharactersUnderEchoprt() {
        tty.termios(t -> t.lflag |= ECHOPRT);
        tty.type("ab\u007fc");
        tty.assertOutput("ab\\b/c");
        tty.type("\u007f\u007f"); // back to the line start: the closing '/' comes at once
        tty.assertOutput("\\ca/");
    }

    @Test
    void utf8EraseRemovesAWholeCharacter() {
        tty.termios(t -> t.iflag |= IUTF8);
        tty.type("a\u00c3\u00a9"); // "aé" in UTF-8
        tty.assertOutput("a\u00c3\u00a9");
        tty.type("\u007f");
        tty.assertOutput("\b \b"); // one column: the continuation byte takes none
        tty.type("\r");
        assertEquals("a\n", tty.read(100));
    }

    @Test
    void wordEraseRemovesTrailingBlanksAndOneWord() {
        tty.type("foo bar  ");
        tty.assertOutput("foo bar  ");
        tty.type("\u0017");
        tty.assertOutput("\b \b".repeat(5));
        tty.type("\r");
        assertEquals("foo \n", tty.read(100));
    }

    @Test
    void killWithEchokeErasesTheLineOnScreen() {
        tty.type("abc\u0015");
        tty.assertOutput("abc" + "\b \b".repeat(3));
        tty.type("x\r");
        tty.assertOutput("x\r\n");
        assertEquals("x\n", tty.read(100));
    }

    @Test
    void killWithEchokButNotEchokeEchoesTheKillCharacterAndANewline() {
        tty.termios(t -> t.lflag &= ~ECHOKE);
        tty.type("abc\u0015");
        tty.assertOutput("abc^U\r\n");
        tty.type("\r");
        assertEquals("\n", tty.read(100));
    }

    @Test
    void killWithoutEchokEchoesOnlyTheKillCharacter() {
        tty.termios(t -> t.lflag &= ~(ECHOK | ECHOKE));
        tty.type("abc\u0015");
        tty.assertOutput("abc^U");
    }

    @Test
    void eofAtLineStartReadsAsEndOfFile() {
        tty.type("\u0004");
        tty.assertOutput(""); // VEOF is never echoed
        assertTrue(tty.ld.pollReadable());
        assertEquals(0, tty.ld.readableBytes(), "FIONREAD does not count the EOF");
        assertEquals("", tty.read(100), "read returns 0");
        assertNull(tty.tryRead(100, false, 0, 0, 0), "the EOF is consumed");
    }

    @Test
    void eofMidLineEndsTheLineWithoutItself() {
        tty.type("abc\u0004");
        tty.assertOutput("abc");
        assertEquals(3, tty.ld.readableBytes());
        assertEquals("abc", tty.read(100));
        assertNull(tty.tryRead(100, false, 0, 0, 0), "no spurious end-of-file after the line");
    }

    @Test
    void readFillingTheBufferExactlyBeforeAnEofConsumesTheEof() {
        // canon_skip_eof: a read that ends exactly at an EOF marker eats it.
        tty.type("abc\u0004");
        assertEquals("abc", tty.read(3));
        assertNull(tty.tryRead(100, false, 0, 0, 0), "the EOF went with the line");
    }

    @Test
    void shortReadsLeaveTheRestOfTheLine() {
        tty.type("abc\u0004");
        assertEquals("ab", tty.read(2));
        assertEquals("c", tty.read(100));
        tty.type("hello\r");
        assertEquals("he", tty.read(2));
        assertEquals("llo", tty.read(3));
        assertEquals("\n", tty.read(3), "the newline stays for the next read");
    }

    @Test
    void aReadReturnsOneLineAtATime() {
        tty.type("a\rb\r");
        assertEquals("a\n", tty.read(100));
        assertEquals("b\n", tty.read(100));
        assertNull(tty.tryRead(100, false, 0, 0, 0));
        assertNull(tty.tryRead(100, true, 0, 0, 0), "O_NONBLOCK: EAGAIN");
    }

    @Test
    void partialLineIsNotReadableEvenWithoutBlocking() {
        tty.type("abc");
        assertNull(tty.tryRead(100, true, 0, 0, 0), "O_NONBLOCK with no complete line: EAGAIN");
        assertEquals(0, tty.ld.readableBytes());
    }

    @Test
    void literalNextQuotesTheNextCharacter() {
        tty.type("\u0016");
        tty.assertOutput("^\b"); // ECHOCTL: a caret the next character overwrites
        tty.type("\u0003"); // ^C, taken literally: no signal
        tty.assertOutput("^C");
        tty.type("\u0016\r\r"); // a literal CR is not mapped to NL and does not end the line
        tty.assertOutput("^\b^M\r\n");
        assertTrue(tty.signals.isEmpty(), "no signal for a quoted ^C: " + tty.signals);
        assertEquals("\u0003\r\n", tty.read(100));
    }

    @Test
    void reprintRetypesTheLine() {
        tty.type("ab\u0012");
        tty.assertOutput("ab^R\r\nab");
        tty.type("\r");
        assertEquals("ab\n", tty.read(100));
    }

    @Test
    void eolCharacterEndsTheLineAndIsKept() {
        tty.termios(t -> t.cc(VEOL, ';'));
        tty.type("ab;c");
        tty.assertOutput("ab;c");
        assertEquals("ab;", tty.read(100));
        assertNull(tty.tryRead(100, false, 0, 0, 0));
    }

    @Test
    void erasingATabBacksUpToTheTabStop() {
        tty.write("$ ");
        tty.type("\t");
        tty.assertOutput("$ \t");
        tty.type("\u007f"); // the tab filled columns 2..7: six backspaces
        tty.assertOutput("\b".repeat(6));
        tty.type("ab\tc\u007f\u007f"); // a tab after "ab" at column 4 took 4 columns
        tty.assertOutput("ab\tc\b \b\b\b\b\b");
    }

    @Test
    void noEchoWithoutEchoButEchonlStillEchoesNewline() {
        tty.termios(t -> t.lflag &= ~ECHO);
        tty.type("secret\r");
        tty.assertOutput("");
        assertEquals("secret\n", tty.read(100));
        tty.termios(t -> t.lflag |= ECHONL);
        tty.type("pw\r");
        tty.assertOutput("\r\n");
        assertEquals("pw\n", tty.read(100));
    }

    @Test
    void fionreadCountsCompleteLinesOnly() {
        tty.type("abc");
        assertEquals(0, tty.ld.readableBytes());
        tty.type("\rde\u0004fg");
        assertEquals(6, tty.ld.readableBytes(), "\"abc\\n\" and \"de\" (the EOF marker is not counted)");
    }

    @Test
    void longLineIsTruncatedAt4095CharactersPlusItsEnd() {
        final String many = "a".repeat(5000);
        tty.type(many); // accepted in full: the last byte is overwritten once the queue is full
        assertEquals(5000, tty.output().length(), "every byte is echoed");
        tty.type("\r");
        assertEquals("a".repeat(4095) + "\n", tty.read(10_000));
    }

    @Test
    void inputStopsWhenACompleteLineFillsTheQueue() {
        tty.type("a".repeat(5000) + "\r");
        assertFalse(tty.ld.receive((byte) 'x'), "queue full with a complete line: the device waits");
        assertEquals(4096, tty.read(10_000).length());
        assertTrue(tty.ld.receive((byte) 'x'), "room again after the read");
    }

    @Test
    void flushDiscardsInputOrOutput() {
        tty.type("ab\rcd");
        tty.output();
        assertTrue(tty.ld.flush(TtyIoctl.TCIFLUSH));
        assertEquals(0, tty.ld.readableBytes());
        tty.type("\r");
        assertEquals("\n", tty.read(100), "the partial line went too");
        tty.output();
        tty.write("zz");
        assertEquals(2, tty.ld.outputQueued());
        assertTrue(tty.ld.flush(TtyIoctl.TCOFLUSH));
        tty.assertOutput("");
        assertFalse(tty.ld.flush(3), "EINVAL");
    }
}
