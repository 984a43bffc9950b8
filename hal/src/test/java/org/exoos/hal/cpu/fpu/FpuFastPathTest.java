package org.exoos.hal.cpu.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The common case must not allocate. The slow path allocates BigIntegers, so zero bytes
 * allocated over many operations also proves that ordinary operands (normal values, exact and
 * inexact results, every rounding mode) never leave the fast path.
 */
class FpuFastPathTest {
    private static final int N = 4096;

    @Test
    void ordinaryOperationsAllocateNothing() {
        com.sun.management.ThreadMXBean mx = threadBean();
        SplittableRandom rnd = new SplittableRandom(42);
        long[] d = new long[N];
        int[] s = new int[N];
        long[] ints = new long[N];
        for (int i = 0; i < N; i++) {
            double v = rnd.nextDouble(0.5, 2.0) * Math.scalb(1.0, rnd.nextInt(-60, 60));
            if (rnd.nextInt(4) == 0) {
                v = Math.rint(v * 8) / 8;                                  // short significands: exact results, ties
            }
            d[i] = Double.doubleToRawLongBits(rnd.nextBoolean() ? v : -v);
            s[i] = Float.floatToRawIntBits((float) Double.longBitsToDouble(d[i]));
            ints[i] = rnd.nextLong() >> rnd.nextInt(64);
        }
        Fpu f = new Fpu();
        long sink = run(f, d, s, ints);                                   // warm up: class init, linkage
        long before = mx.getCurrentThreadAllocatedBytes();
        sink += run(f, d, s, ints);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, allocated, "bytes allocated by " + (N * 40L) + " fast-path operations (checksum " + sink + ")");
    }

    private static long run(Fpu f, long[] d, int[] s, long[] ints) {
        long acc = 0;
        for (int i = 0; i < N; i++) {
            int j = (i * 7 + 1) % N, k = (i * 13 + 5) % N;
            int rm = i % 5;
            int fmaRm = i % 4;                                            // RMM fma may need the slow path
            long a = d[i], b = d[j], c = d[k];
            acc += f.fadd_d(a, b, rm) + f.fsub_d(a, b, rm) + f.fmul_d(a, b, rm) + f.fdiv_d(a, b, rm)
                    + f.fsqrt_d(a & Long.MAX_VALUE, rm) + f.fmadd_d(a, b, c, fmaRm) + f.fnmsub_d(a, b, c, fmaRm)
                    + f.fmin_d(a, b) + f.feq_d(a, b) + f.flt_d(a, b) + Fpu.fclass_d(a);
            int x = s[i], y = s[j], z = s[k];
            acc += f.fadd_s(x, y, rm) + f.fsub_s(x, y, rm) + f.fmul_s(x, y, rm) + f.fdiv_s(x, y, rm)
                    + f.fsqrt_s(x & Integer.MAX_VALUE, rm) + f.fmadd_s(x, y, z, rm) + f.fnmadd_s(x, y, z, rm)
                    + f.fmax_s(x, y) + f.fle_s(x, y);
            acc += f.fcvt_s_d(a, rm) + f.fcvt_d_s(x) + f.fcvt_w_d(a, rm) + f.fcvt_wu_d(a, rm) + f.fcvt_l_d(a, rm)
                    + f.fcvt_lu_s(x, rm) + f.fcvt_d_l(ints[i], rm) + f.fcvt_s_lu(ints[i], rm) + f.fcvt_s_w(ints[i], rm)
                    + f.fcvt_d_wu(ints[i], rm);
        }
        return acc;
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter unavailable");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(), "allocation counting disabled");
        mx.getCurrentThreadAllocatedBytes();
        return mx;
    }
}
