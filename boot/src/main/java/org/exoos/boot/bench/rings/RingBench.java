package org.exoos.boot.bench.rings;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code exo bench rings [--quick] [--size N] [--transports a,b,...] [--out FILE.svg]}: the short
 * ring-latency benchmark. In each of a few rounds, for each transport in turn: start its echo
 * peer, warm up, then time single round trips with {@link System#nanoTime()} into a
 * pre-allocated HdrHistogram (the loop allocates nothing), up to a count or a time budget.
 * Prints a table of percentiles over all rounds with each p50's ratio to the cache-line floor
 * (the median of per-round ratios), writes a percentile plot as SVG, and ends with one
 * {@code RESULT} line. Exit status 1 if any transport failed (its value is then NaN), 2 on bad
 * usage; a transport that cannot carry the chosen size is shown as n/a and is not a failure.
 *
 * <p>Every timed round trip includes one {@code nanoTime} pair (its cost is printed), and the
 * timing loop calls the transports through one interface call site, the same for all. The
 * table's B/rt is what the measuring thread allocated per timed round trip (the echo side is
 * not counted): 0.0 for an allocation-free hot path.
 */
public final class RingBench {
    private static final Logger log = LoggerFactory.getLogger(RingBench.class);

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    /** The default message size, the one the RESULT line is specified for. */
    static final int DEFAULT_SIZE = 32;
    /** Round trips longer than this are recorded as this (the histogram's range). */
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The RESULT keys every run prints first (when selected), in this order; then the others. */
    static final List<String> RESULT_ORDER = List.of(
        "fusion", "fusion_xproc", "fusion_futex", "agrona", "jctools", "cacheline", "uds", "chronicle");
    private static final String USAGE =
        "usage: exo bench rings [--quick] [--size N] [--transports a,b,...] [--out FILE.svg]";

    /**
     * How long a run takes: rounds over all transports (each round starts every peer afresh),
     * and per round and transport a warm-up of at least {@code warmUp} round trips and
     * {@code warmUpNanos} (time, so that the JIT compiler threads, which compete with two
     * spinning threads for two cores, finish before timing starts), then at most {@code count}
     * timed round trips or {@code budgetNanos}. Rounds interleave the transports in time, so
     * that a drift of the machine (on a VM, where the host places the two vCPUs) spreads over
     * all of them rather than favouring one.
     */
    public record Plan(int rounds, int warmUp, long warmUpNanos, int count, long budgetNanos) {
        public static final Plan FULL = new Plan(3, 5_000, TimeUnit.MILLISECONDS.toNanos(400), 100_000,
            TimeUnit.MILLISECONDS.toNanos(700));
        public static final Plan QUICK = new Plan(2, 5_000, TimeUnit.MILLISECONDS.toNanos(150), 30_000,
            TimeUnit.MILLISECONDS.toNanos(300));
    }

    private RingBench() {
    }

