package org.exoos.microkernel.sched;

/**
 * Linux scheduling policies (include/uapi/linux/sched.h). SCHED_OTHER tasks are classed by their bursts;
 * SCHED_BATCH and SCHED_IDLE are always batch, and SCHED_IDLE runs with the shortest slice. There are no
 * real-time classes: SCHED_FIFO, SCHED_RR and SCHED_DEADLINE are refused.
 */
public final class SchedPolicy {
    public static final int SCHED_OTHER = 0, SCHED_FIFO = 1, SCHED_RR = 2, SCHED_BATCH = 3, SCHED_IDLE = 5,
            SCHED_DEADLINE = 6;
    /** Or-ed into a policy: children start as SCHED_OTHER, nice at least 0. */
    public static final int SCHED_RESET_ON_FORK = 0x40000000;

    private SchedPolicy() {}

    public static boolean isFair(int policy) {
        return policy == SCHED_OTHER || policy == SCHED_BATCH || policy == SCHED_IDLE;
    }
}
