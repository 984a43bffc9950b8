package org.exoos.servers.tty.service;

import org.agrona.DirectBuffer;
import org.exoos.servers.tty.WinSize;

/**
 * The device under a {@link TtyService}: where input bytes come from and where processed output
 * goes. Input arrives on a thread of the backend's own and is handed over through its
 * {@link #input()} queue; every other method runs on the server loop's thread.
 */
public interface TtyBackend extends AutoCloseable {
    /**
     * Starts delivering input into {@link #input()}; {@code inputArrived} is called (from any
     * thread) after bytes were queued or input ended, and wakes the loop.
     */
    void start(Runnable inputArrived);

    /** The queue input arrives in. */
    TtyInputQueue input();

    /** Writes processed output to the device; blocks until it is taken. */
    void writeOutput(DirectBuffer src, int offset, int length);

    /**
     * The device's window size, if it has one.
     *
     * @return false if unknown (the tty keeps its own)
     */
    boolean windowSize(WinSize dst);

    /** Whether the window size changed since the last call (host SIGWINCH); then re-read it. */
    default boolean takeWindowSizeChange() {
        return false;
    }

    /** Whether the device is a real terminal (host stdin is a tty). */
    boolean isTerminal();

    /** Restores the device's state (the host terminal's mode) and stops the input thread. */
    @Override
    void close();
}
