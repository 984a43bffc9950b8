package org.exoos.microkernel.sched;

import org.exoos.microkernel.task.Task;

/**
 * Puts a new task (a forked process's first thread, or a new thread of a process) on a hart and runs it until
 * it exits. The personality calls it from clone; the machine provides it.
 */
public interface TaskStarter {
    /** Starts running the task, whose context is ready; returns at once. */
    void start(Task task);
}
