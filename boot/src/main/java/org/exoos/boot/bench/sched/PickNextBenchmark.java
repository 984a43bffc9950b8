package org.exoos.boot.bench.sched;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import org.exoos.microkernel.sched.RunQueue;
import org.exoos.microkernel.sched.SchedTask;
import org.exoos.microkernel.sched.TaskClass;
import org.exoos.microkernel.task.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pick-next on one hart's {@link RunQueue}: eight waiting tasks (two interactive, three normal, three batch),
 * and per operation the hart picks the next and puts it back at its tail (as a preempted task goes back),
 * so the anti-starvation counts and all three classes take part. Beside it, the baseline in the same run:
 * the same poll + add on one plain {@link ArrayDeque}, what a single FIFO without classes costs.
 * Run by {@link SchedJmh} ({@code make bench-sched}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PickNextBenchmark {
    private final RunQueue queue = new RunQueue();
    private final ArrayDeque<SchedTask> fifo = new ArrayDeque<>(16);

    @Setup(Level.Trial)
    public void setUp() {
        TaskClass[] classes = {TaskClass.INTERACTIVE, TaskClass.INTERACTIVE, TaskClass.NORMAL, TaskClass.NORMAL,
            TaskClass.NORMAL, TaskClass.BATCH, TaskClass.BATCH, TaskClass.BATCH};
        for (int i = 0; i < classes.length; i++) {
            SchedTask t = SchedTask.unscheduled(new Task(i + 1, null), classes[i]);
            queue.add(t);
            fifo.add(t);
        }
    }

    @Benchmark
    public SchedTask pickNext() {
        SchedTask t = queue.pickNext();
        queue.add(t);
        return t;
    }

    @Benchmark
    public SchedTask baselineFifo() {
        SchedTask t = fifo.pollFirst();
        fifo.addLast(t);
        return t;
    }
}
