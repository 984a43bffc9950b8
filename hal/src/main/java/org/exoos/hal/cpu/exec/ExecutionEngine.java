package org.exoos.hal.cpu.exec;

import org.exoos.hal.cpu.Hart;

/**
 * Runs a hart's guest instructions until the hart traps to the supervisor or a budget runs out.
 *
 * <p>This is the seam between the machine and how it executes: the {@link Interpreter} today, a
 * block-translating engine (bytecode generation) later. Engines own no architectural state; everything
 * lives in the {@link Hart}, so engines can be swapped between two calls.
 */
public interface ExecutionEngine {
    /** The hart trapped: sepc/scause/stval describe why and the hart is in S-mode. */
    int TRAPPED = 1;
    /** The instruction budget ran out; the hart is still in its previous mode at a clean instruction boundary. */
    int BUDGET_EXHAUSTED = 2;

    /**
     * Executes up to {@code budget} instructions on the hart from its pc.
     * Adds the number of retired instructions to {@code hart.instret}.
     *
     * @return {@link #TRAPPED} or {@link #BUDGET_EXHAUSTED}
     */
    int run(Hart hart, long budget);
}
