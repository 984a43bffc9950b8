package org.exoos.microkernel.sched;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
import org.exoos.microkernel.task.Task;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A task as the scheduler holds it: its trap loop as a {@link Continuation} that any hart can run, its
 * state, its burst average and class, nice, policy and affinity, and its place in the wake-up timer.
 *
 * <p>States and who moves them:
 * <pre>
 *   QUEUED  --hart picks it-->  RUNNING  --preempted / sched_yield-->  QUEUED
 *                               RUNNING  --park: yields-->  PARKING  --its hart, after the yield-->  PARKED
 *   PARKED  --unpark or the deadline (one CAS wins)-->  QUEUED
 *   RUNNING --park, but the yield was pinned-->  PINNED (its carrier parks)  --unpark / deadline-->  RUNNING
 * </pre>
 * A wake-up that comes between the park's decision and the hart's PARKED is not lost: the waker sets
 * {@link #permit} first and then tries the CAS; the hart writes PARKED first and then reads the permit.
 */
public final class SchedTask {
    static final ContinuationScope SCOPE = new ContinuationScope("exo-task");

    static final int QUEUED = 0, RUNNING = 1, PARKING = 2, PARKED = 3, PINNED = 4, ENDED = 5;
    /** Why the continuation last returned to its hart. */
    static final int YIELD_PREEMPTED = 0, YIELD_VOLUNTARY = 1, YIELD_PARK = 2;

    private static final AtomicIntegerFieldUpdater<SchedTask> STATE =
            AtomicIntegerFieldUpdater.newUpdater(SchedTask.class, "state");

    final Task task;
    final HartScheduler scheduler;
    final Continuation continuation;
    volatile int state = QUEUED;
    /** Set by an unpark; consumed by the next park. */
    volatile boolean permit;
    int yieldReason;
    /** The carrier parked in a pinned park. */
    volatile Thread pinnedCarrier;
    /** The hart running the task, set before each mount: where its code finds its hart after a switch. */
    volatile HartRunner runner;

    /** The moving average of run bursts (only the hart running the task writes it). */
    long burstAverage = BurstAverage.INTERACTIVE_BELOW_NANOS;
    volatile TaskClass taskClass = TaskClass.NORMAL;
    volatile int nice;
    volatile int policy = SchedPolicy.SCHED_OTHER;
    /** SCHED_RESET_ON_FORK: tasks it starts begin with SCHED_OTHER and nice 0 (a negative nice only). */
    volatile boolean resetOnFork;
    volatile long affinity;
    /** The hart it last ran on (-1: never), where a wake-up sends it first. */
    volatile int lastHart = -1;
    /** How many times it was picked, preempted, and parked: for tests and /proc. */
    volatile long picks, preemptions, parks;

    /** The wake-up timer's deadline and this task's index in its heap (-1 when not armed). */
    long wakeDeadline;
    int timerIndex = -1;

    final CountDownLatch ended = new CountDownLatch(1);

    SchedTask(Task task, Runnable body, long affinity, HartScheduler scheduler) {
        this.task = task;
        this.scheduler = scheduler;
        this.affinity = affinity;
        this.continuation = new Continuation(SCOPE, body) {
            @Override
            protected void onPinned(Pinned reason) {} // yield then returns false: the caller parks its carrier
        };
        if (scheduler != null) task.setSchedulerState(this);
    }

    /** A task of no scheduler in the given class, to fill a {@link RunQueue} (tests, the pick-next benchmark). */
    public static SchedTask unscheduled(Task task, TaskClass taskClass) {
        SchedTask t = new SchedTask(task, () -> {}, 1, null);
        t.taskClass = taskClass;
        return t;
    }

    public Task task() { return task; }

    public TaskClass taskClass() { return taskClass; }

    public int nice() { return nice; }

    public long affinity() { return affinity; }

    public int policy() { return policy; }

    public boolean resetOnFork() { return resetOnFork; }

    public long preemptions() { return preemptions; }

    public long parks() { return parks; }

    public long burstAverageNanos() { return burstAverage; }

    /** Picks the class for a new burst, unless the policy fixes it. */
    void recordBurst(long nanos) {
        burstAverage = BurstAverage.next(burstAverage, nanos);
        taskClass = policy == SchedPolicy.SCHED_OTHER ? BurstAverage.classify(burstAverage) : TaskClass.BATCH;
    }

    long sliceNanos() {
        return policy == SchedPolicy.SCHED_IDLE ? HartScheduler.TICK_NANOS : NiceWeights.sliceNanos(nice);
    }

    boolean allowedOn(int hart) { return (affinity & (1L << hart)) != 0; }

    boolean casState(int from, int to) { return STATE.compareAndSet(this, from, to); }

    @Override
    public String toString() { return "sched " + task + " " + taskClass; }
}
