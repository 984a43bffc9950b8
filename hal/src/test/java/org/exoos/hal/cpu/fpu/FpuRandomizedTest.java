package org.exoos.hal.cpu.fpu;

import static org.exoos.hal.cpu.fpu.FloatFormat.BINARY32;
import static org.exoos.hal.cpu.fpu.FloatFormat.BINARY64;
import static org.exoos.hal.cpu.fpu.FpuArithmeticTest.flagNames;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link Fpu} (fast path plus its fallbacks) against the exact slow path
 * {@link ExactArith} on random finite operands, in all five rounding modes. The operands are
 * biased towards what breaks rounding code: exponents near the subnormal and overflow
 * boundaries, operands that cancel, products that land near emin/emax, and significands with
 * long runs of ones or very few bits (ties, exact results). {@link FpuExactArithTest} checks the
 * reference itself against BigDecimal.
 */
class FpuRandomizedTest {
    static final int PAIRS = 200_000;

    @FunctionalInterface
    interface Op {
        long apply(Fpu f, long a, long b, long c, int rm);
    }

    @Test
    void addDouble() {
        crossCheck("fadd_d", BINARY64, Shape.SUM, (f, a, b, c, rm) -> f.fadd_d(a, b, rm),
                (f, a, b, c, rm) -> ExactArith.add(BINARY64, a, b, rm, f));
    }

    @Test
    void subDouble() {
        crossCheck("fsub_d", BINARY64, Shape.SUM, (f, a, b, c, rm) -> f.fsub_d(a, b, rm),
                (f, a, b, c, rm) -> ExactArith.add(BINARY64, a, b ^ BINARY64.signBit, rm, f));
    }

    @Test
    void addSingle() {
        crossCheck("fadd_s", BINARY32, Shape.SUM, (f, a, b, c, rm) -> u(f.fadd_s((int) a, (int) b, rm)),
                (f, a, b, c, rm) -> ExactArith.add(BINARY32, a, b, rm, f));
    }

    @Test
    void subSingle() {
        crossCheck("fsub_s", BINARY32, Shape.SUM, (f, a, b, c, rm) -> u(f.fsub_s((int) a, (int) b, rm)),
                (f, a, b, c, rm) -> ExactArith.add(BINARY32, a, b ^ BINARY32.signBit, rm, f));
    }

    @Test
    void mulDouble() {
        crossCheck("fmul_d", BINARY64, Shape.PRODUCT, (f, a, b, c, rm) -> f.fmul_d(a, b, rm),
                (f, a, b, c, rm) -> ExactArith.mul(BINARY64, a, b, rm, f));
    }

    @Test
    void mulSingle() {
        crossCheck("fmul_s", BINARY32, Shape.PRODUCT, (f, a, b, c, rm) -> u(f.fmul_s((int) a, (int) b, rm)),
                (f, a, b, c, rm) -> ExactArith.mul(BINARY32, a, b, rm, f));
    }

    @Test
    void divDouble() {
        crossCheck("fdiv_d", BINARY64, Shape.QUOTIENT, (f, a, b, c, rm) -> f.fdiv_d(a, b, rm),
                (f, a, b, c, rm) -> ExactArith.div(BINARY64, a, b, rm, f));
    }

    @Test
    void divSingle() {
        crossCheck("fdiv_s", BINARY32, Shape.QUOTIENT, (f, a, b, c, rm) -> u(f.fdiv_s((int) a, (int) b, rm)),
                (f, a, b, c, rm) -> ExactArith.div(BINARY32, a, b, rm, f));
    }

    @Test
    void sqrtDouble() {
        crossCheck("fsqrt_d", BINARY64, Shape.ROOT, (f, a, b, c, rm) -> f.fsqrt_d(a, rm),
                (f, a, b, c, rm) -> ExactArith.sqrt(BINARY64, a, rm, f));
    }

    @Test
    void sqrtSingle() {
        crossCheck("fsqrt_s", BINARY32, Shape.ROOT, (f, a, b, c, rm) -> u(f.fsqrt_s((int) a, rm)),
                (f, a, b, c, rm) -> ExactArith.sqrt(BINARY32, a, rm, f));
    }

    /** The four variants differ only in operand signs, so each case picks one at random via c's low bits. */
    @Test
    void fmaDouble() {
        long s = BINARY64.signBit;
        crossCheck("fmadd/fmsub/fnmsub/fnmadd_d", BINARY64, Shape.FMA, (f, a, b, c, rm) -> switch ((int) (c >>> 1) & 3) {
            case 0 -> f.fmadd_d(a, b, c, rm);
            case 1 -> f.fmsub_d(a, b, c, rm);
            case 2 -> f.fnmsub_d(a, b, c, rm);
            default -> f.fnmadd_d(a, b, c, rm);
        }, (f, a, b, c, rm) -> switch ((int) (c >>> 1) & 3) {
            case 0 -> ExactArith.fma(BINARY64, a, b, c, rm, f);
            case 1 -> ExactArith.fma(BINARY64, a, b, c ^ s, rm, f);
            case 2 -> ExactArith.fma(BINARY64, a ^ s, b, c, rm, f);
            default -> ExactArith.fma(BINARY64, a ^ s, b, c ^ s, rm, f);
        });
    }

