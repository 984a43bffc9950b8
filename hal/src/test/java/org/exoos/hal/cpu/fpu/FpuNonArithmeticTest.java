package org.exoos.hal.cpu.fpu;

import static org.exoos.hal.cpu.fpu.Fpu.NV;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.INF;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.INF_S;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.MIN_SUB;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.NEG_ONE;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.NINF;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.NINF_S;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.NZ;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.NZ_S;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.ONE;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.ONE_S;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.PZ;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.PZ_S;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.QNAN;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.QNAN_S;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.SNAN;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.SNAN_S;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.TWO;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.checkD;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.checkS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** fmin/fmax, feq/flt/fle, fclass, sign injection and NaN boxing. */
class FpuNonArithmeticTest {

    @Nested
    class MinMax {
        @Test
        void minusZeroIsBelowPlusZero() {
            checkD("fmin(-0, +0)", NZ, 0, f -> f.fmin_d(NZ, PZ));
            checkD("fmin(+0, -0)", NZ, 0, f -> f.fmin_d(PZ, NZ));
            checkD("fmax(-0, +0)", PZ, 0, f -> f.fmax_d(NZ, PZ));
            checkD("fmax(+0, -0)", PZ, 0, f -> f.fmax_d(PZ, NZ));
            checkS("fmin(+0, -0)", NZ_S, 0, f -> f.fmin_s(PZ_S, NZ_S));
            checkS("fmax(-0, +0)", PZ_S, 0, f -> f.fmax_s(NZ_S, PZ_S));
        }

        @Test
        void ordinaryValuesAndInfinities() {
            checkD("fmin(1, 2)", ONE, 0, f -> f.fmin_d(ONE, TWO));
            checkD("fmax(1, 2)", TWO, 0, f -> f.fmax_d(ONE, TWO));
            checkD("fmin(-1, MIN_SUB)", NEG_ONE, 0, f -> f.fmin_d(NEG_ONE, MIN_SUB));
            checkD("fmax(-inf, -1)", NEG_ONE, 0, f -> f.fmax_d(NINF, NEG_ONE));
            checkD("fmin(-inf, -1)", NINF, 0, f -> f.fmin_d(NINF, NEG_ONE));
            checkD("fmax(inf, 1)", INF, 0, f -> f.fmax_d(INF, ONE));
            checkS("fmin(-inf, 1)", NINF_S, 0, f -> f.fmin_s(NINF_S, ONE_S));
            checkS("fmax(-2, -1)", 0xbf800000, 0, f -> f.fmax_s(0xc0000000, 0xbf800000));
        }

        @Test
        void aSingleNaNLosesAndOnlySignalingNaNsAreInvalid() {
            checkD("fmin(qNaN, 1)", ONE, 0, f -> f.fmin_d(QNAN, ONE));
            checkD("fmax(1, qNaN)", ONE, 0, f -> f.fmax_d(ONE, QNAN));
            checkD("fmin(sNaN, 1)", ONE, NV, f -> f.fmin_d(SNAN, ONE));
            checkD("fmax(-inf, sNaN)", NINF, NV, f -> f.fmax_d(NINF, SNAN));
            checkS("fmax(-qNaN, -1)", 0xbf800000, 0, f -> f.fmax_s(0xffc00000, 0xbf800000));
            checkS("fmin(1, sNaN)", ONE_S, NV, f -> f.fmin_s(ONE_S, SNAN_S));
        }

        @Test
        void twoNaNsGiveTheCanonicalNaN() {
            checkD("fmin(qNaN+payload, -qNaN)", QNAN, 0, f -> f.fmin_d(0x7ff8000000000001L, 0xfff8000000000000L));
            checkD("fmax(sNaN, qNaN)", QNAN, NV, f -> f.fmax_d(SNAN, QNAN));
            checkS("fmin(-qNaN, -qNaN)", QNAN_S, 0, f -> f.fmin_s(0xffc00000, 0xffc00000));
            checkS("fmax(qNaN, sNaN)", QNAN_S, NV, f -> f.fmax_s(QNAN_S, SNAN_S));
        }
    }

