package org.exoos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.exoos.boot.Launcher;
import org.exoos.boot.RunRequest;
import org.exoos.boot.RunResult;
import org.exoos.boot.Terminal;
import org.exoos.libposix.fd.Stdio;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.tty.service.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * src/test/c/exo/tty.c on a machine whose stdio is the console of a tty server with an in-memory device: the
 * test types at the device, step by step, as the program asks ("READY step"), and reads what the terminal
 * displayed. The program checks what it reads and the ioctls; this test checks the display (echo, erase and
 * kill echo, no echo with ECHO off, ^C) and that every check passed, ^Z stopping a foreground child included.
 */
class TtyOnExoTest {
    private static final long MEM_BYTES = 64L << 20;
    private static final long STEP_TIMEOUT_MILLIS = 8_000;
    private static final long SIGINT_DELAY_MILLIS = 300;
    private static final ExecutorService RUNNER = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().daemon().name("tty-run-", 0).factory());

    /** What the test types at each step the program announces. */
    private static final List<String[]> SCRIPT = List.of(
            new String[] {"fionread", "hello\n"},
            new String[] {"erase", "abX\u007fc\n"},
            new String[] {"kill", "junk\u0015line\n"},
            new String[] {"backspace", "xy\bz\n"},
            new String[] {"two-lines", "one\ntwo\n"},
            new String[] {"noecho", "secret\n"},
            new String[] {"eof", "\u0004"},
            new String[] {"poll", "p\n"},
            new String[] {"raw", "q"},
            new String[] {"sigint", "\u0003"},
            new String[] {"sigint-poll", "\u0003"},
            new String[] {"suspend", "\u001a"});

    @TempDir
    Path cwd;

    @AfterAll
    static void stopRunner() {
        RUNNER.shutdownNow();
    }

    /** The vfs server in either isolation; the tty server is in a thread, as its device is an object here. */
    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"GLIBC, THREAD", "MUSL, THREAD", "GLIBC, PROCESS", "MUSL, PROCESS"})
    void aProgramSeesATerminalThroughTheTtyServer(Libc libc, Isolation isolation) throws Exception {
        Path binary = TestPrograms.exoOnlyBinary("tty", libc);
        assertTrue(Files.isExecutable(binary), () -> binary + " was not built (see build-riscv-programs.sh)");
        MemoryBackend device = new MemoryBackend(24, 80);
        // The streams are what the terminal replaces: all three fds become the console.
        Stdio unused = Stdio.streams(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());
        RunRequest request = new RunRequest(binary, List.of("tty"), Map.of("LANG", "C"), unused, MEM_BYTES)
                .withIsolation(isolation).withHostDirectory(cwd).withTerminal(Terminal.of(device));
        Future<RunResult> run = RUNNER.submit(() -> Launcher.run(request));

        for (String[] step : SCRIPT) {
            awaitLine(device, run, "READY " + step[0]);
            if (step[0].startsWith("sigint") || step[0].equals("suspend")) {
                // ^C must find the program blocked in its read (poll): typed before, it would run the handler as
                // the write of READY returns, and the read would then wait for ever (as on Linux). Entering the
                // read takes microseconds; this leaves it plenty.
                Thread.sleep(SIGINT_DELAY_MILLIS);
            }
            device.feed(step[1]);
        }
        RunResult result;
        try {
            result = run.get(STEP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("tty did not end; the terminal shows:\n" + screen(device).indent(4));
        }
        String screen = screen(device);
        List<String> failed = screen.lines().filter(l -> l.startsWith("FAIL ")).toList();
        assertTrue(failed.isEmpty(), () -> "failed checks: " + failed + "\nthe terminal shows:\n" + screen.indent(4));
        assertEquals(0, result.status(), () -> "status; the terminal shows:\n" + screen.indent(4));
        assertTrue(screen.contains("tty: done\n"), screen);

        assertTrue(screen.contains("READY fionread\nhello\n"), () -> "the typed line is echoed:\n" + screen);
        assertTrue(screen.contains("abX\b \bc\n"), () -> "^? echoes as backspace-space-backspace (ECHOE):\n" + screen);
        assertTrue(screen.contains("junk\b \b\b \b\b \b\b \bline\n"), () -> "^U erases the line (ECHOKE):\n" + screen);
        assertTrue(screen.contains("xy\b \bz\n"), () -> "^H, made VERASE, erases:\n" + screen);
        String noEcho = between(screen, "READY noecho\n", "READY eof\n");
        assertFalse(noEcho.contains("secret"), () -> "nothing is echoed with ECHO off:\n" + noEcho);
        assertTrue(between(screen, "READY raw\n", "READY sigint\n").indexOf('q') < 0, "raw mode without ECHO");
        assertTrue(between(screen, "READY sigint\n", "READY sigint-poll").startsWith("^C"),
                () -> "^C echoes as ^C (ECHOCTL):\n" + screen);
        assertTrue(screen.contains("via /dev/tty\n"), screen);
    }

    /** The display with ONLCR's carriage returns taken out. */
    private static String screen(MemoryBackend device) {
        return device.outputText().replace("\r\n", "\n");
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, Math.max(start, 0));
        if (start < 0 || end < 0) fail("no '" + from.strip() + "' ... '" + to.strip() + "' in:\n" + text);
        return text.substring(start + from.length(), end);
    }

    private static void awaitLine(MemoryBackend device, Future<RunResult> run, String line)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MILLIS);
        while (!screen(device).contains(line + "\n")) {
            if (run.isDone()) {
                run.get(); // a failure to run surfaces here
                fail("tty ended before '" + line + "'; the terminal shows:\n" + screen(device).indent(4));
            }
            if (System.nanoTime() - deadline > 0) {
                run.cancel(true);
                fail("no '" + line + "' within " + STEP_TIMEOUT_MILLIS + " ms; the terminal shows:\n"
                        + screen(device).indent(4));
            }
            Thread.sleep(5);
        }
    }
}
