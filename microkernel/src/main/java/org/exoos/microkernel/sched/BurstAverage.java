package org.exoos.microkernel.sched;

/**
 * The exponential moving average of a task's run bursts (how long it ran each time before it blocked, yielded
 * or was preempted), and the class it implies. The average moves a quarter of the way to each new burst:
 * {@code avg += (burst - avg) / 4}, so about four bursts decide a class and one odd burst does not.
 *
 * <pre>
 *   average burst      class
 *   &lt; 2 ms             INTERACTIVE   (wakes, does a little, sleeps again)
 *   2 ms .. 6 ms       NORMAL
 *   &gt;= 6 ms            BATCH         (runs until the slice ends: the base slice is {@value NiceWeights#BASE_SLICE_NANOS} ns)
 * </pre>
 * Bursts are wall time on the hart, so they include the interpreter's own cost of the kernel work a task does
 * (a few system calls between sleeps take some hundreds of microseconds): the bounds leave room for that.
 */
public final class BurstAverage {
    public static final long INTERACTIVE_BELOW_NANOS = 2_000_000L;
    public static final long BATCH_FROM_NANOS = 6_000_000L;
    /** The average moves by 1/2^SHIFT of the difference. */
    static final int SHIFT = 2;

    private BurstAverage() {}

    /** The average after one more burst. A new task starts at {@link #INTERACTIVE_BELOW_NANOS} (normal). */
    public static long next(long average, long burstNanos) {
        return average + ((burstNanos - average) >> SHIFT);
    }

    /** The class an average implies. */
    public static TaskClass classify(long average) {
        if (average < INTERACTIVE_BELOW_NANOS) return TaskClass.INTERACTIVE;
        return average < BATCH_FROM_NANOS ? TaskClass.NORMAL : TaskClass.BATCH;
    }
}
