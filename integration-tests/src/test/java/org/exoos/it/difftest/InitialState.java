package org.exoos.it.difftest;

import java.util.random.RandomGenerator;

/**
 * The register file a case starts from: x1..x31 (sp and gp are overridden by the harness),
 * f0..f31 as raw 64-bit patterns, and fcsr. frm is always a valid rounding mode, so instructions with a
 * dynamic rounding mode never trap.
 */
record InitialState(long[] x, long[] f, int fcsr) {
    InitialState {
        if (x.length != 32 || f.length != 32) throw new IllegalArgumentException("need 32 x and 32 f registers");
        x = x.clone();
        f = f.clone();
    }

    static InitialState random(RandomGenerator rng) {
        long[] x = new long[32];
        long[] f = new long[32];
        for (int i = 1; i < 32; i++) x[i] = GuestValues.integer(rng);
        for (int i = 0; i < 32; i++) f[i] = GuestValues.fpRegister(rng);
        int frm = rng.nextInt(5);
        int flags = rng.nextInt(4) == 0 ? rng.nextInt(32) : 0;
        return new InitialState(x, f, frm << 5 | flags);
    }

    /** x1..x31, f0..f31 from random values; fcsr = 0 (round to nearest even, no flags). */
    static InitialState randomWithCleanFcsr(RandomGenerator rng) {
        InitialState s = random(rng);
        return new InitialState(s.x, s.f, 0);
    }
}
