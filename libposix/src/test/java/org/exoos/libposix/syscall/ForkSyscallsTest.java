package org.exoos.libposix.syscall;

import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.signal.SigAction;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.junit.jupiter.api.Assertions.*;

/** clone as fork, the child's end, and wait4, driven call by call (the child's task is never run). */
class ForkSyscallsTest {
    static final long STATUS = SCRATCH + 0x100;

    final SyscallHarness h = new SyscallHarness();
    final List<Task> started = new ArrayList<>();

    ForkSyscallsTest() {
        h.linux.newId(); // the harness's process took id 1 by hand
        h.linux.attachTaskStarter((task, creator) -> started.add(task));
    }

    @AfterEach
    void close() { h.close(); }

    long call(Task t, String name, long... args) {
        UserContext ctx = t.context();
        java.util.Arrays.fill(ctx.x, 0);
        ctx.x[UserContext.A7] = SyscallNames.number(name);
        for (int i = 0; i < args.length; i++) ctx.x[UserContext.A0 + i] = args[i];
        h.linux.syscall(t);
        return ctx.x[UserContext.A0];
    }

    /** The child calls exit_group and its (never started) run loop ends. */
    void exitChild(Task child, int code) {
        call(child, "exit_group", code);
        h.linux.ended(child);
    }

    @Test
    void theChildGetsACopyOnWriteCopyAndBothSidesEndingFreesEveryFrame() {
        h.putLongs(SCRATCH, 1);
        int freeBeforeFork = h.frames.freeFrames();
        long pid = h.call("clone", Signal.SIGCHLD, 0, 0, 0, 0);
        assertTrue(pid > 1, "clone returned " + pid);
        Task child = started.getFirst();
        assertEquals(pid, child.id());
        assertNotSame(h.space, child.addressSpace());
        assertEquals(0, child.context().x[UserContext.A0], "the child returns 0");
        PosixProcess cp = PosixThread.of(child).process();
        assertEquals(h.process.pid(), h.linux.processTree().parentPid(cp.pid()));
        assertEquals(pid, call(child, "getpid"));
        assertEquals(h.process.pid(), call(child, "getppid"));

        byte[] two = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(2).array();
        assertTrue(child.addressSpace().copyOut(SCRATCH, two, 0, 8));
        assertEquals(1, h.getLong(SCRATCH), "the child's write reached the parent");
        h.putLongs(SCRATCH + 8, 3);
        byte[] b = new byte[8];
        assertTrue(child.addressSpace().copyIn(SCRATCH + 8, b, 0, 8));
        assertEquals(0, b[0], "the parent's write reached the child");

        assertEquals(0, h.call("wait4", -1, STATUS, SysProcess.WNOHANG, 0), "WNOHANG while the child runs");
        exitChild(child, 3);
        assertEquals(pid, h.call("wait4", -1, STATUS, 0, 0));
        assertEquals(3 << 8, h.getInt(STATUS), "exit status 3 as wait(2) encodes it");
        assertEquals(-Errno.ECHILD, h.call("wait4", -1, STATUS, 0, 0), "reaped twice");
        assertEquals(freeBeforeFork, h.frames.freeFrames(), "the child's frames were not all freed (or freed twice)");
    }

    @Test
    void aChildKilledBySignalIsReportedWithTheSignalAndSigchldIsQueuedForAHandler() {
        h.process.signals().setAction(Signal.SIGCHLD, new SigAction(0x4000, 0, 0));
        h.thread.setBlocked(Signal.bit(Signal.SIGCHLD)); // keep it pending, unhandled
        long pid = h.call("clone", Signal.SIGCHLD, 0, 0, 0, 0);
        Task child = started.getFirst();
        assertEquals(0, h.call("kill", pid, Signal.SIGTERM));
        h.linux.interrupted(child); // the child's hart takes the signal at its next preemption point
        assertFalse(child.isAlive(), "SIGTERM with the default action did not end the child");
        h.linux.ended(child);
        assertEquals(Signal.bit(Signal.SIGCHLD), h.process.signals().pending().mask(), "no SIGCHLD for the parent");
        assertEquals(pid, h.call("wait4", pid, STATUS, 0, 0));
        assertEquals(Signal.SIGTERM, h.getInt(STATUS));
    }

    @Test
    void anIgnoredSigchldReapsAtOnceAndWaitSaysEchild() {
        // through rt_sigaction, which tells procmgr the parent no longer wants its children's ends
        h.putLongs(SCRATCH, SigAction.SIG_IGN, 0, 0);
        assertEquals(0, h.call("rt_sigaction", Signal.SIGCHLD, SCRATCH, 0, Signal.SIGSET_SIZE));
        long pid = h.call("clone", Signal.SIGCHLD, 0, 0, 0, 0);
        exitChild(started.getFirst(), 0);
        assertEquals(-Errno.ECHILD, h.call("wait4", pid, STATUS, 0, 0));
    }

    @Test
    void processGroupsSelectWhomWaitAndKillReach() {
        long a = h.call("clone", Signal.SIGCHLD, 0, 0, 0, 0);
        long b = h.call("clone", Signal.SIGCHLD, 0, 0, 0, 0);
        assertEquals(0, h.call("setpgid", a, a));
        assertEquals(a, h.call("getpgid", a));
        assertEquals(h.process.pgid(), h.call("getpgid", b));
        assertEquals(-Errno.EPERM, h.call("setpgid", b, 12345), "joined a group that does not exist");
        exitChild(started.get(1), 0);
        assertEquals(0, h.call("wait4", -a, STATUS, SysProcess.WNOHANG, 0), "group a's child has not ended");
        assertEquals(b, h.call("wait4", 0, STATUS, 0, 0), "b is in the caller's group");
        exitChild(started.get(0), 0);
        assertEquals(a, h.call("wait4", -a, STATUS, 0, 0));
        assertEquals(-Errno.ESRCH, h.call("getpgid", a), "a reaped child is still found");
    }

    @Test
    void orphansAreAdoptedByInit() {
        // the harness's process is init already (the first registered with procmgr)
        long middle = h.call("clone", Signal.SIGCHLD, 0, 0, 0, 0);
        Task middleTask = started.getFirst();
        long grandchild = call(middleTask, "clone", Signal.SIGCHLD, 0, 0, 0, 0);
        Task grandTask = started.get(1);
        assertEquals(middle, call(grandTask, "getppid"));
        exitChild(middleTask, 0);
        assertEquals(h.process.pid(), call(grandTask, "getppid"), "the orphan was not adopted");
        exitChild(grandTask, 4);
        assertEquals(middle, h.call("wait4", middle, STATUS, 0, 0));
        assertEquals(grandchild, h.call("wait4", -1, STATUS, 0, 0), "init cannot reap its adopted child");
        assertEquals(4 << 8, h.getInt(STATUS));
    }
}
