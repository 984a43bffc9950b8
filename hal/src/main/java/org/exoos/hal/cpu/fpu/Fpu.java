package org.exoos.hal.cpu.fpu;

import static org.exoos.hal.cpu.fpu.FloatFormat.BINARY32;
import static org.exoos.hal.cpu.fpu.FloatFormat.BINARY64;

/**
 * The F and D extensions of a RISC-V hart: IEEE 754-2008 arithmetic on raw bits with RISC-V
 * rounding modes, accrued exception flags and NaN rules (every NaN result is the canonical NaN;
 * a signaling NaN operand raises NV).
 *
 * <p>Fast path: the host's float/double operations round to nearest even; error-free transforms
 * (TwoSum, {@code Math.fma} residuals) give the sign, and where ties matter the exact value, of
 * the rounding error, which is enough to raise NX and to step the result one ulp for the directed
 * modes and RMM. The fast path only accepts results it can prove: normal, finite, and far enough
 * from underflow that the error terms are themselves exact. Everything else goes to
 * {@link ExactArith}, which computes exactly and rounds once.
 *
 * <p>Single precision is computed in double: the exact product of two floats fits a double, and
 * double results of +, -, *, /, sqrt rounded again to float are correctly rounded (53 >= 2*24+2).
 * The one double-rounding hazard left, a double result that falls exactly on a float midpoint
 * while the double operation itself was inexact, is sent to the slow path.
 *
 * <p>Not thread-safe: one instance per hart, like the fflags CSR it models.
 */
public final class Fpu {
    // Accrued exception flags, fflags layout.
    public static final int NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;
    // Rounding modes, already resolved by the caller (never 5, 6 or 7/DYN).
    public static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;

    public static final int CANONICAL_NAN_S = 0x7fc00000;
    public static final long CANONICAL_NAN_D = 0x7ff8000000000000L;

    /** Accrued exception flags; every operation ORs into it and nothing clears it. */
    public int fflags;

    private static final int SIGN_S = 0x80000000;
    private static final long SIGN_D = 0x8000000000000000L;
    private static final long LOW32 = 0xFFFFFFFFL;
    /**
     * Double fast-path floor. Above it, the fma residuals x*y - p, x - q*y and x - r*r are exactly
     * representable (their last bit is at least |result| * 2^-107, far above 2^-1074).
     */
    private static final double TINY_D = 0x1p-900;
    private static final int W = 0, WU = 1, L = 2, LU = 3;

    // ---------------------------------------------------------------- NaN boxing

    /** A single in a 64-bit register is valid only if NaN-boxed; anything else reads as the canonical NaN. */
    public static int unboxS(long reg) {
        return (reg >>> 32) == LOW32 ? (int) reg : CANONICAL_NAN_S;
    }

    public static long boxS(int bits) {
        return 0xFFFFFFFF_00000000L | (bits & LOW32);
    }

    // ---------------------------------------------------------------- single: arithmetic

    public int fadd_s(int a, int b, int rm) {
        return addS(a, b, rm);
    }

    public int fsub_s(int a, int b, int rm) {
        return addS(a, b ^ SIGN_S, rm);
    }

    private int addS(int a, int b, int rm) {
        if (isSpecialS(a) || isSpecialS(b)) {
            return (int) addSpecial(BINARY32, u(a), u(b));
        }
        double x = fs(a), y = fs(b);
        double s = x + y;
        if (s == 0) {
            return zeroSumS(a < 0, b < 0, rm);          // a double sum is zero only if exactly zero
        }
        long r = finishS(s, twoSumErr(x, y, s), rm);
        return r >= 0 ? (int) r : (int) ExactArith.add(BINARY32, u(a), u(b), rm, this);
    }

    public int fmul_s(int a, int b, int rm) {
        if (isSpecialS(a) || isSpecialS(b)) {
            return (int) mulSpecial(BINARY32, u(a), u(b));
        }
        double p = fs(a) * fs(b);                       // exact: 48 significant bits
        if (p == 0) {
            return Float.floatToRawIntBits((float) p);
        }
        long r = finishS(p, 0, rm);
        return r >= 0 ? (int) r : (int) ExactArith.mul(BINARY32, u(a), u(b), rm, this);
    }

