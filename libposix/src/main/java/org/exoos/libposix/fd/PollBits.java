package org.exoos.libposix.fd;

/**
 * poll(2) and epoll event bits (asm-generic/poll.h, linux/eventpoll.h; the EPOLL* values are the POLL*
 * ones), and the masks select(2) turns them into. The vfs server's PollEvents holds the same low bits.
 */
public final class PollBits {
    private PollBits() {}

    public static final int POLLIN = 0x001, POLLPRI = 0x002, POLLOUT = 0x004, POLLERR = 0x008, POLLHUP = 0x010,
            POLLNVAL = 0x020, POLLRDNORM = 0x040, POLLRDBAND = 0x080, POLLWRNORM = 0x100, POLLWRBAND = 0x200,
            POLLMSG = 0x400, POLLRDHUP = 0x2000;

    /** What a file without a poll method always reports (Linux's DEFAULT_POLLMASK). */
    public static final int DEFAULT_POLLMASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;

    /** Readable, writable, data in and room out, as pipes and eventfds say them. */
    public static final int READABLE = POLLIN | POLLRDNORM, WRITABLE = POLLOUT | POLLWRNORM;

    /** The events that make select(2) set a bit in readfds, writefds and exceptfds (fs/select.c). */
    public static final int SELECT_IN = POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR,
            SELECT_OUT = POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR,
            SELECT_EX = POLLPRI;

    /** Reported whether asked for or not. */
    public static final int ALWAYS = POLLERR | POLLHUP;
}