    @Test
    void fmaSingle() {
        long s = BINARY32.signBit;
        crossCheck("fmadd/fmsub/fnmsub/fnmadd_s", BINARY32, Shape.FMA, (f, a, b, c, rm) -> u(switch ((int) (c >>> 1) & 3) {
            case 0 -> f.fmadd_s((int) a, (int) b, (int) c, rm);
            case 1 -> f.fmsub_s((int) a, (int) b, (int) c, rm);
            case 2 -> f.fnmsub_s((int) a, (int) b, (int) c, rm);
            default -> f.fnmadd_s((int) a, (int) b, (int) c, rm);
        }), (f, a, b, c, rm) -> switch ((int) (c >>> 1) & 3) {
            case 0 -> ExactArith.fma(BINARY32, a, b, c, rm, f);
            case 1 -> ExactArith.fma(BINARY32, a, b, c ^ s, rm, f);
            case 2 -> ExactArith.fma(BINARY32, a ^ s, b, c, rm, f);
            default -> ExactArith.fma(BINARY32, a ^ s, b, c ^ s, rm, f);
        });
    }

    @Test
    void narrowDoubleToSingle() {
        crossCheck("fcvt_s_d", BINARY64, Shape.NARROW, (f, a, b, c, rm) -> u(f.fcvt_s_d(a, rm)),
                (f, a, b, c, rm) -> ExactArith.convert(BINARY64, BINARY32, a, rm, f));
    }

    // ---------------------------------------------------------------- machinery

    enum Shape { SUM, PRODUCT, QUOTIENT, ROOT, FMA, NARROW }

    private static void crossCheck(String name, FloatFormat f, Shape shape, Op fast, Op exact) {
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        FloatFormat resultFormat = shape == Shape.NARROW ? BINARY32 : f;
        List<String> mismatches = new ArrayList<>();
        int count = 0, bad = 0, normalInexact = 0, boundary = 0;
        for (int i = 0; i < PAIRS; i++) {
            long[] ops = operands(rnd, f, shape);
            long a = ops[0], b = ops[1], c = ops[2];
            for (int rm = Fpu.RNE; rm <= Fpu.RMM; rm++) {
                Fpu got = new Fpu(), want = new Fpu();
                long r = fast.apply(got, a, b, c, rm);
                long e = exact.apply(want, a, b, c, rm);
                count++;
                if (r != e || got.fflags != want.fflags) {
                    bad++;
                    if (mismatches.size() < 12) {
                        mismatches.add(String.format("%s rm=%d a=%x b=%x c=%x: expected %x %s, got %x %s",
                                name, rm, a, b, c, e, flagNames(want.fflags), r, flagNames(got.fflags)));
                    }
                }
                int biased = resultFormat.biasedExponent(e);
                if ((want.fflags & Fpu.NX) != 0 && biased > 1 && !resultFormat.isSpecial(e)) {
                    normalInexact++;
                }
                if ((want.fflags & (Fpu.UF | Fpu.OF)) != 0) {
                    boundary++;
                }
            }
        }
        if (bad > 0) {
            fail(bad + " of " + count + " cases differ from the exact slow path:\n  " + String.join("\n  ", mismatches));
        }
        // Guard the generator: the fast path (inexact normal results) and the edges must both be hit.
        assertTrue(normalInexact > count / 10, name + ": only " + normalInexact + " of " + count + " cases were inexact normal results");
        if (shape != Shape.SUM && shape != Shape.ROOT) {
            assertTrue(boundary > count / 200, name + ": only " + boundary + " of " + count + " cases overflowed or underflowed");
        }
    }

