package org.exoos.it.difftest;

import java.util.random.RandomGenerator;

/**
 * Operand values where implementations tend to disagree: integer limits, sign boundaries, shift widths,
 * and the IEEE 754 special values (signed zeros, infinities, quiet and signalling NaNs, subnormals,
 * extreme normals, values next to the integer conversion limits and rounding ties).
 *
 * <p>Singles live in 64-bit f registers NaN-boxed (upper 32 bits all ones); {@link #unboxedSingle}
 * produces patterns that violate the boxing so single-precision operations must see a canonical NaN.
 */
final class GuestValues {
    private GuestValues() {}

    static final long[] INTEGERS = {
            0L, 1L, -1L, 2L, -2L, 3L, 7L, 31L, 32L, 33L, 63L, 64L, 127L, 128L, 255L, 0x7ffL, 0x800L, -0x800L, 0xfffL,
            0x7fffL, 0x8000L, 0xffffL, 0x10000L,
            0x7fffffffL, 0x80000000L, 0xffffffffL, 0x100000000L, 0xffffffff80000000L, 0xffffffff7fffffffL,
            0x7fffffffffffffffL, 0x8000000000000000L, 0x8000000000000001L,
            0x5555555555555555L, 0xaaaaaaaaaaaaaaaaL, 0x0123456789abcdefL, 0xfedcba9876543210L,
            0x00000000ffff0000L, 0xffffffff00000000L, 0x000000007ffff800L, 0x0000000080000001L,
    };

    /** A short list for directed cross products (all pairs of these). */
    static final long[] INTEGER_PAIRS = {
            0L, 1L, -1L, 2L, -2L, 31L, 32L, 63L, 64L, 0x7fffffffL, 0x80000000L, 0xffffffffL,
            0xffffffff80000000L, 0x7fffffffffffffffL, 0x8000000000000000L, 0x0123456789abcdefL,
            0xfedcba9876543210L, 0x00000000ffff0000L,
    };

    static final int[] IMMEDIATES = {0, 1, -1, 2, -2, 31, 32, 63, 0x7ff, -0x800, 0x555, -0x556, 0x400, -0x400};

    static final long[] DOUBLES = {
            bits(0.0), bits(-0.0), bits(Double.POSITIVE_INFINITY), bits(Double.NEGATIVE_INFINITY),
            0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff800000000beefL, // quiet NaNs (canonical, negative, payload)
            0x7ff0000000000001L, 0x7ff4000000000000L, 0xfff0000000000123L, // signalling NaNs
            0x0000000000000001L, 0x8000000000000001L, 0x000fffffffffffffL, 0x0008000000000000L, // subnormals
            0x0010000000000000L, 0x8010000000000000L, 0x7fefffffffffffffL, 0xffefffffffffffffL, // extreme normals
            bits(1.0), bits(-1.0), bits(0.5), bits(-0.5), bits(1.5), bits(-1.5), bits(2.5), bits(-2.5), bits(3.0),
            bits(0.1), bits(1.0000000000000002), bits(0.9999999999999999), bits(1e300), bits(1e-300), bits(-7.75),
            bits(2147483647.0), bits(2147483647.5), bits(2147483648.0), bits(-2147483648.0), bits(-2147483648.5),
            bits(-2147483649.0), bits(4294967295.0), bits(4294967295.5), bits(4294967296.0),
            0x43dfffffffffffffL, bits(9.223372036854775807E18), bits(-9.223372036854775808E18), 0xc3e0000000000001L,
            0x43efffffffffffffL, bits(1.8446744073709552E19),
    };

    static final int[] FLOATS = {
            fbits(0f), fbits(-0f), fbits(Float.POSITIVE_INFINITY), fbits(Float.NEGATIVE_INFINITY),
            0x7fc00000, 0xffc00000, 0x7fc0beef, // quiet NaNs
            0x7f800001, 0x7fa00000, 0xff800123, // signalling NaNs
            0x00000001, 0x80000001, 0x007fffff, 0x00400000, // subnormals
            0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, // extreme normals
            fbits(1f), fbits(-1f), fbits(0.5f), fbits(-0.5f), fbits(1.5f), fbits(-1.5f), fbits(2.5f), fbits(-2.5f),
            fbits(3f), fbits(0.1f), fbits(1.0000001f), fbits(0.99999994f), fbits(1e30f), fbits(1e-30f), fbits(-7.75f),
            0x4effffff, fbits(2147483648f), fbits(-2147483648f), 0xcf000001, 0x4f7fffff, fbits(4294967296f),
            0x5effffff, fbits(9.223372036854775807E18f), fbits(-9.223372036854775808E18f), 0xdf000001,
            0x5f7fffff, fbits(1.8446744073709552E19f), fbits(16777217f), fbits(8388608.5f),
    };

