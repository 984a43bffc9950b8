package org.exoos.hal.cpu.fpu;

import static org.exoos.hal.cpu.fpu.Fpu.DZ;
import static org.exoos.hal.cpu.fpu.Fpu.NV;
import static org.exoos.hal.cpu.fpu.Fpu.NX;
import static org.exoos.hal.cpu.fpu.Fpu.OF;
import static org.exoos.hal.cpu.fpu.Fpu.RDN;
import static org.exoos.hal.cpu.fpu.Fpu.RMM;
import static org.exoos.hal.cpu.fpu.Fpu.RNE;
import static org.exoos.hal.cpu.fpu.Fpu.RTZ;
import static org.exoos.hal.cpu.fpu.Fpu.RUP;
import static org.exoos.hal.cpu.fpu.Fpu.UF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Known-answer tests for add, sub, mul, div, sqrt and the fused multiply-adds. Every expected
 * value and flag set here was also confirmed on qemu-riscv64 (softfloat configured for RISC-V).
 */
class FpuArithmeticTest {
    static final int[] ALL_RM = {RNE, RTZ, RDN, RUP, RMM};

    // binary64
    static final long PZ = 0, NZ = 0x8000000000000000L;
    static final long ONE = 0x3ff0000000000000L, NEG_ONE = 0xbff0000000000000L, TWO = 0x4000000000000000L, HALF = 0x3fe0000000000000L;
    static final long THREE = 0x4008000000000000L, FOUR = 0x4010000000000000L, FIVE = 0x4014000000000000L;
    static final long INF = 0x7ff0000000000000L, NINF = 0xfff0000000000000L;
    static final long QNAN = Fpu.CANONICAL_NAN_D, SNAN = 0x7ff4000000000000L, SNAN_MIN = 0x7ff0000000000001L;
    static final long MAX = 0x7fefffffffffffffL, NMAX = 0xffefffffffffffffL;
    static final long MIN_NORMAL = 0x0010000000000000L, MIN_SUB = 1, NMIN_SUB = 0x8000000000000001L;
    static final long ONE_MINUS_ULP = 0x3fefffffffffffffL;          // 1 - 2^-53
    static final long ONE_MINUS_2ULP = 0x3feffffffffffffeL;         // 1 - 2^-52
    static final long TWO_M53 = 0x3ca0000000000000L;                // 2^-53: half an ulp of 1
    static final long TWO_M60 = 0x3c30000000000000L;

    // binary32
    static final int PZ_S = 0, NZ_S = 0x80000000, ONE_S = 0x3f800000, NEG_ONE_S = 0xbf800000, THREE_S = 0x40400000;
    static final int INF_S = 0x7f800000, NINF_S = 0xff800000, QNAN_S = Fpu.CANONICAL_NAN_S, SNAN_S = 0x7fa00000;
    static final int MAX_S = 0x7f7fffff, MIN_NORMAL_S = 0x00800000;

    @Nested
    class Add {
        @Test
        void exactCancellationIsPlusZeroExceptInRdn() {
            for (int rm : ALL_RM) {
                checkD("1 + -1, rm=" + rm, rm == RDN ? NZ : PZ, 0, f -> f.fadd_d(ONE, NEG_ONE, rm));
                checkD("1 - 1, rm=" + rm, rm == RDN ? NZ : PZ, 0, f -> f.fsub_d(ONE, ONE, rm));
                checkS("1 + -1, rm=" + rm, rm == RDN ? NZ_S : PZ_S, 0, f -> f.fadd_s(ONE_S, NEG_ONE_S, rm));
                checkS("1 - 1, rm=" + rm, rm == RDN ? NZ_S : PZ_S, 0, f -> f.fsub_s(ONE_S, ONE_S, rm));
            }
        }

