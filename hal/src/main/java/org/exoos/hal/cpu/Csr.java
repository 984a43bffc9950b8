package org.exoos.hal.cpu;

/** CSR numbers and sstatus fields this hart implements (user and supervisor levels). */
public final class Csr {
    private Csr() {}

    // User floating-point CSRs.
    public static final int FFLAGS = 0x001;
    public static final int FRM = 0x002;
    public static final int FCSR = 0x003;
    // User counters (read-only shadows).
    public static final int CYCLE = 0xC00;
    public static final int TIME = 0xC01;
    public static final int INSTRET = 0xC02;
    // Supervisor trap setup and handling.
    public static final int SSTATUS = 0x100;
    public static final int SIE = 0x104;
    public static final int STVEC = 0x105;
    public static final int SCOUNTEREN = 0x106;
    public static final int SENVCFG = 0x10A;
    public static final int SSCRATCH = 0x140;
    public static final int SEPC = 0x141;
    public static final int SCAUSE = 0x142;
    public static final int STVAL = 0x143;
    public static final int SIP = 0x144;
    public static final int SATP = 0x180;

    // sstatus fields.
    public static final long SSTATUS_SIE = 1L << 1;
    public static final long SSTATUS_SPIE = 1L << 5;
    public static final long SSTATUS_UBE = 1L << 6;
    public static final long SSTATUS_SPP = 1L << 8;
    public static final int SSTATUS_FS_SHIFT = 13;
    public static final long SSTATUS_FS = 3L << SSTATUS_FS_SHIFT;
    public static final long SSTATUS_FS_DIRTY = 3L << SSTATUS_FS_SHIFT;
    public static final long SSTATUS_SUM = 1L << 18;
    public static final long SSTATUS_MXR = 1L << 19;
    public static final long SSTATUS_UXL_64 = 2L << 32;
    public static final long SSTATUS_SD = 1L << 63;
    /** Bits software may write in sstatus. */
    public static final long SSTATUS_WRITABLE = SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP | SSTATUS_FS | SSTATUS_SUM | SSTATUS_MXR;

    /** Timer ticks per second of the {@code time} CSR (what Linux's riscv64 timebase-frequency would say). */
    public static final long TIMEBASE_HZ = 10_000_000L;
}
