package org.exoos.hal.cpu.exec;

import org.exoos.hal.cpu.fpu.Fpu;

import static org.exoos.hal.cpu.decode.Op.*;
import static org.exoos.hal.cpu.fpu.Fpu.boxS;
import static org.exoos.hal.cpu.fpu.Fpu.unboxS;

/**
 * The F and D operations that round (arithmetic, fused multiply-add, square root, conversions), given a
 * resolved rounding mode. Singles are NaN-boxed in the 64-bit registers: read through {@link Fpu#unboxS},
 * written through {@link Fpu#boxS}. For R4 operations imm carries rs3.
 */
final class FloatOps {
    private FloatOps() {}

    static void execute(int op, int rd, int rs1, int rs2, int imm, int rm, long[] x, long[] f, Fpu fpu) {
        switch (op) {
            case FADD_S -> f[rd] = boxS(fpu.fadd_s(unboxS(f[rs1]), unboxS(f[rs2]), rm));
            case FSUB_S -> f[rd] = boxS(fpu.fsub_s(unboxS(f[rs1]), unboxS(f[rs2]), rm));
            case FMUL_S -> f[rd] = boxS(fpu.fmul_s(unboxS(f[rs1]), unboxS(f[rs2]), rm));
            case FDIV_S -> f[rd] = boxS(fpu.fdiv_s(unboxS(f[rs1]), unboxS(f[rs2]), rm));
            case FSQRT_S -> f[rd] = boxS(fpu.fsqrt_s(unboxS(f[rs1]), rm));
            case FMADD_S -> f[rd] = boxS(fpu.fmadd_s(unboxS(f[rs1]), unboxS(f[rs2]), unboxS(f[imm]), rm));
            case FMSUB_S -> f[rd] = boxS(fpu.fmsub_s(unboxS(f[rs1]), unboxS(f[rs2]), unboxS(f[imm]), rm));
            case FNMSUB_S -> f[rd] = boxS(fpu.fnmsub_s(unboxS(f[rs1]), unboxS(f[rs2]), unboxS(f[imm]), rm));
            case FNMADD_S -> f[rd] = boxS(fpu.fnmadd_s(unboxS(f[rs1]), unboxS(f[rs2]), unboxS(f[imm]), rm));
            case FADD_D -> f[rd] = fpu.fadd_d(f[rs1], f[rs2], rm);
            case FSUB_D -> f[rd] = fpu.fsub_d(f[rs1], f[rs2], rm);
            case FMUL_D -> f[rd] = fpu.fmul_d(f[rs1], f[rs2], rm);
            case FDIV_D -> f[rd] = fpu.fdiv_d(f[rs1], f[rs2], rm);
            case FSQRT_D -> f[rd] = fpu.fsqrt_d(f[rs1], rm);
            case FMADD_D -> f[rd] = fpu.fmadd_d(f[rs1], f[rs2], f[imm], rm);
            case FMSUB_D -> f[rd] = fpu.fmsub_d(f[rs1], f[rs2], f[imm], rm);
            case FNMSUB_D -> f[rd] = fpu.fnmsub_d(f[rs1], f[rs2], f[imm], rm);
            case FNMADD_D -> f[rd] = fpu.fnmadd_d(f[rs1], f[rs2], f[imm], rm);
            case FCVT_W_S -> x[rd] = fpu.fcvt_w_s(unboxS(f[rs1]), rm);
            case FCVT_WU_S -> x[rd] = fpu.fcvt_wu_s(unboxS(f[rs1]), rm);
            case FCVT_L_S -> x[rd] = fpu.fcvt_l_s(unboxS(f[rs1]), rm);
            case FCVT_LU_S -> x[rd] = fpu.fcvt_lu_s(unboxS(f[rs1]), rm);
            case FCVT_W_D -> x[rd] = fpu.fcvt_w_d(f[rs1], rm);
            case FCVT_WU_D -> x[rd] = fpu.fcvt_wu_d(f[rs1], rm);
            case FCVT_L_D -> x[rd] = fpu.fcvt_l_d(f[rs1], rm);
            case FCVT_LU_D -> x[rd] = fpu.fcvt_lu_d(f[rs1], rm);
            case FCVT_S_W -> f[rd] = boxS(fpu.fcvt_s_w(x[rs1], rm));
            case FCVT_S_WU -> f[rd] = boxS(fpu.fcvt_s_wu(x[rs1], rm));
            case FCVT_S_L -> f[rd] = boxS(fpu.fcvt_s_l(x[rs1], rm));
            case FCVT_S_LU -> f[rd] = boxS(fpu.fcvt_s_lu(x[rs1], rm));
            case FCVT_D_W -> f[rd] = fpu.fcvt_d_w(x[rs1], rm);
            case FCVT_D_WU -> f[rd] = fpu.fcvt_d_wu(x[rs1], rm);
            case FCVT_D_L -> f[rd] = fpu.fcvt_d_l(x[rs1], rm);
            case FCVT_D_LU -> f[rd] = fpu.fcvt_d_lu(x[rs1], rm);
            case FCVT_S_D -> f[rd] = boxS(fpu.fcvt_s_d(f[rs1], rm));
            default -> throw new IllegalStateException("not a rounding FP operation: " + op);
        }
    }
}
