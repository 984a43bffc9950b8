package org.exoos.libposix.fd;

import org.exoos.servers.protocol.Errno;

import java.lang.foreign.MemorySegment;

/**
 * An anonymous pipe, a kernel object like Linux's pipefs inode: a ring of page-sized buffers, 16 by
 * default (64 KiB), shared by a read end and a write end ({@link PipeEnd}).
 * <pre>
 *   slot:    tail                         head
 *            v                            v
 *   [ page: offset..offset+length ][ ... ][ free ][ free ] ...   (slots() entries, indices mod slots())
 * </pre>
 * As in fs/pipe.c, a write first merges its tail (length mod 4096 bytes) into the last buffer when it fits,
 * then fills fresh pages; so a write of at most PIPE_BUF (4096) bytes is never split, and a non-blocking
 * one that does not fit moves nothing (EAGAIN). Packet mode (O_DIRECT on the write end) keeps each write's
 * pages apart, and a read returns at most one packet. A read with no writers left sees end of file; a
 * write with no readers left fails with EPIPE and raises SIGPIPE.
 *
 * <p>State is guarded by this object; readiness changes are announced after the lock is released, to the
 * read side's and the write side's {@link Readiness}.
 */
public final class Pipe {
    public static final int PAGE_SIZE = 4096, PIPE_BUF = 4096;
    public static final int DEFAULT_SLOTS = 16;
    /** /proc/sys/fs/pipe-max-size: the largest F_SETPIPE_SZ without CAP_SYS_RESOURCE. */
    public static final long PIPE_MAX_SIZE = 1 << 20;

    final Readiness readSide = new Readiness(), writeSide = new Readiness();

    private MemorySegment[] pages;
    private int[] offset, length;
    private boolean[] packet;
    /** Ring positions, counted up without bound; the slot is position mod slots. */
    private int head, tail;
    private int readers = 1, writers = 1;

    public Pipe() { allocate(DEFAULT_SLOTS); }

    /** A named pipe's (FIFO's): no ends until opens attach them ({@link #openEnd}). */
    static Pipe unopened() {
        Pipe pipe = new Pipe();
        pipe.readers = 0;
        pipe.writers = 0;
        return pipe;
    }

    private void allocate(int slots) {
        pages = new MemorySegment[slots];
        offset = new int[slots];
        length = new int[slots];
        packet = new boolean[slots];
    }

    private int slots() { return pages.length; }

    private int slot(int position) { return Integer.remainderUnsigned(position, slots()); }

    private boolean empty() { return head == tail; }

    private boolean full() { return head - tail >= slots(); }

    /** The page of a fresh buffer at the head; pages are kept for reuse. */
    private MemorySegment page(int s) {
        if (pages[s] == null) pages[s] = MemorySegment.ofArray(new byte[PAGE_SIZE]);
        return pages[s];
    }

    // ---- poll ----

    /** pipe_poll for the read end: data, or a hang-up once every writer is gone. */
    synchronized int readEvents() {
        int mask = empty() ? 0 : PollBits.READABLE;
        if (writers == 0) mask |= PollBits.POLLHUP;
        return mask;
    }

    /** pipe_poll for the write end: a free slot, or an error once every reader is gone. */
    synchronized int writeEvents() {
        int mask = full() ? 0 : PollBits.WRITABLE;
        if (readers == 0) mask |= PollBits.POLLERR;
        return mask;
    }

    // ---- reading ----

    /** Bytes ready to read (FIONREAD). */
    public synchronized int available() {
        int n = 0;
        for (int p = tail; p != head; p++) n += length[slot(p)];
        return n;
    }

    /**
     * One read(2): the bytes there are, up to the buffers' size; 0 at end of file; when empty, EAGAIN if
     * {@code nonBlocking} (or no waiter), else the waiter sleeps until data comes (EINTR if a signal comes first).
     */
    long read(MemorySegment[] buffers, Waiter waiter, boolean nonBlocking) {
        long want = 0;
        for (MemorySegment b : buffers) want += b.byteSize();
        if (want == 0) return 0;
        boolean waiting = false;
        try {
            for (;;) {
                long n;
                synchronized (this) {
                    n = empty() ? (writers == 0 ? 0 : -Errno.EAGAIN) : take(buffers, want);
                }
                if (n > 0) writeSide.changed(PollBits.WRITABLE);
                if (n != -Errno.EAGAIN || nonBlocking || waiter == null) return n;
                if (!waiting) {
                    waiting = true;
                    waiter.begin();
                    readSide.add(waiter);
                    continue; // recheck now that a change cannot be missed
                }
                if (waiter.interrupted()) return -Errno.EINTR;
                waiter.park(Waiter.FOREVER, false);
            }
        } finally {
            if (waiting) readSide.remove(waiter);
        }
    }

    /** Copies from the tail buffers into the user buffers; guarded. */
    private long take(MemorySegment[] buffers, long want) {
        long done = 0;
        int bi = 0;
        long bo = 0;
        while (done < want && !empty()) {
            int s = slot(tail);
            int chars = (int) Math.min(length[s], want - done);
            int copied = 0;
            while (copied < chars) {
                while (bo == buffers[bi].byteSize()) { bi++; bo = 0; }
                int k = (int) Math.min(chars - copied, buffers[bi].byteSize() - bo);
                MemorySegment.copy(pages[s], offset[s] + copied, buffers[bi], bo, k);
                copied += k;
                bo += k;
            }
            done += chars;
            offset[s] += chars;
            length[s] -= chars;
            if (packet[s]) { // a packet is read whole or its rest is dropped, and ends the read
                length[s] = 0;
                want = done;
            }
            if (length[s] == 0) tail++;
        }
        return done;
    }

    // ---- writing ----

