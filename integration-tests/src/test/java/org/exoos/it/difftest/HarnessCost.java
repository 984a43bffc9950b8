package org.exoos.it.difftest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instructions the harness itself retires: a fixed cost per program (start, exit) and per case
 * (window reset, register loads, dump), both straight-line or fixed-count, measured by running programs
 * of one and of three empty cases on Exo-OS. What remains of a program's instret is the streams' own.
 */
record HarnessCost(long perProgram, long perCase) {
    private static final Logger log = LoggerFactory.getLogger(HarnessCost.class);
    static final HarnessCost UNKNOWN = new HarnessCost(-1, -1);
    private static HarnessCost measured;

    /** Measured once per JVM: the harness does not change between campaigns. */
    static synchronized HarnessCost measureOnce(Path dir, long timeoutSeconds) throws IOException, InterruptedException {
        if (measured == null) measured = measure(dir, timeoutSeconds);
        return measured;
    }

    static HarnessCost measure(Path dir, long timeoutSeconds) throws IOException, InterruptedException {
        long one = emptyCasesInstret(dir, 1, timeoutSeconds), three = emptyCasesInstret(dir, 3, timeoutSeconds);
        if (one <= 0 || three <= one) {
            log.warn("could not measure the harness cost on Exo-OS (instret {} and {}); stream instructions will not be counted", one, three);
            return UNKNOWN;
        }
        long perCase = (three - one) / 2;
        return new HarnessCost(one - perCase, perCase);
    }

    private static long emptyCasesInstret(Path dir, int cases, long timeoutSeconds) throws IOException, InterruptedException {
        SplittableRandom rng = new SplittableRandom(cases);
        List<GuestCase> list = new ArrayList<>();
        for (int i = 0; i < cases; i++) list.add(new GuestCase("empty", false, InitialState.random(rng), List.of()));
        PreparedProgram p = PreparedProgram.prepare(new GuestProgram("empty-" + cases, list, 1), dir);
        GuestRun exo = ExoRunner.run(p.elf(), timeoutSeconds);
        return exo.completed() && exo.status() == 0 ? exo.instret() : -1;
    }

    /** Instructions retired by the streams of a program with {@code cases} cases that retired {@code instret} in all. */
    long streamInstructions(long instret, int cases) {
        if (perCase < 0) return 0;
        return Math.max(0, instret - perProgram - (long) cases * perCase);
    }
}
