package org.exoos.libposix.signal;

/**
 * Linux signal numbers (riscv64 uses the generic numbering) and their default actions (signal(7)).
 * Signal sets are 64-bit masks with bit (sig - 1) for sig.
 */
public final class Signal {
    private Signal() {}

    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6,
            SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13,
            SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20,
            SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27,
            SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31;
    public static final int SIGRTMIN = 32;
    /** Highest signal number; _NSIG is 64 + 1. */
    public static final int NSIG = 64;
    /** Size in bytes of the kernel's sigset_t (rt_sig* sigsetsize). */
    public static final int SIGSET_SIZE = 8;

    /** Signals that can be neither caught, blocked nor ignored. */
    public static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    public enum DefaultAction { TERMINATE, CORE, IGNORE, STOP, CONTINUE }

    public static long bit(int sig) { return 1L << (sig - 1); }

    public static boolean valid(long sig) { return sig >= 1 && sig <= NSIG; }

    public static DefaultAction defaultAction(int sig) {
        return switch (sig) {
            case SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS ->
                    DefaultAction.CORE;
            case SIGCHLD, SIGURG, SIGWINCH -> DefaultAction.IGNORE;
            case SIGCONT -> DefaultAction.CONTINUE;
            case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> DefaultAction.STOP;
            default -> DefaultAction.TERMINATE; // including the real-time signals
        };
    }

    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    public static String name(int sig) {
        if (sig > 0 && sig < NAMES.length) return NAMES[sig];
        return sig >= SIGRTMIN && sig <= NSIG ? "SIGRTMIN+" + (sig - SIGRTMIN) : "signal " + sig;
    }
}
