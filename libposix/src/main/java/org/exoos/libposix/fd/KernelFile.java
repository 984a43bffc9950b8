package org.exoos.libposix.fd;

/**
 * An open file the kernel serves itself (a pipe end, a FIFO, an eventfd, a timerfd, an epoll instance): it keeps
 * its own status flags, which F_GETFL reads and F_SETFL changes (O_APPEND, O_NONBLOCK, O_NOATIME, O_DIRECT).
 */
abstract class KernelFile implements OpenFile {
    private volatile int flags;

    protected KernelFile(int flags) { this.flags = flags; }

    /** The status flags now. */
    protected final int flags() { return flags; }

    @Override
    public final long statusFlags() { return flags; }

    @Override
    public final long setStatusFlags(int requested) {
        flags = StatusFlags.applySetfl(flags, requested);
        return 0;
    }
}
