package org.exoos.boot.bench.alloc;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.exoos.boot.bench.JmhSupport;
import org.openjdk.jmh.results.RunResult;

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
        final Collection<RunResult> results = JmhSupport.run("AllocJmh", args, "jmh-alloc.json", AllocBenchmark.class);
        if (results == null) return;
        report(results);
    }

    private static void report(final Collection<RunResult> results) {
        final Map<String, Double> ns = new LinkedHashMap<>();
        for (final RunResult r : results) {
            final String label = r.getParams().getBenchmark();
            ns.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        final Double baseline = ns.get("baselineArrayStack");
        final double ghz = JmhSupport.nominalGhz();
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
            JmhSupport.fmt(ns.get("hartCacheFrame")), JmhSupport.fmt(ns.get("facadeHartFrame")), JmhSupport.fmt(ns.get("facadeSharedFrame")),
            JmhSupport.fmt(ns.get("buddyFrame")), JmhSupport.fmt(ns.get("buddyFrameSplitMerge")), JmhSupport.fmt(ns.get("slabObject")), JmhSupport.fmt(ns.get("zeroFrame")),
            JmhSupport.fmt(baseline), ns.get("hartCacheFrame") == null || baseline == null ? "-"
                : String.format(Locale.ROOT, "%.2f", ns.get("hartCacheFrame") / baseline));
    }
}
