package org.exoos.ipc.fusion.liveness;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One peer watched by a {@link PeerMonitor}. It ends exactly once: reported (the listener is
 * called) or cancelled, whichever comes first.
 */
public final class PeerRegistration implements AutoCloseable {
    /** How the monitor watches the peer. */
    enum Mode {
        /** poll(2) on a pidfd, readable once the process has exited. */
        PIDFD,
        /** {@link ProcessLiveness} every {@link PeerMonitor#POLL_INTERVAL_MILLIS} ms. */
        POLLED,
        /** Already dead when registered: report at once. */
        GONE
    }

    private static final int ACTIVE = 0;
    private static final int CANCELLED = 1;
    private static final int REPORTED = 2;

    private final PeerMonitor monitor;
    private final ProcessIdentity peer;
    private final PeerDeathListener listener;
    private final AtomicInteger state = new AtomicInteger(ACTIVE);
    // Set before the registration is published under the monitor's lock, then owned by its thread.
    Mode mode;
    int pidFd;

    PeerRegistration(final PeerMonitor monitor, final ProcessIdentity peer, final PeerDeathListener listener,
            final Mode mode, final int pidFd) {
        this.monitor = monitor;
        this.peer = peer;
        this.listener = listener;
        this.mode = mode;
        this.pidFd = pidFd;
    }

    /** The watched process. */
    public ProcessIdentity peer() {
        return peer;
    }

    /** Neither reported nor cancelled yet. */
    public boolean isActive() {
        return state.get() == ACTIVE;
    }

    /** Whether the death was reported (the listener has been, or is being, called). */
    public boolean isReported() {
        return state.get() == REPORTED;
    }

    /**
     * Stops watching. Returns true if this call ended the registration, so the listener will never
     * be called; false if it had already been reported (perhaps still running) or cancelled.
     */
    public boolean cancel() {
        if (!state.compareAndSet(ACTIVE, CANCELLED)) {
            return false;
        }
        monitor.retire(this);
        return true;
    }

    /** {@link #cancel()}. */
    @Override
    public void close() {
        cancel();
    }

    PeerDeathListener listener() {
        return listener;
    }

    /** Claims the one report; false if cancelled (or reported) before. */
    boolean markReported() {
        return state.compareAndSet(ACTIVE, REPORTED);
    }

    @Override
    public String toString() {
        return "PeerRegistration[" + peer + ", " + mode + ", " + switch (state.get()) {
            case ACTIVE -> "active";
            case CANCELLED -> "cancelled";
            default -> "reported";
        } + "]";
    }
}
