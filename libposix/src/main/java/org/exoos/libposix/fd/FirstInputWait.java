package org.exoos.libposix.fd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The moment a terminal first waits for input (a read or a poll for input), with what its current output line
 * shows then: on a booted console that is the shell's first prompt, which the boot log reports. Until then it
 * keeps the bytes written since the last newline (up to {@link #MAX_LINE}), so that a line printed at that
 * moment can erase the prompt and write it again below itself. Armed once; inert (one volatile read) after.
 */
final class FirstInputWait {
    /** A partial line longer than this is not replayed (a prompt is short). */
    static final int MAX_LINE = 512;

    private volatile Consumer<byte[]> hook;
    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean overflowed;

    /** Runs {@code hook} with the current partial line at the first wait for input. */
    synchronized void arm(Consumer<byte[]> hook) {
        length = 0;
        overflowed = false;
        this.hook = hook;
    }

    boolean armed() { return hook != null; }

    /** Notes output (while armed): what follows the last newline is the current line. */
    synchronized void wrote(MemorySegment bytes) {
        if (hook == null) return;
        long size = bytes.byteSize();
        long lastNewline = -1;
        for (long i = size - 1; i >= 0; i--) {
            if (bytes.get(ValueLayout.JAVA_BYTE, i) == '\n') {
                lastNewline = i;
                break;
            }
        }
        if (lastNewline >= 0) {
            length = 0;
            overflowed = false;
        }
        long from = lastNewline + 1;
        if (overflowed || length + (size - from) > MAX_LINE) {
            overflowed = true;
            return;
        }
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, from, line, length, (int) (size - from));
        length += (int) (size - from);
    }

    /** At a wait for input: runs the hook once (on the waiting thread), with the partial line (empty if too long). */
    void waiting() {
        Consumer<byte[]> h;
        byte[] partial;
        synchronized (this) {
            h = hook;
            if (h == null) return;
            hook = null;
            partial = overflowed ? new byte[0] : Arrays.copyOf(line, length);
        }
        h.accept(partial);
    }
}
