package org.exoos.servers.tty.service;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.agrona.DirectBuffer;
import org.exoos.servers.tty.WinSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's own terminal as the tty's device: stdin (fd 0) in, stdout (fd 1) out.
 *
 * <p>If stdin is a terminal it is switched to raw mode (cfmakeraw) so that every byte, ^C
 * included, reaches the {@link org.exoos.servers.tty.LineDiscipline}, which does the editing,
 * echo, signals and output processing itself. The saved mode is restored on every exit path:
 * {@link #close()}, a JVM shutdown hook, and a start that fails part way.
 *
 * <p>If stdin is not a terminal (a pipe, a file) nothing is switched and bytes pass through this
 * backend unchanged; but a Linux program reading a non-tty stdin reads the pipe itself, with no
 * line discipline in between, so <b>the kernel should not route a non-tty stdin through the tty
 * server</b> (it should hand the program the pipe, e.g. through the vfs). This backend still
 * works on a pipe, for tests and tools.
 *
 * <p>Input is read on a daemon thread with blocking reads of fd 0 and handed to the loop through
 * a {@link TtyInputQueue}; the reader never touches the line discipline. A blocking read cannot
 * be interrupted, so after {@link #close()} the thread ends at the next byte or end of file.
 * SIGWINCH of the host is observed through {@code sun.misc.Signal} when available.
 */
public final class HostTerminalBackend implements TtyBackend {
    private static final Logger LOG = LoggerFactory.getLogger(HostTerminalBackend.class);
    private static final int READ_CHUNK = 4096;

    private final TtyInputQueue input = new TtyInputQueue(16 * 1024);
    private final InputStream in = new FileInputStream(FileDescriptor.in);
    private final OutputStream out;
    private final byte[] outputScratch = new byte[READ_CHUNK];
    private final boolean terminal;
    private final boolean outputTerminal;
    private final AtomicBoolean restored = new AtomicBoolean(true);
    private final Arena arena = Arena.ofShared();
    private final MemorySegment savedMode = arena.allocate(HostTerminal.TERMIOS_SIZE + 4, 8);
    private volatile boolean closed;
    private volatile boolean windowChanged;
    private Thread shutdownHook;
    private Thread reader;

    /** Probes stdin and stdout; switches nothing yet ({@link #start}). */
    public HostTerminalBackend() {
        terminal = HostTerminal.isatty(HostTerminal.STDIN);
        outputTerminal = HostTerminal.isatty(HostTerminal.STDOUT);
        out = terminal && !outputTerminal ? terminalOutput() : new FileOutputStream(FileDescriptor.out);
    }

    /**
     * Where the terminal's output goes when stdin is a terminal but stdout is not (the kernel sends a
     * redirected stdout to its pipe or file directly): the terminal itself, /dev/tty, so that echo and
     * writes to the terminal reach the screen and not the pipe; stdout if /dev/tty cannot be opened.
     */
    private static OutputStream terminalOutput() {
        try {
            return new FileOutputStream("/dev/tty");
        } catch (final IOException | SecurityException unavailable) {
            LOG.debug("/dev/tty cannot be opened ({}); the terminal's output goes to stdout", unavailable.toString());
            return new FileOutputStream(FileDescriptor.out);
        }
    }

    @Override
    public void start(final Runnable inputArrived) {
        if (terminal) {
            enterRawMode();
        }
        try {
            watchWindowChanges(inputArrived);
            reader = Thread.ofPlatform().daemon().name("tty-host-reader").start(() -> readLoop(inputArrived));
        } catch (final RuntimeException | Error failure) {
            restore();
            throw failure;
        }
    }

    private void enterRawMode() {
        try {
            HostTerminal.tcgetattr(HostTerminal.STDIN, savedMode);
            final MemorySegment raw = arena.allocate(HostTerminal.TERMIOS_SIZE + 4, 8);
            raw.copyFrom(savedMode);
            HostTerminal.cfmakeraw(raw);
            shutdownHook = new Thread(this::restore, "tty-host-restore");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            restored.set(false);
            HostTerminal.tcsetattr(HostTerminal.STDIN, raw);
            LOG.debug("host terminal switched to raw mode");
        } catch (final IOException | RuntimeException failure) {
            restore();
            throw new IllegalStateException("cannot switch the host terminal to raw mode", failure);
        }
    }

    /** Puts the host terminal back as it was; once, from whichever exit path comes first. */
    private void restore() {
        if (restored.compareAndSet(false, true)) {
            try {
                HostTerminal.tcsetattr(HostTerminal.STDIN, savedMode);
            } catch (final IOException | RuntimeException failure) {
                LOG.warn("could not restore the host terminal's mode", failure);
            }
        }
    }

    @SuppressWarnings("restricted")
    private void watchWindowChanges(final Runnable wake) {
        if (!outputTerminal && !terminal) {
            return;
        }
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> {
                windowChanged = true;
                wake.run();
            });
        } catch (final IllegalArgumentException | UnsupportedOperationException | LinkageError unavailable) {
            LOG.debug("host SIGWINCH not observable: {}", unavailable.toString());
        }
    }

    private void readLoop(final Runnable inputArrived) {
        final byte[] chunk = new byte[READ_CHUNK];
        try {
            while (!closed) {
                final int n = in.read(chunk, 0, chunk.length);
                if (n < 0) {
                    break;
                }
                int offered = 0;
                while (offered < n && !closed) {
                    final int taken = input.offer(chunk, offered, n - offered);
                    offered += taken;
                    inputArrived.run();
                    if (offered < n) {
                        LockSupport.parkNanos(1_000_000L); // the loop frees room as programs read
                    }
                }
            }
        } catch (final IOException failure) {
            if (!closed) {
                LOG.warn("reading the host terminal failed", failure);
            }
        }
        input.end();
        inputArrived.run();
    }

    @Override
    public TtyInputQueue input() {
        return input;
    }

    @Override
    public void writeOutput(final DirectBuffer src, final int offset, final int length) {
        try {
            int done = 0;
            while (done < length) {
                final int n = Math.min(outputScratch.length, length - done);
                src.getBytes(offset + done, outputScratch, 0, n);
                out.write(outputScratch, 0, n);
                done += n;
            }
            out.flush();
        } catch (final IOException failure) {
            LOG.warn("writing the host terminal failed", failure);
        }
    }

    @Override
    public boolean windowSize(final WinSize dst) {
        return outputTerminal ? HostTerminal.windowSize(HostTerminal.STDOUT, dst)
            : terminal && HostTerminal.windowSize(HostTerminal.STDIN, dst);
    }

    @Override
    public boolean takeWindowSizeChange() {
        if (windowChanged) {
            windowChanged = false;
            return true;
        }
        return false;
    }

    @Override
    public boolean isTerminal() {
        return terminal;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        restore();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (final IllegalStateException shuttingDown) {
                // the hook is running or has run: the mode is restored either way
            }
        }
    }
}