        @Test
        void signedZeroSums() {
            for (int rm : ALL_RM) {
                checkD("+0 + +0, rm=" + rm, PZ, 0, f -> f.fadd_d(PZ, PZ, rm));
                checkD("-0 + -0, rm=" + rm, NZ, 0, f -> f.fadd_d(NZ, NZ, rm));
                checkD("+0 + -0, rm=" + rm, rm == RDN ? NZ : PZ, 0, f -> f.fadd_d(PZ, NZ, rm));
                checkD("-0 - +0, rm=" + rm, NZ, 0, f -> f.fsub_d(NZ, PZ, rm));
                checkS("-0 + +0, rm=" + rm, rm == RDN ? NZ_S : PZ_S, 0, f -> f.fadd_s(NZ_S, PZ_S, rm));
                checkS("-0 + -0, rm=" + rm, NZ_S, 0, f -> f.fadd_s(NZ_S, NZ_S, rm));
            }
        }

        @Test
        void overflowDeliversInfinityOrMaxByRoundingMode() {
            long[] positive = {INF, MAX, MAX, INF, INF};                // RNE RTZ RDN RUP RMM
            long[] negative = {NINF, NMAX, NINF, NMAX, NINF};
            int[] positiveS = {INF_S, MAX_S, MAX_S, INF_S, INF_S};
            for (int rm : ALL_RM) {
                checkD("MAX + MAX, rm=" + rm, positive[rm], OF | NX, f -> f.fadd_d(MAX, MAX, rm));
                checkD("-MAX - MAX, rm=" + rm, negative[rm], OF | NX, f -> f.fsub_d(NMAX, MAX, rm));
                checkS("MAX + MAX, rm=" + rm, positiveS[rm], OF | NX, f -> f.fadd_s(MAX_S, MAX_S, rm));
            }
        }

        @Test
        void overflowIsJudgedAfterRoundingWithUnboundedExponent() {
            long halfUlpOfMax = 0x7c90000000000000L;                     // 2^970
            // MAX + half an ulp is a tie: RNE goes to the even neighbour 2^1024, which overflows;
            // RTZ and RDN round to MAX, which is no overflow at all.
            checkD("MAX + ulp/2 RNE", INF, OF | NX, f -> f.fadd_d(MAX, halfUlpOfMax, RNE));
            checkD("MAX + ulp/2 RMM", INF, OF | NX, f -> f.fadd_d(MAX, halfUlpOfMax, RMM));
            checkD("MAX + ulp/2 RUP", INF, OF | NX, f -> f.fadd_d(MAX, halfUlpOfMax, RUP));
            checkD("MAX + ulp/2 RTZ", MAX, NX, f -> f.fadd_d(MAX, halfUlpOfMax, RTZ));
            checkD("MAX + ulp/2 RDN", MAX, NX, f -> f.fadd_d(MAX, halfUlpOfMax, RDN));
            long quarterUlpOfMax = 0x7c80000000000000L;
            checkD("MAX + ulp/4 RNE", MAX, NX, f -> f.fadd_d(MAX, quarterUlpOfMax, RNE));
            checkD("MAX + ulp/4 RUP", INF, OF | NX, f -> f.fadd_d(MAX, quarterUlpOfMax, RUP));
        }

        @Test
        void sumsJustBelowMaxValue() {
            // MAX - 1.34*2^1012 is a tie whose RNE result rounds up: an error-free transform that
            // computes s - x here overflows, and the error must still come out exact.
            long a = 0xff395a67eda8fc00L, down = 0x7feffcd4b3024adfL, up = 0x7feffcd4b3024ae0L;
            long[] expected = {up, down, down, up, up};
            for (int rm : ALL_RM) {
                checkD("-1.34*2^1012 + MAX, rm=" + rm, expected[rm], NX, f -> f.fadd_d(a, MAX, rm));
                checkD("MAX - 1.34*2^1012, rm=" + rm, expected[rm], NX, f -> f.fsub_d(MAX, a ^ NZ, rm));
            }
            checkD("1.34*2^1012 - MAX, RUP", down | NZ, NX, f -> f.fadd_d(a ^ NZ, NMAX, RUP));
        }