    public int fdiv_s(int a, int b, int rm) {
        if (isSpecialS(a) || isSpecialS(b)) {
            return (int) divSpecial(BINARY32, u(a), u(b));
        }
        double x = fs(a), y = fs(b);
        if (y == 0) {
            return (int) divByZero(BINARY32, u(a), u(b));
        }
        double q = x / y;
        if (q == 0) {
            return Float.floatToRawIntBits((float) q);  // x is zero: no float quotient underflows in double
        }
        long r = finishS(q, errorSign(Math.fma(-q, y, x), y), rm);
        return r >= 0 ? (int) r : (int) ExactArith.div(BINARY32, u(a), u(b), rm, this);
    }

    public int fsqrt_s(int a, int rm) {
        if (isSpecialS(a)) {
            return (int) sqrtSpecial(BINARY32, u(a));
        }
        double x = fs(a);
        if (x == 0) {
            return a;                                   // sqrt(-0) = -0
        }
        if (x < 0) {
            return (int) invalid(BINARY32);          // sqrt of a negative number
        }
        double s = Math.sqrt(x);
        long r = finishS(s, errorSign(Math.fma(-s, s, x), 1), rm);
        return r >= 0 ? (int) r : (int) ExactArith.sqrt(BINARY32, u(a), rm, this);
    }

    // ---------------------------------------------------------------- single: fused multiply-add

    public int fmadd_s(int a, int b, int c, int rm) {
        return fmaS(a, b, c, rm);
    }

    public int fmsub_s(int a, int b, int c, int rm) {
        return fmaS(a, b, c ^ SIGN_S, rm);
    }

    public int fnmsub_s(int a, int b, int c, int rm) {
        return fmaS(a ^ SIGN_S, b, c, rm);
    }

    public int fnmadd_s(int a, int b, int c, int rm) {
        return fmaS(a ^ SIGN_S, b, c ^ SIGN_S, rm);
    }

    private int fmaS(int a, int b, int c, int rm) {
        if (isSpecialS(a) || isSpecialS(b) || isSpecialS(c)) {
            return (int) fmaSpecial(BINARY32, u(a), u(b), u(c));
        }
        double p = fs(a) * fs(b);                       // exact
        double z = fs(c);
        double s = p + z;
        if (s == 0) {
            return zeroSumS(Double.doubleToRawLongBits(p) < 0, c < 0, rm);
        }
        long r = finishS(s, twoSumErr(p, z, s), rm);
        return r >= 0 ? (int) r : (int) ExactArith.fma(BINARY32, u(a), u(b), u(c), rm, this);
    }

    // ---------------------------------------------------------------- single: min/max, sign, compare, class

    public int fmin_s(int a, int b) {
        return (int) minMax(BINARY32, u(a), u(b), false);
    }

    public int fmax_s(int a, int b) {
        return (int) minMax(BINARY32, u(a), u(b), true);
    }

    public static int fsgnj_s(int a, int b) {
        return (a & ~SIGN_S) | (b & SIGN_S);
    }

    public static int fsgnjn_s(int a, int b) {
        return (a & ~SIGN_S) | (~b & SIGN_S);
    }

    public static int fsgnjx_s(int a, int b) {
        return a ^ (b & SIGN_S);
    }

    public long feq_s(int a, int b) {
        if (isNaNS(a) || isNaNS(b)) {
            if (isSNaN(BINARY32, u(a)) || isSNaN(BINARY32, u(b))) {
                fflags |= NV;                           // quiet comparison: only sNaN is invalid
            }
            return 0;
        }
        return Float.intBitsToFloat(a) == Float.intBitsToFloat(b) ? 1 : 0;
    }

    public long flt_s(int a, int b) {
        if (isNaNS(a) || isNaNS(b)) {
            fflags |= NV;                               // signaling comparison
            return 0;
        }
        return Float.intBitsToFloat(a) < Float.intBitsToFloat(b) ? 1 : 0;
    }

