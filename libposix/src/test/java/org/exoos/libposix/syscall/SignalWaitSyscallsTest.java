package org.exoos.libposix.syscall;

import org.exoos.libposix.signal.SigAction;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.signal.SignalFrame;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.microkernel.task.UserContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.exoos.libposix.support.SyscallHarness.SCRATCH_SIZE;
import static org.exoos.servers.protocol.Errno.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Interrupted calls (SA_RESTART restarts a pipe read, EINTR without it; a stop is not a handler), waiting for
 * signals (rt_sigsuspend, rt_sigtimedwait), rt_sigqueueinfo and the interval timers, through the system calls
 * with a fake register file.
 */
class SignalWaitSyscallsTest {
    private static final long HANDLER = 0x12340, TRAMPOLINE = 0x5550_0000L, PC = 0x10004;
    private static final long STACK_TOP = SCRATCH + SCRATCH_SIZE;
    private final SyscallHarness h = new SyscallHarness();
    private final UserContext ctx = h.task.context();

    @AfterEach
    void returnRamToTheHost() { h.close(); }

    @BeforeEach
    void setUp() { h.process.setSigreturnTrampoline(TRAMPOLINE); }

    private void install(int sig, long handler, long flags) {
        h.putLongs(SCRATCH, handler, flags, 0);
        assertEquals(0, h.call("rt_sigaction", sig, SCRATCH, 0, 8));
    }

    private long callFrom(String name, long... args) {
        java.util.Arrays.fill(ctx.x, 0);
        ctx.x[UserContext.SP] = STACK_TOP;
        ctx.pc = PC;
        ctx.x[UserContext.A7] = SyscallNames.number(name);
        for (int i = 0; i < args.length; i++) ctx.x[UserContext.A0 + i] = args[i];
        h.linux.syscall(h.task);
        return ctx.x[UserContext.A0];
    }

    /** A pipe with nothing in it: its read end. */
    private int emptyPipe() {
        assertEquals(0, h.call("pipe2", SCRATCH + 512, 0));
        return h.getInt(SCRATCH + 512);
    }

    private void pendSigusr1() {
        h.thread.pending().add(SigInfo.user(Signal.SIGUSR1, 1, 0));
    }

    @Test
    void aReadInterruptedByASaRestartHandlerIsRestartedAfterIt() {
        int fd = emptyPipe();
        install(Signal.SIGUSR1, HANDLER, SigAction.SA_RESTART);
        pendSigusr1();
        callFrom("read", fd, SCRATCH + 1024, 1);
        assertEquals(HANDLER, ctx.pc, "the handler runs");
        long frame = ctx.x[UserContext.SP];
        assertEquals(PC - 4, h.getLong(frame + SignalFrame.SC_REGS), "the frame returns to the ecall");
        assertEquals(fd, h.getLong(frame + SignalFrame.SC_REGS + 10 * 8), "a0 holds the fd again");
    }

    @Test
    void withoutSaRestartTheReadFailsWithEintr() {
        int fd = emptyPipe();
        install(Signal.SIGUSR1, HANDLER, 0);
        pendSigusr1();
        callFrom("read", fd, SCRATCH + 1024, 1);
        long frame = ctx.x[UserContext.SP];
        assertEquals(PC, h.getLong(frame + SignalFrame.SC_REGS), "the frame returns past the ecall");
        assertEquals(-EINTR, h.getLong(frame + SignalFrame.SC_REGS + 10 * 8), "a0 is -EINTR");
    }

    @Test
    void epollWaitIsNeverRestartedEvenWithSaRestart() {
        install(Signal.SIGUSR1, HANDLER, SigAction.SA_RESTART);
        int epfd = (int) h.call("epoll_create1", 0);
        pendSigusr1();
        callFrom("epoll_pwait", epfd, SCRATCH + 1024, 1, -1, 0, 8);
        assertEquals(HANDLER, ctx.pc);
        long frame = ctx.x[UserContext.SP];
        assertEquals(PC, h.getLong(frame + SignalFrame.SC_REGS), "not restarted");
        assertEquals(-EINTR, h.getLong(frame + SignalFrame.SC_REGS + 10 * 8), "epoll_wait: EINTR");
    }

