package org.exoos.it.difftest;

import java.util.ArrayList;
import java.util.List;

/** One architectural location whose final value differs: qemu's (the reference) against Exo-OS's. */
record StateDifference(String location, long expected, long actual) {

    @Override
    public String toString() {
        return String.format("%-14s qemu=0x%016x exo=0x%016x", location, expected, actual);
    }

    /** Every difference between two records: x1..x31, f0..f31, fcsr, then the window dword by dword. */
    static List<StateDifference> between(DumpRecord expected, DumpRecord actual) {
        List<StateDifference> diffs = new ArrayList<>();
        for (int i = 1; i < 32; i++) {
            if (expected.x()[i] != actual.x()[i]) diffs.add(new StateDifference("x" + i, expected.x()[i], actual.x()[i]));
        }
        for (int j = 0; j < 32; j++) {
            if (expected.f()[j] != actual.f()[j]) diffs.add(new StateDifference("f" + j, expected.f()[j], actual.f()[j]));
        }
        if (expected.fcsr() != actual.fcsr()) diffs.add(new StateDifference("fcsr", expected.fcsr(), actual.fcsr()));
        for (int k = 0; k < DumpLayout.WINDOW_BYTES / 8; k++) {
            long e = expected.windowDword(k), a = actual.windowDword(k);
            if (e != a) diffs.add(new StateDifference(memoryLocation(k), e, a));
        }
        return diffs;
    }

    /** "mem[sp-2048]": the dword at that offset from the scratch base, as the streams address it. */
    static String memoryLocation(int dwordIndex) {
        int offset = DumpLayout.WINDOW_START_FROM_BASE + 8 * dwordIndex;
        return offset < 0 ? "mem[sp-" + -offset + "]" : "mem[sp+" + offset + "]";
    }
}
