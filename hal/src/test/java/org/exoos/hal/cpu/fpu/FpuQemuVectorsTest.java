package org.exoos.hal.cpu.fpu;

import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.flagNames;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vectors whose results and flags were produced by qemu-riscv64 7.2 running the real
 * instructions (inline asm, frm set with fsrm, flags read with frflags), so they pin this FPU
 * to RISC-V hardware semantics independently of its own reference code. Line format:
 * {@code op rm operand... result fflags}, all hex except rm and fflags (decimal, fflags layout).
 * Single operands and results are the raw 32 bits; integer results are the 64-bit rd value.
 */
class FpuQemuVectorsTest {

    /** Hand-picked edge cases: zero signs, overflow and tininess boundaries, ties, NaNs, conversion limits. */
    static final String EDGE_VECTORS = """
            fadd_d 0 3ff0000000000000 bff0000000000000 0 0
            fadd_d 1 3ff0000000000000 bff0000000000000 0 0
            fadd_d 2 3ff0000000000000 bff0000000000000 8000000000000000 0
            fadd_d 3 3ff0000000000000 bff0000000000000 0 0
            fadd_d 4 3ff0000000000000 bff0000000000000 0 0
            fadd_d 2 0 0 0 0
            fadd_d 2 0 8000000000000000 8000000000000000 0
            fadd_d 0 0 8000000000000000 0 0
            fadd_d 0 8000000000000000 8000000000000000 8000000000000000 0
            fsub_d 2 3ff0000000000000 3ff0000000000000 8000000000000000 0
            fsub_d 0 8000000000000000 0 8000000000000000 0
            fadd_s 2 3f800000 bf800000 80000000 0
            fadd_d 0 7fefffffffffffff 7fefffffffffffff 7ff0000000000000 5
            fadd_d 1 7fefffffffffffff 7fefffffffffffff 7fefffffffffffff 5
            fadd_d 2 7fefffffffffffff 7fefffffffffffff 7fefffffffffffff 5
            fadd_d 3 7fefffffffffffff 7fefffffffffffff 7ff0000000000000 5
            fadd_d 4 7fefffffffffffff 7fefffffffffffff 7ff0000000000000 5
            fadd_d 2 ffefffffffffffff ffefffffffffffff fff0000000000000 5
            fadd_d 3 ffefffffffffffff ffefffffffffffff ffefffffffffffff 5
            fadd_d 0 7fefffffffffffff 7c90000000000000 7ff0000000000000 5
            fadd_d 1 7fefffffffffffff 7c90000000000000 7fefffffffffffff 1
            fadd_d 2 7fefffffffffffff 7c90000000000000 7fefffffffffffff 1
            fadd_d 3 7fefffffffffffff 7c90000000000000 7ff0000000000000 5
            fadd_d 4 7fefffffffffffff 7c90000000000000 7ff0000000000000 5
            fadd_d 0 7fefffffffffffff 7c80000000000000 7fefffffffffffff 1
            fadd_d 3 7fefffffffffffff 7c80000000000000 7ff0000000000000 5
            fadd_d 0 7ff0000000000000 fff0000000000000 7ff8000000000000 16
            fadd_d 0 7ff0000000000000 3ff0000000000000 7ff0000000000000 0
            fadd_d 0 7ff8000000000000 3ff0000000000000 7ff8000000000000 0
            fadd_d 0 7ff0000000000001 3ff0000000000000 7ff8000000000000 16
            fadd_d 0 fff8000000000123 3ff0000000000000 7ff8000000000000 0
            fadd_d 0 1 1 2 0
            fadd_d 0 3ff0000000000000 3c30000000000000 3ff0000000000000 1
            fadd_d 3 3ff0000000000000 3c30000000000000 3ff0000000000001 1
            fadd_d 2 bff0000000000000 bc30000000000000 bff0000000000001 1
            fadd_d 1 bff0000000000000 bc30000000000000 bff0000000000000 1
            fadd_d 0 3ff0000000000000 3ca0000000000000 3ff0000000000000 1
            fadd_d 4 3ff0000000000000 3ca0000000000000 3ff0000000000001 1
            fadd_d 4 bff0000000000000 bca0000000000000 bff0000000000001 1
            fadd_d 0 3ff0000000000001 3ca0000000000000 3ff0000000000002 1
            fadd_d 4 3ff0000000000001 3ca0000000000000 3ff0000000000002 1
            fadd_s 0 3f800000 33800000 3f800000 1
            fadd_s 4 3f800000 33800000 3f800001 1
            fmul_d 0 0010000000000000 3fefffffffffffff 10000000000000 3
            fmul_d 1 0010000000000000 3fefffffffffffff fffffffffffff 3
            fmul_d 4 0010000000000000 3fefffffffffffff 10000000000000 3
            fmul_d 0 0010000000000001 3feffffffffffffe 10000000000000 1
            fmul_d 1 0010000000000001 3feffffffffffffe fffffffffffff 3
            fmul_d 3 0010000000000001 3feffffffffffffe 10000000000000 1
            fmul_d 0 1 3fe0000000000000 0 3
            fmul_d 4 1 3fe0000000000000 1 3
            fmul_d 3 1 3fe0000000000000 1 3
            fmul_d 2 1 3fe0000000000000 0 3
            fmul_d 2 8000000000000001 3fe0000000000000 8000000000000001 3
            fmul_d 0 8000000000000001 3fe0000000000000 8000000000000000 3
            fmul_d 0 1 4000000000000000 2 0
            fmul_d 0 0 7ff0000000000000 7ff8000000000000 16
            fmul_d 0 8000000000000000 4014000000000000 8000000000000000 0
            fmul_d 0 7fefffffffffffff 4000000000000000 7ff0000000000000 5
            fmul_d 1 7fefffffffffffff 4000000000000000 7fefffffffffffff 5
            fmul_d 2 ffefffffffffffff 4000000000000000 fff0000000000000 5
            fmul_d 3 ffefffffffffffff 4000000000000000 ffefffffffffffff 5
            fmul_s 0 00800000 3f7fffff 800000 3
            fmul_s 1 00800000 3f7fffff 7fffff 3
            fdiv_d 0 3ff0000000000000 0 7ff0000000000000 8
            fdiv_d 0 bff0000000000000 0 fff0000000000000 8
            fdiv_d 0 3ff0000000000000 8000000000000000 fff0000000000000 8
            fdiv_d 0 0 0 7ff8000000000000 16
            fdiv_d 0 7ff0000000000000 0 7ff0000000000000 0
            fdiv_d 0 0 7ff0000000000000 0 0
            fdiv_d 0 7ff0000000000000 fff0000000000000 7ff8000000000000 16
            fdiv_d 0 3ff0000000000000 4008000000000000 3fd5555555555555 1
            fdiv_d 1 3ff0000000000000 4008000000000000 3fd5555555555555 1
            fdiv_d 2 3ff0000000000000 4008000000000000 3fd5555555555555 1
            fdiv_d 3 3ff0000000000000 4008000000000000 3fd5555555555556 1
            fdiv_d 4 3ff0000000000000 4008000000000000 3fd5555555555555 1
            fdiv_d 2 bff0000000000000 4008000000000000 bfd5555555555556 1
            fdiv_s 0 3f800000 40400000 3eaaaaab 1
            fdiv_s 1 3f800000 40400000 3eaaaaaa 1
            fdiv_d 0 1 4000000000000000 0 3
            fdiv_d 0 7fefffffffffffff 3fe0000000000000 7ff0000000000000 5
            fsqrt_d 0 4000000000000000 3ff6a09e667f3bcd 1
            fsqrt_d 1 4000000000000000 3ff6a09e667f3bcc 1
            fsqrt_d 2 4000000000000000 3ff6a09e667f3bcc 1
            fsqrt_d 3 4000000000000000 3ff6a09e667f3bcd 1
            fsqrt_d 4 4000000000000000 3ff6a09e667f3bcd 1
            fsqrt_d 0 bff0000000000000 7ff8000000000000 16
            fsqrt_d 0 8000000000000000 8000000000000000 0
            fsqrt_d 0 7ff0000000000000 7ff0000000000000 0
            fsqrt_d 0 fff0000000000000 7ff8000000000000 16
            fsqrt_d 0 7ff4000000000000 7ff8000000000000 16
            fsqrt_d 0 fff8000000000000 7ff8000000000000 0
            fsqrt_d 0 1 1e60000000000000 0
            fsqrt_d 0 4010000000000000 4000000000000000 0
            fsqrt_s 0 40000000 3fb504f3 1
            fsqrt_s 2 40000000 3fb504f3 1
            fsqrt_s 3 40000000 3fb504f4 1
            fmadd_d 0 7ff0000000000000 0 7ff8000000000000 7ff8000000000000 16
            fmadd_d 0 3ff0000000000000 3ff0000000000000 7ff8000000000000 7ff8000000000000 0
            fmadd_d 0 3ff0000000000000 3ff0000000000000 7ff4000000000000 7ff8000000000000 16
            fmadd_d 0 7ff0000000000000 3ff0000000000000 fff0000000000000 7ff8000000000000 16
            fmadd_d 0 7ff0000000000000 3ff0000000000000 7ff0000000000000 7ff0000000000000 0
            fmadd_d 0 3ff0000000000000 3ff0000000000000 bff0000000000000 0 0
            fmadd_d 2 3ff0000000000000 3ff0000000000000 bff0000000000000 8000000000000000 0
            fmadd_d 0 0 3ff0000000000000 8000000000000000 0 0
            fmadd_d 2 0 3ff0000000000000 8000000000000000 8000000000000000 0
            fmadd_d 0 8000000000000000 3ff0000000000000 8000000000000000 8000000000000000 0
            fnmadd_d 0 0 0 0 8000000000000000 0
            fnmsub_d 0 0 0 0 0 0
            fmsub_d 0 0 0 0 0 0
            fmsub_d 2 0 0 0 8000000000000000 0
            fmadd_d 0 3ff0000000400000 3ff0000000400000 bff0000000000000 3e20000000200000 0
            fmadd_d 0 3ff0000040000000 3ff0000040000000 bff0000000000000 3ea0000020000000 0
            fmadd_d 0 3ff0000000000000 3ff0000000000000 3ca0000000000000 3ff0000000000000 1
            fmadd_d 4 3ff0000000000000 3ff0000000000000 3ca0000000000000 3ff0000000000001 1
            fmadd_s 4 3f800000 3f800000 33800000 3f800001 1
            fmadd_d 0 7fefffffffffffff 4000000000000000 ffefffffffffffff 7fefffffffffffff 0
            fmadd_d 0 0010000000000000 3fefffffffffffff 0 10000000000000 3
            fmin_d 0 8000000000000000 0 8000000000000000 0
            fmin_d 0 0 8000000000000000 8000000000000000 0
            fmax_d 0 8000000000000000 0 0 0
            fmin_d 0 7ff0000000000001 3ff0000000000000 3ff0000000000000 16
            fmin_d 0 7ff8000000000000 3ff0000000000000 3ff0000000000000 0
            fmax_d 0 3ff0000000000000 7ff8000000000000 3ff0000000000000 0
            fmin_d 0 7ff8000000000001 fff8000000000000 7ff8000000000000 0
            fmax_d 0 7ff4000000000000 7ff8000000000000 7ff8000000000000 16
            fmin_s 0 80000000 0 80000000 0
            fmax_s 0 ffc00000 bf800000 bf800000 0
            feq_d 0 7ff8000000000000 3ff0000000000000 0 0
            feq_d 0 7ff4000000000000 3ff0000000000000 0 16
            flt_d 0 7ff8000000000000 3ff0000000000000 0 16
            fle_d 0 3ff0000000000000 7ff8000000000000 0 16
            fle_d 0 8000000000000000 0 1 0
            flt_d 0 8000000000000000 0 0 0
            feq_d 0 8000000000000000 0 1 0
            feq_s 0 7fa00000 7fa00000 0 16
            feq_s 0 80000000 0 1 0
            fcvt_w_d 0 41dfffffffe00000 7fffffff 16
            fcvt_w_d 1 41dfffffffe00000 7fffffff 1
            fcvt_w_d 0 c1e0000000100000 ffffffff80000000 1
            fcvt_w_d 4 c1e0000000100000 ffffffff80000000 16
            fcvt_w_d 0 c1e0000000200000 ffffffff80000000 16
            fcvt_w_d 0 41e0000000000000 7fffffff 16
            fcvt_w_d 0 7ff8000000000000 7fffffff 16
            fcvt_w_d 0 fff8000000000000 7fffffff 16
            fcvt_w_d 0 fff0000000000000 ffffffff80000000 16
            fcvt_w_d 0 4004000000000000 2 1
            fcvt_w_d 4 4004000000000000 3 1
            fcvt_w_d 3 4004000000000000 3 1
            fcvt_w_d 2 4004000000000000 2 1
            fcvt_w_d 0 c004000000000000 fffffffffffffffe 1
            fcvt_w_d 4 c004000000000000 fffffffffffffffd 1
            fcvt_w_d 2 c004000000000000 fffffffffffffffd 1
            fcvt_w_d 3 c004000000000000 fffffffffffffffe 1
            fcvt_w_d 1 c004000000000000 fffffffffffffffe 1
            fcvt_w_d 0 3fe0000000000000 0 1
            fcvt_w_d 4 3fe0000000000000 1 1
            fcvt_w_d 4 bfe0000000000000 ffffffffffffffff 1
            fcvt_w_d 0 8000000000000000 0 0
            fcvt_w_d 4 3fdfffffffffffff 0 1
            fcvt_wu_d 1 bfe0000000000000 0 1
            fcvt_wu_d 0 bfe0000000000000 0 1
            fcvt_wu_d 4 bfe0000000000000 0 16
            fcvt_wu_d 0 bff0000000000000 0 16
            fcvt_wu_d 0 41efffffffe00000 ffffffffffffffff 0
            fcvt_wu_d 0 41f0000000000000 ffffffffffffffff 16
            fcvt_wu_d 0 41e65a0bc0000000 ffffffffb2d05e00 0
            fcvt_wu_d 0 7ff8000000000000 ffffffffffffffff 16
            fcvt_wu_d 0 7ff0000000000000 ffffffffffffffff 16
            fcvt_wu_d 0 fff0000000000000 0 16
            fcvt_l_d 0 43e0000000000000 7fffffffffffffff 16
            fcvt_l_d 0 c3e0000000000000 8000000000000000 0
            fcvt_l_d 0 c3e0000000000001 8000000000000000 16
            fcvt_l_d 0 43dfffffffffffff 7ffffffffffffc00 0
            fcvt_l_d 0 7ff8000000000000 7fffffffffffffff 16
            fcvt_lu_d 0 43efffffffffffff fffffffffffff800 0
            fcvt_lu_d 0 43f0000000000000 ffffffffffffffff 16
            fcvt_lu_d 0 43e0000000000000 8000000000000000 0
            fcvt_lu_d 3 bfeccccccccccccd 0 1
            fcvt_lu_d 2 bfeccccccccccccd 0 16
            fcvt_lu_d 0 7ff8000000000000 ffffffffffffffff 16
            fcvt_w_s 0 4f000000 7fffffff 16
            fcvt_w_s 0 cf000000 ffffffff80000000 0
            fcvt_wu_s 0 4f800000 ffffffffffffffff 16
            fcvt_wu_s 0 4f7fffff ffffffffffffff00 0
            fcvt_l_s 0 5f000000 7fffffffffffffff 16
            fcvt_l_s 0 df000000 8000000000000000 0
            fcvt_lu_s 0 5f800000 ffffffffffffffff 16
            fcvt_lu_s 0 7fc00000 ffffffffffffffff 16
            fcvt_s_w 0 7fffffff 4f000000 1
            fcvt_s_w 1 7fffffff 4effffff 1
            fcvt_s_w 3 7fffffff 4f000000 1
            fcvt_s_w 0 ffffffff80000000 cf000000 0
            fcvt_s_w 0 1234567800000001 3f800000 0
            fcvt_s_w 0 1000001 4b800000 1
            fcvt_s_w 4 1000001 4b800001 1
            fcvt_s_w 2 0 0 0
            fcvt_s_wu 0 ffffffff 4f800000 1
            fcvt_s_wu 1 ffffffff 4f7fffff 1
            fcvt_s_wu 0 ffffffff00000000 0 0
            fcvt_s_l 0 8000000000000000 df000000 0
            fcvt_s_l 0 ffffffffffffffff bf800000 0
            fcvt_s_lu 0 ffffffffffffffff 5f800000 1
            fcvt_s_lu 1 ffffffffffffffff 5f7fffff 1
            fcvt_d_l 0 20000000000001 4340000000000000 1
            fcvt_d_l 4 20000000000001 4340000000000001 1
            fcvt_d_l 2 ffdfffffffffffff c340000000000001 1
            fcvt_d_lu 0 ffffffffffffffff 43f0000000000000 1
            fcvt_d_lu 1 ffffffffffffffff 43efffffffffffff 1
            fcvt_d_l 0 8000000000000000 c3e0000000000000 0
            fcvt_d_w 0 ffffffff bff0000000000000 0
            fcvt_d_w 0 100000000 0 0
            fcvt_d_wu 0 ffffffff 41efffffffe00000 0
            fcvt_d_wu 0 ffffffff00000001 3ff0000000000000 0
            fcvt_s_d 0 3ff0000010000000 3f800000 1
            fcvt_s_d 4 3ff0000010000000 3f800001 1
            fcvt_s_d 3 3ff0000010000000 3f800001 1
            fcvt_s_d 0 7fefffffffffffff 7f800000 5
            fcvt_s_d 1 7fefffffffffffff 7f7fffff 5
            fcvt_s_d 2 ffefffffffffffff ff800000 5
            fcvt_s_d 0 1 0 3
            fcvt_s_d 3 1 1 3
            fcvt_s_d 0 380fffffffffffff 800000 1
            fcvt_s_d 1 380fffffffffffff 7fffff 3
            fcvt_s_d 0 380ffffff0000000 800000 1
            fcvt_s_d 0 380fffffe0000000 800000 3
            fcvt_s_d 1 380fffffe0000000 7fffff 3
            fcvt_s_d 0 7ff0000000000001 7fc00000 16
            fcvt_s_d 0 7ff8000000000123 7fc00000 0
            fcvt_s_d 0 fff0000000000000 ff800000 0
            fcvt_s_d 0 8000000000000000 80000000 0
            fcvt_d_s 0 7f800001 7ff8000000000000 16
            fcvt_d_s 0 ffc00001 7ff8000000000000 0
            fcvt_d_s 0 1 36a0000000000000 0
            fcvt_d_s 0 ff800000 fff0000000000000 0
            fclass_d 0 fff0000000000000 1 0
            fclass_d 0 bff0000000000000 2 0
            fclass_d 0 8000000000000001 4 0
            fclass_d 0 8000000000000000 8 0
            fclass_d 0 0 10 0
            fclass_d 0 1 20 0
            fclass_d 0 3ff0000000000000 40 0
            fclass_d 0 7ff0000000000000 80 0
            fclass_d 0 7ff0000000000001 100 0
            fclass_d 0 7ff8000000000000 200 0
            fclass_s 0 ff800000 1 0
            fclass_s 0 bf800000 2 0
            fclass_s 0 807fffff 4 0
            fclass_s 0 80000000 8 0
            fclass_s 0 0 10 0
            fclass_s 0 1 20 0
            fclass_s 0 3f800000 40 0
            fclass_s 0 7f800000 80 0
            fclass_s 0 7fbfffff 100 0
            fclass_s 0 ffc00000 200 0
            """;

