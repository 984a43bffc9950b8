package org.exoos.servers.procmgr.service;

import static org.exoos.servers.procmgr.ProcessManager.ANY;
import static org.exoos.servers.procmgr.ProcessManager.CHILDREN_IGNORED;
import static org.exoos.servers.procmgr.ProcessManager.CHILDREN_REPORTED;
import static org.exoos.servers.procmgr.ProcessManager.EXITED;
import static org.exoos.servers.procmgr.ProcessManager.FOUND_ENDED;
import static org.exoos.servers.procmgr.ProcessManager.FOUND_STOPPED;
import static org.exoos.servers.procmgr.ProcessManager.GROUP_EXISTS;
import static org.exoos.servers.procmgr.ProcessManager.GROUP_ORPHANED;
import static org.exoos.servers.procmgr.ProcessManager.MEMBERS_ALL;
import static org.exoos.servers.procmgr.ProcessManager.MEMBERS_OF_GROUP;
import static org.exoos.servers.procmgr.ProcessManager.MEMBERS_OF_SESSION;
import static org.exoos.servers.procmgr.ProcessManager.PID;
import static org.exoos.servers.procmgr.ProcessManager.STOPPED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.framework.ServerCounter;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.procmgr.service.ProcMgrClient.ExitReport;
import org.exoos.servers.procmgr.service.ProcMgrClient.WaitReport;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The process manager hosted in a thread by the real framework (found by its registered factory) and driven
 * through {@link ProcMgrClient} as the kernel will: reply arguments and data blocks carry what an exit and a
 * wait found, and malformed requests never reach the service.
 */
class ProcMgrServiceTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final ChannelGeometry GEOMETRY = new ChannelGeometry(64, true, 4096, 16);
    private static final int SIGCHLD = 17;

    private Supervisor supervisor;
    private ServerClient serverClient;
    private ProcMgrClient pm;

    @BeforeEach
    void start() throws Exception {
        supervisor = new Supervisor();
        serverClient = supervisor.start(ServerSpec.of(ProcMgrServiceFactory.NAME, Isolation.THREAD)
            .withGeometry(GEOMETRY)).client();
        pm = new ProcMgrClient(serverClient, TIMEOUT, false);
        assertEquals(0, pm.first(1, 1, 1, CHILDREN_REPORTED, true));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertEquals(0, serverClient.counter(ServerCounter.SERVICE_ERRORS, TIMEOUT));
            assertEquals(0, serverClient.inFlight());
        } finally {
            supervisor.close();
        }
    }

    @Test
    void aOneWayForkIsKnownBeforeTheNextRequestAndARefusalIsCounted() throws Exception {
        ProcMgrClient.AsyncReplies replies = new ProcMgrClient.AsyncReplies();
        try (Supervisor own = new Supervisor()) {
            ProcMgrClient oneWay = new ProcMgrClient(own.start(ServerSpec.of(ProcMgrServiceFactory.NAME, Isolation.THREAD)
                .withGeometry(GEOMETRY), replies).client(), replies);
            assertEquals(0, oneWay.first(1, 1, 1, CHILDREN_REPORTED, true));
            assertEquals(0, oneWay.forkAsync(1, 2, SIGCHLD, CHILDREN_REPORTED));
            // the ring keeps the fork ahead of the next request: procmgr knows 2 as 1's child
            assertEquals(1, oneWay.getppid(2));
            assertEquals(0, oneWay.forkAsync(1, 2, SIGCHLD, CHILDREN_REPORTED)); // sent; procmgr says EEXIST later
            assertEquals(1, oneWay.getppid(2), "a request after the refused one");
            assertEquals(1, replies.refused(), "the duplicate pid was refused and logged");
        }
    }

    @Test
    void forkExitWaitRoundTrip() {
        assertEquals(0, pm.fork(1, 2, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(-Errno.EEXIST, pm.fork(1, 2, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(new WaitReport(0, 0, 0, false), pm.waitChild(1, ANY, 0, EXITED, false), "2 lives");

        final ExitReport exit = pm.exit(2, 0x2a00);
        assertEquals(1, exit.parent());
        assertFalse(exit.reaped());
        assertEquals(SIGCHLD, exit.signal());
        assertEquals(0, exit.adopterToWake());
        assertArrayEquals(new int[0], exit.hangUps());
        assertEquals(-Errno.ESRCH, pm.exit(2, 0).parent(), "an error comes back as the parent");

        assertEquals(new WaitReport(2, FOUND_ENDED, 0x2a00, false), pm.waitChild(1, PID, 2, EXITED, true));
        assertEquals(new WaitReport(2, FOUND_ENDED, 0x2a00, true), pm.waitChild(1, ANY, 0, EXITED, false));
        assertEquals(new WaitReport(-Errno.ECHILD, 0, 0, false), pm.waitChild(1, ANY, 0, EXITED, false));
        assertEquals(-Errno.ESRCH, pm.getppid(2));
    }

    @Test
    void exitReportsAutoReapAdoptionAndHangUps() {
        // A parent ignoring SIGCHLD: reaped at once, no signal.
        assertEquals(0, pm.fork(1, 2, SIGCHLD, CHILDREN_IGNORED));
        assertEquals(0, pm.fork(2, 3, SIGCHLD, CHILDREN_REPORTED));
        final ExitReport reaped = pm.exit(3, 0);
        assertEquals(2, reaped.parent());
        assertTrue(reaped.reaped());
        assertEquals(0, reaped.signal());

        // Shell 5 leads session 5; its job, group 6, has a stopped member 7 and a zombie 8 that init adopts.
        assertEquals(0, pm.fork(1, 5, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(5, pm.setsid(5));
        assertEquals(0, pm.fork(5, 6, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(0, pm.fork(5, 8, SIGCHLD, CHILDREN_REPORTED));
        final int[] moved = new int[2];
        assertEquals(0, pm.setpgid(5, 6, 0, moved));
        assertEquals(0, pm.fork(6, 7, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(6, pm.stopped(7, 19));
        assertEquals(5, pm.exit(8, 0).parent());
        assertEquals(GROUP_EXISTS, pm.groupState(6, 5));

        final ExitReport shell = pm.exit(5, 0x0100);
        assertEquals(1, shell.parent());
        assertEquals(SIGCHLD, shell.signal());
        assertEquals(1, shell.adopterToWake(), "init adopted the ended 8");
        final int[] hangUps = shell.hangUps().clone();
        Arrays.sort(hangUps);
        assertArrayEquals(new int[] {6, 7}, hangUps, "group 6 orphaned with a stopped member");
        assertEquals(GROUP_EXISTS | GROUP_ORPHANED, pm.groupState(6, 5));
        assertEquals(1, pm.getppid(6));
        assertEquals(new WaitReport(8, FOUND_ENDED, 0, true), pm.waitChild(1, PID, 8, EXITED, false));
    }

    @Test
    void membersSetpgidAndSessionsTravel() {
        for (final int child : new int[] {40, 3, 12}) {
            assertEquals(0, pm.fork(1, child, SIGCHLD, CHILDREN_REPORTED));
        }
        assertArrayEquals(new int[] {1, 3, 12, 40}, pm.members(MEMBERS_OF_GROUP, 1), "through the data block");

        final int[] moved = {-1, -1};
        assertEquals(0, pm.setpgid(1, 12, 0, moved));
        assertArrayEquals(new int[] {12, 12}, moved);
        assertEquals(0, pm.setpgid(40, 0, 12, moved));
        assertArrayEquals(new int[] {40, 12}, moved);
        assertEquals(-Errno.EPERM, pm.setpgid(1, 3, 77, moved));
        assertArrayEquals(new int[] {40, 12}, moved, "untouched on an error");
        assertEquals(12, pm.getpgid(40));

        assertArrayEquals(new int[] {12, 40}, pm.members(MEMBERS_OF_GROUP, 12));
        assertArrayEquals(new int[0], pm.members(MEMBERS_OF_GROUP, 99), "none: an empty list");
        assertArrayEquals(new int[0], pm.members(9, 1), "an error: an empty list");
        assertEquals(3, pm.setsid(3));
        assertEquals(3, pm.getsid(3));
        assertArrayEquals(new int[] {1, 12, 40}, pm.members(MEMBERS_OF_SESSION, 1));
        assertArrayEquals(new int[] {1, 3, 12, 40}, pm.members(MEMBERS_ALL, 0));
        assertEquals(1, pm.getppid(3));
    }

    @Test
    void stopsAndExecTravel() {
        assertEquals(0, pm.fork(1, 2, SIGCHLD, CHILDREN_REPORTED));
        assertEquals(1, pm.stopped(2, 20));
        assertEquals(new WaitReport(2, FOUND_STOPPED, 20, false), pm.waitChild(1, ANY, 0, STOPPED, false));
        assertEquals(1, pm.continued(2));
        assertEquals(0, pm.exec(2, CHILDREN_REPORTED));
        assertEquals(-Errno.EACCES, pm.setpgid(1, 2, 0, new int[2]));
        assertEquals(0, pm.childMode(1, CHILDREN_IGNORED));
        assertTrue(pm.exit(2, 0).reaped());
        assertEquals(0, pm.exit(1, 0).parent());
        assertEquals(0, pm.release(1));
        assertEquals(-Errno.ESRCH, pm.release(1));
    }

    @Test
    void aRequestOfTheWrongLengthIsRejectedBeforeTheService() {
        // WAIT takes five ints; two are refused by the protocol check, counted, and answered EINVAL.
        assertEquals(-Errno.EINVAL, serverClient.call(ProcMgrCodec.OP_WAIT, 8, TIMEOUT, null));
        assertEquals(1, serverClient.counter(ServerCounter.REJECTED_BAD_LENGTH, TIMEOUT));
        assertEquals(-Errno.ENOSYS, serverClient.call(99, 4, TIMEOUT, null));
        assertEquals(1, serverClient.counter(ServerCounter.REJECTED_UNKNOWN_OPERATION, TIMEOUT));
        assertEquals(1, pm.getpgid(1), "the server still answers");
    }
}
