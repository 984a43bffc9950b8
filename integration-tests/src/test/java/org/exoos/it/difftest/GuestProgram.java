package org.exoos.it.difftest;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A batch of cases built into one static ELF. The scratch window starts every case with the same
 * content, drawn from {@code windowSeed}. A program with a {@code faultingEnd} runs it after the last
 * case instead of exiting: the instruction there must kill the process with the same signal on both
 * engines.
 */
record GuestProgram(String name, List<GuestCase> cases, long windowSeed, Unit faultingEnd) {
    GuestProgram {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) throw new IllegalArgumentException("a program needs at least one case");
    }

    GuestProgram(String name, List<GuestCase> cases, long windowSeed) {
        this(name, cases, windowSeed, null);
    }

    long[] windowContent() {
        SplittableRandom rng = new SplittableRandom(windowSeed);
        long[] words = new long[DumpLayout.WINDOW_BYTES / 8];
        for (int i = 0; i < words.length; i++) words[i] = GuestValues.integer(rng);
        return words;
    }
}
