package org.exoos.boot;

import org.exoos.boot.bench.CpuBench;
import org.exoos.boot.bench.SysBench;
import org.exoos.boot.bench.boot.BootBench;
import org.exoos.boot.bench.rings.RingBench;

import java.io.PrintStream;
import java.util.List;

/** {@code exo bench SUITE ...}: the benchmark suites. Each prints a table and ends with one RESULT line. */
final class BenchCommand implements Command {
    @Override public String name() { return "bench"; }

    @Override public String usage() { return "bench cpu|rings|sys|boot [--quick] [...]"; }

    @Override public String summary() {
        return "cpu: riscv64 programs vs qemu-riscv64; rings: IPC latency vs baselines; sys: syscall round trips; boot: JVM start to shell prompt";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String suite = args.isEmpty() ? "" : args.getFirst();
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        return switch (suite) {
            case "cpu" -> CpuBench.run(rest, out, err);
            case "rings" -> RingBench.run(rest, out, err);
            case "sys" -> SysBench.run(rest, out, err);
            case "boot" -> BootBench.run(rest, out, err);
            default -> {
                err.println("exo bench: usage: exo bench cpu [--quick] [PROGRAM...]");
                err.println("           exo bench rings [--quick] [--size N] [--transports a,b,...] [--out FILE.svg]");
                err.println("           exo bench sys [--quick]");
                err.println("           exo bench boot [--runs N] [--cycles N] [--timeout SECONDS] [--initramfs FILE]");
                yield 2;
            }
        };
    }
}
