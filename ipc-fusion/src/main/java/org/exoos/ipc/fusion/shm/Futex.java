package org.exoos.ipc.fusion.shm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The Linux futex syscall on a 32-bit word in native (usually shared) memory. Uses the shared
 * {@code FUTEX_WAIT}/{@code FUTEX_WAKE}, not the {@code _PRIVATE} variants: a private futex is
 * keyed by the caller's address space, so a waker in another process would never find it.
 *
 * <p>The call path allocates nothing: the timespec and the errno capture state live in a
 * per-thread scratch segment, allocated on a thread's first call and freed with the thread.
 *
 * <p>The caller must keep the segment's memory mapped for the duration of a call; the word's
 * address is passed to the kernel raw.
 */
public final class Futex {
    /** The futex syscall number of the host (202 on x86_64, 98 on the generic ABI). */
    public static final long SYS_futex = hostFutexSyscallNumber();
    public static final int FUTEX_WAIT = 0;
    public static final int FUTEX_WAKE = 1;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long TIMESPEC_SIZE = 16;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Futex() {
    }

    /**
     * Sleeps while the int at {@code offset} equals {@code expected}, until woken or timed out.
     *
     * @param timeoutNanos relative timeout (CLOCK_MONOTONIC); negative waits without a timeout
     * @throws IllegalArgumentException if the word is out of bounds, not 4-byte aligned, or not native
     * @throws IllegalStateException    for an errno FUTEX_WAIT does not document for a valid word
     */
    public static FutexWaitResult wait(final MemorySegment segment, final long offset, final int expected,
            final long timeoutNanos) {
        final long address = wordAddress(segment, offset);
        final Scratch scratch = SCRATCH.get();
        final long timespec;
        if (timeoutNanos < 0) {
            timespec = 0L;
        } else {
            scratch.timespec.set(JAVA_LONG, 0, timeoutNanos / NANOS_PER_SECOND);
            scratch.timespec.set(JAVA_LONG, 8, timeoutNanos % NANOS_PER_SECOND);
            timespec = scratch.timespec.address();
        }
        final long result = syscall(scratch.errno, address, FUTEX_WAIT, expected, timespec);
        if (result == 0) {
            return FutexWaitResult.WOKEN;
        }
        final int errno = HostLibc.errno(scratch.errno);
        return switch (errno) {
            case HostErrno.ETIMEDOUT -> FutexWaitResult.TIMED_OUT;
            case HostErrno.EAGAIN -> FutexWaitResult.VALUE_CHANGED;
            case HostErrno.EINTR -> FutexWaitResult.INTERRUPTED;
            default -> throw new IllegalStateException("futex(FUTEX_WAIT) at 0x" + Long.toHexString(address)
                    + " failed with " + HostErrno.describe(errno));
        };
    }

    /**
     * Wakes up to {@code count} waiters on the int at {@code offset}, in any process.
     *
     * @return how many waiters were woken
     */
    public static int wake(final MemorySegment segment, final long offset, final int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("futex wake count must be positive, was " + count);
        }
        final long address = wordAddress(segment, offset);
        final Scratch scratch = SCRATCH.get();
        final long result = syscall(scratch.errno, address, FUTEX_WAKE, count, 0L);
        if (result < 0) {
            throw new IllegalStateException("futex(FUTEX_WAKE) at 0x" + Long.toHexString(address)
                    + " failed with " + HostErrno.describe(HostLibc.errno(scratch.errno)));
        }
        return (int) result;
    }

    /** The absolute address of a futex word, after the checks the kernel would fail less clearly. */
    static long wordAddress(final MemorySegment segment, final long offset) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("a futex word must be in native memory, not " + segment);
        }
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("the futex word's segment has been closed");
        }
        Objects.checkFromIndexSize(offset, Integer.BYTES, segment.byteSize());
        final long address = segment.address() + offset;
        if ((address & (Integer.BYTES - 1)) != 0) {
            throw new IllegalArgumentException("a futex word must be 4-byte aligned, address 0x"
                    + Long.toHexString(address) + " (offset " + offset + ") is not");
        }
        return address;
    }

    private static long syscall(final MemorySegment errno, final long address, final int op, final int value,
            final long timespec) {
        try {
            // The kernel reads val as u32, so sign extension of a negative int is harmless.
            return (long) HostLibc.SYSCALL6.invokeExact(errno, SYS_futex, address, (long) op, (long) value,
                    timespec, 0L, 0L);
        } catch (final Throwable t) {
            throw new IllegalStateException("futex downcall failed", t);
        }
    }

    private static long hostFutexSyscallNumber() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 202L;
            case "aarch64", "riscv64" -> 98L;
            default -> throw new IllegalStateException("no futex syscall number known for host arch "
                    + System.getProperty("os.arch"));
        };
    }

    /** One thread's timespec and errno capture buffer. */
    private static final class Scratch {
        final MemorySegment timespec;
        final MemorySegment errno;

        Scratch() {
            final Arena arena = Arena.ofAuto();
            timespec = arena.allocate(TIMESPEC_SIZE, Long.BYTES);
            errno = arena.allocate(HostLibc.CAPTURE_LAYOUT);
        }
    }
}