        @Test
        void directedRoundingOfInexactSums() {
            long up = 0x3ff0000000000001L, negUp = 0xbff0000000000001L;
            long[] positive = {ONE, ONE, ONE, up, ONE};
            long[] negative = {NEG_ONE, NEG_ONE, negUp, NEG_ONE, NEG_ONE};
            for (int rm : ALL_RM) {
                checkD("1 + 2^-60, rm=" + rm, positive[rm], NX, f -> f.fadd_d(ONE, TWO_M60, rm));
                checkD("-1 - 2^-60, rm=" + rm, negative[rm], NX, f -> f.fsub_d(NEG_ONE, TWO_M60, rm));
            }
        }

        @Test
        void tiesGoToEvenInRneAndAwayInRmm() {
            checkD("1 + 2^-53 RNE", ONE, NX, f -> f.fadd_d(ONE, TWO_M53, RNE));
            checkD("1 + 2^-53 RMM", 0x3ff0000000000001L, NX, f -> f.fadd_d(ONE, TWO_M53, RMM));
            checkD("-1 - 2^-53 RMM", 0xbff0000000000001L, NX, f -> f.fsub_d(NEG_ONE, TWO_M53, RMM));
            checkD("(1+2^-52) + 2^-53 RNE", 0x3ff0000000000002L, NX, f -> f.fadd_d(0x3ff0000000000001L, TWO_M53, RNE));
            checkD("(1+2^-52) + 2^-53 RMM", 0x3ff0000000000002L, NX, f -> f.fadd_d(0x3ff0000000000001L, TWO_M53, RMM));
            int twoM24 = 0x33800000;
            checkS("1 + 2^-24 RNE", ONE_S, NX, f -> f.fadd_s(ONE_S, twoM24, RNE));
            checkS("1 + 2^-24 RMM", 0x3f800001, NX, f -> f.fadd_s(ONE_S, twoM24, RMM));
        }

        @Test
        void subnormalSumsAreExactAndRaiseNoUnderflow() {
            checkD("MIN_SUB + MIN_SUB", 2, 0, f -> f.fadd_d(MIN_SUB, MIN_SUB, RNE));
            checkD("MIN_NORMAL - MIN_SUB", 0x000fffffffffffffL, 0, f -> f.fsub_d(MIN_NORMAL, MIN_SUB, RNE));
            checkS("MIN_NORMAL - MIN_SUB", 0x007fffff, 0, f -> f.fsub_s(MIN_NORMAL_S, 1, RNE));
        }

        @Test
        void infinitiesAndNaNs() {
            checkD("inf - inf", QNAN, NV, f -> f.fadd_d(INF, NINF, RNE));
            checkD("inf - inf via fsub", QNAN, NV, f -> f.fsub_d(INF, INF, RNE));
            checkD("inf + 1", INF, 0, f -> f.fadd_d(INF, ONE, RNE));
            checkD("-inf + -inf", NINF, 0, f -> f.fadd_d(NINF, NINF, RNE));
            checkD("qNaN + 1", QNAN, 0, f -> f.fadd_d(QNAN, ONE, RNE));
            checkD("NaN payload and sign are dropped", QNAN, 0, f -> f.fadd_d(0xfff8000000000123L, ONE, RNE));
            checkD("sNaN + 1", QNAN, NV, f -> f.fadd_d(SNAN_MIN, ONE, RNE));
            checkD("1 - sNaN", QNAN, NV, f -> f.fsub_d(ONE, SNAN, RNE));
            checkD("qNaN + inf", QNAN, 0, f -> f.fadd_d(QNAN, INF, RNE));
            checkS("inf - inf", QNAN_S, NV, f -> f.fadd_s(INF_S, NINF_S, RNE));
            checkS("sNaN + 1", QNAN_S, NV, f -> f.fadd_s(SNAN_S, ONE_S, RNE));
            checkS("qNaN with payload + 1", QNAN_S, 0, f -> f.fadd_s(0xffc00123, ONE_S, RNE));
        }
    }

