package org.exoos.hal.cpu.fpu;

import static org.exoos.hal.cpu.fpu.Fpu.NV;
import static org.exoos.hal.cpu.fpu.Fpu.NX;
import static org.exoos.hal.cpu.fpu.Fpu.OF;
import static org.exoos.hal.cpu.fpu.Fpu.RDN;
import static org.exoos.hal.cpu.fpu.Fpu.RMM;
import static org.exoos.hal.cpu.fpu.Fpu.RNE;
import static org.exoos.hal.cpu.fpu.Fpu.RTZ;
import static org.exoos.hal.cpu.fpu.Fpu.RUP;
import static org.exoos.hal.cpu.fpu.Fpu.UF;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.ALL_RM;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.INF;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.INF_S;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.MAX;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.NINF;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.NINF_S;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.NMAX;
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
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.checkD;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.checkS;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** fcvt in all directions: float to integer, integer to float, single to double and back. */
class FpuConversionTest {
    static final long TWO_31 = 0x41e0000000000000L, NEG_TWO_31 = 0xc1e0000000000000L;
    static final long TWO_63 = 0x43e0000000000000L, NEG_TWO_63 = 0xc3e0000000000000L, TWO_64 = 0x43f0000000000000L;
    static final long INT_MAX_L = Integer.MAX_VALUE, INT_MIN_L = Integer.MIN_VALUE;  // sign-extended rd values

    @Nested
    class FloatToSignedWord {
        @Test
        void halfwayCasesInEveryRoundingMode() {
            long p25 = 0x4004000000000000L, m25 = 0xc004000000000000L, p05 = 0x3fe0000000000000L, m05 = 0xbfe0000000000000L;
            long[] plus25 = {2, 2, 2, 3, 3}, minus25 = {-2, -2, -3, -2, -3};
            long[] plus05 = {0, 0, 0, 1, 1}, minus05 = {0, 0, -1, 0, -1};
            for (int rm : ALL_RM) {
                checkD("2.5, rm=" + rm, plus25[rm], NX, f -> f.fcvt_w_d(p25, rm));
                checkD("-2.5, rm=" + rm, minus25[rm], NX, f -> f.fcvt_w_d(m25, rm));
                checkD("0.5, rm=" + rm, plus05[rm], NX, f -> f.fcvt_w_d(p05, rm));
                checkD("-0.5, rm=" + rm, minus05[rm], NX, f -> f.fcvt_w_d(m05, rm));
                checkD("2.5f, rm=" + rm, plus25[rm], NX, f -> f.fcvt_w_s(0x40200000, rm));
            }
            checkD("0.49999999999999994 RMM", 0, NX, f -> f.fcvt_w_d(0x3fdfffffffffffffL, RMM));
            checkD("-0.0", 0, 0, f -> f.fcvt_w_d(NZ, RDN));
        }

        @Test
        void rangeIsCheckedAfterRounding() {
            long maxPlusHalf = 0x41dfffffffe00000L;                       // 2147483647.5
            checkD("2147483647.5 RNE rounds to 2^31", INT_MAX_L, NV, f -> f.fcvt_w_d(maxPlusHalf, RNE));
            checkD("2147483647.5 RTZ", INT_MAX_L, NX, f -> f.fcvt_w_d(maxPlusHalf, RTZ));
            checkD("2147483647.5 RDN", INT_MAX_L, NX, f -> f.fcvt_w_d(maxPlusHalf, RDN));
            long minMinusHalf = 0xc1e0000000100000L;                      // -2147483648.5
            checkD("-2147483648.5 RNE ties to even", INT_MIN_L, NX, f -> f.fcvt_w_d(minMinusHalf, RNE));
            checkD("-2147483648.5 RMM", INT_MIN_L, NV, f -> f.fcvt_w_d(minMinusHalf, RMM));
            checkD("-2147483648.5 RUP", INT_MIN_L, NX, f -> f.fcvt_w_d(minMinusHalf, RUP));
            checkD("-2147483648.5 RDN", INT_MIN_L, NV, f -> f.fcvt_w_d(minMinusHalf, RDN));
            checkD("2^31", INT_MAX_L, NV, f -> f.fcvt_w_d(TWO_31, RNE));
            checkD("-2^31", INT_MIN_L, 0, f -> f.fcvt_w_d(NEG_TWO_31, RNE));
            checkD("-2^31 - 1", INT_MIN_L, NV, f -> f.fcvt_w_d(0xc1e0000000200000L, RTZ));
            checkD("2^31 single", INT_MAX_L, NV, f -> f.fcvt_w_s(0x4f000000, RNE));
            checkD("-2^31 single", INT_MIN_L, 0, f -> f.fcvt_w_s(0xcf000000, RNE));
        }

