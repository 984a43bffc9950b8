package org.exoos.microkernel.task;

import org.exoos.microkernel.mm.AddressSpace;

/**
 * A thread of user execution as the microkernel sees it: a saved {@link UserContext}, the
 * {@link AddressSpace} it runs in, and one slot the personality owns (its process and thread state).
 * The kernel never looks inside that slot.
 */
public final class Task {
    public enum State { RUNNABLE, EXITED }

    private final int id;
    private final UserContext context = new UserContext();
    private volatile AddressSpace addressSpace;
    private volatile Object personalityState;
    /** The scheduler's record of this task (its run queues' entry), or null when no scheduler runs it. */
    private volatile Object schedulerState;
    private volatile State state = State.RUNNABLE;
    /** CPU time charged by the scheduler's tick (Linux's tick accounting): in user code, in the kernel. */
    private volatile long userNanos, systemNanos;
    /** Page faults the kernel resolved for the task (minor faults: nothing here waits for a disk). */
    private volatile long minorFaults;
    /** Set from another thread when the task must come into the kernel soon (a signal was sent to it). */
    private volatile boolean attentionRequested;

    public Task(int id, AddressSpace addressSpace) {
        this.id = id;
        this.addressSpace = addressSpace;
    }

    /** Kernel-wide thread id. */
    public int id() { return id; }

    public UserContext context() { return context; }

    public AddressSpace addressSpace() { return addressSpace; }

    /** Replaces the address space (exec); the caller destroys the old one. */
    public void setAddressSpace(AddressSpace space) { this.addressSpace = space; }

    public Object personalityState() { return personalityState; }

    public void setPersonalityState(Object state) { this.personalityState = state; }

    /**
     * The scheduler's record of the task. Kernel code on a hart finds its scheduling entity through the task it
     * serves, never through the host thread it happens to run on: a task that blocked may resume on another
     * hart's thread, and compiled code may keep an earlier {@code Thread.currentThread()} across that switch.
     */
    public Object schedulerState() { return schedulerState; }

    public void setSchedulerState(Object state) { this.schedulerState = state; }

    /** Charges CPU time to the task: user code when {@code user}, else the kernel. One thread (the tick) calls it. */
    public void charge(long nanos, boolean user) {
        if (user) userNanos += nanos; else systemNanos += nanos;
    }

    public long userNanos() { return userNanos; }

    public long systemNanos() { return systemNanos; }

    /** Counts a page fault resolved for the task (only its own run loop calls it). */
    public void countMinorFault() { minorFaults++; }

    public long minorFaults() { return minorFaults; }

    public State state() { return state; }

    public boolean isAlive() { return state != State.EXITED; }

    /**
     * Asks the hart running this task to stop at its next preemption point and hand the task to
     * {@link org.exoos.microkernel.Personality#interrupted} (a signal arrived while it ran user code).
     */
    public void requestAttention() { attentionRequested = true; }

    /** True (once) when attention was requested since the last call. */
    public boolean takeAttentionRequest() {
        if (!attentionRequested) return false;
        attentionRequested = false;
        return true;
    }

    /** Ends the task: the run loop stops at its next check and never resumes it. */
    public void exit() { state = State.EXITED; }

    @Override
    public String toString() { return "task " + id + " (" + state + ")"; }
}