    @Nested
    class Mul {
        @Test
        void underflowTininessIsDetectedAfterRounding() {
            // MIN_NORMAL * (1 - 2^-53) = MIN_NORMAL - 2^-1075: exactly representable with an unbounded
            // exponent, so tiny; delivered as a subnormal-range tie that rounds up to MIN_NORMAL.
            checkD("MIN_NORMAL*(1-2^-53) RNE", MIN_NORMAL, UF | NX, f -> f.fmul_d(MIN_NORMAL, ONE_MINUS_ULP, RNE));
            checkD("MIN_NORMAL*(1-2^-53) RMM", MIN_NORMAL, UF | NX, f -> f.fmul_d(MIN_NORMAL, ONE_MINUS_ULP, RMM));
            checkD("MIN_NORMAL*(1-2^-53) RTZ", 0x000fffffffffffffL, UF | NX, f -> f.fmul_d(MIN_NORMAL, ONE_MINUS_ULP, RTZ));
            // (MIN_NORMAL + ulp) * (1 - 2^-52) = MIN_NORMAL - 2^-1126: rounds to MIN_NORMAL even with an
            // unbounded exponent, so it is not tiny in RNE/RUP (a before-rounding machine would say UF).
            long justAbove = MIN_NORMAL + 1;
            checkD("just below MIN_NORMAL RNE", MIN_NORMAL, NX, f -> f.fmul_d(justAbove, ONE_MINUS_2ULP, RNE));
            checkD("just below MIN_NORMAL RUP", MIN_NORMAL, NX, f -> f.fmul_d(justAbove, ONE_MINUS_2ULP, RUP));
            checkD("just below MIN_NORMAL RTZ", 0x000fffffffffffffL, UF | NX, f -> f.fmul_d(justAbove, ONE_MINUS_2ULP, RTZ));
            checkS("MIN_NORMAL*(1-2^-24) RNE", MIN_NORMAL_S, UF | NX, f -> f.fmul_s(MIN_NORMAL_S, 0x3f7fffff, RNE));
            checkS("MIN_NORMAL*(1-2^-24) RTZ", 0x007fffff, UF | NX, f -> f.fmul_s(MIN_NORMAL_S, 0x3f7fffff, RTZ));
        }

        @Test
        void underflowToZeroOrMinSubnormal() {
            long[] positive = {PZ, PZ, PZ, MIN_SUB, MIN_SUB};
            long[] negative = {NZ, NZ, NMIN_SUB, NZ, NMIN_SUB};
            for (int rm : ALL_RM) {
                checkD("MIN_SUB * 0.5, rm=" + rm, positive[rm], UF | NX, f -> f.fmul_d(MIN_SUB, HALF, rm));
                checkD("-MIN_SUB * 0.5, rm=" + rm, negative[rm], UF | NX, f -> f.fmul_d(NMIN_SUB, HALF, rm));
                checkS("MIN_SUB * 0.5, rm=" + rm, (int) positive[rm], UF | NX, f -> f.fmul_s(1, 0x3f000000, rm));
            }
        }

        @Test
        void exactSubnormalResultRaisesNothing() {
            checkD("MIN_SUB * 2", 2, 0, f -> f.fmul_d(MIN_SUB, TWO, RNE));
            checkD("MIN_NORMAL * 0.5", 0x0008000000000000L, 0, f -> f.fmul_d(MIN_NORMAL, HALF, RNE));
        }

        @Test
        void overflowByRoundingMode() {
            long[] positive = {INF, MAX, MAX, INF, INF};
            long[] negative = {NINF, NMAX, NINF, NMAX, NINF};
            for (int rm : ALL_RM) {
                checkD("MAX * 2, rm=" + rm, positive[rm], OF | NX, f -> f.fmul_d(MAX, TWO, rm));
                checkD("-MAX * 2, rm=" + rm, negative[rm], OF | NX, f -> f.fmul_d(NMAX, TWO, rm));
            }
        }