    /** One random vector per (op, rounding mode, flags) class seen in 960k random qemu runs. */
    static final String RANDOM_VECTORS = """
            fadd_d 0 6e1ca771bf826000 ee1ca771bf826000 0 0
            fadd_d 0 2a4a375057646c0 4f4a375057646c0 4f4a3750576ebdc 1
            fadd_d 0 81a4c6efb5b50000 7ff0000000000001 7ff8000000000000 16
            fadd_d 0 7fefffffffffffff 7f4000000000007f 7ff0000000000000 5
            fadd_d 1 c2c6f4d97e2daaa0 42c6f4d97e2daaa1 3f80000000000000 0
            fadd_d 1 6fffffff000000 38fffffff000000 38fffffff000007 1
            fadd_d 1 7ff0000000000001 7ef0000000000001 7ff8000000000000 16
            fadd_d 1 7fefffffffffffff 7e1fffffffffffff 7fefffffffffffff 5
            fadd_d 2 82927a5e0a378398 2927a5e0a378398 8000000000000000 0
            fadd_d 2 2ffffffffff800 f80edab8e6e12ca2 f80edab8e6e12ca2 1
            fadd_d 2 fff0000000000000 7ff0000000000000 7ff8000000000000 16
            fadd_d 2 7fefffffffffffff 7ebfffffffffffff 7fefffffffffffff 5
            fadd_d 3 2bc93730159c0000 abc93730159c0002 a890000000000000 0
            fadd_d 3 c3e0000000000000 fe790c02f608e800 fe790c02f608e800 1
            fadd_d 3 fff4000000000000 7ff4000000000001 7ff8000000000000 16
            fadd_d 3 7fefffffffffffff 7dafffffffffffff 7ff0000000000000 5
            fadd_d 4 7ff8000000000000 8008000000000000 7ff8000000000000 0
            fadd_d 4 7f739cde99c92419 c6160c9662291f61 7f739cde99c92419 1
            fadd_d 4 7ff0000000000000 fff0000000000000 7ff8000000000000 16
            fadd_d 4 7fefffffffffffff 7e1fffffffffffff 7ff0000000000000 5
            fadd_s 0 b464f5b8 3464f5b6 a9000000 0
            fadd_s 0 8b803fff 7b54b9e6 7b54b9e6 1
            fadd_s 0 7f800000 ff800000 7fc00000 16
            fadd_s 0 7f7008c4 7f7fffff 7f800000 5
            fadd_s 1 7accd4b5 faccd4b5 0 0
            fadd_s 1 4f7fffff 2d627000 4f7fffff 1
            fadd_s 1 7f800000 ff800000 7fc00000 16
            fadd_s 1 756c3d76 7f7fffff 7f7fffff 5
            fadd_s 2 5547f200 59c7f200 59c855f9 0
            fadd_s 2 8c914215 98914215 98914216 1
            fadd_s 2 7f800001 ff800001 7fc00000 16
            fadd_s 2 7f7fffff 7c7fffff 7f7fffff 5
            fadd_s 3 637fffc0 e37fffbf 57800000 0
            fadd_s 3 d67fffe0 dfffffe0 dfffffff 1
            fadd_s 3 ffa00000 7fa00000 7fc00000 16
            fadd_s 3 7f7fffff 76ffffff 7f800000 5
            fadd_s 4 a51989a2 251989a2 0 0
            fadd_s 4 b00007f d0003fff d0003fff 1
            fadd_s 4 87801fff 7f801fff 7fc00000 16
            fadd_s 4 767fff00 7f7fffff 7f800000 5
            fclass_d 0 40420cd24afe031 40 0
            fclass_s 0 7599a8fa 40 0
            fcvt_d_l 0 0 0 0
            fcvt_d_l 0 8b0cdd6191a1f3d5 c3dd3cc8a79b9783 1
            fcvt_d_l 1 fffffffba8cf7e7f c2115cc206040000 0
            fcvt_d_l 1 75321644afa70564 43dd4c85912be9c1 1
            fcvt_d_l 2 117583ee 41b17583ee000000 0
            fcvt_d_l 2 c6ce198182bfb640 c3cc98f33f3ea025 1
            fcvt_d_l 3 fffffffffb22068c c19377e5d0000000 0
            fcvt_d_l 3 9431d1ec821710e6 c3daf38b84df7a3b 1
            fcvt_d_l 4 1ff 407ff00000000000 0
            fcvt_d_l 4 3817a4742987efe3 43cc0bd23a14c3f8 1
            fcvt_d_lu 0 11541b9dfd8 4271541b9dfd8000 0
            fcvt_d_lu 0 fffe8af4ff02358f 43efffd15e9fe047 1
            fcvt_d_lu 1 d7 406ae00000000000 0
            fcvt_d_lu 1 ffffffffffe7ff1f 43effffffffffcff 1
            fcvt_d_lu 2 514462d7 41d45118b5c00000 0
            fcvt_d_lu 2 8d47d15111ea53f1 43e1a8fa2a223d4a 1
            fcvt_d_lu 3 fc00000000000000 43ef800000000000 0
            fcvt_d_lu 3 fe17aee2eb902d1f 43efc2f5dc5d7206 1
            fcvt_d_lu 4 7cfbfae014680000 43df3efeb8051a00 0
            fcvt_d_lu 4 fe14e69fc15e1f89 43efc29cd3f82bc4 1
            fcvt_d_s 0 d2600000 c24c000000000000 0
            fcvt_d_s 0 7f800001 7ff8000000000000 16
            fcvt_d_w 0 ffffffff00000000 0 0
            fcvt_d_wu 0 590981d67f25afff 41dfc96bffc00000 0
            fcvt_l_d 0 c3affffffff80000 f000000004000000 0
            fcvt_l_d 0 c06fffffffffff00 ffffffffffffff00 1
            fcvt_l_d 0 4dc7ed2eee72680a 7fffffffffffffff 16
            fcvt_l_d 1 41e0000000000000 80000000 0
            fcvt_l_d 1 8ffffffffe0000 0 1
            fcvt_l_d 1 e9efff8000000000 8000000000000000 16
            fcvt_l_d 2 c3e0000000000000 8000000000000000 0
            fcvt_l_d 2 4249686b71764218 32d0d6e2ec 1
            fcvt_l_d 2 df861a2797257029 8000000000000000 16
            fcvt_l_d 3 4351358000000000 44d60000000000 0
            fcvt_l_d 3 4220000000000001 800000001 1
            fcvt_l_d 3 443a89dedc000000 7fffffffffffffff 16
            fcvt_l_d 4 43dfff0000000000 7ffc000000000000 0
            fcvt_l_d 4 1 0 1
            fcvt_l_d 4 7f3000000000001f 7fffffffffffffff 16
            fcvt_l_s 0 dcc00a91 f9ffab7800000000 0
            fcvt_l_s 0 3a648e50 0 1
            fcvt_l_s 0 7841dbe7 7fffffffffffffff 16
            fcvt_l_s 1 50da0000 6d0000000 0
            fcvt_l_s 1 1 0 1
            fcvt_l_s 1 77748000 7fffffffffffffff 16
            fcvt_l_s 2 d55be437 fffff241bc900000 0
            fcvt_l_s 2 e8000ff 0 1
            fcvt_l_s 2 e5bd3a93 8000000000000000 16
            fcvt_l_s 3 4effffff 7fffff80 0
            fcvt_l_s 3 8b0ee000 0 1
            fcvt_l_s 3 747fc000 7fffffffffffffff 16
            fcvt_l_s 4 58fffc00 7ffe000000000 0
            fcvt_l_s 4 44699a40 3a6 1
            fcvt_l_s 4 78fffc00 7fffffffffffffff 16
            fcvt_lu_d 0 431f800000000000 7e00000000000 0
            fcvt_lu_d 0 1fdda99db978ad13 0 1
            fcvt_lu_d 0 7fe3cd4600000000 ffffffffffffffff 16
            fcvt_lu_d 1 437000000000001f 1000000000001f0 0
            fcvt_lu_d 1 b2921a113e031548 0 1
            fcvt_lu_d 1 5d80000000000fff ffffffffffffffff 16
            fcvt_lu_d 2 41e0000000000000 80000000 0
            fcvt_lu_d 2 320ffffffffffffc 0 1
            fcvt_lu_d 2 7a3390600f604377 ffffffffffffffff 16
            fcvt_lu_d 3 4000000000000000 2 0
            fcvt_lu_d 3 835000000007ffff 0 1
            fcvt_lu_d 3 c1e0000000000000 0 16
            fcvt_lu_d 4 4396ccc7d119f21f 5b331f4467c87c0 0
            fcvt_lu_d 4 820db94510000000 0 1
            fcvt_lu_d 4 ffea5be000000000 0 16
            fcvt_lu_s 0 527fffc0 3ffff00000 0
            fcvt_lu_s 0 bb9ce28d 0 1
            fcvt_lu_s 0 790223f7 ffffffffffffffff 16
            fcvt_lu_s 1 5d4df2b3 cdf2b3000000000 0
            fcvt_lu_s 1 9296ce62 0 1
            fcvt_lu_s 1 fa7ffffe 0 16
            fcvt_lu_s 2 51800003 1000006000 0
            fcvt_lu_s 2 33925195 0 1
            fcvt_lu_s 2 d3ea26ee 0 16
            fcvt_lu_s 3 5640e000 303800000000 0
            fcvt_lu_s 3 3fbb0000 2 1
            fcvt_lu_s 3 cb000007 0 16
            fcvt_lu_s 4 540c393b 230e4ec0000 0
            fcvt_lu_s 4 3d10f8ec 0 1
            fcvt_lu_s 4 74992bd5 ffffffffffffffff 16
            fcvt_s_d 0 fff0000000000000 ff800000 0
            fcvt_s_d 0 be402e2df3fe89b1 b2017170 1
            fcvt_s_d 0 fff4000000000000 7fc00000 16
            fcvt_s_d 0 a7608ce7c2670000 80000000 3
            fcvt_s_d 0 55fffffc00000000 7f800000 5
            fcvt_s_d 1 bf27000000000000 b9380000 0
            fcvt_s_d 1 bc9254d66b5d5c8c a492a6b3 1
            fcvt_s_d 1 fff4000000000000 7fc00000 16
            fcvt_s_d 1 a48c6b8c346f59f5 80000000 3
            fcvt_s_d 1 fc95567816a20000 ff7fffff 5
            fcvt_s_d 2 3e65200000000000 33290000 0
            fcvt_s_d 2 441c8ab257e0f689 60e45592 1
            fcvt_s_d 2 fff4000000000000 7fc00000 16
            fcvt_s_d 2 7b1e5063486e21b 0 3
            fcvt_s_d 2 660ffff800000000 7f7fffff 5
            fcvt_s_d 3 bff0000000000000 bf800000 0
            fcvt_s_d 3 41a9a57dcaec3eeb 4d4d2bef 1
            fcvt_s_d 3 7ff0000000000001 7fc00000 16
            fcvt_s_d 3 8e7fffffffc00000 80000000 3
            fcvt_s_d 3 7ed3ffffffffffff 7f800000 5
            fcvt_s_d 4 3fe0000000000000 3f000000 0
            fcvt_s_d 4 3f5605b9ad13b1dc 3ab02dcd 1
            fcvt_s_d 4 7ff0000000000001 7fc00000 16
            fcvt_s_d 4 83377e8d9cf00000 80000000 3
            fcvt_s_d 4 ff52c5b61a041502 ff800000 5
            fcvt_s_l 0 ffffffc000000000 d2800000 0
            fcvt_s_l 0 135ea57871e 539af52c 1
            fcvt_s_l 1 5c0000000000000 5cb80000 0
            fcvt_s_l 1 5c5adffc 4eb8b5bf 1
            fcvt_s_l 2 ffff 477fff00 0
            fcvt_s_l 2 eb9b3af73e8c2fad dda32629 1
            fcvt_s_l 3 15a0800000000000 5dad0400 0
            fcvt_s_l 3 ffffffffcc29921b ce4f59b7 1
            fcvt_s_l 4 5000000000000000 5ea00000 0
            fcvt_s_l 4 e5be08928ddc1270 ddd20fbb 1
            fcvt_s_lu 0 265b6c4 4c196db1 0
            fcvt_s_lu 0 fffffffffffffffc 5f800000 1
            fcvt_s_lu 1 0 0 0
            fcvt_s_lu 1 ff55dfe30fbd22b3 5f7f55df 1
            fcvt_s_lu 2 8f3ef80000000000 5f0f3ef8 0
            fcvt_s_lu 2 225d99f1 4e097667 1
            fcvt_s_lu 3 ff00000000000000 5f7f0000 0
            fcvt_s_lu 3 47334a97 4e8e6696 1
            fcvt_s_lu 4 fffff80000000000 5f7ffff8 0
            fcvt_s_lu 4 86f615f8cd3cdfee 5f06f616 1
            fcvt_s_w 0 ffff 477fff00 0
            fcvt_s_w 0 ade0a641b4a590e3 ce96b4de 1
            fcvt_s_w 1 ca1a2f4400000000 0 0
            fcvt_s_w 1 fffe85834d43c040 4e9a8780 1
            fcvt_s_w 2 3ff 447fc000 0
            fcvt_s_w 2 ffffffffd8d57936 ce1caa1c 1
            fcvt_s_w 3 fffff80000000000 0 0
            fcvt_s_w 3 c4c6a86417c 4ed50c83 1
            fcvt_s_w 4 fffffffffffffffe c0000000 0
            fcvt_s_w 4 584b5e063509 4ebc0c6a 1
            fcvt_s_wu 0 e3d0a16528e8a500 4e23a294 0
            fcvt_s_wu 0 95043653da82dd2a 4f5a82dd 1
            fcvt_s_wu 1 f000000000000000 0 0
            fcvt_s_wu 1 ffffffff8677877b 4f067787 1
            fcvt_s_wu 2 e400000000000000 0 0
            fcvt_s_wu 2 25efaee4 4e17bebb 1
            fcvt_s_wu 3 ffffffe000000000 0 0
            fcvt_s_wu 3 78ac653c41e531c7 4e83ca64 1
            fcvt_s_wu 4 e000000000000000 0 0
            fcvt_s_wu 4 4b22ba85e7c4157a 4f67c415 1
            fcvt_w_d 0 c1e0000000000000 ffffffff80000000 0
            fcvt_w_d 0 805000ffffffffff 0 1
            fcvt_w_d 0 6eac86a851539a73 7fffffff 16
            fcvt_w_d 1 c1e0000000000000 ffffffff80000000 0
            fcvt_w_d 1 3f2055f5fad4a226 0 1
            fcvt_w_d 1 fc3b75d928d0fcde ffffffff80000000 16
            fcvt_w_d 2 c0e5700000000000 ffffffffffff5480 0
            fcvt_w_d 2 3e7084eb2d538f3c 0 1
            fcvt_w_d 2 444956a99f98ba19 7fffffff 16
            fcvt_w_d 3 0 0 0
            fcvt_w_d 3 383d766000000000 1 1
            fcvt_w_d 3 41e0000000000000 7fffffff 16
            fcvt_w_d 4 4164800000000000 a40000 0
            fcvt_w_d 4 bc1001ffffffffff 0 1
            fcvt_w_d 4 e061cb669be9ebd9 ffffffff80000000 16
            fcvt_w_s 0 c3100000 ffffffffffffff70 0
            fcvt_w_s 0 c2ff0000 ffffffffffffff80 1
            fcvt_w_s 0 d30224db ffffffff80000000 16
            fcvt_w_s 1 4c00ffff 203fffc 0
            fcvt_w_s 1 8bfffe00 0 1
            fcvt_w_s 1 79ffffe0 7fffffff 16
            fcvt_w_s 2 ce7e0000 ffffffffc0800000 0
            fcvt_w_s 2 2083ffff 0 1
            fcvt_w_s 2 e954f658 ffffffff80000000 16
            fcvt_w_s 3 ce7ffffe ffffffffc0000080 0
            fcvt_w_s 3 84000003 0 1
            fcvt_w_s 3 57fffff8 7fffffff 16
            fcvt_w_s 4 44400000 300 0
            fcvt_w_s 4 d0fffff 0 1
            fcvt_w_s 4 f114a3ea ffffffff80000000 16
            fcvt_wu_d 0 41e0000000000000 ffffffff80000000 0
            fcvt_wu_d 0 82bffff800000000 0 1
            fcvt_wu_d 0 c2e3b75aaa960000 0 16
            fcvt_wu_d 1 0 0 0
            fcvt_wu_d 1 3f3797826fabdcf3 0 1
            fcvt_wu_d 1 fd02533499a4d15f 0 16
            fcvt_wu_d 2 417c224e00000000 1c224e0 0
            fcvt_wu_d 2 3e2010a40984ce00 0 1
            fcvt_wu_d 2 680b4378bf88b422 ffffffffffffffff 16
            fcvt_wu_d 3 0 0 0
            fcvt_wu_d 3 928fffc000000000 0 1
            fcvt_wu_d 3 43f0000000000000 ffffffffffffffff 16
            fcvt_wu_d 4 4192855cc0000000 4a15730 0
            fcvt_wu_d 4 13b1f82d68d9317 0 1
            fcvt_wu_d 4 c340000000000fff 0 16
            fcvt_wu_s 0 43f00000 1e0 0
            fcvt_wu_s 0 8c63ae1e 0 1
            fcvt_wu_s 0 f4be95c0 0 16
            fcvt_wu_s 1 4c3fffff 2fffffc 0
            fcvt_wu_s 1 996f65bb 0 1
            fcvt_wu_s 1 5af43d00 ffffffffffffffff 16
            fcvt_wu_s 2 4b00ffff 80ffff 0
            fcvt_wu_s 2 37c9e199 0 1
            fcvt_wu_s 2 d97ffc00 0 16
            fcvt_wu_s 3 4f7fffff ffffffffffffff00 0
            fcvt_wu_s 3 1116aeb4 1 1
            fcvt_wu_s 3 dc7ffe00 0 16
            fcvt_wu_s 4 4f000000 ffffffff80000000 0
            fcvt_wu_s 4 8bfffe00 0 1
            fcvt_wu_s 4 7326d4c4 ffffffffffffffff 16
            fdiv_d 0 2effffffffffc00 31ffffffffffc00 3fc0000000000000 0
            fdiv_d 0 c2500000007fffff 4250000000800000 bfeffffffffffffe 1
            fdiv_d 0 fff4000000000000 1c4000000000000 7ff8000000000000 16
            fdiv_d 0 13e7370941bf5ac d20000000000000f 8000000000000000 3
            fdiv_d 0 fdd09d1f96cda80a 1009d1f96cda80a fff0000000000000 5
            fdiv_d 0 e871a68a8e07cdc0 0 fff0000000000000 8
            fdiv_d 1 cf53e2f9c90e4cdb 4f53e2f9c90e4cdb bff0000000000000 0
            fdiv_d 1 e8dff00000000000 68dfeffffffffffe bff0000000000001 1
            fdiv_d 1 7ff0000000000000 fff0000000000000 7ff8000000000000 16
            fdiv_d 1 1 fd00000000000001 8000000000000000 3
            fdiv_d 1 7f4000000003ffff 3dd0003fffffffff 7fefffffffffffff 5
            fdiv_d 1 17a8bcf79af87f1f 0 7ff0000000000000 8
            fdiv_d 2 8f7aab904d9fcf0e 912aab904d9fcf0e 3e40000000000000 0
            fdiv_d 2 fe100007ffffffff 4248000000000000 fbb5555fffffffff 1
            fdiv_d 2 fff4000000000000 7ff4000000000000 7ff8000000000000 16
            fdiv_d 2 a4807a36a7100fc7 7dd296cfa4884d69 8000000000000001 3
            fdiv_d 2 f53e05e1fc8ecb87 a040000000ffffff 7fefffffffffffff 5
            fdiv_d 2 c08520cb92ab9880 0 fff0000000000000 8
            fdiv_d 3 5d7d2531ccb9f4f5 dd7d2531ccb9f4f5 bff0000000000000 0
            fdiv_d 3 517e000000000000 4131038000000000 503c366d43db70f1 1
            fdiv_d 3 bd703fffffffffff 7ff0000000000001 7ff8000000000000 16
            fdiv_d 3 80324d2a62be0aef 7df24d2a62be0aef 8000000000000000 3
            fdiv_d 3 415beecf88606fdf 422e9e7afda99e 7ff0000000000000 5
            fdiv_d 3 440fc00000000000 8000000000000000 fff0000000000000 8
            fdiv_d 4 4400003fffffffff 7ff0000000000000 0 0
            fdiv_d 4 dbc41c0094473d7f 5bc41c0094473d80 bfeffffffffffffe 1
            fdiv_d 4 7ff0000000000001 8210000000000001 7ff8000000000000 16
            fdiv_d 4 1fc00000000000 4210000000000001 7f000 3
            fdiv_d 4 7c5c5b888466c96d b6475d96341fabfc fff0000000000000 5
            fdiv_d 4 81efff8000000000 8000000000000000 7ff0000000000000 8
            fdiv_s 0 327ffff8 25fffff8 4c000000 0
            fdiv_s 0 cf000000 d49aee80 39d37fee 1
            fdiv_s 0 7f800001 ff800001 7fc00000 16
            fdiv_s 0 4a8b443 f928b443 80000000 3
            fdiv_s 0 79fa51f8 857a51f8 ff800000 5
            fdiv_s 0 708007ff 80000000 ff800000 8
            fdiv_s 1 80000000 cf000000 0 0
            fdiv_s 1 24c5777f a4c5777e bf800000 1
            fdiv_s 1 ffa00000 7fa00000 7fc00000 16
            fdiv_s 1 96a808cf 63ffffc0 80000000 3
            fdiv_s 1 7c8bb09c 870bb09c ff7fffff 5
            fdiv_s 1 8effff80 80000000 7f800000 8
            fdiv_s 2 5de89e90 dde89e90 bf800000 0
            fdiv_s 2 62a4dece e2a4ded0 bf7ffffd 1
            fdiv_s 2 7f800001 ff800003 7fc00000 16
            fdiv_s 2 8a3afe66 7cbafe66 80000001 3
            fdiv_s 2 7e0000ff 870000ff ff800000 5
            fdiv_s 2 adfffc00 0 ff800000 8
            fdiv_s 3 3b807fff 32807fff 48800000 0
            fdiv_s 3 f36c0000 736bfffe bf800001 1
            fdiv_s 3 ffa00000 7fa00002 7fc00000 16
            fdiv_s 3 840fffff d37ffff0 1 3
            fdiv_s 3 fc34d88d 13000001 ff7fffff 5
            fdiv_s 3 3a7ffffc 0 7f800000 8
            fdiv_s 4 a6661d80 26661d80 bf800000 0
            fdiv_s 4 cbdde2ad 5288a653 b8cfd729 1
            fdiv_s 4 ffa00000 407ffff 7fc00000 16
            fdiv_s 4 a4b86875 64fef251 80172571 3
            fdiv_s 4 7b00003f 8080003f ff800000 5
            fdiv_s 4 1 80000000 ff800000 8
            feq_d 0 50611ef29a6e7e01 d0611ef29a6e7e01 0 0
            feq_d 0 439fffffc0000000 fff4000000000000 0 16
            feq_s 0 f6fc0000 eefc0000 0 0
            feq_s 0 ffa00000 7fa00002 0 16
            fle_d 0 bff0000000000000 3ff0000000000000 1 0
            fle_d 0 7ff0000000000001 7d10000000000001 0 16
            fle_s 0 f601ffff e801ffff 1 0
            fle_s 0 7f800001 ff800001 0 16
            flt_d 0 7fefffffffffffff ffefffffffffffff 0 0
            flt_d 0 7ff8000000000000 586e9d1288c6cf34 0 16
            flt_s 0 3e00001f 52f49ea9 1 0
            flt_s 0 ffa00000 f2118a82 0 16
            fmadd_d 0 82affb5f275944c2 833ffb5f275944c2 7fffffffffffffff 7ff8000000000000 0
            fmadd_d 0 c29ffffffffffff0 bfcffffffffffff0 30be2373d6966695 427fffffffffffe0 1
            fmadd_d 0 7ff0000000000001 7c80000000000001 fff8000000000001 7ff8000000000000 16
            fmadd_d 0 18211f15462de245 1 8000000000000000 0 3
            fmadd_d 0 f12440378c83dc96 712440378c83dc96 fdc0000000000000 fff0000000000000 5
            fmadd_d 1 c2bfffffffc00000 42bfffffffc00000 458fffffff800000 c1b0000000000000 0
            fmadd_d 1 c181211c86edde00 be61211c86edde00 1cc4d14b0ca8a323 3ff256a12498e9a6 1
            fmadd_d 1 fff4000000000000 7ff4000000000000 81291da52d760b44 7ff8000000000000 16
            fmadd_d 1 9f2c22e068602fae 1f2c22e068602fb0 317a5d7 8000000000000000 3
            fmadd_d 1 f66f05e861f94d19 f5ff05e861f94d19 7db0000000000000 7fefffffffffffff 5
            fmadd_d 2 7ff8000000000000 fff8000000000000 d0688512c5286e21 7ff8000000000000 0
            fmadd_d 2 3f10000000003fff bf10000000004001 7e9ffffffe000000 7e9ffffffdffffff 1
            fmadd_d 2 fb8edc682e11a0b2 7b8edc682e11a0b2 7ff0000000000001 7ff8000000000000 16
            fmadd_d 2 8020b915afa8d3d1 3eb0a8316e751c43 22d1c17b2 8000000000000003 3
            fmadd_d 2 7c968350c4c00000 fd91932f6d031644 7fde000000000000 fff0000000000000 5
            fmadd_d 3 3c0d64aa6d0612f2 38bd64aa6d0612f2 b4daffb192501020 319032d77c5f7662 0
            fmadd_d 3 3ad903861680000 c07bb763b4cd3a47 825b9cb454db3915 84399b1c724281cf 1
            fmadd_d 3 7ff0000000000001 3e2ff80000000000 7d68000000000001 7ff8000000000000 16
            fmadd_d 3 8236f24eb5b89b6a 236f24eb5b89b69 0 8000000000000000 3
            fmadd_d 3 fdc8000000000000 fcf8000000000000 ff0ffc0000000000 7ff0000000000000 5
            fmadd_d 4 3fe0000000000000 3ed0000000000000 41cffffffffffff8 41d0000000000004 0
            fmadd_d 4 817ffffffe000000 17ffffffdffffff c1a1d9a3165fc3e6 c1a1d9a3165fc3e6 1
            fmadd_d 4 7ff0000000000001 fff0000000000002 7d48000000000001 7ff8000000000000 16
            fmadd_d 4 1648d9d9476c60d3 9648d9d9476c60d5 2 2 3
            fmadd_d 4 6300ab2c05323a36 5f90ab2c05323a36 fdfb10d8873a50f9 7ff0000000000000 5
            fmadd_s 0 8efffff8 efffff6 ff800000 ff800000 0
            fmadd_s 0 1a96f60d 2316f60d 77800000 77800000 1
            fmadd_s 0 7f800001 ff800001 ffc00001 7fc00000 16
            fmadd_s 0 3800000 b000000 80000002 80000002 3
            fmadd_s 0 f171f240 f6f1f240 ff7ffffe 7f800000 5
            fmadd_s 1 7dffffe0 827fffe0 40ffffc0 ae000000 0
            fmadd_s 1 8a5d4144 a5d4146 3c1de59e 3c1de59d 1
            fmadd_s 1 7f800000 7fc00000 ffbffffe 7fc00000 16
            fmadd_s 1 10c7befb 4c7befb 80000000 0 3
            fmadd_s 1 ea7fe000 fd800001 7ee7cd79 7f7fffff 5
            fmadd_s 2 3f800000 3f800000 c99a3ff0 c99a3fe8 0
            fmadd_s 2 dde11e9e 5de11e9e 2028c330 fc45f6d6 1
            fmadd_s 2 7f800001 ff800001 8c3ef54f 7fc00000 16
            fmadd_s 2 a0d34209 20d3420a 22e55ed 2 3
            fmadd_s 2 f2c00000 72bffffe 3f5f1b95 ff800000 5
            fmadd_s 3 2201ffff 559aa838 b81d12da ad15541c 0
            fmadd_s 3 38a77a40 b8a77a40 bb8714fc bb871509 1
            fmadd_s 3 7f800001 8c000001 40000000 7fc00000 16
            fmadd_s 3 1a0e3076 9a0e3076 1 1 3
            fmadd_s 3 6f080000 ef080002 4d800000 ff7fffff 5
            fmadd_s 4 ff800000 7f7fffff 81803fff ff800000 0
            fmadd_s 4 fbda11b7 5a11b7 ce8acef3 ce8acef3 1
            fmadd_s 4 ffa00000 1a00000 3000fff 7fc00000 16
            fmadd_s 4 1415d19a 5b6d402 80000000 0 3
            fmadd_s 4 657b5a61 e57b5a61 38d5bc3a ff800000 5
            fmax_d 0 15450b0c7bb5b193 95450b0c7bb5b194 15450b0c7bb5b193 0
            fmax_d 0 7ff0000000000001 fff0000000000001 7ff8000000000000 16
            fmax_s 0 81fffff8 e4007fff 81fffff8 0
            fmax_s 0 ffa00000 f9a00000 f9a00000 16
            fmin_d 0 444ffffffffffe00 c44ffffffffffdfe c44ffffffffffdfe 0
            fmin_d 0 c1ffffff80000000 fff4000000000000 c1ffffff80000000 16
            fmin_s 0 2f9879dd af9879dd af9879dd 0
            fmin_s 0 7f800001 ff800003 7fc00000 16
            fmsub_d 0 6bcf800000000000 acfffe000000000 b6af7fe080000000 36bf7fe080000000 0
            fmsub_d 0 c1900000001fffff 41900000001ffffe 81be000000000000 c3300000003ffffd 1
            fmsub_d 0 ebbfac613d5d9138 6bbfac613d5d9137 7ff0000000000002 7ff8000000000000 16
            fmsub_d 0 834ffffff0000000 85effffff0000000 8000000000000000 0 3
            fmsub_d 0 e88fb8b429c8da9a e50fb8b429c8da9a 7dea32ad54163c59 7ff0000000000000 5
            fmsub_d 1 c2ac000000000000 42ac000000000000 4568800000000000 c578800000000000 0
            fmsub_d 1 1 2a5088d3a979359b bff0000000000000 3ff0000000000000 1
            fmsub_d 1 fff4000000000000 104000000000000 7ffc000000000000 7ff8000000000000 16
            fmsub_d 1 831000000003ffff 31000000003ffff 0 8000000000000000 3
            fmsub_d 1 7d5051cdcbd3a834 7ab051cdcbd3a834 7e0d4e7400000000 7fefffffffffffff 5
            fmsub_d 2 c3e0000000000000 1dffffffffffc00 5cffffffffffc02 85dffffffffffc01 0
            fmsub_d 2 4000000000000000 4160000000000000 80c4940000000000 4170000000000000 1
            fmsub_d 2 fff4000000000000 244000000000000 d460000000000001 7ff8000000000000 16
            fmsub_d 2 995ff80000000000 97bff80000000000 8000000000000000 0 3
            fmsub_d 2 fd8391e06a633865 fbe391e06a633865 c3e0000000000000 7fefffffffffffff 5
            fmsub_d 3 78dfffc000000000 f8dfffc000000001 7ff0000000000000 fff0000000000000 0
            fmsub_d 3 cae000000000003f cbd000000000003f 472ffffffffff800 56c000000000007f 1
            fmsub_d 3 7ff0000000000001 fff0000000000001 7fc8000000000001 7ff8000000000000 16
            fmsub_d 3 8327a0ed6adbca53 327a0ed6adbca52 1 8000000000000001 3
            fmsub_d 3 646d9d18db11ab6e 7e8ffffffc000000 aa9ffffffff80000 7ff0000000000000 5
            fmsub_d 4 41e0000000000000 c1e0000000000000 43d0000000000000 c3e0000000000000 0
            fmsub_d 4 a549b3e0e5848000 a3b9b3e0e5848000 c1e0000000000000 41e0000000000000 1
            fmsub_d 4 7c800007ffffffff 7ff0000000000001 fff8000000000001 7ff8000000000000 16
            fmsub_d 4 94563950bd283ee8 14563950bd283ee7 0 8000000000000000 3
            fmsub_d 4 7dc8a00000000000 fdc8a00000000001 fc60000000000000 fff0000000000000 5
            fmsub_s 0 40000000 c0000000 40800000 c1000000 0
            fmsub_s 0 bc0858e3 3c0858e3 38913d21 b9113d21 1
            fmsub_s 0 72803fff 64003fff ff800002 7fc00000 16
            fmsub_s 0 1626a51c 9626a51b 1 80000001 3
            fmsub_s 0 ff000000 78b63b59 f0800000 ff800000 5
            fmsub_s 1 fafffff8 7afffff6 7f800000 ff800000 0
            fmsub_s 1 250b600 4d0b600 fc000000 7c000000 1
            fmsub_s 1 5f800000 df800000 7f800001 7fc00000 16
            fmsub_s 1 8a9c4300 821c4300 80000002 2 3
            fmsub_s 1 6580007f 6200007f 6fffff0 7f7fffff 5
            fmsub_s 2 7f800000 d00c69a1 f8800000 ff800000 0
            fmsub_s 2 bc85e54d 3c85e54d b40c101f b98bfe9d 1
            fmsub_s 2 ffa00000 7afffe00 fae00000 7fc00000 16
            fmsub_s 2 7fffff 67fffff 80000000 0 3
            fmsub_s 2 e1b2b5f0 61b2b5f0 908d589d ff800000 5
            fmsub_s 3 f40fffff fb0fffff ff800000 7f800000 0
            fmsub_s 3 dba11878 5ba11878 77cabf91 f84abf91 1
            fmsub_s 3 ff800000 7f800001 58ebda11 7fc00000 16
            fmsub_s 3 1ffb8000 11fb8000 80000000 1 3
            fmsub_s 3 fb140000 7b13ffff 5ab7eb84 ff7fffff 5
            fmsub_s 4 ff800000 fd000000 fb76df81 7f800000 0
            fmsub_s 4 8b5a6e42 b5a6e42 3f000000 bf000000 1
            fmsub_s 4 7f800001 ff800001 ffc00001 7fc00000 16
            fmsub_s 4 a430cd0 5430cd0 80000000 0 3
            fmsub_s 4 767ffff8 75fffff8 81800000 7f800000 5
            fmul_d 0 be60000000000000 3e60000000000000 bcd0000000000000 0
            fmul_d 0 c2b0000000ffffff c550000000ffffff 4810000001fffffe 1
            fmul_d 0 7ff0000000000001 3c89fd2a47f860fe 7ff8000000000000 16
            fmul_d 0 fffffffffffff 800fffffffffffff 8000000000000000 3
            fmul_d 0 7f025bd59cc0eba7 ff025bd59cc0eba7 fff0000000000000 5
            fmul_d 1 3ff0000000000000 bff0000000000000 bff0000000000000 0
            fmul_d 1 3c12b7d92a123e43 f47d7d04641b267b f0a13fbd87f66d37 1
            fmul_d 1 fff4000000000000 3e9fffffffffff80 7ff8000000000000 16
            fmul_d 1 83a98894363b0c00 81c98894363b0c00 0 3
            fmul_d 1 ffa00000000007ff 440fffffffff8000 ffefffffffffffff 5
            fmul_d 2 294fffff00000000 a94fffff00000000 92affffe00000800 0
            fmul_d 2 c0ee8294ec641ca6 c1ae8294ec641ca6 42ad16ec17f17490 1
            fmul_d 2 fff4000000000000 7ff3fffffffffffe 7ff8000000000000 16
            fmul_d 2 95fe8ed3219b5860 15fe8ed3219b5860 8000000000000001 3
            fmul_d 2 e6b52d4000000000 66b52d3ffffffffe fff0000000000000 5
            fmul_d 3 3bdfc00000000000 bbdfc00000000000 b7cf808000000000 0
            fmul_d 3 4e98242455f0c0a7 8161ffffffffffff 900b28a8e0aed8ba 1
            fmul_d 3 7ff0000000000001 d747400000000000 7ff8000000000000 16
            fmul_d 3 847528b477a61569 20fffffffff00000 8000000000000000 3
            fmul_d 3 e2b9c1174785f488 fea00fffffffffff 7ff0000000000000 5
            fmul_d 4 c2d2100000000000 42d2100000000000 c5b4641000000000 0
            fmul_d 4 52124b96b90f7996 d2124b96b90f7996 e434eb783af598e4 1
            fmul_d 4 7ff0000000000001 8250000000000001 7ff8000000000000 16
            fmul_d 4 8ed4fae473557e26 ed4fae473557e26 8000000000000000 3
            fmul_d 4 7fa000ffffffffff ffa000fffffffffe fff0000000000000 5
            fmul_s 0 3f800000 828000ff 828000ff 0
            fmul_s 0 8d01d2a 40b40000 a125482 1
            fmul_s 0 98600000 7f800001 7fc00000 16
            fmul_s 0 4906000 84906001 80000000 3
            fmul_s 0 5b0003ff 6ba7418a 7f800000 5
            fmul_s 1 b030be20 cc000000 3cb0be20 0
            fmul_s 1 4f7fffff 4b7fffff 5b7ffffe 1
            fmul_s 1 7f800001 ff800002 7fc00000 16
            fmul_s 1 18b00000 98b00000 80000000 3
            fmul_s 1 f6be89a8 76be89a7 ff7fffff 5
            fmul_s 2 4a780000 ca780000 d5704000 0
            fmul_s 2 cf0000ff d80000ff 678001fe 1
            fmul_s 2 7f800001 fef0b4c4 7fc00000 16
            fmul_s 2 10800000 f800000 0 3
            fmul_s 2 fd0e4f3e f80e4f3e 7f7fffff 5
            fmul_s 3 800000 f8800000 b9800000 0
            fmul_s 3 75fffe00 1963786e 4fe376a8 1
            fmul_s 3 ffa00000 b200000 7fc00000 16
            fmul_s 3 7e232f6 347ffff0 e233 3
            fmul_s 3 f88a3800 ec0a3800 7f800000 5
            fmul_s 4 c07fc000 c07fc000 417f8010 0
            fmul_s 4 d98d839b e48d839b 7e9c7479 1
            fmul_s 4 7f800000 7f800001 7fc00000 16
            fmul_s 4 836e0000 a24e3b67 0 3
            fmul_s 4 f907ffff 7907ffff ff800000 5
            fnmadd_d 0 b0bc000000000000 25c82fcbf2a13b4b 169529d2744d13e2 9338000000000000 0
            fnmadd_d 0 5ebaf5f33e379c12 5f2ffffe00000000 7bbaf5f18ed8682f fdfaf5f18eda178e 1
            fnmadd_d 0 dff5be1800000000 e075be1800000000 fff0000000000001 7ff8000000000000 16
            fnmadd_d 0 88d5fa53df75b7d6 8d5fa53df75b7d4 0 0 3
            fnmadd_d 0 f9967a2fb500a1f7 79967a2fb500a1f7 2e5fffffffe00000 7ff0000000000000 5
            fnmadd_d 1 4a800001ffffffff ca80000200000000 5510000400003ffe 51cffffc00000000 0
            fnmadd_d 1 c17819618e56be0f 417819618e56be11 c25226267719ee08 4302286b3be8d145 1
            fnmadd_d 1 fff0000000000000 fe20000000000000 fff0000000000000 7ff8000000000000 16
            fnmadd_d 1 820ba19e1c283a95 20ba19e1c283a95 0 0 3
            fnmadd_d 1 fdfffffffffff000 7dffffffffffeffe 8290000000000000 7fefffffffffffff 5
            fnmadd_d 2 79d0000007ffffff c2060beb00000000 7be60beb0b05f580 f8a60beb00000000 0
            fnmadd_d 2 d11ffff000000000 cd5ffff000000000 5affffe000080000 de8fffe000080001 1
            fnmadd_d 2 7e8f000000000000 fe8efffffffffffe 7ff0000000000001 7ff8000000000000 16
            fnmadd_d 2 8130000000007fff c140f5274c95f6df 8280f5274c967e87 80000015891d76cd 3
            fnmadd_d 2 7c9ffccee7e3b776 fc9ffccee7e3b776 cd59612a519a34c4 7fefffffffffffff 5
            fnmadd_d 3 bb80170334430aab 3b80170334430aac 37102e2781bcfa58 33d85ee94236d8e4 0
            fnmadd_d 3 2bf07b44415ea2c0 abf07b44415ea2c1 2d00000003fffff 17f0fa3e2d4d8137 1
            fnmadd_d 3 817797fab12aebb4 7ff797fab12aebb4 ffff97fab12aebb5 7ff8000000000000 16
            fnmadd_d 3 151c496aa67790d2 828000000001ffff 2 8000000000000001 3
            fnmadd_d 3 6a5465f5299985a7 ea5465f5299985a7 c28ffffffffffffe 7ff0000000000000 5
            fnmadd_d 4 b48545247b5f03ee b81545247b5f03ee acac46aa8ed4acb7 29682805614c8ebc 0
            fnmadd_d 4 5d80eff5ef64130d dd80eff5ef64130d 833fffffffff0000 7b11edfab0dc352a 1
            fnmadd_d 4 fff4000000000000 ffc4000000000000 7ffc000000000001 7ff8000000000000 16
            fnmadd_d 4 9d544c60f77b13bd 1d544c60f77b13bd 1 8000000000000001 3
            fnmadd_d 4 ff1f800000000000 7f1f800000000001 feb0000000000000 7ff0000000000000 5
            fnmadd_s 0 7f7fffff 369f4188 f69f4187 ea417cf0 0
            fnmadd_s 0 4e8b2adb ce8b2adb 7ca69dee fca69dee 1
            fnmadd_s 0 7f800000 d6807fff 7f800000 7fc00000 16
            fnmadd_s 0 8387ffff 8787ffff 80000000 80000000 3
            fnmadd_s 0 f203ffff f683ffff 708007ff ff800000 5
            fnmadd_s 1 8bff8000 bff8000 ffffffff 7fc00000 0
            fnmadd_s 1 b70003ff 3d83ffff c62770f1 462770f1 1
            fnmadd_s 1 7f800001 ff800001 67fffc0 7fc00000 16
            fnmadd_s 1 95221975 15221975 0 0 3
            fnmadd_s 1 f5b00000 ea300000 c08007ff ff7fffff 5
            fnmadd_s 2 ff800000 c000000 6101ffff 7f800000 0
            fnmadd_s 2 8ce25264 ce25264 ceffc000 4effc000 1
            fnmadd_s 2 fcb83c32 7cb83c32 7f800002 7fc00000 16
            fnmadd_s 2 881fffff 8200001 0 0 3
            fnmadd_s 2 760cdeea f60cdeea f7000000 7f7fffff 5
            fnmadd_s 3 cf7ffff0 4f7ffff0 5f7fffe2 d3ffff80 0
            fnmadd_s 3 b37ffffc 337ffffc c47ff800 447ff801 1
            fnmadd_s 3 ffa00000 5a00000 d721c815 7fc00000 16
            fnmadd_s 3 91b1d00b 11b1d00d 0 1 3
            fnmadd_s 3 61a3e635 e1a3e635 f3000000 7f800000 5
            fnmadd_s 4 f1075b10 71075b11 7f800000 ff800000 0
            fnmadd_s 4 71070000 b9168000 c8d4da50 6a9ebb00 1
            fnmadd_s 4 7fc00000 ffbffffe 72400000 7fc00000 16
            fnmadd_s 4 1a359f0b 9a359f0d 1 0 3
            fnmadd_s 4 fb40d5f0 7b40d5f0 93ab38a3 7f800000 5
            fnmsub_d 0 5f63a383f08acf2e c310000000000000 6283a383f08acf2e 6293a383f08acf2e 0
            fnmsub_d 0 c5501fffffffffff 45501fffffffffff 701ffffffffff000 701ffffffffff000 1
            fnmsub_d 0 7f6aa1b65031ca14 fff4000000000000 fc3c000000000000 7ff8000000000000 16
            fnmsub_d 0 e75f33fe662f71c 8e75f33fe662f71c 2 2 3
            fnmsub_d 0 e7edce6a6b4e99fc e84dce6a6b4e99fc 8370000000000000 fff0000000000000 5
            fnmsub_d 1 5b691d78cfa37e11 db691d78cfa37e11 7ff0000000000000 7ff0000000000000 0
            fnmsub_d 1 1bd76c7062e3bfec 9bd76c7062e3bfeb 7fd0000000000000 7fd0000000000000 1
            fnmsub_d 1 44a167f1b5c285b6 7f2b1f3f75485901 fff0000000000001 7ff8000000000000 16
            fnmsub_d 1 1507f14161057290 1687f14161057290 8000000000000001 8000000000000001 3
            fnmsub_d 1 fe00222de0000000 7e00222ddfffffff 7feffffffffffffe 7fefffffffffffff 5
            fnmsub_d 2 0 8000000000000000 7f80000000000000 7f80000000000000 0
            fnmsub_d 2 e6b67de700000000 139cdc7347a30dce 3a64491cbaf01b8d 3a74491cbaf01b8c 1
            fnmsub_d 2 fff0000000000000 7ff0000000000001 82d8000000000001 7ff8000000000000 16
            fnmsub_d 2 fbccd366cf647fa 8fbccd366cf647f9 0 0 3
            fnmsub_d 2 ff0dc00000000000 7f0dc00000000000 a0516ae630000000 7fefffffffffffff 5
            fnmsub_d 3 656ffffffffff000 e56ffffffffff000 7ff0000000000000 7ff0000000000000 0
            fnmsub_d 3 829f63ea956df9f8 7e39528220000000 c248d6fef329bebf c248d6fe8fcdc2f2 1
            fnmsub_d 3 c3e0000000000000 1 7ff0000000000001 7ff8000000000000 16
            fnmsub_d 3 95d8b64b301d96eb 15d8b64b301d96eb 0 1 3
            fnmsub_d 3 7e18da8cc4d4070c fe18da8cc4d4070c c370000000000001 7ff0000000000000 5
            fnmsub_d 4 c3e0000000000000 a1b0651bc43038a e0b0651bc43038a e1b0651bc43038a 0
            fnmsub_d 4 9aa957ef8bab8122 9c3957ef8bab8122 be29ca98d40c5b7c be29ca98d40c5b7c 1
            fnmsub_d 4 c14000000000ffff 414000000000ffff fff4000000000000 7ff8000000000000 16
            fnmsub_d 4 230e7d11a71128e 8230e7d11a71128e 0 0 3
            fnmsub_d 4 e29625f0b50902a0 629625f0b50902a1 fd751853561b640d 7ff0000000000000 5
            fnmsub_s 0 ff800000 7f800000 7f7ffffe 7f800000 0
            fnmsub_s 0 801d7136 1d7136 610c65c3 610c65c3 1
            fnmsub_s 0 f9adeaf2 868fc000 ffa00000 7fc00000 16
            fnmsub_s 0 84018000 4018002 0 0 3
            fnmsub_s 0 621e7044 e21e7044 1800000 7f800000 5
            fnmsub_s 1 ff800000 7f800000 8d7ffffc 7f800000 0
            fnmsub_s 1 b700007f 37000080 2e8000fd 2f0000fe 1
            fnmsub_s 1 7d7af807 6f7af807 ffa00000 7fc00000 16
            fnmsub_s 1 8c34f9e0 c34f9e0 80000000 0 3
            fnmsub_s 1 e090a81c ee90a81c ff7ffffe ff7fffff 5
            fnmsub_s 2 58fe0000 4c7e0000 e5fc0400 e67c0400 0
            fnmsub_s 2 cb003fff 4b003ffe e029bed2 e029bec2 1
            fnmsub_s 2 7f800000 ff800002 6bd3e843 7fc00000 16
            fnmsub_s 2 f3f1264 8f3f1264 0 0 3
            fnmsub_s 2 5f800000 df800000 7f7ffffe 7f7fffff 5
            fnmsub_s 3 4236a4dc 71abee06 7fc00000 7fc00000 0
            fnmsub_s 3 8e003fff 5329f6ad aaaa4ba7 aaaa4b7c 1
            fnmsub_s 3 ecd352ec 6cd352ec 7f800001 7fc00000 16
            fnmsub_s 3 afffe00 8afffdfe 0 1 3
            fnmsub_s 3 7d200000 fd200000 dc700000 7f800000 5
            fnmsub_s 4 70fba22e 7c7ba22e ff800000 ff800000 0
            fnmsub_s 4 5dbfffff ddbffffe 7c0ffffe 7c8ffffe 1
            fnmsub_s 4 7f800001 ddcd45c5 6cffff00 7fc00000 16
            fnmsub_s 4 dccdb13 11ccdb13 80000000 80000000 3
            fnmsub_s 4 fd4a8d05 7d4a8d05 8efffffe 7f800000 5
            fsqrt_d 0 10000000000000 2000000000000000 0
            fsqrt_d 0 187000000000ffff 2c30000000007fff 1
            fsqrt_d 0 80dff00000000000 7ff8000000000000 16
            fsqrt_d 1 8000000000000000 8000000000000000 0
            fsqrt_d 1 57a7c1c01a57148e 4bcb9272e3c4dbde 1
            fsqrt_d 1 c12fffffffff8000 7ff8000000000000 16
            fsqrt_d 2 1 1e60000000000000 0
            fsqrt_d 2 3f9fffffffffffff 3fc6a09e667f3bcc 1
            fsqrt_d 2 fd1000007fffffff 7ff8000000000000 16
            fsqrt_d 3 43f0000000000000 41f0000000000000 0
            fsqrt_d 3 739ae0a1dff1a000 59c4bcc5de94c76b 1
            fsqrt_d 3 c1d000000000007f 7ff8000000000000 16
            fsqrt_d 4 7ff8000000000000 7ff8000000000000 0
            fsqrt_d 4 3aba75542ad3c7e0 3d5493370f58244a 1
            fsqrt_d 4 c2a5e3e703feb9f0 7ff8000000000000 16
            fsqrt_s 0 7fc00000 7fc00000 0
            fsqrt_s 0 34800fff 3a0007ff 1
            fsqrt_s 0 88680000 7fc00000 16
            fsqrt_s 1 7fc00000 7fc00000 0
            fsqrt_s 1 79a04700 5c8f3b79 1
            fsqrt_s 1 91296ea0 7fc00000 16
            fsqrt_s 2 5f800000 4f800000 0
            fsqrt_s 2 40000000 3fb504f3 1
            fsqrt_s 2 a9adeca2 7fc00000 16
            fsqrt_s 3 5f800000 4f800000 0
            fsqrt_s 3 4cef0a1f 462eeb90 1
            fsqrt_s 3 f480007f 7fc00000 16
            fsqrt_s 4 0 0 0
            fsqrt_s 4 4fd28000 47a42572 1
            fsqrt_s 4 b64a0000 7fc00000 16
            fsub_d 0 c1701fffffffffff 41701fffffffffff c1801fffffffffff 0
            fsub_d 0 8190ffffffffffff 191000000000000 81a1000000000000 1
            fsub_d 0 7fefffffffffffff fff0000000000001 7ff8000000000000 16
            fsub_d 0 7fefff8000000000 ffefff8000000000 7ff0000000000000 5
            fsub_d 1 7fefffffffffffff 0 7fefffffffffffff 0
            fsub_d 1 c1e1217a3b9f0753 c401217a3b9f0753 4401217a3b9abef4 1
            fsub_d 1 fff4000000000000 20945388036318c 7ff8000000000000 16
            fsub_d 1 7fefffffffffffff ffefffffffffffff 7fefffffffffffff 5
            fsub_d 2 88f0e3b7920bb838 8f0e3b7920bb838 8900e3b7920bb838 0
            fsub_d 2 170000001ffffff 2c0000001ffffff 82bfffff03ffffdf 1
            fsub_d 2 350003fffffffff fff0003fffffffff 7ff8000000000000 16
            fsub_d 2 7fefffffffffff80 ffefffffffffff7f 7fefffffffffffff 5
            fsub_d 3 41403ad6215d0000 c1403ad6215d0000 41503ad6215d0000 0
            fsub_d 3 90eee0164df32446 93aee0164df32446 13aee0164df32258 1
            fsub_d 3 fff4000000000000 284000000000000 7ff8000000000000 16
            fsub_d 3 ffeffff000000000 7fefffeffffffffe ffefffffffffffff 5
            fsub_d 4 c32ffffffffff800 432ffffffffff800 c33ffffffffff800 0
            fsub_d 4 29dc0bbaa80f28a2 296c0bbaa80f28a2 29dbd3a332bf0a51 1
            fsub_d 4 7ff0000000000001 7d00000000000001 7ff8000000000000 16
            fsub_d 4 ffeffffffffffff8 7feffffffffffff8 fff0000000000000 5
            fsub_s 0 418859c0 c18859c0 420859c0 0
            fsub_s 0 801e784f 791e784f f91e784f 1
            fsub_s 0 ffa00000 7fa00000 7fc00000 16
            fsub_s 0 ff28d285 7f28d285 ff800000 5
            fsub_s 1 b2f077ba 32f077bc b37077bb 0
            fsub_s 1 471e5388 5d61c3e1 dd61c3e0 1
            fsub_s 1 ffa00000 7fa00002 7fc00000 16
            fsub_s 1 ff7f8000 7f7f7ffe ff7fffff 5
            fsub_s 2 7e7ff000 fe7feffe 7effefff 0
            fsub_s 2 ab0000ff 8538edc5 ab0000ff 1
            fsub_s 2 70fffffc ffa00000 7fc00000 16
            fsub_s 2 7f7fffff ff7fffff 7f7fffff 5
            fsub_s 3 4ed58798 ced58798 4f558798 0
            fsub_s 3 7259ce47 4c003fff 7259ce47 1
            fsub_s 3 7f800000 ff800001 7fc00000 16
            fsub_s 3 7f7fffff ff48e5be 7f800000 5
            fsub_s 4 c8c2c000 48c2c000 c942c000 0
            fsub_s 4 f4352823 ef352823 f434fad9 1
            fsub_s 4 bf080000 7f800001 7fc00000 16
            fsub_s 4 7f440000 ff440000 7f800000 5
            """;

