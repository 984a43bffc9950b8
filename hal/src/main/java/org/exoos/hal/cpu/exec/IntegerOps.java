package org.exoos.hal.cpu.exec;

import static org.exoos.hal.cpu.decode.Op.*;

/**
 * The M extension. RISC-V never traps on division: x/0 gives all ones (unsigned max, or -1 signed),
 * x%0 gives x, and the signed overflow MIN/-1 gives MIN with remainder 0 — which is also what Java's
 * operators give for the overflow case, so only the zero divisor needs a test.
 */
final class IntegerOps {
    private IntegerOps() {}

    static long mulDiv(int op, long a, long b) {
        return switch (op) {
            case MUL -> a * b;
            case MULH -> Math.multiplyHigh(a, b);
            case MULHSU -> Math.multiplyHigh(a, b) + ((b >> 63) & a);
            case MULHU -> Math.unsignedMultiplyHigh(a, b);
            case DIV -> b == 0 ? -1 : a / b;
            case DIVU -> b == 0 ? -1 : Long.divideUnsigned(a, b);
            case REM -> b == 0 ? a : a % b;
            case REMU -> b == 0 ? a : Long.remainderUnsigned(a, b);
            case MULW -> (int) a * (int) b;
            case DIVW -> (int) b == 0 ? -1 : (int) a / (int) b;
            case DIVUW -> (int) b == 0 ? -1 : Integer.divideUnsigned((int) a, (int) b);
            case REMW -> (int) b == 0 ? (int) a : (int) a % (int) b;
            case REMUW -> (int) b == 0 ? (int) a : Integer.remainderUnsigned((int) a, (int) b);
            default -> throw new IllegalArgumentException("not an M operation: " + op);
        };
    }
}
