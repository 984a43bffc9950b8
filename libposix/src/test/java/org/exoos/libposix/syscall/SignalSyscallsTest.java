package org.exoos.libposix.syscall;

import org.exoos.libposix.signal.SigAction;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.signal.SignalFrame;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.microkernel.task.UserContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.exoos.servers.protocol.Errno.*;
import static org.exoos.libposix.support.SyscallHarness.*;
import static org.junit.jupiter.api.Assertions.*;

/** Handler delivery and return, driven through the system calls with a fake register file. */
class SignalSyscallsTest {
    private static final long HANDLER = 0x12340, TRAMPOLINE = 0x5550_0000L;
    private static final long STACK_TOP = SCRATCH + SCRATCH_SIZE;
    private final SyscallHarness h = new SyscallHarness();

    @AfterEach
    void returnRamToTheHost() { h.close(); }
    private final UserContext ctx = h.task.context();

    @BeforeEach
    void setUp() {
        h.process.setSigreturnTrampoline(TRAMPOLINE);
    }

    private void install(int sig, long handler, long flags, long mask) {
        h.putLongs(SCRATCH, handler, flags, mask);
        assertEquals(0, h.call("rt_sigaction", sig, SCRATCH, 0, 8));
    }

    /** A system call made at a known pc and sp, with a recognisable callee-saved register. */
    private long callFrom(long pc, String name, long... args) {
        UserContext c = ctx;
        int nr = SyscallNames.number(name);
        java.util.Arrays.fill(c.x, 0);
        c.x[UserContext.SP] = STACK_TOP;
        c.x[8] = 0x5eed; // s0
        c.f[9] = Double.doubleToRawLongBits(2.5);
        c.pc = pc;
        c.x[UserContext.A7] = nr;
        for (int i = 0; i < args.length; i++) c.x[UserContext.A0 + i] = args[i];
        h.linux.syscall(h.task);
        return c.x[UserContext.A0];
    }

    @Test
    void killStartsTheHandlerWithSiginfoAndUcontext() {
        install(Signal.SIGUSR1, HANDLER, SigAction.SA_SIGINFO, Signal.bit(Signal.SIGUSR2));
        callFrom(0x10004, "kill", 1, Signal.SIGUSR1);
        assertEquals(HANDLER, ctx.pc, "not redirected to the handler");
        assertEquals(TRAMPOLINE, ctx.x[UserContext.RA], "handler does not return to the trampoline");
        assertEquals(Signal.SIGUSR1, ctx.x[UserContext.A0]);
        long frame = ctx.x[UserContext.SP];
        assertEquals(0, frame & 15, "frame not 16-byte aligned");
        assertTrue(frame + SignalFrame.SIZE <= STACK_TOP, "frame overlaps the interrupted stack");
        assertEquals(frame, ctx.x[UserContext.A0 + 1], "a1 = &siginfo");
        assertEquals(frame + 128, ctx.x[UserContext.A0 + 2], "a2 = &ucontext");
        assertEquals(Signal.SIGUSR1, h.getInt(frame), "si_signo");
        assertEquals(SigInfo.SI_USER, h.getInt(frame + 8), "si_code");
        assertEquals(1, h.getInt(frame + 16), "si_pid");
        assertEquals(0x10004, h.getLong(frame + SignalFrame.SC_REGS), "saved pc");
        assertEquals(0, h.getLong(frame + SignalFrame.SC_REGS + 10 * 8), "saved a0 is the result of kill");
        assertEquals(Signal.bit(Signal.SIGUSR1) | Signal.bit(Signal.SIGUSR2), h.thread.blocked(),
                "inside the handler the signal and sa_mask are blocked");
    }

    @Test
    void sigreturnRestoresRegistersAndMask() {
        install(Signal.SIGUSR1, HANDLER, SigAction.SA_SIGINFO, 0);
        callFrom(0x10004, "tgkill", 1, 1, Signal.SIGUSR1);
        long frame = ctx.x[UserContext.SP];
        assertEquals(SigInfo.SI_TKILL, h.getInt(frame + 8), "si_code after tgkill");
        // The handler clobbers registers, then returns through the trampoline's ecall.
        ctx.x[8] = 0;
        ctx.f[9] = 0;
        ctx.x[UserContext.A7] = SyscallNames.number("rt_sigreturn");
        ctx.pc = TRAMPOLINE + 8;
        h.linux.syscall(h.task);
        assertEquals(0x10004, ctx.pc, "pc after sigreturn");
        assertEquals(STACK_TOP, ctx.x[UserContext.SP], "sp after sigreturn");
        assertEquals(0x5eed, ctx.x[8], "s0 did not survive the handler");
        assertEquals(2.5, Double.longBitsToDouble(ctx.f[9]), "f9 did not survive the handler");
        assertEquals(0, ctx.x[UserContext.A0], "sigreturn must not overwrite a0");
        assertEquals(0, h.thread.blocked(), "mask after sigreturn");
    }

