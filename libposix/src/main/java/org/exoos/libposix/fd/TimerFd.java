package org.exoos.libposix.fd;

import org.exoos.libposix.time.KernelTimers;
import org.exoos.servers.protocol.Errno;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ScheduledFuture;

/**
 * A timerfd (timerfd_create(2)): a timer whose expirations are read as an 8-byte count. A read takes the count
 * of expirations since the last read and waits while it is 0; the file is readable (poll, epoll) once the
 * timer has fired. Times are kept on the kernel's monotonic scale ({@link System#nanoTime()}); an absolute
 * CLOCK_REALTIME time is converted when the timer is set, so a later change of the wall clock does not move
 * it (TFD_TIMER_CANCEL_ON_SET is accepted, and the cancel never happens, since the clock is the host's and
 * Exo-OS never sets it).
 *
 * <p>Expirations are counted from the clock when the state is looked at, so an interval timer costs nothing
 * between reads; {@link KernelTimers} only wakes waiters when it fires.
 */
public final class TimerFd extends KernelFile {
    public static final int TFD_TIMER_ABSTIME = 1, TFD_TIMER_CANCEL_ON_SET = 2;
    public static final int TFD_CLOEXEC = StatusFlags.O_CLOEXEC, TFD_NONBLOCK = StatusFlags.O_NONBLOCK;
    private static final ValueLayout.OfLong LE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final int clockId;
    private final KernelInode inode = KernelInode.anonymous();
    private final Readiness readiness = new Readiness();
    // Guarded by this.
    private boolean armed;
    private long nextExpiry;
    private long interval;
    private long expirations;
    private ScheduledFuture<?> wakeUp;

    public TimerFd(int clockId, int flags) {
        super(StatusFlags.O_RDWR | (flags & StatusFlags.O_NONBLOCK));
        this.clockId = clockId;
    }

    public int clockId() { return clockId; }

    /**
     * timerfd_settime: arms the timer to first expire at {@code firstExpiry} (monotonic nanos; the caller has
     * converted a relative or absolute time) and then every {@code intervalNanos} (0: once), or disarms it when
     * {@code disarm}. Pending expirations are dropped, as Linux does. Writes the previous setting to
     * {@code old}: [remaining nanos, interval nanos].
     */
    public synchronized void set(boolean disarm, long firstExpiry, long intervalNanos, long[] old) {
        get(old);
        if (wakeUp != null) wakeUp.cancel(false);
        wakeUp = null;
        expirations = 0;
        armed = !disarm;
        interval = disarm ? 0 : intervalNanos;
        nextExpiry = firstExpiry;
        if (armed) scheduleWakeUp(System.nanoTime());
    }

    /** timerfd_gettime: [nanos until the next expiry (0 when disarmed), interval nanos]. */
    public synchronized void get(long[] out) {
        long now = System.nanoTime();
        advance(now);
        out[0] = armed ? Math.max(1, nextExpiry - now) : 0; // Linux reports at least 1 ns while armed
        out[1] = interval;
    }

    /** Counts the expirations that have happened by {@code now}. Caller holds the lock. */
    private void advance(long now) {
        if (!armed || now - nextExpiry < 0) return;
        if (interval > 0) {
            long n = 1 + (now - nextExpiry) / interval;
            expirations += n;
            nextExpiry += n * interval;
        } else {
            expirations++;
            armed = false;
        }
    }

    private void scheduleWakeUp(long now) {
        wakeUp = KernelTimers.after(nextExpiry - now, this::fired);
    }

    /** The wheel's action: count what fired, come back for the next interval, wake readers. */
    private void fired() {
        synchronized (this) {
            long now = System.nanoTime();
            advance(now);
            if (armed) scheduleWakeUp(now);
            else wakeUp = null;
        }
        readiness.changed(PollBits.READABLE);
    }

    @Override
    public long read(MemorySegment[] buffers) { return read(buffers, null); }

    @Override
    public long read(MemorySegment[] buffers, Waiter waiter) {
        if (size(buffers) < 8) return -Errno.EINVAL;
        boolean waiting = false;
        try {
            for (;;) {
                long taken = 0, deadline = Waiter.FOREVER;
                synchronized (this) {
                    advance(System.nanoTime());
                    if (expirations != 0) {
                        taken = expirations;
                        expirations = 0;
                    } else if (armed) {
                        deadline = nextExpiry;
                    }
                }
                if (taken != 0) {
                    scatter(buffers, taken);
                    return 8;
                }
                if (StatusFlags.nonBlocking(flags()) || waiter == null) return -Errno.EAGAIN;
                if (!waiting) {
                    waiter.begin();
                    readiness.add(waiter);
                    waiting = true;
                    continue; // check again now that a firing cannot be missed
                }
                if (waiter.interrupted()) return -Errno.EINTR;
                waiter.park(deadline, false);
            }
        } finally {
            if (waiting) readiness.remove(waiter);
        }
    }

    /** Writing to a timerfd is EINVAL (only TFD_IOC_SET_TICKS, an ioctl, sets the count). */
    @Override
    public long write(MemorySegment[] buffers) { return -Errno.EINVAL; }

    @Override
    public synchronized int pollReady() {
        advance(System.nanoTime());
        return expirations != 0 ? PollBits.READABLE : 0;
    }

    @Override
    public Readiness readiness() { return readiness; }

    @Override
    public long stat(FileStat out) { return inode.fill(out); }



    @Override
    public void close() {
        synchronized (this) {
            if (wakeUp != null) wakeUp.cancel(false);
            wakeUp = null;
            armed = false;
        }
        readiness.closed();
    }

    private static long size(MemorySegment[] buffers) {
        long n = 0;
        for (MemorySegment b : buffers) n += b.byteSize();
        return n;
    }

    /** The count, little-endian, into the first 8 bytes of the buffers. */
    private static void scatter(MemorySegment[] buffers, long value) {
        MemorySegment bytes = MemorySegment.ofArray(new byte[8]);
        bytes.set(LE_LONG, 0, value);
        long at = 0;
        for (MemorySegment b : buffers) {
            long k = Math.min(8 - at, b.byteSize());
            MemorySegment.copy(bytes, at, b, 0, k);
            at += k;
            if (at == 8) return;
        }
    }

    @Override
    public String toString() { return "timerfd (clock " + clockId + ")"; }
}
