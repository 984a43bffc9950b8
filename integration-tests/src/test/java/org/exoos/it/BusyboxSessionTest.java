package org.exoos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.exoos.boot.Launcher;
import org.exoos.boot.RunRequest;
import org.exoos.boot.RunResult;
import org.exoos.libposix.fd.Stdio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, acceptance 2: src/test/userland/session.sh, a scripted busybox-ash session (pipes, redirection,
 * subshells, $(...), background jobs and wait, trap, kill, the text and archive tools, nested sh -c), run as
 * {@code busybox sh session.sh} with the same busybox binary on Exo-OS and under qemu-riscv64, must print the
 * same thing on both, exit status included, apart from the lines {@link #FILTERED_PREFIXES} names.
 * <p>
 * Each run starts in a host directory of its own (on Exo-OS it is /mnt/host), which holds the script and a
 * bin/ of applet links to busybox on PATH, so that ash finds its applets whether or not busybox was configured to
 * run them without exec (FEATURE_SH_STANDALONE). Under qemu-riscv64 an exec of a riscv64 program goes through
 * binfmt_misc, which tools/qemu-binfmt.sh sets up; the test is skipped, with its reason, where it cannot.
 * <p>
 * The busybox binary is -Dexo.busybox, else $EXO_BUSYBOX, else the userland build's
 * ${EXO_CACHE:-$HOME/.cache/exo-os}/busybox-riscv64/busybox; the test is skipped if it is missing.
 */
class BusyboxSessionTest {
    /**
     * Lines that may differ between two correct runs, each filtered by the tag the script starts it with:
     * "pid:" lines name a process id, "time:" lines the date. Nothing else is filtered.
     */
    static final List<String> FILTERED_PREFIXES = List.of("pid:", "time:");
    private static final long MEM_BYTES = 128L << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ExecutorService RUNNER = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().daemon().name("busybox-session-", 0).factory());

    @TempDir
    Path cwd;

    @AfterAll
    static void stopRunner() {
        RUNNER.shutdownNow();
    }

    @Test
    void aScriptedSessionPrintsTheSameOnExoAsUnderQemu() throws Exception {
        Path busybox = busybox();
        assumeTrue(Files.isRegularFile(busybox), () -> "no busybox at " + busybox
                + " (build it with `make userland`, or point -Dexo.busybox or EXO_BUSYBOX at one)");
        Outcome binfmt = Subprocess.run(List.of(TestPrograms.repoRoot().resolve("tools/qemu-binfmt.sh").toString()),
                null, cwd, new byte[0], Duration.ofSeconds(30));
        assumeTrue(binfmt.status() == 0, () -> "the qemu-riscv64 reference cannot exec riscv64 programs: "
                + binfmt.stderrText().strip());
        Path qemuDirectory = prepare(busybox, cwd.resolve("qemu"));
        Path exoDirectory = prepare(busybox, cwd.resolve("exo"));

        // The two runs go side by side, each in a directory of its own: the test takes as long as the slower.
        Future<Outcome> reference = RUNNER.submit(() -> Subprocess.run(List.of(QemuUser.QEMU, "-0", "busybox",
                qemuDirectory.resolve("bin/busybox").toString(), "sh", "session.sh"),
                env(qemuDirectory.resolve("bin").toString()), qemuDirectory, new byte[0], TIMEOUT));
        Outcome exo = runOnExo(exoDirectory);
        Outcome qemu = reference.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, qemu.status(), () -> "the session failed under qemu-riscv64: " + qemu.summary());
        assertTrue(qemu.stdoutText().contains("\n== done\n") && qemu.stdoutText().endsWith("trap: EXIT ran\n"),
                () -> "the session did not run to its end under qemu-riscv64:\n" + qemu.stdoutText());

        assertEquals(filtered(qemu.stdoutText()), filtered(exo.stdoutText()), () -> "stdout differs:\n"
                + OutputDiff.describe("qemu-riscv64", qemu.stdout(), "Exo-OS", exo.stdout()));
        assertEquals(filtered(qemu.stderrText()), filtered(exo.stderrText()), "stderr differs");
        assertEquals(qemu.status(), exo.status(), () -> "exit status differs: " + exo.summary());
        assertFalse(Files.exists(exoDirectory.resolve("session-scratch")), "the session left its scratch directory");
    }

    /** The filter list applies to whole lines, by their first characters. */
    @Test
    void onlyTheNamedLinesAreFiltered() {
        assertEquals("a\nkeep pid: 3\n", filtered("a\npid: 12\nkeep pid: 3\ntime: now\n"));
    }

    private static Outcome runOnExo(Path directory) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Stdio stdio = Stdio.streams(new ByteArrayInputStream(new byte[0]), out, err);
        RunRequest request = new RunRequest(directory.resolve("bin/busybox"), List.of("busybox", "sh", "session.sh"),
                env("/mnt/host/bin"), stdio, MEM_BYTES).withHostDirectory(directory);
        Future<RunResult> run = RUNNER.submit(() -> Launcher.run(request));
        try {
            RunResult result = run.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Outcome(result.status(), out.toByteArray(), err.toByteArray());
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("the session did not finish on Exo-OS within " + TIMEOUT.toSeconds()
                    + " s; stdout so far:\n" + out.toString(StandardCharsets.UTF_8).indent(4));
        }
    }

    /** {@code directory} with the script, and bin/ with busybox and a link to it for each of its applets. */
    private static Path prepare(Path busybox, Path directory) throws IOException {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Files.copy(busybox, bin.resolve("busybox"));
        bin.resolve("busybox").toFile().setExecutable(true);
        Outcome list = Subprocess.run(List.of(QemuUser.QEMU, bin.resolve("busybox").toString(), "--list"),
                env(bin.toString()), directory, new byte[0], Duration.ofSeconds(30));
        assertEquals(0, list.status(), () -> "busybox --list failed: " + list.summary());
        for (String applet : list.stdoutText().split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
            }
        }
        Files.copy(TestPrograms.repoRoot().resolve("integration-tests/src/test/userland/session.sh"),
                directory.resolve("session.sh"));
        return directory;
    }

    private static Map<String, String> env(String path) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", path);
        env.put("HOME", "/root");
        env.put("LANG", "C");
        env.put("TZ", "UTC");
        return env;
    }

    static String filtered(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (FILTERED_PREFIXES.stream().noneMatch(line::startsWith)) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }

    static Path busybox() {
        String given = System.getProperty("exo.busybox", System.getenv("EXO_BUSYBOX"));
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        String cache = System.getenv("EXO_CACHE");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "exo-os");
        return base.resolve("busybox-riscv64/busybox");
    }
}
