package org.exoos.libposix.process;

/**
 * What getrusage(2), times(2) and wait4's rusage report of a thread, a process or its reaped children: CPU
 * time in user code and in the kernel (charged by the scheduler's tick, as Linux's tick accounting does) and
 * the page faults the kernel resolved (all minor: nothing here waits for a disk).
 */
public record ResourceUsage(long userNanos, long systemNanos, long minorFaults) {
    public static final ResourceUsage NONE = new ResourceUsage(0, 0, 0);

    public ResourceUsage plus(ResourceUsage o) {
        return new ResourceUsage(userNanos + o.userNanos, systemNanos + o.systemNanos, minorFaults + o.minorFaults);
    }

    /** What one task was charged so far. */
    public static ResourceUsage of(org.exoos.microkernel.task.Task task) {
        return new ResourceUsage(task.userNanos(), task.systemNanos(), task.minorFaults());
    }
}
