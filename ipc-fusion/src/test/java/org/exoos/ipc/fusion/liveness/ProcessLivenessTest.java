package org.exoos.ipc.fusion.liveness;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessLivenessTest {
    @Test
    void thisProcessIsAlive() {
        assertTrue(ProcessLiveness.isAlive(ProcessIdentity.current()));
    }

    @Test
    void anIdentityWithAnotherStartTimeIsNotAliveAsAfterPidReuse() {
        final ProcessIdentity self = ProcessIdentity.current();
        assertFalse(ProcessLiveness.isAlive(new ProcessIdentity(self.pid(), self.startTime() + 1)), "later start");
        assertFalse(ProcessLiveness.isAlive(new ProcessIdentity(self.pid(), Math.max(0, self.startTime() - 1))),
                "earlier start");
    }

    @Test
    void aKilledAndReapedChildIsNotAlive() throws Exception {
        final Process child = TestProcesses.startSleep();
        final ProcessIdentity identity = TestProcesses.identityOf(child);
        assertTrue(ProcessLiveness.isAlive(identity), "before the kill");
        TestProcesses.killAndReap(child);
        assertFalse(ProcessLiveness.isAlive(identity), "after kill -9 and reaping");
    }

    @Test
    void aKilledChildThatIsStillAZombieIsNotAlive() throws Exception {
        try (TestProcesses.ZombieParent parent = new TestProcesses.ZombieParent()) {
            final ProcessIdentity identity = ProcessIdentity.of(parent.grandchildPid).orElseThrow();
            assertTrue(ProcessLiveness.isAlive(identity), "before the kill");
            parent.killGrandchildToZombie();
            assertEquals('Z', TestProcesses.state(identity.pid()), "the grandchild stays a zombie");
            assertFalse(ProcessLiveness.isAlive(identity), "zombie " + identity);
        }
    }

    @Test
    void aPidThatNeverExistedIsNotAlive() {
        assertFalse(ProcessLiveness.isAlive(new ProcessIdentity(ProcessIdentityTest.NEVER_A_PID, 1)));
    }

    @Test
    void aZombieLeaderWithLiveThreadsIsAliveButAZombieAloneOrADeadTaskIsNot() {
        final ProcessIdentity peer = new ProcessIdentity(4242, 777);
        // A main thread that called pthread_exit shows 'Z' while the other threads run on.
        assertTrue(ProcessLiveness.isAlive(peer, new ProcStat('Z', 2, 777)), "Z leader, 2 threads");
        assertFalse(ProcessLiveness.isAlive(peer, new ProcStat('Z', 1, 777)), "Z, 1 thread");
        assertFalse(ProcessLiveness.isAlive(peer, new ProcStat('X', 1, 777)), "X");
        assertTrue(ProcessLiveness.isAlive(peer, new ProcStat('S', 30, 777)), "S");
        assertTrue(ProcessLiveness.isAlive(peer, new ProcStat('T', 1, 777)), "stopped is alive");
        assertFalse(ProcessLiveness.isAlive(peer, new ProcStat('S', 1, 778)), "other start time");
        assertFalse(ProcessLiveness.isAlive(peer, null), "no /proc entry");
    }
}