    public long fle_s(int a, int b) {
        if (isNaNS(a) || isNaNS(b)) {
            fflags |= NV;
            return 0;
        }
        return Float.intBitsToFloat(a) <= Float.intBitsToFloat(b) ? 1 : 0;
    }

    public static long fclass_s(int a) {
        return fclass(BINARY32, u(a));
    }

    // ---------------------------------------------------------------- single: conversions

    public long fcvt_w_s(int a, int rm) {
        return isNaNS(a) ? nanToInteger(W) : toInteger(fs(a), rm, W);
    }

    public long fcvt_wu_s(int a, int rm) {
        return isNaNS(a) ? nanToInteger(WU) : toInteger(fs(a), rm, WU);
    }

    public long fcvt_l_s(int a, int rm) {
        return isNaNS(a) ? nanToInteger(L) : toInteger(fs(a), rm, L);
    }

    public long fcvt_lu_s(int a, int rm) {
        return isNaNS(a) ? nanToInteger(LU) : toInteger(fs(a), rm, LU);
    }

    public int fcvt_s_w(long rs1, int rm) {
        int v = (int) rs1;
        return (int) fromInteger(BINARY32, v < 0, Math.abs((long) v), rm);
    }

    public int fcvt_s_wu(long rs1, int rm) {
        return (int) fromInteger(BINARY32, false, rs1 & LOW32, rm);
    }

    public int fcvt_s_l(long rs1, int rm) {
        return (int) fromInteger(BINARY32, rs1 < 0, rs1 < 0 ? -rs1 : rs1, rm); // -MIN_VALUE is 2^63 unsigned
    }

    public int fcvt_s_lu(long rs1, int rm) {
        return (int) fromInteger(BINARY32, false, rs1, rm);
    }

    public int fcvt_s_d(long a, int rm) {
        if (isSpecialD(a)) {
            if (isNaND(a)) {
                nanResult(BINARY64, a, 0, 0);
                return CANONICAL_NAN_S;
            }
            return ((int) (a >>> 32) & SIGN_S) | 0x7f800000;
        }
        double x = d(a);
        if (x == 0) {
            return (int) (a >>> 32);                   // signed zero
        }
        long r = finishS(x, 0, rm);
        return r >= 0 ? (int) r : (int) ExactArith.convert(BINARY64, BINARY32, a, rm, this);
    }

    public long fcvt_d_s(int a) {
        if (isNaNS(a)) {
            nanResult(BINARY32, u(a), 0, 0);
            return CANONICAL_NAN_D;
        }
        return Double.doubleToRawLongBits(fs(a));       // widening is exact
    }

    // ---------------------------------------------------------------- double: arithmetic

    public long fadd_d(long a, long b, int rm) {
        return addD(a, b, rm);
    }

    public long fsub_d(long a, long b, int rm) {
        return addD(a, b ^ SIGN_D, rm);
    }

    private long addD(long a, long b, int rm) {
        if (isSpecialD(a) || isSpecialD(b)) {
            return addSpecial(BINARY64, a, b);
        }
        double x = d(a), y = d(b);
        double s = x + y;
        if (s == 0) {
            return zeroSumD(a < 0, b < 0, rm);
        }
        if (Double.isInfinite(s)) {
            return ExactArith.add(BINARY64, a, b, rm, this); // overflow depends on rm
        }
        // TwoSum is exact without overflow; an inexact sum is never subnormal.
        return finishD(s, twoSumErr(x, y, s), rm);
    }

    public long fmul_d(long a, long b, int rm) {
        if (isSpecialD(a) || isSpecialD(b)) {
            return mulSpecial(BINARY64, a, b);
        }
        double x = d(a), y = d(b);
        double p = x * y;
        double ap = Math.abs(p);
        if (ap >= TINY_D && ap <= Double.MAX_VALUE) {
            return finishD(p, Math.fma(x, y, -p), rm);
        }
        if (x == 0 || y == 0) {
            return Double.doubleToRawLongBits(p);
        }
        return ExactArith.mul(BINARY64, a, b, rm, this);
    }

