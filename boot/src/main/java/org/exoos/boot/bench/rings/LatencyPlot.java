package org.exoos.boot.bench.rings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * Writes the classic HdrHistogram percentile plot as hand-made SVG: percentile on a log scale
 * of {@code 1 / (1 - p)} from 0 to 99.99 %, round-trip latency on a log scale, one line per
 * transport (dashed when the echo runs in another JVM), a legend on the right.
 */
final class LatencyPlot {
    private static final int WIDTH = 1040;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 290;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    /** Decades of 1/(1-p) on the x axis: 0 % to 99.99 %. */
    private static final int X_DECADES = 4;
    private static final int POINTS = 240;
    private static final String[] COLOURS = {
        "#000000", "#d62728", "#ff7f0e", "#1f77b4", "#17becf", "#2ca02c", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#ad494a"};
    private static final String[] PERCENTILE_LABELS = {"0%", "90%", "99%", "99.9%", "99.99%"};

    private LatencyPlot() {
    }

    static void write(final Path file, final String title, final List<TransportResult> results) throws IOException {
        final List<TransportResult> plotted = results.stream().filter(TransportResult::ok).toList();
        long min = Long.MAX_VALUE;
        long max = 1;
        for (final TransportResult r : plotted) {
            min = Math.min(min, Math.max(1, r.histogram().getMinValue()));
            max = Math.max(max, r.histogram().getValueAtPercentile(percentileAt(POINTS)));
        }
        if (plotted.isEmpty()) {
            min = 10;
            max = 1000;
        }
        final int lowDecade = (int) Math.floor(Math.log10(min));
        final int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(max)));
        final double plotWidth = WIDTH - LEFT - RIGHT;
        final double plotHeight = HEIGHT - TOP - BOTTOM;

        final StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" font-size=\"16\">%s</text>%n",
            LEFT, escape(title)));
        // Grid and axis labels.
        for (int d = 0; d <= X_DECADES; d++) {
            final double x = LEFT + plotWidth * d / X_DECADES;
            svg.append(line(x, TOP, x, TOP + plotHeight, "#dddddd"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                x, TOP + plotHeight + 18, PERCENTILE_LABELS[d]));
        }
        for (int d = lowDecade; d <= highDecade; d++) {
            final double y = TOP + plotHeight - plotHeight * (d - lowDecade) / (highDecade - lowDecade);
            svg.append(line(LEFT, y, LEFT + plotWidth, y, "#dddddd"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                LEFT - 6, y + 4, nanos(Math.pow(10, d))));
        }
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333333\"/>%n",
            LEFT, TOP, plotWidth, plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
            LEFT + plotWidth / 2, HEIGHT - 16));
        svg.append(String.format(Locale.ROOT,
            "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">"
                + "round trip (log scale)</text>%n", TOP + plotHeight / 2, TOP + plotHeight / 2));
        // One line per transport, and its legend entry.
        for (int i = 0; i < plotted.size(); i++) {
            final TransportResult r = plotted.get(i);
            final Histogram h = r.histogram();
            final String colour = COLOURS[i % COLOURS.length];
            // Dashed: the echo is in another JVM.
            final String dash = RingBench.describe(r.name()).startsWith("2 JVMs") ? " stroke-dasharray=\"7,3\"" : "";
            svg.append("<polyline fill=\"none\" stroke-width=\"1.6\"").append(dash)
                .append(" stroke=\"").append(colour).append("\" points=\"");
            for (int p = 0; p <= POINTS; p++) {
                final double x = LEFT + plotWidth * p / POINTS;
                final double value = Math.max(1, h.getValueAtPercentile(percentileAt(p)));
                final double y = TOP + plotHeight
                    - plotHeight * (Math.log10(value) - lowDecade) / (highDecade - lowDecade);
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, Math.max(TOP, Math.min(TOP + plotHeight, y))));
            }
            svg.append("\"/>\n");
            final double ly = TOP + 10 + i * 20;
            final double lx = LEFT + plotWidth + 16;
            svg.append(line(lx, ly, lx + 24, ly, colour).replace("/>", " stroke-width=\"2.5\"" + dash + "/>"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s (p50 %s)</text>%n",
                lx + 30, ly + 4, escape(r.name()), nanos(r.p50())));
        }
        svg.append("</svg>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, svg, StandardCharsets.UTF_8);
    }

    /** Percentile of plot point {@code p} of {@link #POINTS}: evenly spaced in log10(1 / (1 - q)). */
    private static double percentileAt(final int p) {
        return 100.0 * (1.0 - Math.pow(10, -(double) X_DECADES * p / POINTS));
    }

    private static String line(final double x1, final double y1, final double x2, final double y2,
                               final String colour) {
        return String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", x1, y1, x2, y2, colour);
    }

    /** 100 ns, 10 µs, 1 ms... */
    static String nanos(final double ns) {
        if (ns >= 1e9) {
            return trim(ns / 1e9) + " s";
        }
        if (ns >= 1e6) {
            return trim(ns / 1e6) + " ms";
        }
        if (ns >= 1e3) {
            return trim(ns / 1e3) + " µs";
        }
        return trim(ns) + " ns";
    }

    private static String trim(final double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(final String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
