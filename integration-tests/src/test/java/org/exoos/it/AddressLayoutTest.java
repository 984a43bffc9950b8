package org.exoos.it;

import org.exoos.boot.Launcher;
import org.exoos.boot.RunRequest;
import org.exoos.boot.RunResult;
import org.exoos.libposix.fd.Stdio;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Address space layout randomization: exo/aslr prints where its stack, an mmap and its break are. Two runs
 * place all three differently (the odds of a chance match are 2^-18 per address); with --no-aslr two runs
 * place them identically.
 */
class AddressLayoutTest {
    private static final Path BINARY = TestPrograms.exoOnlyBinary("aslr", Libc.MUSL_PIE);

    @Test
    void twoRunsPlaceStackMmapAndBreakDifferently() throws Exception {
        List<String> first = addresses(true), second = addresses(true);
        for (int i = 0; i < first.size(); i++) {
            assertNotEquals(first.get(i), second.get(i), "randomized twice to the same place: " + first.get(i));
        }
    }

    @Test
    void withoutAslrTwoRunsPlaceThemAlike() throws Exception {
        assertEquals(addresses(false), addresses(false));
    }

    /** The "stack", "mmap" and "brk" lines of one run. */
    private static List<String> addresses(boolean aslr) throws Exception {
        assertTrue(Files.isExecutable(BINARY), () -> BINARY + " was not built (see build-riscv-programs.sh)");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Stdio stdio = Stdio.streams(new ByteArrayInputStream(new byte[0]), out, err);
        RunRequest request = new RunRequest(BINARY, List.of("aslr"), Invocations.ENV, stdio, ExoInProcess.MEM_BYTES)
                .withCpus(1).withAslr(aslr);
        RunResult result = Launcher.run(request);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, result.status(), () -> "aslr failed:\n" + text + err.toString(StandardCharsets.UTF_8));
        List<String> lines = text.lines().filter(l -> l.matches("(stack|mmap|brk) 0x[0-9a-f]+")).toList();
        assertEquals(3, lines.size(), () -> "no addresses in:\n" + text);
        return lines;
    }
}
