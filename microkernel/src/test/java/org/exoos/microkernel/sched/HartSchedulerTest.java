package org.exoos.microkernel.sched;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.microkernel.Personality;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The scheduler with scripted guests: each task's pc names it (task i starts at (i + 1) << 12), and the
 * engine does what that task's behaviour says: spin (burn about 100 µs, then the budget runs out) or make a
 * system call, which the personality below turns into parks and wake-ups.
 */
class HartSchedulerTest {
    static final long SPIN_NANOS = 100_000;
    static final int EXIT = 93, PARK = 1, SLEEP = 2;

    private final PhysicalMemory memory = new PhysicalMemory(256 * PhysicalMemory.PAGE_SIZE);
    private final FrameAllocator frames = new FrameAllocator(memory);
    private final List<ToIntFunction<Hart>> behaviours = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLongArray spins = new AtomicLongArray(16);
    private final ConcurrentHashMap<Integer, SchedTask> parked = new ConcurrentHashMap<>();
    private final List<Long> wakeLatencies = Collections.synchronizedList(new ArrayList<>());
    private HartScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) scheduler.shutdown();
        memory.close();
    }

    private final ExecutionEngine engine = (h, budget) -> behaviours.get((int) (h.pc >>> 12) - 1).applyAsInt(h);

    private final Personality personality = new Personality() {
        @Override
        public void syscall(Task t) {
            long n = t.context().syscallNumber();
            if (n == EXIT) {
                t.exit();
            } else if (n == PARK) {
                SchedTask self = TaskParking.of(t);
                parked.put(t.id(), self);
                while (parked.containsKey(t.id()) && t.isAlive()) TaskParking.park(self, TaskParking.FOREVER);
            } else if (n == SLEEP) {
                long deadline = System.nanoTime() + 1_000_000L;
                SchedTask self = TaskParking.of(t);
                while (System.nanoTime() - deadline < 0) TaskParking.park(self, deadline);
                wakeLatencies.add(System.nanoTime() - deadline);
            }
        }

        @Override
        public void fault(Task t, long cause, long tval) { t.exit(); }

        @Override
        public void outOfMemory(Task t, long va) { t.exit(); }

        @Override
        public void beyondFile(Task t, long va) { t.exit(); }
    };

    private void machine(int cpus) { scheduler = new HartScheduler(memory, m -> engine, personality, frames, cpus); }

    /** A task whose engine calls run the behaviour. */
    private Task task(ToIntFunction<Hart> behaviour) {
        int index;
        synchronized (behaviours) {
            behaviours.add(behaviour);
            index = behaviours.size();
        }
        Task t = new Task(index, AddressSpace.create(frames));
        t.context().pc = (long) index << 12;
        return t;
    }

    private ToIntFunction<Hart> spinner(int index) {
        return h -> {
            long end = System.nanoTime() + SPIN_NANOS;
            while (System.nanoTime() - end < 0) Thread.onSpinWait();
            spins.incrementAndGet(index);
            return ExecutionEngine.BUDGET_EXHAUSTED;
        };
    }

    private static int ecall(Hart h, long number) {
        h.x[17] = number;
        h.trap(TrapCause.ECALL_FROM_U, 0);
        return ExecutionEngine.TRAPPED;
    }

    private void awaitEnd(Task t) throws InterruptedException {
        SchedTask s = scheduler.sched(t);
        if (s != null) assertTrue(s.ended.await(10, TimeUnit.SECONDS), t + " did not end");
    }

    @Test
    void aParkedTaskFreesItsHartForAnother() throws Exception {
        machine(1);
        Task a = task(h -> ecall(h, spins.getAndIncrement(0) == 0 ? PARK : EXIT)); // parks once, then exits
        Task b = task(h -> {
            if (spins.incrementAndGet(1) < 10 || !parked.containsKey(1)) return ExecutionEngine.BUDGET_EXHAUSTED;
            TaskParking.unpark(parked.remove(1)); // from another task on the only hart: a parks, b runs
            return ecall(h, EXIT);
        });
        SchedTask as = null;
        scheduler.start(a);
        as = scheduler.sched(a);
        scheduler.start(b);
        awaitEnd(b);
        awaitEnd(a);
        assertTrue(spins.get(1) >= 10, "b ran " + spins.get(1) + " times");
        assertTrue(as.parks() >= 1, "a never parked");
    }

    @Test
    void twoSpinnersOnOneHartBothProgressByPreemption() throws Exception {
        machine(1);
        Task a = task(spinner(1)), b = task(spinner(2));
        scheduler.start(a);
        scheduler.start(b);
        SchedTask as = scheduler.sched(a), bs = scheduler.sched(b);
        long until = System.nanoTime() + 3_000_000_000L;
        // The burst average moves a quarter of the way per burst: a few full slices make a spinner batch.
        while ((spins.get(1) < 50 || spins.get(2) < 50 || as.preemptions() < 2 || bs.preemptions() < 2
                || as.taskClass() != TaskClass.BATCH) && System.nanoTime() - until < 0) {
            Thread.sleep(5);
        }
        assertTrue(spins.get(1) >= 50 && spins.get(2) >= 50, "spins: " + spins);
        assertTrue(as.preemptions() >= 2 && bs.preemptions() >= 2, "preemptions " + as.preemptions() + ", " + bs.preemptions());
        assertEquals(TaskClass.BATCH, as.taskClass(), "a spinner's class");
        a.exit();
        b.exit();
        awaitEnd(a);
        awaitEnd(b);
    }

    @Test
    void aSleeperBesideASpinnerIsInteractiveAndItsWakeUpsPreemptTheSpinner() throws Exception {
        machine(1);
        Task spin = task(spinner(1));
        Task sleeper = task(h -> ecall(h, SLEEP));
        scheduler.start(spin);
        scheduler.start(sleeper);
        SchedTask ss = scheduler.sched(sleeper);
        long until = System.nanoTime() + 2_000_000_000L;
        while (wakeLatencies.size() < 60 && System.nanoTime() - until < 0) Thread.sleep(5);
        assertTrue(wakeLatencies.size() >= 20, "the sleeper woke only " + wakeLatencies.size() + " times");
        assertEquals(TaskClass.INTERACTIVE, ss.taskClass(), "the sleeper's class");
        // Its wake-ups preempt the spinner (not only the tick does): about one preemption per wake-up.
        SchedTask spinning = scheduler.sched(spin);
        int wakes = wakeLatencies.size();
        List<Long> sorted = new ArrayList<>(wakeLatencies);
        Collections.sort(sorted);
        assertTrue(spinning.preemptions() >= wakes / 2, "the spinner was preempted " + spinning.preemptions()
                + " times for " + wakes + " wake-ups (median wake-up latency " + sorted.get(wakes / 2) + " ns)");
        spin.exit();
        sleeper.exit();
        awaitEnd(spin);
        awaitEnd(sleeper);
    }

    @Test
    void affinityKeepsATaskOnItsHartAndIdleHartsStealTheRest() throws Exception {
        machine(2);
        List<Task> tasks = new ArrayList<>();
        for (int i = 1; i <= 4; i++) tasks.add(task(spinner(i)));
        for (Task t : tasks) scheduler.start(t);
        SchedTask pinned = scheduler.sched(tasks.getFirst());
        assertTrue(scheduler.setAffinity(pinned, 0b10));
        assertFalse(scheduler.setAffinity(pinned, 0b100), "a mask of no usable hart");
        assertEquals(0b10, pinned.affinity());
        long until = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() - until < 0) {
            boolean all = true;
            for (int i = 1; i <= 4; i++) all &= spins.get(i) >= 20;
            if (all) break;
            Thread.sleep(5);
        }
        for (int i = 1; i <= 4; i++) assertTrue(spins.get(i) >= 20, "task " + i + " spun " + spins.get(i));
        Thread.sleep(50); // it is past any slice it began before the change
        for (int round = 0; round < 20; round++) {
            assertEquals(1, pinned.lastHart, "the pinned task ran elsewhere");
            Thread.sleep(2);
        }
        for (Task t : tasks) t.exit();
        for (Task t : tasks) awaitEnd(t);
        assertEquals(0, scheduler.liveTasks());
    }

    @Test
    void shutdownEndsParkedTasksAndTheEndedHookRuns() throws Exception {
        machine(1);
        Task a = task(h -> ecall(h, PARK));
        scheduler.start(a);
        SchedTask as = scheduler.sched(a);
        long until = System.nanoTime() + 2_000_000_000L;
        while (!parked.containsKey(1) && System.nanoTime() - until < 0) Thread.sleep(2);
        scheduler.shutdown();
        assertEquals(0, as.ended.getCount(), "the parked task did not end");
        assertFalse(a.isAlive());
        scheduler = null;
    }
}