        @Test
        void nanAndInfinitiesSaturate() {
            checkD("qNaN", INT_MAX_L, NV, f -> f.fcvt_w_d(QNAN, RNE));
            checkD("negative qNaN still gives the largest positive", INT_MAX_L, NV, f -> f.fcvt_w_d(0xfff8000000000000L, RNE));
            checkD("sNaN single", INT_MAX_L, NV, f -> f.fcvt_w_s(SNAN_S, RNE));
            checkD("+inf", INT_MAX_L, NV, f -> f.fcvt_w_d(INF, RNE));
            checkD("-inf", INT_MIN_L, NV, f -> f.fcvt_w_d(NINF, RNE));
            checkD("-MAX", INT_MIN_L, NV, f -> f.fcvt_w_d(NMAX, RNE));
        }
    }

    @Nested
    class FloatToUnsignedWord {
        @Test
        void resultIsSignExtendedTo64Bits() {
            checkD("4294967295.0", -1L, 0, f -> f.fcvt_wu_d(0x41efffffffe00000L, RNE));
            checkD("3e9", 0xffffffffb2d05e00L, 0, f -> f.fcvt_wu_d(0x41e65a0bc0000000L, RNE));
            checkD("2^31", 0xffffffff80000000L, 0, f -> f.fcvt_wu_d(TWO_31, RNE));
            checkD("2^31 - 1", 0x7fffffffL, 0, f -> f.fcvt_wu_d(0x41dfffffffc00000L, RNE));
            checkD("0xffffff00 single", 0xffffffffffffff00L, 0, f -> f.fcvt_wu_s(0x4f7fffff, RNE));
        }

        @Test
        void negativeInputsThatRoundToZeroAreValid() {
            long m05 = 0xbfe0000000000000L, m09 = 0xbfeccccccccccccdL;
            checkD("-0.5 RTZ", 0, NX, f -> f.fcvt_wu_d(m05, RTZ));
            checkD("-0.5 RNE", 0, NX, f -> f.fcvt_wu_d(m05, RNE));
            checkD("-0.5 RMM rounds to -1", 0, NV, f -> f.fcvt_wu_d(m05, RMM));
            checkD("-0.9 RUP", 0, NX, f -> f.fcvt_wu_d(m09, RUP));
            checkD("-0.9 RDN", 0, NV, f -> f.fcvt_wu_d(m09, RDN));
            checkD("-1", 0, NV, f -> f.fcvt_wu_d(0xbff0000000000000L, RTZ));
            checkD("-0", 0, 0, f -> f.fcvt_wu_d(NZ, RNE));
        }

        @Test
        void saturation() {
            checkD("2^32", -1L, NV, f -> f.fcvt_wu_d(0x41f0000000000000L, RNE));
            checkD("4294967295.5 RNE", -1L, NV, f -> f.fcvt_wu_d(0x41effffffff00000L, RNE));
            checkD("4294967295.5 RTZ", -1L, NX, f -> f.fcvt_wu_d(0x41effffffff00000L, RTZ));
            checkD("qNaN", -1L, NV, f -> f.fcvt_wu_d(QNAN, RNE));
            checkD("+inf", -1L, NV, f -> f.fcvt_wu_d(INF, RNE));
            checkD("-inf", 0, NV, f -> f.fcvt_wu_d(NINF, RNE));
            checkD("2^32 single", -1L, NV, f -> f.fcvt_wu_s(0x4f800000, RNE));
            checkD("-inf single", 0, NV, f -> f.fcvt_wu_s(NINF_S, RNE));
        }
    }

