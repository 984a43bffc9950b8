package org.exoos.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Describes where two outputs first differ, as a small unified-style diff with a few lines of context. */
public final class OutputDiff {
    private static final int CONTEXT = 3;
    private static final int SHOWN = 8;

    private OutputDiff() {}

    /**
     * An empty string when the two are byte-for-byte equal; otherwise a diff of the first differing lines,
     * "-" for the expected side and "+" for the actual one.
     */
    public static String describe(String expectedName, byte[] expected, String actualName, byte[] actual) {
        if (Arrays.equals(expected, actual)) {
            return "";
        }
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        int first = 0;
        while (first < a.size() && first < b.size() && a.get(first).equals(b.get(first))) {
            first++;
        }
        StringBuilder diff = new StringBuilder();
        diff.append("--- ").append(expectedName).append(" (").append(expected.length).append(" bytes, ")
                .append(a.size()).append(" lines)\n");
        diff.append("+++ ").append(actualName).append(" (").append(actual.length).append(" bytes, ")
                .append(b.size()).append(" lines)\n");
        diff.append("@@ first difference at line ").append(first + 1).append(" @@\n");
        for (int i = Math.max(0, first - CONTEXT); i < first; i++) {
            diff.append("  ").append(a.get(i)).append('\n');
        }
        appendSide(diff, '-', a, first);
        appendSide(diff, '+', b, first);
        return diff.toString();
    }

    private static void appendSide(StringBuilder diff, char sign, List<String> lines, int from) {
        int to = Math.min(lines.size(), from + SHOWN);
        for (int i = from; i < to; i++) {
            diff.append(sign).append(' ').append(lines.get(i)).append('\n');
        }
        if (to < lines.size()) {
            diff.append(sign).append(" ... (").append(lines.size() - to).append(" more lines)\n");
        }
        if (from >= lines.size()) {
            diff.append(sign).append(" <end of output>\n");
        }
    }

    /** Lines with their terminators made visible, so a missing final newline shows up as a difference. */
    private static List<String> lines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(visible(text.substring(start, i)));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(visible(text.substring(start)) + "\\ (no newline at end)");
        }
        return lines;
    }

    private static String visible(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
