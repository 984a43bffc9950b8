package org.exoos.boot.bench.sched;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.exoos.boot.bench.JmhSupport;
import org.openjdk.jmh.results.RunResult;

/**
 * Runs {@link PickNextBenchmark} and {@link TaskSwitchBenchmark} ({@code make bench-sched}) and prints each
 * time per operation beside its baseline of the same run, and in cycles at the host's nominal clock (from
 * /proc/cpuinfo; turbo makes that an estimate). The seed's goals: pick-next 87 cycles, a switch 304. Ends with
 * {@code RESULT pick_next_ns=… pick_baseline_ns=… pick_next_cycles=… switch_ns=… trap_baseline_ns=…
 * switch_only_ns=… switch_cycles=…} (switch_only = switch - trap baseline: the switch without the trap).
 *
 * <pre>
 * SchedJmh [JMH options...]    e.g. SchedJmh -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 * Forks run with the project's flags from jvm.options unless {@code -jvmArgs} says otherwise; results go
 * to {@code boot/target/bench/jmh-sched.json} unless {@code -rff} says otherwise.
 */
public final class SchedJmh {
    private SchedJmh() {
    }

    public static void main(final String[] args) throws Exception {
        final Collection<RunResult> results = JmhSupport.run("SchedJmh", args, "jmh-sched.json", PickNextBenchmark.class, TaskSwitchBenchmark.class);
        if (results == null) return;
        report(results);
    }

    private static void report(final Collection<RunResult> results) {
        final Map<String, Double> ns = new LinkedHashMap<>();
        for (final RunResult r : results) {
            final String label = r.getParams().getBenchmark();
            ns.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        final double ghz = JmhSupport.nominalGhz();
        final String[][] pairs = {{"pickNext", "baselineFifo"}, {"taskSwitch", "baselineTrapRoundTrip"}};
        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %10s %-22s %10s %14s%n", "operation", "ns/op", "baseline", "ns/op",
            ghz > 0 ? String.format(Locale.ROOT, "cycles@%.2fGHz", ghz) : "cycles");
        for (final String[] p : pairs) {
            final Double v = ns.get(p[0]), b = ns.get(p[1]);
            System.out.printf(Locale.ROOT, "%-22s %10s %-22s %10s %14s%n", p[0], JmhSupport.fmt(v), p[1], JmhSupport.fmt(b),
                ghz > 0 && v != null ? String.format(Locale.ROOT, "%.1f", v * ghz) : "-");
        }
        final Double pick = ns.get("pickNext"), sw = ns.get("taskSwitch"), trap = ns.get("baselineTrapRoundTrip");
        final Double switchOnly = sw == null || trap == null ? null : sw - trap;
        System.out.printf(Locale.ROOT, "RESULT pick_next_ns=%s pick_baseline_ns=%s pick_next_cycles=%s switch_ns=%s "
                + "trap_baseline_ns=%s switch_only_ns=%s switch_cycles=%s%n",
            JmhSupport.fmt(pick), JmhSupport.fmt(ns.get("baselineFifo")), pick == null || ghz <= 0 ? "-" : JmhSupport.fmt(pick * ghz), JmhSupport.fmt(sw), JmhSupport.fmt(trap),
            JmhSupport.fmt(switchOnly), switchOnly == null || ghz <= 0 ? "-" : JmhSupport.fmt(switchOnly * ghz));
    }
}
