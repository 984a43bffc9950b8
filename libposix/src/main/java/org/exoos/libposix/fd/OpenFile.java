package org.exoos.libposix.fd;

import org.exoos.servers.protocol.Errno;

import org.agrona.MutableDirectBuffer;

import java.lang.foreign.MemorySegment;

/**
 * An open file description: what an fd refers to. Data moves between the file and slices of guest RAM
 * (the pages behind a user buffer, in order), so a backend can hand them to the host in one call.
 * Results are byte counts, or a negated {@link Errno} value.
 */
public interface OpenFile {
    /** Reads once into the buffers in order, as one read(2) would (it may return fewer bytes; 0 at end of file). */
    long read(MemorySegment[] buffers);

    /** Writes the buffers in order, as one write(2) would. */
    long write(MemorySegment[] buffers);

    /** pread64(2): reads at a position without moving the file offset; files without one say ESPIPE. */
    default long pread(MemorySegment[] buffers, long position) { return -Errno.ESPIPE; }

    /** pwrite64(2): writes at a position without moving the file offset; files without one say ESPIPE. */
    default long pwrite(MemorySegment[] buffers, long position) { return -Errno.ESPIPE; }

    /** getdents64(2): linux_dirent64 records into {@code dst}; only directories have them. */
    default long getdents64(MutableDirectBuffer dst, int length) { return -Errno.ENOTDIR; }

    /** ftruncate(2); only regular files open for writing can be cut. */
    default long truncate(long length) { return -Errno.EINVAL; }

    /** Fills the guest's struct stat for this file. */
    long stat(FileStat out);

    /** lseek(2); files without a position say ESPIPE. */
    default long seek(long offset, int whence) { return -Errno.ESPIPE; }

    /** True when the file is a terminal. */
    default boolean isTerminal() { return false; }

    /** The pipe this file is an end of (an anonymous pipe's, or a FIFO's), for F_GETPIPE_SZ/F_SETPIPE_SZ; null if none. */
    default Pipe pipe() { return null; }

    /** TCGETS: the kernel struct termios (36 bytes), or -ENOTTY when not a terminal. */
    default long getTermios(byte[] termios) { return -Errno.ENOTTY; }

    /** TIOCGWINSZ: struct winsize (8 bytes), or -ENOTTY when not a terminal. */
    default long getWindowSize(byte[] winsize) { return -Errno.ENOTTY; }

    /** F_GETFL: the access mode and status flags (O_RDONLY, O_WRONLY, O_RDWR, O_APPEND, O_NONBLOCK ...). */
    long statusFlags();

    /**
     * F_SETFL: sets the changeable status flags ({@link StatusFlags#SETFL_MASK}: O_APPEND, O_NONBLOCK,
     * O_DIRECT, O_NOATIME) from {@code flags}, leaving the access mode and creation flags. 0 or -errno.
     * A file that keeps no such flags accepts only its current ones (EINVAL otherwise).
     */
    default long setStatusFlags(int flags) {
        int now = (int) statusFlags();
        return StatusFlags.applySetfl(now, flags) == now ? 0 : -Errno.EINVAL;
    }

    /** read(2) for a caller that may sleep: files that block (pipes, eventfd) sleep on {@code waiter}. */
    default long read(MemorySegment[] buffers, Waiter waiter) { return read(buffers); }

    /** write(2) for a caller that may sleep: files that block (pipes, eventfd) sleep on {@code waiter}. */
    default long write(MemorySegment[] buffers, Waiter waiter) { return write(buffers); }

    /**
     * The {@link PollBits} that hold now (poll, select, epoll), POLLERR and POLLHUP included. A file with
     * no poll method never blocks and is always ready to read and write (Linux's DEFAULT_POLLMASK).
     */
    default int pollReady() { return PollBits.DEFAULT_POLLMASK; }

    /**
     * Where waiters hear that {@link #pollReady()} may have changed: null for a file with no poll method
     * (regular files, /dev/null; epoll refuses them with EPERM), {@link Readiness#polled()} for a file
     * behind a server, which waiters recheck, else the in-kernel file's own wait queue.
     */
    default Readiness readiness() { return null; }

    /** The last fd referring to this description was closed. */
    default void close() {}
}
