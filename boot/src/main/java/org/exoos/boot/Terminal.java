package org.exoos.boot;

import org.exoos.servers.tty.service.TtyBackend;

import java.util.Objects;

/**
 * Which terminal, if any, the first process's stdio goes through: the tty server's line discipline (echo,
 * line editing, ^C) in front of a device.
 */
public sealed interface Terminal {
    /**
     * The host's terminal, if the request's stdin is one (a host fd 0 that is a tty): the tty server runs
     * with backend=host (the host terminal in raw mode for the duration), hosted as the vfs server is, and
     * those of fds 0, 1 and 2 that are host terminals become one open terminal file; the others stay host
     * files. Stdio that is not a host terminal (pipes, files, test streams) stays as it is, with no tty
     * server.
     */
    Terminal HOST = new Host();

    /** No tty server: stdio stays as the request gives it (host fds keep the host's own line discipline). */
    Terminal NONE = new None();

    /**
     * A device of the caller's (tests: a {@link org.exoos.servers.tty.service.MemoryBackend} they type
     * at): the tty server runs on it in a thread of this JVM, whatever the vfs isolation, since the
     * backend is an object of this JVM; fds 0, 1 and 2 are all the terminal.
     */
    static Terminal of(TtyBackend backend) { return new Device(backend); }

    record Host() implements Terminal {}

    record None() implements Terminal {}

    record Device(TtyBackend backend) implements Terminal {
        public Device {
            Objects.requireNonNull(backend, "backend");
        }
    }
}
