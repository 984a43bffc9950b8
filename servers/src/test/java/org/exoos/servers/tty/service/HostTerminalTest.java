package org.exoos.servers.tty.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.exoos.servers.tty.WinSize;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The FFM calls of {@link HostTerminal}. Under Maven the test JVM's stdin is surefire's pipe, so
 * only the non-terminal answers are checked; a raw-mode round trip runs when stdin is a terminal
 * (by hand). The backend itself is not started here: its reader would consume surefire's stdin.
 */
class HostTerminalTest {
    @Test
    void aClosedDescriptorIsNotATerminalAndHasNoWindowSize() {
        assertFalse(HostTerminal.isatty(-1));
        assertFalse(HostTerminal.windowSize(-1, new WinSize()));
    }

    @Test
    void rawModeRoundTripOnARealTerminal() throws Exception {
        Assumptions.assumeTrue(HostTerminal.isatty(HostTerminal.STDIN), "stdin is not a terminal");
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment saved = arena.allocate(HostTerminal.TERMIOS_SIZE + 4, 8);
            final MemorySegment raw = arena.allocate(HostTerminal.TERMIOS_SIZE + 4, 8);
            HostTerminal.tcgetattr(HostTerminal.STDIN, saved);
            raw.copyFrom(saved);
            HostTerminal.cfmakeraw(raw);
            try {
                HostTerminal.tcsetattr(HostTerminal.STDIN, raw);
            } finally {
                HostTerminal.tcsetattr(HostTerminal.STDIN, saved);
            }
            final MemorySegment after = arena.allocate(HostTerminal.TERMIOS_SIZE + 4, 8);
            HostTerminal.tcgetattr(HostTerminal.STDIN, after);
            assertEquals(-1, saved.asSlice(0, 16).mismatch(after.asSlice(0, 16)));
        }
    }
}
