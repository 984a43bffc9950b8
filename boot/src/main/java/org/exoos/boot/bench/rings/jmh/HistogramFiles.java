package org.exoos.boot.bench.rings.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * The suite's HdrHistograms as files.
 *
 * <p>Each trial (one fork of one parameter combination) stores its histograms, compressed, as
 * <em>parts</em> named after the key, the run and the fork's pid ({@link TrialHistogram}).
 * {@link RingJmh} names the run for its forks and, after each JMH run, adds up the parts of every
 * key into {@code <key>.hgrm}, the percentile distribution in nanoseconds, so that with several
 * forks the file covers all of them. A fork started some other way is a run of its own and
 * writes its distribution itself.
 */
final class HistogramFiles {
    /** Names the run whose parts add up; set by {@link RingJmh} for its forks. */
    static final String RUN_PROPERTY = "exo.bench.run";
    /** Larger values are clamped: a histogram that resized itself would allocate mid-measurement. */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final int SIGNIFICANT_DIGITS = 3;
    static final String DISTRIBUTION_SUFFIX = ".hgrm";
    private static final String PART_MARK = ".part-";

    private HistogramFiles() {
    }

    /** A histogram of nanoseconds up to {@link #HIGHEST_TRACKABLE_NANOS}, allocated once. */
    static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /** Records {@code nanos}, clamped into the trackable range; allocates nothing. */
    static void record(final Histogram histogram, final long nanos) {
        histogram.recordValue(Math.min(Math.max(nanos, 0L), HIGHEST_TRACKABLE_NANOS));
    }

    /** Whether {@link RingJmh} named the run, and so adds the parts up itself. */
    static boolean runNamed() {
        return System.getProperty(RUN_PROPERTY) != null;
    }

    static String runId() {
        final String run = System.getProperty(RUN_PROPERTY);
        return run != null ? run : "pid" + ProcessHandle.current().pid();
    }

    /** The part this JVM stores for {@code key} in this run; creates the output directory. */
    static Path partFile(final String key) throws IOException {
        final Path dir = SuitePaths.outputDirectory();
        Files.createDirectories(dir);
        return dir.resolve(key + PART_MARK + runId() + "-" + ProcessHandle.current().pid() + ".hdr");
    }

    /** Adds up the parts of this run under {@code key} into {@code <key>.hgrm}. */
    static Path writeDistribution(final String key) throws IOException {
        final Path dir = SuitePaths.outputDirectory();
        return writeDistribution(dir, key, merge(dir, key, runId()));
    }

    /** Every part of {@code run} under {@code key}, added together. */
    static Histogram merge(final Path dir, final String key, final String run) throws IOException {
        final Histogram total = newHistogram();
        for (final Path part : parts(dir, key + PART_MARK + run + "-")) {
            total.add(read(part));
        }
        return total;
    }

    /** The keys that have parts of {@code run} in {@code dir}, sorted. */
    static List<String> keysOfRun(final Path dir, final String run) throws IOException {
        final TreeSet<String> keys = new TreeSet<>();
        final String mark = PART_MARK + run + "-";
        for (final Path part : parts(dir, "")) {
            final String name = part.getFileName().toString();
            final int at = name.indexOf(mark);
            if (at > 0) {
                keys.add(name.substring(0, at));
            }
        }
        return new ArrayList<>(keys);
    }

    /** Deletes the parts of {@code run}, once its distributions are written. */
    static void deleteParts(final Path dir, final String run) throws IOException {
        final String mark = PART_MARK + run + "-";
        for (final Path part : parts(dir, "")) {
            if (part.getFileName().toString().contains(mark)) {
                Files.deleteIfExists(part);
            }
        }
    }

    static Path writeDistribution(final Path dir, final String key, final Histogram histogram) throws IOException {
        final Path file = dir.resolve(key + DISTRIBUTION_SUFFIX);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(out, 1.0); // values stay in nanoseconds
        }
        return file;
    }

    /** Stores {@code histogram} compressed; allocates as it likes (not for a measured JVM). */
    static void write(final Path file, final Histogram histogram) throws IOException {
        final ByteBuffer encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        histogram.encodeIntoCompressedByteBuffer(encoded);
        write(file, encoded.flip());
    }

    /** Writes the remaining bytes of {@code encoded} to {@code file}, replacing it. */
    static void write(final Path file, final ByteBuffer encoded) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            while (encoded.hasRemaining()) {
                channel.write(encoded);
            }
        }
    }

    static Histogram read(final Path file) throws IOException {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Files.readAllBytes(file)),
                HIGHEST_TRACKABLE_NANOS);
        } catch (final DataFormatException ex) {
            throw new IOException("histogram file " + file + " is corrupt: " + ex.getMessage(), ex);
        }
    }

    private static List<Path> parts(final Path dir, final String prefix) throws IOException {
        final List<Path> parts = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return parts;
        }
        final String glob = prefix.isEmpty() ? "*" + PART_MARK + "*.hdr" : prefix + "*.hdr";
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(parts::add);
        }
        return parts;
    }
}
