package org.exoos.hal.cpu.fpu;

import static org.exoos.hal.cpu.fpu.FloatFormat.BINARY32;
import static org.exoos.hal.cpu.fpu.FloatFormat.BINARY64;
import static org.exoos.hal.cpu.fpu.Fpu.NX;
import static org.exoos.hal.cpu.fpu.Fpu.OF;
import static org.exoos.hal.cpu.fpu.Fpu.RDN;
import static org.exoos.hal.cpu.fpu.Fpu.RMM;
import static org.exoos.hal.cpu.fpu.Fpu.RNE;
import static org.exoos.hal.cpu.fpu.Fpu.RTZ;
import static org.exoos.hal.cpu.fpu.Fpu.RUP;
import static org.exoos.hal.cpu.fpu.Fpu.UF;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.flagNames;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.exoos.hal.cpu.fpu.FpuRandomizedTest.Shape;
import org.junit.jupiter.api.Test;

/**
 * Validates the slow path against oracles that share no code with it: BigDecimal (exact
 * decimal arithmetic on the operands' exact values) decides whether each result is the correctly
 * rounded one for its mode and which of NX, UF, OF must be raised; for RNE the bits must also
 * equal Java's own IEEE operations.
 */
class FpuExactArithTest {
    static final int SAMPLES = 6_000;
    private static final BigDecimal HALF = new BigDecimal("0.5");

    /** signum(exact - v), for an exact value that may have no finite decimal form (quotients, roots). */
    @FunctionalInterface
    interface Exact {
        int cmp(BigDecimal v);
    }

    @FunctionalInterface
    interface Op {
        long apply(Fpu sink, long a, long b, long c, int rm);
    }

    @FunctionalInterface
    interface Native {
        long apply(long a, long b, long c);
    }

    @Test
    void addAgainstBigDecimal() {
        for (FloatFormat f : FloatFormat.values()) {
            verify("add", f, Shape.SUM, (s, a, b, c, rm) -> ExactArith.add(f, a, b, rm, s),
                    (a, b, c) -> { BigDecimal x = value(f, a).add(value(f, b)); return x::compareTo; },
                    (a, b, c) -> f == BINARY64 ? dbits(d(a) + d(b)) : sbits(s(a) + s(b)),
                    (a, b, c, rm) -> zeroSumNegative(f.isNegative(a), f.isNegative(b), rm));
        }
    }

    @Test
    void mulAgainstBigDecimal() {
        for (FloatFormat f : FloatFormat.values()) {
            verify("mul", f, Shape.PRODUCT, (s, a, b, c, rm) -> ExactArith.mul(f, a, b, rm, s),
                    (a, b, c) -> { BigDecimal x = value(f, a).multiply(value(f, b)); return x::compareTo; },
                    (a, b, c) -> f == BINARY64 ? dbits(d(a) * d(b)) : sbits(s(a) * s(b)),
                    (a, b, c, rm) -> f.isNegative(a) != f.isNegative(b));
        }
    }

    @Test
    void divAgainstBigDecimal() {
        for (FloatFormat f : FloatFormat.values()) {
            verify("div", f, Shape.QUOTIENT, (s, a, b, c, rm) -> ExactArith.div(f, a, b, rm, s),
                    (a, b, c) -> {
                        BigDecimal x = value(f, a), y = value(f, b);
                        return v -> x.subtract(v.multiply(y)).signum() * y.signum();    // a/b - v ~ a - v*b
                    },
                    (a, b, c) -> f == BINARY64 ? dbits(d(a) / d(b)) : sbits(s(a) / s(b)),
                    (a, b, c, rm) -> f.isNegative(a) != f.isNegative(b));
        }
    }

    @Test
    void sqrtAgainstBigDecimal() {
        for (FloatFormat f : FloatFormat.values()) {
            verify("sqrt", f, Shape.ROOT, (s, a, b, c, rm) -> ExactArith.sqrt(f, a, rm, s),
                    (a, b, c) -> {
                        BigDecimal x = value(f, a);
                        return v -> v.signum() < 0 ? 1 : x.compareTo(v.multiply(v));        // sqrt(a) - v ~ a - v^2
                    },
                    (a, b, c) -> f == BINARY64 ? dbits(Math.sqrt(d(a))) : sbits((float) Math.sqrt(s(a))),
                    (a, b, c, rm) -> f.isNegative(a));
        }
    }

