package org.exoos.hal.cpu.exec;

import java.lang.foreign.MemorySegment;

import static org.exoos.hal.cpu.decode.Op.*;
import static org.exoos.hal.mem.PhysicalMemory.ATOMIC_INT;
import static org.exoos.hal.mem.PhysicalMemory.ATOMIC_LONG;

/**
 * AMOs as single atomic read-modify-writes on RAM (VarHandles, sequentially consistent, which covers every
 * aq/rl combination), so they are atomic against every other hart. The caller checked alignment.
 * Returns the old value, sign-extended for the 32-bit forms.
 */
final class Atomics {
    private Atomics() {}

    static long amo32(MemorySegment ram, long host, int op, int v) {
        return switch (op) {
            case AMOSWAP_W -> (int) ATOMIC_INT.getAndSet(ram, host, v);
            case AMOADD_W -> (int) ATOMIC_INT.getAndAdd(ram, host, v);
            case AMOXOR_W -> (int) ATOMIC_INT.getAndBitwiseXor(ram, host, v);
            case AMOAND_W -> (int) ATOMIC_INT.getAndBitwiseAnd(ram, host, v);
            case AMOOR_W -> (int) ATOMIC_INT.getAndBitwiseOr(ram, host, v);
            default -> {
                while (true) {
                    int old = (int) ATOMIC_INT.getVolatile(ram, host);
                    int nv = switch (op) {
                        case AMOMIN_W -> Math.min(old, v);
                        case AMOMAX_W -> Math.max(old, v);
                        case AMOMINU_W -> Integer.compareUnsigned(old, v) <= 0 ? old : v;
                        default -> Integer.compareUnsigned(old, v) >= 0 ? old : v;
                    };
                    if (ATOMIC_INT.compareAndSet(ram, host, old, nv)) yield old;
                }
            }
        };
    }

    static long amo64(MemorySegment ram, long host, int op, long v) {
        return switch (op) {
            case AMOSWAP_D -> (long) ATOMIC_LONG.getAndSet(ram, host, v);
            case AMOADD_D -> (long) ATOMIC_LONG.getAndAdd(ram, host, v);
            case AMOXOR_D -> (long) ATOMIC_LONG.getAndBitwiseXor(ram, host, v);
            case AMOAND_D -> (long) ATOMIC_LONG.getAndBitwiseAnd(ram, host, v);
            case AMOOR_D -> (long) ATOMIC_LONG.getAndBitwiseOr(ram, host, v);
            default -> {
                while (true) {
                    long old = (long) ATOMIC_LONG.getVolatile(ram, host);
                    long nv = switch (op) {
                        case AMOMIN_D -> Math.min(old, v);
                        case AMOMAX_D -> Math.max(old, v);
                        case AMOMINU_D -> Long.compareUnsigned(old, v) <= 0 ? old : v;
                        default -> Long.compareUnsigned(old, v) >= 0 ? old : v;
                    };
                    if (ATOMIC_LONG.compareAndSet(ram, host, old, nv)) yield old;
                }
            }
        };
    }
}
