package org.exoos.ipc.fusion;

/** Outcome of offering or claiming on a fusion ring. Nothing is ever dropped silently. */
public enum OfferStatus {
    /** Published (offer) or reserved (claim). */
    OK,
    /** Not enough free slots: back-pressure; retry after the consumer drains. */
    FULL,
    /** Payload longer than {@link FusionRingDescriptor#MAX_PAYLOAD_LENGTH} bytes; nothing written. */
    TOO_LARGE
}