    public long fdiv_d(long a, long b, int rm) {
        if (isSpecialD(a) || isSpecialD(b)) {
            return divSpecial(BINARY64, a, b);
        }
        double x = d(a), y = d(b);
        if (y == 0) {
            return divByZero(BINARY64, a, b);
        }
        if (x == 0) {
            return (a ^ b) & SIGN_D;
        }
        double q = x / y;
        double aq = Math.abs(q);
        if (aq >= TINY_D && aq <= Double.MAX_VALUE && Math.abs(x) >= TINY_D) {
            return finishD(q, errorSign(Math.fma(-q, y, x), y), rm);
        }
        return ExactArith.div(BINARY64, a, b, rm, this);
    }

    public long fsqrt_d(long a, int rm) {
        if (isSpecialD(a)) {
            return sqrtSpecial(BINARY64, a);
        }
        double x = d(a);
        if (x >= TINY_D) {
            double s = Math.sqrt(x);
            return finishD(s, errorSign(Math.fma(-s, s, x), 1), rm);
        }
        if (x == 0) {
            return a;
        }
        if (x < 0) {
            fflags |= NV;
            return CANONICAL_NAN_D;
        }
        return ExactArith.sqrt(BINARY64, a, rm, this);
    }

    // ---------------------------------------------------------------- double: fused multiply-add

    public long fmadd_d(long a, long b, long c, int rm) {
        return fmaD(a, b, c, rm);
    }

    public long fmsub_d(long a, long b, long c, int rm) {
        return fmaD(a, b, c ^ SIGN_D, rm);
    }

    public long fnmsub_d(long a, long b, long c, int rm) {
        return fmaD(a ^ SIGN_D, b, c, rm);
    }

    public long fnmadd_d(long a, long b, long c, int rm) {
        return fmaD(a ^ SIGN_D, b, c ^ SIGN_D, rm);
    }

    /**
     * Math.fma gives the RNE result r. With x*y = u1 + u2 (TwoProd) and u1 + z = s1 + s2 (TwoSum)
     * the exact value is s1 + s2 + u2, so the error is (s1 - r) + s2 + u2. When s1 and r are
     * within a factor of two, s1 - r is exact (Sterbenz) and two more TwoSums give the error as
     * y1 + y2 + x2 exactly; its sign is that of y1 unless x2 could outweigh it, which goes slow.
     */
    private long fmaD(long a, long b, long c, int rm) {
        if (isSpecialD(a) || isSpecialD(b) || isSpecialD(c)) {
            return fmaSpecial(BINARY64, a, b, c);
        }
        double x = d(a), y = d(b), z = d(c);
        if (x == 0 || y == 0) {
            return z != 0 ? c : zeroSumD((a ^ b) < 0, c < 0, rm); // product is an exact signed zero
        }
        double u1 = x * y;
        double au = Math.abs(u1);
        if (au >= TINY_D && au <= Double.MAX_VALUE) {
            double u2 = Math.fma(x, y, -u1);
            double r = Math.fma(x, y, z);
            double ar = Math.abs(r);
            double s1 = u1 + z;
            if (ar >= TINY_D && ar <= Double.MAX_VALUE && 0.5 * ar <= Math.abs(s1) && 0.5 * Math.abs(s1) <= ar && (s1 > 0) == (r > 0)) {
                double s2 = twoSumErr(u1, z, s1);
                double dd = s1 - r;                      // exact by Sterbenz
                double x1 = s2 + u2, x2 = twoSumErr(s2, u2, x1);
                double y1 = dd + x1, y2 = twoSumErr(dd, x1, y1);
                if (x2 == 0 && y2 == 0) {
                    return finishD(r, y1, rm);           // the error is exactly y1
                }
                if (rm != RMM) {                         // sign suffices unless a tie is possible
                    if (y1 == 0) {
                        return finishD(r, x2, rm);
                    }
                    if (Math.abs(y1) > 2 * Math.abs(x2)) {
                        return finishD(r, y1, rm);
                    }
                }
            } else if (s1 == 0 && u2 == 0) {
                return zeroSumD(u1 < 0, c < 0, rm);     // x*y == -z exactly
            }
        }
        return ExactArith.fma(BINARY64, a, b, c, rm, this);
    }

