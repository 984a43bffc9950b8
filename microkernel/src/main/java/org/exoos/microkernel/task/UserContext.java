package org.exoos.microkernel.task;

import org.exoos.hal.cpu.Csr;
import org.exoos.hal.cpu.Hart;

/**
 * The user-visible register state of a thread while it is not on a hart: what a trap frame holds.
 * Registers follow the RISC-V calling convention; syscall arguments are in a0..a5, the number in a7.
 */
public final class UserContext {
    public static final int RA = 1, SP = 2, GP = 3, TP = 4, A0 = 10, A7 = 17;

    /** x0..x31; x[0] is always 0. */
    public final long[] x = new long[32];
    /** f0..f31 as raw bit patterns. */
    public final long[] f = new long[32];
    public long pc;
    public int frm;
    public int fflags;

    /** The i-th syscall argument (a0..a5). */
    public long arg(int i) { return x[A0 + i]; }

    public long syscallNumber() { return x[A7]; }

    /** Takes every register, the pc and the FP state of {@code other} (a forked process or a new thread starts so). */
    public void copyFrom(UserContext other) {
        System.arraycopy(other.x, 0, x, 0, 32);
        System.arraycopy(other.f, 0, f, 0, 32);
        pc = other.pc;
        frm = other.frm;
        fflags = other.fflags;
    }

    /** Copies this context into the hart's registers (not satp or the privilege: see TrapDispatcher). */
    public void restoreTo(Hart hart) {
        System.arraycopy(x, 1, hart.x, 1, 31);
        hart.x[0] = 0;
        System.arraycopy(f, 0, hart.f, 0, 32);
        hart.frm = frm;
        hart.fpu.fflags = fflags;
        hart.pc = pc;
        // Linux starts user threads with the FPU on (sstatus.FS = Initial); an Off FPU would make every
        // floating-point instruction illegal.
        if ((hart.sstatus & Csr.SSTATUS_FS) == 0) hart.sstatus |= 1L << Csr.SSTATUS_FS_SHIFT;
    }

    /** Copies the hart's registers into this context; pc is taken from sepc (where the trap happened). */
    public void saveFrom(Hart hart) {
        System.arraycopy(hart.x, 1, x, 1, 31);
        System.arraycopy(hart.f, 0, f, 0, 32);
        frm = hart.frm;
        fflags = hart.fpu.fflags;
        pc = hart.sepc;
    }
}
