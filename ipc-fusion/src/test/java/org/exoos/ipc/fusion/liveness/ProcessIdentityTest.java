package org.exoos.ipc.fusion.liveness;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessIdentityTest {
    /** Above any pid_max (at most 2^22), so never a process. */
    static final long NEVER_A_PID = 1L << 30;

    @Test
    void currentIsThisPidWithTheStartTimeOfProcSelfStat() throws Exception {
        final ProcessIdentity self = ProcessIdentity.current();
        final String line = new String(Files.readAllBytes(Path.of("/proc/self/stat")), StandardCharsets.ISO_8859_1);
        final String[] afterComm = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        assertEquals(ProcessHandle.current().pid(), self.pid(), "pid");
        assertEquals(Long.parseLong(afterComm[22 - 3]), self.startTime(), "start time (field 22) of " + line);
        assertEquals(Optional.of(self), ProcessIdentity.of(self.pid()), "of(own pid)");
    }

    @Test
    void parseTakesFieldsAfterTheLastParenthesisSoCommMayHoldSpacesAndParentheses() {
        final StringBuilder line = new StringBuilder("4242 (evil) R 1 (x) ) S");
        for (int field = 4; field <= 52; field++) {
            line.append(' ').append(field * 1000);
        }
        line.append('\n');
        final ProcStat stat = ProcStat.parse(line.toString());
        assertEquals('S', stat.state(), "state, the first field after the last ')'");
        assertEquals(20_000, stat.numThreads(), "num_threads (field 20)");
        assertEquals(22_000, stat.startTime(), "starttime (field 22)");
    }

    @Test
    void parseRejectsALineWithoutCommOrTooShort() {
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("4242 no-comm S 1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("4242 (short) S 1 2 3\n"));
        assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse("4242 (bad) S" + " x".repeat(30)), "non-numeric fields");
    }

    @Test
    void ofAChildIsItsIdentityAndStartsNoEarlierThanUs() throws Exception {
        final Process child = TestProcesses.startSleep();
        try {
            final ProcessIdentity identity = TestProcesses.identityOf(child);
            assertEquals(child.pid(), identity.pid());
            assertTrue(identity.startTime() >= ProcessIdentity.current().startTime(),
                    "child " + identity + " started before its parent " + ProcessIdentity.current());
        } finally {
            TestProcesses.killAndReap(child);
        }
    }

    @Test
    void ofAReapedOrNonexistentPidIsEmpty() throws Exception {
        final Process child = TestProcesses.startSleep();
        final long pid = child.pid();
        TestProcesses.killAndReap(child);
        assertEquals(Optional.empty(), ProcessIdentity.of(pid), "reaped child " + pid);
        assertEquals(Optional.empty(), ProcessIdentity.of(NEVER_A_PID));
    }

    @Test
    void ofAZombieIsEmpty() throws Exception {
        try (TestProcesses.ZombieParent parent = new TestProcesses.ZombieParent()) {
            assertTrue(ProcessIdentity.of(parent.grandchildPid).isPresent(), "grandchild before the kill");
            parent.killGrandchildToZombie();
            assertEquals(Optional.empty(), ProcessIdentity.of(parent.grandchildPid), "zombie " + parent.grandchildPid);
        }
    }

    @Test
    void rejectsNonPositivePidAndNegativeStartTime() {
        assertThrows(IllegalArgumentException.class, () -> new ProcessIdentity(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ProcessIdentity(1, -1));
        assertThrows(IllegalArgumentException.class, () -> ProcessIdentity.of(-5));
    }
}