    @Nested
    class FloatToLong {
        @Test
        void signedBoundaries() {
            checkD("2^63", Long.MAX_VALUE, NV, f -> f.fcvt_l_d(TWO_63, RNE));
            checkD("-2^63", Long.MIN_VALUE, 0, f -> f.fcvt_l_d(NEG_TWO_63, RNE));
            checkD("next below -2^63", Long.MIN_VALUE, NV, f -> f.fcvt_l_d(0xc3e0000000000001L, RNE));
            checkD("largest double below 2^63", 0x7ffffffffffffc00L, 0, f -> f.fcvt_l_d(0x43dfffffffffffffL, RNE));
            checkD("qNaN", Long.MAX_VALUE, NV, f -> f.fcvt_l_d(QNAN, RNE));
            checkD("-inf", Long.MIN_VALUE, NV, f -> f.fcvt_l_d(NINF, RNE));
            checkD("2^63 single", Long.MAX_VALUE, NV, f -> f.fcvt_l_s(0x5f000000, RNE));
            checkD("-2^63 single", Long.MIN_VALUE, 0, f -> f.fcvt_l_s(0xdf000000, RNE));
            checkD("-1.5 RNE", -2, NX, f -> f.fcvt_l_d(0xbff8000000000000L, RNE));
            checkD("-1.5 RTZ", -1, NX, f -> f.fcvt_l_d(0xbff8000000000000L, RTZ));
            checkD("2^51 + 0.5 RMM", (1L << 51) + 1, NX, f -> f.fcvt_l_d(0x4320000000000001L, RMM));
            checkD("2^51 + 0.5 RNE", 1L << 51, NX, f -> f.fcvt_l_d(0x4320000000000001L, RNE));
            checkD("2^52 + 1 is exact", (1L << 52) + 1, 0, f -> f.fcvt_l_d(0x4330000000000001L, RMM));
        }

        @Test
        void unsignedBoundaries() {
            checkD("largest double below 2^64", 0xfffffffffffff800L, 0, f -> f.fcvt_lu_d(0x43efffffffffffffL, RNE));
            checkD("2^64", -1L, NV, f -> f.fcvt_lu_d(TWO_64, RNE));
            checkD("2^63", Long.MIN_VALUE, 0, f -> f.fcvt_lu_d(TWO_63, RNE));
            checkD("-0.9 RUP", 0, NX, f -> f.fcvt_lu_d(0xbfeccccccccccccdL, RUP));
            checkD("-0.9 RDN", 0, NV, f -> f.fcvt_lu_d(0xbfeccccccccccccdL, RDN));
            checkD("qNaN", -1L, NV, f -> f.fcvt_lu_d(QNAN, RNE));
            checkD("-inf", 0, NV, f -> f.fcvt_lu_d(NINF, RNE));
            checkD("2^64 single", -1L, NV, f -> f.fcvt_lu_s(0x5f800000, RNE));
            checkD("largest single below 2^64", 0xffffff0000000000L, 0, f -> f.fcvt_lu_s(0x5f7fffff, RNE));
            checkD("qNaN single", -1L, NV, f -> f.fcvt_lu_s(QNAN_S, RNE));
        }
    }

    @Nested
    class IntegerToFloat {
        @Test
        void wordToSingleRounds() {
            int[] intMax = {0x4f000000, 0x4effffff, 0x4effffff, 0x4f000000, 0x4f000000};
            int[] tie = {0x4b800000, 0x4b800000, 0x4b800000, 0x4b800001, 0x4b800001}; // 2^24 + 1
            for (int rm : ALL_RM) {
                checkS("INT_MAX, rm=" + rm, intMax[rm], NX, f -> f.fcvt_s_w(Integer.MAX_VALUE, rm));
                checkS("2^24+1, rm=" + rm, tie[rm], NX, f -> f.fcvt_s_w(0x1000001, rm));
                checkS("-(2^24+1), rm=" + rm, tie[rm == RDN ? RUP : rm == RUP ? RDN : rm] | NZ_S, NX, f -> f.fcvt_s_w(-0x1000001, rm));
                checkS("0 is +0, rm=" + rm, PZ_S, 0, f -> f.fcvt_s_w(0, rm));
            }
            checkS("2^24+3 RNE ties up to even", 0x4b800002, NX, f -> f.fcvt_s_w(0x1000003, RNE));
        }

