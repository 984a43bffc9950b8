package org.exoos.servers.tty.service;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import org.exoos.ipc.fusion.shm.Downcalls;
import org.exoos.servers.tty.WinSize;

/**
 * The host's terminal calls through FFM: isatty, tcgetattr/tcsetattr/cfmakeraw on glibc's
 * x86_64 struct termios, and ioctl(TIOCGWINSZ). Not on a hot path.
 *
 * <pre>
 * glibc struct termios (bits/termios-struct.h), 60 bytes:
 *   0 c_iflag  4 c_oflag  8 c_cflag  12 c_lflag  16 c_line  17 c_cc[32]  49..51 padding
 *  52 c_ispeed  56 c_ospeed
 * struct winsize: 0 ws_row  2 ws_col  4 ws_xpixel  6 ws_ypixel (unsigned short each)
 * </pre>
 */
public final class HostTerminal {
    /** sizeof(struct termios) in glibc x86_64. */
    public static final int TERMIOS_SIZE = 60;
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    /** tcsetattr optional_actions: at once. */
    public static final int TCSANOW = 0;
    /** Host ioctl request for the window size (x86_64, same number as the generic one). */
    public static final long HOST_TIOCGWINSZ = 0x5413;

    private static final MethodHandle ISATTY = Downcalls.downcall("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle TCGETATTR = Downcalls.downcall("tcgetattr",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle TCSETATTR = Downcalls.downcall("tcsetattr",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CFMAKERAW = Downcalls.downcall("cfmakeraw",
        FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle IOCTL = Downcalls.downcall("ioctl",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));

    private HostTerminal() {
    }

    /** Whether {@code fd} is a terminal. */
    public static boolean isatty(final int fd) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) ISATTY.invokeExact(arena.allocate(Downcalls.CAPTURE_LAYOUT), fd) == 1;
        } catch (final Throwable t) {
            throw rethrow(t);
        }
    }

    /** Reads {@code fd}'s termios into {@code termios} ({@link #TERMIOS_SIZE} bytes). */
    public static void tcgetattr(final int fd, final MemorySegment termios) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment state = arena.allocate(Downcalls.CAPTURE_LAYOUT);
            if ((int) TCGETATTR.invokeExact(state, fd, termios) != 0) {
                throw new IOException("tcgetattr(" + fd + ") failed, errno " + Downcalls.errno(state));
            }
        } catch (final IOException e) {
            throw e;
        } catch (final Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sets {@code fd}'s termios at once. */
    public static void tcsetattr(final int fd, final MemorySegment termios) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment state = arena.allocate(Downcalls.CAPTURE_LAYOUT);
            if ((int) TCSETATTR.invokeExact(state, fd, TCSANOW, termios) != 0) {
                throw new IOException("tcsetattr(" + fd + ") failed, errno " + Downcalls.errno(state));
            }
        } catch (final IOException e) {
            throw e;
        } catch (final Throwable t) {
            throw rethrow(t);
        }
    }

    /** cfmakeraw: no echo, no line editing, no signals, no output processing, 8 bits, VMIN 1. */
    public static void cfmakeraw(final MemorySegment termios) {
        try (Arena arena = Arena.ofConfined()) {
            CFMAKERAW.invokeExact(arena.allocate(Downcalls.CAPTURE_LAYOUT), termios);
        } catch (final Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The window size of terminal {@code fd} into {@code dst}.
     *
     * @return false if {@code fd} is not a terminal or has no size
     */
    public static boolean windowSize(final int fd, final WinSize dst) {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment state = arena.allocate(Downcalls.CAPTURE_LAYOUT);
            final MemorySegment ws = arena.allocate(WinSize.SIZE);
            if ((int) IOCTL.invokeExact(state, fd, HOST_TIOCGWINSZ, ws) != 0) {
                return false;
            }
            dst.set(Short.toUnsignedInt(ws.get(JAVA_SHORT, 0)), Short.toUnsignedInt(ws.get(JAVA_SHORT, 2)),
                Short.toUnsignedInt(ws.get(JAVA_SHORT, 4)), Short.toUnsignedInt(ws.get(JAVA_SHORT, 6)));
            return dst.rows != 0 || dst.cols != 0;
        } catch (final Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(final Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