        @Test
        void specialOperands() {
            checkD("0 * inf", QNAN, NV, f -> f.fmul_d(PZ, INF, RNE));
            checkD("-inf * 0", QNAN, NV, f -> f.fmul_d(NINF, PZ, RNE));
            checkD("-0 * 5", NZ, 0, f -> f.fmul_d(NZ, FIVE, RNE));
            checkD("inf * -2", NINF, 0, f -> f.fmul_d(INF, 0xc000000000000000L, RNE));
            checkD("sNaN * 0", QNAN, NV, f -> f.fmul_d(SNAN, PZ, RNE));
            checkD("qNaN * inf", QNAN, 0, f -> f.fmul_d(QNAN, INF, RNE));
            checkS("0 * inf", QNAN_S, NV, f -> f.fmul_s(PZ_S, INF_S, RNE));
            checkS("-0 * 3", NZ_S, 0, f -> f.fmul_s(NZ_S, THREE_S, RNE));
        }

        @Test
        void directedRoundingOfInexactProducts() {
            long third = 0x3fd5555555555555L;                             // RNE(1/3), below 1/3
            // third * 3 = 1 - 2^-54 exactly: RNE and RMM round to 1, RTZ/RDN to 1 - 2^-53
            long[] expected = {ONE, ONE_MINUS_ULP, ONE_MINUS_ULP, ONE, ONE};
            for (int rm : ALL_RM) {
                checkD("RNE(1/3) * 3, rm=" + rm, expected[rm], NX, f -> f.fmul_d(third, THREE, rm));
            }
        }
    }

    @Nested
    class Div {
        @Test
        void divisionByZeroAndInvalid() {
            checkD("1 / 0", INF, DZ, f -> f.fdiv_d(ONE, PZ, RNE));
            checkD("-1 / 0", NINF, DZ, f -> f.fdiv_d(NEG_ONE, PZ, RNE));
            checkD("1 / -0", NINF, DZ, f -> f.fdiv_d(ONE, NZ, RNE));
            checkD("0 / 0", QNAN, NV, f -> f.fdiv_d(PZ, PZ, RNE));
            checkD("inf / 0 is exact", INF, 0, f -> f.fdiv_d(INF, PZ, RNE));
            checkD("0 / inf", PZ, 0, f -> f.fdiv_d(PZ, INF, RNE));
            checkD("-1 / inf", NZ, 0, f -> f.fdiv_d(NEG_ONE, INF, RNE));
            checkD("inf / -inf", QNAN, NV, f -> f.fdiv_d(INF, NINF, RNE));
            checkD("-0 / 5", NZ, 0, f -> f.fdiv_d(NZ, FIVE, RNE));
            checkD("sNaN / 0", QNAN, NV, f -> f.fdiv_d(SNAN, PZ, RNE));
            checkD("qNaN / 0", QNAN, 0, f -> f.fdiv_d(QNAN, PZ, RNE));
            checkS("1 / -0", NINF_S, DZ, f -> f.fdiv_s(ONE_S, NZ_S, RNE));
            checkS("0 / 0", QNAN_S, NV, f -> f.fdiv_s(PZ_S, PZ_S, RNE));
        }

        @Test
        void oneThirdInEveryRoundingMode() {
            long down = 0x3fd5555555555555L, up = 0x3fd5555555555556L;
            long[] positive = {down, down, down, up, down};
            long[] negative = {down | NZ, down | NZ, up | NZ, down | NZ, down | NZ};
            int downS = 0x3eaaaaaa, upS = 0x3eaaaaab;                      // 1/3 in single rounds up in RNE
            int[] positiveS = {upS, downS, downS, upS, upS};
            for (int rm : ALL_RM) {
                checkD("1/3, rm=" + rm, positive[rm], NX, f -> f.fdiv_d(ONE, THREE, rm));
                checkD("-1/3, rm=" + rm, negative[rm], NX, f -> f.fdiv_d(NEG_ONE, THREE, rm));
                checkS("1/3, rm=" + rm, positiveS[rm], NX, f -> f.fdiv_s(ONE_S, THREE_S, rm));
            }
        }

        @Test
        void exactQuotient() {
            for (int rm : ALL_RM) {
                checkD("6 / 3, rm=" + rm, TWO, 0, f -> f.fdiv_d(0x4018000000000000L, THREE, rm));
            }
        }

