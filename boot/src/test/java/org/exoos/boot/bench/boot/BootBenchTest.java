package org.exoos.boot.bench.boot;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code exo bench boot}: its arguments, its figures, and one boot → command → power-off cycle in this JVM on the
 * userland initramfs tools/userland.sh builds (skipped when it was not built).
 */
class BootBenchTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int bench(String... args) {
        return BootBench.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, bench("--runs"));
        assertEquals(2, bench("--runs", "0"));
        assertEquals(2, bench("--cycles", "x"));
        assertEquals(2, bench("--frob", "1"));
        assertEquals(2, bench("--initramfs", "/nonexistent/initramfs.cpio"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("No such file"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void figuresAndMedian() {
        assertEquals(java.util.Map.of("main", 120L, "logged", 900L, "prompt", 1500L, "first_output", -1L),
                BootBench.figures("BOOT_ONCE main_ms=120 logged_ms=900 first_output_ms=-1 prompt_ms=1500"));
        assertEquals(3, BootBench.median(List.of(5L, 1L, 3L)));
        assertEquals(2, BootBench.median(List.of(4L, 1L, 3L, 1L)));
    }

    @Test
    void aChildIsOkOnlyWithStatusZeroTheResultLineAndNoErrorLogged() {
        String result = BootOnce.RESULT_PREFIX + "main_ms=1 logged_ms=2 first_output_ms=3 prompt_ms=4 end_ms=5\n";
        assertTrue(new BootBench.Child(0, result, 10).ok());
        assertFalse(new BootBench.Child(1, result, 10).ok());
        assertFalse(new BootBench.Child(0, "[ERROR] HartScheduler - task 3: the hart failed\n" + result, 10).ok());
        assertFalse(new BootBench.Child(0, "nothing\n", 10).ok());
        assertTrue(new BootBench.Child(-1, "", 10).hung());
        assertTrue(new BootBench.Child(BootOnce.EXIT_HUNG, BootOnce.FAILED_PREFIX + "timed out; the screen: x\n", 10).hung());
    }

    @Test
    void oneCycleBootsToThePromptRunsACommandAndPowersOff() throws Exception {
        Path initramfs = BootBench.defaultInitramfs();
        assumeTrue(Files.isRegularFile(initramfs), "no userland initramfs (tools/userland.sh builds it)");
        BootOnce.Phases p = BootOnce.run(initramfs, 7, 0, System.nanoTime());
        // logged is the kernel's own figure (the boot log, printed at the console's first wait for input), from this
        // (test) JVM's start; the others count from the call
        assertTrue(p.logged() > 0 && p.firstOutput() >= 0 && p.firstOutput() <= p.prompt() && p.prompt() <= p.end(),
                p.toString());
    }
}
