package org.exoos.servers.tty;

import static org.exoos.servers.tty.Termios.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.exoos.servers.tty.TtyFixture.Report;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ISIG characters, flow control and window size. n_tty_receive_signal_char reports the signal,
 * flushes the echo queue, the output queue and the input unless NOFLSH (isig), then echoes the
 * character: "^C" under ECHOCTL and nothing more (the newline a shell prints is its own output).
 */
class SignalCharactersTest {
    private static final int GROUP = 42;
    private final TtyFixture tty = new TtyFixture();

    @BeforeEach
    void foregroundGroup() {
        tty.ld.foregroundProcessGroup(GROUP);
    }

    @Test
    void interruptReportsSigintToTheForegroundGroupAndFlushes() {
        tty.type("abc");
        tty.assertOutput("abc");
        tty.write("program output not yet displayed");
        tty.type("\u0003");
        assertEquals(List.of(new Report(TtySignalListener.SIGINT, GROUP)), tty.signals);
        tty.assertOutput("^C"); // undisplayed output was discarded; no newline follows
        assertEquals(0, tty.ld.readableBytes());
        tty.type("\r");
        tty.assertOutput("\r\n");
        assertEquals("\n", tty.read(100), "the typed \"abc\" was discarded");
    }

    @Test
    void noflshKeepsInputAndOutput() {
        tty.termios(t -> t.lflag |= NOFLSH);
        tty.type("abc\u0003\r");
        assertEquals(List.of(new Report(TtySignalListener.SIGINT, GROUP)), tty.signals);
        tty.assertOutput("abc^C\r\n");
        assertEquals("abc\n", tty.read(100));
    }

    @Test
    void quitAndSuspendReportTheirSignals() {
        tty.type("\u001c");
        tty.assertOutput("^\\");
        tty.type("\u001a");
        tty.assertOutput("^Z");
        assertEquals(List.of(new Report(TtySignalListener.SIGQUIT, GROUP), new Report(TtySignalListener.SIGTSTP, GROUP)),
                tty.signals);
    }

    @Test
    void signalCharactersWorkInNonCanonicalModeToo() {
        tty.termios(t -> t.lflag &= ~ICANON);
        tty.type("xy\u0003");
        assertEquals(List.of(new Report(TtySignalListener.SIGINT, GROUP)), tty.signals);
        assertEquals(0, tty.ld.readableBytes(), "input flushed");
    }

    @Test
    void withoutEchoctlTheControlCharacterIsEchoedAsIs() {
        tty.termios(t -> t.lflag &= ~ECHOCTL);
        tty.type("\u0003");
        tty.assertOutput("\u0003");
        assertEquals(1, tty.signals.size());
    }

    @Test
    void withoutEchoNothingIsEchoed() {
        tty.termios(t -> t.lflag &= ~ECHO);
        tty.type("\u0003");
        tty.assertOutput("");
        assertEquals(List.of(new Report(TtySignalListener.SIGINT, GROUP)), tty.signals);
    }

    @Test
    void withoutIsigTheCharactersAreOrdinary() {
        tty.termios(t -> t.lflag &= ~ISIG);
        tty.type("\u0003\u001a\r");
        tty.assertOutput("^C^Z\r\n");
        assertTrue(tty.signals.isEmpty(), "no signals: " + tty.signals);
        assertEquals("\u0003\u001a\n", tty.read(100));
    }

    @Test
    void changedSignalCharacterIsHonoured() {
        tty.termios(t -> t.cc(VINTR, 'q').cc(VQUIT, POSIX_VDISABLE));
        tty.type("\u0003\u001cq");
        assertEquals(List.of(new Report(TtySignalListener.SIGINT, GROUP)), tty.signals, "only 'q' interrupts");
    }

    @Test
    void signalIsReportedWithGroupZeroWhenThereIsNoForegroundGroup() {
        tty.ld.foregroundProcessGroup(0);
        tty.type("\u0003");
        assertEquals(List.of(new Report(TtySignalListener.SIGINT, 0)), tty.signals);
    }

    @Test
    void stopAndStartCharactersSuspendAndResumeOutput() {
        tty.type("\u0013"); // ^S
        assertTrue(tty.ld.isOutputStopped());
        tty.write("held");
        tty.assertOutput("");
        tty.type("\u0011"); // ^Q
        assertFalse(tty.ld.isOutputStopped());
        tty.assertOutput("held");
        tty.type("\r");
        assertEquals("\n", tty.read(100), "^S and ^Q are not input");
    }

    @Test
    void interruptRestartsStoppedOutput() {
        tty.termios(t -> t.lflag |= NOFLSH);
        tty.type("\u0013");
        tty.write("x");
        tty.type("\u0003");
        assertFalse(tty.ld.isOutputStopped());
        tty.assertOutput("x^C");
    }

    @Test
    void tcooffHoldsOutputUntilTcoon() {
        assertTrue(tty.ld.flowControl(TtyIoctl.TCOOFF));
        tty.write("a");
        tty.type("\u0011"); // START does not undo TCOOFF
        tty.assertOutput("");
        assertTrue(tty.ld.flowControl(TtyIoctl.TCOON));
        tty.assertOutput("a");
        assertTrue(tty.ld.flowControl(TtyIoctl.TCIOFF));
        tty.assertOutput("\u0013");
        assertFalse(tty.ld.flowControl(9), "EINVAL");
    }

    @Test
    void windowSizeChangeReportsSigwinch() {
        tty.ld.setWindowSize(new WinSize(24, 80));
        tty.ld.setWindowSize(new WinSize(24, 80));
        assertEquals(List.of(new Report(TtySignalListener.SIGWINCH, GROUP)), tty.signals, "one report per change");
        assertEquals(new WinSize(24, 80), tty.ld.windowSize(new WinSize()));
        tty.ld.setWindowSize(new WinSize().set(24, 80, 1, 0));
        assertEquals(2, tty.signals.size(), "pixel sizes count as a change");
    }
}
