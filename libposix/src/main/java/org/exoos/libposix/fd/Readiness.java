package org.exoos.libposix.fd;

import java.util.Arrays;

/**
 * How a thread waiting in poll, select, epoll_wait or a blocking read learns that a file's
 * {@link OpenFile#pollReady()} may have changed: the file's wait queue.
 *
 * <p>Two kinds of files exist. In-kernel files (pipes, eventfds, epoll instances) call {@link #changed}
 * on every state change, with the events that may now hold, and a waiter wakes at once. Files behind a
 * server (the tty, whose state lives in the tty server) cannot signal the kernel: they hand out a
 * {@link #polled()} instance, whose {@link #notifies()} is false, and a waiter rechecks them with a short
 * bounded back-off ({@link Waiter#MIN_RECHECK_NANOS} to {@link Waiter#MAX_RECHECK_NANOS}).
 *
 * <p>{@link #closed()} tells listeners that the file's last descriptor is gone (epoll drops its entry,
 * as Linux's eventpoll_release does). Listeners run under this object's lock and must neither block nor
 * take a file's lock.
 */
public final class Readiness {
    /** Told about a change of the file it listens to. */
    public interface Listener {
        /** Events that may have become ready (0: anything may have changed). */
        void readinessChanged(int events);

        /** The file was closed for good. */
        default void fileClosed() {}
    }

    private final boolean notifies;
    private Listener[] listeners = new Listener[2];
    private int count;

    /** A wait queue of an in-kernel file, which signals every change. */
    public Readiness() { this(true); }

    private Readiness(boolean notifies) { this.notifies = notifies; }

    /** A wait queue of a file that cannot signal changes: waiters recheck it. Listeners still hear {@link #closed()}. */
    public static Readiness polled() { return new Readiness(false); }

    /** False for files that waiters must recheck on their own. */
    public boolean notifies() { return notifies; }

    public synchronized void add(Listener l) {
        if (count == listeners.length) listeners = Arrays.copyOf(listeners, count * 2);
        listeners[count++] = l;
    }

    public synchronized void remove(Listener l) {
        for (int i = 0; i < count; i++) {
            if (listeners[i] == l) {
                listeners[i] = listeners[--count];
                listeners[count] = null;
                return;
            }
        }
    }

    /** The file's state changed; {@code events} may hold now (or may have stopped holding). */
    public synchronized void changed(int events) {
        for (int i = 0; i < count; i++) listeners[i].readinessChanged(events);
    }

    /** The file's last descriptor was closed. */
    public synchronized void closed() {
        for (int i = count - 1; i >= 0; i--) listeners[i].fileClosed();
    }
}