    // ---------------------------------------------------------------- double: min/max, sign, compare, class

    public long fmin_d(long a, long b) {
        return minMax(BINARY64, a, b, false);
    }

    public long fmax_d(long a, long b) {
        return minMax(BINARY64, a, b, true);
    }

    public static long fsgnj_d(long a, long b) {
        return (a & ~SIGN_D) | (b & SIGN_D);
    }

    public static long fsgnjn_d(long a, long b) {
        return (a & ~SIGN_D) | (~b & SIGN_D);
    }

    public static long fsgnjx_d(long a, long b) {
        return a ^ (b & SIGN_D);
    }

    public long feq_d(long a, long b) {
        if (isNaND(a) || isNaND(b)) {
            if (isSNaN(BINARY64, a) || isSNaN(BINARY64, b)) {
                fflags |= NV;
            }
            return 0;
        }
        return d(a) == d(b) ? 1 : 0;
    }

    public long flt_d(long a, long b) {
        if (isNaND(a) || isNaND(b)) {
            fflags |= NV;
            return 0;
        }
        return d(a) < d(b) ? 1 : 0;
    }

    public long fle_d(long a, long b) {
        if (isNaND(a) || isNaND(b)) {
            fflags |= NV;
            return 0;
        }
        return d(a) <= d(b) ? 1 : 0;
    }

    public static long fclass_d(long a) {
        return fclass(BINARY64, a);
    }

    // ---------------------------------------------------------------- double: conversions

    public long fcvt_w_d(long a, int rm) {
        return isNaND(a) ? nanToInteger(W) : toInteger(d(a), rm, W);
    }

    public long fcvt_wu_d(long a, int rm) {
        return isNaND(a) ? nanToInteger(WU) : toInteger(d(a), rm, WU);
    }

    public long fcvt_l_d(long a, int rm) {
        return isNaND(a) ? nanToInteger(L) : toInteger(d(a), rm, L);
    }

    public long fcvt_lu_d(long a, int rm) {
        return isNaND(a) ? nanToInteger(LU) : toInteger(d(a), rm, LU);
    }

    /** Exact: every int is a double. {@code rm} is accepted because the encoding has it. */
    public long fcvt_d_w(long rs1, int rm) {
        return Double.doubleToRawLongBits((int) rs1);
    }

    public long fcvt_d_wu(long rs1, int rm) {
        return Double.doubleToRawLongBits(rs1 & LOW32);
    }

    public long fcvt_d_l(long rs1, int rm) {
        return fromInteger(BINARY64, rs1 < 0, rs1 < 0 ? -rs1 : rs1, rm);
    }

    public long fcvt_d_lu(long rs1, int rm) {
        return fromInteger(BINARY64, false, rs1, rm);
    }

    // ---------------------------------------------------------------- fast-path rounding

    /**
     * Rounds to single the value {@code rd + e0}, where rd is a double and e0 is the exact error
     * of the double operation (or, when the operation cannot produce a tie, any value of the
     * right sign). Returns the float bits, or -1 if the slow path must decide.
     */
    private long finishS(double rd, double e0, int rm) {
        float rf = (float) rd;
        float mag = Math.abs(rf);
        if (!(mag > Float.MIN_NORMAL && mag <= Float.MAX_VALUE)) {
            return -1;                                  // zero, subnormal, near-underflow or overflow
        }
        boolean midpoint = (Double.doubleToRawLongBits(rd) & 0x1FFFFFFFL) == 0x10000000L;
        if (midpoint && e0 != 0) {
            return -1;                                  // (float) rd would round a second time
        }
        double e1 = rd - rf;                            // exact: rf is rd with 29 bits dropped
        if (e1 == 0 && e0 == 0) {
            return Float.floatToRawIntBits(rf) & LOW32;
        }
        fflags |= NX;
        if (rm != RNE) {
            double err = e1 != 0 ? e1 : e0;             // |e0| < half an ulp of rd <= |e1| when e1 != 0
            rf = switch (rm) {
                case RTZ -> (err > 0) != (rf > 0) ? (rf > 0 ? Math.nextDown(rf) : Math.nextUp(rf)) : rf;
                case RDN -> err < 0 ? Math.nextDown(rf) : rf;
                case RUP -> err > 0 ? Math.nextUp(rf) : rf;
                default -> midpoint && (err > 0) == (rf > 0) ? (rf > 0 ? Math.nextUp(rf) : Math.nextDown(rf)) : rf;
            };
            if (Float.isInfinite(rf)) {
                fflags |= OF;                           // stepped from MAX_VALUE
            }
        }
        return Float.floatToRawIntBits(rf) & LOW32;
    }

