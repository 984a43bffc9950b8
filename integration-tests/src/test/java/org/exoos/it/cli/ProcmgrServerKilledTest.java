package org.exoos.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.exoos.it.Libc;
import org.exoos.it.TestPrograms;
import org.exoos.it.cli.ServerJvms.Lines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The process manager's share of "a server killed with kill -9 turns syscalls into a clean error with one kernel-log
 * line: no hang, no kernel crash": {@code bin/exo run --isolation process} runs procmgr_dies, which forks and reaps
 * a child again and again; the procmgr server's JVM is killed with SIGKILL under it. The fork or wait in flight (or
 * the next one) must fail, fork with EAGAIN (the kernel maps procmgr's EIO to it) or wait with EIO, a later fork
 * with EAGAIN, the program must exit normally, and the kernel must report the death in exactly one line on stderr.
 */
class ProcmgrServerKilledTest {
    private static final long READY_SECONDS = 60;
    private static final long SERVER_FOUND_SECONDS = 10;
    private static final long EXIT_AFTER_KILL_SECONDS = 30;
    private static final int EIO = 5;
    private static final int EAGAIN = 11;

    @BeforeAll
    static void launcherExists() {
        assumeTrue(ExoCommand.exists(), () -> ExoCommand.script() + " is missing or not executable");
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void killingProcmgrTurnsForkIntoEagainAndWaitIntoEioWithOneLogLine() throws Exception {
        Path program = TestPrograms.binary("procmgr_dies", Libc.MUSL);
        assertTrue(Files.isExecutable(program), () -> program + " was not built");
        ProcessBuilder builder = new ProcessBuilder(ExoCommand.script().toString(), "run", "--isolation", "process",
                program.toString(), "until-error")
                .directory(TestPrograms.repoRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().remove("EXO_LOG"); // the line must show at the default level
        Process exo = builder.start();
        try {
            Lines out = Lines.drain(exo.getInputStream(), "ready");
            Lines err = Lines.drain(exo.getErrorStream(), null);

            if (!out.awaitMarker(READY_SECONDS)) {
                fail("procmgr_dies never printed 'ready'; stdout:\n" + out.text() + "stderr:\n" + err.text());
            }
            ProcessHandle server = ServerJvms.serverOf(exo, "procmgr", SERVER_FOUND_SECONDS).orElseThrow(() ->
                    new AssertionError("no descendant of bin/exo runs " + ServerJvms.SERVER_MAIN + " procmgr; stderr:\n"
                            + err.text()));
            assertTrue(server.destroyForcibly(), "SIGKILL to the procmgr server (pid " + server.pid() + ")");
            server.onExit().get(SERVER_FOUND_SECONDS, TimeUnit.SECONDS);

            if (!exo.waitFor(EXIT_AFTER_KILL_SECONDS, TimeUnit.SECONDS)) {
                fail("bin/exo still running " + EXIT_AFTER_KILL_SECONDS + " s after the procmgr server was killed"
                        + "; stdout:\n" + out.text() + "stderr:\n" + err.text());
            }
            out.join();
            err.join();
            String stdout = out.text();
            String stderr = err.text();
            String both = "; stdout:\n" + stdout + "stderr:\n" + stderr;

            // which call meets the death first is a race: a fork in flight fails with EAGAIN, a wait with EIO
            List<String> failures = stdout.lines().filter(l -> l.matches("(fork|wait) failed: errno=\\d+")).toList();
            assertEquals(1, failures.size(), () -> "exactly one failed fork or wait" + both);
            assertTrue(List.of("fork failed: errno=" + EAGAIN, "wait failed: errno=" + EIO).contains(failures.getFirst()),
                    () -> "fork fails with EAGAIN, wait with EIO" + both);
            assertTrue(stdout.contains("fork after: errno=" + EAGAIN + "\n"), () -> "a later fork fails with EAGAIN" + both);
            assertEquals(0, exo.exitValue(), () -> "procmgr_dies exits 0 when the errors are as expected" + both);
            List<String> deathLines = stderr.lines().filter(l -> l.contains("died") && l.contains("EIO")).toList();
            assertEquals(1, deathLines.size(), () -> "exactly one kernel-log line on the server's death" + both);
            assertTrue(deathLines.getFirst().contains("procmgr")
                            && deathLines.getFirst().contains(Long.toString(server.pid())),
                    () -> "the line names the server and its pid " + server.pid() + both);
            assertTrue(!stderr.contains("Exception") && !stderr.contains("\tat "), () -> "no Java stack trace" + both);
        } finally {
            exo.descendants().forEach(ProcessHandle::destroyForcibly);
            exo.destroyForcibly();
            exo.waitFor(EXIT_AFTER_KILL_SECONDS, TimeUnit.SECONDS);
        }
    }
}
