package org.exoos.boot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code exo bench sys --quick} runs the program on Exo-OS (the vfs in both isolations), under qemu-riscv64 and
 * natively, prints the table and the RESULT line. Timings are not asserted: only that each figure is there.
 */
class SysBenchTest {
    private static final String[] KEYS = {"getpid_ns", "pipe_rtt_ns", "fork_exit_wait_us", "fork_exec_us",
            "yield_pingpong_ns", "native_getpid_ns", "native_fork_exit_wait_us", "qemu_fork_exit_wait_us",
            "vfs_read_thread_ns", "vfs_read_process_ns"};
    private static final Pattern RESULT = Pattern.compile("(?m)^RESULT " + String.join(" ",
            java.util.Arrays.stream(KEYS).map(k -> k + "=([0-9.]+)").toList()) + "$");
    private static final String[] ROWS = {"getpid", "1-byte /dev/zero read, vfs thread", "1-byte /dev/zero read, vfs process",
            "pipe round trip", "fork+exit+wait", "fork+execve+wait", "sched_yield ping-pong", "mmap+touch+munmap 1 MiB"};

    @Test
    void quickRunPrintsTheTableAndEveryFigure() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SysBench.run(List.of("--quick"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("Exo-OS") && text.contains("qemu-riscv64") && text.contains("native"), text);
        for (String row : ROWS) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(row + " (")),
                    "row " + row + " in\n" + text);
        }
        Matcher m = RESULT.matcher(text);
        assertTrue(m.find(), text);
        assertTrue(text.strip().endsWith(m.group()), "the RESULT line ends the output");
        for (int group = 1; group <= KEYS.length; group++) {
            assertTrue(Double.parseDouble(m.group(group)) > 0, KEYS[group - 1] + " in " + m.group());
        }
    }

    @Test
    void unknownArgumentIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SysBench.run(List.of("--fast"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument"));
    }
}
