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
 * Issue 4's "a server process killed with kill -9 turns in-flight syscalls into a clean error (EIO) with one
 * kernel-log line: no hang, no kernel crash", through the real launcher: {@code bin/exo run --isolation process}
 * runs vfs_dies, which reads /dev/zero a byte at a time; the vfs server's JVM is killed with SIGKILL under it.
 * The read in flight (or the next one) and a later open must fail with EIO, the program must exit normally, and the
 * kernel must say so in exactly one line on stderr at the default log level.
 */
class VfsServerKilledTest {
    private static final long READY_SECONDS = 60;
    private static final long SERVER_FOUND_SECONDS = 10;
    private static final long EXIT_AFTER_KILL_SECONDS = 30;
    private static final int EIO = 5;

    @BeforeAll
    static void launcherAndProgramExist() {
        assumeTrue(ExoCommand.exists(), () -> ExoCommand.script() + " is missing or not executable");
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void killingTheVfsServerTurnsReadsAndOpensIntoEioAndOneLogLine() throws Exception {
        Path program = TestPrograms.binary("vfs_dies", Libc.MUSL);
        assertTrue(Files.isExecutable(program), () -> program + " was not built");
        ProcessBuilder builder = new ProcessBuilder(ExoCommand.script().toString(), "run", "--isolation", "process",
                program.toString(), "until-eio")
                .directory(TestPrograms.repoRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().remove("EXO_LOG"); // the line must show at the default level
        Process exo = builder.start();
        try {
            Lines out = Lines.drain(exo.getInputStream(), "ready");
            Lines err = Lines.drain(exo.getErrorStream(), null);

            if (!out.awaitMarker(READY_SECONDS)) {
                fail("vfs_dies never printed 'ready'; stdout:\n" + out.text() + "stderr:\n" + err.text());
            }
            ProcessHandle server = ServerJvms.serverOf(exo, "vfs", SERVER_FOUND_SECONDS).orElseThrow(() ->
                    new AssertionError("no descendant of bin/exo runs " + ServerJvms.SERVER_MAIN + " vfs; stderr:\n"
                            + err.text()));
            assertTrue(server.destroyForcibly(), "SIGKILL to the vfs server (pid " + server.pid() + ")");
            server.onExit().get(SERVER_FOUND_SECONDS, TimeUnit.SECONDS);

            if (!exo.waitFor(EXIT_AFTER_KILL_SECONDS, TimeUnit.SECONDS)) {
                fail("bin/exo still running " + EXIT_AFTER_KILL_SECONDS + " s after the vfs server was killed"
                        + "; stdout:\n" + out.text() + "stderr:\n" + err.text());
            }
            out.join();
            err.join();
            String stdout = out.text();
            String stderr = err.text();
            String both = "; stdout:\n" + stdout + "stderr:\n" + stderr;

            assertTrue(stdout.contains("read failed: errno=" + EIO + "\n"), () -> "the read should fail with EIO" + both);
            assertTrue(stdout.contains("open /dev/null after: errno=" + EIO + "\n"),
                    () -> "a later open should fail with EIO" + both);
            assertEquals(0, exo.exitValue(), () -> "vfs_dies exits 0 when both errors are EIO" + both);
            List<String> deathLines = stderr.lines().filter(l -> l.contains("died") && l.contains("EIO")).toList();
            assertEquals(1, deathLines.size(), () -> "exactly one kernel-log line on the server's death" + both);
            assertTrue(deathLines.getFirst().contains("vfs") && deathLines.getFirst().contains(Long.toString(server.pid())),
                    () -> "the line names the server and its pid " + server.pid() + both);
            assertTrue(!stderr.contains("Exception") && !stderr.contains("\tat "), () -> "no Java stack trace" + both);
        } finally {
            exo.descendants().forEach(ProcessHandle::destroyForcibly);
            exo.destroyForcibly();
            exo.waitFor(EXIT_AFTER_KILL_SECONDS, TimeUnit.SECONDS);
        }
    }
}
