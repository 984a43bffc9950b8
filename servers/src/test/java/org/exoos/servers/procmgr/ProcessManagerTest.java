package org.exoos.servers.procmgr;

import static org.exoos.servers.procmgr.ProcessManager.ANY;
import static org.exoos.servers.procmgr.ProcessManager.CHILDREN_IGNORED;
import static org.exoos.servers.procmgr.ProcessManager.CHILDREN_NOT_WAITED;
import static org.exoos.servers.procmgr.ProcessManager.CHILDREN_REPORTED;
import static org.exoos.servers.procmgr.ProcessManager.CONTINUED;
import static org.exoos.servers.procmgr.ProcessManager.EXITED;
import static org.exoos.servers.procmgr.ProcessManager.EXIT_REAPED;
import static org.exoos.servers.procmgr.ProcessManager.EXIT_SIGNAL_PARENT;
import static org.exoos.servers.procmgr.ProcessManager.FOUND_CONTINUED;
import static org.exoos.servers.procmgr.ProcessManager.FOUND_ENDED;
import static org.exoos.servers.procmgr.ProcessManager.FOUND_STOPPED;
import static org.exoos.servers.procmgr.ProcessManager.GROUP;
import static org.exoos.servers.procmgr.ProcessManager.GROUP_EXISTS;
import static org.exoos.servers.procmgr.ProcessManager.GROUP_ORPHANED;
import static org.exoos.servers.procmgr.ProcessManager.MEMBERS_ALL;
import static org.exoos.servers.procmgr.ProcessManager.MEMBERS_OF_GROUP;
import static org.exoos.servers.procmgr.ProcessManager.MEMBERS_OF_SESSION;
import static org.exoos.servers.procmgr.ProcessManager.PID;
import static org.exoos.servers.procmgr.ProcessManager.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.agrona.collections.IntArrayList;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The process table's Linux rules, one call at a time: forks and their errors, zombies and the waits that reap
 * them, adoption by init, SIGCHLD dispositions, stop and continue reports, setpgid/setsid, member lists, group
 * state and the hang-up of orphaned stopped groups. Every test starts from init (pid 1, group 1, session 1).
 */
class ProcessManagerTest {
    private static final int SIGCHLD = 17;
    private static final int SIGUSR1 = 10;
    private static final int SIGSTOP = 19;
    private static final int SIGTSTP = 20;

    private ProcessManager pm;

    @BeforeEach
    void init() {
        pm = new ProcessManager();
        assertEquals(0, pm.first(1, 1, 1, CHILDREN_REPORTED, true));
    }

    private void fork(final int parent, final int child) {
        assertEquals(0, pm.fork(parent, child, SIGCHLD, CHILDREN_REPORTED), "fork " + parent + " -> " + child);
    }

    private List<Integer> members(final int selection, final int id) {
        final IntArrayList out = new IntArrayList();
        assertEquals(pm.members(selection, id, out), out.size());
        return List.copyOf(out);
    }

    private List<Integer> sortedHangUps() {
        return pm.hangUps().stream().sorted().toList();
    }

    // ---- first and fork ----

    @Test
    void firstRefusesATakenPidAndBadIds() {
        assertEquals(-Errno.EEXIST, pm.first(1, 1, 1, CHILDREN_REPORTED, false));
        assertEquals(-Errno.EINVAL, pm.first(0, 1, 1, CHILDREN_REPORTED, false));
        assertEquals(-Errno.EINVAL, pm.first(5, 0, 5, CHILDREN_REPORTED, false));
        assertEquals(-Errno.EINVAL, pm.first(5, 5, -1, CHILDREN_REPORTED, false));
        assertEquals(1, pm.size());
        assertEquals(0, pm.getppid(1), "the first process has no parent");
    }

    @Test
    void aForkedChildJoinsItsParentsGroupAndSession() {
        assertEquals(0, pm.first(50, 50, 40, CHILDREN_REPORTED, false));
        fork(50, 51);
        assertEquals(50, pm.getppid(51));
        assertEquals(50, pm.getpgid(51));
        assertEquals(40, pm.getsid(51));
        assertEquals(3, pm.size());
    }

    @Test
    void forkRefusesAnUnknownOrEndedParent() {
        assertEquals(-Errno.ESRCH, pm.fork(99, 2, SIGCHLD, CHILDREN_REPORTED));
        fork(1, 2);
        pm.exit(2, 0);
        assertEquals(-Errno.ESRCH, pm.fork(2, 3, SIGCHLD, CHILDREN_REPORTED), "a zombie cannot fork");
        assertEquals(-Errno.ESRCH, pm.getpgid(3));
    }