        @Test
        void underflowAndOverflow() {
            checkD("MIN_SUB / 2 RNE", PZ, UF | NX, f -> f.fdiv_d(MIN_SUB, TWO, RNE));
            checkD("MIN_SUB / 2 RUP", MIN_SUB, UF | NX, f -> f.fdiv_d(MIN_SUB, TWO, RUP));
            checkD("MAX / 0.5 RNE", INF, OF | NX, f -> f.fdiv_d(MAX, HALF, RNE));
            checkD("MAX / 0.5 RTZ", MAX, OF | NX, f -> f.fdiv_d(MAX, HALF, RTZ));
            checkD("MIN_SUB / MAX", PZ, UF | NX, f -> f.fdiv_d(MIN_SUB, MAX, RNE));
            checkD("1 / MIN_SUB", INF, OF | NX, f -> f.fdiv_d(ONE, MIN_SUB, RNE));
        }
    }

    @Nested
    class Sqrt {
        @Test
        void squareRootOfTwoInEveryRoundingMode() {
            long down = 0x3ff6a09e667f3bccL, up = 0x3ff6a09e667f3bcdL;      // RNE(sqrt 2) = up
            long[] expected = {up, down, down, up, up};
            int downS = 0x3fb504f3, upS = 0x3fb504f4;                        // RNE(sqrt 2) in single = down
            int[] expectedS = {downS, downS, downS, upS, downS};
            for (int rm : ALL_RM) {
                checkD("sqrt 2, rm=" + rm, expected[rm], NX, f -> f.fsqrt_d(TWO, rm));
                checkS("sqrt 2, rm=" + rm, expectedS[rm], NX, f -> f.fsqrt_s(0x40000000, rm));
            }
        }

        @Test
        void exactRoots() {
            checkD("sqrt 4", TWO, 0, f -> f.fsqrt_d(FOUR, RNE));
            checkD("sqrt MIN_SUB = 2^-537", 0x1e60000000000000L, 0, f -> f.fsqrt_d(MIN_SUB, RNE));
            checkS("sqrt MIN_SUB = 2^-74.5 is inexact", 0x1a3504f3, NX, f -> f.fsqrt_s(1, RNE));
            checkD("sqrt +inf", INF, 0, f -> f.fsqrt_d(INF, RNE));
        }

        @Test
        void signedZeroAndInvalid() {
            checkD("sqrt -0", NZ, 0, f -> f.fsqrt_d(NZ, RNE));
            checkD("sqrt +0", PZ, 0, f -> f.fsqrt_d(PZ, RNE));
            checkD("sqrt -1", QNAN, NV, f -> f.fsqrt_d(NEG_ONE, RNE));
            checkD("sqrt -MIN_SUB", QNAN, NV, f -> f.fsqrt_d(NMIN_SUB, RNE));
            checkD("sqrt -inf", QNAN, NV, f -> f.fsqrt_d(NINF, RNE));
            checkD("sqrt sNaN", QNAN, NV, f -> f.fsqrt_d(SNAN, RNE));
            checkD("sqrt -qNaN", QNAN, 0, f -> f.fsqrt_d(0xfff8000000000000L, RNE));
            checkS("sqrt -0", NZ_S, 0, f -> f.fsqrt_s(NZ_S, RNE));
            checkS("sqrt -1", QNAN_S, NV, f -> f.fsqrt_s(NEG_ONE_S, RNE));
            checkS("sqrt sNaN", QNAN_S, NV, f -> f.fsqrt_s(SNAN_S, RNE));
        }
    }

