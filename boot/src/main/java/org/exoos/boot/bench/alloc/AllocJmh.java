package org.exoos.boot.bench.alloc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link AllocBenchmark} ({@code make bench-alloc}) and prints each level's time per allocate + free
 * as a ratio to the array-stack baseline of the same run, and in cycles at the host's nominal clock
 * (from /proc/cpuinfo; turbo makes that an estimate). Ends with
 * {@code RESULT hart_cache_ns=… facade_hart_ns=… facade_shared_ns=… buddy_ns=… buddy_split_merge_ns=… slab_ns=…
 * zero_frame_ns=… baseline_ns=… hart_cache_ratio=…}.
 *
 * <pre>
 * AllocJmh [JMH options...]    e.g. AllocJmh -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 * Forks run with the project's flags from jvm.options unless {@code -jvmArgs} says otherwise; results go
 * to {@code boot/target/bench/jmh-alloc.json} unless {@code -rff} says otherwise.
 */
public final class AllocJmh {
    private AllocJmh() {
    }

    public static void main(final String[] args) throws Exception {
        final CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (final CommandLineOptionException ex) {
            System.err.println("AllocJmh: " + ex.getMessage() + " (try -h)");
            System.exit(2);
            return;
        }
        if (cli.shouldHelp()) {
            cli.showHelp();
            return;
        }
        final Path root = root();
        final Path output = root.resolve("boot/target/bench");
        Files.createDirectories(output);
        final OptionsBuilder options = new OptionsBuilder();
        options.parent(cli).include(AllocBenchmark.class.getName() + "\\.")
            .resultFormat(cli.getResultFormat().orElse(ResultFormatType.JSON))
            .result(cli.getResult().orElse(output.resolve("jmh-alloc.json").toString()));
        if (!cli.getJvmArgs().hasValue()) options.jvmArgs(projectJvmFlags(root.resolve("jvm.options")).toArray(String[]::new));
        final Collection<RunResult> results = new Runner(options.build()).run();
        report(results);
    }

    private static void report(final Collection<RunResult> results) {
        final Map<String, Double> ns = new LinkedHashMap<>();
        for (final RunResult r : results) {
            final String label = r.getParams().getBenchmark();
            ns.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        final Double baseline = ns.get("baselineArrayStack");
        final double ghz = nominalGhz();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %10s %12s %14s%n", "allocate+free", "ns/op", "x baseline",
            ghz > 0 ? String.format(Locale.ROOT, "cycles@%.2fGHz", ghz) : "cycles");
        for (final Map.Entry<String, Double> e : ns.entrySet()) {
            System.out.printf(Locale.ROOT, "%-22s %10.2f %12s %14s%n", e.getKey(), e.getValue(),
                baseline == null ? "-" : String.format(Locale.ROOT, "%.2f", e.getValue() / baseline),
                ghz > 0 ? String.format(Locale.ROOT, "%.1f", e.getValue() * ghz) : "-");
        }
        System.out.printf(Locale.ROOT, "RESULT hart_cache_ns=%s facade_hart_ns=%s facade_shared_ns=%s buddy_ns=%s "
                + "buddy_split_merge_ns=%s slab_ns=%s zero_frame_ns=%s baseline_ns=%s hart_cache_ratio=%s%n",
            fmt(ns.get("hartCacheFrame")), fmt(ns.get("facadeHartFrame")), fmt(ns.get("facadeSharedFrame")),
            fmt(ns.get("buddyFrame")), fmt(ns.get("buddyFrameSplitMerge")), fmt(ns.get("slabObject")), fmt(ns.get("zeroFrame")),
            fmt(baseline), ns.get("hartCacheFrame") == null || baseline == null ? "-"
                : String.format(Locale.ROOT, "%.2f", ns.get("hartCacheFrame") / baseline));
    }

    private static String fmt(final Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The host's nominal clock in GHz from /proc/cpuinfo's model name ("@ 2.80GHz") or "cpu MHz"; 0 if unknown. */
    private static double nominalGhz() {
        try {
            double mhz = 0;
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                final int at = line.indexOf("@ ");
                if (line.startsWith("model name") && at > 0 && line.endsWith("GHz")) {
                    return Double.parseDouble(line.substring(at + 2, line.length() - 3).strip());
                }
                if (mhz == 0 && line.startsWith("cpu MHz")) mhz = Double.parseDouble(line.substring(line.indexOf(':') + 1).strip());
            }
            return mhz / 1000;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jvm.options"))) return dir;
        }
        throw new IllegalStateException("cannot find the Exo-OS root (a directory with jvm.options) above "
            + Path.of("").toAbsolutePath());
    }

    /** The flags of jvm.options, the one definition of the project's JVM flags. */
    private static List<String> projectJvmFlags(final Path jvmOptions) throws IOException {
        final List<String> flags = new ArrayList<>();
        for (final String line : Files.readAllLines(jvmOptions, StandardCharsets.UTF_8)) {
            final String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            if (trimmed.contains("\"") || trimmed.contains("'")) return List.of("@" + jvmOptions);
            flags.addAll(List.of(trimmed.split("\\s+")));
        }
        return flags;
    }
}
