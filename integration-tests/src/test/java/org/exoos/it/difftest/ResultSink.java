package org.exoos.it.difftest;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a directed case's stream: instructions plus stores of each result (and of the fflags it raised)
 * to consecutive dwords of the scratch window from sp-2048 up, so every result reaches the dump even
 * after its register is reused. Each store carries a comment naming the result, which is what a
 * mismatch report shows for a differing memory dword.
 *
 * <p>Lines gather into units ({@link #endUnit}); each unit loads its own operands, so a minimizer may
 * drop any of them.
 */
final class ResultSink {
    /** Results go below sp-256; the window above that is left to the instructions under test. */
    static final int LIMIT = -256;
    /** The register that receives fflags after each floating-point operation. */
    static final int FLAGS = 31;

    private final List<Unit> units = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private int next = -2048;
    private int labels;

    void add(String... more) {
        lines.addAll(List.of(more));
    }

    /** A fresh label, {Ln}, unique in this case. */
    String label() { return "{L" + labels++ + "}"; }

    boolean hasRoomFor(int results) { return next + 8 * results <= LIMIT; }

    void storeX(int reg, String what) {
        lines.add("sd x" + reg + ", " + slot() + "(x2)  # " + what);
    }

    void storeF(int reg, String what) {
        lines.add("fsd f" + reg + ", " + slot() + "(x2)  # " + what);
    }

    /** Reads and clears fflags into x31, then stores it: the flags of exactly the preceding operation. */
    void storeFlags(String what) {
        lines.add("csrrw x" + FLAGS + ", fflags, x0");
        storeX(FLAGS, "fflags after " + what);
    }

    private int slot() {
        if (next + 8 > LIMIT) throw new IllegalStateException("directed case stores too many results");
        int s = next;
        next += 8;
        return s;
    }

    void endUnit() {
        if (!lines.isEmpty()) units.add(new Unit(lines));
        lines.clear();
    }

    List<Unit> units() {
        endUnit();
        return List.copyOf(units);
    }
}