        @Test
        void wordSourcesUseOnlyTheLow32Bits() {
            checkS("INT_MIN", 0xcf000000, 0, f -> f.fcvt_s_w(0xffffffff80000000L, RNE));
            checkS("upper bits ignored", ONE_S, 0, f -> f.fcvt_s_w(0x12345678_00000001L, RNE));
            checkS("wu: 0xffffffff", 0x4f800000, NX, f -> f.fcvt_s_wu(0xffffffffL, RNE));
            checkS("wu: 0xffffffff RTZ", 0x4f7fffff, NX, f -> f.fcvt_s_wu(0xffffffffL, RTZ));
            checkS("wu: upper bits ignored", PZ_S, 0, f -> f.fcvt_s_wu(0xffffffff_00000000L, RNE));
            checkD("d.w: -1", 0xbff0000000000000L, 0, f -> f.fcvt_d_w(0xffffffffL, RNE));
            checkD("d.w: upper bits ignored", PZ, 0, f -> f.fcvt_d_w(0x1_00000000L, RNE));
            checkD("d.wu: 0xffffffff", 0x41efffffffe00000L, 0, f -> f.fcvt_d_wu(0xffffffffL, RNE));
            checkD("d.wu: upper bits ignored", ONE, 0, f -> f.fcvt_d_wu(0xffffffff_00000001L, RNE));
        }

        @Test
        void longSources() {
            checkS("s.l: Long.MIN_VALUE", 0xdf000000, 0, f -> f.fcvt_s_l(Long.MIN_VALUE, RNE));
            checkS("s.l: -1", 0xbf800000, 0, f -> f.fcvt_s_l(-1, RNE));
            checkS("s.lu: 2^64-1", 0x5f800000, NX, f -> f.fcvt_s_lu(-1L, RNE));
            checkS("s.lu: 2^64-1 RTZ", 0x5f7fffff, NX, f -> f.fcvt_s_lu(-1L, RTZ));
            long twoP53 = 0x4340000000000000L;
            long[] tie = {twoP53, twoP53, twoP53, twoP53 + 1, twoP53 + 1};   // 2^53 + 1
            for (int rm : ALL_RM) {
                checkD("d.l: 2^53+1, rm=" + rm, tie[rm], NX, f -> f.fcvt_d_l((1L << 53) + 1, rm));
            }
            checkD("d.l: -(2^53+1) RDN", 0xc340000000000001L, NX, f -> f.fcvt_d_l(-(1L << 53) - 1, RDN));
            checkD("d.l: Long.MIN_VALUE", NEG_TWO_63, 0, f -> f.fcvt_d_l(Long.MIN_VALUE, RNE));
            checkD("d.l: Long.MAX_VALUE", TWO_63, NX, f -> f.fcvt_d_l(Long.MAX_VALUE, RNE));
            checkD("d.l: Long.MAX_VALUE RTZ", 0x43dfffffffffffffL, NX, f -> f.fcvt_d_l(Long.MAX_VALUE, RTZ));
            checkD("d.lu: 2^64-1", TWO_64, NX, f -> f.fcvt_d_lu(-1L, RNE));
            checkD("d.lu: 2^64-1 RTZ", 0x43efffffffffffffL, NX, f -> f.fcvt_d_lu(-1L, RTZ));
            checkD("d.lu: 0 RDN", PZ, 0, f -> f.fcvt_d_lu(0, RDN));
        }
    }

    @Nested
    class FloatToFloat {
        @Test
        void narrowingRoundsByMode() {
            long onePlusHalfUlpS = 0x3ff0000010000000L;                   // 1 + 2^-24, a tie in single
            int[] tie = {ONE_S, ONE_S, ONE_S, 0x3f800001, 0x3f800001};
            long third = 0x3fd5555555555555L;
            int[] thirdS = {0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaaa, 0x3eaaaaab, 0x3eaaaaab};
            for (int rm : ALL_RM) {
                checkS("1 + 2^-24, rm=" + rm, tie[rm], NX, f -> f.fcvt_s_d(onePlusHalfUlpS, rm));
                checkS("-(1 + 2^-24), rm=" + rm, tie[rm == RDN ? RUP : rm == RUP ? RDN : rm] | NZ_S, NX, f -> f.fcvt_s_d(onePlusHalfUlpS | NZ, rm));
                checkS("1/3, rm=" + rm, thirdS[rm], NX, f -> f.fcvt_s_d(third, rm));
                checkS("1.0 exact, rm=" + rm, ONE_S, 0, f -> f.fcvt_s_d(ONE, rm));
            }
        }

