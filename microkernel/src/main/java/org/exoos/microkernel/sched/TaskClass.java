package org.exoos.microkernel.sched;

/**
 * The three run-queue classes of the scheduler, in the order pick-next serves them. A task's class follows
 * from the moving average of its run bursts ({@link BurstAverage}): short bursts (it soon blocks again) make
 * it interactive, bursts that use the whole slice make it batch.
 */
public enum TaskClass {
    INTERACTIVE, NORMAL, BATCH;

    static final TaskClass[] VALUES = values();
}
