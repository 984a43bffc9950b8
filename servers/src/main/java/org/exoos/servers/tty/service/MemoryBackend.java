package org.exoos.servers.tty.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.exoos.servers.tty.WinSize;

/**
 * An in-memory device for tests and for a tty with nothing behind it: a test feeds input with
 * {@link #feed} from any thread and reads what the tty displayed with {@link #output()}.
 */
public final class MemoryBackend implements TtyBackend {
    private final TtyInputQueue input = new TtyInputQueue(64 * 1024);
    private final WinSize size;
    private volatile Runnable inputArrived = () -> { };
    private byte[] output = new byte[1024];
    private int outputLength;

    /** A device with a window of {@code rows} x {@code cols} (0 x 0: unknown). */
    public MemoryBackend(final int rows, final int cols) {
        size = new WinSize(rows, cols);
    }

    public MemoryBackend() {
        this(24, 80);
    }

    @Override
    public void start(final Runnable arrived) {
        inputArrived = arrived;
    }

    @Override
    public TtyInputQueue input() {
        return input;
    }

    /** Types {@code bytes} at the terminal (one producer thread at a time); waits for room. */
    public synchronized void feed(final byte[] bytes) {
        int offset = 0;
        while (offset < bytes.length) {
            offset += input.offer(bytes, offset, bytes.length - offset);
            inputArrived.run();
            if (offset < bytes.length) {
                Thread.onSpinWait();
            }
        }
    }

    public void feed(final String text) {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The device reached end of file (the terminal went away). */
    public void endInput() {
        input.end();
        inputArrived.run();
    }

    @Override
    public synchronized void writeOutput(final DirectBuffer src, final int offset, final int length) {
        if (outputLength + length > output.length) {
            output = Arrays.copyOf(output, Math.max(output.length * 2, outputLength + length));
        }
        src.getBytes(offset, output, outputLength, length);
        outputLength += length;
    }

    /** Everything displayed so far. */
    public synchronized byte[] output() {
        return Arrays.copyOf(output, outputLength);
    }

    public String outputText() {
        return new String(output(), StandardCharsets.UTF_8);
    }

    /** Forgets what was displayed. */
    public synchronized void clearOutput() {
        outputLength = 0;
    }

    @Override
    public boolean windowSize(final WinSize dst) {
        if (size.rows == 0 && size.cols == 0) {
            return false;
        }
        dst.copyFrom(size);
        return true;
    }

    @Override
    public boolean isTerminal() {
        return false;
    }

    @Override
    public void close() {
    }
}
