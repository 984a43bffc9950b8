package org.exoos.libposix.syscall;

import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** clone(CLONE_THREAD), and how threads end: clear_child_tid, robust lists, the last thread out. */
class ThreadSyscallsTest {
    /** What glibc's pthread_create passes (musl's is the same plus CLONE_DETACHED). */
    static final long PTHREAD_FLAGS = SysThreads.CLONE_VM | SysThreads.CLONE_FS | SysThreads.CLONE_FILES
            | SysThreads.CLONE_SIGHAND | SysThreads.CLONE_THREAD | SysThreads.CLONE_SYSVSEM | SysThreads.CLONE_SETTLS
            | SysThreads.CLONE_PARENT_SETTID | SysThreads.CLONE_CHILD_CLEARTID;
    static final long PTID = SCRATCH, CTID = SCRATCH + 8, STACK = SCRATCH + 0x8000, TLS = SCRATCH + 0x9000,
            ROBUST_HEAD = SCRATCH + 0x100, ROBUST_ENTRY = SCRATCH + 0x200;

    final SyscallHarness h = new SyscallHarness();
    final List<Task> started = new ArrayList<>();

    ThreadSyscallsTest() { h.linux.newId(); } // the harness's process took id 1 by hand

    @AfterEach
    void close() { h.close(); }

    long clone(long flags, long stack, long ptid, long tls, long ctid) {
        UserContext ctx = h.task.context();
        java.util.Arrays.fill(ctx.x, 0);
        ctx.x[UserContext.RA] = 0x1234;
        ctx.pc = 0x4_0004;
        ctx.x[UserContext.A7] = SyscallNames.number("clone");
        long[] args = {flags, stack, ptid, tls, ctid};
        for (int i = 0; i < args.length; i++) ctx.x[UserContext.A0 + i] = args[i];
        SyscallContext c = new SyscallContext(h.linux, h.task);
        return SysThreads.cloneThread(c);
    }

    long call(PosixThread t, String name, long... args) {
        UserContext ctx = t.task().context();
        java.util.Arrays.fill(ctx.x, 0);
        ctx.x[UserContext.A7] = SyscallNames.number(name);
        for (int i = 0; i < args.length; i++) ctx.x[UserContext.A0 + i] = args[i];
        h.linux.syscall(t.task());
        return ctx.x[UserContext.A0];
    }

    @Test
    void cloneMakesAThreadOfTheSameProcess() {
        h.linux.attachTaskStarter((task, creator) -> started.add(task));
        long tid = clone(PTHREAD_FLAGS, STACK, PTID, TLS, CTID);
        assertTrue(tid > 1);
        assertEquals(1, started.size());
        Task task = started.getFirst();
        assertEquals(tid, task.id());
        assertSame(h.space, task.addressSpace());
        UserContext regs = task.context();
        assertEquals(0, regs.x[UserContext.A0], "the child returns 0");
        assertEquals(STACK, regs.x[UserContext.SP]);
        assertEquals(TLS, regs.x[UserContext.TP]);
        assertEquals(0x1234, regs.x[UserContext.RA]);
        assertEquals(0x4_0004, regs.pc);
        PosixThread child = PosixThread.of(task);
        assertSame(h.process, child.process());
        assertEquals(2, h.process.threads().size());
        assertEquals(tid, h.getInt(PTID), "CLONE_PARENT_SETTID");
        assertEquals(0, h.getInt(CTID), "no CLONE_CHILD_SETTID");
        assertEquals(CTID, child.clearChildTid());
        assertEquals(tid, call(child, "gettid"));
    }

    @Test
    void inconsistentFlagsAreEinval() {
        h.linux.attachTaskStarter((task, creator) -> started.add(task));
        long noSighand = PTHREAD_FLAGS & ~SysThreads.CLONE_SIGHAND;
        assertEquals(-Errno.EINVAL, clone(noSighand, STACK, 0, 0, 0), "CLONE_THREAD needs CLONE_SIGHAND");
        assertEquals(-Errno.EINVAL, SysThreads.checkFlags(SysThreads.CLONE_SIGHAND), "CLONE_SIGHAND needs CLONE_VM");
        assertEquals(-Errno.EINVAL, clone(PTHREAD_FLAGS | SysThreads.CLONE_NEWPID, STACK, 0, 0, 0));
        assertEquals(-Errno.EINVAL, clone(PTHREAD_FLAGS | SysThreads.CLONE_PIDFD, STACK, 0, 0, 0));
        assertEquals(0, SysThreads.checkFlags(PTHREAD_FLAGS));
        assertTrue(started.isEmpty());
        assertEquals(1, h.process.threads().size());
    }

