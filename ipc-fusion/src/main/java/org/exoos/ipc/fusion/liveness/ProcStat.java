package org.exoos.ipc.fusion.liveness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fields of {@code /proc/<pid>/stat} that liveness needs. The line is
 * {@code pid (comm) state ppid ...}; comm is the executable name, up to 15 bytes chosen by the
 * process itself, so it may hold spaces and ')'. Parsing therefore starts after the
 * <em>last</em> ')', where field 3 (state) begins and every later field is a plain number.
 *
 * @param state      field 3: R, S, D, T, t, Z (exited, not yet reaped), X (dead), ...
 * @param numThreads field 20: threads in the group, the exited leader of a zombie included
 * @param startTime  field 22: start time in clock ticks since boot
 */
record ProcStat(char state, long numThreads, long startTime) {
    private static final int STATE_FIELD = 3;
    private static final int NUM_THREADS_FIELD = 20;
    private static final int START_TIME_FIELD = 22;

    /**
     * Whether the whole process has exited. A zombie ('Z') whose thread count is above one is
     * not: its leader thread has exited (pthread_exit from main) but other threads still run.
     * This is the same event that makes a pidfd readable.
     */
    boolean isDead() {
        return state == 'X' || (state == 'Z' && numThreads <= 1);
    }

    /** The stat of {@code pid}, or null if there is no such process (or it vanished while read). */
    static ProcStat read(final long pid) {
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (final IOException e) {
            // NoSuchFileException before open; ESRCH if the process is reaped between open and read.
            return null;
        }
        return parse(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /** Parses one stat line. */
    static ProcStat parse(final String line) {
        final int commEnd = line.lastIndexOf(')');
        if (commEnd < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line (no ')' closing comm): " + line);
        }
        char state = 0;
        long numThreads = -1;
        long startTime = -1;
        int field = STATE_FIELD;
        int i = commEnd + 1;
        final int length = line.length();
        while (field <= START_TIME_FIELD) {
            while (i < length && line.charAt(i) == ' ') {
                i++;
            }
            final int start = i;
            while (i < length && line.charAt(i) != ' ' && line.charAt(i) != '\n') {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("/proc/<pid>/stat line ends before field " + field + ": " + line);
            }
            if (field == STATE_FIELD) {
                state = line.charAt(start);
            } else if (field == NUM_THREADS_FIELD) {
                numThreads = parseUnsigned(line, start, i, field);
            } else if (field == START_TIME_FIELD) {
                startTime = parseUnsigned(line, start, i, field);
            }
            field++;
        }
        return new ProcStat(state, numThreads, startTime);
    }

    private static long parseUnsigned(final String line, final int start, final int end, final int field) {
        try {
            return Long.parseLong(line, start, end, 10);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("field " + field + " of /proc/<pid>/stat is not a number: "
                    + line.substring(start, end), e);
        }
    }
}
