package org.exoos.microkernel.trap;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.task.Task;

/**
 * The hart a task's trap loop runs on right now, with its execution engine. A scheduler may move the task
 * to another hart whenever it gives its hart up (a preemption, or a blocking call inside the personality),
 * so {@link TrapDispatcher} asks {@link #current(Task)} again after each and reloads the task's context there.
 * A seat also remembers which address space its hart has loaded and which TLB generation of it the hart has
 * seen: that is a fact about the hart, not about the task, and is only touched by the thread running the hart.
 */
public abstract class HartSeat {
    /** The address space whose satp the hart holds, and is attached to for shootdowns; null for none. */
    AddressSpace loadedSpace;
    /** {@link AddressSpace#tlbGeneration()} of {@link #loadedSpace} when the hart last flushed for it. */
    long seenGeneration;

    public abstract Hart hart();

    public abstract ExecutionEngine engine();

    /** The seat the task runs on now (after a yield it may be on another hart). */
    public HartSeat current(Task task) { return this; }

    /** True when the scheduler wants this hart back: checked at every budget boundary. */
    public boolean preemptionDue() { return false; }

    /**
     * The task took the timer interrupt: gives the hart up, with the task's context saved. Returns when the
     * task is picked again, perhaps on another hart: callers reload with {@link #current(Task)}.
     */
    public void preempted(Task task) {}

    /** One hart that never changes and is never preempted: a task alone on its thread (tests, tools). */
    public static HartSeat fixed(Hart hart, ExecutionEngine engine) {
        return new HartSeat() {
            @Override
            public Hart hart() { return hart; }

            @Override
            public ExecutionEngine engine() { return engine; }
        };
    }
}
