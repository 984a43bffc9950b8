package org.exoos.libposix.syscall;

import org.exoos.servers.protocol.Errno;

/**
 * Thrown from deep inside a system call to fail it with an errno (a bad user pointer, a bad fd): the
 * table turns it into the negated value in a0. Carries no stack trace, so it costs no more than a return.
 */
public final class ErrnoException extends RuntimeException {
    private final int errno;

    public ErrnoException(int errno) {
        super(Errno.name(errno), null, false, false);
        this.errno = errno;
    }

    public int errno() { return errno; }
}
