package org.exoos.boot.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exoos.libposix.elf.ExecFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code exo bench cpu [--quick] [PROGRAM...]}: the CPU suite. Builds the C programs in boot/src/main/c/bench/
 * (glibc, static, -O2) if needed, runs each on Exo-OS in this JVM and under qemu-riscv64 in the same run, checks
 * that both print the same checksum, and prints a table and one closing {@code RESULT} line.
 *
 * <p>Before its timed run, each program runs once with a small size on Exo-OS, untimed, so the timed run meets
 * JIT-compiled interpreter code rather than a cold one.
 */
public final class CpuBench {
    private static final Logger log = LoggerFactory.getLogger(CpuBench.class);
    static final int EXIT_USAGE = 2;
    /** The suite ran but a checksum differed or a program failed. */
    static final int EXIT_MISMATCH = 1;

    private CpuBench() {}

    /** Runs with the JVM's stdout and stderr; returns the exit status. */
    public static int main(List<String> args) {
        return run(args, System.out, System.err);
    }

    /** Runs the suite; returns 0 when every checksum agreed, 1 when one did not, 2 on bad usage or set-up. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean quick = false;
        Map<String, BenchProgram> selected = new LinkedHashMap<>();
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.startsWith("-")) {
                err.println("exo bench cpu: unknown option " + a + " (usage: exo bench cpu [--quick] [PROGRAM...])");
                return EXIT_USAGE;
            } else {
                BenchProgram p = BenchProgram.SUITE.stream().filter(b -> b.name().equals(a)).findFirst().orElse(null);
                if (p == null) {
                    err.println("exo bench cpu: no program '" + a + "' (programs: "
                            + String.join(", ", BenchProgram.SUITE.stream().map(BenchProgram::name).toList()) + ")");
                    return EXIT_USAGE;
                }
                selected.put(a, p);
            }
        }
        List<BenchProgram> programs = selected.isEmpty() ? BenchProgram.SUITE : List.copyOf(selected.values());

        Map<BenchProgram, Path> binaries = new LinkedHashMap<>();
        try {
            BenchBuild build = BenchBuild.locate();
            for (BenchProgram p : programs) binaries.put(p, build.build(p));
        } catch (IOException e) {
            log.debug("bench build failed", e);
            err.println("exo bench cpu: " + e.getMessage());
            return EXIT_USAGE;
        }

        out.printf("exo bench cpu%s: %d programs, riscv64 glibc static -O2; Exo-OS in-process vs %s%n",
                quick ? " --quick" : "", programs.size(), QemuTiming.QEMU);
        out.println("warm-up: each program first runs once, untimed, with a small size on Exo-OS (JIT warm-up)");
        out.println("times: Exo-OS from first guest instruction to exit; qemu wall time including its start-up");
        BenchReport.header(out);
        List<BenchRow> rows = new ArrayList<>();
        for (BenchProgram p : programs) {
            Path binary = binaries.get(p);
            int size = p.size(quick);
            try {
                ExoTiming.run(binary, p.name(), p.warmUp());
                Measurement exo = ExoTiming.run(binary, p.name(), size);
                Measurement qemu = QemuTiming.run(binary, p.name(), size);
                BenchRow row = new BenchRow(p, size, exo, qemu);
                rows.add(row);
                BenchReport.row(out, row);
            } catch (ExecFormatException e) {
                err.println("exo bench cpu: " + binary + ": " + e.getMessage());
                return EXIT_USAGE;
            } catch (IOException e) {
                log.debug("bench run failed", e);
                err.println("exo bench cpu: " + p.name() + ": " + e.getMessage());
                return EXIT_USAGE;
            }
        }
        out.println(BenchReport.resultLine(rows));
        out.flush();
        return rows.stream().allMatch(BenchRow::agrees) ? 0 : EXIT_MISMATCH;
    }
}
