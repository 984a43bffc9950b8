package org.exoos.libposix.fd;

import org.exoos.servers.protocol.Errno;

import java.util.HashMap;
import java.util.Map;

/**
 * The kernel's named pipes: the {@link Pipe} behind each FIFO inode that is open, keyed by the inode's
 * (st_dev, st_ino), as Linux hangs a pipe_inode_info off the inode (fs/pipe.c, fifo_open). The vfs keeps
 * the FIFO's name and attributes; the data lives here, and only while some open of it lasts: when the last
 * end closes, the pipe and any unread bytes are gone, and the next open starts afresh.
 *
 * <p>Opens follow fifo_open: O_RDONLY waits for a writer (at once with O_NONBLOCK), O_WRONLY waits for a
 * reader (ENXIO with O_NONBLOCK when there is none), O_RDWR never waits. A waiting open ends with EINTR when
 * a signal comes. A writer that came and went while a reader waited still lets the reader go on, as Linux's
 * open counters do.
 */
public final class NamedPipes {
    /** Open FIFOs by inode; guarded by this. */
    private final Map<Key, Fifo> open = new HashMap<>();

    private record Key(long dev, long ino) {}

    /**
     * The FIFO of inode (dev, ino), with a reference taken for one open: the caller {@link Fifo#open}s ends
     * of it and calls {@link #release} when the open fails or its file is closed.
     */
    public synchronized Fifo acquire(long dev, long ino) {
        Key key = new Key(dev, ino);
        Fifo fifo = open.get(key);
        if (fifo == null) {
            fifo = new Fifo(this, key);
            open.put(key, fifo);
        }
        fifo.references++;
        return fifo;
    }

    /** Drops a reference from {@link #acquire}; the last one forgets the pipe. */
    public synchronized void release(Fifo fifo) {
        if (--fifo.references == 0) open.remove(fifo.key);
    }

    /** How many FIFOs have a pipe now. */
    public synchronized int openCount() { return open.size(); }

    /** One open FIFO: its pipe and how many read and write ends have been opened (ever, and now). */
    public static final class Fifo {
        private final NamedPipes registry;
        private final Key key;
        private final Pipe pipe = Pipe.unopened();
        /** Where opens waiting for a partner hear that one came. */
        private final Readiness partners = new Readiness();
        /** Guarded by the registry. */
        private int references;
        /** Guarded by this: ends open now, and opens of each kind so far (Linux's r_counter, w_counter). */
        private int readers, writers;
        private long readOpens, writeOpens;

        private Fifo(NamedPipes registry, Key key) {
            this.registry = registry;
            this.key = key;
        }

        public Pipe pipe() { return pipe; }

        public NamedPipes registry() { return registry; }

        /**
         * Opens the ends {@code accessMode} (O_RDONLY, O_WRONLY, O_RDWR; 3 is EINVAL) asks for: 0, or -ENXIO (a
         * non-blocking writer and no reader), -EINTR (a signal came while waiting for the partner). A null
         * {@code waiter} cannot wait: a blocking open without a partner is then -EAGAIN, and nothing is opened.
         */
        public int open(int accessMode, boolean nonBlocking, Waiter waiter) {
            if (accessMode == StatusFlags.O_ACCMODE) return -Errno.EINVAL; // neither end (fifo_open's default)
            boolean read = accessMode != StatusFlags.O_WRONLY, write = accessMode != StatusFlags.O_RDONLY;
            long partnerOpens;
            synchronized (this) {
                if (write && !read && readers == 0 && nonBlocking) return -Errno.ENXIO;
                boolean partnerOpen = read && write || (read ? writers : readers) > 0;
                if (!partnerOpen && !nonBlocking && waiter == null) return -Errno.EAGAIN;
                attach(read, write);
                if (partnerOpen || nonBlocking) return 0;
                partnerOpens = read ? writeOpens : readOpens;
            }
            return awaitPartner(read, partnerOpens, waiter);
        }

        /** Counts the new ends and wakes opens waiting for them; guarded. */
        private void attach(boolean read, boolean write) {
            if (read) {
                readers++;
                readOpens++;
                pipe.openEnd(true);
            }
            if (write) {
                writers++;
                writeOpens++;
                pipe.openEnd(false);
            }
            partners.changed(0);
        }

        /** Sleeps until an end of the other kind has been opened since; on EINTR the end opened is closed again. */
        private int awaitPartner(boolean reader, long partnerOpensBefore, Waiter waiter) {
            waiter.begin();
            partners.add(waiter);
            try {
                for (;;) {
                    synchronized (this) {
                        if ((reader ? writeOpens : readOpens) != partnerOpensBefore) return 0;
                    }
                    if (waiter.interrupted()) {
                        close(reader, !reader);
                        return -Errno.EINTR;
                    }
                    waiter.park(Waiter.FOREVER, false);
                }
            } finally {
                partners.remove(waiter);
            }
        }

        /** The last descriptor of an open of these ends was closed. */
        public void close(boolean read, boolean write) {
            synchronized (this) {
                if (read) readers--;
                if (write) writers--;
            }
            if (read) pipe.closeEnd(true);
            if (write) pipe.closeEnd(false);
        }

        /** Read ends open now. */
        public synchronized int readers() { return readers; }

        /** Write ends open now. */
        public synchronized int writers() { return writers; }

        @Override
        public synchronized String toString() {
            return "fifo " + key.dev() + ":" + key.ino() + " (" + readers + " readers, " + writers + " writers)";
        }
    }
}
