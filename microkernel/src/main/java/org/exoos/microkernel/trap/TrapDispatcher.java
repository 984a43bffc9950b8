package org.exoos.microkernel.trap;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.hal.mmu.AccessType;
import org.exoos.microkernel.Personality;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FaultOutcome;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run loop of a task: puts the task's context on the hart under it, lets the execution engine run it,
 * and handles what comes back. System calls go to the personality, page faults to the address space, other
 * exceptions to the personality again. At each budget boundary the loop looks for three things: a
 * preemption the scheduler asked for (taken as a supervisor timer interrupt through the trap path), an
 * attention request (a signal), and a TLB flush asked for by another hart. A preemption asked for while the
 * task was in the kernel is taken on its way back to user mode.
 *
 * <p>The task may leave its hart whenever it gives it up (the timer interrupt, or a blocking call inside the
 * personality) and come back on another one, so after each the loop asks its {@link HartSeat} for the
 * current hart and loads the task's context there again.
 */
public final class TrapDispatcher {
    private static final Logger log = LoggerFactory.getLogger(TrapDispatcher.class);
    /**
     * Instructions per engine call: long enough to amortise the call (a boundary costs a few volatile reads),
     * short enough that a preemption or a signal is taken within well under a millisecond. The system property
     * {@code exo.trap.budget} overrides it, to measure what the boundaries cost.
     */
    public static final long BUDGET = Long.getLong("exo.trap.budget", 1L << 16);

    private final Personality personality;
    private final ExecutionEngine fixedEngine;

    /** A dispatcher for tasks whose seats bring their own engines ({@link #run(HartSeat, Task)}). */
    public TrapDispatcher(Personality personality) {
        this(null, personality);
    }

    /** A dispatcher that runs a task on one given hart with this engine ({@link #run(Hart, Task)}). */
    public TrapDispatcher(ExecutionEngine engine, Personality personality) {
        this.fixedEngine = engine;
        this.personality = personality;
    }

    /** Runs the task on this hart alone, never preempted, until the task exits. */
    public void run(Hart hart, Task task) {
        run(HartSeat.fixed(hart, fixedEngine), task);
    }

    /** Runs the task from the seat until it exits, then tells the personality it has ended. */
    public void run(HartSeat seat, Task task) {
        try {
            seat = loop(seat, task);
        } finally {
            task.exit();
            seat = seat.current(task);
            if (seat.loadedSpace != null) {
                seat.loadedSpace.detach(seat.hart());
                seat.loadedSpace = null; // the next task on this hart loads its space afresh
            }
            personality.ended(task);
        }
    }