    @Test
    void fmaAgainstBigDecimal() {
        for (FloatFormat f : FloatFormat.values()) {
            verify("fma", f, Shape.FMA, (s, a, b, c, rm) -> ExactArith.fma(f, a, b, c, rm, s),
                    (a, b, c) -> { BigDecimal x = value(f, a).multiply(value(f, b)).add(value(f, c)); return x::compareTo; },
                    (a, b, c) -> f == BINARY64 ? dbits(Math.fma(d(a), d(b), d(c))) : sbits(Math.fma(s(a), s(b), s(c))),
                    (a, b, c, rm) -> zeroSumNegative(f.isNegative(a) != f.isNegative(b), f.isNegative(c), rm));
        }
    }

    @Test
    void narrowingAgainstBigDecimal() {
        verify("convert", BINARY64, Shape.NARROW, (s, a, b, c, rm) -> ExactArith.convert(BINARY64, BINARY32, a, rm, s),
                (a, b, c) -> { BigDecimal x = value(BINARY64, a); return x::compareTo; },
                (a, b, c) -> sbits((float) d(a)),
                (a, b, c, rm) -> BINARY64.isNegative(a));
    }

    // ---------------------------------------------------------------- the oracle

    @FunctionalInterface
    interface ExactOf {
        Exact of(long a, long b, long c);
    }

    @FunctionalInterface
    interface ZeroSign {
        boolean negative(long a, long b, long c, int rm);
    }

    private static boolean zeroSumNegative(boolean negA, boolean negB, int rm) {
        return negA == negB ? negA : rm == RDN;
    }

