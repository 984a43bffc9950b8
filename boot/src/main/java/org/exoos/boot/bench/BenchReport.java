package org.exoos.boot.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the suite's table and its closing {@code RESULT name=value ...} line. */
final class BenchReport {
    private static final String ROW = "%-14s %6s %9s %9s %10s %9s %9s  %s%n";

    private BenchReport() {}

    static void header(PrintStream out) {
        out.printf(Locale.ROOT, ROW, "program", "size", "exo s", "qemu s", "exo Minstr", "exo MIPS", "exo/qemu", "checksum");
    }

    static void row(PrintStream out, BenchRow r) {
        out.printf(Locale.ROOT, ROW, r.program().name(), r.size(), fixed(r.exo().seconds(), 3),
                fixed(r.qemu().seconds(), 3), fixed(r.exo().instret() / 1e6, 1), fixed(r.exo().mips(), 1),
                fixed(r.ratio(), 2), checksum(r));
        out.flush();
    }

    /**
     * The machine-readable summary: {@code exo_mips} is the integer program's MIPS on Exo-OS, {@code qemu_ratio}
     * the geometric mean of Exo-OS time over qemu time; then the same per program.
     */
    static String resultLine(List<BenchRow> rows) {
        StringBuilder line = new StringBuilder("RESULT");
        rows.stream().filter(r -> r.program().name().equals("integer")).findFirst()
                .ifPresent(r -> line.append(" exo_mips=").append(Math.round(r.exo().mips())));
        line.append(" qemu_ratio=").append(fixed(geomean(rows), 2));
        for (BenchRow r : rows) {
            line.append(' ').append(r.program().name()).append("_mips=").append(Math.round(r.exo().mips()));
            line.append(' ').append(r.program().name()).append("_ratio=").append(fixed(r.ratio(), 2));
        }
        line.append(" checksums=").append(rows.stream().allMatch(BenchRow::agrees) ? "ok" : "MISMATCH");
        return line.toString();
    }

    static double geomean(List<BenchRow> rows) {
        if (rows.isEmpty()) return Double.NaN;
        double logs = 0;
        for (BenchRow r : rows) logs += Math.log(r.ratio());
        return Math.exp(logs / rows.size());
    }

    private static String checksum(BenchRow r) {
        if (r.agrees()) return "ok " + r.exo().stdout().strip().replaceFirst("^.*checksum=", "");
        return "MISMATCH exo[" + r.exo().status() + "]=\"" + r.exo().stdout().strip() + "\" qemu[" + r.qemu().status()
                + "]=\"" + r.qemu().stdout().strip() + "\"";
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
