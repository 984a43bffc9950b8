package org.exoos.libposix.host;

import org.exoos.ipc.fusion.shm.Downcalls;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few host C library calls libposix makes, bound with the FFM linker (no JNI). Each wrapper returns
 * what the system call returned, or the negated host errno on failure; a host Linux uses the same errno
 * numbers as riscv64 Linux, so they can be handed to the guest as they are. EINTR is retried.
 */
@SuppressWarnings("restricted") // binding host C functions is the point of this class
public final class HostLibc {
    private HostLibc() {}

    private static final Linker LINKER = Linker.nativeLinker();
    /** The errno capture layout of every capturing handle here: ipc-fusion's one binding helper. */
    private static final StructLayout CAPTURE_LAYOUT = Downcalls.CAPTURE_LAYOUT;
    private static final int EINTR = 4;
    /** One errno capture buffer per Java thread: calls then allocate nothing. */
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    /** struct iovec { void *iov_base; size_t iov_len; } */
    public static final int IOVEC_SIZE = 16;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int STATX_BASIC_STATS = 0x7ff;
    public static final int STATX_SIZE = 256;

    // Each group of handles is linked the first time one of them is called (a holder class each): linking a
    // downcall costs milliseconds in a cold JVM, and a boot on the host terminal needs only isatty and fcntl.
    private static final class Io {
        static final MethodHandle READ = capturing("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle WRITE = capturing("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle READV = capturing("readv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle WRITEV = capturing("writev", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle LSEEK = capturing("lseek", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    }

    private static final class Stat {
        static final MethodHandle STATX = capturing("statx",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    }

    private static final class Control {
        /** ioctl(int fd, unsigned long request, ...): variadic after the request. */
        static final MethodHandle IOCTL = Downcalls.downcall("ioctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    }

    private static final class Flags {
        /** fcntl(int fd, int cmd, ...): variadic after the command. */
        static final MethodHandle FCNTL = Downcalls.downcall("fcntl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), Linker.Option.firstVariadicArg(2));
        static final MethodHandle ISATTY = plain("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class Ids {
        static final MethodHandle GETUID = plain("getuid", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle GETEUID = plain("geteuid", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle GETGID = plain("getgid", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle GETEGID = plain("getegid", FunctionDescriptor.of(JAVA_INT));
    }

    private static final int F_GETFL = 3;

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("host C library has no " + name));
    }

    private static MethodHandle capturing(String name, FunctionDescriptor fd) {
        return Downcalls.downcall(name, fd);
    }

    private static MethodHandle plain(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(symbol(name), fd);
    }

    private static int errno(MemorySegment capture) {
        return Downcalls.errno(capture);
    }

    public static long read(int fd, MemorySegment buf) {
        MemorySegment c = CAPTURE.get();
        try {
            while (true) {
                long r = (long) Io.READ.invokeExact(c, fd, buf, buf.byteSize());
                if (r >= 0) return r;
                if (errno(c) != EINTR) return -errno(c);
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static long write(int fd, MemorySegment buf) {
        MemorySegment c = CAPTURE.get();
        try {
            while (true) {
                long r = (long) Io.WRITE.invokeExact(c, fd, buf, buf.byteSize());
                if (r >= 0) return r;
                if (errno(c) != EINTR) return -errno(c);
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** readv(2) straight into the given buffers (slices of guest RAM): one host call, one read's semantics. */
    public static long readv(int fd, MemorySegment[] bufs) {
        if (bufs.length == 1) return read(fd, bufs[0]);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment iov = iovecs(arena, bufs);
            MemorySegment c = CAPTURE.get();
            while (true) {
                long r = (long) Io.READV.invokeExact(c, fd, iov, bufs.length);
                if (r >= 0) return r;
                if (errno(c) != EINTR) return -errno(c);
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** writev(2) from the given buffers: one host call, so a pipe sees one write. */
    public static long writev(int fd, MemorySegment[] bufs) {
        if (bufs.length == 1) return write(fd, bufs[0]);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment iov = iovecs(arena, bufs);
            MemorySegment c = CAPTURE.get();
            while (true) {
                long r = (long) Io.WRITEV.invokeExact(c, fd, iov, bufs.length);
                if (r >= 0) return r;
                if (errno(c) != EINTR) return -errno(c);
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MemorySegment iovecs(Arena arena, MemorySegment[] bufs) {
        MemorySegment iov = arena.allocate((long) IOVEC_SIZE * bufs.length, 8);
        for (int i = 0; i < bufs.length; i++) {
            iov.set(ValueLayout.JAVA_LONG, (long) i * IOVEC_SIZE, bufs[i].address());
            iov.set(ValueLayout.JAVA_LONG, (long) i * IOVEC_SIZE + 8, bufs[i].byteSize());
        }
        return iov;
    }

    public static long lseek(int fd, long offset, int whence) {
        MemorySegment c = CAPTURE.get();
        try {
            long r = (long) Io.LSEEK.invokeExact(c, fd, offset, whence);
            return r >= 0 ? r : -errno(c);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** ioctl(fd, request, arg) with a pointer argument; 0 (or the call's result) or -errno. */
    public static int ioctl(int fd, long request, MemorySegment arg) {
        MemorySegment c = CAPTURE.get();
        try {
            while (true) {
                int r = (int) Control.IOCTL.invokeExact(c, fd, request, arg);
                if (r >= 0) return r;
                if (errno(c) != EINTR) return -errno(c);
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, buf): the fd's own metadata in an arch-neutral layout. */
    public static int fstatx(int fd, MemorySegment statxBuf) {
        MemorySegment c = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment empty = arena.allocate(1);
            int r = (int) Stat.STATX.invokeExact(c, fd, empty, AT_EMPTY_PATH, STATX_BASIC_STATS, statxBuf);
            return r == 0 ? 0 : -errno(c);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** fcntl(fd, F_GETFL): the file status flags, or -errno. */
    public static long fcntlGetfl(int fd) {
        MemorySegment c = CAPTURE.get();
        try {
            int r = (int) Flags.FCNTL.invokeExact(c, fd, F_GETFL, 0L);
            return r >= 0 ? r : -errno(c);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static boolean isatty(int fd) {
        try {
            return (int) Flags.ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static int getuid() { return callInt(Ids.GETUID); }
    public static int geteuid() { return callInt(Ids.GETEUID); }
    public static int getgid() { return callInt(Ids.GETGID); }
    public static int getegid() { return callInt(Ids.GETEGID); }

    private static int callInt(MethodHandle h) {
        try {
            return (int) h.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
