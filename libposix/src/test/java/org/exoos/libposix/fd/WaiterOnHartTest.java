package org.exoos.libposix.fd;

import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.microkernel.Personality;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.sched.HartScheduler;
import org.exoos.microkernel.sched.SchedTask;
import org.exoos.microkernel.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A guest thread blocked in {@link Waiter#park} on a hart gives the hart up: on a machine of one hart, task A
 * waits (as a blocking read would) while task B runs, and B's {@link Waiter#wake} brings A back.
 */
class WaiterOnHartTest {
    private final SyscallHarness h = new SyscallHarness();
    private HartScheduler scheduler;

    @AfterEach
    void close() {
        if (scheduler != null) scheduler.shutdown();
        h.close();
    }

    @Test
    void aTaskBlockedInTheWaiterFreesTheOnlyHart() throws Exception {
        Task a = new Task(2, AddressSpace.create(h.frames)), b = new Task(3, AddressSpace.create(h.frames));
        a.context().pc = 0x1000;
        b.context().pc = 0x2000;
        PosixThread threadA = new PosixThread(a, h.process, 2);
        AtomicInteger bRuns = new AtomicInteger();
        AtomicInteger bRunsWhileAWaited = new AtomicInteger(-1);
        CountDownLatch bothEnded = new CountDownLatch(2);
        boolean[] ready = {false};
        boolean[] aWaiting = {false};

        ExecutionEngine engine = (hart, budget) -> {
            if (hart.pc == 0x2000 && bRuns.incrementAndGet() < 20) return ExecutionEngine.BUDGET_EXHAUSTED;
            hart.trap(TrapCause.ECALL_FROM_U, 0);
            return ExecutionEngine.TRAPPED;
        };
        Personality personality = new Personality() {
            @Override
            public void syscall(Task t) {
                if (t == a) {
                    Waiter w = threadA.waiter();
                    w.begin();
                    synchronized (ready) { aWaiting[0] = true; }
                    while (true) {
                        synchronized (ready) { if (ready[0]) break; } // a monitor held across no park: the check
                        w.park(Waiter.FOREVER, false);
                        w.arm();
                    }
                } else {
                    synchronized (ready) {
                        if (aWaiting[0]) bRunsWhileAWaited.set(bRuns.get());
                        ready[0] = true;
                    }
                    threadA.waiter().wake();
                }
                t.exit();
            }

            @Override
            public void fault(Task t, long cause, long tval) { t.exit(); }

            @Override
            public void outOfMemory(Task t, long va) { t.exit(); }

            @Override
            public void beyondFile(Task t, long va) { t.exit(); }

            @Override
            public void ended(Task t) { bothEnded.countDown(); }
        };
        scheduler = new HartScheduler(h.memory, m -> engine, personality, h.frames, 1);
        scheduler.start(a);
        SchedTask as = scheduler.sched(a);
        scheduler.start(b);
        assertTrue(bothEnded.await(10, TimeUnit.SECONDS), "a task did not end: b ran " + bRuns.get() + " times");
        assertTrue(as.parks() >= 1, "a never parked its task");
        assertTrue(bRunsWhileAWaited.get() >= 20, "b did not run while a waited: " + bRunsWhileAWaited.get());
    }
}