    /** A short list per precision for directed cross products. */
    static final long[] DOUBLE_PAIRS = {
            bits(0.0), bits(-0.0), bits(Double.POSITIVE_INFINITY), bits(Double.NEGATIVE_INFINITY),
            0x7ff8000000000000L, 0x7ff0000000000001L, 0x0000000000000001L, 0x800fffffffffffffL,
            0x0010000000000000L, 0x7fefffffffffffffL, bits(1.0), bits(-1.5), bits(3.0), bits(0.1), bits(1e-300),
            bits(2147483648.0),
    };

    static final int[] FLOAT_PAIRS = {
            fbits(0f), fbits(-0f), fbits(Float.POSITIVE_INFINITY), fbits(Float.NEGATIVE_INFINITY),
            0x7fc00000, 0x7f800001, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, fbits(1f), fbits(-1.5f),
            fbits(3f), fbits(0.1f), fbits(1e-30f), fbits(2147483648f),
    };

    static long bits(double d) { return Double.doubleToRawLongBits(d); }

    static int fbits(float f) { return Float.floatToRawIntBits(f); }

    static long boxed(int single) { return 0xffffffff00000000L | (single & 0xffffffffL); }

    /** An integer operand: mostly interesting values, sometimes random ones of various widths. */
    static long integer(RandomGenerator rng) {
        return switch (rng.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> INTEGERS[rng.nextInt(INTEGERS.length)];
            case 5 -> rng.nextLong();
            case 6 -> (long) rng.nextInt(); // sign-extended 32-bit
            case 7 -> rng.nextInt(-4096, 4096);
            case 8 -> 1L << rng.nextInt(64) ^ (rng.nextBoolean() ? 0 : -1L);
            default -> rng.nextBoolean() ? DOUBLES[rng.nextInt(DOUBLES.length)] : boxed(FLOATS[rng.nextInt(FLOATS.length)]);
        };
    }

    static long doubleBits(RandomGenerator rng) {
        return switch (rng.nextInt(8)) {
            case 0, 1, 2, 3, 4 -> DOUBLES[rng.nextInt(DOUBLES.length)];
            case 5 -> rng.nextLong();
            case 6 -> bits(rng.nextDouble(-1e6, 1e6));
            default -> bits((double) rng.nextLong(-(1L << 40), 1L << 40) / 4.0);
        };
    }

    static int floatBits(RandomGenerator rng) {
        return switch (rng.nextInt(8)) {
            case 0, 1, 2, 3, 4 -> FLOATS[rng.nextInt(FLOATS.length)];
            case 5 -> rng.nextInt();
            case 6 -> fbits((float) rng.nextDouble(-1e6, 1e6));
            default -> fbits((float) rng.nextInt(-(1 << 20), 1 << 20) / 4f);
        };
    }

    /** A single whose upper half is not all ones: single-precision operations must read it as the canonical NaN. */
    static long unboxedSingle(RandomGenerator rng) {
        long low = FLOATS[rng.nextInt(FLOATS.length)] & 0xffffffffL;
        long high = switch (rng.nextInt(4)) {
            case 0 -> 0L;
            case 1 -> 0x7fffffffL;
            case 2 -> 0xfffffffeL;
            default -> rng.nextInt() & 0xffffffffL;
        };
        if (high == 0xffffffffL) high = 0;
        return high << 32 | low;
    }

    /** The raw content of an f register at case start. */
    static long fpRegister(RandomGenerator rng) {
        return switch (rng.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> doubleBits(rng);
            case 8, 9, 10, 11, 12, 13, 14, 15, 16 -> boxed(floatBits(rng));
            default -> unboxedSingle(rng);
        };
    }
}
