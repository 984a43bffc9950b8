package org.exoos.libposix.signal;

/**
 * A signal disposition as rt_sigaction passes it on riscv64: the kernel's struct sigaction is
 * {@code { void *sa_handler; unsigned long sa_flags; sigset_t sa_mask; }} (24 bytes; riscv64 has no
 * sa_restorer field because it does not define SA_RESTORER).
 */
public record SigAction(long handler, long flags, long mask) {
    /** Byte size of the user structure. */
    public static final int SIZE = 24;
    public static final long SIG_DFL = 0, SIG_IGN = 1;
    public static final long SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4, SA_ONSTACK = 0x0800_0000L,
            SA_RESTART = 0x1000_0000L, SA_NODEFER = 0x4000_0000L, SA_RESETHAND = 0x8000_0000L;
    public static final SigAction DEFAULT = new SigAction(SIG_DFL, 0, 0);

    public boolean isDefault() { return handler == SIG_DFL; }

    public boolean isIgnore() { return handler == SIG_IGN; }

    /** A user function runs for it. */
    public boolean isHandler() { return handler != SIG_DFL && handler != SIG_IGN; }
}
