package org.exoos.boot.bench.rings;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * One transport's outcome: its round-trip histogram (nanoseconds), or the error that stopped it,
 * or the reason it cannot carry this message size ({@code unsupported}: not a failure); and for
 * parking transports the fraction of measured round trips in which each side parked (NaN where
 * nothing parks); the bytes the measuring thread allocated per timed round trip (NaN if the
 * JVM cannot tell); and the p50 of each round that went into it.
 */
public record TransportResult(String name, Histogram histogram, String error, boolean unsupported,
                              double clientParkFraction, double echoParkFraction, double allocatedBytesPerRoundTrip,
                              List<Long> roundP50s) {

    /** One round's result. */
    static TransportResult measured(final String name, final Histogram histogram, final double clientParkFraction,
                                    final double echoParkFraction, final double allocatedBytesPerRoundTrip) {
        return new TransportResult(name, histogram, null, false, clientParkFraction, echoParkFraction,
            allocatedBytesPerRoundTrip, List.of(histogram.getValueAtPercentile(50)));
    }

    static TransportResult failed(final String name, final String error) {
        return new TransportResult(name, null, error, false, Double.NaN, Double.NaN, Double.NaN, List.of());
    }

    static TransportResult unsupported(final String name, final String reason) {
        return new TransportResult(name, null, reason, true, Double.NaN, Double.NaN, Double.NaN, List.of());
    }

    /**
     * This round and a later one of the same transport as one result: histograms added,
     * fractions weighted by round trips; a failure in either is the result.
     */
    TransportResult merge(final TransportResult later) {
        if (!ok()) {
            return this;
        }
        if (!later.ok()) {
            return later;
        }
        final double n1 = histogram.getTotalCount();
        final double n2 = later.histogram.getTotalCount();
        final Histogram sum = histogram.copy();
        sum.add(later.histogram);
        final List<Long> p50s = new ArrayList<>(roundP50s);
        p50s.addAll(later.roundP50s);
        return new TransportResult(name, sum, null, false,
            weighted(clientParkFraction, n1, later.clientParkFraction, n2),
            weighted(echoParkFraction, n1, later.echoParkFraction, n2),
            weighted(allocatedBytesPerRoundTrip, n1, later.allocatedBytesPerRoundTrip, n2), List.copyOf(p50s));
    }

    private static double weighted(final double a, final double n1, final double b, final double n2) {
        return (a * n1 + b * n2) / (n1 + n2);
    }

    public boolean ok() {
        return error == null;
    }

    public boolean failed() {
        return error != null && !unsupported;
    }

    /** Median round trip in ns, NaN if the transport did not run. */
    public double p50() {
        return ok() ? histogram.getValueAtPercentile(50) : Double.NaN;
    }
}
