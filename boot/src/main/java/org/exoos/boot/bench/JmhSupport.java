package org.exoos.boot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** What the JMH runners of the microkernel benchmarks (`make bench-alloc`, `make bench-sched`) share. */
public final class JmhSupport {
    private JmhSupport() {}

    /**
     * Runs the benchmarks of the given classes with the command line's JMH options: forks get the project's flags
     * from jvm.options unless -jvmArgs says otherwise, results go to boot/target/bench/{@code resultFile} unless
     * -rff says otherwise. Returns null when there was nothing to run (-h, or a bad option: exit status 2).
     */
    public static Collection<RunResult> run(final String runner, final String[] args, final String resultFile,
                                            final Class<?>... benchmarks) throws Exception {
        final CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (final CommandLineOptionException ex) {
            System.err.println(runner + ": " + ex.getMessage() + " (try -h)");
            System.exit(2);
            return null;
        }
        if (cli.shouldHelp()) {
            cli.showHelp();
            return null;
        }
        final Path root = root();
        final Path output = root.resolve("boot/target/bench");
        Files.createDirectories(output);
        final OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        for (final Class<?> benchmark : benchmarks) options.include(benchmark.getName() + "\\.");
        options.resultFormat(cli.getResultFormat().orElse(ResultFormatType.JSON))
            .result(cli.getResult().orElse(output.resolve(resultFile).toString()));
        if (!cli.getJvmArgs().hasValue()) options.jvmArgs(projectJvmFlags(root.resolve("jvm.options")).toArray(String[]::new));
        return new Runner(options.build()).run();
    }

    /** A figure with two decimals, or "-" when the benchmark did not run. */
    public static String fmt(final Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The host's nominal clock in GHz from /proc/cpuinfo's model name ("@ 2.80GHz") or "cpu MHz"; 0 if unknown. */
    public static double nominalGhz() {
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

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jvm.options"))) return dir;
        }
        throw new IllegalStateException("cannot find the Exo-OS root (a directory with jvm.options) above "
            + Path.of("").toAbsolutePath());
    }

    /** The flags of jvm.options, the one definition of the project's JVM flags. */
    public static List<String> projectJvmFlags(final Path jvmOptions) throws IOException {
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
