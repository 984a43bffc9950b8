package org.exoos.it.difftest;

import java.util.List;

/**
 * A group of assembly lines that is safe to run from any register state: it sets up every address it
 * dereferences, bounds every loop it contains and jumps only to its own labels. Streams are lists of
 * units, so a minimizer can drop any of them and the rest still runs.
 *
 * <p>Labels are written {@code {Ln}}; the program writer makes them unique per emitted case, so the
 * same unit can appear in several cases of one program.
 */
record Unit(List<String> lines) {
    Unit {
        lines = List.copyOf(lines);
    }

    static Unit of(String... lines) {
        return new Unit(List.of(lines));
    }

    int size() { return lines.size(); }
}
