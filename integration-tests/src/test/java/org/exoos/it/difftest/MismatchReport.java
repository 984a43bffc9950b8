package org.exoos.it.difftest;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Describes a mismatch so a developer can reproduce it: what differed, the stream, and its inputs. */
final class MismatchReport {
    private static final Pattern REGISTER = Pattern.compile("\\b([xf])(\\d{1,2})\\b");
    static final int MAX_STREAM_LINES = 80;
    static final int MAX_DIFFERENCES = 24;

    private MismatchReport() {}

    static String describe(CaseMismatch m) {
        StringBuilder s = new StringBuilder();
        s.append("case ").append(m.caseIndex()).append(" \"").append(m.gcase().name()).append("\" of ").append(m.program())
                .append(" (").append(m.source()).append(", at \"# case ").append(m.caseIndex()).append(":\")")
                .append(m.gcase().compressed() ? ", RVC on" : "").append('\n');
        if (m.stopped() != null) s.append("  ").append(m.stopped().strip().replace("\n", "\n  ")).append('\n');
        List<String> lines = m.gcase().lines();
        int shown = 0;
        for (StateDifference d : m.differences()) {
            if (shown++ == MAX_DIFFERENCES) {
                s.append("  ... ").append(m.differences().size() - MAX_DIFFERENCES).append(" more differences\n");
                break;
            }
            s.append("  ").append(d);
            String origin = storeOf(d.location(), lines);
            if (origin != null) s.append("   <- ").append(origin);
            s.append('\n');
        }
        if (m.gcase().lines().stream().anyMatch(l -> l.startsWith("sc."))) {
            s.append("  (the stream has an SC: one may fail spuriously when a trap comes between it and its LR,\n"
                    + "   which the ISA allows; rerun to see whether an SC result difference reproduces)\n");
        }
        s.append("  initial values of the registers the stream names: ").append(inputs(m.gcase())).append('\n');
        List<Unit> relevant = unitsStoring(m);
        if (relevant != null) {
            GuestCase focus = m.gcase().withUnits(relevant);
            s.append("  units that stored the differing results (").append(relevant.size()).append(" of ")
                    .append(m.gcase().units().size()).append("):\n");
            appendStream(s, ProgramWriter.streamText(focus, m.caseIndex()));
        } else {
            appendStream(s, ProgramWriter.streamText(m.gcase(), m.caseIndex()));
        }
        return s.toString();
    }

    private static void appendStream(StringBuilder s, String text) {
        List<String> streamLines = text.lines().toList();
        s.append("  stream (").append(streamLines.size()).append(" lines")
                .append(streamLines.size() > MAX_STREAM_LINES ? ", first " + MAX_STREAM_LINES : "").append("):\n");
        for (int i = 0; i < Math.min(MAX_STREAM_LINES, streamLines.size()); i++) s.append("    ").append(streamLines.get(i)).append('\n');
    }

    /** The units whose commented stores wrote every differing dword, or null when some difference has no such store. */
    private static List<Unit> unitsStoring(CaseMismatch m) {
        if (m.differences().isEmpty()) return null;
        java.util.LinkedHashSet<Unit> units = new java.util.LinkedHashSet<>();
        for (StateDifference d : m.differences()) {
            String store = storeOf(d.location(), m.gcase().lines());
            if (store == null) return null;
            for (Unit u : m.gcase().units()) {
                if (u.lines().stream().anyMatch(l -> l.strip().equals(store))) {
                    units.add(u);
                    break;
                }
            }
        }
        return List.copyOf(units);
    }

    /** For a window dword, the directed-case store that wrote it (sp-relative offsets are literal there). */
    static String storeOf(String location, List<String> lines) {
        if (!location.startsWith("mem[sp")) return null;
        int offset = Integer.parseInt(location.substring(6, location.length() - 1).replace("+", ""));
        String needle = ", " + offset + "(x2)";
        for (String line : lines) if (line.contains(needle) && line.contains("#")) return line.strip();
        return null;
    }

    /** The case's initial values of every register its stream names, and fcsr. */
    static String inputs(GuestCase c) {
        Set<Integer> xs = new TreeSet<>(), fs = new TreeSet<>();
        for (String line : c.lines()) {
            String code = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            Matcher m = REGISTER.matcher(code);
            while (m.find()) {
                int r = Integer.parseInt(m.group(2));
                if (r > 31) continue;
                (m.group(1).equals("x") ? xs : fs).add(r);
            }
        }
        StringBuilder s = new StringBuilder();
        for (int r : xs) {
            if (r == 0 || r == 2 || r == 3) continue;
            s.append("x").append(r).append('=').append(ProgramWriter.hex(c.initial().x()[r])).append(' ');
        }
        for (int r : fs) s.append("f").append(r).append('=').append(ProgramWriter.hex(c.initial().f()[r])).append(' ');
        s.append("fcsr=").append(ProgramWriter.hex(c.initial().fcsr()));
        if (xs.contains(2)) s.append(" (sp = scratch base, a page boundary)");
        return s.toString();
    }
}