    private static void verify(String name, FloatFormat in, Shape shape, Op op, ExactOf exactOf, Native nativeRne, ZeroSign zeroSign) {
        FloatFormat out = shape == Shape.NARROW ? BINARY32 : in;
        SplittableRandom rnd = new SplittableRandom(name.hashCode() * 31L + in.ordinal());
        List<String> problems = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long[] ops = FpuRandomizedTest.operands(rnd, in, shape);
            long a = ops[0], b = ops[1], c = ops[2];
            Exact exact = exactOf.of(a, b, c);
            for (int rm = RNE; rm <= RMM; rm++) {
                Fpu sink = new Fpu();
                long r = op.apply(sink, a, b, c, rm);
                String problem = check(out, exact, rm, r, sink.fflags, zeroSign.negative(a, b, c, rm));
                if (problem == null && rm == RNE && r != nativeRne.apply(a, b, c)) {
                    problem = "differs from Java's IEEE result " + Long.toHexString(nativeRne.apply(a, b, c));
                }
                if (problem != null) {
                    bad++;
                    if (problems.size() < 12) {
                        problems.add(String.format("%s %s rm=%d a=%x b=%x c=%x -> %x %s: %s",
                                name, out, rm, a, b, c, r, flagNames(sink.fflags), problem));
                    }
                }
            }
        }
        if (bad > 0) {
            fail(bad + " wrong results:\n  " + String.join("\n  ", problems));
        }
    }

    /** Null if {@code r} with {@code flags} is the correctly rounded result of {@code x} in format f under rm. */
    static String check(FloatFormat f, Exact x, int rm, long r, int flags, boolean zeroNegative) {
        if ((r & ~f.signBit) > f.infinity) {
            return "NaN result";
        }
        int sign = x.cmp(BigDecimal.ZERO);
        if (sign == 0) {
            if (!f.isZero(r) || f.isNegative(r) != zeroNegative) {
                return "exact zero expected, " + (zeroNegative ? "-0" : "+0");
            }
            return flags == 0 ? null : "exact zero must raise no flags";
        }
        boolean neg = sign < 0;
        if (f.isNegative(r) != neg) {
            return "wrong sign";
        }
        BigDecimal max = value(f, f.maxFinite), big = value(f, f.infinity), overflowTie = max.add(big).multiply(HALF);
        boolean overflow = switch (rm) {
            case RNE, RMM -> absCmp(x, neg, overflowTie) >= 0;
            case RTZ -> absCmp(x, neg, big) >= 0;
            case RDN -> neg ? absCmp(x, neg, max) > 0 : absCmp(x, neg, big) >= 0;
            default -> neg ? absCmp(x, neg, big) >= 0 : absCmp(x, neg, max) > 0;
        };
        boolean infinite = f.isSpecial(r);
        if (infinite) {
            boolean towardInfinity = rm == RNE || rm == RMM || rm == (neg ? RDN : RUP);
            if (!overflow || !towardInfinity) {
                return "infinity is wrong here";
            }
        } else {
            String p = checkFinite(f, x, rm, r, neg);
            if (p != null) {
                return p;
            }
        }
        boolean inexact = infinite || x.cmp(value(f, r)) != 0;
        BigDecimal minNormal = value(f, f.fracMask + 1), subUlp = value(f, 1), gap = subUlp.multiply(HALF);  // unbounded spacing below minNormal
        boolean tiny = switch (rm) {
            case RNE, RMM -> absCmp(x, neg, minNormal.subtract(gap.multiply(HALF))) < 0;
            case RTZ -> absCmp(x, neg, minNormal) < 0;
            case RDN -> neg ? absCmp(x, neg, minNormal.subtract(gap)) <= 0 : absCmp(x, neg, minNormal) < 0;
            default -> neg ? absCmp(x, neg, minNormal) < 0 : absCmp(x, neg, minNormal.subtract(gap)) <= 0;
        };
        int expected = (inexact ? NX : 0) | (overflow ? OF : 0) | (inexact && tiny ? UF : 0);
        return flags == expected ? null : "flags should be " + flagNames(expected);
    }

    private static String checkFinite(FloatFormat f, Exact x, int rm, long r, boolean neg) {
        BigDecimal v = value(f, r);
        int c = x.cmp(v);                                               // where the exact value lies relative to r
        if (c == 0) {
            return null;
        }
        boolean down = rm == RDN || rm == RTZ && !neg, up = rm == RUP || rm == RTZ && neg;
        if (down) {
            if (c < 0) {
                return "rounded up";
            }
            long next = nextUp(f, r);
            return f.isSpecial(next) || x.cmp(value(f, next)) < 0 ? null : "not the largest value below";
        }
        if (up) {
            if (c > 0) {
                return "rounded down";
            }
            long next = nextDown(f, r);
            return f.isSpecial(next) || x.cmp(value(f, next)) > 0 ? null : "not the smallest value above";
        }
        long other = c > 0 ? nextUp(f, r) : nextDown(f, r);               // the neighbour on the exact value's side
        BigDecimal vo = value(f, other);
        int m = x.cmp(v.add(vo).multiply(HALF));
        if (m != 0) {
            return m == c ? "not the nearest" : null;                    // exact lies beyond the midpoint
        }
        boolean awayWins = vo.abs().compareTo(v.abs()) > 0;
        boolean ok = rm == RMM ? !awayWins : !f.isSpecial(other) && (r & 1) == 0;
        return ok ? null : "wrong tie break";
    }

    private static int absCmp(Exact x, boolean neg, BigDecimal magnitude) {
        return neg ? -x.cmp(magnitude.negate()) : x.cmp(magnitude);
    }

    /** Exact value of finite bits; infinities stand for +-2^(emax+1), the first power the format cannot reach. */
    static BigDecimal value(FloatFormat f, long bits) {
        if (f.isSpecial(bits)) {
            BigDecimal big = new BigDecimal(BigInteger.ONE.shiftLeft(f.bias + 1));
            return f.isNegative(bits) ? big.negate() : big;
        }
        return f == BINARY64 ? new BigDecimal(d(bits)) : new BigDecimal((double) s(bits));
    }

    private static long nextUp(FloatFormat f, long bits) {
        return f == BINARY64 ? dbits(Math.nextUp(d(bits))) : sbits(Math.nextUp(s(bits)));
    }

    private static long nextDown(FloatFormat f, long bits) {
        return f == BINARY64 ? dbits(Math.nextDown(d(bits))) : sbits(Math.nextDown(s(bits)));
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static float s(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static long dbits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long sbits(float v) {
        return Float.floatToRawIntBits(v) & 0xFFFFFFFFL;
    }
}
