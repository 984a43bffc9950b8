package org.exoos.hal.cpu.fpu;

import java.math.BigInteger;

/**
 * Rounds an exact binary value {@code (-1)^neg * mag * 2^exp} to a {@link FloatFormat} under a
 * RISC-V rounding mode, raising NX, UF and OF the way RISC-V does: overflow and tininess are
 * judged on the result rounded with an unbounded exponent range (tininess after rounding), and
 * UF is raised only when the delivered result is also inexact.
 *
 * <p>A caller whose value is not finitely representable (quotients, square roots) passes a
 * truncated magnitude with a sticky bit ORed into its least significant bit, and at least two
 * more bits than the precision, so the sticky bit never lands on the round position.
 */
final class ExactRounder {
    private ExactRounder() {}

    /**
     * @param neg sign of the value; also the sign delivered when {@code mag} is zero, so the
     *            caller decides the sign of an exact zero (e.g. x + -x in RDN)
     * @return raw bits of the result (binary32 bits zero-extended)
     */
    static long round(FloatFormat f, boolean neg, BigInteger mag, int exp, int rm, Fpu sink) {
        long sign = neg ? f.signBit : 0;
        if (mag.signum() == 0) {
            return sign;
        }
        int p = f.precision;
        int lead = exp + mag.bitLength() - 1;           // exponent of the leading bit
        int q = Math.max(lead - (p - 1), f.qmin);       // exponent of the result's last bit
        int shift = q - exp;
        long sig;
        boolean inexact;
        if (shift <= 0) {
            sig = mag.shiftLeft(-shift).longValueExact();
            inexact = false;
        } else {
            sig = mag.shiftRight(shift).longValue();
            boolean roundBit = mag.testBit(shift - 1);
            boolean sticky = mag.getLowestSetBit() < shift - 1;
            inexact = roundBit || sticky;
            if (roundsAway(rm, neg, (sig & 1) != 0, roundBit, sticky)) {
                sig++;
            }
        }
        if (sig == 1L << p) {                          // carry out of the significand
            sig >>>= 1;
            q++;
        }
        int flags = inexact ? Fpu.NX : 0;
        if (inexact && lead < f.emin && tinyAfterRounding(f, neg, mag, exp, lead, rm)) {
            flags |= Fpu.UF;
        }
        long bits;
        if (sig >= 1L << (p - 1)) {
            int biased = q + (p - 1) + f.bias;
            if (biased >= (int) (f.expMask >>> (p - 1))) {
                sink.fflags |= Fpu.OF | Fpu.NX;
                return sign | overflowMagnitude(f, neg, rm);
            }
            bits = ((long) biased << (p - 1)) | (sig & f.fracMask);
        } else {
            bits = sig;                                 // subnormal or zero: biased exponent 0
        }
        sink.fflags |= flags;
        return sign | bits;
    }

    /** The magnitude delivered on overflow: infinity, or the largest finite number when rm rounds toward zero. */
    static long overflowMagnitude(FloatFormat f, boolean neg, int rm) {
        boolean toInfinity = switch (rm) {
            case Fpu.RTZ -> false;
            case Fpu.RDN -> neg;
            case Fpu.RUP -> !neg;
            default -> true;                            // RNE, RMM
        };
        return toInfinity ? f.infinity : f.maxFinite;
    }

    /**
     * Whether the magnitude is incremented when the discarded part is {@code roundBit} (its top
     * bit) and {@code sticky} (any lower bit).
     */
    static boolean roundsAway(int rm, boolean neg, boolean odd, boolean roundBit, boolean sticky) {
        return switch (rm) {
            case Fpu.RNE -> roundBit && (sticky || odd);
            case Fpu.RTZ -> false;
            case Fpu.RDN -> neg && (roundBit || sticky);
            case Fpu.RUP -> !neg && (roundBit || sticky);
            case Fpu.RMM -> roundBit;
            default -> throw new IllegalArgumentException("rounding mode " + rm);
        };
    }

    /**
     * A value whose leading bit is below emin is tiny unless rounding it to p bits with an
     * unbounded exponent carries it up to exactly 2^emin.
     */
    private static boolean tinyAfterRounding(FloatFormat f, boolean neg, BigInteger mag, int exp, int lead, int rm) {
        if (lead != f.emin - 1) {
            return true;                                // too far below 2^emin for a carry to reach it
        }
        int p = f.precision;
        int shift = lead - (p - 1) - exp;
        if (shift <= 0) {
            return true;                                // exact at p bits: stays below 2^emin
        }
        long sig = mag.shiftRight(shift).longValue();
        boolean roundBit = mag.testBit(shift - 1);
        boolean sticky = mag.getLowestSetBit() < shift - 1;
        if (roundsAway(rm, neg, (sig & 1) != 0, roundBit, sticky)) {
            sig++;
        }
        return sig != 1L << p;
    }
}
