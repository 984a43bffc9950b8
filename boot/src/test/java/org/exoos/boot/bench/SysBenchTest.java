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

/** {@code exo bench sys --quick} runs the guest program against the vfs in both isolations and reports it. */
class SysBenchTest {
    private static final Pattern RESULT = Pattern.compile(
            "(?m)^RESULT getpid_ns=([0-9.]+) vfs_read_thread_ns=([0-9.]+) vfs_read_process_ns=([0-9.]+)$");

    @Test
    void quickRunReportsAllThreeFigures() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SysBench.run(List.of("--quick"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
        Matcher m = RESULT.matcher(text);
        assertTrue(m.find(), text);
        for (int group = 1; group <= 3; group++) {
            assertTrue(Double.parseDouble(m.group(group)) > 0, "figure " + group + " in " + m.group());
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
