package org.exoos.hal.cpu.exec;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.cpu.fpu.Fpu;

import java.lang.foreign.MemorySegment;

import static org.exoos.hal.cpu.decode.Op.*;
import static org.exoos.hal.mem.PhysicalMemory.ATOMIC_INT;
import static org.exoos.hal.mem.PhysicalMemory.ATOMIC_LONG;

/**
 * The instructions the {@link Interpreter} runs outside its hot method: system (fence.i, ecall, ebreak, sret,
 * wfi, sfence.vma, CSRs), A, and the F/D moves, compares, single-precision loads and stores. Keeping them out keeps the hot method small, which the JIT compiles
 * sooner, recompiles faster after a deoptimization, and allocates registers for better.
 * Returns what the interpreter does next.
 */
final class ColdOps {
    private ColdOps() {}

    /** Continue with the next instruction on this page. */
    static final int NEXT = 0;
    /** Continue with the next instruction, re-reading the page (translation or code may have changed). */
    static final int REFETCH = 1;
    /** Continue at hart.pc. */
    static final int JUMP = 2;
    /** The instruction trapped; the hart holds the trap. */
    static final int TRAP = 3;

    /** retired: instructions retired in the current run before this one (for the instret/cycle CSRs). */
    static int execute(Hart h, MemoryPath mem, long d, int op, long pc, long retired) {
        final long[] x = h.x;
        final long[] f = h.f;
        final Fpu fpu = h.fpu;
        final MemorySegment ram = mem.ram();
        final int rd = (int) (d >>> 8) & 0x3F;
        final int rs1 = (int) (d >>> 14) & 0x1F;
        final int rs2 = (int) (d >>> 19) & 0x1F;
        final int imm = (int) (d >>> 32);
        switch (op) {
                // ---- system ----
                case FENCE_I -> {
                    // Decoded shadows are kept coherent with every store, so fence.i only has to
                    // make this hart re-read its page.
                    return REFETCH;
                }
                case ECALL -> {
                    h.pc = pc;
                    h.trap(h.priv == Hart.USER ? TrapCause.ECALL_FROM_U : TrapCause.ECALL_FROM_S, 0);
                    return TRAP;
                }
                case EBREAK -> {
                    h.pc = pc;
                    h.trap(TrapCause.BREAKPOINT, pc);
                    return TRAP;
                }
                case SRET -> {
                    if (h.priv != Hart.SUPERVISOR) { illegal(h, pc, 0); return TRAP; }
                    h.sret();
                    return JUMP; // the engine flushes the TLBs when it next runs at the new privilege
                }
                case WFI -> {
                    if (h.priv != Hart.SUPERVISOR) { illegal(h, pc, 0); return TRAP; }
                }
                case SFENCE_VMA -> {
                    if (h.priv != Hart.SUPERVISOR) { illegal(h, pc, 0); return TRAP; }
                    h.flushTlbs();
                    return REFETCH;
                }
                case CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI -> {
                    int csr = imm & 0xFFF;
                    boolean immForm = op >= CSRRWI;
                    long operand = immForm ? rs1 : x[rs1];
                    boolean writes = op == CSRRW || op == CSRRWI || rs1 != 0;
                    if (!CsrFile.accessible(h, csr, writes)) { illegal(h, pc, 0); return TRAP; }
                    long old = CsrFile.read(h, csr, retired);
                    if (writes) {
                        long v = switch (op) {
                            case CSRRW, CSRRWI -> operand;
                            case CSRRS, CSRRSI -> old | operand;
                            default -> old & ~operand;
                        };
                        h.pc = pc;
                        CsrFile.write(h, csr, v);
                    }
                    x[rd] = old;
                    return REFETCH; // a CSR write may change translation (satp, sstatus.SUM/MXR)
                }
                // ---- A ----
                case LR_W, LR_D -> {
                    int size = op == LR_W ? 4 : 8;
                    long host = mem.atomicAddress(h, x[rs1], size, pc, false);
                    if (host < 0) return TRAP;
                    long v = size == 4 ? (int) ATOMIC_INT.getVolatile(ram, host) : (long) ATOMIC_LONG.getVolatile(ram, host);
                    h.reservationAddress = host;
                    h.reservationValue = v;
                    x[rd] = v;
                }
                case SC_W, SC_D -> {
                    int size = op == SC_W ? 4 : 8;
                    long host = mem.atomicAddress(h, x[rs1], size, pc, true);
                    if (host < 0) return TRAP;
                    boolean ok = h.reservationAddress == host && (size == 4
                            ? ATOMIC_INT.compareAndSet(ram, host, (int) h.reservationValue, (int) x[rs2])
                            : ATOMIC_LONG.compareAndSet(ram, host, h.reservationValue, x[rs2]));
                    h.reservationAddress = -1;
                    x[rd] = ok ? 0 : 1;
                }
                case AMOSWAP_W, AMOADD_W, AMOXOR_W, AMOAND_W, AMOOR_W, AMOMIN_W, AMOMAX_W, AMOMINU_W, AMOMAXU_W -> {
                    long host = mem.atomicAddress(h, x[rs1], 4, pc, true);
                    if (host < 0) return TRAP;
                    x[rd] = Atomics.amo32(ram, host, op, (int) x[rs2]);
                }
                case AMOSWAP_D, AMOADD_D, AMOXOR_D, AMOAND_D, AMOOR_D, AMOMIN_D, AMOMAX_D, AMOMINU_D, AMOMAXU_D -> {
                    long host = mem.atomicAddress(h, x[rs1], 8, pc, true);
                    if (host < 0) return TRAP;
                    x[rd] = Atomics.amo64(ram, host, op, x[rs2]);
                }
                // ---- F and D: loads and stores ----
                case FLW -> {
                    long v = mem.load(h, x[rs1] + imm, 4, pc);
                    if (h.trapRaised) return TRAP;
                    f[rd] = Fpu.boxS((int) v);
                }
                case FSW -> {
                    if (mem.store(h, x[rs1] + imm, 4, f[rs2], pc)) {
                        if (h.trapRaised) return TRAP;
                        return REFETCH;
                    }
                }
                // ---- F and D: moves, sign injection, compares, classification (no rounding) ----
                case FMV_X_W -> x[rd] = (int) f[rs1];
                case FMV_W_X -> f[rd] = Fpu.boxS((int) x[rs1]);
                case FMV_X_D -> x[rd] = f[rs1];
                case FMV_D_X -> f[rd] = x[rs1];
                case FSGNJ_S -> f[rd] = Fpu.boxS(Fpu.fsgnj_s(Fpu.unboxS(f[rs1]), Fpu.unboxS(f[rs2])));
                case FSGNJN_S -> f[rd] = Fpu.boxS(Fpu.fsgnjn_s(Fpu.unboxS(f[rs1]), Fpu.unboxS(f[rs2])));
                case FSGNJX_S -> f[rd] = Fpu.boxS(Fpu.fsgnjx_s(Fpu.unboxS(f[rs1]), Fpu.unboxS(f[rs2])));
                case FSGNJ_D -> f[rd] = Fpu.fsgnj_d(f[rs1], f[rs2]);
                case FSGNJN_D -> f[rd] = Fpu.fsgnjn_d(f[rs1], f[rs2]);
                case FSGNJX_D -> f[rd] = Fpu.fsgnjx_d(f[rs1], f[rs2]);
                case FMIN_S -> f[rd] = Fpu.boxS(fpu.fmin_s(Fpu.unboxS(f[rs1]), Fpu.unboxS(f[rs2])));
                case FMAX_S -> f[rd] = Fpu.boxS(fpu.fmax_s(Fpu.unboxS(f[rs1]), Fpu.unboxS(f[rs2])));
                case FMIN_D -> f[rd] = fpu.fmin_d(f[rs1], f[rs2]);
                case FMAX_D -> f[rd] = fpu.fmax_d(f[rs1], f[rs2]);
                case FEQ_S -> x[rd] = fpu.feq_s(Fpu.unboxS(f[rs1]), Fpu.unboxS(f[rs2]));
                case FLT_S -> x[rd] = fpu.flt_s(Fpu.unboxS(f[rs1]), Fpu.unboxS(f[rs2]));
                case FLE_S -> x[rd] = fpu.fle_s(Fpu.unboxS(f[rs1]), Fpu.unboxS(f[rs2]));
                case FEQ_D -> x[rd] = fpu.feq_d(f[rs1], f[rs2]);
                case FLT_D -> x[rd] = fpu.flt_d(f[rs1], f[rs2]);
                case FLE_D -> x[rd] = fpu.fle_d(f[rs1], f[rs2]);
                case FCLASS_S -> x[rd] = Fpu.fclass_s(Fpu.unboxS(f[rs1]));
                case FCLASS_D -> x[rd] = Fpu.fclass_d(f[rs1]);
                case FCVT_D_S -> f[rd] = fpu.fcvt_d_s(Fpu.unboxS(f[rs1]));
                case ILLEGAL -> {
                    illegal(h, pc, imm);
                    return TRAP;
                }
                // FLD, FSD and the rounding F/D operations run in the interpreter's hot method.
                default -> throw new IllegalStateException("not a cold operation: " + op);
        }
        return NEXT;
    }

    private static void illegal(Hart h, long pc, int bits) {
        h.pc = pc;
        h.trap(TrapCause.ILLEGAL_INSTRUCTION, bits & 0xFFFF_FFFFL);
    }
}