    @Test
    void forkRefusesBadArgumentsAndTakenPids() {
        assertEquals(-Errno.EINVAL, pm.fork(1, 0, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(-Errno.EINVAL, pm.fork(1, -2, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(-Errno.EINVAL, pm.fork(1, 2, -1, CHILDREN_REPORTED));
        assertEquals(-Errno.EINVAL, pm.fork(1, 2, 65, CHILDREN_REPORTED));
        assertEquals(-Errno.EINVAL, pm.fork(1, 2, SIGCHLD, 3));
        assertEquals(-Errno.EEXIST, pm.fork(1, 1, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(1, pm.size(), "nothing was registered");

        // A zombie still holds its pid until it is reaped.
        fork(1, 2);
        pm.exit(2, 0);
        assertEquals(-Errno.EEXIST, pm.fork(1, 2, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(2, pm.waitChild(1, ANY, 0, EXITED, false));
        fork(1, 2);
    }

    @Test
    void execAndChildModeCheckTheirArguments() {
        assertEquals(-Errno.ESRCH, pm.exec(99, CHILDREN_REPORTED));
        assertEquals(-Errno.EINVAL, pm.exec(1, 7));
        assertEquals(-Errno.ESRCH, pm.childMode(99, CHILDREN_IGNORED));
        assertEquals(-Errno.EINVAL, pm.childMode(1, -1));
        fork(1, 2);
        pm.exit(2, 0);
        assertEquals(-Errno.ESRCH, pm.childMode(2, CHILDREN_IGNORED), "a zombie has no dispositions");
    }

    // ---- exit and wait ----

    @Test
    void anEndedChildIsAZombieUntilItsParentsWaitReapsIt() {
        fork(1, 2);
        assertEquals(1, pm.exit(2, 0x0300));
        assertEquals(EXIT_SIGNAL_PARENT, pm.exitFlags());
        assertEquals(SIGCHLD, pm.exitSignalToSend());
        assertEquals(0, pm.adopterToWake());
        assertEquals(2, pm.size(), "the zombie stays");
        assertEquals(1, pm.getpgid(2), "a zombie still answers getpgid");
        assertEquals(1, pm.getppid(2));
        assertEquals(-Errno.ESRCH, pm.exit(2, 0), "it cannot end twice");

        assertEquals(2, pm.waitChild(1, ANY, 0, EXITED, false));
        assertEquals(FOUND_ENDED, pm.waitKind());
        assertEquals(0x0300, pm.waitStatus());
        assertTrue(pm.waitReaped());
        assertEquals(1, pm.size());
        assertEquals(-Errno.ESRCH, pm.getppid(2));

        assertEquals(-Errno.ECHILD, pm.waitChild(1, ANY, 0, EXITED, false), "nothing left to wait for");
        assertEquals(0, pm.waitKind());
        assertFalse(pm.waitReaped());
    }

    @Test
    void aPeekLeavesTheZombieForTheNextWait() {
        fork(1, 2);
        pm.exit(2, 0x0100);
        for (int i = 0; i < 2; i++) {
            assertEquals(2, pm.waitChild(1, ANY, 0, EXITED, true));
            assertEquals(FOUND_ENDED, pm.waitKind());
            assertEquals(0x0100, pm.waitStatus());
            assertFalse(pm.waitReaped());
        }
        assertEquals(2, pm.size());
        assertEquals(2, pm.waitChild(1, ANY, 0, EXITED, false));
        assertTrue(pm.waitReaped());
        assertEquals(1, pm.size());
    }

    @Test
    void aWaitSaysNotYetWhileMatchingChildrenLiveAndEchildWithoutThem() {
        assertEquals(-Errno.ECHILD, pm.waitChild(1, ANY, 0, EXITED, false), "no children");
        assertEquals(-Errno.ECHILD, pm.waitChild(99, ANY, 0, EXITED, false), "unknown parent");
        fork(1, 2);
        assertEquals(0, pm.waitChild(1, ANY, 0, EXITED | STOPPED | CONTINUED, false));
        assertEquals(0, pm.waitKind());
        assertEquals(0, pm.waitChild(1, PID, 2, EXITED, false));
        assertEquals(-Errno.ECHILD, pm.waitChild(1, PID, 3, EXITED, false), "not a child");
        assertEquals(-Errno.ECHILD, pm.waitChild(2, ANY, 0, EXITED, false), "a grandchild is not a child");
    }

    @Test
    void theWaitStatusPassesThroughUnchanged() {
        final int[] statuses = {0, 0x2a00, 0x8b, 0x09, 0xff00};
        for (int i = 0; i < statuses.length; i++) {
            fork(1, 10 + i);
            pm.exit(10 + i, statuses[i]);
            assertEquals(10 + i, pm.waitChild(1, PID, 10 + i, EXITED, false));
            assertEquals(statuses[i], pm.waitStatus());
        }
    }

    @Test
    void anyWaitFindsTheOldestEndedChildFirst() {
        fork(1, 2);
        fork(1, 3);
        pm.exit(3, 3);
        pm.exit(2, 2);
        assertEquals(2, pm.waitChild(1, ANY, 0, EXITED, false));
        assertEquals(3, pm.waitChild(1, ANY, 0, EXITED, false));
    }

    @Test
    void pidAndGroupSelectorsChooseAmongTheChildren() {
        fork(1, 2);
        fork(1, 3);
        fork(1, 4);
        assertEquals(0, pm.setpgid(1, 3, 0));
        assertEquals(0, pm.setpgid(1, 4, 3));
        pm.exit(2, 2);
        pm.exit(4, 4);

        assertEquals(0, pm.waitChild(1, PID, 3, EXITED, false), "3 lives");
        assertEquals(-Errno.ECHILD, pm.waitChild(1, GROUP, 77, EXITED, false), "no child in group 77");
        assertEquals(4, pm.waitChild(1, GROUP, 3, EXITED, false), "2 is older but in group 1");
        assertEquals(4, pm.waitStatus());
        assertEquals(0, pm.waitChild(1, GROUP, 3, EXITED, false), "3 is left in group 3, alive");
        assertEquals(2, pm.waitChild(1, GROUP, 1, EXITED, false));
        assertEquals(-Errno.ECHILD, pm.waitChild(1, GROUP, 1, EXITED, false));
        assertEquals(-Errno.ECHILD, pm.waitChild(1, PID, 2, EXITED, false), "2 was reaped");
    }

    @Test
    void aWaitWithoutExitedLeavesZombiesAlone() {
        fork(1, 2);
        fork(1, 3);
        pm.exit(2, 0);
        pm.stopped(3, SIGSTOP);
        assertEquals(3, pm.waitChild(1, ANY, 0, STOPPED, false), "the zombie before it is skipped");
        assertEquals(FOUND_STOPPED, pm.waitKind());
        assertEquals(3, pm.size(), "the zombie was not reaped");
        assertEquals(2, pm.waitChild(1, ANY, 0, EXITED, false));
    }

    // ---- adoption ----

    @Test
    void initAdoptsTheChildrenOfAnEndedProcess() {
        fork(1, 2);
        fork(2, 3);
        fork(2, 4);
        assertEquals(1, pm.exit(2, 0));
        assertEquals(0, pm.adopterToWake(), "no adopted child had ended");
        assertEquals(1, pm.getppid(3));
        assertEquals(1, pm.getppid(4));
        assertEquals(-Errno.ECHILD, pm.waitChild(2, ANY, 0, EXITED, false), "the zombie has no children left");

        pm.exit(3, 0x0700);
        assertEquals(3, pm.waitChild(1, PID, 3, EXITED, false), "init waits for its adopted child");
        assertEquals(0x0700, pm.waitStatus());
    }

    @Test
    void adoptingAnAlreadyEndedChildNamesTheAdopterToWake() {
        fork(1, 2);
        fork(2, 3);
        fork(2, 4);
        assertEquals(2, pm.exit(4, 0x0400), "4's parent is signalled");
        assertEquals(SIGCHLD, pm.exitSignalToSend());

        assertEquals(1, pm.exit(2, 0));
        assertEquals(1, pm.adopterToWake());
        assertEquals(1, pm.getppid(4));
        assertEquals(4, pm.waitChild(1, PID, 4, EXITED, false));
        assertEquals(0x0400, pm.waitStatus());

        // The next exit starts afresh.
        pm.exit(3, 0);
        assertEquals(0, pm.adopterToWake());
    }

    @Test
    void withoutAnAdopterOrphansHaveNoParentAndAreReleased() {
        final ProcessManager bare = new ProcessManager();
        assertEquals(0, bare.first(10, 10, 10, CHILDREN_REPORTED, false));
        assertEquals(0, bare.fork(10, 11, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(0, bare.exit(10, 0), "no parent");
        assertEquals(0, bare.exitFlags());
        assertEquals(0, bare.getppid(11));
        assertEquals(0, bare.exit(11, 0x0500));
        assertEquals(0, bare.adopterToWake());
        assertEquals(0, bare.release(11));
        assertEquals(0, bare.release(10));
        assertEquals(0, bare.size());
    }

    @Test
    void theChildrenOfAnEndedInitAreLeftWithoutAParent() {
        fork(1, 2);
        assertEquals(0, pm.exit(1, 0));
        assertEquals(0, pm.getppid(2));
    }

    // ---- SIGCHLD dispositions ----

    @Test
    void aParentIgnoringSigchldHasItsChildrenReapedAtOnceAndUnsignalled() {
        assertEquals(0, pm.childMode(1, CHILDREN_IGNORED));
        fork(1, 2);
        assertEquals(1, pm.exit(2, 0), "the parent is still named, to be woken");
        assertEquals(EXIT_REAPED, pm.exitFlags());
        assertEquals(0, pm.exitSignalToSend());
        assertEquals(-Errno.ESRCH, pm.getpgid(2));
        assertEquals(1, pm.size());
        assertEquals(-Errno.ECHILD, pm.waitChild(1, ANY, 0, EXITED, false));
    }

    @Test
    void noCldWaitReapsAtOnceButStillSignals() {
        assertEquals(0, pm.childMode(1, CHILDREN_NOT_WAITED));
        fork(1, 2);
        assertEquals(1, pm.exit(2, 0));
        assertEquals(EXIT_REAPED | EXIT_SIGNAL_PARENT, pm.exitFlags());
        assertEquals(SIGCHLD, pm.exitSignalToSend());
        assertEquals(-Errno.ECHILD, pm.waitChild(1, ANY, 0, EXITED, false));
    }

    @Test
    void anExitSignalOtherThanSigchldIsNeverAutoReaped() {
        assertEquals(0, pm.childMode(1, CHILDREN_IGNORED));
        assertEquals(0, pm.fork(1, 2, SIGUSR1, CHILDREN_REPORTED));
        assertEquals(1, pm.exit(2, 0x0100));
        assertEquals(EXIT_SIGNAL_PARENT, pm.exitFlags());
        assertEquals(SIGUSR1, pm.exitSignalToSend());
        assertEquals(2, pm.waitChild(1, ANY, 0, EXITED, false), "still a zombie for the wait");

        // A zero exit signal: no signal at all, and still a zombie.
        assertEquals(0, pm.fork(1, 3, 0, CHILDREN_REPORTED));
        assertEquals(1, pm.exit(3, 0));
        assertEquals(0, pm.exitFlags());
        assertEquals(0, pm.exitSignalToSend());
        assertEquals(3, pm.waitChild(1, ANY, 0, EXITED, false));
    }

    @Test
    void execResetsTheDispositionAndTheChildInheritsItsOwn() {
        assertEquals(0, pm.childMode(1, CHILDREN_IGNORED));
        assertEquals(0, pm.exec(1, CHILDREN_REPORTED));
        fork(1, 2);
        pm.exit(2, 0);
        assertEquals(EXIT_SIGNAL_PARENT, pm.exitFlags(), "reported again after exec");

        // The fork's childMode is the child's own, for its children.
        assertEquals(0, pm.fork(1, 3, SIGCHLD, CHILDREN_IGNORED));
        fork(3, 4);
        pm.exit(4, 0);
        assertEquals(EXIT_REAPED, pm.exitFlags());
    }

    // ---- stop and continue ----

    @Test
    void aStopIsReportedOnceToAnUntracedWait() {
        fork(1, 2);
        assertEquals(1, pm.stopped(2, SIGSTOP));
        assertEquals(0, pm.waitChild(1, ANY, 0, EXITED, false), "a stop is only for WUNTRACED");
        assertEquals(2, pm.waitChild(1, ANY, 0, EXITED | STOPPED, false));
        assertEquals(FOUND_STOPPED, pm.waitKind());
        assertEquals(SIGSTOP, pm.waitStatus());
        assertFalse(pm.waitReaped());
        assertEquals(0, pm.waitChild(1, ANY, 0, EXITED | STOPPED, false), "reported once");
        assertEquals(2, pm.size());
    }

    @Test
    void aPeekedStopIsReportedAgain() {
        fork(1, 2);
        pm.stopped(2, SIGTSTP);
        assertEquals(2, pm.waitChild(1, PID, 2, STOPPED, true));
        assertEquals(2, pm.waitChild(1, PID, 2, STOPPED, true));
        assertEquals(SIGTSTP, pm.waitStatus());
        assertEquals(2, pm.waitChild(1, PID, 2, STOPPED, false));
        assertEquals(0, pm.waitChild(1, PID, 2, STOPPED, false));
    }

    @Test
    void aContinueIsReportedOnceToAContinuedWait() {
        fork(1, 2);
        pm.stopped(2, SIGSTOP);
        assertEquals(2, pm.waitChild(1, ANY, 0, STOPPED, false));
        assertEquals(1, pm.continued(2));
        assertEquals(0, pm.waitChild(1, ANY, 0, EXITED | STOPPED, false), "a continue is only for WCONTINUED");
        assertEquals(2, pm.waitChild(1, ANY, 0, CONTINUED, true));
        assertEquals(FOUND_CONTINUED, pm.waitKind());
        assertEquals(2, pm.waitChild(1, ANY, 0, CONTINUED, false));
        assertEquals(FOUND_CONTINUED, pm.waitKind());
        assertEquals(0, pm.waitChild(1, ANY, 0, CONTINUED, false), "reported once");
    }

    @Test
    void aContinueForgetsAnUnreportedStopAndAStopAnUnreportedContinue() {
        fork(1, 2);
        pm.stopped(2, SIGSTOP);
        pm.continued(2);
        assertEquals(2, pm.waitChild(1, ANY, 0, STOPPED | CONTINUED, false));
        assertEquals(FOUND_CONTINUED, pm.waitKind(), "the stop was forgotten");
        assertEquals(0, pm.waitChild(1, ANY, 0, STOPPED | CONTINUED, false));

        pm.continued(2);
        pm.stopped(2, SIGTSTP);
        assertEquals(0, pm.waitChild(1, ANY, 0, CONTINUED, false), "the continue was forgotten");
        assertEquals(2, pm.waitChild(1, ANY, 0, STOPPED | CONTINUED, false));
        assertEquals(FOUND_STOPPED, pm.waitKind());
    }

    @Test
    void anEndedStoppedChildIsReportedAsEnded() {
        fork(1, 2);
        pm.stopped(2, SIGSTOP);
        pm.exit(2, 0x09);
        assertEquals(2, pm.waitChild(1, ANY, 0, EXITED | STOPPED, false));
        assertEquals(FOUND_ENDED, pm.waitKind());
        assertEquals(0x09, pm.waitStatus());
    }

    @Test
    void stopAndContinueNameTheParentOrRefuseAnUnknownProcess() {
        assertEquals(0, pm.stopped(1, SIGSTOP), "no parent");
        assertEquals(0, pm.continued(1));
        assertEquals(-Errno.ESRCH, pm.stopped(99, SIGSTOP));
        assertEquals(-Errno.ESRCH, pm.continued(99));
        fork(1, 2);
        pm.exit(2, 0);
        assertEquals(-Errno.ESRCH, pm.stopped(2, SIGSTOP), "a zombie does not stop");
        assertEquals(-Errno.ESRCH, pm.continued(2));
    }

    // ---- setpgid ----

    @Test
    void setpgidMovesTheCallerOrItsChildAndSaysWhoMovedWhere() {
        fork(1, 2);
        assertEquals(0, pm.setpgid(1, 2, 0), "a new group named after the child");
        assertEquals(2, pm.changedPid());
        assertEquals(2, pm.changedPgid());
        assertEquals(2, pm.getpgid(2));

        fork(1, 3);
        assertEquals(0, pm.setpgid(3, 0, 2), "pid 0 is the caller; group 2 exists in its session");
        assertEquals(3, pm.changedPid());
        assertEquals(2, pm.changedPgid());
        assertEquals(2, pm.getpgid(3));

        assertEquals(0, pm.setpgid(3, 3, 3), "its own pid as the group: a new group");
        assertEquals(3, pm.getpgid(3));
        assertEquals(0, pm.setpgid(1, 3, 1), "back into the parent's group");
        assertEquals(1, pm.getpgid(3));
        assertEquals(1, pm.changedPgid());
    }

    @Test
    void setpgidRefusesANegativeGroup() {
        fork(1, 2);
        assertEquals(-Errno.EINVAL, pm.setpgid(1, 2, -1));
        assertEquals(1, pm.getpgid(2));
    }

    @Test
    void setpgidOnlyReachesTheCallerAndItsChildren() {
        fork(1, 2);
        fork(1, 3);
        fork(2, 4);
        assertEquals(-Errno.ESRCH, pm.setpgid(99, 0, 0), "unknown caller");
        assertEquals(-Errno.ESRCH, pm.setpgid(1, 99, 0), "unknown target");
        assertEquals(-Errno.ESRCH, pm.setpgid(2, 3, 0), "a sibling");
        assertEquals(-Errno.ESRCH, pm.setpgid(1, 4, 0), "a grandchild");
        assertEquals(-Errno.ESRCH, pm.setpgid(4, 2, 0), "the parent");
        assertEquals(1, pm.getpgid(3));
        assertEquals(1, pm.getpgid(4));
    }

    @Test
    void setpgidRefusesAChildThatExecdButNotTheProcessItself() {
        fork(1, 2);
        assertEquals(0, pm.exec(2, CHILDREN_REPORTED));
        assertEquals(-Errno.EACCES, pm.setpgid(1, 2, 0));
        assertEquals(1, pm.getpgid(2));
        assertEquals(0, pm.setpgid(2, 0, 0), "after exec it may still move itself");
        assertEquals(2, pm.getpgid(2));
    }

    @Test
    void setpgidRefusesASessionLeader() {
        assertEquals(-Errno.EPERM, pm.setpgid(1, 0, 0), "init leads session 1");
        fork(1, 2);
        assertEquals(2, pm.setsid(2));
        assertEquals(-Errno.EPERM, pm.setpgid(2, 0, 0));
        assertEquals(-Errno.EPERM, pm.setpgid(1, 2, 1), "a child in another session");
        assertEquals(2, pm.getpgid(2));
    }

    @Test
    void setpgidRefusesAGroupOfAnotherSessionOrNoGroupAtAll() {
        fork(1, 2);
        assertEquals(2, pm.setsid(2)); // group 2 is now in session 2
        fork(1, 3);
        assertEquals(-Errno.EPERM, pm.setpgid(3, 0, 2), "group 2 is in another session");
        assertEquals(-Errno.EPERM, pm.setpgid(1, 3, 77), "no group 77");
        assertEquals(1, pm.getpgid(3));
    }

    @Test
    void aGroupWhoseOnlyMemberMovedAwayNoLongerExists() {
        fork(1, 2);
        fork(1, 3);
        assertEquals(0, pm.setpgid(1, 2, 0));
        assertEquals(0, pm.setpgid(1, 2, 1));
        assertEquals(-Errno.EPERM, pm.setpgid(1, 3, 2));
    }

    // ---- setsid ----

    @Test
    void setsidMakesANewSessionAndGroupLedByTheCaller() {
        fork(1, 2);
        assertEquals(2, pm.setsid(2));
        assertEquals(2, pm.getsid(2));
        assertEquals(2, pm.getpgid(2));
        assertEquals(1, pm.getppid(2), "the parent stays");
        assertEquals(-Errno.EPERM, pm.setsid(2), "now a group leader");

        // Its children are forked into the new session.
        fork(2, 3);
        assertEquals(2, pm.getsid(3));
    }

    @Test
    void setsidRefusesAGroupLeaderOrAPidInUseAsAGroup() {
        assertEquals(-Errno.EPERM, pm.setsid(1));
        assertEquals(-Errno.ESRCH, pm.setsid(99));
        fork(1, 2);
        assertEquals(0, pm.setpgid(1, 2, 0));
        fork(2, 3); // 3 in group 2
        assertEquals(0, pm.setpgid(2, 0, 1)); // 2 leaves; group 2 lives on in 3
        assertEquals(1, pm.getpgid(2));
        assertEquals(-Errno.EPERM, pm.setsid(2), "group 2 still exists");
        assertEquals(1, pm.getsid(2));
    }

    // ---- getters ----

    @Test
    void gettersSayEsrchForAnUnknownProcess() {
        assertEquals(-Errno.ESRCH, pm.getpgid(99));
        assertEquals(-Errno.ESRCH, pm.getsid(99));
        assertEquals(-Errno.ESRCH, pm.getppid(99));
        assertEquals(1, pm.getpgid(1));
        assertEquals(1, pm.getsid(1));
    }

    // ---- members and group state ----

    @Test
    void membersAreLiveProcessesInPidOrder() {
        fork(1, 300);
        fork(1, 20);
        fork(1, 4000);
        fork(1, 5);
        assertEquals(0, pm.setpgid(1, 20, 0));
        fork(20, 7); // in group 20
        assertEquals(0, pm.fork(1, 60, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(60, pm.setsid(60));
        pm.exit(4000, 0); // a zombie is no member

        assertEquals(List.of(1, 5, 300), members(MEMBERS_OF_GROUP, 1));
        assertEquals(List.of(7, 20), members(MEMBERS_OF_GROUP, 20));
        assertEquals(List.of(), members(MEMBERS_OF_GROUP, 4000));
        assertEquals(List.of(1, 5, 7, 20, 300), members(MEMBERS_OF_SESSION, 1));
        assertEquals(List.of(60), members(MEMBERS_OF_SESSION, 60));
        assertEquals(List.of(1, 5, 7, 20, 60, 300), members(MEMBERS_ALL, 0));
        assertEquals(-Errno.EINVAL, pm.members(0, 1, new IntArrayList()));
        assertEquals(-Errno.EINVAL, pm.members(4, 1, new IntArrayList()));
    }

    @Test
    void membersAreAppendedAfterWhatTheListHeld() {
        fork(1, 9);
        fork(1, 3);
        final IntArrayList out = new IntArrayList();
        out.addInt(1000);
        out.addInt(2);
        assertEquals(3, pm.members(MEMBERS_ALL, 0, out));
        assertEquals(List.of(1000, 2, 1, 3, 9), List.copyOf(out), "earlier entries untouched, new ones sorted");
    }

    @Test
    void groupStateSaysWhetherAGroupExistsAndIsOrphaned() {
        fork(1, 2);
        assertEquals(0, pm.setpgid(1, 2, 0));
        fork(1, 3);
        assertEquals(3, pm.setsid(3));

        // Group 1: init has no parent and its children are in its own group: orphaned.
        assertEquals(GROUP_EXISTS | GROUP_ORPHANED, pm.groupState(1, 1));
        assertEquals(GROUP_EXISTS | GROUP_ORPHANED, pm.groupState(1, 0), "sid 0: any session");
        assertEquals(0, pm.groupState(1, 2) & GROUP_EXISTS, "not in session 2");
        // Group 2: its parent in group 1 of the same session could continue it.
        assertEquals(GROUP_EXISTS, pm.groupState(2, 1));
        // Group 3: its parent is in another session.
        assertEquals(GROUP_EXISTS | GROUP_ORPHANED, pm.groupState(3, 3));
        assertEquals(0, pm.groupState(77, 0) & GROUP_EXISTS);

        // A zombie keeps its group until it is reaped (Linux's pid stays hashed); reaped, the group is gone.
        pm.exit(2, 0);
        assertEquals(GROUP_EXISTS, pm.groupState(2, 1) & GROUP_EXISTS);
        assertEquals(2, pm.waitChild(1, PID, 2, EXITED, false));
        assertEquals(0, pm.groupState(2, 1) & GROUP_EXISTS);
    }

    @Test
    void aGroupBecomesOrphanedWhenItsLastOutsideParentEnds() {
        fork(1, 2);
        assertEquals(2, pm.setsid(2)); // a session leader, a shell say
        fork(2, 3);
        assertEquals(0, pm.setpgid(2, 3, 0)); // a job
        fork(3, 4);
        assertEquals(GROUP_EXISTS, pm.groupState(3, 2), "the shell links it to the session");
        pm.exit(2, 0);
        assertEquals(GROUP_EXISTS | GROUP_ORPHANED, pm.groupState(3, 2), "init is in another session");
    }

    // ---- the hang-up of orphaned stopped groups ----

    /** Init 1; shell 2 leads session 2; job 3 (group 3) with its child 4. */
    private void shellWithAJob() {
        fork(1, 2);
        assertEquals(2, pm.setsid(2));
        fork(2, 3);
        assertEquals(0, pm.setpgid(2, 3, 0));
        fork(3, 4);
    }

    @Test
    void theShellsEndHangsUpAJobWithAStoppedMember() {
        shellWithAJob();
        pm.stopped(4, SIGTSTP);
        assertEquals(1, pm.exit(2, 0));
        assertEquals(List.of(3, 4), sortedHangUps(), "every live member, stopped or not");
        // The next exit starts afresh.
        pm.exit(4, 0);
        assertEquals(List.of(), sortedHangUps());
    }

    @Test
    void aJobLeadersEndHangsUpItsOwnStoppedGroup() {
        shellWithAJob();
        pm.stopped(4, SIGSTOP);
        assertEquals(2, pm.exit(3, 0));
        assertEquals(List.of(4), sortedHangUps(), "3 was the group's link to the shell");
    }

    @Test
    void noHangUpWithoutAStoppedMember() {
        shellWithAJob();
        pm.exit(2, 0);
        assertEquals(List.of(), sortedHangUps());
    }

    @Test
    void noHangUpWhileAnotherMemberKeepsALinkToTheSession() {
        shellWithAJob();
        fork(2, 5);
        assertEquals(0, pm.setpgid(2, 5, 3)); // 5 joins the job; its parent is the shell
        pm.stopped(4, SIGSTOP);
        pm.exit(3, 0);
        assertEquals(List.of(), sortedHangUps(), "the shell can still continue the job through 5");
        assertEquals(GROUP_EXISTS, pm.groupState(3, 2));
    }

    @Test
    void noHangUpForAGroupInAnotherSession() {
        fork(1, 2);
        fork(2, 3);
        assertEquals(3, pm.setsid(3)); // 3 leaves 2's session
        pm.stopped(3, SIGSTOP);
        pm.exit(2, 0);
        assertEquals(List.of(), sortedHangUps(), "a session leader's group is not 2's job");
    }

    // ---- release ----

    @Test
    void releaseForgetsOnlyAParentlessZombie() {
        assertEquals(-Errno.ESRCH, pm.release(99));
        assertEquals(-Errno.EBUSY, pm.release(1), "alive");
        fork(1, 2);
        pm.exit(2, 0);
        assertEquals(-Errno.EBUSY, pm.release(2), "its parent will reap it");
        assertEquals(0, pm.exit(1, 0x0100));
        assertEquals(0, pm.release(1));
        assertEquals(-Errno.ESRCH, pm.getpgid(1));
        assertEquals(-Errno.ESRCH, pm.release(1));
    }

    // ---- Linux's exit_notify order and reparent_leader, found wanting in a review ----

    @Test
    void aStoppedGroupIsJudgedBeforeInitAdoptsIt() {
        fork(1, 2);
        fork(2, 3);
        assertEquals(0, pm.setpgid(3, 3, 0)); // 3 leads group 3 of session 1; 2, in group 1, is its link
        assertEquals(2, pm.stopped(3, 19));
        assertEquals(1, pm.exit(2, 0));
        // as under a host's init (which Linux does not count as a link): hung up although init, in the session, adopts it
        assertEquals(List.of(3), List.copyOf(pm.hangUps()));
        assertEquals(1, pm.getppid(3));
    }

    @Test
    void anInitIgnoringSigchldReapsAnAdoptedZombieAtOnce() {
        assertEquals(0, pm.childMode(1, CHILDREN_IGNORED));
        fork(1, 2);
        fork(2, 3);
        assertEquals(2, pm.exit(3, 0)); // a zombie of 2's
        assertEquals(1, pm.exit(2, 0)); // 2 is reaped by init's mode; 3 is adopted as a zombie and reaped too
        assertEquals(1, pm.size());
        assertEquals(-Errno.ESRCH, pm.getpgid(3));
    }

    @Test
    void anAdoptedChildGetsSigchldAsItsExitSignal() {
        assertEquals(0, pm.childMode(1, CHILDREN_IGNORED));
        fork(1, 2);
        assertEquals(0, pm.fork(2, 3, 0, CHILDREN_REPORTED)); // clone with no exit signal
        assertEquals(1, pm.exit(2, 0));
        assertEquals(1, pm.exit(3, 0));
        assertEquals(EXIT_REAPED, pm.exitFlags() & EXIT_REAPED, "SIGCHLD now, which init ignores: reaped at once");
        assertEquals(1, pm.size());
    }

    @Test
    void orphansOfAMachineWhoseInitEndedHaveNoParent() {
        fork(1, 2);
        fork(2, 3);
        assertEquals(0, pm.exit(1, 0));
        assertEquals(0, pm.release(1));
        assertEquals(0, pm.exit(2, 0), "2's parent, init, is gone");
        assertEquals(0, pm.getppid(3), "nobody adopts 3");
        assertEquals(0, pm.exit(3, 0));
        assertEquals(0, pm.release(3), "a parentless zombie can be released");
    }

    @Test
    void aWaitWithoutExitedFindsNoChildAmongZombies() {
        fork(1, 2);
        pm.exit(2, 0);
        assertEquals(-Errno.ECHILD, pm.waitChild(1, ANY, 0, STOPPED | CONTINUED, false));
        assertEquals(2, pm.waitChild(1, ANY, 0, EXITED, false));
    }
}
