package org.exoos.libposix.syscall;

import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** futex(2) across Java threads standing in for guest threads of one process. */
class FutexSyscallsTest {
    static final int WAIT = 0, WAKE = 1, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5, LOCK_PI = 6,
            WAIT_BITSET = 9, WAKE_BITSET = 10, PRIVATE = 128, CLOCK_REALTIME = 256;
    static final long WORD = SCRATCH, WORD2 = SCRATCH + 64, TIMESPEC = SCRATCH + 128;

    final SyscallHarness h = new SyscallHarness();
    final PosixThread t2 = newThread(2), t3 = newThread(3);

    @AfterEach
    void close() { h.close(); }

    PosixThread newThread(int tid) { return new PosixThread(new Task(tid, h.space), h.process, tid); }

    /** Runs a system call as the given thread (its own register file), on the calling Java thread. */
    long call(PosixThread t, String name, long... args) {
        UserContext ctx = t.task().context();
        java.util.Arrays.fill(ctx.x, 0);
        ctx.x[UserContext.A7] = SyscallNames.number(name);
        for (int i = 0; i < args.length; i++) ctx.x[UserContext.A0 + i] = args[i];
        h.linux.syscall(t.task());
        return ctx.x[UserContext.A0];
    }

    CompletableFuture<Long> inBackground(PosixThread t, String name, long... args) {
        return CompletableFuture.supplyAsync(() -> call(t, name, args), r -> Thread.ofPlatform().daemon().start(r));
    }

