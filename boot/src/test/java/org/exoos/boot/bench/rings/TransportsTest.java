package org.exoos.boot.bench.rings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transport of the ring benchmark echoes every message: a few thousand round trips each,
 * checking the sequence each echo carries. Functional only: nothing here asserts a latency.
 */
class TransportsTest {
    private static final int ROUND_TRIPS = 3_000;

    static Stream<Arguments> transportsAndSizes() {
        final Stream<Arguments> inline = Transports.NAMES.stream().map(name -> Arguments.of(name, 32));
        // Over the 40-byte inline payload: the fusion rings take the data-region path.
        final Stream<Arguments> large = Stream.of("fusion", "fusion_xproc")
            .map(name -> Arguments.of(name, 256));
        return Stream.concat(inline, large);
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("transportsAndSizes")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyEchoCarriesItsSequence(final String name, final int size) throws Exception {
        try (RoundTripTransport transport = Transports.create(name, size)) {
            assertEquals(name, transport.name());
            assertEquals(size, transport.messageSize());
            transport.start();
            for (long sequence = 1; sequence <= ROUND_TRIPS; sequence++) {
                assertEquals(sequence, transport.roundTrip(sequence), name + ": echo of round trip " + sequence);
            }
            // Sequences are arbitrary values, not counters the peer could be guessing (cacheline
            // carries 62 bits of them).
            for (final long sequence : new long[] {Long.MAX_VALUE >> 2, 0, 1L << 40, 12_345_678_901L, 7}) {
                assertEquals(sequence, transport.roundTrip(sequence), name);
            }
        }
    }

    @Test
    void aManyToOneFusionRingRefusesMessagesOverTheInlineSize() {
        final UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
            () -> Transports.create("fusion_mpsc", 64));
        assertTrue(e.getMessage().contains("40"), e.getMessage());
    }

    @Test
    void unknownTransportsAndTooSmallMessagesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Transports.create("carrier_pigeon", 32));
        assertThrows(IllegalArgumentException.class, () -> Transports.create("fusion", 4));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDeadEchoJvmFailsTheWaitWithItsExitStatusAndLog() throws Exception {
        try (EchoChild child = EchoChild.start("no_such_transport", false)) {
            assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "the child should exit");
            final SpinWatch watch = new SpinWatch(child);
            final IllegalStateException e = assertThrows(IllegalStateException.class, watch::check);
            assertTrue(e.getMessage().contains("exited with status 1"), e.getMessage());
            assertTrue(e.getMessage().contains("no cross-process transport 'no_such_transport'"), e.getMessage());
        }
    }

    @Test
    void theFloorRatioComparesEachRoundWithTheFloorOfTheSameRound() {
        final Histogram h = new Histogram(RingBench.HIGHEST_NANOS, 3);
        h.recordValue(300);
        final TransportResult floor = new TransportResult("cacheline", h, null, false, Double.NaN, Double.NaN, 0,
            List.of(100L, 400L, 120L));
        final TransportResult ring = new TransportResult("fusion", h, null, false, Double.NaN, Double.NaN, 0,
            List.of(150L, 600L, 600L));
        assertEquals(1.5, RingBench.floorRatio(ring, floor), 1e-9, "median of 1.5, 1.5 and 5");
    }

    @Test
    void aStalledPeerTimesOut() {
        final SpinWatch watch = new SpinWatch(() -> { }, TimeUnit.MILLISECONDS.toNanos(1));
        watch.reset();
        watch.check();
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            while (true) {
                watch.check();
            }
        });
        assertTrue(e.getMessage().contains("stalled"), e.getMessage());
    }

    @Test
    void theResultLineListsTheSpecifiedKeysFirstAndNaNForAFailure(@TempDir final Path dir) throws Exception {
        final Histogram h = new Histogram(RingBench.HIGHEST_NANOS, 3);
        h.recordValue(150);
        final List<TransportResult> results = List.of(
            TransportResult.measured("pipe", h, Double.NaN, Double.NaN, 0),
            TransportResult.measured("cacheline", h, Double.NaN, Double.NaN, 0).merge(
                TransportResult.measured("cacheline", h, Double.NaN, Double.NaN, 0)),
            TransportResult.failed("fusion", "boom"),
            TransportResult.unsupported("fusion_mpsc", "too large"));
        assertEquals("RESULT fusion_rtt_p50_ns=NaN cacheline_rtt_p50_ns=150 pipe_rtt_p50_ns=150",
            RingBench.resultLine(results));
        assertEquals(2, results.get(1).histogram().getTotalCount(), "merged rounds add their histograms");
        final Path svg = dir.resolve("plot.svg");
        LatencyPlot.write(svg, "test", results);
        final String text = Files.readString(svg);
        assertTrue(text.startsWith("<svg") && text.contains("cacheline") && text.contains("<polyline"), text);
    }
}
