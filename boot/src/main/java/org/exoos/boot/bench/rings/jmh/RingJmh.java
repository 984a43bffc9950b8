package org.exoos.boot.bench.rings.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.exoos.boot.bench.rings.Transports;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH ring suite ({@code make bench}): {@link RoundTripBenchmark},
 * {@link OneWayBenchmark} and {@link BatchThroughputBenchmark}.
 *
 * <pre>
 * RingJmh [--quick] [JMH options...] [BENCHMARK_REGEX...]
 *   --quick     1 fork, 2 warm-up and 3 measured iterations of 1 s (default: 2 forks, 3 + 5 of 1 s)
 *   e.g.        RingJmh --quick -prof gc -p transport=fusion,jctools -p size=32
 * </pre>
 *
 * <p>What it adds to JMH's own main:
 * <ul>
 *   <li>forks run with the project's flags, read from jvm.options (the one definition), unless
 *       {@code -jvmArgs} says otherwise;</li>
 *   <li>parameter combinations a transport cannot carry are skipped, each with its reason,
 *       instead of failing or being faked: the suite runs per transport (or ring) with the sizes it
 *       supports;</li>
 *   <li>every part's results go into one file, by default {@code boot/target/bench/jmh-rings.json};</li>
 *   <li>the HdrHistograms the benchmarks record add up across forks into {@code *.hgrm} files, and a
 *       table of their percentiles is printed and stored in {@code jmh-rings-hdr.txt}.</li>
 * </ul>
 * Any other JMH option ({@code -prof gc}, {@code -p}, {@code -f}, {@code -wi}, {@code -i}, {@code -e},
 * {@code -rf}, {@code -rff}...) is passed through and wins over these defaults.
 *
 * <p>Reading {@code -prof gc}: in SampleTime mode (the latency benchmarks' default) JMH's own
 * sample bookkeeping allocates in the benchmark thread, about 0.5 MB per iteration, which the
 * profiler counts; {@code -bm avgt} leaves it out. The last iteration also carries the trial's
 * tear-down (stopping the peer, unmapping shared memory: up to ~150 KB, once).
 */
public final class RingJmh {
    static final String SUITE_PACKAGE = RingJmh.class.getPackageName();
    static final String RESULT_FILE = "jmh-rings.json";
    static final String SUMMARY_FILE = "jmh-rings-hdr.txt";

    private final PrintStream out;
    private final List<String> skipped = new ArrayList<>();

    private RingJmh(final PrintStream out) {
        this.out = out;
    }

    public static void main(final String[] args) throws Exception {
        System.exit(new RingJmh(System.out).run(args));
    }

    private int run(final String[] args) throws Exception {
        boolean quick = false;
        final List<String> jmhArgs = new ArrayList<>();
        for (final String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else {
                jmhArgs.add(arg);
            }
        }
        final CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (final CommandLineOptionException ex) {
            System.err.println("RingJmh: " + ex.getMessage() + " (try -h)");
            return 2;
        }
        if (cli.shouldHelp()) {
            out.println("usage: RingJmh [--quick] [JMH options...] [BENCHMARK_REGEX...]; JMH's options:");
            cli.showHelp();
            return 0;
        }
        if (cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers() || cli.shouldListResultFormats()) {
            if (cli.shouldListProfilers()) {
                cli.listProfilers();
            } else if (cli.shouldListResultFormats()) {
                cli.listResultFormats();
            } else if (cli.shouldListWithParams()) {
                new Runner(cli).listWithParams(cli);
            } else {
                new Runner(cli).list();
            }
            return 0;
        }

        final Path root = SuitePaths.root();
        final Path output = SuitePaths.outputDirectory();
        Files.createDirectories(output);
        final String run = "run" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
            + "-" + ProcessHandle.current().pid();
        final List<String> jvmArgs = new ArrayList<>(cli.getJvmArgs().hasValue()
            ? cli.getJvmArgs().get() : projectJvmFlags(root.resolve("jvm.options")));
        jvmArgs.add("-D" + SuitePaths.ROOT_PROPERTY + "=" + root);
        jvmArgs.add("-D" + SuitePaths.OUTPUT_PROPERTY + "=" + output);
        jvmArgs.add("-D" + HistogramFiles.RUN_PROPERTY + "=" + run);
        jvmArgs.add("-Dexo.jvm.options=" + root.resolve("jvm.options")); // the transports' child JVMs

        final List<Step> steps = plan(cli);
        if (steps.isEmpty()) {
            System.err.println("RingJmh: nothing to run: no benchmark of " + SUITE_PACKAGE + " matches "
                + (cli.getIncludes().isEmpty() ? "" : cli.getIncludes()) + " with the given parameters");
            return 2;
        }
        final ResultFormatType format = cli.getResultFormat().orElse(ResultFormatType.JSON);
        final Path resultFile = cli.getResult().hasValue() ? Path.of(cli.getResult().get()) : output.resolve(RESULT_FILE);
        // Each step's own result file (JMH always writes one when -rf/-rff is given); merged below.
        final Path stepResultFile = output.resolve("jmh-rings-step." + format.toString().toLowerCase());
        for (final String line : skipped) {
            out.println("RingJmh: skipping " + line);
        }
        final List<RunResult> results = new ArrayList<>();
        int failed = 0;
        for (final Step step : steps) {
            out.println();
            out.println("# RingJmh: " + step.describe());
            final ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
                .include(step.includeRegex())
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .resultFormat(format)
                .result(stepResultFile.toString());
            for (final String other : step.othersToExclude) {
                options.exclude(other);
            }
            step.params.forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
            applyIterationDefaults(options, cli, quick);
            try {
                final Collection<RunResult> stepResults = new Runner(options.build()).run();
                results.addAll(stepResults);
                failed += Math.max(0, step.combinations() - stepResults.size());
            } catch (final RunnerException ex) {
                System.err.println("RingJmh: " + step.describe() + " failed: " + ex.getMessage());
                failed += step.combinations();
            }
            writeDistributions(output, run); // the forks are done: their parts add up
        }

        Files.deleteIfExists(stepResultFile);
        ResultFormatFactory.getInstance(format, resultFile.toString()).writeOut(results);
        summarizeHistograms(output, run);
        out.println();
        out.println("RingJmh: " + results.size() + " results in " + resultFile);
        for (final String line : skipped) {
            out.println("RingJmh: skipped " + line);
        }
        if (failed > 0) {
            out.println("RingJmh: " + failed + " benchmark(s) failed, see their errors above");
            return 1;
        }
        return 0;
    }

    /** Forks, iterations and their length, unless given on the command line. */
    private static void applyIterationDefaults(final ChainedOptionsBuilder options, final CommandLineOptions cli,
                                               final boolean quick) {
        if (!cli.getForkCount().hasValue()) {
            options.forks(quick ? 1 : 2);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            options.warmupIterations(quick ? 2 : 3);
        }
        if (!cli.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(1));
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            options.measurementIterations(quick ? 3 : 5);
        }
        if (!cli.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(1));
        }
    }

    // ---- planning ------------------------------------------------------------------------------

    /** One JMH run: some benchmarks of one class, with explicit parameter values. */
    private static final class Step {
        final String benchmarkClass;
        final List<String> benchmarks;
        final List<String> othersToExclude = new ArrayList<>();
        final Map<String, List<String>> params;

        Step(final String benchmarkClass, final List<String> benchmarks, final Map<String, List<String>> params) {
            this.benchmarkClass = benchmarkClass;
            this.benchmarks = benchmarks;
            this.params = params;
        }

        String includeRegex() {
            final List<String> quoted = new ArrayList<>();
            for (final String benchmark : benchmarks) {
                quoted.add(Pattern.quote(benchmark));
            }
            return "^(" + String.join("|", quoted) + ")$";
        }

        int combinations() {
            int combinations = benchmarks.size();
            for (final List<String> values : params.values()) {
                combinations *= values.size();
            }
            return combinations;
        }

        String describe() {
            return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1) + " " + params;
        }
    }

    private List<Step> plan(final CommandLineOptions cli) {
        final BenchmarkList list = BenchmarkList.defaultList();
        final var silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        final List<String> includes = cli.getIncludes().isEmpty()
            ? List.of("^" + Pattern.quote(SUITE_PACKAGE + ".")) : cli.getIncludes();
        final SortedSet<BenchmarkListEntry> all = list.find(silent, List.of(".*"), List.of());
        final SortedSet<BenchmarkListEntry> selected = list.find(silent, includes, cli.getExcludes());

        final Map<String, List<String>> byClass = new TreeMap<>();
        for (final BenchmarkListEntry entry : selected) {
            final List<String> names = byClass.computeIfAbsent(entry.getUserClassQName(), k -> new ArrayList<>());
            if (!names.contains(entry.getUsername())) {
                names.add(entry.getUsername());
            }
        }
        final List<Step> steps = new ArrayList<>();
        for (final Map.Entry<String, List<String>> entry : byClass.entrySet()) {
            final String className = entry.getKey();
            final Map<String, List<String>> params = parameters(className, cli);
            if (className.equals(RoundTripBenchmark.class.getName())) {
                if (!cli.getParameter("transport").hasValue()) {
                    params.put("transport", Transports.NAMES); // the authority, should the annotation lag
                }
                splitBySupport(steps, className, entry.getValue(), params, "transport", RingJmh::roundTripUnsupported);
            } else if (className.equals(OneWayBenchmark.class.getName())) {
                splitBySupport(steps, className, entry.getValue(), params, "ring", OneWayBenchmark::unsupportedReason);
            } else {
                steps.add(new Step(className, entry.getValue(), params));
            }
        }
        for (final Step step : steps) {
            for (final BenchmarkListEntry entry : all) {
                if (!step.benchmarks.contains(entry.getUsername())) {
                    final String exclude = "^" + Pattern.quote(entry.getUsername()) + "$";
                    if (!step.othersToExclude.contains(exclude)) {
                        step.othersToExclude.add(exclude);
                    }
                }
            }
        }
        return steps;
    }

    @FunctionalInterface
    private interface SupportCheck {
        /** @return why {@code variant} cannot carry {@code size}-byte messages, or null if it can */
        String unsupportedReason(String variant, int size);
    }

    /** One step per variant (transport or ring), with only the sizes it supports; the rest is reported. */
    private void splitBySupport(final List<Step> steps, final String className, final List<String> benchmarks,
                                final Map<String, List<String>> params, final String variantParam,
                                final SupportCheck check) {
        final String shortName = className.substring(className.lastIndexOf('.') + 1);
        for (final String variant : params.get(variantParam)) {
            final List<String> sizes = new ArrayList<>();
            for (final String size : params.get("size")) {
                final String reason = check.unsupportedReason(variant, Integer.parseInt(size));
                if (reason == null) {
                    sizes.add(size);
                } else {
                    skipped.add(shortName + " " + variant + " " + size + " B: " + reason);
                }
            }
            if (!sizes.isEmpty()) {
                final Map<String, List<String>> stepParams = new LinkedHashMap<>(params);
                stepParams.put(variantParam, List.of(variant));
                stepParams.put("size", sizes);
                steps.add(new Step(className, benchmarks, stepParams));
            }
        }
    }

    /** Asks the transport itself: it refuses, when made, what it cannot carry. */
    static String roundTripUnsupported(final String transport, final int size) {
        try {
            Transports.create(transport, size).close();
            return null;
        } catch (final UnsupportedOperationException | IllegalArgumentException ex) {
            return ex.getMessage();
        } catch (final Exception ex) {
            return "cannot be made: " + ex;
        }
    }

    /**
     * Every {@code @Param} of the class, its nested state classes and their superclasses: the
     * command line's values where given ({@code -p name=v1,v2}), else the annotation's.
     */
    static Map<String, List<String>> parameters(final String className, final CommandLineOptions cli) {
        final Map<String, List<String>> params = new LinkedHashMap<>();
        try {
            collectParams(Class.forName(className), params);
        } catch (final ClassNotFoundException ex) {
            throw new IllegalStateException("benchmark class " + className + " is listed but not on the class path", ex);
        }
        for (final Map.Entry<String, List<String>> param : params.entrySet()) {
            if (cli.getParameter(param.getKey()).hasValue()) {
                param.setValue(new ArrayList<>(cli.getParameter(param.getKey()).get()));
            }
        }
        return params;
    }

    private static void collectParams(final Class<?> type, final Map<String, List<String>> params) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (final Field field : c.getDeclaredFields()) {
                final Param param = field.getAnnotation(Param.class);
                if (param != null) {
                    params.putIfAbsent(field.getName(), Arrays.asList(param.value()));
                }
            }
            for (final Class<?> nested : c.getDeclaredClasses()) {
                collectParams(nested, params);
            }
        }
    }

    // ---- histograms ----------------------------------------------------------------------------

    /** Writes {@code <key>.hgrm} for every key with parts in this run, adding up its forks. */
    private static void writeDistributions(final Path output, final String run) throws IOException {
        for (final String key : HistogramFiles.keysOfRun(output, run)) {
            HistogramFiles.writeDistribution(output, key, HistogramFiles.merge(output, key, run));
        }
    }

    /** Prints and stores p50..max of every histogram this run recorded, then drops the per-fork parts. */
    private void summarizeHistograms(final Path output, final String run) throws IOException {
        final List<String> keys = HistogramFiles.keysOfRun(output, run);
        if (keys.isEmpty()) {
            return;
        }
        final StringBuilder table = new StringBuilder();
        table.append(String.format("%-40s %10s %8s %8s %8s %8s %9s%n",
            "HdrHistogram (ns)", "count", "p50", "p90", "p99", "p99.9", "max"));
        for (final String key : keys) {
            final Histogram histogram = HistogramFiles.merge(output, key, run);
            table.append(String.format("%-40s %10d %8d %8d %8d %8d %9d%n",
                key.replaceFirst("^jmh-hdr-", ""), histogram.getTotalCount(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue()));
        }
        HistogramFiles.deleteParts(output, run);
        Files.writeString(output.resolve(SUMMARY_FILE), table, StandardCharsets.UTF_8);
        out.println();
        out.print(table);
        out.println("(distributions: " + output.resolve("<name>" + HistogramFiles.DISTRIBUTION_SUFFIX) + ")");
    }

    /** jvm.options as an argument file: whitespace-separated flags, '#' comment lines. */
    static List<String> projectJvmFlags(final Path jvmOptions) throws IOException {
        if (!Files.isRegularFile(jvmOptions)) {
            throw new IOException("no " + jvmOptions + ": the forks need the project's JVM flags");
        }
        final List<String> flags = new ArrayList<>();
        for (final String line : Files.readAllLines(jvmOptions, StandardCharsets.UTF_8)) {
            final String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.contains("\"") || trimmed.contains("'")) {
                return List.of("@" + jvmOptions); // quoting: let the java launcher read the file itself
            }
            flags.addAll(Arrays.asList(trimmed.split("\\s+")));
        }
        return flags;
    }
}
