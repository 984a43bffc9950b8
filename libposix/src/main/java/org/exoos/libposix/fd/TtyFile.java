package org.exoos.libposix.fd;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.tty.Termios;
import org.exoos.servers.tty.TtyIoctl;
import org.exoos.servers.tty.WinSize;
import org.exoos.servers.vfs.service.VfsClient;

import java.lang.foreign.MemorySegment;

/**
 * An open terminal: a file description over a {@link TtyDevice}, whose line discipline (in the tty server)
 * does the editing, echo, VMIN/VTIME timing, output processing (OPOST/ONLCR) and signal characters. This
 * side keeps what belongs to the description: the access mode and O_NONBLOCK.
 *
 * <p>fstat answers for the device node the file was opened through (its vfs O_PATH handle), so that it
 * matches stat(2) of /dev/tty or /dev/console, as Linux's fstat of a tty reports the inode opened; a
 * terminal with no node behind it reports a character device of its own number, mode 0620.
 */
public final class TtyFile implements OpenFile {
    static final int O_ACCMODE = 03, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_APPEND = 02000,
            O_NONBLOCK = 04000, O_LARGEFILE = 0100000;
    /** What F_GETFL shows of the open flags (fs/fcntl.c keeps these and the access mode). */
    private static final int KEPT_FLAGS = O_ACCMODE | O_APPEND | O_NONBLOCK;

    private final TtyDevice device;
    private final VfsClient vfs;
    /** The node's O_PATH handle in the vfs, for fstat; -1 when none. */
    private final long node;
    private final Readiness readiness = Readiness.polled();
    private volatile int statusFlags;
    private boolean closed;

    /**
     * The terminal {@code device} opened with {@code openFlags}; {@code node} is the vfs O_PATH handle of
     * the device node it was opened through (this file closes it), or -1 with a null {@code vfs}.
     */
    public TtyFile(TtyDevice device, VfsClient vfs, long node, int openFlags) {
        this.device = device;
        this.vfs = vfs;
        this.node = node;
        this.statusFlags = (openFlags & KEPT_FLAGS) | O_LARGEFILE;
    }

    public TtyDevice device() { return device; }

    private boolean nonBlocking() { return (statusFlags & O_NONBLOCK) != 0; }

    @Override
    public long read(MemorySegment[] buffers) { return read(buffers, (Waiter) null); }

    @Override
    public long write(MemorySegment[] buffers) { return write(buffers, (Waiter) null); }

    /** read(2) by the waiter's process: a process of a background group gets SIGTTIN (job control). */
    @Override
    public long read(MemorySegment[] buffers, Waiter waiter) {
        if ((statusFlags & O_ACCMODE) == O_WRONLY) return -Errno.EBADF;
        return device.read(buffers, nonBlocking(), waiter == null ? null : waiter.thread());
    }

    /** write(2) by the waiter's process: with TOSTOP, a process of a background group gets SIGTTOU. */
    @Override
    public long write(MemorySegment[] buffers, Waiter waiter) {
        if ((statusFlags & O_ACCMODE) == O_RDONLY) return -Errno.EBADF;
        return device.write(buffers, nonBlocking(), waiter == null ? null : waiter.thread());
    }

    @Override
    public synchronized long stat(FileStat out) {
        if (node >= 0) {
            UnsafeBuffer st = new UnsafeBuffer(new byte[FileStat.SIZE]);
            int r = vfs.fstat(node, st, 0);
            if (r < 0) return r;
            VfsFile.decodeStat(st, 0, out);
            return 0;
        }
        out.mode = FileStat.S_IFCHR | 0620;
        out.rdev = device.rdev();
        out.nlink = 1;
        out.blksize = 1024;
        return 0;
    }

    @Override
    public boolean isTerminal() { return true; }

    @Override
    public long getTermios(byte[] termios) {
        UnsafeBuffer dst = new UnsafeBuffer(termios);
        return device.getTermios(dst);
    }

    @Override
    public long getWindowSize(byte[] winsize) {
        return device.ioctl(TtyIoctl.TIOCGWINSZ, null, 0, new UnsafeBuffer(winsize));
    }

    /** TCSETS, TCSETSW or TCSETSF with a kernel struct termios: 0 or -errno. */
    public long setTermios(int request, byte[] termios) {
        return device.ioctl(request, new UnsafeBuffer(termios), Termios.SIZE, null);
    }

    /** TIOCSWINSZ with a struct winsize: 0 or -errno. */
    public long setWindowSize(byte[] winsize) {
        return device.ioctl(TtyIoctl.TIOCSWINSZ, new UnsafeBuffer(winsize), WinSize.SIZE, null);
    }

    /** An ioctl with an int argument or none (the result is the value for TIOCGPGRP, FIONREAD, TIOCOUTQ). */
    public long ioctl(int request, int argument) { return device.ioctl(request, argument); }

    @Override
    public long statusFlags() { return statusFlags; }

    /** F_SETFL: O_APPEND, O_NONBLOCK and O_NOATIME change; O_DIRECT is EINVAL (a terminal has no direct I/O). */
    @Override
    public long setStatusFlags(int flags) {
        if ((flags & StatusFlags.O_DIRECT) != 0) return -Errno.EINVAL;
        statusFlags = StatusFlags.applySetfl(statusFlags, flags);
        return 0;
    }

    /**
     * Readiness as the line discipline sees it (a line or VMIN bytes to read, room to write, POLLHUP once the
     * terminal hung up): one POLL round trip; POLLERR if the server is gone.
     */
    @Override
    public int pollReady() {
        long r = device.poll(PollBits.DEFAULT_POLLMASK | PollBits.POLLPRI);
        return r < 0 ? PollBits.POLLERR | PollBits.POLLHUP : (int) r;
    }

    /** The tty server cannot signal the kernel: waiters recheck {@link #pollReady()}. */
    @Override
    public Readiness readiness() { return readiness; }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        readiness.closed();
        if (node >= 0) vfs.close(node);
    }

    @Override
    public String toString() { return device + (node >= 0 ? " (vfs node " + node + ")" : ""); }
}
