package org.exoos.it.difftest;

import java.util.ArrayList;
import java.util.List;

/**
 * One test case: a stream of units run from a known initial state, after which the harness dumps the
 * registers, fcsr and the scratch window. {@code compressed} enables RVC in the stream (explicit c.*
 * mnemonics, and automatic compression of eligible instructions); without it every instruction is 32-bit.
 */
record GuestCase(String name, boolean compressed, InitialState initial, List<Unit> units) {
    GuestCase {
        units = List.copyOf(units);
    }

    GuestCase withUnits(List<Unit> replacement) {
        return new GuestCase(name, compressed, initial, replacement);
    }

    /** The stream as assembly lines, labels still in their {Ln} form. */
    List<String> lines() {
        List<String> all = new ArrayList<>();
        for (Unit u : units) all.addAll(u.lines());
        return all;
    }

    int lineCount() {
        int n = 0;
        for (Unit u : units) n += u.size();
        return n;
    }
}