    @Test
    void edgeCasesMatchQemu() {
        run(EDGE_VECTORS, 250);
    }

    @Test
    void randomSampleMatchesQemu() {
        run(RANDOM_VECTORS, 600);
    }

    private static void run(String table, int expectedAtLeast) {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String line : table.strip().split("\n")) {
            String[] t = line.strip().split("\\s+");
            String op = t[0];
            int rm = Integer.parseInt(t[1]);
            long[] x = new long[3];
            for (int i = 2; i < t.length - 2; i++) {
                x[i - 2] = Long.parseUnsignedLong(t[i], 16);
            }
            long want = Long.parseUnsignedLong(t[t.length - 2], 16);
            int wantFlags = Integer.parseInt(t[t.length - 1]);
            Fpu f = new Fpu();
            long got = eval(f, op, rm, x[0], x[1], x[2]);
            n++;
            if (got != want || f.fflags != wantFlags) {
                failures.add(String.format("%s: expected %x %s, got %x %s", line.strip(), want, flagNames(wantFlags), got, flagNames(f.fflags)));
            }
        }
        assertTrue(n >= expectedAtLeast, "table has only " + n + " vectors");
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + n + " vectors differ from qemu:\n  " + String.join("\n  ", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    /** Single results are compared as their raw 32 bits; everything else as the 64-bit value. */
    static long eval(Fpu f, String op, int rm, long a, long b, long c) {
        int x = (int) a, y = (int) b, z = (int) c;
        return switch (op) {
            case "fadd_s" -> u(f.fadd_s(x, y, rm));
            case "fsub_s" -> u(f.fsub_s(x, y, rm));
            case "fmul_s" -> u(f.fmul_s(x, y, rm));
            case "fdiv_s" -> u(f.fdiv_s(x, y, rm));
            case "fsqrt_s" -> u(f.fsqrt_s(x, rm));
            case "fmadd_s" -> u(f.fmadd_s(x, y, z, rm));
            case "fmsub_s" -> u(f.fmsub_s(x, y, z, rm));
            case "fnmsub_s" -> u(f.fnmsub_s(x, y, z, rm));
            case "fnmadd_s" -> u(f.fnmadd_s(x, y, z, rm));
            case "fmin_s" -> u(f.fmin_s(x, y));
            case "fmax_s" -> u(f.fmax_s(x, y));
            case "feq_s" -> f.feq_s(x, y);
            case "flt_s" -> f.flt_s(x, y);
            case "fle_s" -> f.fle_s(x, y);
            case "fclass_s" -> Fpu.fclass_s(x);
            case "fcvt_w_s" -> f.fcvt_w_s(x, rm);
            case "fcvt_wu_s" -> f.fcvt_wu_s(x, rm);
            case "fcvt_l_s" -> f.fcvt_l_s(x, rm);
            case "fcvt_lu_s" -> f.fcvt_lu_s(x, rm);
            case "fcvt_s_w" -> u(f.fcvt_s_w(a, rm));
            case "fcvt_s_wu" -> u(f.fcvt_s_wu(a, rm));
            case "fcvt_s_l" -> u(f.fcvt_s_l(a, rm));
            case "fcvt_s_lu" -> u(f.fcvt_s_lu(a, rm));
            case "fcvt_s_d" -> u(f.fcvt_s_d(a, rm));
            case "fcvt_d_s" -> f.fcvt_d_s(x);
            case "fadd_d" -> f.fadd_d(a, b, rm);
            case "fsub_d" -> f.fsub_d(a, b, rm);
            case "fmul_d" -> f.fmul_d(a, b, rm);
            case "fdiv_d" -> f.fdiv_d(a, b, rm);
            case "fsqrt_d" -> f.fsqrt_d(a, rm);
            case "fmadd_d" -> f.fmadd_d(a, b, c, rm);
            case "fmsub_d" -> f.fmsub_d(a, b, c, rm);
            case "fnmsub_d" -> f.fnmsub_d(a, b, c, rm);
            case "fnmadd_d" -> f.fnmadd_d(a, b, c, rm);
            case "fmin_d" -> f.fmin_d(a, b);
            case "fmax_d" -> f.fmax_d(a, b);
            case "feq_d" -> f.feq_d(a, b);
            case "flt_d" -> f.flt_d(a, b);
            case "fle_d" -> f.fle_d(a, b);
            case "fclass_d" -> Fpu.fclass_d(a);
            case "fcvt_w_d" -> f.fcvt_w_d(a, rm);
            case "fcvt_wu_d" -> f.fcvt_wu_d(a, rm);
            case "fcvt_l_d" -> f.fcvt_l_d(a, rm);
            case "fcvt_lu_d" -> f.fcvt_lu_d(a, rm);
            case "fcvt_d_w" -> f.fcvt_d_w(a, rm);
            case "fcvt_d_wu" -> f.fcvt_d_wu(a, rm);
            case "fcvt_d_l" -> f.fcvt_d_l(a, rm);
            case "fcvt_d_lu" -> f.fcvt_d_lu(a, rm);
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private static long u(int bits) {
        return bits & 0xFFFFFFFFL;
    }
}
