package org.exoos.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.exoos.it.Libc;
import org.exoos.it.TestPrograms;
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
        ServerJvms.Killed k = ServerJvms.killServerUnder(program, "until-eio", "vfs");
        assertTrue(k.stdout().contains("read failed: errno=" + EIO + "\n"), () -> "the read should fail with EIO" + k.both());
        assertTrue(k.stdout().contains("open /dev/null after: errno=" + EIO + "\n"),
                () -> "a later open should fail with EIO" + k.both());
        assertEquals(0, k.status(), () -> "vfs_dies exits 0 when both errors are EIO" + k.both());
        k.assertOneDeathLine();
    }
}
