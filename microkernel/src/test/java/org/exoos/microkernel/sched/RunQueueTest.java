package org.exoos.microkernel.sched;

import org.exoos.microkernel.task.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The run queue's classes, its anti-starvation rule, stealing, and the burst classification. */
class RunQueueTest {
    private static SchedTask task(int id, TaskClass c, long affinity) {
        SchedTask t = new SchedTask(new Task(id, null), () -> {}, affinity, null);
        t.taskClass = c;
        return t;
    }

    @Test
    void shortBurstsMakeATaskInteractiveAndFullSlicesMakeItBatch() {
        SchedTask t = task(1, TaskClass.NORMAL, 1);
        for (int i = 0; i < 20; i++) t.recordBurst(50_000); // 50 µs, then it blocks
        assertEquals(TaskClass.INTERACTIVE, t.taskClass(), "average " + t.burstAverageNanos());
        for (int i = 0; i < 20; i++) t.recordBurst(NiceWeights.BASE_SLICE_NANOS); // preempted every time
        assertEquals(TaskClass.BATCH, t.taskClass(), "average " + t.burstAverageNanos());
        for (int i = 0; i < 20; i++) t.recordBurst(4_000_000);
        assertEquals(TaskClass.NORMAL, t.taskClass(), "average " + t.burstAverageNanos());
    }

    @Test
    void oneOddBurstDoesNotChangeAClass() {
        long average = BurstAverage.INTERACTIVE_BELOW_NANOS / 10;
        assertEquals(TaskClass.INTERACTIVE, BurstAverage.classify(BurstAverage.next(average, 3_000_000L)));
    }

    @Test
    void batchPolicyIsBatchWhateverTheBursts() {
        SchedTask t = task(1, TaskClass.NORMAL, 1);
        t.policy = SchedPolicy.SCHED_BATCH;
        t.recordBurst(10_000);
        assertEquals(TaskClass.BATCH, t.taskClass());
    }

    @Test
    void niceWeightsTheSlice() {
        assertEquals(NiceWeights.BASE_SLICE_NANOS, NiceWeights.sliceNanos(0));
        assertTrue(NiceWeights.sliceNanos(-5) > NiceWeights.sliceNanos(0));
        assertTrue(NiceWeights.sliceNanos(5) < NiceWeights.sliceNanos(0));
        assertEquals(HartScheduler.TICK_NANOS, NiceWeights.sliceNanos(19), "never below one tick");
    }

    @Test
    void pickNextServesInteractiveThenNormalThenBatch() {
        RunQueue q = new RunQueue();
        SchedTask b = task(1, TaskClass.BATCH, 1), n = task(2, TaskClass.NORMAL, 1), i = task(3, TaskClass.INTERACTIVE, 1);
        q.add(b);
        q.add(n);
        q.add(i);
        assertSame(i, q.pickNext());
        assertSame(n, q.pickNext());
        assertSame(b, q.pickNext());
        assertNull(q.pickNext());
        assertEquals(0, q.size());
    }

    @Test
    void aWaitingBatchTaskRunsWithinNinePicksUnderAStreamOfInteractiveOnes() {
        RunQueue q = new RunQueue();
        SchedTask batch = task(1, TaskClass.BATCH, 1);
        q.add(batch);
        List<Integer> order = new ArrayList<>();
        for (int pick = 0; pick < 20; pick++) {
            q.add(task(100 + pick, TaskClass.INTERACTIVE, 1)); // another interactive wake-up before every pick
            SchedTask t = q.pickNext();
            order.add(t.task().id());
            if (t == batch) break;
        }
        assertEquals(1, order.getLast(), "batch task never picked: " + order);
        assertEquals(RunQueue.BATCH_SKIP_LIMIT + 1, order.size(), "picks until the batch task ran: " + order);
    }

    @Test
    void aWaitingNormalTaskRunsWithinFivePicks() {
        RunQueue q = new RunQueue();
        SchedTask normal = task(1, TaskClass.NORMAL, 1);
        q.add(normal);
        int picks = 0;
        SchedTask t;
        do {
            q.add(task(100 + picks, TaskClass.INTERACTIVE, 1));
            t = q.pickNext();
            picks++;
        } while (t != normal && picks < 20);
        assertEquals(RunQueue.NORMAL_SKIP_LIMIT + 1, picks);
    }

    @Test
    void stealTakesHalfRoundedUpColdestFirstAndOnlyWhatTheThiefMayRun() {
        RunQueue q = new RunQueue();
        SchedTask i1 = task(1, TaskClass.INTERACTIVE, 0b11), b1 = task(2, TaskClass.BATCH, 0b11),
                pinned = task(3, TaskClass.BATCH, 0b01), n1 = task(4, TaskClass.NORMAL, 0b11), n2 = task(5, TaskClass.NORMAL, 0b11);
        for (SchedTask t : List.of(i1, b1, pinned, n1, n2)) q.add(t);
        SchedTask[] into = new SchedTask[8];
        int n = q.stealHalf(1, into);
        assertEquals(3, n, "half of 5, rounded up");
        assertSame(b1, into[0], "batch first (the pinned one is not hart 1's to take)");
        assertSame(n2, into[1], "then normal, from the tail");
        assertSame(n1, into[2]);
        assertEquals(2, q.size());
        assertSame(i1, q.pickNext());
        assertSame(pinned, q.pickNext());
    }
}
