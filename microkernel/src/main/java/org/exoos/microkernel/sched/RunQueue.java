package org.exoos.microkernel.sched;

import java.util.ArrayDeque;

/**
 * One hart's run queue: a FIFO per {@link TaskClass}. Pick-next serves interactive first, then normal, then
 * batch, with one rule against starvation: every time a class is passed over while it has tasks waiting, its
 * skip count grows, and once it reaches {@link #NORMAL_SKIP_LIMIT} (normal) or {@link #BATCH_SKIP_LIMIT}
 * (batch) that class is served next and its count starts again. So under a stream of interactive wake-ups a
 * normal task still runs at least once in every 5 picks and a batch task once in every 9 (and a batch task
 * waits behind normal ones for at most 8 picks).
 *
 * <p>All methods lock the queue; a thief takes from another hart's queue under that queue's lock only, and
 * never holds two. Public for the pick-next benchmark (boot's bench/sched).
 */
public final class RunQueue {
    static final int NORMAL_SKIP_LIMIT = 4, BATCH_SKIP_LIMIT = 8;

    private final ArrayDeque<SchedTask>[] classes;
    private final int[] skips = new int[3];
    /** Tasks waiting, for thieves and the tick to read without the lock. */
    private volatile int size;

    @SuppressWarnings("unchecked")
    public RunQueue() {
        classes = new ArrayDeque[TaskClass.VALUES.length];
        for (int i = 0; i < classes.length; i++) classes[i] = new ArrayDeque<>(16);
    }

    public int size() { return size; }

    public synchronized void add(SchedTask t) {
        classes[t.taskClass.ordinal()].addLast(t);
        size++;
    }

    /** The next task to run, or null. */
    public synchronized SchedTask pickNext() {
        if (size == 0) return null;
        int batch = TaskClass.BATCH.ordinal(), normal = TaskClass.NORMAL.ordinal();
        int chosen;
        if (!classes[batch].isEmpty() && skips[batch] >= BATCH_SKIP_LIMIT) {
            chosen = batch;
        } else if (!classes[normal].isEmpty() && skips[normal] >= NORMAL_SKIP_LIMIT) {
            chosen = normal;
        } else {
            chosen = 0;
            while (classes[chosen].isEmpty()) chosen++;
        }
        for (int c = chosen + 1; c < classes.length; c++) if (!classes[c].isEmpty()) skips[c]++;
        skips[chosen] = 0;
        size--;
        return classes[chosen].pollFirst();
    }

    /**
     * Moves up to half of the waiting tasks (rounded up) that may run on {@code hart} into {@code into},
     * coldest first: batch before normal before interactive, each from its tail. Returns how many.
     */
    synchronized int stealHalf(int hart, SchedTask[] into) {
        int want = Math.min(into.length, (size + 1) / 2), taken = 0;
        for (int c = classes.length - 1; c >= 0 && taken < want; c--) {
            var it = classes[c].descendingIterator();
            while (it.hasNext() && taken < want) {
                SchedTask t = it.next();
                if (t.allowedOn(hart)) {
                    it.remove();
                    into[taken++] = t;
                }
            }
        }
        size -= taken;
        return taken;
    }

    /** Removes a task that must not run here (its affinity changed); false when it is not queued here. */
    synchronized boolean remove(SchedTask t) {
        if (!classes[t.taskClass.ordinal()].remove(t)) {
            boolean found = false;
            for (ArrayDeque<SchedTask> q : classes) found |= q.remove(t);
            if (!found) return false;
        }
        size--;
        return true;
    }

    /** Tasks waiting in one class. */
    synchronized int size(TaskClass c) { return classes[c.ordinal()].size(); }
}
