package org.exoos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.exoos.boot.Launcher;
import org.exoos.boot.RunRequest;
import org.exoos.boot.RunResult;
import org.exoos.boot.Terminal;
import org.exoos.libposix.fd.Stdio;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scheduler as programs see it, on machines with a given number of harts: exo/preempt.c on one hart (two
 * CPU-bound processes both progress under timer preemption; an interactive sleeper wakes sooner than a busy
 * one, because its short bursts class it interactive and its wake-up preempts), and threads.c (4 threads:
 * mutex, condvar, barrier) on two harts.
 */
class SchedulerOnHartsTest {

    private static Outcome run(Path binary, String argv0, int cpus) throws Exception {
        assertTrue(Files.isExecutable(binary), () -> binary + " was not built (see build-riscv-programs.sh)");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Stdio stdio = Stdio.streams(new ByteArrayInputStream(new byte[0]), out, err);
        RunRequest request = new RunRequest(binary, List.of(argv0), Map.of("LANG", "C"), stdio, ExoInProcess.MEM_BYTES)
                .withTerminal(Terminal.NONE).withCpus(cpus);
        RunResult result = Launcher.run(request);
        return new Outcome(result.status(), out.toByteArray(), err.toByteArray());
    }

    private static long number(String text, String label) {
        return text.lines().filter(l -> l.startsWith(label + ": ")).mapToLong(l -> Long.parseLong(l.substring(label.length() + 2)))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + label + "' line in:\n" + text));
    }

    @ParameterizedTest
    @EnumSource(value = Libc.class, names = {"GLIBC", "MUSL"})
    void spinnersShareOneHartAndTheInteractiveSleeperWakesFirst(Libc libc) throws Exception {
        Outcome exo = run(TestPrograms.exoOnlyBinary("preempt", libc), "preempt", 1);
        String text = exo.stdoutText();
        assertEquals(0, exo.status(), "status; stdout:\n" + text + "stderr:\n" + exo.stderrText());
        assertTrue(text.contains("spinner 1 progressed in the interactive sleeper's second half: yes"), text);
        assertTrue(text.contains("spinner 2 progressed in the interactive sleeper's second half: yes"), text);
        long interactive = number(text, "interactive median wake-up latency us");
        long busy = number(text, "busy median wake-up latency us");
        assertTrue(interactive < busy, "the interactive sleeper woke no sooner than the busy one:\n" + text);
    }

    @ParameterizedTest
    @EnumSource(value = Libc.class, names = {"GLIBC", "MUSL"})
    void fourPthreadsWithMutexCondvarAndBarrierRunOnTwoHarts(Libc libc) throws Exception {
        Outcome exo = run(TestPrograms.binary("threads", libc), "threads", 2);
        String text = exo.stdoutText();
        assertEquals(3, exo.status(), "threads.c ends with exit(3) from a thread; stdout:\n" + text + exo.stderrText());
        assertTrue(text.lines().noneMatch(l -> l.startsWith("FAIL ")), text);
        assertTrue(text.endsWith("spinner created: yes\nthread calls exit(3)\n"), text);
    }
}
