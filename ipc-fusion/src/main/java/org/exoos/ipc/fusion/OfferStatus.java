package org.exoos.ipc.fusion;

/** Outcome of offering or claiming on a fusion ring. Nothing is ever dropped silently. */
public enum OfferStatus {
    /** Published (offer) or reserved (claim). */
    OK,
    /** Not enough free slots: back-pressure; retry after the consumer drains. */
    FULL,
    /**
     * Payload longer than {@link FusionRingDescriptor#MAX_PAYLOAD_LENGTH} bytes (inline) or than
     * the data region's block size; nothing written.
     */
    TOO_LARGE,
    /** No free block in the data region: back-pressure; retry after the consumer releases blocks. */
    DATA_FULL,
    /**
     * The endpoint's capability was revoked, its peer died or its channel was reset; nothing
     * written, and every later offer answers the same.
     */
    REVOKED
}