    /**
     * Rounds {@code r + err} where r is the RNE result, normal and finite, and err is the exact
     * rounding error, or only its sign when a tie is impossible (quotients and square roots).
     */
    private long finishD(double r, double err, int rm) {
        if (err == 0) {
            return Double.doubleToRawLongBits(r);
        }
        fflags |= NX;
        if (rm != RNE) {
            r = switch (rm) {
                case RTZ -> (err > 0) != (r > 0) ? (r > 0 ? Math.nextDown(r) : Math.nextUp(r)) : r;
                case RDN -> err < 0 ? Math.nextDown(r) : r;
                case RUP -> err > 0 ? Math.nextUp(r) : r;
                default -> {                             // RMM: differs from RNE only on a tie
                    double next = err > 0 ? Math.nextUp(r) : Math.nextDown(r);
                    yield next - r == 2 * err && Math.abs(next) > Math.abs(r) ? next : r;
                }
            };
            if (Double.isInfinite(r)) {
                fflags |= OF;
            }
        }
        return Double.doubleToRawLongBits(r);
    }

    /**
     * The error of s = fl(x + y): x + y == s + err exactly whenever s is finite (Fast2Sum on the
     * operands ordered by magnitude). Knuth's branch-free TwoSum is not used because its
     * intermediate s - x can overflow when s rounds up to just below MAX_VALUE.
     */
    private static double twoSumErr(double x, double y, double s) {
        return Math.abs(x) >= Math.abs(y) ? y - (s - x) : x - (s - y);
    }

    /**
     * A stand-in for the error rem / divisor of a quotient or root: only its sign is known, and
     * MIN_VALUE can never equal half an ulp of a fast-path result, so it is never taken for a tie.
     */
    private static double errorSign(double rem, double divisor) {
        return rem == 0 ? 0 : (rem > 0) == (divisor > 0) ? Double.MIN_VALUE : -Double.MIN_VALUE;
    }

    /** The sign of an exact zero sum (IEEE 754 6.3): -0 if both addends are negative, or in RDN if either is. */
    private static int zeroSumS(boolean negA, boolean negB, int rm) {
        return (rm == RDN ? negA || negB : negA && negB) ? SIGN_S : 0;
    }

    private static long zeroSumD(boolean negA, boolean negB, int rm) {
        return (rm == RDN ? negA || negB : negA && negB) ? SIGN_D : 0;
    }

    // ---------------------------------------------------------------- special operands (both formats)

    private long addSpecial(FloatFormat f, long a, long b) {
        if (isNaN(f, a) || isNaN(f, b)) {
            return nanResult(f, a, b, 0);
        }
        if (f.isSpecial(a) && f.isSpecial(b) && a != b) {
            return invalid(f);                          // inf - inf
        }
        return f.isSpecial(a) ? a : b;
    }

    private long mulSpecial(FloatFormat f, long a, long b) {
        if (isNaN(f, a) || isNaN(f, b)) {
            return nanResult(f, a, b, 0);
        }
        if (f.isZero(a) || f.isZero(b)) {
            return invalid(f);                          // 0 * inf
        }
        return ((a ^ b) & f.signBit) | f.infinity;
    }

