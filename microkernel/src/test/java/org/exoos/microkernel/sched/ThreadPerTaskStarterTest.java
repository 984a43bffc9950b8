package org.exoos.microkernel.sched;

import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.microkernel.Personality;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Tasks on threads of their own, with an engine that either makes the exit call at once (a7 = 93 in the
 * task's context) or spins until the task is ended from outside.
 */
class ThreadPerTaskStarterTest {
    private static final long EXIT = 93, SPIN = 1;
    private final PhysicalMemory memory = new PhysicalMemory(64 * PhysicalMemory.PAGE_SIZE);
    private final FrameAllocator frames = new FrameAllocator(memory);
    private final Set<Integer> ended = ConcurrentHashMap.newKeySet();
    private final Set<String> hartThreads = ConcurrentHashMap.newKeySet();
    private final CountDownLatch spinning = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);

    @AfterEach
    void returnRamToTheHost() { memory.close(); }

    private final ExecutionEngine engine = (hart, budget) -> {
        hartThreads.add(Thread.currentThread().getName());
        if (hart.x[17] == SPIN) {
            spinning.countDown();
            hart.instret += budget;
            return ExecutionEngine.BUDGET_EXHAUSTED;
        }
        hart.instret++;
        hart.trap(TrapCause.ECALL_FROM_U, 0);
        return ExecutionEngine.TRAPPED;
    };

    private final Personality personality = new Personality() {
        @Override
        public void syscall(Task t) { if (t.context().syscallNumber() == EXIT) t.exit(); }

        @Override
        public void fault(Task t, long cause, long tval) { t.exit(); }

        @Override
        public void outOfMemory(Task t, long va) { t.exit(); }

        @Override
        public void beyondFile(Task t, long va) { t.exit(); }

        @Override
        public void interrupted(Task t) { interrupted.countDown(); }

        @Override
        public void ended(Task t) { ended.add(t.id()); }
    };

    private Task task(int id, long behaviour) {
        Task t = new Task(id, AddressSpace.create(frames));
        t.context().x[UserContext.A7] = behaviour;
        return t;
    }

    @Test
    void eachStartedTaskRunsOnItsOwnThreadAndTheEndIsReported() throws Exception {
        ThreadPerTaskStarter starter = new ThreadPerTaskStarter(memory, m -> engine, personality);
        starter.start(task(2, EXIT));
        starter.start(task(3, EXIT));
        starter.runHere(task(1, EXIT));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (starter.liveTasks() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
        assertEquals(Set.of(1, 2, 3), ended, "not every task's end was reported");
        assertEquals(0, starter.liveTasks());
        assertTrue(hartThreads.containsAll(Set.of("hart-task-2", "hart-task-3")), "started tasks ran on: " + hartThreads);
        assertEquals(3, starter.retiredInstructions(), "instructions of ended harts not counted");
    }

    @Test
    void aTaskAskedForAttentionIsHandedToThePersonalityBetweenInstructions() throws Exception {
        ThreadPerTaskStarter starter = new ThreadPerTaskStarter(memory, m -> engine, personality);
        Task spinner = task(2, SPIN);
        starter.start(spinner);
        assertTrue(spinning.await(5, TimeUnit.SECONDS));
        spinner.requestAttention();
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the personality never got the task");
        starter.shutdown();
        assertFalse(spinner.isAlive());
    }

    @Test
    void shutdownEndsTasksStillRunningAndWaitsForTheirThreads() throws Exception {
        ThreadPerTaskStarter starter = new ThreadPerTaskStarter(memory, m -> engine, personality);
        starter.start(task(2, SPIN));
        assertTrue(spinning.await(5, TimeUnit.SECONDS));
        starter.shutdown();
        assertEquals(0, starter.liveTasks(), "a task outlived the machine");
        assertTrue(ended.contains(2), "the killed task's end was not reported");
        Task late = task(3, SPIN);
        starter.start(late);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (starter.liveTasks() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
        assertFalse(late.isAlive(), "a task started after shutdown ran");
    }
}
