package org.exoos.servers.framework;

import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.Protocol;

/**
 * What a server does: it handles requests one at a time, on its loop's single thread, and never
 * sees a channel, a ring or another JVM. The {@link ServerLoop} checks every request against
 * {@link #protocol()} first, so a handler only meets requests of a known operation, with an
 * argument length and a data block that its table entry allows.
 *
 * <h2>Replying now</h2>
 * {@link #onRequest} writes any reply arguments into {@link Reply#arguments()} (and sets
 * {@link Reply#argumentsLength}), fills any reply data in place through {@link Reply#data}, and
 * returns the result: {@code >= 0} for success, or a negated Linux errno such as
 * {@code -Errno.ENOENT}. The loop sends the reply when the handler returns.
 *
 * <h2>Replying later</h2>
 * An operation that must wait (a terminal read with no input yet, a lock) returns
 * {@link #DEFERRED}, keeping {@link Request#endpoint()}, {@link Request#requestId()} and
 * {@link Request#operation()} (and copying whatever arguments it still needs: the request is a
 * flyweight valid only during the call). Later, on the loop thread (from {@link #doWork}, from
 * another request's handler, from {@link #onCancel}), it replies with
 * {@link ServiceContext#reply}: exactly one reply per request. Something outside the loop thread
 * (a terminal reader thread) that makes a deferred request completable calls
 * {@link ServiceContext#wakeUp()}, and the loop calls {@link #doWork} soon after.
 *
 * <h2>Failures</h2>
 * A handler that throws gets its request answered with {@code -EIO} and counted
 * ({@link ServerCounter#SERVICE_ERRORS}); the server goes on. A service never sees a malformed
 * request, and never needs to catch anything to stay up.
 */
public interface Service {
    /** Returned by {@link #onRequest}: no reply now; the service replies later, exactly once. */
    long DEFERRED = Long.MIN_VALUE;
    /** From {@link #parkLimitNanos()}: the loop may sleep until a request or a wake-up. */
    long NO_PARK_LIMIT = -1;
    /** The most negative result a reply may carry: -4095, as Linux's error range. */
    long MIN_ERROR_RESULT = -4095;

    /** The protocol this service speaks; constant. */
    Protocol protocol();

    /** Once, on the loop thread, before the first request. */
    default void onStart(final ServiceContext context) {
    }

    /**
     * Handles one validated request.
     *
     * @param request the request, valid during the call only (arguments and data read in place)
     * @param reply   the reply being built for it: arguments and data, sent when this returns
     * @return the result ({@code >= 0}, or {@code -errno} of {@link Errno}), or {@link #DEFERRED}
     */
    long onRequest(Request request, Reply reply);

    /**
     * The client asked to cancel request {@code requestId} of {@code endpoint} (the caller was
     * interrupted, or gave up). If the service still holds it deferred, it replies now
     * (typically {@code -EINTR}); otherwise it does nothing: the request has had its reply.
     */
    default void onCancel(final int endpoint, final long requestId) {
    }

    /**
     * Called on every turn of the loop, on its thread: complete deferred requests, run timers.
     *
     * @return how much work was done; 0 lets the loop go idle
     */
    default int doWork() {
        return 0;
    }

    /**
     * How long the loop may sleep, when idle, before it must call {@link #doWork} again (a
     * pending VMIN/VTIME timer): nanoseconds, or {@link #NO_PARK_LIMIT}.
     */
    default long parkLimitNanos() {
        return NO_PARK_LIMIT;
    }

    /**
     * The channel of {@code endpoint} ended (the kernel revoked it, or reset it for a restart):
     * drop its deferred requests without replying, their replies would go nowhere.
     */
    default void onEndpointClosed(final int endpoint) {
    }

    /** Once, on the loop thread, when the loop stops. */
    default void onClose() {
    }
}
