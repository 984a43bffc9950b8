package org.exoos.microkernel.sched;

/**
 * How nice (-20..19) weights a task's time slice: Linux's CFS weights (nice 0 = 1024, each step about 1.25
 * times), applied to a base slice, bounded below by one tick (a shorter slice could not be enforced) and
 * above by {@link #MAX_SLICE_NANOS}.
 */
public final class NiceWeights {
    public static final int MIN_NICE = -20, MAX_NICE = 19;
    public static final long BASE_SLICE_NANOS = 8_000_000L;
    public static final long MAX_SLICE_NANOS = 100_000_000L;

    /** kernel/sched/core.c sched_prio_to_weight, indexed by nice + 20. */
    private static final int[] WEIGHTS = {
            88761, 71755, 56483, 46273, 36291,
            29154, 23254, 18705, 14949, 11916,
            9548, 7620, 6100, 4904, 3906,
            3121, 2501, 1991, 1586, 1277,
            1024, 820, 655, 526, 423,
            335, 272, 215, 172, 137,
            110, 87, 70, 56, 45,
            36, 29, 23, 18, 15,
    };

    private NiceWeights() {}

    public static int weight(int nice) { return WEIGHTS[clamp(nice) + 20]; }

    /** The slice of a task of this nice. */
    public static long sliceNanos(int nice) {
        long slice = BASE_SLICE_NANOS * weight(nice) / 1024;
        return Math.max(HartScheduler.TICK_NANOS, Math.min(MAX_SLICE_NANOS, slice));
    }

    public static int clamp(int nice) { return Math.max(MIN_NICE, Math.min(MAX_NICE, nice)); }
}
