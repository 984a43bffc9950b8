package org.exoos.libposix.fd;

import org.exoos.servers.protocol.Errno;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An eventfd (eventfd2(2)): a 64-bit counter. A read takes the whole count (or 1 with EFD_SEMAPHORE) and
 * waits while it is 0; a write adds to it and waits while the sum would pass 0xfffffffffffffffe. Transfers
 * are one 8-byte native (little-endian) value; a smaller buffer is EINVAL, and writing 2^64-1 is EINVAL.
 * Counts are unsigned: compared with {@link Long#compareUnsigned}.
 */
public final class EventFd extends KernelFile {
    public static final int EFD_SEMAPHORE = 1, EFD_CLOEXEC = StatusFlags.O_CLOEXEC, EFD_NONBLOCK = StatusFlags.O_NONBLOCK;
    /** The largest count: ULLONG_MAX - 1. */
    public static final long MAX_COUNT = 0xffff_ffff_ffff_fffeL;
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final boolean semaphore;
    private final KernelInode inode = KernelInode.anonymous();
    private final Readiness readiness = new Readiness();
    private final MemorySegment value = MemorySegment.ofArray(new long[1]);
    /** Guarded by this. */
    private long count;

    public EventFd(long initialValue, int flags) {
        super(StatusFlags.O_RDWR | (flags & StatusFlags.O_NONBLOCK));
        this.count = initialValue;
        this.semaphore = (flags & EFD_SEMAPHORE) != 0;
    }

    public synchronized long count() { return count; }

    @Override
    public long read(MemorySegment[] buffers) { return read(buffers, null); }

    @Override
    public long write(MemorySegment[] buffers) { return write(buffers, null); }

    @Override
    public long read(MemorySegment[] buffers, Waiter waiter) {
        if (size(buffers) < 8) return -Errno.EINVAL;
        boolean waiting = false;
        try {
            for (;;) {
                long taken = -1;
                synchronized (this) {
                    if (count != 0) {
                        taken = semaphore ? 1 : count;
                        count -= taken;
                    }
                }
                if (taken != -1) {
                    readiness.changed(PollBits.WRITABLE);
                    synchronized (value) {
                        value.set(LE_LONG, 0, taken);
                        scatter(buffers);
                    }
                    return 8;
                }
                long r = await(waiter, waiting);
                if (r < 0) return r;
                waiting = true;
            }
        } finally {
            if (waiting) readiness.remove(waiter);
        }
    }

    @Override
    public long write(MemorySegment[] buffers, Waiter waiter) {
        if (size(buffers) < 8) return -Errno.EINVAL;
        long add;
        synchronized (value) {
            gather(buffers);
            add = value.get(LE_LONG, 0);
        }
        if (add == -1L) return -Errno.EINVAL;
        boolean waiting = false;
        try {
            for (;;) {
                boolean done = false;
                synchronized (this) {
                    if (Long.compareUnsigned(MAX_COUNT - count, add) >= 0) {
                        count += add;
                        done = true;
                    }
                }
                if (done) {
                    readiness.changed(PollBits.READABLE);
                    return 8;
                }
                long r = await(waiter, waiting);
                if (r < 0) return r;
                waiting = true;
            }
        } finally {
            if (waiting) readiness.remove(waiter);
        }
    }

    /** One step of waiting: EAGAIN when non-blocking, registers on the first pass, else sleeps. */
    private long await(Waiter waiter, boolean waiting) {
        if (StatusFlags.nonBlocking(flags()) || waiter == null) return -Errno.EAGAIN;
        if (!waiting) {
            waiter.begin();
            readiness.add(waiter);
            return 0; // check again now that a change cannot be missed
        }
        if (waiter.interrupted()) return -Errno.EINTR;
        waiter.park(Waiter.FOREVER, false);
        return 0;
    }

    private static long size(MemorySegment[] buffers) {
        long n = 0;
        for (MemorySegment b : buffers) n += b.byteSize();
        return n;
    }

    /** The 8 bytes of {@link #value} into the first bytes of the buffers. */
    private void scatter(MemorySegment[] buffers) {
        long at = 0;
        for (MemorySegment b : buffers) {
            long k = Math.min(8 - at, b.byteSize());
            MemorySegment.copy(value, at, b, 0, k);
            at += k;
            if (at == 8) return;
        }
    }

    private void gather(MemorySegment[] buffers) {
        long at = 0;
        for (MemorySegment b : buffers) {
            long k = Math.min(8 - at, b.byteSize());
            MemorySegment.copy(b, 0, value, at, k);
            at += k;
            if (at == 8) return;
        }
    }

    /** eventfd_poll: readable with a count, writable while one more can be added, POLLERR at overflow. */
    @Override
    public synchronized int pollReady() {
        int mask = 0;
        if (count != 0) mask |= PollBits.READABLE;
        if (count == -1L) mask |= PollBits.POLLERR;
        if (Long.compareUnsigned(count, MAX_COUNT) < 0) mask |= PollBits.WRITABLE;
        return mask;
    }

    @Override
    public Readiness readiness() { return readiness; }

    @Override
    public long stat(FileStat out) { return inode.fill(out); }



    @Override
    public void close() { readiness.closed(); }

    @Override
    public String toString() { return "eventfd" + (semaphore ? " (semaphore)" : ""); }
}
