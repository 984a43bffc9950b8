package org.exoos.microkernel.sched;

import jdk.internal.vm.Continuation;
import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.trap.HartSeat;

import java.util.concurrent.locks.LockSupport;

/**
 * One hart of the machine: a platform thread with its {@link Hart}, execution engine and run queue, looping
 * pick-next, run the task's continuation until it gives the hart back, file the task by why it did.
 * An idle hart parks; an enqueue for it unparks it (the inter-processor interrupt).
 */
final class HartRunner extends HartSeat {
    /** The thread of a hart: how code on it finds its runner. */
    static final class Carrier extends Thread {
        final HartRunner runner;

        Carrier(HartRunner runner) {
            super(null, runner::loop, "exo-hart-" + runner.id, 0);
            this.runner = runner;
            setDaemon(true);
        }
    }

    final int id;
    final Hart hart;
    private final ExecutionEngine engine;
    private final HartScheduler scheduler;
    private final FrameAllocator frames;
    final RunQueue queue = new RunQueue();
    final Carrier thread;
    /** Where a steal puts the tasks it takes (only this hart's thread uses it). */
    final SchedTask[] stolen = new SchedTask[64];

    /** The task whose continuation is mounted here; null when idle. */
    volatile SchedTask current;
    /** Set by the tick (slice over) or by a wake-up of an interactive task; read at each budget boundary. */
    volatile boolean preemptDue;
    /** True while parked for want of work. */
    volatile boolean idle;
    volatile long sliceStart, sliceNanos;
    /** Continuations mounted here so far. */
    volatile long switches;

    HartRunner(int id, Hart hart, ExecutionEngine engine, HartScheduler scheduler, FrameAllocator frames) {
        this.id = id;
        this.hart = hart;
        this.engine = engine;
        this.scheduler = scheduler;
        this.frames = frames;
        this.thread = new Carrier(this);
    }

    @Override
    public Hart hart() { return hart; }

    @Override
    public ExecutionEngine engine() { return engine; }

    /** The hart the task was last mounted on: read from the task, not from the calling thread (see {@link Task#schedulerState()}). */
    @Override
    public HartSeat current(Task task) { return ((SchedTask) task.schedulerState()).runner; }

    @Override
    public boolean preemptionDue() { return preemptDue; }

    @Override
    public void preempted(Task task) {
        SchedTask t = (SchedTask) task.schedulerState();
        t.yieldReason = SchedTask.YIELD_PREEMPTED;
        t.preemptions++;
        Continuation.yield(SchedTask.SCOPE);
    }

    /** The runner of the calling hart thread; null off the harts. */
    static HartRunner currentRunner() {
        return Thread.currentThread() instanceof Carrier c ? c.runner : null;
    }

    private void loop() {
        if (frames != null) frames.attachHart(id); // this thread is the hart: its frames take the per-hart cache
        try {
            while (!scheduler.stopping) {
                SchedTask t = queue.pickNext();
                if (t == null) t = scheduler.steal(this);
                if (t == null) {
                    idle();
                } else if (!t.allowedOn(id)) {
                    scheduler.enqueue(t, scheduler.targetFor(t)); // its affinity changed while it waited
                } else {
                    run(t);
                }
            }
        } finally {
            if (frames != null) frames.detachHart();
        }
    }

    private void idle() {
        idle = true;
        if (queue.size() == 0 && !scheduler.stopping) LockSupport.park(this);
        idle = false;
        Thread.interrupted(); // a shutdown's interrupt was for the task that ran here
    }

    private void run(SchedTask t) {
        t.state = SchedTask.RUNNING;
        t.lastHart = id;
        t.picks++;
        preemptDue = false;
        sliceNanos = t.sliceNanos();
        long start = System.nanoTime();
        sliceStart = start;
        current = t;
        t.runner = this;
        t.continuation.run();
        current = null;
        long burst = System.nanoTime() - start;
        switches++;
        if (t.continuation.isDone()) {
            scheduler.ended(t);
            return;
        }
        t.recordBurst(burst);
        if (t.yieldReason == SchedTask.YIELD_PARK) {
            t.state = SchedTask.PARKED;
            if (t.permit) scheduler.wake(t); // woken between its decision to park and now
        } else {
            t.state = SchedTask.QUEUED;
            scheduler.enqueue(t, t.allowedOn(id) ? this : scheduler.targetFor(t));
        }
    }

    @Override
    public String toString() { return "hart " + id; }
}