    void putInt(long va, int v) { h.put(va, new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)}); }

    static void awaitQueued(PosixThread t) throws InterruptedException {
        for (int i = 0; i < 2000 && !t.futexWaiter().isQueued(); i++) Thread.sleep(1);
        assertTrue(t.futexWaiter().isQueued(), "the waiter never queued");
    }

    static long result(CompletableFuture<Long> f) throws Exception { return f.get(10, TimeUnit.SECONDS); }

    @Test
    void waitSleepsUntilWoken() throws Exception {
        putInt(WORD, 7);
        var waiting = inBackground(t2, "futex", WORD, WAIT | PRIVATE, 7, 0);
        awaitQueued(t2);
        assertFalse(waiting.isDone());
        assertEquals(1, call(h.thread, "futex", WORD, WAKE | PRIVATE, 1));
        assertEquals(0, result(waiting));
        assertEquals(0, call(h.thread, "futex", WORD, WAKE | PRIVATE, 1), "nobody is left to wake");
    }

    @Test
    void sharedWaitIsWokenBySharedWakeInAPrivateMapping() throws Exception {
        var waiting = inBackground(t2, "futex", WORD, WAIT, 0, 0);
        awaitQueued(t2);
        assertEquals(1, call(h.thread, "futex", WORD, WAKE | PRIVATE, 10), "Linux keys a private mapping by address");
        assertEquals(0, result(waiting));
    }

    @Test
    void aChangedValueIsEagainAndNothingQueues() {
        putInt(WORD, 1);
        assertEquals(-Errno.EAGAIN, call(h.thread, "futex", WORD, WAIT | PRIVATE, 0, 0));
        assertFalse(h.thread.futexWaiter().isQueued());
    }

    @Test
    void relativeTimeoutEndsWithEtimedout() {
        h.putLongs(TIMESPEC, 0, 20_000_000L);
        long start = System.nanoTime();
        assertEquals(-Errno.ETIMEDOUT, call(h.thread, "futex", WORD, WAIT | PRIVATE, 0, TIMESPEC));
        assertTrue(System.nanoTime() - start >= 20_000_000L, "woke before the timeout");
        assertFalse(h.thread.futexWaiter().isQueued());
    }

    @Test
    void absoluteBitsetDeadlinesOnBothClocks() {
        h.putLongs(TIMESPEC, 0, 1); // long past on CLOCK_MONOTONIC and on CLOCK_REALTIME
        assertEquals(-Errno.ETIMEDOUT, call(h.thread, "futex", WORD, WAIT_BITSET | PRIVATE, 0, TIMESPEC, 0, -1));
        assertEquals(-Errno.ETIMEDOUT,
                call(h.thread, "futex", WORD, WAIT_BITSET | PRIVATE | CLOCK_REALTIME, 0, TIMESPEC, 0, -1));
        assertEquals(-Errno.EAGAIN, call(h.thread, "futex", WORD, WAIT_BITSET | PRIVATE, 5, TIMESPEC, 0, -1),
                "the value is checked before the deadline");
    }

    @Test
    void bitsetWakeOnlyMatchingWaiters() throws Exception {
        var waiting = inBackground(t2, "futex", WORD, WAIT_BITSET | PRIVATE, 0, 0, 0, 0b01);
        awaitQueued(t2);
        assertEquals(0, call(h.thread, "futex", WORD, WAKE_BITSET | PRIVATE, 1, 0, 0, 0b10));
        assertEquals(1, call(h.thread, "futex", WORD, WAKE_BITSET | PRIVATE, 1, 0, 0, 0b11));
        assertEquals(0, result(waiting));
    }

    @Test
    void cmpRequeueWakesOneAndMovesTheRest() throws Exception {
        var a = inBackground(t2, "futex", WORD, WAIT | PRIVATE, 0, 0);
        awaitQueued(t2);
        var b = inBackground(t3, "futex", WORD, WAIT | PRIVATE, 0, 0);
        awaitQueued(t3);
        assertEquals(-Errno.EAGAIN, call(h.thread, "futex", WORD, CMP_REQUEUE | PRIVATE, 1, 1, WORD2, 9));
        assertEquals(2, call(h.thread, "futex", WORD, CMP_REQUEUE | PRIVATE, 1, 1, WORD2, 0));
        assertEquals(0, result(a), "the first waiter (FIFO) is woken");
        assertFalse(b.isDone());
        assertEquals(0, call(h.thread, "futex", WORD, WAKE | PRIVATE, 1), "the second moved away");
        assertEquals(1, call(h.thread, "futex", WORD2, WAKE | PRIVATE, 1));
        assertEquals(0, result(b));
        assertEquals(-Errno.EINVAL, call(h.thread, "futex", WORD, REQUEUE | PRIVATE, -1, 1, WORD2));
    }

    @Test
    void requeuedWaiterTimesOutFromItsNewQueue() {
        // t2 waits with a timeout, is requeued, then times out: it must leave the new queue.
        h.putLongs(TIMESPEC, 0, 200_000_000L);
        var a = inBackground(t2, "futex", WORD, WAIT | PRIVATE, 0, TIMESPEC);
        try {
            awaitQueued(t2);
            assertEquals(1, call(h.thread, "futex", WORD, REQUEUE | PRIVATE, 0, 1, WORD2));
            assertEquals(-Errno.ETIMEDOUT, result(a));
            assertEquals(0, call(h.thread, "futex", WORD2, WAKE | PRIVATE, 1));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wakeOpChangesTheSecondWordAndWakesBothWhenTheComparisonHolds() throws Exception {
        putInt(WORD2, 0);
        var onSecond = inBackground(t2, "futex", WORD2, WAIT | PRIVATE, 0, 0);
        awaitQueued(t2);
        int setOneIfZero = (1 << 28) | (0 << 24) | (1 << 12) | 0; // op ADD 1, compare old == 0
        assertEquals(1, call(h.thread, "futex", WORD, WAKE_OP | PRIVATE, 1, 1, WORD2, setOneIfZero));
        assertEquals(1, h.getInt(WORD2));
        assertEquals(0, result(onSecond));
        assertEquals(-Errno.ENOSYS, call(h.thread, "futex", WORD, WAKE_OP | PRIVATE, 1, 1, WORD2, 7 << 28));
    }

    @Test
    void aPendingSignalInterruptsTheWait() throws Exception {
        var waiting = inBackground(t2, "futex", WORD, WAIT | PRIVATE, 0, 0);
        awaitQueued(t2);
        t2.pending().add(SigInfo.tkill(Signal.SIGCHLD, 1, 0)); // ignored by default: dropped after the call
        t2.waiter().wake();
        // The wait ends (EINTR inside); no handler runs for the signal, so the call is restarted (ERESTARTSYS):
        // a0 holds the futex address again for the ecall to run anew.
        assertEquals(WORD, result(waiting));
        assertFalse(t2.futexWaiter().isQueued());
        assertEquals(0, call(h.thread, "futex", WORD, WAKE | PRIVATE, 1));
    }

    @Test
    void badArgumentsGetLinuxErrors() {
        assertEquals(-Errno.EINVAL, call(h.thread, "futex", WORD + 2, WAIT | PRIVATE, 0, 0));
        assertEquals(-Errno.EFAULT, call(h.thread, "futex", 0x7000_0000L, WAIT | PRIVATE, 0, 0));
        assertEquals(-Errno.EFAULT, call(h.thread, "futex", 0x7000_0000L, WAKE, 1), "a shared key needs the page");
        assertEquals(0, call(h.thread, "futex", 0x7000_0000L, WAKE | PRIVATE, 1), "a private one does not");
        assertEquals(-Errno.EINVAL, call(h.thread, "futex", WORD, WAIT_BITSET | PRIVATE, 0, 0, 0, 0));
        assertEquals(-Errno.EINVAL, call(h.thread, "futex", WORD, WAKE_BITSET | PRIVATE, 1, 0, 0, 0));
        assertEquals(-Errno.ENOSYS, call(h.thread, "futex", WORD, LOCK_PI | PRIVATE, 0, 0));
        assertEquals(-Errno.ENOSYS, call(h.thread, "futex", WORD, WAKE | CLOCK_REALTIME, 1));
        assertEquals(-Errno.ENOSYS, call(h.thread, "futex", WORD, 99, 1));
        h.putLongs(TIMESPEC, 0, 1_000_000_000L);
        assertEquals(-Errno.EINVAL, call(h.thread, "futex", WORD, WAIT | PRIVATE, 0, TIMESPEC));
        assertEquals(-Errno.EFAULT, call(h.thread, "futex", WORD, WAIT | PRIVATE, 0, 0x7000_0000L));
    }
}