    @Nested
    class FusedMultiplyAdd {
        @Test
        void definitionsOfTheFourVariants() {
            long six = 0x4018000000000000L, seven = 0x401c000000000000L;
            checkD("fmadd 2*3+1", seven, 0, f -> f.fmadd_d(TWO, THREE, ONE, RNE));
            checkD("fmsub 2*3-1", FIVE, 0, f -> f.fmsub_d(TWO, THREE, ONE, RNE));
            checkD("fnmsub -(2*3)+1", FIVE | NZ, 0, f -> f.fnmsub_d(TWO, THREE, ONE, RNE));
            checkD("fnmadd -(2*3)-1", seven | NZ, 0, f -> f.fnmadd_d(TWO, THREE, ONE, RNE));
            checkD("fmsub 2*3-6", PZ, 0, f -> f.fmsub_d(TWO, THREE, six, RNE));
            int sevenS = 0x40e00000, fiveS = 0x40a00000, twoS = 0x40000000;
            checkS("fmadd 2*3+1", sevenS, 0, f -> f.fmadd_s(twoS, THREE_S, ONE_S, RNE));
            checkS("fmsub 2*3-1", fiveS, 0, f -> f.fmsub_s(twoS, THREE_S, ONE_S, RNE));
            checkS("fnmsub -(2*3)+1", fiveS | NZ_S, 0, f -> f.fnmsub_s(twoS, THREE_S, ONE_S, RNE));
            checkS("fnmadd -(2*3)-1", sevenS | NZ_S, 0, f -> f.fnmadd_s(twoS, THREE_S, ONE_S, RNE));
        }

        @Test
        void infinityTimesZeroIsInvalidEvenWithQuietNaNAddend() {
            checkD("inf*0 + qNaN", QNAN, NV, f -> f.fmadd_d(INF, PZ, QNAN, RNE));
            checkD("0*-inf + qNaN", QNAN, NV, f -> f.fmadd_d(PZ, NINF, QNAN, RNE));
            checkD("inf*0 + 1", QNAN, NV, f -> f.fmadd_d(INF, PZ, ONE, RNE));
            checkD("1*1 + qNaN", QNAN, 0, f -> f.fmadd_d(ONE, ONE, QNAN, RNE));
            checkD("1*1 + sNaN", QNAN, NV, f -> f.fmadd_d(ONE, ONE, SNAN, RNE));
            checkD("qNaN*0 + 1", QNAN, 0, f -> f.fmadd_d(QNAN, PZ, ONE, RNE));
            checkD("inf*1 - inf", QNAN, NV, f -> f.fmadd_d(INF, ONE, NINF, RNE));
            checkD("inf*1 - inf via fmsub", QNAN, NV, f -> f.fmsub_d(INF, ONE, INF, RNE));
            checkD("inf*1 + inf", INF, 0, f -> f.fmadd_d(INF, ONE, INF, RNE));
            checkD("1*1 + -inf", NINF, 0, f -> f.fmadd_d(ONE, ONE, NINF, RNE));
            checkS("inf*0 + qNaN", QNAN_S, NV, f -> f.fmadd_s(INF_S, PZ_S, QNAN_S, RNE));
            checkS("inf*1 - inf", QNAN_S, NV, f -> f.fmadd_s(INF_S, ONE_S, NINF_S, RNE));
        }

        @Test
        void exactZeroSigns() {
            for (int rm : ALL_RM) {
                long cancel = rm == RDN ? NZ : PZ;
                checkD("1*1 - 1, rm=" + rm, cancel, 0, f -> f.fmadd_d(ONE, ONE, NEG_ONE, rm));
                checkD("+0*1 + -0, rm=" + rm, cancel, 0, f -> f.fmadd_d(PZ, ONE, NZ, rm));
                checkD("-0*1 + -0, rm=" + rm, NZ, 0, f -> f.fmadd_d(NZ, ONE, NZ, rm));
                checkD("fnmadd(+0,+0,+0) = -0 - 0, rm=" + rm, NZ, 0, f -> f.fnmadd_d(PZ, PZ, PZ, rm));
                checkD("fnmsub(+0,+0,+0) = -0 + 0, rm=" + rm, cancel, 0, f -> f.fnmsub_d(PZ, PZ, PZ, rm));
                checkD("fmsub(+0,+0,+0) = 0 - 0, rm=" + rm, cancel, 0, f -> f.fmsub_d(PZ, PZ, PZ, rm));
                checkS("1*1 - 1, rm=" + rm, rm == RDN ? NZ_S : PZ_S, 0, f -> f.fmadd_s(ONE_S, ONE_S, NEG_ONE_S, rm));
            }
        }