    @Test
    void withoutAStarterCloneIsEagain() {
        assertEquals(-Errno.EAGAIN, clone(PTHREAD_FLAGS, STACK, PTID, TLS, CTID));
        assertEquals(1, h.process.threads().size());
    }

    @Test
    void exitOfAThreadClearsItsTidWakesTheJoinerAndLeavesTheProcess() throws Exception {
        h.linux.attachTaskStarter((task, creator) -> started.add(task));
        long tid = clone(PTHREAD_FLAGS | SysThreads.CLONE_CHILD_SETTID, STACK, PTID, TLS, CTID);
        PosixThread child = PosixThread.of(started.getFirst());
        assertEquals(tid, h.getInt(CTID));
        CompletableFuture<Long> join = CompletableFuture.supplyAsync(
                () -> call(h.thread, "futex", CTID, 0, tid, 0), r -> Thread.ofPlatform().daemon().start(r));
        for (int i = 0; i < 2000 && !h.thread.futexWaiter().isQueued(); i++) Thread.sleep(1);
        call(child, "exit", 3);
        assertEquals(0, join.get(10, TimeUnit.SECONDS), "pthread_join's futex wait is woken");
        assertEquals(0, h.getInt(CTID));
        assertFalse(child.task().isAlive());
        assertFalse(h.process.hasExited());
        call(h.thread, "exit", 5);
        assertTrue(h.process.hasExited(), "the last thread out ends the process");
        assertEquals(5, h.process.exitCode());
    }

    @Test
    void robustFutexesOfADyingThreadAreMarkedOwnerDied() throws Exception {
        h.linux.attachTaskStarter((task, creator) -> started.add(task));
        long tid = clone(PTHREAD_FLAGS, STACK, PTID, TLS, CTID);
        PosixThread child = PosixThread.of(started.getFirst());
        long futexOffset = 16;
        // head.next -> entry -> head; the entry's futex word is owned by the child with waiters.
        h.putLongs(ROBUST_HEAD, ROBUST_ENTRY, futexOffset, 0);
        h.putLongs(ROBUST_ENTRY, ROBUST_HEAD);
        long word = ROBUST_ENTRY + futexOffset;
        h.put(word, intBytes((int) tid | SysThreads.FUTEX_WAITERS));
        assertEquals(0, call(child, "set_robust_list", ROBUST_HEAD, 24));
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(
                () -> call(h.thread, "futex", word, 0, (int) tid | SysThreads.FUTEX_WAITERS, 0),
                r -> Thread.ofPlatform().daemon().start(r));
        for (int i = 0; i < 2000 && !h.thread.futexWaiter().isQueued(); i++) Thread.sleep(1);
        call(child, "exit", 0);
        assertEquals(0, waiter.get(10, TimeUnit.SECONDS), "a waiter is woken to take the lock over");
        assertEquals(SysThreads.FUTEX_WAITERS | SysThreads.FUTEX_OWNER_DIED, h.getInt(word));
    }

    @Test
    void exitGroupFromAnyThreadEndsThemAllAndWakesSleepers() throws Exception {
        h.linux.attachTaskStarter((task, creator) -> started.add(task));
        clone(PTHREAD_FLAGS, STACK, PTID, TLS, CTID);
        PosixThread child = PosixThread.of(started.getFirst());
        CompletableFuture<Long> sleeper = CompletableFuture.supplyAsync(
                () -> call(h.thread, "futex", SCRATCH + 0x300, 0, 0, 0), r -> Thread.ofPlatform().daemon().start(r));
        for (int i = 0; i < 2000 && !h.thread.futexWaiter().isQueued(); i++) Thread.sleep(1);
        call(child, "exit_group", 42);
        sleeper.get(10, TimeUnit.SECONDS);
        assertFalse(h.task.isAlive());
        assertFalse(child.task().isAlive());
        assertEquals(42, h.process.exitCode());
    }

    static byte[] intBytes(int v) { return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)}; }
}
