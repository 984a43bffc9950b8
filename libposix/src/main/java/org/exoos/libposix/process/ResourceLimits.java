package org.exoos.libposix.process;

/**
 * The RLIMIT_* table of a process (getrlimit(2)), soft and hard limit per resource, with the defaults a
 * fresh Linux login would have. {@link #RLIM_INFINITY} is the all-ones value of rlim_t.
 */
public final class ResourceLimits {
    public static final int RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3, RLIMIT_CORE = 4,
            RLIMIT_RSS = 5, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_MEMLOCK = 8, RLIMIT_AS = 9,
            RLIMIT_LOCKS = 10, RLIMIT_SIGPENDING = 11, RLIMIT_MSGQUEUE = 12, RLIMIT_NICE = 13,
            RLIMIT_RTPRIO = 14, RLIMIT_RTTIME = 15;
    public static final int RLIM_NLIMITS = 16;
    public static final long RLIM_INFINITY = -1L;
    /** fs.nr_open: the ceiling of RLIMIT_NOFILE. */
    public static final long NR_OPEN = 1L << 20;

    private final long[] soft = new long[RLIM_NLIMITS];
    private final long[] hard = new long[RLIM_NLIMITS];

    public ResourceLimits() {
        java.util.Arrays.fill(soft, RLIM_INFINITY);
        java.util.Arrays.fill(hard, RLIM_INFINITY);
        set(RLIMIT_STACK, 8L << 20, RLIM_INFINITY);
        set(RLIMIT_CORE, 0, RLIM_INFINITY);
        set(RLIMIT_NOFILE, 1024, 4096);
        set(RLIMIT_MEMLOCK, 8L << 20, 8L << 20);
        set(RLIMIT_SIGPENDING, 127_368, 127_368);
        set(RLIMIT_MSGQUEUE, 819_200, 819_200);
        set(RLIMIT_NICE, 0, 0);
        set(RLIMIT_RTPRIO, 0, 0);
    }

    public long soft(int resource) { return soft[resource]; }

    public long hard(int resource) { return hard[resource]; }

    public void set(int resource, long softLimit, long hardLimit) {
        soft[resource] = softLimit;
        hard[resource] = hardLimit;
    }

    /** fork: the child starts with the parent's limits. */
    public void copyFrom(ResourceLimits parent) {
        System.arraycopy(parent.soft, 0, soft, 0, RLIM_NLIMITS);
        System.arraycopy(parent.hard, 0, hard, 0, RLIM_NLIMITS);
    }

    /** Compares limits the way the kernel does: as unsigned values, so RLIM_INFINITY is the largest. */
    public static int compare(long a, long b) { return Long.compareUnsigned(a, b); }
}
