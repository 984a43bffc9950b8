package org.exoos.boot.bench.sched;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.microkernel.Personality;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.sched.HartScheduler;
import org.exoos.microkernel.sched.SchedTask;
import org.exoos.microkernel.sched.TaskParking;
import org.exoos.microkernel.task.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A task switch through the scheduler on a machine of one hart: two tasks whose engine makes a system call at
 * once, and whose system call is sched_yield's {@link TaskParking#yieldNow}. Each operation is one switch:
 * the trap into the kernel, the yield of the task's continuation, the requeue, pick-next, and the resume of
 * the other task's continuation back to its trap loop and user mode. The baseline in the same run is the same
 * trap round trip without the yield (one task making null system calls), so the difference is the switch.
 * The measuring thread hands the tasks {@value #OPS} calls and sleeps until they are done.
 * Run by {@link SchedJmh} ({@code make bench-sched}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TaskSwitchBenchmark {
    static final int OPS = 20_000;

    private PhysicalMemory memory;
    private HartScheduler scheduler;
    private final Task[] tasks = new Task[2];
    private final SchedTask[] parked = new SchedTask[2];
    /** Calls left in this invocation; the task that takes the last wakes the measuring thread. */
    private final AtomicLong left = new AtomicLong();
    private volatile boolean yielding;
    private volatile Thread measurer;
    private volatile boolean stopping;

    @Setup(Level.Trial)
    public void setUp() {
        memory = new PhysicalMemory(64 * PhysicalMemory.PAGE_SIZE);
        FrameAllocator frames = new FrameAllocator(memory);
        ExecutionEngine engine = (hart, budget) -> {
            hart.trap(TrapCause.ECALL_FROM_U, 0);
            return ExecutionEngine.TRAPPED;
        };
        Personality personality = new Personality() {
            @Override
            public void syscall(Task t) {
                int me = (int) t.id() - 1;
                long n = left.decrementAndGet();
                if (n == 0) LockSupport.unpark(measurer);
                if (n <= 0 || (!yielding && me == 1)) { // idle between invocations; the baseline runs task 0 alone
                    SchedTask self = TaskParking.of(t);
                    parked[me] = self;
                    while ((left.get() <= 0 || (!yielding && me == 1)) && !stopping) TaskParking.park(self, TaskParking.FOREVER);
                    return;
                }
                if (yielding) TaskParking.yieldNow(t);
            }

            @Override
            public void fault(Task t, long cause, long tval) { t.exit(); }

            @Override
            public void outOfMemory(Task t, long va) { t.exit(); }

            @Override
            public void beyondFile(Task t, long va) { t.exit(); }
        };
        scheduler = new HartScheduler(memory, m -> engine, personality, frames, 1);
        for (int i = 0; i < 2; i++) {
            tasks[i] = new Task(i + 1, AddressSpace.create(frames));
            tasks[i].context().pc = 0x1000;
            scheduler.start(tasks[i]);
        }
    }

    private void runCalls(boolean yield) {
        yielding = yield;
        measurer = Thread.currentThread();
        left.set(OPS);
        for (SchedTask t : parked) if (t != null) TaskParking.unpark(t);
        while (left.get() > 0) LockSupport.parkNanos(100_000L);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void taskSwitch() { runCalls(true); }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void baselineTrapRoundTrip() { runCalls(false); }

    @TearDown(Level.Trial)
    public void tearDown() {
        stopping = true;
        scheduler.shutdown();
        memory.close();
    }
}
