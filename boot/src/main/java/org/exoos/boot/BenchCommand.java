package org.exoos.boot;

import org.exoos.boot.bench.CpuBench;

import java.io.PrintStream;
import java.util.List;

/** {@code exo bench SUITE ...}: the benchmark suites. Each prints a table and ends with one RESULT line. */
final class BenchCommand implements Command {
    @Override public String name() { return "bench"; }

    @Override public String usage() { return "bench cpu [--quick] [PROGRAM...]"; }

    @Override public String summary() { return "CPU-bound riscv64 programs on Exo-OS and qemu-riscv64, side by side"; }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !args.getFirst().equals("cpu")) {
            err.println("exo bench: usage: exo " + usage());
            return 2;
        }
        return CpuBench.run(args.subList(1, args.size()), out, err);
    }
}