    private long divSpecial(FloatFormat f, long a, long b) {
        if (isNaN(f, a) || isNaN(f, b)) {
            return nanResult(f, a, b, 0);
        }
        if (f.isSpecial(a) && f.isSpecial(b)) {
            return invalid(f);                          // inf / inf
        }
        long sign = (a ^ b) & f.signBit;
        return f.isSpecial(a) ? sign | f.infinity : sign; // inf / x (no DZ even for x = 0), x / inf
    }

    private long divByZero(FloatFormat f, long a, long b) {
        if (f.isZero(a)) {
            return invalid(f);                          // 0 / 0
        }
        fflags |= DZ;
        return ((a ^ b) & f.signBit) | f.infinity;
    }

    private long sqrtSpecial(FloatFormat f, long a) {
        if (isNaN(f, a)) {
            return nanResult(f, a, 0, 0);
        }
        return f.isNegative(a) ? invalid(f) : a;
    }

    private long fmaSpecial(FloatFormat f, long a, long b, long c) {
        boolean infTimesZero = f.isSpecial(a) && !isNaN(f, a) && f.isZero(b)
                || f.isZero(a) && f.isSpecial(b) && !isNaN(f, b);
        if (isNaN(f, a) || isNaN(f, b) || isNaN(f, c)) {
            if (infTimesZero) {
                fflags |= NV;                           // RISC-V: even when the addend is a quiet NaN
            }
            return nanResult(f, a, b, c);
        }
        if (infTimesZero) {
            return invalid(f);
        }
        if (f.isSpecial(a) || f.isSpecial(b)) {
            long product = ((a ^ b) & f.signBit) | f.infinity;
            return f.isSpecial(c) && c != product ? invalid(f) : product;
        }
        return c;
    }

    /** Some operand is NaN: the result is canonical, and invalid if any operand is signaling. */
    private long nanResult(FloatFormat f, long a, long b, long c) {
        if (isSNaN(f, a) || isSNaN(f, b) || isSNaN(f, c)) {
            fflags |= NV;
        }
        return f.canonicalNaN;
    }

    private long invalid(FloatFormat f) {
        fflags |= NV;
        return f.canonicalNaN;
    }

    /** RISC-V fmin/fmax (IEEE 754-2019 minimumNumber/maximumNumber): -0 < +0, NaNs lose. */
    private long minMax(FloatFormat f, long a, long b, boolean max) {
        boolean nanA = isNaN(f, a), nanB = isNaN(f, b);
        if (nanA || nanB) {
            if (isSNaN(f, a) || isSNaN(f, b)) {
                fflags |= NV;
            }
            return nanA && nanB ? f.canonicalNaN : nanA ? b : a;
        }
        return (orderKey(f, a) < orderKey(f, b)) != max ? a : b;
    }

    /** Maps non-NaN bits to a long whose signed order is the numeric order, with -0 below +0. */
    private static long orderKey(FloatFormat f, long bits) {
        long magnitude = bits & ~f.signBit;
        return f.isNegative(bits) ? -magnitude - 1 : magnitude;
    }

    private static long fclass(FloatFormat f, long bits) {
        boolean neg = f.isNegative(bits);
        long frac = bits & f.fracMask;
        int exp = f.biasedExponent(bits);
        if (f.isSpecial(bits)) {
            if (frac == 0) {
                return neg ? 1 : 1 << 7;                // infinities
            }
            return isSNaN(f, bits) ? 1 << 8 : 1 << 9;
        }
        if (exp == 0) {
            return frac == 0 ? (neg ? 1 << 3 : 1 << 4) : (neg ? 1 << 2 : 1 << 5);
        }
        return neg ? 1 << 1 : 1 << 6;
    }

    // ---------------------------------------------------------------- conversions (both formats)

    /** RISC-V: a NaN converts to the largest positive integer of the destination. */
    private long nanToInteger(int kind) {
        fflags |= NV;
        return switch (kind) {
            case W -> Integer.MAX_VALUE;
            case L -> Long.MAX_VALUE;
            default -> -1L;                             // 2^32-1 sign-extended, or 2^64-1
        };
    }