    private HartSeat loop(HartSeat seat, Task task) {
        resume(seat, task);
        // The last page fault resolved here; the same one again at once, with the space unchanged meanwhile,
        // means no progress was possible. (Another thread may unmap and remap the page in between: not a repeat.)
        long resolvedPc = -1, resolvedVa = -1, resolvedGeneration = -1;
        while (task.isAlive()) {
            Hart hart = seat.hart();
            if (seat.engine().run(hart, BUDGET) == ExecutionEngine.BUDGET_EXHAUSTED) {
                if (seat.preemptionDue()) {
                    hart.interrupt(TrapCause.SUPERVISOR_TIMER_INTERRUPT); // taken below, as a trap
                } else {
                    if (task.takeAttentionRequest()) {
                        UserContext ctx = task.context();
                        ctx.saveFrom(hart);
                        ctx.pc = hart.pc; // no trap: the task stopped before the instruction at pc
                        personality.interrupted(task);
                        seat = seat.current(task);
                        if (task.isAlive()) resume(seat, task);
                    } else {
                        flushIfStale(seat, hart);
                    }
                    continue;
                }
            }
            UserContext ctx = task.context();
            ctx.saveFrom(hart);
            long cause = hart.scause, tval = hart.stval;
            if (isPageFault(cause)) {
                AddressSpace space = task.addressSpace();
                // Read before the fault is handled: a change another thread makes after it (an unmap) must
                // count as a change, or the next fault on this page would look like no progress.
                long generation = space.tlbGeneration();
                boolean repeated = ctx.pc == resolvedPc && tval == resolvedVa && generation == resolvedGeneration;
                FaultOutcome outcome = space.handleFault(tval, accessOf(cause));
                resolvedPc = -1;
                switch (outcome) {
                    case RESOLVED -> {
                        task.countMinorFault();
                        if (!repeated) {
                            resolvedPc = ctx.pc;
                            resolvedVa = tval;
                            resolvedGeneration = generation;
                        } else {
                            log.error("{}: page fault at va 0x{} (pc 0x{}) repeats after being resolved",
                                    task, Long.toHexString(tval), Long.toHexString(ctx.pc));
                            personality.fault(task, cause, tval);
                        }
                    }
                    case OUT_OF_MEMORY -> personality.outOfMemory(task, tval);
                    case BEYOND_FILE -> personality.beyondFile(task, tval);
                    default -> personality.fault(task, cause, tval);
                }
            } else {
                resolvedPc = -1;
                if (cause == TrapCause.ECALL_FROM_U) {
                    ctx.pc += 4; // resume after the ecall unless the personality redirects the task
                    personality.syscall(task);
                } else if (cause >= 0) {
                    personality.fault(task, cause, tval);
                } else if (cause == (TrapCause.INTERRUPT | TrapCause.SUPERVISOR_TIMER_INTERRUPT)) {
                    seat.preempted(task); // the slice is over: back when the scheduler picks the task again
                    seat = seat.current(task);
                    if (task.takeAttentionRequest()) personality.interrupted(task);
                }
                // Other interrupts need nothing: the task continues where it was.
            }
            seat = seat.current(task); // a blocking call may have moved the task to another hart
            if (task.isAlive() && seat.preemptionDue()) {
                // The timer interrupt that came while the kernel ran is taken on the way back to user mode, as
                // sret would take a pending one: a task that traps often never reaches a budget boundary.
                seat.preempted(task);
                seat = seat.current(task);
            }
            if (task.isAlive()) resume(seat, task);
        }
        return seat;
    }

    /** Loads the task onto the seat's hart and drops to user mode at its pc. */
    private static void resume(HartSeat seat, Task task) {
        Hart hart = seat.hart();
        AddressSpace space = task.addressSpace();
        if (seat.loadedSpace != space || hart.satp() != space.satp()) {
            if (seat.loadedSpace != null && seat.loadedSpace != space) seat.loadedSpace.detach(hart);
            space.attach(hart);
            seat.loadedSpace = space;
            seat.seenGeneration = space.tlbGeneration();
            hart.setSatp(space.satp()); // flushes the TLBs
        } else {
            flushIfStale(seat, hart);
        }
        UserContext ctx = task.context();
        ctx.restoreTo(hart);
        hart.returnToUser(ctx.pc);
    }

    /**
     * Flushes the hart's TLBs when its space asked for a flush since the hart last looked: another hart
     * (a thread, a fork) narrowed a mapping this hart may have cached, possibly while this hart was filling.
     */
    private static void flushIfStale(HartSeat seat, Hart hart) {
        AddressSpace space = seat.loadedSpace;
        if (space == null) return;
        long generation = space.tlbGeneration();
        if (generation != seat.seenGeneration) {
            seat.seenGeneration = generation;
            hart.flushTlbs();
        }
    }

    private static boolean isPageFault(long cause) {
        return cause == TrapCause.INSTRUCTION_PAGE_FAULT || cause == TrapCause.LOAD_PAGE_FAULT
                || cause == TrapCause.STORE_PAGE_FAULT;
    }

    private static int accessOf(long cause) {
        return cause == TrapCause.INSTRUCTION_PAGE_FAULT ? AccessType.FETCH
                : cause == TrapCause.LOAD_PAGE_FAULT ? AccessType.LOAD : AccessType.STORE;
    }
}
