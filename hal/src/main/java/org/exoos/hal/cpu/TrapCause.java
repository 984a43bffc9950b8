package org.exoos.hal.cpu;

/** scause exception codes (RISC-V privileged spec, table "Supervisor cause register values"). */
public final class TrapCause {
    private TrapCause() {}

    public static final int INSTRUCTION_ADDRESS_MISALIGNED = 0;
    public static final int INSTRUCTION_ACCESS_FAULT = 1;
    public static final int ILLEGAL_INSTRUCTION = 2;
    public static final int BREAKPOINT = 3;
    public static final int LOAD_ADDRESS_MISALIGNED = 4;
    public static final int LOAD_ACCESS_FAULT = 5;
    public static final int STORE_ADDRESS_MISALIGNED = 6;
    public static final int STORE_ACCESS_FAULT = 7;
    public static final int ECALL_FROM_U = 8;
    public static final int ECALL_FROM_S = 9;
    public static final int INSTRUCTION_PAGE_FAULT = 12;
    public static final int LOAD_PAGE_FAULT = 13;
    public static final int STORE_PAGE_FAULT = 15;

    /** Interrupt bit of scause. */
    public static final long INTERRUPT = 1L << 63;
    public static final int SUPERVISOR_SOFTWARE_INTERRUPT = 1;
    public static final int SUPERVISOR_TIMER_INTERRUPT = 5;
    public static final int SUPERVISOR_EXTERNAL_INTERRUPT = 9;

    public static String name(long scause) {
        if (scause < 0) {
            return switch ((int) (scause & 0xff)) {
                case SUPERVISOR_SOFTWARE_INTERRUPT -> "supervisor software interrupt";
                case SUPERVISOR_TIMER_INTERRUPT -> "supervisor timer interrupt";
                case SUPERVISOR_EXTERNAL_INTERRUPT -> "supervisor external interrupt";
                default -> "interrupt " + (scause & 0xff);
            };
        }
        return switch ((int) scause) {
            case INSTRUCTION_ADDRESS_MISALIGNED -> "instruction address misaligned";
            case INSTRUCTION_ACCESS_FAULT -> "instruction access fault";
            case ILLEGAL_INSTRUCTION -> "illegal instruction";
            case BREAKPOINT -> "breakpoint";
            case LOAD_ADDRESS_MISALIGNED -> "load address misaligned";
            case LOAD_ACCESS_FAULT -> "load access fault";
            case STORE_ADDRESS_MISALIGNED -> "store/AMO address misaligned";
            case STORE_ACCESS_FAULT -> "store/AMO access fault";
            case ECALL_FROM_U -> "environment call from U-mode";
            case ECALL_FROM_S -> "environment call from S-mode";
            case INSTRUCTION_PAGE_FAULT -> "instruction page fault";
            case LOAD_PAGE_FAULT -> "load page fault";
            case STORE_PAGE_FAULT -> "store/AMO page fault";
            default -> "exception " + scause;
        };
    }
}
