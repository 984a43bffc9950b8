package org.exoos.hal.cpu.exec;

/**
 * The M extension's division and mixed-sign multiply. RISC-V never traps on division: x/0 gives all ones
 * (unsigned max, or -1 signed), x%0 gives x, and the signed overflow MIN/-1 gives MIN with remainder 0 —
 * which is also what Java's operators give for the overflow case, so only the zero divisor needs a test.
 * One method per instruction, so the interpreter dispatches once.
 */
final class IntegerOps {
    private IntegerOps() {}

    /** High 64 bits of signed a times unsigned b: the signed product plus a * 2^64 when b's top bit is set. */
    static long mulhsu(long a, long b) { return Math.multiplyHigh(a, b) + ((b >> 63) & a); }

    static long div(long a, long b) { return b == 0 ? -1 : a / b; }

    static long divu(long a, long b) { return b == 0 ? -1 : Long.divideUnsigned(a, b); }

    static long rem(long a, long b) { return b == 0 ? a : a % b; }

    static long remu(long a, long b) { return b == 0 ? a : Long.remainderUnsigned(a, b); }

    static long divw(long a, long b) { return (int) b == 0 ? -1 : (int) a / (int) b; }

    static long divuw(long a, long b) { return (int) b == 0 ? -1 : Integer.divideUnsigned((int) a, (int) b); }

    static long remw(long a, long b) { return (int) b == 0 ? (int) a : (int) a % (int) b; }

    static long remuw(long a, long b) { return (int) b == 0 ? (int) a : Integer.remainderUnsigned((int) a, (int) b); }
}