        @Test
        void singleRoundingKeepsBitsThatMulThenAddLoses() {
            long a = 0x3ff0000000400000L;                                // 1 + 2^-30
            // a*a - 1 = 2^-29 + 2^-60 exactly; rounding a*a first would give 2^-29.
            checkD("(1+2^-30)^2 - 1", 0x3e20000000200000L, 0, f -> f.fmadd_d(a, a, NEG_ONE, RNE));
            // 1 + 2^-53 is a tie only if nothing is rounded before the add.
            checkD("1*1 + 2^-53 RNE", ONE, NX, f -> f.fmadd_d(ONE, ONE, TWO_M53, RNE));
            checkD("1*1 + 2^-53 RMM", 0x3ff0000000000001L, NX, f -> f.fmadd_d(ONE, ONE, TWO_M53, RMM));
            checkS("1*1 + 2^-24 RMM", 0x3f800001, NX, f -> f.fmadd_s(ONE_S, ONE_S, 0x33800000, RMM));
        }

        @Test
        void singlePrecisionAvoidsDoubleRounding() {
            // a*b = 1 + 10237*2^-47; a*b + 2^24 rounded to double is 2^24 + 1, a float midpoint,
            // so (float) of the double sum would tie to 2^24; the exact sum lies above the midpoint.
            int a = 0x3f8007ff, b = 0x3f7ff003, c = 0x4b800000;
            checkS("RNE", 0x4b800001, NX, f -> f.fmadd_s(a, b, c, RNE));
            checkS("RTZ", 0x4b800000, NX, f -> f.fmadd_s(a, b, c, RTZ));
            checkS("RMM", 0x4b800001, NX, f -> f.fmadd_s(a, b, c, RMM));
        }

        @Test
        void intermediateProductMayExceedTheRange() {
            checkD("MAX*2 - MAX is exactly MAX", MAX, 0, f -> f.fmadd_d(MAX, TWO, NMAX, RNE));
            checkD("MAX*2 + 0 overflows", INF, OF | NX, f -> f.fmadd_d(MAX, TWO, PZ, RNE));
            checkD("MAX*2 + 0 RTZ", MAX, OF | NX, f -> f.fmadd_d(MAX, TWO, PZ, RTZ));
            checkD("MIN_NORMAL*(1-2^-53) + 0", MIN_NORMAL, UF | NX, f -> f.fmadd_d(MIN_NORMAL, ONE_MINUS_ULP, PZ, RNE));
            checkD("MIN_SUB*MIN_SUB + 1 RUP", 0x3ff0000000000001L, NX, f -> f.fmadd_d(MIN_SUB, MIN_SUB, ONE, RUP));
            checkD("MIN_SUB*MIN_SUB - 1 RTZ", ONE_MINUS_ULP | NZ, NX, f -> f.fmsub_d(MIN_SUB, MIN_SUB, ONE, RTZ));
        }
    }

    // ---------------------------------------------------------------- helpers

    static void checkD(String what, long expected, int expectedFlags, ToLongFunction<Fpu> op) {
        Fpu f = new Fpu();
        long got = op.applyAsLong(f);
        assertEquals(Long.toHexString(expected), Long.toHexString(got), what + ": result bits");
        assertEquals(flagNames(expectedFlags), flagNames(f.fflags), what + ": fflags");
    }

    static void checkS(String what, int expected, int expectedFlags, ToIntFunction<Fpu> op) {
        Fpu f = new Fpu();
        int got = op.applyAsInt(f);
        assertEquals(Integer.toHexString(expected), Integer.toHexString(got), what + ": result bits");
        assertEquals(flagNames(expectedFlags), flagNames(f.fflags), what + ": fflags");
    }

    static String flagNames(int flags) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"NX", "UF", "OF", "DZ", "NV"};
        for (int i = names.length - 1; i >= 0; i--) {
            if ((flags & (1 << i)) != 0) {
                sb.append(sb.isEmpty() ? "" : "|").append(names[i]);
            }
        }
        if ((flags & ~31) != 0) {
            sb.append(sb.isEmpty() ? "" : "|").append("junk:").append(Integer.toHexString(flags & ~31));
        }
        return sb.isEmpty() ? "none" : sb.toString();
    }
}