    /**
     * Rounds a non-NaN value to an integer under rm, then saturates out-of-range results with
     * NV only (no NX), as the RISC-V conversion table prescribes. W and WU results are the
     * 32-bit value sign-extended.
     */
    private long toInteger(double x, int rm, int kind) {
        double r = switch (rm) {
            case RNE -> Math.rint(x);
            case RTZ -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case RDN -> Math.floor(x);
            case RUP -> Math.ceil(x);
            default -> roundHalfAway(x);
        };
        boolean inRange = switch (kind) {
            case W -> r >= -0x1p31 && r <= 0x1p31 - 1;
            case WU -> r >= 0 && r <= 0x1p32 - 1;      // -0.0 >= 0 holds: -0.3 rounds to a valid 0
            case L -> r >= -0x1p63 && r < 0x1p63;
            default -> r >= 0 && r < 0x1p64;
        };
        if (!inRange) {
            fflags |= NV;
            boolean neg = x < 0;
            return switch (kind) {
                case W -> neg ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                case L -> neg ? Long.MIN_VALUE : Long.MAX_VALUE;
                default -> neg ? 0 : -1L;
            };
        }
        if (r != x) {
            fflags |= NX;
        }
        return switch (kind) {
            case W -> (long) r;
            case WU -> (int) (long) r;
            case L -> (long) r;
            default -> r >= 0x1p63 ? (long) (r - 0x1p63) ^ Long.MIN_VALUE : (long) r;
        };
    }

    private static double roundHalfAway(double x) {
        double t = x < 0 ? Math.ceil(x) : Math.floor(x);
        // x - t is exact (a fraction of x); for |x| >= 2^52 it is 0 and t + 1 is never needed.
        if (Math.abs(x - t) >= 0.5) {
            t += x < 0 ? -1 : 1;
        }
        return t;
    }

    /** Rounds the unsigned 64-bit magnitude {@code mag} (with a sign) to format f; never overflows. */
    private long fromInteger(FloatFormat f, boolean neg, long mag, int rm) {
        if (mag == 0) {
            return 0;                                   // integer zero converts to +0
        }
        int p = f.precision;
        int n = 64 - Long.numberOfLeadingZeros(mag);    // bits in mag; the leading one has exponent n - 1
        int exp = n - 1;
        long sig;
        if (n <= p) {
            sig = mag << (p - n);
        } else {
            int shift = n - p;
            sig = mag >>> shift;
            long rest = mag & ((1L << shift) - 1);
            if (rest != 0) {
                fflags |= NX;
                long half = 1L << (shift - 1);
                if (ExactRounder.roundsAway(rm, neg, (sig & 1) != 0, rest >= half, (rest & (half - 1)) != 0)) {
                    sig++;
                    if (sig == 1L << p) {
                        sig >>>= 1;
                        exp++;
                    }
                }
            }
        }
        long bits = ((long) (exp + f.bias) << (p - 1)) | (sig & f.fracMask);
        return neg ? bits | f.signBit : bits;
    }

    // ---------------------------------------------------------------- bits

    private static boolean isSpecialS(int a) {
        return (a & 0x7f800000) == 0x7f800000;
    }

    private static boolean isNaNS(int a) {
        return (a & 0x7fffffff) > 0x7f800000;
    }

    private static boolean isSpecialD(long a) {
        return (a & 0x7ff0000000000000L) == 0x7ff0000000000000L;
    }

    private static boolean isNaND(long a) {
        return (a & ~SIGN_D) > 0x7ff0000000000000L;
    }

    private static boolean isNaN(FloatFormat f, long bits) {
        return (bits & ~f.signBit) > f.infinity;
    }

    /** A NaN with the quiet bit (the top fraction bit) clear. */
    private static boolean isSNaN(FloatFormat f, long bits) {
        return isNaN(f, bits) && (bits & (1L << (f.precision - 2))) == 0;
    }

    private static long u(int bits) {
        return bits & LOW32;
    }

    /** Only for non-NaN bits: the conversion may quiet a signaling NaN. */
    private static double fs(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }
}
