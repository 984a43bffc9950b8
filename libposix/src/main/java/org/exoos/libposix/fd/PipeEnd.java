package org.exoos.libposix.fd;

import org.exoos.servers.protocol.Errno;

import java.lang.foreign.MemorySegment;

/**
 * One end of a {@link Pipe} as an open file description: the read end (O_RDONLY) or the write end
 * (O_WRONLY). Reading the write end or writing the read end is EBADF, as Linux's FMODE checks say.
 * Blocking reads and writes sleep on the caller's {@link Waiter}; with O_NONBLOCK they say EAGAIN.
 */
public final class PipeEnd extends KernelFile {
    private final Pipe pipe;
    private final boolean readEnd;
    private final KernelInode inode;

    private PipeEnd(Pipe pipe, boolean readEnd, KernelInode inode, int flags) {
        super(flags);
        this.pipe = pipe;
        this.readEnd = readEnd;
        this.inode = inode;
    }

    /**
     * pipe2(2)'s two ends, [read, write], owned by uid/gid. O_NONBLOCK goes to both, O_DIRECT (packet mode)
     * to the write end only, as create_pipe_files does.
     */
    public static PipeEnd[] create(int flags, int uid, int gid) {
        Pipe pipe = new Pipe();
        KernelInode inode = KernelInode.pipe(uid, gid);
        return new PipeEnd[]{
                new PipeEnd(pipe, true, inode, StatusFlags.O_RDONLY | (flags & StatusFlags.O_NONBLOCK)),
                new PipeEnd(pipe, false, inode, StatusFlags.O_WRONLY
                        | (flags & (StatusFlags.O_NONBLOCK | StatusFlags.O_DIRECT)))};
    }

    @Override
    public Pipe pipe() { return pipe; }

    public boolean isReadEnd() { return readEnd; }

    @Override
    public long read(MemorySegment[] buffers) { return read(buffers, null); }

    @Override
    public long write(MemorySegment[] buffers) { return write(buffers, null); }

    @Override
    public long read(MemorySegment[] buffers, Waiter waiter) {
        if (!readEnd) return -Errno.EBADF;
        return pipe.read(buffers, waiter, StatusFlags.nonBlocking(flags()));
    }

    @Override
    public long write(MemorySegment[] buffers, Waiter waiter) {
        if (readEnd) return -Errno.EBADF;
        int f = flags();
        return pipe.write(buffers, waiter, StatusFlags.nonBlocking(f), (f & StatusFlags.O_DIRECT) != 0);
    }

    @Override
    public int pollReady() { return readEnd ? pipe.readEvents() : pipe.writeEvents(); }

    @Override
    public Readiness readiness() { return readEnd ? pipe.readSide : pipe.writeSide; }

    @Override
    public long stat(FileStat out) { return inode.fill(out); }



    @Override
    public void close() { pipe.closeEnd(readEnd); }

    @Override
    public String toString() { return (readEnd ? "read end of " : "write end of ") + pipe; }
}
