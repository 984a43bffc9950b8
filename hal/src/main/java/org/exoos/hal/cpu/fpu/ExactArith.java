package org.exoos.hal.cpu.fpu;

import java.math.BigInteger;

/**
 * The slow path: exact arithmetic on finite operands with {@link BigInteger} significands,
 * then one correct rounding by {@link ExactRounder}. It handles every finite case (zeros,
 * subnormals, overflow, underflow) so {@link Fpu} sends it whatever its fast path cannot
 * prove, and tests use it as the reference. Operands and results are raw bits, binary32
 * zero-extended; NaN and infinity operands are the caller's business.
 */
final class ExactArith {
    private ExactArith() {}

    static long add(FloatFormat f, long a, long b, int rm, Fpu sink) {
        int ea = f.lsbExponent(a), eb = f.lsbExponent(b);
        int e = Math.min(ea, eb);
        BigInteger sum = signed(f, a).shiftLeft(ea - e).add(signed(f, b).shiftLeft(eb - e));
        return roundSum(f, sum, e, f.isNegative(a), f.isNegative(b), rm, sink);
    }

    static long mul(FloatFormat f, long a, long b, int rm, Fpu sink) {
        BigInteger m = BigInteger.valueOf(f.significand(a)).multiply(BigInteger.valueOf(f.significand(b)));
        return ExactRounder.round(f, f.isNegative(a) != f.isNegative(b), m, f.lsbExponent(a) + f.lsbExponent(b), rm, sink);
    }

    /** {@code b} must not be zero. */
    static long div(FloatFormat f, long a, long b, int rm, Fpu sink) {
        boolean neg = f.isNegative(a) != f.isNegative(b);
        long sa = f.significand(a), sb = f.significand(b);
        if (sa == 0) {
            return neg ? f.signBit : 0;
        }
        // Scale the dividend so the integer quotient has at least p + 2 bits; the remainder
        // only matters as a sticky bit below them.
        int k = Math.max(0, f.precision + 2 + bitLength(sb) - bitLength(sa));
        BigInteger[] qr = BigInteger.valueOf(sa).shiftLeft(k).divideAndRemainder(BigInteger.valueOf(sb));
        BigInteger m = withSticky(qr[0], qr[1].signum() != 0);
        return ExactRounder.round(f, neg, m, f.lsbExponent(a) - f.lsbExponent(b) - k - 1, rm, sink);
    }

    /** {@code a} must be non-negative or a zero (sqrt(-0) = -0). */
    static long sqrt(FloatFormat f, long a, int rm, Fpu sink) {
        long sa = f.significand(a);
        if (sa == 0) {
            return a;
        }
        int e = f.lsbExponent(a);
        // At least 2(p + 2) radicand bits give a root of p + 2 bits; the exponent must be even.
        int k = Math.max(0, 2 * (f.precision + 2) - bitLength(sa));
        if (((e - k) & 1) != 0) {
            k++;
        }
        BigInteger rad = BigInteger.valueOf(sa).shiftLeft(k);
        BigInteger s = rad.sqrt();
        BigInteger m = withSticky(s, !s.multiply(s).equals(rad));
        return ExactRounder.round(f, false, m, (e - k) / 2 - 1, rm, sink);
    }

    /** a * b + c with a single rounding. */
    static long fma(FloatFormat f, long a, long b, long c, int rm, Fpu sink) {
        boolean np = f.isNegative(a) != f.isNegative(b);
        BigInteger p = BigInteger.valueOf(f.significand(a)).multiply(BigInteger.valueOf(f.significand(b)));
        if (np) {
            p = p.negate();
        }
        int ep = f.lsbExponent(a) + f.lsbExponent(b), ec = f.lsbExponent(c);
        int e = Math.min(ep, ec);
        BigInteger sum = p.shiftLeft(ep - e).add(signed(f, c).shiftLeft(ec - e));
        return roundSum(f, sum, e, np, f.isNegative(c), rm, sink);
    }

    /** Narrowing (or same-format) conversion of a finite value. */
    static long convert(FloatFormat from, FloatFormat to, long a, int rm, Fpu sink) {
        return ExactRounder.round(to, from.isNegative(a), BigInteger.valueOf(from.significand(a)), from.lsbExponent(a), rm, sink);
    }

    /**
     * An exact zero sum of two addends is -0 only if both are negative, or, in RDN, if either
     * is (IEEE 754 6.3); a nonzero sum keeps its sign through rounding.
     */
    private static long roundSum(FloatFormat f, BigInteger sum, int e, boolean negA, boolean negB, int rm, Fpu sink) {
        boolean neg = sum.signum() != 0 ? sum.signum() < 0 : negA == negB ? negA : rm == Fpu.RDN;
        return ExactRounder.round(f, neg, sum.abs(), e, rm, sink);
    }

    private static BigInteger signed(FloatFormat f, long bits) {
        BigInteger m = BigInteger.valueOf(f.significand(bits));
        return f.isNegative(bits) ? m.negate() : m;
    }

    private static BigInteger withSticky(BigInteger truncated, boolean sticky) {
        BigInteger m = truncated.shiftLeft(1);
        return sticky ? m.setBit(0) : m;
    }

    private static int bitLength(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }
}