        @Test
        void narrowingOverflow() {
            int[] positive = {INF_S, 0x7f7fffff, 0x7f7fffff, INF_S, INF_S};
            for (int rm : ALL_RM) {
                checkS("MAX_D, rm=" + rm, positive[rm], OF | NX, f -> f.fcvt_s_d(MAX, rm));
            }
            checkS("-MAX_D RDN", NINF_S, OF | NX, f -> f.fcvt_s_d(NMAX, RDN));
            checkS("-MAX_D RUP", 0xff7fffff, OF | NX, f -> f.fcvt_s_d(NMAX, RUP));
            checkS("MAX_S + half ulp RNE", INF_S, OF | NX, f -> f.fcvt_s_d(0x47efffffF0000000L, RNE));
            checkS("MAX_S + half ulp RTZ", 0x7f7fffff, NX, f -> f.fcvt_s_d(0x47efffffF0000000L, RTZ));
        }

        @Test
        void narrowingUnderflowAfterRounding() {
            checkS("MIN_D RNE", PZ_S, UF | NX, f -> f.fcvt_s_d(1, RNE));
            checkS("MIN_D RUP", 1, UF | NX, f -> f.fcvt_s_d(1, RUP));
            checkS("-MIN_D RDN", 0x80000001, UF | NX, f -> f.fcvt_s_d(0x8000000000000001L, RDN));
            // 2^-126 - 2^-150: representable with unbounded exponent, so tiny; ties up to MIN_NORMAL.
            checkS("MIN_NORMAL_S - 2^-150 RNE", 0x00800000, UF | NX, f -> f.fcvt_s_d(0x380fffffe0000000L, RNE));
            checkS("MIN_NORMAL_S - 2^-150 RTZ", 0x007fffff, UF | NX, f -> f.fcvt_s_d(0x380fffffe0000000L, RTZ));
            // 2^-126 - 2^-151 rounds to MIN_NORMAL even with unbounded exponent: not tiny.
            checkS("MIN_NORMAL_S - 2^-151 RNE", 0x00800000, NX, f -> f.fcvt_s_d(0x380ffffff0000000L, RNE));
            checkS("MIN_NORMAL_S*(1-2^-53) RNE", 0x00800000, NX, f -> f.fcvt_s_d(0x380fffffffffffffL, RNE));
            checkS("MIN_NORMAL_S*(1-2^-53) RTZ", 0x007fffff, UF | NX, f -> f.fcvt_s_d(0x380fffffffffffffL, RTZ));
            checkS("exact subnormal", 1, 0, f -> f.fcvt_s_d(0x36a0000000000000L, RNE));
        }

        @Test
        void narrowingSpecials() {
            checkS("sNaN", QNAN_S, NV, f -> f.fcvt_s_d(SNAN, RNE));
            checkS("qNaN with payload", QNAN_S, 0, f -> f.fcvt_s_d(0xfff8000000000123L, RNE));
            checkS("-inf", NINF_S, 0, f -> f.fcvt_s_d(NINF, RNE));
            checkS("+inf", INF_S, 0, f -> f.fcvt_s_d(INF, RTZ));
            checkS("-0", NZ_S, 0, f -> f.fcvt_s_d(NZ, RNE));
        }

        @Test
        void wideningIsExact() {
            checkD("1.0f", ONE, 0, f -> f.fcvt_d_s(ONE_S));
            checkD("MIN_SUB_S", 0x36a0000000000000L, 0, f -> f.fcvt_d_s(1));
            checkD("-MAX_S", 0xc7efffffe0000000L, 0, f -> f.fcvt_d_s(0xff7fffff));
            checkD("-inf", NINF, 0, f -> f.fcvt_d_s(NINF_S));
            checkD("-0", NZ, 0, f -> f.fcvt_d_s(NZ_S));
            checkD("sNaN", QNAN, NV, f -> f.fcvt_d_s(0x7f800001));
            checkD("-qNaN with payload", QNAN, 0, f -> f.fcvt_d_s(0xffc00001));
        }
    }
}
