package org.exoos.libposix.fd;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.service.VfsClient;

import java.lang.foreign.MemorySegment;

/**
 * An open FIFO (named pipe): the read end, the write end or both (O_RDWR) of the {@link NamedPipes.Fifo}'s
 * pipe, opened through a FIFO inode of the vfs. Reads and writes are a pipe's ({@link Pipe}); fstat answers
 * for the inode, through the vfs O_PATH handle the file keeps, so st_dev and st_ino are the FIFO's.
 */
public final class FifoFile extends KernelFile {
    private final NamedPipes.Fifo fifo;
    private final boolean readable, writable;
    private final VfsClient vfs;
    /** The FIFO inode's O_PATH handle in the vfs; this file closes it. */
    private final long node;

    /**
     * The file of an open that {@link NamedPipes.Fifo#open} granted with {@code openFlags}; it holds the
     * registry reference and the vfs handle {@code node} from then on.
     */
    public FifoFile(NamedPipes.Fifo fifo, int openFlags, VfsClient vfs, long node) {
        super((openFlags & StatusFlags.O_ACCMODE) | StatusFlags.O_LARGEFILE | (openFlags & StatusFlags.SETFL_MASK));
        this.fifo = fifo;
        int access = openFlags & StatusFlags.O_ACCMODE;
        this.readable = access != StatusFlags.O_WRONLY;
        this.writable = access != StatusFlags.O_RDONLY;
        this.vfs = vfs;
        this.node = node;
    }

    @Override
    public long read(MemorySegment[] buffers) { return read(buffers, null); }

    @Override
    public long write(MemorySegment[] buffers) { return write(buffers, null); }

    @Override
    public long read(MemorySegment[] buffers, Waiter waiter) {
        if (!readable) return -Errno.EBADF;
        return fifo.pipe().read(buffers, waiter, StatusFlags.nonBlocking(flags()));
    }

    @Override
    public long write(MemorySegment[] buffers, Waiter waiter) {
        if (!writable) return -Errno.EBADF;
        int f = flags();
        return fifo.pipe().write(buffers, waiter, StatusFlags.nonBlocking(f), (f & StatusFlags.O_DIRECT) != 0);
    }

    @Override
    public Pipe pipe() { return fifo.pipe(); }

    @Override
    public int pollReady() {
        Pipe pipe = fifo.pipe();
        return (readable ? pipe.readEvents() : 0) | (writable ? pipe.writeEvents() : 0);
    }

    /** The read side's queue for a reader (and for O_RDWR, where readers are the usual pollers). */
    @Override
    public Readiness readiness() { return readable ? fifo.pipe().readSide : fifo.pipe().writeSide; }

    @Override
    public long stat(FileStat out) {
        UnsafeBuffer st = new UnsafeBuffer(new byte[FileStat.SIZE]);
        int r = vfs.fstat(node, st, 0);
        if (r < 0) return r;
        VfsFile.decodeStat(st, 0, out);
        return 0;
    }



    @Override
    public void close() {
        fifo.close(readable, writable);
        fifo.registry().release(fifo);
        vfs.close(node);
    }

    @Override
    public String toString() {
        return (readable && writable ? "both ends of " : readable ? "read end of " : "write end of ") + fifo;
    }
}