    @Nested
    class Compare {
        @Test
        void orderedComparisons() {
            checkD("feq(1, 1)", 1, 0, f -> f.feq_d(ONE, ONE));
            checkD("feq(1, 2)", 0, 0, f -> f.feq_d(ONE, TWO));
            checkD("flt(1, 2)", 1, 0, f -> f.flt_d(ONE, TWO));
            checkD("flt(2, 1)", 0, 0, f -> f.flt_d(TWO, ONE));
            checkD("fle(1, 1)", 1, 0, f -> f.fle_d(ONE, ONE));
            checkD("flt(-inf, -MAX)", 1, 0, f -> f.flt_d(NINF, 0xffefffffffffffffL));
            checkD("fle(inf, inf)", 1, 0, f -> f.fle_d(INF, INF));
            checkS("flt(-1, 1)", 1, 0, f -> (int) f.flt_s(0xbf800000, ONE_S));
            checkS("fle(1, -1)", 0, 0, f -> (int) f.fle_s(ONE_S, 0xbf800000));
        }

        @Test
        void zerosCompareEqual() {
            checkD("feq(-0, +0)", 1, 0, f -> f.feq_d(NZ, PZ));
            checkD("flt(-0, +0)", 0, 0, f -> f.flt_d(NZ, PZ));
            checkD("fle(+0, -0)", 1, 0, f -> f.fle_d(PZ, NZ));
            checkS("feq(-0, +0)", 1, 0, f -> (int) f.feq_s(NZ_S, PZ_S));
        }

        @Test
        void feqIsQuietFltAndFleSignal() {
            checkD("feq(qNaN, 1)", 0, 0, f -> f.feq_d(QNAN, ONE));
            checkD("feq(qNaN, qNaN)", 0, 0, f -> f.feq_d(QNAN, QNAN));
            checkD("feq(1, sNaN)", 0, NV, f -> f.feq_d(ONE, SNAN));
            checkD("flt(qNaN, 1)", 0, NV, f -> f.flt_d(QNAN, ONE));
            checkD("fle(1, qNaN)", 0, NV, f -> f.fle_d(ONE, QNAN));
            checkD("flt(sNaN, inf)", 0, NV, f -> f.flt_d(SNAN, INF));
            checkS("feq(sNaN, sNaN)", 0, NV, f -> (int) f.feq_s(SNAN_S, SNAN_S));
            checkS("feq(qNaN, 1)", 0, 0, f -> (int) f.feq_s(QNAN_S, ONE_S));
            checkS("fle(qNaN, 1)", 0, NV, f -> (int) f.fle_s(QNAN_S, ONE_S));
            checkS("flt(1, qNaN)", 0, NV, f -> (int) f.flt_s(ONE_S, QNAN_S));
        }
    }

    @Nested
    class Classify {
        @Test
        void everyClassOfDouble() {
            long[][] cases = {
                {NINF, 1 << 0}, {NEG_ONE, 1 << 1}, {0x800fffffffffffffL, 1 << 2}, {NZ, 1 << 3}, {PZ, 1 << 4},
                {MIN_SUB, 1 << 5}, {0x0010000000000000L, 1 << 6}, {0x7fefffffffffffffL, 1 << 6}, {INF, 1 << 7},
                {0x7ff0000000000001L, 1 << 8}, {0xfff7ffffffffffffL, 1 << 8}, {QNAN, 1 << 9}, {0xffffffffffffffffL, 1 << 9},
            };
            for (long[] c : cases) {
                assertEquals(Long.toBinaryString(c[1]), Long.toBinaryString(Fpu.fclass_d(c[0])), "fclass_d(" + Long.toHexString(c[0]) + ")");
            }
        }

        @Test
        void everyClassOfSingle() {
            int[][] cases = {
                {NINF_S, 1 << 0}, {0xbf800000, 1 << 1}, {0x807fffff, 1 << 2}, {NZ_S, 1 << 3}, {PZ_S, 1 << 4},
                {1, 1 << 5}, {0x00800000, 1 << 6}, {INF_S, 1 << 7}, {0x7f800001, 1 << 8}, {0xffbfffff, 1 << 8},
                {QNAN_S, 1 << 9}, {0xffc00001, 1 << 9},
            };
            for (int[] c : cases) {
                assertEquals(Integer.toBinaryString(c[1]), Long.toBinaryString(Fpu.fclass_s(c[0])), "fclass_s(" + Integer.toHexString(c[0]) + ")");
            }
        }
    }

