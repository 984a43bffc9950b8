package org.exoos.libposix.signal;

import org.exoos.microkernel.task.UserContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Linux's restart rules for an interrupted call, by its kind and by whether (and which) handler runs. */
class SyscallRestartTest {
    private static final long PC = 0x10004, A0 = 5, EINTR = -4;
    private static final int READ = 63, PPOLL = 73, NANOSLEEP = 101, EPOLL_PWAIT = 22;
    private final SyscallRestart restart = new SyscallRestart();
    private final UserContext ctx = new UserContext();

    private void interrupted(int nr) {
        ctx.pc = PC;
        ctx.x[UserContext.A0] = EINTR;
        ctx.x[UserContext.A7] = nr;
        restart.interrupted(nr, A0);
    }

    @Test
    void withoutAHandlerReadAndPpollRestartAndASleepGoesToRestartSyscall() {
        interrupted(READ);
        restart.noHandler(ctx);
        assertEquals(PC - 4, ctx.pc);
        assertEquals(A0, ctx.x[UserContext.A0]);
        interrupted(PPOLL);
        restart.noHandler(ctx);
        assertEquals(PC - 4, ctx.pc);
        interrupted(NANOSLEEP);
        restart.noHandler(ctx);
        assertEquals(PC - 4, ctx.pc);
        assertEquals(SyscallRestart.NR_RESTART_SYSCALL, ctx.x[UserContext.A7]);
        interrupted(EPOLL_PWAIT);
        restart.noHandler(ctx);
        assertEquals(PC, ctx.pc, "epoll_wait is never restarted");
        assertEquals(EINTR, ctx.x[UserContext.A0]);
    }

    @Test
    void afterAHandlerOnlySaRestartRestartsAndOnlyRestartSysCalls() {
        interrupted(READ);
        restart.beforeHandler(ctx, SigAction.SA_RESTART);
        assertEquals(PC - 4, ctx.pc);
        interrupted(READ);
        restart.beforeHandler(ctx, 0);
        assertEquals(PC, ctx.pc);
        assertEquals(EINTR, ctx.x[UserContext.A0]);
        interrupted(PPOLL);
        restart.beforeHandler(ctx, SigAction.SA_RESTART);
        assertEquals(PC, ctx.pc, "ppoll: EINTR after any handler");
        interrupted(NANOSLEEP);
        restart.beforeHandler(ctx, SigAction.SA_RESTART);
        assertEquals(PC, ctx.pc, "nanosleep: EINTR after any handler");
        restart.noHandler(ctx);
        assertEquals(PC, ctx.pc, "consumed: nothing left to restart");
    }
}
