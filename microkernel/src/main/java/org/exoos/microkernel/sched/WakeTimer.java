package org.exoos.microkernel.sched;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Wakes parked tasks at their deadlines: a binary min-heap of tasks by {@link SchedTask#wakeDeadline}
 * (the task is its own heap entry, so arming allocates nothing) and one thread sleeping until the earliest.
 * Arming a deadline earlier than the current head wakes the thread to sleep less.
 */
final class WakeTimer implements AutoCloseable {
    private SchedTask[] heap = new SchedTask[64];
    private int count;
    private final Consumer<SchedTask> expire;
    private final Thread thread;
    private volatile boolean closed;

    WakeTimer(Consumer<SchedTask> expire) {
        this.expire = expire;
        this.thread = Thread.ofPlatform().name("exo-wake-timer").daemon(true).unstarted(this::run);
        thread.start();
    }

    /** Arms (or re-arms) the task's wake-up at the deadline ({@link System#nanoTime()} scale). */
    void arm(SchedTask t, long deadline) {
        boolean earliest;
        synchronized (this) {
            if (t.timerIndex >= 0) removeAt(t.timerIndex);
            t.wakeDeadline = deadline;
            if (count == heap.length) heap = java.util.Arrays.copyOf(heap, count * 2);
            heap[count] = t;
            t.timerIndex = count;
            siftUp(count++);
            earliest = heap[0] == t;
        }
        if (earliest) LockSupport.unpark(thread);
    }

    /** Disarms the task's wake-up, if armed. */
    synchronized void cancel(SchedTask t) {
        if (t.timerIndex >= 0) removeAt(t.timerIndex);
    }

    synchronized int armed() { return count; }

    private void run() {
        while (!closed) {
            SchedTask due = null;
            long sleep;
            synchronized (this) {
                if (count == 0) {
                    sleep = Long.MAX_VALUE;
                } else {
                    sleep = heap[0].wakeDeadline - System.nanoTime();
                    if (sleep <= 0) {
                        due = heap[0];
                        removeAt(0);
                    }
                }
            }
            if (due != null) {
                expire.accept(due);
            } else if (sleep == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, sleep);
            }
        }
    }

    private void removeAt(int i) {
        SchedTask gone = heap[i];
        gone.timerIndex = -1;
        SchedTask last = heap[--count];
        heap[count] = null;
        if (i == count) return;
        heap[i] = last;
        last.timerIndex = i;
        siftDown(i);
        if (heap[i] == last) siftUp(i);
    }

    private void siftUp(int i) {
        SchedTask t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            SchedTask p = heap[parent];
            if (p.wakeDeadline - t.wakeDeadline <= 0) break;
            heap[i] = p;
            p.timerIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.timerIndex = i;
    }

    private void siftDown(int i) {
        SchedTask t = heap[i];
        int half = count >>> 1;
        while (i < half) {
            int child = 2 * i + 1, right = child + 1;
            if (right < count && heap[right].wakeDeadline - heap[child].wakeDeadline < 0) child = right;
            SchedTask c = heap[child];
            if (t.wakeDeadline - c.wakeDeadline <= 0) break;
            heap[i] = c;
            c.timerIndex = i;
            i = child;
        }
        heap[i] = t;
        t.timerIndex = i;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
