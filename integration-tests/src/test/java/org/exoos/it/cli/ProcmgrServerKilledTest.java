package org.exoos.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.exoos.it.Libc;
import org.exoos.it.TestPrograms;
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
        ServerJvms.Killed k = ServerJvms.killServerUnder(program, "until-error", "procmgr");
        // which call meets the death first is a race: a fork in flight fails with EAGAIN, a wait with EIO
        List<String> failures = k.stdout().lines().filter(l -> l.matches("(fork|wait) failed: errno=\\d+")).toList();
        assertEquals(1, failures.size(), () -> "exactly one failed fork or wait" + k.both());
        assertTrue(List.of("fork failed: errno=" + EAGAIN, "wait failed: errno=" + EIO).contains(failures.getFirst()),
                () -> "fork fails with EAGAIN, wait with EIO" + k.both());
        assertTrue(k.stdout().contains("fork after: errno=" + EAGAIN + "\n"), () -> "a later fork fails with EAGAIN" + k.both());
        assertEquals(0, k.status(), () -> "procmgr_dies exits 0 when the errors are as expected" + k.both());
        k.assertOneDeathLine();
    }
}