    @Test
    void blockedSignalIsPendingUntilUnblocked() {
        install(Signal.SIGUSR2, HANDLER, 0, 0);
        h.putLongs(SCRATCH + 100, Signal.bit(Signal.SIGUSR2));
        callFrom(0x10000, "rt_sigprocmask", SysSignal.SIG_BLOCK, SCRATCH + 100, 0, 8);
        callFrom(0x10000, "kill", 1, Signal.SIGUSR2);
        assertEquals(0x10000, ctx.pc, "a blocked signal ran its handler");
        assertEquals(0, callFrom(0x10000, "rt_sigpending", SCRATCH + 200, 8));
        assertEquals(Signal.bit(Signal.SIGUSR2), h.getLong(SCRATCH + 200), "rt_sigpending");
        callFrom(0x10000, "rt_sigprocmask", SysSignal.SIG_UNBLOCK, SCRATCH + 100, 0, 8);
        assertEquals(HANDLER, ctx.pc, "unblocking did not deliver");
    }

    @Test
    void resetHandRunsTheHandlerOnce() {
        install(Signal.SIGUSR1, HANDLER, SigAction.SA_RESETHAND | SigAction.SA_NODEFER, 0);
        callFrom(0x10000, "kill", 1, Signal.SIGUSR1);
        assertEquals(HANDLER, ctx.pc);
        assertEquals(0, h.thread.blocked(), "SA_NODEFER should leave the signal unblocked");
        assertTrue(h.process.signals().action(Signal.SIGUSR1).isDefault(), "SA_RESETHAND did not reset");
    }

    @Test
    void alternateStackIsUsedForOnStackHandlers() {
        long alt = SCRATCH + 0x4000, size = 0x3000;
        h.putLongs(SCRATCH + 300, alt, 0, size);
        assertEquals(0, callFrom(0x10000, "sigaltstack", SCRATCH + 300, 0));
        install(Signal.SIGUSR1, HANDLER, SigAction.SA_ONSTACK, 0);
        callFrom(0x10000, "kill", 1, Signal.SIGUSR1);
        long frame = ctx.x[UserContext.SP];
        assertTrue(frame >= alt && frame < alt + size, "frame at 0x" + Long.toHexString(frame) + " is not on the alternate stack");
        // Changing the alternate stack while running on it is EPERM.
        ctx.x[UserContext.A7] = SyscallNames.number("sigaltstack");
        ctx.x[UserContext.A0] = SCRATCH + 300;
        ctx.x[UserContext.A0 + 1] = 0;
        h.linux.syscall(h.task);
        assertEquals(-EPERM, ctx.x[UserContext.A0]);
    }

    @Test
    void sigaltstackChecksSizeAndFlags() {
        h.putLongs(SCRATCH + 300, SCRATCH, 0, 100);
        assertEquals(-ENOMEM, h.call("sigaltstack", SCRATCH + 300, 0));
        h.putLongs(SCRATCH + 300, SCRATCH, 7, 8192);
        assertEquals(-EINVAL, h.call("sigaltstack", SCRATCH + 300, 0));
        assertEquals(0, h.call("sigaltstack", 0, SCRATCH + 400));
        assertEquals(2, h.getInt(SCRATCH + 408), "no alternate stack yet: SS_DISABLE");
    }

    @Test
    void handlerOnAnUnusableStackKillsWithSigsegv() {
        install(Signal.SIGUSR1, HANDLER, 0, 0);
        java.util.Arrays.fill(ctx.x, 0);
        ctx.x[UserContext.SP] = 0x1000; // unmapped
        ctx.x[UserContext.A7] = SyscallNames.number("kill");
        ctx.x[UserContext.A0] = 1;
        ctx.x[UserContext.A0 + 1] = Signal.SIGUSR1;
        h.linux.syscall(h.task);
        assertFalse(h.task.isAlive());
        assertEquals(128 + Signal.SIGSEGV, h.process.shellStatus());
    }

    @Test
    void faultWithAHandlerRunsItWithTheFaultAddress() {
        install(Signal.SIGSEGV, HANDLER, SigAction.SA_SIGINFO, 0);
        java.util.Arrays.fill(ctx.x, 0);
        ctx.x[UserContext.SP] = STACK_TOP;
        ctx.pc = 0x10010;
        h.linux.fault(h.task, 15 /* store page fault */, 0x8);
        assertEquals(HANDLER, ctx.pc);
        long frame = ctx.x[UserContext.SP];
        assertEquals(Signal.SIGSEGV, h.getInt(frame));
        assertEquals(SigInfo.SEGV_MAPERR, h.getInt(frame + 8));
        assertEquals(0x8, h.getLong(frame + 16), "si_addr");
        h.linux.fault(h.task, 15, READ_ONLY);
        assertFalse(h.task.isAlive(), "a fault while SIGSEGV is blocked (inside its handler) must kill");
        assertEquals(139, h.process.shellStatus());
    }
}
