package org.exoos.servers.protocol;

/**
 * Why a server refused a request before its service saw it, and the errno it replies with. Each
 * reason has its own counter on the server.
 */
public enum Rejection {
    /** The flags name another service's protocol: the request came down the wrong channel. */
    WRONG_PROTOCOL(Errno.EPROTO),
    /** Same service, another version of its protocol: the two sides were built apart. */
    WRONG_VERSION(Errno.EPROTO),
    /** No such operation in the service's table. */
    UNKNOWN_OPERATION(Errno.ENOSYS),
    /** Inline arguments shorter or longer than the operation allows. */
    BAD_LENGTH(Errno.EINVAL),
    /** A data block on an operation that takes none. */
    UNEXPECTED_DATA(Errno.EINVAL),
    /** No data block on an operation that needs one. */
    MISSING_DATA(Errno.EINVAL);

    private final int errno;

    Rejection(final int errno) {
        this.errno = errno;
    }

    /** The (positive) errno the reply carries, negated. */
    public int errno() {
        return errno;
    }
}
