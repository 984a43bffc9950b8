package org.exoos.ipc.fusion.liveness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Tells a ring's owner when a peer process dies, however it dies (kill -9 included: nothing of
 * the peer has to run). One daemon thread per monitor waits in poll(2) on a pidfd per peer, which
 * the kernel makes readable when the peer's whole thread group has exited, zombie or reaped. An
 * eventfd in the same poll set wakes the thread to pick up new and cancelled registrations.
 *
 * <h2>Bound</h2>
 * With pidfds the exit itself wakes the thread, so a death is reported after the exit plus a
 * thread wake-up: no timer is involved (milliseconds on a loaded machine). Where pidfd_open is
 * unavailable (kernels before 5.3, a seccomp filter: ENOSYS, EPERM) or fails for one peer (EMFILE,
 * ENOMEM) those peers are polled with {@link ProcessLiveness} every {@link #POLL_INTERVAL_MILLIS}
 * ms, so the bound is that interval plus one pass over the polled peers (one /proc read each)
 * plus the wake-up. A peer already dead when registered is reported on the thread's next turn.
 *
 * <h2>Identity</h2>
 * A pidfd pins whatever process held the pid when it was opened. {@link #watch} opens it, then
 * checks that the pid still carries the peer's start time: if so, the pidfd is the peer's, since
 * a process that took over a reused pid after the open would have a later start time; if not, the
 * peer has already died. Either way the pid-reuse race is closed.
 *
 * <h2>Threads</h2>
 * {@link #watch}, {@link PeerRegistration#cancel()} and {@link #close()} may be called from any
 * thread, the listener included. Listeners run on the monitor thread, each at most once, and must
 * not block. All pidfds are closed on the monitor thread, after it has left poll(2), so a closed
 * descriptor number is never polled.
 */
public final class PeerMonitor implements AutoCloseable {
    /** How often peers without a pidfd are polled, and the poll timeout without an eventfd. */
    public static final int POLL_INTERVAL_MILLIS = 50;
    /** How long {@link #close()} waits for the monitor thread (a blocked listener holds it up). */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(PeerMonitor.class);
    private static final AtomicInteger MONITOR_IDS = new AtomicInteger();
    private static final int INITIAL_POLL_CAPACITY = 16;
    private static final int NO_TIMEOUT = -1;
    private static final short DEATH_EVENTS = LivenessLibc.POLLIN | LivenessLibc.POLLHUP | LivenessLibc.POLLERR;

    private final boolean pidFdEnabled;
    private final int wakeFd;
    private final MemorySegment wakeValue;
    private final MemorySegment wakeErrno;
    private final Thread thread;
    private final LongAdder deathsReported = new LongAdder();
    private final LongAdder listenerErrors = new LongAdder();

    private final Object lock = new Object();
    // Guarded by lock.
    private final List<PeerRegistration> registrations = new ArrayList<>();
    private final List<PeerRegistration> retired = new ArrayList<>();
    private boolean changed;
    private boolean closed;
    private boolean wakeFdClosed;

    /** Starts a monitor that uses pidfds where the kernel allows, polling otherwise. */
    public PeerMonitor() {
        this(true);
    }

    /** @param usePidFd false forces the polling fallback for every peer (for tests) */
    PeerMonitor(final boolean usePidFd) {
        pidFdEnabled = usePidFd && pidFdAvailable();
        final Arena arena = Arena.ofAuto();
        wakeValue = arena.allocate(JAVA_LONG);
        wakeValue.set(JAVA_LONG, 0, 1L);
        wakeErrno = arena.allocate(LivenessLibc.CAPTURE_LAYOUT);
        wakeFd = LivenessLibc.eventfd(wakeErrno);
        if (wakeFd < 0) {
            LOG.warn("eventfd failed with {}; peer monitor picks up registrations every {} ms instead",
                    LivenessLibc.describe(LivenessLibc.errno(wakeErrno)), POLL_INTERVAL_MILLIS);
        }
        final String name = "peer-monitor-" + MONITOR_IDS.incrementAndGet();
        thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
        thread.start();
        LOG.debug("{} started, {}", name, pidFdEnabled ? "watching pidfds" : "polling /proc");
    }

    /**
     * Reports {@code peer}'s death to {@code listener}, once, on the monitor thread. A peer that is
     * already dead (or whose pid now belongs to another process) is reported promptly.
     *
     * @throws IllegalArgumentException if the pid is a live thread that is not a process leader
     * @throws IllegalStateException    if the monitor is closed
     */
    public PeerRegistration watch(final ProcessIdentity peer, final PeerDeathListener listener) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(listener, "listener");
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment errno = arena.allocate(LivenessLibc.CAPTURE_LAYOUT);
            int fd = -1;
            final PeerRegistration.Mode mode;
            if (!pidFdEnabled) {
                mode = ProcessLiveness.isAlive(peer) ? PeerRegistration.Mode.POLLED : PeerRegistration.Mode.GONE;
            } else {
                fd = LivenessLibc.pidfdOpen(errno, peer.pid());
                if (fd >= 0) {
                    if (ProcessLiveness.isAlive(peer)) {
                        mode = PeerRegistration.Mode.PIDFD;
                    } else {
                        closeFd(errno, fd, peer);
                        fd = -1;
                        mode = PeerRegistration.Mode.GONE;
                    }
                } else {
                    mode = modeAfterPidFdFailure(peer, LivenessLibc.errno(errno));
                }
            }
            final PeerRegistration registration = new PeerRegistration(this, peer, listener, mode, fd);
            synchronized (lock) {
                if (!closed) {
                    registrations.add(registration);
                    changed = true;
                    wake();
                    return registration;
                }
            }
            if (fd >= 0) {
                closeFd(errno, fd, peer);
            }
            throw new IllegalStateException("peer monitor " + thread.getName() + " is closed");
        }
    }

    /** Whether this monitor waits on pidfds (false: it polls {@code /proc}). */
    public boolean usesPidFd() {
        return pidFdEnabled;
    }

    /** How many deaths have been reported to listeners. */
    public long deathsReported() {
        return deathsReported.sum();
    }

    /** How many listener calls threw. */
    public long listenerErrors() {
        return listenerErrors.sum();
    }

    /**
     * Stops the monitor thread and closes its descriptors; registrations still active are never
     * reported. Waits up to {@link #CLOSE_TIMEOUT} for the thread, unless called on it.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            wake();
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!thread.join(CLOSE_TIMEOUT)) {
                LOG.warn("{} did not stop within {}; is a peer death listener blocked?", thread.getName(),
                        CLOSE_TIMEOUT);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the monitor thread still runs (for tests). */
    boolean isRunning() {
        return thread.isAlive();
    }

    /** Called by {@link PeerRegistration#cancel()} after it has won the registration. */
    void retire(final PeerRegistration registration) {
        synchronized (lock) {
            if (closed) {
                return; // the monitor thread closes every fd still registered
            }
            registrations.remove(registration);
            retired.add(registration);
            changed = true;
            wake();
        }
    }

    private PeerRegistration.Mode modeAfterPidFdFailure(final ProcessIdentity peer, final int errno) {
        if (errno == LivenessLibc.ESRCH) {
            return PeerRegistration.Mode.GONE;
        }
        if (errno == LivenessLibc.EINVAL) {
            // The pid is not a thread group leader: a thread, or the peer's pid reused by one.
            if (ProcessLiveness.isAlive(peer)) {
                throw new IllegalArgumentException(peer + " is a thread, not a process: pidfd_open refused it ("
                        + LivenessLibc.describe(errno) + ")");
            }
            return PeerRegistration.Mode.GONE;
        }
        LOG.warn("pidfd_open({}) failed with {}; polling {} every {} ms instead", peer.pid(),
                LivenessLibc.describe(errno), peer, POLL_INTERVAL_MILLIS);
        return ProcessLiveness.isAlive(peer) ? PeerRegistration.Mode.POLLED : PeerRegistration.Mode.GONE;
    }

    /** Whether this kernel lets us open a pidfd at all, tried on our own pid. */
    private static boolean pidFdAvailable() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment errno = arena.allocate(LivenessLibc.CAPTURE_LAYOUT);
            final int fd = LivenessLibc.pidfdOpen(errno, ProcessHandle.current().pid());
            if (fd < 0) {
                LOG.warn("pidfd_open is unavailable ({}); peers are polled every {} ms",
                        LivenessLibc.describe(LivenessLibc.errno(errno)), POLL_INTERVAL_MILLIS);
                return false;
            }
            LivenessLibc.close(errno, fd);
            return true;
        }
    }

    /** Wakes the monitor thread out of poll(2). Caller holds the lock. */
    private void wake() {
        if (wakeFd < 0 || wakeFdClosed) {
            return; // without an eventfd the thread re-reads the registrations every poll interval
        }
        if (LivenessLibc.write(wakeErrno, wakeFd, wakeValue) < 0) {
            LOG.warn("write to the wake-up eventfd failed with {}",
                    LivenessLibc.describe(LivenessLibc.errno(wakeErrno)));
        }
    }

    private void run() {
        try (Arena arena = Arena.ofConfined()) {
            final Watcher watcher = new Watcher(arena);
            try {
                watcher.loop();
            } catch (final Throwable t) {
                LOG.error("{} stopped by an unexpected error; its peers are no longer watched", thread.getName(), t);
            } finally {
                synchronized (lock) {
                    closed = true;
                    for (final PeerRegistration registration : registrations) {
                        closePidFd(watcher.errno, registration);
                    }
                    for (final PeerRegistration registration : retired) {
                        closePidFd(watcher.errno, registration);
                    }
                    registrations.clear();
                    retired.clear();
                    if (wakeFd >= 0) {
                        wakeFdClosed = true;
                        LivenessLibc.close(watcher.errno, wakeFd);
                    }
                }
                LOG.debug("{} stopped", thread.getName());
            }
        }
    }

    private void report(final PeerRegistration registration) {
        if (!registration.markReported()) {
            return; // cancelled while we were finding it dead
        }
        deathsReported.increment();
        LOG.info("peer {} has died", registration.peer());
        try {
            registration.listener().onPeerDeath(registration.peer());
        } catch (final Throwable t) {
            listenerErrors.increment();
            LOG.error("peer death listener for {} threw", registration.peer(), t);
        }
    }

    private static void closePidFd(final MemorySegment errno, final PeerRegistration registration) {
        if (registration.pidFd >= 0) {
            closeFd(errno, registration.pidFd, registration.peer());
            registration.pidFd = -1;
        }
    }

    private static void closeFd(final MemorySegment errno, final int fd, final ProcessIdentity peer) {
        if (LivenessLibc.close(errno, fd) != 0) {
            LOG.warn("close of pidfd {} for {} failed with {}", fd, peer,
                    LivenessLibc.describe(LivenessLibc.errno(errno)));
        }
    }

    /** The monitor thread's state: its view of the registrations and its poll set. */
    private final class Watcher {
        final MemorySegment errno;
        private final Arena arena;
        private final MemorySegment counter;
        private MemorySegment pollFds;
        private int pollCapacity;
        private final List<PeerRegistration> watched = new ArrayList<>();
        private final List<PeerRegistration> retiring = new ArrayList<>();
        private final List<PeerRegistration> polledByFd = new ArrayList<>();
        private final List<PeerRegistration> dead = new ArrayList<>();

        Watcher(final Arena arena) {
            this.arena = arena;
            errno = arena.allocate(LivenessLibc.CAPTURE_LAYOUT);
            counter = arena.allocate(JAVA_LONG);
            pollCapacity = INITIAL_POLL_CAPACITY;
            pollFds = arena.allocate(LivenessLibc.POLLFD, pollCapacity);
        }

        void loop() throws InterruptedException {
            while (true) {
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                    retiring.addAll(retired);
                    retired.clear();
                    if (changed) {
                        watched.clear();
                        watched.addAll(registrations);
                        changed = false;
                    }
                }
                for (final PeerRegistration registration : retiring) {
                    closePidFd(errno, registration);
                }
                retiring.clear();

                final int count = fillPollSet();
                final int timeout = timeout();
                final int ready = LivenessLibc.poll(errno, pollFds, count, timeout);
                if (ready < 0) {
                    final int error = LivenessLibc.errno(errno);
                    if (error != LivenessLibc.EINTR) {
                        LOG.error("poll failed with {}; retrying in {} ms", LivenessLibc.describe(error),
                                POLL_INTERVAL_MILLIS);
                        Thread.sleep(POLL_INTERVAL_MILLIS);
                    }
                    continue;
                }
                findDead(ready);
                if (!dead.isEmpty()) {
                    synchronized (lock) {
                        registrations.removeAll(dead);
                        changed = true;
                    }
                    for (final PeerRegistration registration : dead) {
                        closePidFd(errno, registration);
                        report(registration);
                    }
                    dead.clear();
                }
            }
        }

        /** Entry 0 is the eventfd (if any), then one per pidfd; returns the entry count. */
        private int fillPollSet() {
            final int needed = watched.size() + 1;
            if (needed > pollCapacity) {
                pollCapacity = Math.max(needed, pollCapacity * 2);
                pollFds = arena.allocate(LivenessLibc.POLLFD, pollCapacity);
            }
            int count = 0;
            if (wakeFd >= 0) {
                setPollFd(count++, wakeFd);
            }
            polledByFd.clear();
            for (final PeerRegistration registration : watched) {
                if (registration.mode == PeerRegistration.Mode.PIDFD && registration.pidFd >= 0) {
                    setPollFd(count++, registration.pidFd);
                    polledByFd.add(registration);
                }
            }
            return count;
        }

        private int timeout() {
            boolean polling = wakeFd < 0;
            for (final PeerRegistration registration : watched) {
                if (registration.mode == PeerRegistration.Mode.GONE) {
                    return 0;
                }
                polling |= registration.mode == PeerRegistration.Mode.POLLED;
            }
            return polling ? POLL_INTERVAL_MILLIS : NO_TIMEOUT;
        }

        private void findDead(final int ready) {
            int entry = 0;
            if (wakeFd >= 0) {
                if (ready > 0 && revents(entry) != 0) {
                    LivenessLibc.read(errno, wakeFd, counter); // resets the counter; EAGAIN if raced to zero
                }
                entry++;
            }
            for (final PeerRegistration registration : polledByFd) {
                final short revents = ready > 0 ? revents(entry) : 0;
                entry++;
                if ((revents & LivenessLibc.POLLNVAL) != 0) {
                    // Someone else closed our descriptor; it is not ours to close any more.
                    LOG.error("pidfd {} for {} was closed behind the monitor's back; polling /proc for it instead",
                            registration.pidFd, registration.peer());
                    registration.pidFd = -1;
                    registration.mode = PeerRegistration.Mode.POLLED;
                } else if ((revents & DEATH_EVENTS) != 0) {
                    dead.add(registration);
                }
            }
            for (final PeerRegistration registration : watched) {
                if (!registration.isActive()) {
                    continue;
                }
                if (registration.mode == PeerRegistration.Mode.GONE
                        || (registration.mode == PeerRegistration.Mode.POLLED
                            && !ProcessLiveness.isAlive(registration.peer()))) {
                    dead.add(registration);
                }
            }
        }

        private void setPollFd(final int entry, final int fd) {
            final long base = entry * LivenessLibc.POLLFD.byteSize();
            pollFds.set(JAVA_INT, base + LivenessLibc.POLLFD_FD_OFFSET, fd);
            pollFds.set(JAVA_SHORT, base + LivenessLibc.POLLFD_EVENTS_OFFSET, LivenessLibc.POLLIN);
            pollFds.set(JAVA_SHORT, base + LivenessLibc.POLLFD_REVENTS_OFFSET, (short) 0);
        }

        private short revents(final int entry) {
            return pollFds.get(JAVA_SHORT, entry * LivenessLibc.POLLFD.byteSize() + LivenessLibc.POLLFD_REVENTS_OFFSET);
        }
    }
}
