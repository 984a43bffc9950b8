package org.exoos.microkernel.sched;

import org.exoos.microkernel.task.Task;

/**
 * Puts a new task (a forked process's first thread, or a new thread of a process) on a hart and runs it until
 * it exits. The personality calls it from clone; the machine provides it.
 */
public interface TaskStarter {
    /**
     * Starts running the task, whose context is ready; returns at once. {@code creator} is the task whose clone
     * made it (its scheduling parameters are inherited), or null.
     */
    void start(Task task, Task creator);

    /** Starts a task nobody created (the machine's first). */
    default void start(Task task) { start(task, null); }
}
