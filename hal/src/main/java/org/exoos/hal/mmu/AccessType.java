package org.exoos.hal.mmu;

import org.exoos.hal.cpu.TrapCause;

/** The three kinds of memory access, each with its own TLB and page-fault cause. */
public final class AccessType {
    private AccessType() {}

    public static final int FETCH = 0;
    public static final int LOAD = 1;
    public static final int STORE = 2;

    public static int pageFault(int access) {
        return switch (access) {
            case FETCH -> TrapCause.INSTRUCTION_PAGE_FAULT;
            case LOAD -> TrapCause.LOAD_PAGE_FAULT;
            default -> TrapCause.STORE_PAGE_FAULT;
        };
    }

    public static int accessFault(int access) {
        return switch (access) {
            case FETCH -> TrapCause.INSTRUCTION_ACCESS_FAULT;
            case LOAD -> TrapCause.LOAD_ACCESS_FAULT;
            default -> TrapCause.STORE_ACCESS_FAULT;
        };
    }
}
