package org.exoos.servers.framework;

import org.exoos.servers.protocol.MessageHeaderDescriptor;
import org.exoos.servers.protocol.Rejection;

/**
 * What a server counts. Each has a stable id, the argument of the framework operation
 * {@link MessageHeaderDescriptor#OP_COUNTER}, so a client can read the counters of a server in
 * another JVM.
 */
public enum ServerCounter {
    /** Valid slots taken off the inbound rings (requests, rejected ones included, and cancels). */
    MESSAGES_RECEIVED(1),
    /** Replies committed to an outbound ring, immediate and deferred. */
    REPLIES_SENT(2),
    /** Requests the service deferred. */
    REQUESTS_DEFERRED(3),
    /** Cancel messages received. */
    CANCELS_RECEIVED(4),
    /** {@link Rejection#WRONG_PROTOCOL}. */
    REJECTED_WRONG_PROTOCOL(10),
    /** {@link Rejection#WRONG_VERSION}. */
    REJECTED_WRONG_VERSION(11),
    /** {@link Rejection#UNKNOWN_OPERATION}. */
    REJECTED_UNKNOWN_OPERATION(12),
    /** {@link Rejection#BAD_LENGTH}. */
    REJECTED_BAD_LENGTH(13),
    /** {@link Rejection#UNEXPECTED_DATA}. */
    REJECTED_UNEXPECTED_DATA(14),
    /** {@link Rejection#MISSING_DATA}. */
    REJECTED_MISSING_DATA(15),
    /** The service threw, or returned a result that is neither a value nor an errno; answered -EIO. */
    SERVICE_ERRORS(20),
    /** Replies that could not be sent: their endpoint had closed. */
    REPLIES_DROPPED(21),
    /** Slots the inbound rings skipped as malformed (layout rules, forged data descriptors). */
    MALFORMED_SLOTS(30),
    /** Data descriptors the inbound rings' data regions refused. */
    MALFORMED_DESCRIPTORS(31);

    private static final ServerCounter[] BY_ID = new ServerCounter[32];

    static {
        for (final ServerCounter counter : values()) {
            BY_ID[counter.id] = counter;
        }
    }

    private final int id;

    ServerCounter(final int id) {
        this.id = id;
    }

    /** The counter's id on the wire. */
    public int id() {
        return id;
    }

    /** The counter of {@code id}, or null. */
    public static ServerCounter byId(final int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** The counter of a rejection reason. */
    public static ServerCounter of(final Rejection rejection) {
        return switch (rejection) {
            case WRONG_PROTOCOL -> REJECTED_WRONG_PROTOCOL;
            case WRONG_VERSION -> REJECTED_WRONG_VERSION;
            case UNKNOWN_OPERATION -> REJECTED_UNKNOWN_OPERATION;
            case BAD_LENGTH -> REJECTED_BAD_LENGTH;
            case UNEXPECTED_DATA -> REJECTED_UNEXPECTED_DATA;
            case MISSING_DATA -> REJECTED_MISSING_DATA;
        };
    }
}
