package org.exoos.hal.cpu.fpu;

/**
 * Parameters of an IEEE 754 binary interchange format, and decoding of its raw bits.
 * Bits of binary32 values travel zero-extended in a {@code long} so that the exact slow path
 * can treat both formats with one code path.
 */
enum FloatFormat {
    BINARY32(24, 8),
    BINARY64(53, 11);

    /** Significand bits including the hidden bit (p). */
    final int precision;
    /** Bias of the exponent field; also emax. */
    final int bias;
    /** Exponent of the smallest normal number, 1 - bias. */
    final int emin;
    /** Exponent of the least significant bit of a subnormal: emin - (p - 1). */
    final int qmin;
    final int width;
    final long signBit;
    final long fracMask;
    final long expMask;
    final long infinity;
    final long maxFinite;
    final long canonicalNaN;

    FloatFormat(int precision, int expBits) {
        this.precision = precision;
        this.bias = (1 << (expBits - 1)) - 1;
        this.emin = 1 - bias;
        this.qmin = emin - (precision - 1);
        this.width = precision + expBits;
        this.signBit = 1L << (width - 1);
        this.fracMask = (1L << (precision - 1)) - 1;
        this.expMask = ((1L << expBits) - 1) << (precision - 1);
        this.infinity = expMask;
        this.maxFinite = expMask - 1;
        this.canonicalNaN = expMask | (1L << (precision - 2));
    }

    boolean isNegative(long bits) {
        return (bits & signBit) != 0;
    }

    /** True for infinities and NaNs (exponent field all ones). */
    boolean isSpecial(long bits) {
        return (bits & expMask) == expMask;
    }

    boolean isZero(long bits) {
        return (bits & ~signBit) == 0;
    }

    int biasedExponent(long bits) {
        return (int) ((bits & expMask) >>> (precision - 1));
    }

    /** Integer significand: the value of a finite operand is +-significand * 2^lsbExponent. */
    long significand(long bits) {
        long frac = bits & fracMask;
        return biasedExponent(bits) == 0 ? frac : frac | (1L << (precision - 1));
    }

    int lsbExponent(long bits) {
        int e = biasedExponent(bits);
        return e == 0 ? qmin : e - bias - (precision - 1);
    }
}