    @Test
    void sigtimedwaitPollsTakesAPendingSignalAndValidatesItsTimeout() {
        h.putLongs(SCRATCH, Signal.bit(Signal.SIGUSR2));
        h.putLongs(SCRATCH + 16, 0, 0);
        assertEquals(-EAGAIN, h.call("rt_sigtimedwait", SCRATCH, SCRATCH + 64, SCRATCH + 16, 8), "nothing pending");
        h.putLongs(SCRATCH + 32, 0, 1_000_000_000L);
        assertEquals(-EINVAL, h.call("rt_sigtimedwait", SCRATCH, SCRATCH + 64, SCRATCH + 32, 8), "tv_nsec 1e9");
        assertEquals(-EINVAL, h.call("rt_sigtimedwait", SCRATCH, SCRATCH + 64, SCRATCH + 16, 4), "sigsetsize");
        h.thread.setBlocked(Signal.bit(Signal.SIGUSR2));
        h.thread.pending().add(SigInfo.user(Signal.SIGUSR2, 7, 8));
        assertEquals(Signal.SIGUSR2, h.call("rt_sigtimedwait", SCRATCH, SCRATCH + 64, SCRATCH + 16, 8));
        assertEquals(Signal.SIGUSR2, h.getInt(SCRATCH + 64), "si_signo");
        assertEquals(7, h.getInt(SCRATCH + 64 + 16), "si_pid");
        assertEquals(0, h.thread.pending().mask(), "taken");
        assertEquals(Signal.bit(Signal.SIGUSR2), h.thread.blocked(), "the mask is back");
    }

    @Test
    void sigsuspendEndsWithEintrAndTheHandlerFrameSavesTheOldMask() {
        install(Signal.SIGUSR1, HANDLER, SigAction.SA_RESTART);
        h.thread.setBlocked(Signal.bit(Signal.SIGUSR1));
        pendSigusr1();
        h.putLongs(SCRATCH + 128, 0);
        callFrom("rt_sigsuspend", SCRATCH + 128, 8);
        assertEquals(HANDLER, ctx.pc);
        long frame = ctx.x[UserContext.SP];
        assertEquals(-EINTR, h.getLong(frame + SignalFrame.SC_REGS + 10 * 8), "never restarted after a handler");
        assertEquals(Signal.bit(Signal.SIGUSR1), h.getLong(frame + SignalFrame.UC_SIGMASK), "the mask before sigsuspend");
    }

    @Test
    void sigqueueinfoToItselfCarriesTheValueAndOthersMayNotClaimSiUser() {
        h.thread.setBlocked(Signal.bit(Signal.SIGUSR1));
        h.put(SCRATCH, new byte[128]);
        h.putLongs(SCRATCH + 8, SigInfo.SI_QUEUE & 0xffff_ffffL, 0, 42);
        assertEquals(0, h.call("rt_sigqueueinfo", h.process.pid(), Signal.SIGUSR1, SCRATCH));
        SigInfo si = h.process.signals().pending().take(Signal.SIGUSR1);
        assertEquals(SigInfo.SI_QUEUE, si.code());
        assertEquals(42, si.addr(), "si_value");
        h.putLongs(SCRATCH + 8, 0);
        assertEquals(-EPERM, h.call("rt_sigqueueinfo", h.process.pid() + 1, Signal.SIGUSR1, SCRATCH), "SI_USER claimed");
        h.putLongs(SCRATCH + 8, SigInfo.SI_QUEUE & 0xffff_ffffL);
        assertEquals(-ESRCH, h.call("rt_sigqueueinfo", 99999, Signal.SIGUSR1, SCRATCH));
    }

    @Test
    void setitimerArmsReadsBackAndDisarmsItimerReal() {
        h.putLongs(SCRATCH, 0, 250_000, 10, 0); // interval 0.25 s, first expiry in 10 s
        assertEquals(0, h.call("setitimer", SysTimers.ITIMER_REAL, SCRATCH, 0));
        assertEquals(0, h.call("getitimer", SysTimers.ITIMER_REAL, SCRATCH + 64));
        assertEquals(250_000, h.getLong(SCRATCH + 64 + 8), "interval");
        long left = h.getLong(SCRATCH + 64 + 16) * 1_000_000 + h.getLong(SCRATCH + 64 + 24);
        assertTrue(left > 9_000_000 && left <= 10_000_000, "time left " + left);
        h.putLongs(SCRATCH, 0, 0, 0, 0);
        assertEquals(0, h.call("setitimer", SysTimers.ITIMER_REAL, SCRATCH, SCRATCH + 128));
        assertEquals(250_000, h.getLong(SCRATCH + 128 + 8), "the old value");
        assertEquals(0, h.call("getitimer", SysTimers.ITIMER_REAL, SCRATCH + 64));
        assertEquals(0, h.getLong(SCRATCH + 64 + 16) | h.getLong(SCRATCH + 64 + 24), "disarmed");
        h.putLongs(SCRATCH, 0, 1_000_000, 0, 0);
        assertEquals(-EINVAL, h.call("setitimer", SysTimers.ITIMER_REAL, SCRATCH, 0), "tv_usec 1e6");
        assertEquals(-EINVAL, h.call("getitimer", 3, SCRATCH + 64), "no such timer");
    }
}
