package org.exoos.hal.cpu.exec;

import org.exoos.hal.cpu.Csr;
import org.exoos.hal.cpu.Hart;

/**
 * CSR reads and writes with the privilege rules of the Zicsr extension: bits 9..8 of the number give the lowest
 * privilege allowed, bits 11..10 == 3 mark read-only CSRs. An access that breaks them, or names a CSR this hart
 * lacks, is an illegal instruction (the caller traps).
 */
final class CsrFile {
    private CsrFile() {}

    private static final long BOOT_NANOS = System.nanoTime();

    static boolean accessible(Hart h, int csr, boolean write) {
        if (!exists(csr)) return false;
        int minPriv = (csr >>> 8) & 3;
        if (h.priv < minPriv) return false;
        return !(write && (csr >>> 10) == 3);
    }

    /** Reads a CSR; retiredInRun is the instructions retired in the current engine run, not yet in instret. */
    static long read(Hart h, int csr, long retiredInRun) {
        return switch (csr) {
            case Csr.FFLAGS -> h.fpu.fflags;
            case Csr.FRM -> h.frm;
            case Csr.FCSR -> h.fcsr();
            case Csr.CYCLE, Csr.INSTRET -> h.instret + retiredInRun;
            case Csr.TIME -> time();
            case Csr.SSTATUS -> h.sstatus;
            case Csr.SIE -> h.sie;
            case Csr.STVEC -> h.stvec;
            case Csr.SCOUNTEREN -> h.scounteren;
            case Csr.SENVCFG -> h.senvcfg;
            case Csr.SSCRATCH -> h.sscratch;
            case Csr.SEPC -> h.sepc;
            case Csr.SCAUSE -> h.scause;
            case Csr.STVAL -> h.stval;
            case Csr.SIP -> h.sip;
            case Csr.SATP -> h.satp();
            default -> throw new IllegalArgumentException("no CSR " + csr);
        };
    }

    static boolean exists(int csr) {
        return switch (csr) {
            case Csr.FFLAGS, Csr.FRM, Csr.FCSR, Csr.CYCLE, Csr.INSTRET, Csr.TIME, Csr.SSTATUS, Csr.SIE, Csr.STVEC,
                 Csr.SCOUNTEREN, Csr.SENVCFG, Csr.SSCRATCH, Csr.SEPC, Csr.SCAUSE, Csr.STVAL, Csr.SIP, Csr.SATP -> true;
            default -> false;
        };
    }

    /** The time CSR: ticks of {@link Csr#TIMEBASE_HZ} since the machine's start. */
    static long time() {
        return (System.nanoTime() - BOOT_NANOS) / (1_000_000_000L / Csr.TIMEBASE_HZ);
    }

    /** Writes a CSR (the caller checked {@link #accessible}). */
    static void write(Hart h, int csr, long v) {
        switch (csr) {
            case Csr.FFLAGS -> { h.fpu.fflags = (int) v & 0x1f; h.markFpDirty(); }
            case Csr.FRM -> { h.frm = (int) v & 7; h.markFpDirty(); }
            case Csr.FCSR -> { h.fpu.fflags = (int) v & 0x1f; h.frm = (int) (v >>> 5) & 7; h.markFpDirty(); }
            case Csr.SSTATUS -> {
                long old = h.sstatus;
                long s = (old & ~Csr.SSTATUS_WRITABLE) | (v & Csr.SSTATUS_WRITABLE);
                if ((s & Csr.SSTATUS_FS) == Csr.SSTATUS_FS_DIRTY) s |= Csr.SSTATUS_SD; else s &= ~Csr.SSTATUS_SD;
                h.sstatus = s;
                if (((old ^ s) & (Csr.SSTATUS_SUM | Csr.SSTATUS_MXR)) != 0) h.flushTlbs();
            }
            case Csr.SIE -> h.sie = v & 0x222;
            case Csr.STVEC -> h.stvec = v & ~2L;
            case Csr.SCOUNTEREN -> h.scounteren = v & 7;
            case Csr.SENVCFG -> h.senvcfg = v & 1;
            case Csr.SSCRATCH -> h.sscratch = v;
            case Csr.SEPC -> h.sepc = v & ~1L;
            case Csr.SCAUSE -> h.scause = v;
            case Csr.STVAL -> h.stval = v;
            case Csr.SIP -> h.sip = (h.sip & ~2L) | (v & 2L);
            case Csr.SATP -> h.setSatp(v);
            default -> throw new IllegalArgumentException("no writable CSR " + csr);
        }
    }
}
