package org.exoos.boot.bench.rings.jmh;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.exoos.boot.bench.rings.RoundTripTransport;
import org.exoos.boot.bench.rings.Transports;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Round-trip latency of every transport of {@code bin/exo bench rings}, the fusion rings and
 * their baselines, for each message size: one message in flight, sent and echoed back.
 *
 * <p>JMH samples the round trips (SampleTime: p50 to max in its own table). The benchmark also
 * records <em>every</em> measured round trip into a pre-allocated HdrHistogram, stored at the
 * end of the trial; the forks add up to {@code jmh-hdr-<transport>-<size>.hgrm} (see
 * {@link HistogramFiles}).
 * Its timestamps, taken around the transport call, add one {@link System#nanoTime()} to the
 * histogram's values and two to JMH's samples (≈20-25 ns each on this VM).
 *
 * <p>A combination a transport cannot carry (a fusion ring and more than its 40-byte inline
 * payload, say) fails in {@link #setUp()} with the transport's reason; {@link RingJmh} asks
 * first and skips it, printing that reason.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoundTripBenchmark {
    /** {@link Transports#NAMES}, which {@link RingJmh} uses when no {@code -p transport=} is given. */
    @Param({"cacheline", "fusion", "fusion_mpsc", "jctools", "jctools_mpsc", "fusion_xproc", "agrona", "agrona_mpsc",
        "fusion_futex", "fusion_futex_nospin", "chronicle", "uds", "pipe"})
    public String transport;

    @Param({"8", "32", "40", "64", "256", "4096"})
    public int size;

    private RoundTripTransport link;
    private TrialHistogram histogram;
    private boolean recording;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        histogram = new TrialHistogram(histogramKey(transport, size));
        summary(); // initialises the formatter now, not in the tear-down that -prof gc counts
        link = Transports.create(transport, size);
        try {
            link.start();
        } catch (final Exception | Error ex) {
            link.close();
            throw ex;
        }
    }

    @Setup(Level.Iteration)
    public void startIteration(final IterationParams iteration) {
        recording = iteration.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public long roundTrip() {
        final long id = ++sequence;
        final long start = System.nanoTime();
        final long echoed = link.roundTrip(id);
        final long elapsed = System.nanoTime() - start;
        if (echoed != id) {
            throw new IllegalStateException(transport + ": echo carried " + echoed + ", expected " + id);
        }
        if (recording) {
            histogram.record(elapsed);
        }
        return echoed;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            link.close();
        } finally {
            histogram.store();
            System.out.print(summary());
        }
    }

    private String summary() {
        final Histogram h = histogram.histogram();
        return String.format("%n[round trip %s %d B] p50 %d ns p99 %d ns p99.9 %d ns max %d ns (%d round trips)%n",
            transport, size, h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
            h.getMaxValue(), h.getTotalCount());
    }

    static String histogramKey(final String transport, final int size) {
        return "jmh-hdr-" + transport + "-" + size;
    }
}