    /**
     * One write(2) of all the buffers: EPIPE without readers, with SIGPIPE to the waiter's thread; when full,
     * the waiter sleeps until there is room, or, if {@code nonBlocking}, the write stops with what it moved
     * (EAGAIN for nothing).
     */
    long write(MemorySegment[] buffers, Waiter waiter, boolean nonBlocking, boolean packetMode) {
        long total = 0;
        for (MemorySegment b : buffers) total += b.byteSize();
        if (total == 0) return 0;
        Source src = new Source(buffers);
        long written = 0;
        boolean waiting = false, merge = true;
        try {
            for (;;) {
                long n;
                boolean noReaders;
                synchronized (this) {
                    noReaders = readers == 0;
                    n = noReaders ? 0 : put(src, total - written, merge, packetMode);
                }
                merge = false;
                written += n;
                if (n > 0) readSide.changed(PollBits.READABLE);
                if (noReaders) {
                    if (waiter != null) waiter.raiseSigpipe();
                    return written > 0 ? written : -Errno.EPIPE;
                }
                if (written == total) return written;
                if (nonBlocking || waiter == null) return written > 0 ? written : -Errno.EAGAIN;
                if (!waiting) {
                    waiting = true;
                    waiter.begin();
                    writeSide.add(waiter);
                    continue;
                }
                if (waiter.interrupted()) return written > 0 ? written : -Errno.EINTR;
                waiter.park(Waiter.FOREVER, false);
            }
        } finally {
            if (waiting) writeSide.remove(waiter);
        }
    }

    /** Moves what fits of the next {@code left} source bytes into the ring; guarded. */
    private long put(Source src, long left, boolean merge, boolean packetMode) {
        long done = 0;
        int tailChars = (int) (left & (PAGE_SIZE - 1));
        if (merge && tailChars != 0 && !empty()) { // merge into the last buffer, as pipe_write does
            int s = slot(head - 1);
            int end = offset[s] + length[s];
            if (!packet[s] && end + tailChars <= PAGE_SIZE) {
                src.copyTo(pages[s], end, tailChars);
                length[s] += tailChars;
                done += tailChars;
            }
        }
        while (done < left && !full()) {
            int s = slot(head);
            int chars = (int) Math.min(PAGE_SIZE, left - done);
            src.copyTo(page(s), 0, chars);
            offset[s] = 0;
            length[s] = chars;
            packet[s] = packetMode;
            head++;
            done += chars;
        }
        return done;
    }

    /** A cursor over the writer's buffers. */
    private static final class Source {
        private final MemorySegment[] buffers;
        private int index;
        private long at;

        Source(MemorySegment[] buffers) { this.buffers = buffers; }

        void copyTo(MemorySegment dst, long dstOffset, int n) {
            while (n > 0) {
                while (at == buffers[index].byteSize()) { index++; at = 0; }
                int k = (int) Math.min(n, buffers[index].byteSize() - at);
                MemorySegment.copy(buffers[index], at, dst, dstOffset, k);
                at += k;
                dstOffset += k;
                n -= k;
            }
        }
    }

    // ---- size ----

    /** F_GETPIPE_SZ: the capacity in bytes. */
    public synchronized int capacity() { return slots() * PAGE_SIZE; }

    /**
     * F_SETPIPE_SZ: rounds up to a power-of-two number of pages (at least one); EPERM beyond
     * {@link #PIPE_MAX_SIZE} without privilege, EBUSY when the data would not fit. Returns the new size.
     */
    public long resize(long size, boolean privileged) {
        size &= 0xffff_ffffL; // the kernel takes an unsigned int
        if (size > (1L << 31)) return -Errno.EINVAL;
        long bytes = size <= PAGE_SIZE ? PAGE_SIZE : Long.bitCount(size) == 1 ? size : Long.highestOneBit(size) << 1;
        int newSlots = (int) (bytes / PAGE_SIZE);
        synchronized (this) {
            if (newSlots > slots() && bytes > PIPE_MAX_SIZE && !privileged) return -Errno.EPERM;
            if (newSlots == slots()) return bytes;
            int used = head - tail;
            if (used > newSlots) return -Errno.EBUSY;
            MemorySegment[] p = new MemorySegment[newSlots];
            int[] o = new int[newSlots], l = new int[newSlots];
            boolean[] k = new boolean[newSlots];
            for (int i = 0; i < used; i++) {
                int s = slot(tail + i);
                p[i] = pages[s];
                o[i] = offset[s];
                l[i] = length[s];
                k[i] = packet[s];
            }
            pages = p;
            offset = o;
            length = l;
            packet = k;
            tail = 0;
            head = used;
        }
        writeSide.changed(PollBits.WRITABLE);
        return bytes;
    }

    // ---- ends ----

    /** An open of a FIFO attached one more read or write end. */
    void openEnd(boolean readEnd) {
        synchronized (this) {
            if (readEnd) readers++;
            else writers++;
        }
        if (readEnd) writeSide.changed(PollBits.WRITABLE);
        else readSide.changed(0);
    }

    /**
     * The last descriptor of an end was closed: once no end of that kind is left, the other side sees end of
     * file, or EPIPE (a FIFO may have several read or write ends).
     */
    void closeEnd(boolean readEnd) {
        boolean last;
        synchronized (this) {
            last = (readEnd ? --readers : --writers) == 0;
        }
        if (!last) return;
        if (readEnd) {
            writeSide.changed(PollBits.POLLERR);
            readSide.closed();
        } else {
            readSide.changed(PollBits.POLLHUP | PollBits.READABLE);
            writeSide.closed();
        }
    }

    @Override
    public synchronized String toString() { return "pipe (" + readers + " readers, " + writers + " writers)"; }
}
