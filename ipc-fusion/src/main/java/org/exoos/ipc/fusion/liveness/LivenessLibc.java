package org.exoos.ipc.fusion.liveness;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

import org.exoos.ipc.fusion.shm.Downcalls;
import org.exoos.ipc.fusion.shm.HostErrno;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * FFM downcalls for watching processes: pidfd_open (by syscall number: older C libraries lack a
 * wrapper), poll, eventfd, read, write and close. Like {@code shm.HostLibc}, every handle captures
 * errno into a segment of {@link #CAPTURE_LAYOUT} passed as its first argument. Constant values
 * are the asm-generic Linux ones, which x86_64, aarch64 and riscv64 share.
 */
final class LivenessLibc {
    /** pidfd_open's number, 434 on every Linux architecture (it postdates the table unification). */
    static final long SYS_pidfd_open = 434L;

    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    /** An eventfd is read and written 8 bytes (its u64 counter) at a time. */
    static final long EVENTFD_VALUE_SIZE = Long.BYTES;

    static final int EPERM = 1;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EINVAL = 22;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int ENOSYS = 38;

    /**
     * <pre>
     * struct pollfd {      offset
     *     int   fd;        0
     *     short events;    4
     *     short revents;   6
     * };                   size 8
     * </pre>
     */
    static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));
    static final long POLLFD_FD_OFFSET = POLLFD.byteOffset(PathElement.groupElement("fd"));
    static final long POLLFD_EVENTS_OFFSET = POLLFD.byteOffset(PathElement.groupElement("events"));
    static final long POLLFD_REVENTS_OFFSET = POLLFD.byteOffset(PathElement.groupElement("revents"));

    static final StructLayout CAPTURE_LAYOUT = Downcalls.CAPTURE_LAYOUT;

    /** long syscall(long number, ...), called as syscall(SYS_pidfd_open, pid, flags). */
    static final MethodHandle SYSCALL2 = downcall("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    /** int poll(struct pollfd *fds, nfds_t nfds, int timeout): nfds_t is unsigned long. */
    static final MethodHandle POLL = downcall("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    /** int eventfd(unsigned int initval, int flags). */
    static final MethodHandle EVENTFD = downcall("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** ssize_t read(int fd, void *buf, size_t count). */
    static final MethodHandle READ = downcall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    /** ssize_t write(int fd, const void *buf, size_t count). */
    static final MethodHandle WRITE = downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private LivenessLibc() {
    }

    static int errno(final MemorySegment captureState) {
        return Downcalls.errno(captureState);
    }

    /** A pidfd for {@code pid}, or -1 with errno in {@code captureState}. */
    static int pidfdOpen(final MemorySegment captureState, final long pid) {
        try {
            return (int) (long) SYSCALL2.invokeExact(captureState, SYS_pidfd_open, pid, 0L);
        } catch (final Throwable t) {
            throw new IllegalStateException("pidfd_open downcall failed", t);
        }
    }

    /** poll(2); returns the number of ready entries, 0 on timeout, -1 with errno. */
    static int poll(final MemorySegment captureState, final MemorySegment fds, final int count,
            final int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(captureState, fds, (long) count, timeoutMillis);
        } catch (final Throwable t) {
            throw new IllegalStateException("poll downcall failed", t);
        }
    }

    /** A non-blocking close-on-exec eventfd, or -1 with errno. */
    static int eventfd(final MemorySegment captureState) {
        try {
            return (int) EVENTFD.invokeExact(captureState, 0, EFD_NONBLOCK | EFD_CLOEXEC);
        } catch (final Throwable t) {
            throw new IllegalStateException("eventfd downcall failed", t);
        }
    }

    /** Adds the 8-byte value in {@code value} to an eventfd's counter; returns 8, or -1 with errno. */
    static long write(final MemorySegment captureState, final int fd, final MemorySegment value) {
        try {
            return (long) WRITE.invokeExact(captureState, fd, value, EVENTFD_VALUE_SIZE);
        } catch (final Throwable t) {
            throw new IllegalStateException("write downcall failed", t);
        }
    }

    /** Reads (and so resets) an eventfd's counter; returns 8, or -1 with errno (EAGAIN if zero). */
    static long read(final MemorySegment captureState, final int fd, final MemorySegment buffer) {
        try {
            return (long) READ.invokeExact(captureState, fd, buffer, EVENTFD_VALUE_SIZE);
        } catch (final Throwable t) {
            throw new IllegalStateException("read downcall failed", t);
        }
    }

    /** close(2); returns 0, or -1 with errno. */
    static int close(final MemorySegment captureState, final int fd) {
        try {
            return (int) CLOSE.invokeExact(captureState, fd);
        } catch (final Throwable t) {
            throw new IllegalStateException("close downcall failed", t);
        }
    }

    static String describe(final int errno) {
        return HostErrno.describe(errno);
    }

    private static MethodHandle downcall(final String name, final FunctionDescriptor descriptor,
            final Linker.Option... extra) {
        return Downcalls.downcall(name, descriptor, extra);
    }
}