    /** Runs the command; returns the exit status. */
    public static int run(final List<String> args, final PrintStream out, final PrintStream err) {
        boolean quick = false;
        int size = DEFAULT_SIZE;
        Path svg = null;
        final Set<String> selected = new LinkedHashSet<>();
        for (int i = 0; i < args.size(); i++) {
            final String a = args.get(i);
            try {
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--size" -> size = Integer.parseInt(value(args, ++i, a));
                    case "--out" -> svg = Path.of(value(args, ++i, a));
                    case "--transports" -> {
                        for (final String name : value(args, ++i, a).split(",")) {
                            if (!Transports.NAMES.contains(name.strip())) {
                                throw new IllegalArgumentException("no transport '" + name.strip() + "' (transports: "
                                    + String.join(",", Transports.NAMES) + ")");
                            }
                            selected.add(name.strip());
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + a);
                }
            } catch (final IllegalArgumentException e) {
                err.println("exo bench rings: " + e.getMessage() + "\n" + USAGE);
                return EXIT_USAGE;
            }
        }
        if (size < EchoProtocol.MIN_MESSAGE_SIZE) {
            err.println("exo bench rings: --size must be at least " + EchoProtocol.MIN_MESSAGE_SIZE
                + " (the sequence)");
            return EXIT_USAGE;
        }
        final List<String> names = selected.isEmpty() ? Transports.NAMES
            : Transports.NAMES.stream().filter(selected::contains).toList();
        final Plan plan = quick ? Plan.QUICK : Plan.FULL;
        try {
            if (svg == null) {
                svg = BenchPaths.benchDirectory().resolve("rings-latency.svg");
            }
        } catch (final IOException e) {
            err.println("exo bench rings: " + e.getMessage());
            return EXIT_USAGE;
        }

        out.printf(Locale.ROOT,
            "exo bench rings%s: %d-byte messages, round trip (send, echo, receive), %d transports%n",
            quick ? " --quick" : "", size, names.size());
        out.printf(Locale.ROOT, "%d CPUs, %s %s; %d rounds over the transports, each: warm-up %.2f s (at least"
            + " %,d round trips), then up to %,d timed or %.1f s%n", Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name"), System.getProperty("java.version"), plan.rounds(),
            plan.warmUpNanos() / 1e9, plan.warmUp(), plan.count(), plan.budgetNanos() / 1e9);
        out.println("load average before: " + loadAverage()
            + " (other work on the 2 cores distorts spinning transports)");
        final double spinNanos = spinCost();
        out.printf(Locale.ROOT, "timer: System.nanoTime pair ~%d ns, included in every figure; spin: Thread.onSpinWait"
            + " ~%.1f ns, fusion_futex spins %d times (~%.1f µs) before parking%n", nanoTimeCost(), spinNanos,
            FusionCrossProcess.FUTEX_SPINS, FusionCrossProcess.FUTEX_SPINS * spinNanos / 1000);

        final Map<String, TransportResult> merged = new LinkedHashMap<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            for (final String name : names) {
                final TransportResult earlier = merged.get(name);
                if (earlier != null && !earlier.ok()) {
                    continue; // failed or unsupported: once is enough
                }
                final TransportResult result = measure(name, size, plan);
                if (result.failed()) {
                    err.println("exo bench rings: " + name + " failed in round " + round + ": " + result.error());
                }
                merged.put(name, earlier == null ? result : earlier.merge(result));
            }
        }
        final List<TransportResult> results = new ArrayList<>(merged.values());
        out.println("p50/floor: the median over rounds of p50 / cacheline p50 of the same round");
        printTable(out, results);
        out.println("load average after: " + loadAverage());
        try {
            LatencyPlot.write(svg, String.format(Locale.ROOT, "Round-trip latency, %d-byte messages (%d CPUs)",
                size, Runtime.getRuntime().availableProcessors()), results);
            out.println("plot: " + svg);
        } catch (final IOException e) {
            err.println("exo bench rings: cannot write " + svg + ": " + e.getMessage());
            results.add(TransportResult.failed("plot", e.getMessage()));
        }
        out.println(resultLine(results));
        final List<String> failed =
            results.stream().filter(TransportResult::failed).map(TransportResult::name).toList();
        if (!failed.isEmpty()) {
            err.println("exo bench rings: failed: " + String.join(", ", failed));
            return EXIT_FAILED;
        }
        return 0;
    }

    private static String value(final List<String> args, final int i, final String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /**
     * One round of one transport: creates, starts, warms up and measures it, then closes it. Never throws: a
     * failure, including an echo that carried the wrong sequence, becomes the result's error.
     */
    public static TransportResult measure(final String name, final int size, final Plan plan) {
        final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
        RoundTripTransport transport = null;
        try {
            transport = Transports.create(name, size);
            transport.start();
            long sequence = 0;
            final long warmUpStart = System.nanoTime();
            while (sequence < plan.warmUp() || System.nanoTime() - warmUpStart < plan.warmUpNanos()) {
                check(transport, sequence, transport.roundTrip(sequence));
                sequence++;
            }
            final ParkCounting parking = transport instanceof ParkCounting p && p.parks() ? p : null;
            final long clientParksBefore = parking != null ? parking.clientParks() : 0;
            final long echoParksBefore = parking != null ? parking.echoParks() : 0;
            final long allocatedBefore = allocatedBytes();
            final long measured = time(transport, sequence, plan, histogram);
            final long allocated = allocatedBytes() - allocatedBefore;
            double clientFraction = Double.NaN;
            double echoFraction = Double.NaN;
            if (parking != null) {
                clientFraction = (double) (parking.clientParks() - clientParksBefore) / measured;
                echoFraction = (double) (parking.echoParks() - echoParksBefore) / measured;
            }
            return TransportResult.measured(name, histogram, clientFraction, echoFraction,
                allocatedBefore < 0 ? Double.NaN : (double) allocated / measured);
        } catch (final UnsupportedOperationException e) {
            return TransportResult.unsupported(name, e.getMessage());
        } catch (final Exception | Error e) {
            log.debug("transport {} failed", name, e);
            return TransportResult.failed(name, e.getMessage() != null ? e.getMessage() : e.toString());
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (final RuntimeException e) {
                    log.debug("closing {} failed", name, e);
                }
            }
        }
    }

    /** The timed loop; returns the number of round trips recorded. */
    private static long time(final RoundTripTransport transport, final long firstSequence, final Plan plan,
                             final Histogram histogram) {
        final long started = System.nanoTime();
        final long budget = plan.budgetNanos();
        long sequence = firstSequence;
        int i = 0;
        while (i < plan.count()) {
            final long start = System.nanoTime();
            final long echoed = transport.roundTrip(sequence);
            final long end = System.nanoTime();
            check(transport, sequence, echoed);
            histogram.recordValue(Math.min(end - start, HIGHEST_NANOS));
            sequence++;
            i++;
            if (end - started > budget) {
                break;
            }
        }
        return i;
    }

    /** Bytes this thread allocated so far, or -1 if the JVM does not say. */
    private static long allocatedBytes() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
            && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()
            ? bean.getCurrentThreadAllocatedBytes() : -1;
    }

    static void check(final RoundTripTransport transport, final long sequence, final long echoed) {
        if (echoed != sequence) {
            throw new IllegalStateException(transport.name() + ": round trip " + sequence
                + " came back carrying sequence " + echoed);
        }
    }

    private static void printTable(final PrintStream out, final List<TransportResult> results) {
        final TransportResult floor = results.stream().filter(r -> r.ok() && r.name().equals("cacheline"))
            .findFirst().orElse(null);
        out.printf(Locale.ROOT, "%-20s %-24s %9s %9s %9s %9s %10s %8s %6s  %s%n",
            "transport", "peer, wait", "p50 ns", "p99 ns", "p99.9 ns", "max ns", "p50/floor", "timed", "B/rt", "notes");
        for (final TransportResult r : results) {
            if (!r.ok()) {
                out.printf(Locale.ROOT, "%-20s %-24s %9s %9s %9s %9s %10s %8s %6s  %s: %s%n", r.name(),
                    describe(r.name()), "-", "-", "-", "-", "-", "-", "-", r.unsupported() ? "n/a" : "FAILED",
                    r.error().lines().findFirst().orElse(""));
                continue;
            }
            final Histogram h = r.histogram();
            String notes = "p50 by round " + r.roundP50s().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining("/"));
            if (!Double.isNaN(r.clientParkFraction())) {
                notes += String.format(Locale.ROOT, "; parked: client %.1f%%, echo %.1f%% of round trips%s",
                    100 * r.clientParkFraction(), 100 * r.echoParkFraction(),
                    r.clientParkFraction() + r.echoParkFraction() < 0.01 ? " (futex path barely exercised)" : "");
            }
            out.printf(Locale.ROOT, "%-20s %-24s %9d %9d %9d %9d %10s %8d %6s  %s%n", r.name(), describe(r.name()),
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                floor == null ? "-" : String.format(Locale.ROOT, "%.2fx", floorRatio(r, floor)),
                h.getTotalCount(), Double.isNaN(r.allocatedBytesPerRoundTrip()) ? "?"
                    : String.format(Locale.ROOT, "%.1f", r.allocatedBytesPerRoundTrip()), notes);
        }
    }

    /**
     * The p50's ratio to the cache-line floor, as the median over rounds of each round's ratio to
     * the same round's floor: the floor itself drifts between rounds on a VM (where the host puts
     * the two vCPUs), and a transport is best compared with the floor measured next to it.
     */
    static double floorRatio(final TransportResult r, final TransportResult floor) {
        final int rounds = Math.min(r.roundP50s().size(), floor.roundP50s().size());
        if (rounds == 0) {
            return r.p50() / floor.p50();
        }
        final double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratios[i] = (double) r.roundP50s().get(i) / floor.roundP50s().get(i);
        }
        java.util.Arrays.sort(ratios);
        return rounds % 2 == 1 ? ratios[rounds / 2] : (ratios[rounds / 2 - 1] + ratios[rounds / 2]) / 2;
    }

    /** Where the echo runs and how each side waits. */
    static String describe(final String name) {
        return switch (name) {
            case "cacheline", "fusion", "fusion_mpsc", "jctools", "jctools_mpsc" -> "2 threads, spin";
            case "fusion_xproc", "agrona", "agrona_mpsc", "chronicle" -> "2 JVMs, spin";
            case "fusion_futex" -> "2 JVMs, spin then futex";
            case "fusion_futex_nospin" -> "2 JVMs, futex";
            case "uds", "pipe" -> "2 JVMs, blocking I/O";
            default -> "";
        };
    }

    /**
     * {@code RESULT name_rtt_p50_ns=V ...}: the specified keys first, then the rest; NaN for a
     * failure; a transport that cannot carry this size is left out.
     */
    static String resultLine(final List<TransportResult> results) {
        final List<TransportResult> ordered = new ArrayList<>();
        for (final String key : RESULT_ORDER) {
            results.stream().filter(r -> r.name().equals(key)).findFirst().ifPresent(ordered::add);
        }
        results.stream().filter(r -> !RESULT_ORDER.contains(r.name()) && Transports.NAMES.contains(r.name()))
            .forEach(ordered::add);
        final StringBuilder line = new StringBuilder("RESULT");
        for (final TransportResult r : ordered) {
            if (r.unsupported()) {
                continue;
            }
            line.append(' ').append(r.name()).append("_rtt_p50_ns=")
                .append(r.ok() ? Long.toString((long) r.p50()) : "NaN");
        }
        return line.toString();
    }

    /** The host's 1, 5 and 15-minute load averages, or "?" where /proc/loadavg is missing. */
    private static String loadAverage() {
        try {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (final IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The cost of a back-to-back nanoTime pair, as the timing loop pays it (the median of many). */
    private static long nanoTimeCost() {
        final long[] samples = new long[10_001];
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < samples.length; i++) {
                final long a = System.nanoTime();
                samples[i] = System.nanoTime() - a;
            }
        }
        java.util.Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static volatile long spinSink;

    /** Nanoseconds per {@link Thread#onSpinWait()} with a volatile read, as the waiters spin. */
    private static double spinCost() {
        final int iterations = 2_000_000;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            final long start = System.nanoTime();
            long sum = 0;
            for (int i = 0; i < iterations; i++) {
                Thread.onSpinWait();
                sum += spinSink;
            }
            best = Math.min(best, (double) (System.nanoTime() - start) / iterations);
            spinSink = sum;
        }
        return best;
    }
}