    /** Finite operands shaped for the operation; the quotient's divisor is never zero and roots get a non-negative radicand. */
    static long[] operands(SplittableRandom rnd, FloatFormat f, Shape shape) {
        long a = randomFinite(rnd, f);
        long b = 0, c = 0;
        switch (shape) {
            case SUM -> {
                switch (rnd.nextInt(6)) {
                    case 0, 1 -> b = randomFinite(rnd, f);
                    case 2 -> {                                                 // sums right next to the overflow threshold
                        long big = near(rnd, f, f.maxFinite | (rnd.nextBoolean() ? f.signBit : 0));
                        long other = withExponent(rnd, f, randomFinite(rnd, f), f.bias - rnd.nextInt(f.precision + 4));
                        boolean swap = rnd.nextBoolean();                         // operand order matters to error-free transforms
                        a = swap ? other : big;
                        b = swap ? big : other;
                    }
                    default -> b = near(rnd, f, a ^ (rnd.nextBoolean() ? f.signBit : 0));  // cancellation
                }
            }
            case PRODUCT, QUOTIENT -> {
                b = randomFinite(rnd, f);
                if (rnd.nextInt(3) > 0) {
                    // Aim the result's exponent at a boundary: e(a) +- e(b) ~ target.
                    int target = boundaryExponent(rnd, f);
                    int ea = f.biasedExponent(a) - f.bias;
                    int eb = shape == Shape.PRODUCT ? target - ea : ea - target;
                    b = withExponent(rnd, f, b, eb);
                }
                if (shape == Shape.QUOTIENT && f.isZero(b)) {
                    b = f.isNegative(b) ? f.signBit | 1 : 1;
                }
            }
            case ROOT -> {
                if (rnd.nextInt(4) == 0) {
                    long root = randomFinite(rnd, f) & ~f.signBit;          // squares of short significands are exact
                    a = ExactArith.mul(f, root, root, Fpu.RNE, new Fpu());
                    a = f.isSpecial(a) ? f.maxFinite : a;
                }
                a &= ~f.signBit;
            }
            case FMA -> {
                b = randomFinite(rnd, f);
                int kind = rnd.nextInt(4);
                if (kind == 0) {
                    b = withExponent(rnd, f, b, boundaryExponent(rnd, f) - (f.biasedExponent(a) - f.bias));
                }
                Fpu scratch = new Fpu();
                long product = ExactArith.mul(f, a, b, Fpu.RNE, scratch);
                c = switch (kind) {
                    case 1 -> near(rnd, f, product ^ f.signBit);           // massive cancellation
                    case 2 -> withExponent(rnd, f, randomFinite(rnd, f), f.biasedExponent(product) - f.bias - rnd.nextInt(-8, 2 * f.precision + 8));
                    default -> randomFinite(rnd, f);
                };
                if (f.isSpecial(c)) {
                    c = f.maxFinite | (c & f.signBit);
                }
            }
            case NARROW -> {
                // Mostly doubles in and around binary32's range, where narrowing is interesting.
                if (rnd.nextInt(4) > 0) {
                    a = withExponent(rnd, f, a, rnd.nextInt(-160, 140));
                }
            }
        }
        return new long[] {a, b, c};
    }

    private static int boundaryExponent(SplittableRandom rnd, FloatFormat f) {
        return switch (rnd.nextInt(4)) {
            case 0 -> f.emin + rnd.nextInt(-3, 3);                        // around the smallest normal
            case 1 -> f.emin - rnd.nextInt(f.precision + 3);              // deep subnormal and below
            case 2 -> f.bias + rnd.nextInt(-3, 3);                        // around the largest finite
            default -> rnd.nextInt(-20, 20);
        };
    }

    /** Random finite bits: exponents weighted to the ends of the range, significands to runs of ones and to sparse bits. */
    static long randomFinite(SplittableRandom rnd, FloatFormat f) {
        int maxBiased = (int) (f.expMask >>> (f.precision - 1)) - 1;
        int e = switch (rnd.nextInt(6)) {
            case 0 -> rnd.nextInt(Math.min(maxBiased, f.precision + 4));      // subnormal and lowest normals
            case 1 -> maxBiased - rnd.nextInt(f.precision + 4);                // highest
            case 2, 3 -> f.bias + rnd.nextInt(-f.precision - 4, f.precision + 4);
            default -> rnd.nextInt(maxBiased + 1);
        };
        long frac = significandPattern(rnd, f.precision - 1);
        long bits = ((long) e << (f.precision - 1)) | frac;
        return rnd.nextBoolean() ? bits | f.signBit : bits;
    }

    static long significandPattern(SplittableRandom rnd, int fracBits) {
        long mask = (1L << fracBits) - 1;
        return switch (rnd.nextInt(6)) {
            case 0 -> (mask << rnd.nextInt(fracBits + 1)) & mask;                  // ones at the top
            case 1 -> mask >>> rnd.nextInt(fracBits + 1);                          // ones at the bottom
            case 2 -> rnd.nextLong() & mask & (-1L << rnd.nextInt(fracBits));      // few significant bits
            case 3 -> (1L << rnd.nextInt(fracBits)) | (rnd.nextBoolean() ? 1 : 0); // sparse
            default -> rnd.nextLong() & mask;
        };
    }

    /** A value a few ulps from {@code bits}, staying finite. */
    private static long near(SplittableRandom rnd, FloatFormat f, long bits) {
        long mag = (bits & ~f.signBit) + rnd.nextInt(-3, 4);
        mag = Math.max(0, Math.min(f.maxFinite, mag));
        return (bits & f.signBit) | mag;
    }

    /** {@code bits} with its exponent replaced by unbiased {@code e} (clamped; below emin gives a subnormal). */
    private static long withExponent(SplittableRandom rnd, FloatFormat f, long bits, int e) {
        int biased = Math.max(0, Math.min((int) (f.expMask >>> (f.precision - 1)) - 1, e + f.bias));
        long frac = bits & f.fracMask;
        if (e + f.bias < 0) {
            frac = frac >>> Math.min(f.precision - 1, -(e + f.bias)) | (rnd.nextBoolean() ? 1 : 0);
        }
        return (bits & f.signBit) | ((long) biased << (f.precision - 1)) | frac;
    }

    private static long u(int bits) {
        return bits & 0xFFFFFFFFL;
    }
}
