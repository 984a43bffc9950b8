package org.exoos.boot.bench.rings.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;

/**
 * One trial's HdrHistogram: every measured operation is recorded into it, and at the end of the
 * trial it is stored as a part file of the run ({@link HistogramFiles}).
 *
 * <p>JMH runs a trial's tear-down inside the last iteration, so {@code -prof gc} counts what
 * {@link #store()} allocates. Everything storing needs is therefore allocated here, up front:
 * the histogram, the buffer it is encoded into and, by storing the empty histogram once, the
 * histogram's scratch buffer and the classes of the file path. What is left is a Deflater and a
 * file channel, a few hundred bytes.
 */
final class TrialHistogram {
    private final String key;
    private final Histogram histogram = HistogramFiles.newHistogram();
    private final ByteBuffer encoded;
    private final Path part;

    TrialHistogram(final String key) throws IOException {
        this.key = key;
        this.encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        this.part = HistogramFiles.partFile(key);
        writePart(); // empty for now: warms the path store() takes
    }

    /** Records {@code nanos}; allocates nothing. */
    void record(final long nanos) {
        HistogramFiles.record(histogram, nanos);
    }

    Histogram histogram() {
        return histogram;
    }

    /**
     * Stores the histogram as this JVM's part of {@code key}. Outside {@link RingJmh}, which adds
     * parts up after its forks end, also writes the distribution at once.
     */
    void store() throws IOException {
        writePart();
        if (!HistogramFiles.runNamed()) {
            HistogramFiles.writeDistribution(key);
            Files.deleteIfExists(part);
        }
    }

    private void writePart() throws IOException {
        encoded.clear();
        histogram.encodeIntoCompressedByteBuffer(encoded);
        HistogramFiles.write(part, encoded.flip());
    }
}