    @Nested
    class SignInjection {
        @Test
        void doublesTakeSignBitsWithoutTouchingTheRest() {
            assertEquals(Long.toHexString(NEG_ONE), Long.toHexString(Fpu.fsgnj_d(ONE, NINF)), "fsgnj(1, -inf)");
            assertEquals(Long.toHexString(ONE), Long.toHexString(Fpu.fsgnjn_d(ONE, NINF)), "fsgnjn(1, -inf)");
            assertEquals(Long.toHexString(NEG_ONE), Long.toHexString(Fpu.fsgnjn_d(ONE, ONE)), "fsgnjn(1, 1) = fneg");
            assertEquals(Long.toHexString(ONE), Long.toHexString(Fpu.fsgnjx_d(NEG_ONE, NEG_ONE)), "fsgnjx(-1, -1) = fabs");
            assertEquals(Long.toHexString(NEG_ONE), Long.toHexString(Fpu.fsgnjx_d(NEG_ONE, ONE)), "fsgnjx(-1, 1)");
            // NaNs pass through bit for bit: sign injection is not arithmetic.
            assertEquals(Long.toHexString(0xfff0000000000001L), Long.toHexString(Fpu.fsgnj_d(SNAN ^ 0x0004000000000001L, NZ)), "fsgnj(sNaN, -0)");
        }

        @Test
        void singles() {
            assertEquals(Integer.toHexString(0xbf800000), Integer.toHexString(Fpu.fsgnj_s(ONE_S, NZ_S)), "fsgnj(1, -0)");
            assertEquals(Integer.toHexString(0x3f800000), Integer.toHexString(Fpu.fsgnjn_s(ONE_S, NZ_S)), "fsgnjn(1, -0)");
            assertEquals(Integer.toHexString(0x7fa00000), Integer.toHexString(Fpu.fsgnjx_s(0xffa00000, NZ_S)), "fsgnjx(-sNaN, -0)");
            assertEquals(Integer.toHexString(0xffa00000), Integer.toHexString(Fpu.fsgnjn_s(SNAN_S, PZ_S)), "fsgnjn(sNaN, +0)");
        }

        @Test
        void signInjectionRaisesNoFlags() {
            Fpu f = new Fpu();
            f.fmin_d(ONE, ONE);                                         // instance untouched by the static ops
            Fpu.fsgnj_d(SNAN, SNAN);
            assertEquals(0, f.fflags, "fflags");
        }
    }

    @Nested
    class NanBoxing {
        @Test
        void unboxAcceptsOnlyProperlyBoxedValues() {
            assertEquals(Integer.toHexString(ONE_S), Integer.toHexString(Fpu.unboxS(0xffffffff_3f800000L)), "boxed 1.0f");
            assertEquals(Integer.toHexString(NZ_S), Integer.toHexString(Fpu.unboxS(0xffffffff_80000000L)), "boxed -0.0f");
            assertEquals(Integer.toHexString(QNAN_S), Integer.toHexString(Fpu.unboxS(0x00000000_3f800000L)), "unboxed");
            assertEquals(Integer.toHexString(QNAN_S), Integer.toHexString(Fpu.unboxS(0xfffffffe_3f800000L)), "one zero bit in the box");
            assertEquals(Integer.toHexString(QNAN_S), Integer.toHexString(Fpu.unboxS(ONE)), "a double");
        }

        @Test
        void boxSetsTheUpperHalf() {
            assertEquals(Long.toHexString(0xffffffff_80000000L), Long.toHexString(Fpu.boxS(NZ_S)), "box -0.0f");
            assertEquals(Long.toHexString(0xffffffff_00000001L), Long.toHexString(Fpu.boxS(1)), "box MIN_SUB");
            for (int bits : new int[] {0, 1, ONE_S, NZ_S, SNAN_S, -1}) {
                assertEquals(bits, Fpu.unboxS(Fpu.boxS(bits)), "round trip " + Integer.toHexString(bits));
            }
        }
    }
}
