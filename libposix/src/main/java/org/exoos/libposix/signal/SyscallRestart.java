package org.exoos.libposix.signal;

import org.exoos.microkernel.task.UserContext;

/**
 * What becomes of a system call a signal interrupted (Linux's -ERESTART* codes, decided in
 * arch/riscv/kernel/signal.c as the signals are handled). A call ends with -EINTR here; its number says how
 * Linux would have ended it:
 * <ul>
 * <li>{@link #RESTART_SYS} (read, write, wait4, futex ...): restarted after a handler with SA_RESTART,
 *     EINTR after other handlers, restarted when no handler runs (the signal stopped the process, or was
 *     ignored by then);</li>
 * <li>{@link #RESTART_NO_HANDLER} (ppoll, pselect6, rt_sigsuspend): EINTR after any handler, restarted
 *     otherwise;</li>
 * <li>{@link #RESTART_BLOCK} (nanosleep, clock_nanosleep): EINTR after any handler, otherwise continued by
 *     restart_syscall from the {@link #deadline} it noted;</li>
 * <li>{@link #NONE} (epoll_wait, rt_sigtimedwait, everything else): EINTR stays, as Linux's plain -EINTR.</li>
 * </ul>
 * A restart puts pc back on the ecall and a0 back to the first argument; the other argument registers were
 * never changed. One per thread, reused: set after the call, consumed as the signals are handled.
 */
public final class SyscallRestart {
    public static final int NONE = 0, RESTART_SYS = 1, RESTART_NO_HANDLER = 2, RESTART_BLOCK = 3;
    /** riscv64's restart_syscall number. */
    public static final int NR_RESTART_SYSCALL = 128;
    private static final int ECALL_SIZE = 4;

    private static final byte[] POLICY = new byte[512];

    static {
        for (int nr : new int[] {63, 64, 65, 66, 67, 68, 69, 70, // read, write, readv, writev, pread64 ... pwritev
                25, 29, 32, 56, 95, 98, 260}) {                   // fcntl (F_SETLKW), ioctl, flock, openat, waitid, futex, wait4
            POLICY[nr] = RESTART_SYS;
        }
        for (int nr : new int[] {72, 73, 133}) POLICY[nr] = RESTART_NO_HANDLER; // pselect6, ppoll, rt_sigsuspend
        for (int nr : new int[] {101, 115}) POLICY[nr] = RESTART_BLOCK;          // nanosleep, clock_nanosleep
    }

    private int policy;
    private long firstArgument;
    /** For RESTART_BLOCK: the clock, the absolute deadline and where the remaining time goes. */
    private int clock;
    private long deadline;
    private long remainAddress;

    /** Linux's restart policy for system call {@code nr}. */
    public static int policyOf(long nr) { return nr >= 0 && nr < POLICY.length ? POLICY[(int) nr] : NONE; }

    /** The call {@code nr}, whose first argument was {@code a0}, ended with EINTR. */
    public void interrupted(long nr, long a0) {
        policy = policyOf(nr);
        firstArgument = a0;
    }

    /** A sleep notes how restart_syscall continues it (the call then ends with EINTR). */
    public void noteSleep(int clockId, long absoluteDeadline, long remain) {
        clock = clockId;
        deadline = absoluteDeadline;
        remainAddress = remain;
    }

    public int clock() { return clock; }
    public long deadline() { return deadline; }
    public long remainAddress() { return remainAddress; }

    /** A handler is about to run for an action with these flags: restart or leave EINTR, before the frame saves the registers. */
    void beforeHandler(UserContext ctx, long actionFlags) {
        if (policy == RESTART_SYS && (actionFlags & SigAction.SA_RESTART) != 0) restart(ctx);
        policy = NONE;
    }

    /** The signals are handled and no handler ran: the interrupted call goes on. */
    void noHandler(UserContext ctx) {
        switch (policy) {
            case RESTART_SYS, RESTART_NO_HANDLER -> restart(ctx);
            case RESTART_BLOCK -> {
                ctx.pc -= ECALL_SIZE;
                ctx.x[UserContext.A7] = NR_RESTART_SYSCALL;
            }
            default -> { }
        }
        policy = NONE;
    }

    private void restart(UserContext ctx) {
        ctx.pc -= ECALL_SIZE;
        ctx.x[UserContext.A0] = firstArgument;
    }
}
