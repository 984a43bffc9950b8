package org.exoos.boot.bench;

import java.util.List;

/**
 * One program of the CPU suite: a C file in boot/src/main/c/bench/ that takes a size argument and prints a
 * checksum line that depends only on that size.
 *
 * @param name    the C file's name without ".c"
 * @param size    the default size: about 1 to 2 s under qemu-riscv64
 * @param quick   the size for {@code --quick}
 * @param warmUp  the size of the untimed run that warms up the JIT before the timed one
 * @param measures what the program stresses, for the table
 */
record BenchProgram(String name, int size, int quick, int warmUp, String measures) {

    /** The suite, in the order it runs and prints. {@code integer} comes first: its MIPS is the headline figure. */
    static final List<BenchProgram> SUITE = List.of(
            new BenchProgram("integer", 80, 10, 2, "ALU, multiply, divide, branches"),
            new BenchProgram("memory", 60, 8, 2, "loads, stores, pointer chasing"),
            new BenchProgram("branchy", 24, 3, 1, "unpredictable branches: sort, search"),
            new BenchProgram("fp", 5, 1, 1, "double arithmetic, sqrt, fma"),
            new BenchProgram("coremark_like", 8000, 1000, 200, "lists, matrices, state machine, CRC"));

    int size(boolean quickRun) {
        return quickRun ? quick : size;
    }
}
