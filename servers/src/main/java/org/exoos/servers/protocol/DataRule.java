package org.exoos.servers.protocol;

/** Whether a request of an operation may, or must, carry a data-region block. */
public enum DataRule {
    /** Inline arguments only: a data block is malformed. */
    NONE,
    /** A data block is allowed, not required. */
    OPTIONAL,
    /** A data block is required (it may be empty). */
    REQUIRED
}
