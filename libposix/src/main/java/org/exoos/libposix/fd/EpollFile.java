package org.exoos.libposix.fd;

import org.exoos.servers.protocol.Errno;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An epoll instance (epoll_create1(2)): an interest list of (fd, open file) entries and the events each
 * asks for, as Linux's struct eventpoll keeps it.
 *
 * <p>Each entry listens to its file's {@link Readiness}; a change whose events concern it marks it
 * {@code signalled}, like ep_poll_callback putting it on the ready list. A scan ({@link #collect}) takes the
 * marked entries, asks their files what holds now, and reports the non-empty ones. Level-triggered entries
 * stay on the ready list while they keep reporting; edge-triggered ones (EPOLLET) leave it until the next
 * change; EPOLLONESHOT disables an entry after one report until EPOLL_CTL_MOD. Entries for files that
 * cannot signal ({@link Readiness#notifies()} false) are asked at every scan; with EPOLLET they report
 * when their events go from none to some. Ready entries are reported in interest-list order (Linux
 * reports in the order they became ready).
 *
 * <p>An entry is dropped when its file's last descriptor is closed ({@link Readiness.Listener#fileClosed}).
 * The lock order is epoll before the watched files; entry callbacks take no lock but the epoll's own
 * readiness, whose listeners are outer waiters or outer epoll entries (nesting loops are refused: ELOOP).
 */
public final class EpollFile extends KernelFile {
    public static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    public static final int EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31;
    /** The bits that are not events: an entry whose events hold only these is disabled (EP_PRIVATE_BITS). */
    public static final int PRIVATE_BITS = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE;
    /** What EPOLLEXCLUSIVE may be combined with (EPOLLEXCLUSIVE_OK_BITS). */
    static final int EXCLUSIVE_OK_BITS = PollBits.POLLIN | PollBits.POLLOUT | PollBits.POLLERR | PollBits.POLLHUP
            | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE;
    /** Linux's EP_MAX_NESTS: how deep epoll instances may watch each other. */
    static final int MAX_NESTS = 4;

    private record Key(int fd, OpenFile file) {}

    /** One watched (fd, file) pair. */
    private final class Entry implements Readiness.Listener {
        final int fd;
        final OpenFile file;
        final Readiness source;
        volatile int events;
        long data;
        /** On the ready list: guarded by the epoll. */
        boolean queued;
        /** What a file that cannot signal reported at the last scan. */
        int lastPolled;
        volatile boolean signalled, dead;

        Entry(int fd, OpenFile file, Readiness source) {
            this.fd = fd;
            this.file = file;
            this.source = source;
        }

        @Override
        public void readinessChanged(int changed) {
            int ev = events;
            if ((ev & ~PRIVATE_BITS) == 0) return; // disabled after a one-shot report
            if (changed != 0 && (changed & ev) == 0) return;
            signalled = true;
            readiness.changed(PollBits.READABLE);
        }

        @Override
        public void fileClosed() {
            dead = true;
            readiness.changed(0);
        }
    }

    private final KernelInode inode = KernelInode.anonymous();
    private final Readiness readiness = new Readiness();
    private final Map<Key, Entry> entries = new LinkedHashMap<>();
    /** Guarded by this: how many entries' files cannot signal. */
    private int polledEntries;

    public EpollFile() { super(StatusFlags.O_RDWR); }

    // ---- epoll_ctl ----

    /**
     * EPOLL_CTL_ADD, MOD or DEL for (fd, file); the caller has checked the file can be polled (EPERM) and is
     * not this instance (EINVAL). Returns 0 or -EEXIST, -ENOENT, -EINVAL, -ELOOP.
     */
    public long control(int op, int fd, OpenFile file, int events, long data) {
        boolean exclusive = (events & EPOLLEXCLUSIVE) != 0;
        if (op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) {
            if (exclusive && op == EPOLL_CTL_MOD) return -Errno.EINVAL;
            if (exclusive && (file instanceof EpollFile || (events & ~EXCLUSIVE_OK_BITS) != 0)) return -Errno.EINVAL;
        }
        if (op == EPOLL_CTL_ADD && file instanceof EpollFile inner && (inner == this || inner.reaches(this, 1))) {
            return -Errno.ELOOP;
        }
        Entry added = null;
        synchronized (this) {
            dropDead();
            Key key = new Key(fd, file);
            Entry e = entries.get(key);
            switch (op) {
                case EPOLL_CTL_ADD -> {
                    if (e != null) return -Errno.EEXIST;
                    added = new Entry(fd, file, file.readiness());
                    added.events = events | PollBits.ALWAYS;
                    added.data = data;
                    added.signalled = true; // ep_insert checks readiness at once
                    entries.put(key, added);
                    if (!added.source.notifies()) polledEntries++;
                }
                case EPOLL_CTL_DEL -> {
                    if (e == null) return -Errno.ENOENT;
                    remove(key, e);
                    return 0;
                }
                case EPOLL_CTL_MOD -> {
                    if (e == null) return -Errno.ENOENT;
                    if ((e.events & EPOLLEXCLUSIVE) != 0) return -Errno.EINVAL;
                    e.events = events | PollBits.ALWAYS;
                    e.data = data;
                    e.lastPolled = 0;
                    e.signalled = true; // ep_modify rechecks
                }
                default -> { return -Errno.EINVAL; }
            }
        }
        if (added != null) added.source.add(added);
        readiness.changed(PollBits.READABLE);
        return 0;
    }

    /** True when this instance, or one it watches, watches {@code target} (within the nesting limit). */
    private boolean reaches(EpollFile target, int depth) {
        if (depth > MAX_NESTS) return true;
        List<EpollFile> inner = new ArrayList<>();
        synchronized (this) {
            for (Entry e : entries.values()) if (e.file instanceof EpollFile f) inner.add(f);
        }
        for (EpollFile f : inner) if (f == target || f.reaches(target, depth + 1)) return true;
        return false;
    }

    private void remove(Key key, Entry e) {
        entries.remove(key);
        if (!e.source.notifies()) polledEntries--;
        e.source.remove(e);
    }

    private void dropDead() {
        var it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.dead) {
                it.remove();
                if (!e.source.notifies()) polledEntries--;
                e.source.remove(e);
            }
        }
    }

    /** True when some watched file cannot signal, so a waiter must recheck. */
    public synchronized boolean needsRecheck() { return polledEntries > 0; }

    // ---- epoll_wait ----

    /** Receives the events of one ready entry. */
    public interface EventSink {
        void event(int index, int events, long data);
    }

    /**
     * Reports up to {@code max} ready entries to {@code sink} and returns how many; {@code consume} false
     * only looks (for this instance's own poll), leaving every entry as it was.
     */
    public synchronized int collect(int max, EventSink sink, boolean consume) {
        dropDead();
        int n = 0;
        for (Entry e : entries.values()) {
            if (n == max) break;
            boolean polled = !e.source.notifies();
            boolean signalled = e.signalled;
            if (!e.queued && !signalled && !polled) continue;
            if ((e.events & ~PRIVATE_BITS) == 0) { // disabled one-shot entry
                if (consume) { e.queued = false; e.signalled = false; }
                continue;
            }
            if (consume) e.signalled = false;
            int revents = e.file.pollReady() & e.events;
            boolean edge = (e.events & EPOLLET) != 0;
            if (polled && edge) {
                boolean rising = e.lastPolled == 0 && revents != 0;
                if (consume) e.lastPolled = revents;
                if (!rising && !signalled && !e.queued) continue;
            }
            if (revents == 0) {
                if (consume) e.queued = false;
                continue;
            }
            if (sink != null) sink.event(n, revents, e.data);
            n++;
            if (!consume) continue;
            if ((e.events & EPOLLONESHOT) != 0) {
                e.events &= PRIVATE_BITS;
                e.queued = false;
            } else {
                e.queued = !edge;
            }
        }
        return n;
    }

    @Override
    public int pollReady() { return collect(1, null, false) > 0 ? PollBits.READABLE : 0; }

    /** The instance's own wait queue, or a polled one while it watches files that cannot signal. */
    @Override
    public Readiness readiness() { return readiness; }

    // ---- file ----

    @Override
    public long read(java.lang.foreign.MemorySegment[] buffers) { return -Errno.EINVAL; }

    @Override
    public long write(java.lang.foreign.MemorySegment[] buffers) { return -Errno.EINVAL; }

    @Override
    public long stat(FileStat out) { return inode.fill(out); }



    /** Leaves every watched file's wait queue, and tells outer instances this one is gone. */
    @Override
    public void close() {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
            polledEntries = 0;
        }
        for (Entry e : all) e.source.remove(e);
        readiness.closed();
    }

    @Override
    public String toString() { return "epoll instance"; }
}
