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
 * The run loop of one hart: puts a task's context on the hart, lets the execution engine run it, and
 * handles what comes back. System calls go to the personality, page faults to the address space, other
 * exceptions to the personality again. A budget run-out is where a scheduler will preempt; today the
 * task simply continues.
 */
public final class TrapDispatcher {
    private static final Logger log = LoggerFactory.getLogger(TrapDispatcher.class);
    /** Instructions per engine call: long enough to amortise the call, short enough to preempt promptly. */
    public static final long BUDGET = 1L << 22;

    private final ExecutionEngine engine;
    private final Personality personality;

    public TrapDispatcher(ExecutionEngine engine, Personality personality) {
        this.engine = engine;
        this.personality = personality;
    }

    /** Runs the task on the hart until the task exits, then tells the personality it has ended. */
    public void run(Hart hart, Task task) {
        try {
            loop(hart, task);
        } finally {
            task.exit();
            AddressSpace space = task.addressSpace();
            if (space != null) space.detach(hart);
            personality.ended(task);
        }
    }

    private void loop(Hart hart, Task task) {
        long[] seenGeneration = {0};
        resume(hart, task, seenGeneration);
        // The last page fault resolved here; the same one again at once means no progress was possible.
        long resolvedPc = -1, resolvedVa = -1;
        while (task.isAlive()) {
            if (engine.run(hart, BUDGET) == ExecutionEngine.BUDGET_EXHAUSTED) {
                // Preemption point: a scheduler would pick the next task here.
                if (task.takeAttentionRequest()) {
                    UserContext ctx = task.context();
                    ctx.saveFrom(hart);
                    ctx.pc = hart.pc; // no trap: the task stopped before the instruction at pc
                    personality.interrupted(task);
                    if (task.isAlive()) resume(hart, task, seenGeneration);
                } else {
                    flushIfStale(hart, task.addressSpace(), seenGeneration);
                }
                continue;
            }
            UserContext ctx = task.context();
            ctx.saveFrom(hart);
            long cause = hart.scause, tval = hart.stval;
            if (isPageFault(cause)) {
                FaultOutcome outcome = task.addressSpace().handleFault(tval, accessOf(cause));
                boolean repeated = ctx.pc == resolvedPc && tval == resolvedVa;
                resolvedPc = -1;
                switch (outcome) {
                    case RESOLVED -> {
                        if (!repeated) {
                            resolvedPc = ctx.pc;
                            resolvedVa = tval;
                        } else {
                            log.error("{}: page fault at va 0x{} (pc 0x{}) repeats after being resolved",
                                    task, Long.toHexString(tval), Long.toHexString(ctx.pc));
                            personality.fault(task, cause, tval);
                        }
                    }
                    case OUT_OF_MEMORY -> personality.outOfMemory(task, tval);
                    default -> personality.fault(task, cause, tval);
                }
            } else {
                resolvedPc = -1;
                if (cause == TrapCause.ECALL_FROM_U) {
                    ctx.pc += 4; // resume after the ecall unless the personality redirects the task
                    personality.syscall(task);
                } else if (cause >= 0) {
                    personality.fault(task, cause, tval);
                }
                // An interrupt (cause < 0) needs nothing yet: the task continues where it was.
            }
            if (task.isAlive()) resume(hart, task, seenGeneration);
        }
    }

    /** Loads the task onto the hart and drops to user mode at its pc. */
    private static void resume(Hart hart, Task task, long[] seenGeneration) {
        AddressSpace space = task.addressSpace();
        if (hart.satp() != space.satp()) {
            space.attach(hart);
            seenGeneration[0] = space.tlbGeneration();
            hart.setSatp(space.satp()); // flushes the TLBs
        } else {
            flushIfStale(hart, space, seenGeneration);
        }
        UserContext ctx = task.context();
        ctx.restoreTo(hart);
        hart.returnToUser(ctx.pc);
    }

    /**
     * Flushes the hart's TLBs when the space asked for a flush since the hart last looked: another hart
     * (a thread, a fork) narrowed a mapping this hart may have cached, possibly while this hart was filling.
     */
    private static void flushIfStale(Hart hart, AddressSpace space, long[] seenGeneration) {
        long generation = space.tlbGeneration();
        if (generation != seenGeneration[0]) {
            seenGeneration[0] = generation;
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
