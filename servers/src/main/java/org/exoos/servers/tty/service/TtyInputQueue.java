package org.exoos.servers.tty.service;

import java.util.concurrent.atomic.AtomicLong;

import org.agrona.BitUtil;
import org.exoos.servers.tty.LineDiscipline;

/**
 * Bytes from a terminal's reader thread to the server loop: a single-producer single-consumer
 * byte ring, lock-free and allocation-free. The producer ({@link #offer}) never touches the line
 * discipline; the loop moves bytes into it with {@link #drainTo}, taking only what the
 * discipline accepts (the rest waits: that is the tty's throttling).
 */
public final class TtyInputQueue {
    private final byte[] buffer;
    private final int mask;
    /** Next byte the consumer takes; written by the consumer only. */
    private final AtomicLong head = new AtomicLong();
    /** Next byte the producer writes; written by the producer only. */
    private final AtomicLong tail = new AtomicLong();
    private volatile boolean ended;

    /** A queue of {@code capacity} bytes, rounded up to a power of two. */
    public TtyInputQueue(final int capacity) {
        buffer = new byte[BitUtil.findNextPositivePowerOfTwo(capacity)];
        mask = buffer.length - 1;
    }

    /** Producer: copies as many of the bytes as fit; returns how many. */
    public int offer(final byte[] src, final int offset, final int length) {
        final long t = tail.getPlain();
        final int n = (int) Math.min(length, buffer.length - (t - head.getAcquire()));
        for (int i = 0; i < n; i++) {
            buffer[(int) (t + i) & mask] = src[offset + i];
        }
        tail.setRelease(t + n);
        return n;
    }

    /** Producer: no more input will come (end of file on the device). */
    public void end() {
        ended = true;
    }

    /** Consumer: whether the producer ended and every byte was taken. */
    public boolean isEndedAndEmpty() {
        return ended && tail.getAcquire() == head.getPlain();
    }

    /** Consumer: bytes waiting. */
    public int size() {
        return (int) (tail.getAcquire() - head.getPlain());
    }

    /** Consumer: feeds waiting bytes to {@code discipline}; returns how many it accepted. */
    public int drainTo(final LineDiscipline discipline) {
        final long h = head.getPlain();
        final int available = (int) (tail.getAcquire() - h);
        int taken = 0;
        while (taken < available) {
            final int start = (int) (h + taken) & mask;
            final int chunk = Math.min(available - taken, buffer.length - start);
            final int accepted = discipline.receive(buffer, start, chunk);
            taken += accepted;
            if (accepted < chunk) {
                break;
            }
        }
        head.setRelease(h + taken);
        return taken;
    }
}
