package org.exoos.microkernel;

import org.exoos.microkernel.task.Task;

/**
 * The system-call personality a task runs under (libposix's Linux personality, for one). The microkernel
 * hands it what it cannot decide itself: a system call, and a trap it could not resolve. Both are called
 * with the task's registers saved in its {@link org.exoos.microkernel.task.UserContext}; what the
 * personality leaves there is what the task resumes with.
 */
public interface Personality {
    /**
     * An ecall from user mode. The context's pc already points past the ecall; the personality writes the
     * result register, may change anything else, and may end the task.
     */
    void syscall(Task task);

    /**
     * A synchronous exception the kernel did not resolve (illegal instruction, misaligned access, a page
     * fault outside the task's mappings or against their protection, breakpoint ...). The context's pc is the
     * faulting instruction. The personality either ends the task or redirects it (a signal handler, later).
     */
    void fault(Task task, long cause, long tval);

    /** A legal access at va could not be backed because physical memory ran out. */
    void outOfMemory(Task task, long va);

    /**
     * An access at va, inside a file mapping, to a page wholly past the file's end (Linux: SIGBUS, BUS_ADRERR).
     * The context's pc is the faulting instruction.
     */
    void beyondFile(Task task, long va);

    /**
     * The task was stopped between two instructions because {@link Task#requestAttention()} was called; its
     * registers are saved in its context, pc at the next instruction. The personality may redirect it.
     */
    default void interrupted(Task task) {}

    /** The task's run loop has ended: no hart runs it any more, and it will never run again. */
    default void ended(Task task) {}
}
