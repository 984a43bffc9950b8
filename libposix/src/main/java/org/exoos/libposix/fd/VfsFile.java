package org.exoos.libposix.fd;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.service.VfsClient;

import java.lang.foreign.MemorySegment;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;

/**
 * An open file description of the vfs server: a server handle and the client that reaches it. Every
 * operation is one request or more (a transfer larger than the channel's data block is split into
 * block-sized requests, so read(2) still fills the buffer of a regular file). The guest's RAM slices are
 * wrapped in place, so data is copied once, between guest RAM and the channel's block.
 *
 * <p>dup(2) shares this object (the fd layer counts the references, {@link FdTable}); the server handle
 * is closed with the last descriptor.
 */
public final class VfsFile implements OpenFile {
    /** Status flags F_GETFL reports: the access mode and the flags open(2) keeps (fs/fcntl.c's view). */
    static final int O_ACCMODE = 03, O_APPEND = 02000, O_NONBLOCK = 04000, O_DSYNC = 010000, O_DIRECT = 040000,
            O_LARGEFILE = 0100000, O_NOATIME = 01000000, O_SYNC = 04010000, O_PATH = 010000000;
    private static final int KEPT_FLAGS = O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | O_DIRECT | O_NOATIME
            | O_SYNC | O_PATH;

    private final VfsClient vfs;
    private final long handle;
    /** A copy of the flags the server keeps (F_SETFL goes to the server first). */
    private volatile int statusFlags;
    /** Wraps one guest RAM slice at a time; guarded by this. */
    private final UnsafeBuffer window = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer statBuffer = new UnsafeBuffer(new byte[FileStat.SIZE]);
    private boolean closed;

    /** The file open at {@code handle} with the flags open(2) was given. */
    public VfsFile(VfsClient vfs, long handle, int openFlags) {
        this.vfs = vfs;
        this.handle = handle;
        // Linux sets O_LARGEFILE on every open of a 64-bit kernel, and F_GETFL shows it.
        this.statusFlags = (openFlags & KEPT_FLAGS) | O_LARGEFILE;
    }

    /** The vfs server's handle: the dirfd of the *at calls. */
    public long handle() { return handle; }

    public VfsClient client() { return vfs; }

    @Override
    public synchronized long read(MemorySegment[] buffers) { return transfer(buffers, -1, false); }

    @Override
    public synchronized long write(MemorySegment[] buffers) { return transfer(buffers, -1, true); }

    @Override
    public synchronized long pread(MemorySegment[] buffers, long position) { return transfer(buffers, position, false); }

    @Override
    public synchronized long pwrite(MemorySegment[] buffers, long position) { return transfer(buffers, position, true); }

    /**
     * Moves the slices in order, a block per request, stopping at the first short transfer. The bytes
     * moved so far win over a later error, as in Linux.
     */
    private long transfer(MemorySegment[] buffers, long position, boolean writing) {
        final int block = vfs.serverClient().maxDataLength();
        long total = 0;
        for (MemorySegment segment : buffers) {
            long offset = 0, size = segment.byteSize();
            while (offset < size) {
                int want = (int) Math.min(size - offset, block);
                window.wrap(segment.address() + offset, want);
                long n;
                if (position < 0) {
                    n = writing ? vfs.write(handle, window, 0, want) : vfs.read(handle, window, 0, want);
                } else {
                    n = writing ? vfs.pwrite(handle, position + total, window, 0, want)
                            : vfs.pread(handle, position + total, window, 0, want);
                }
                if (n < 0) return total > 0 ? total : n;
                total += n;
                offset += n;
                if (n < want) return total;
            }
        }
        return total;
    }

    @Override
    public long seek(long offset, int whence) { return vfs.lseek(handle, offset, whence); }

    @Override
    public synchronized long stat(FileStat out) {
        int r = vfs.fstat(handle, statBuffer, 0);
        if (r < 0) return r;
        decodeStat(statBuffer, 0, out);
        return 0;
    }

    @Override
    public long getdents64(MutableDirectBuffer dst, int length) { return vfs.getdents64(handle, dst, 0, length); }

    @Override
    public long truncate(long length) { return vfs.ftruncate(handle, length); }

    @Override
    public long statusFlags() { return statusFlags; }

    /**
     * F_SETFL: the vfs server keeps the flags (O_APPEND decides where its writes go) and checks O_NOATIME
     * against {@code cred}; the copy here follows when it agrees.
     */
    public long setStatusFlags(org.exoos.servers.vfs.Credentials cred, int flags) {
        int r = vfs.setStatusFlags(cred, handle, flags);
        if (r == 0) statusFlags = StatusFlags.applySetfl(statusFlags, flags);
        return r;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        vfs.close(handle);
    }

    /** Reads a riscv64 struct stat, as the vfs encodes it, into {@code out}. */
    public static void decodeStat(DirectBuffer b, int at, FileStat out) {
        out.dev = b.getLong(at, BYTE_ORDER);
        out.ino = b.getLong(at + 8, BYTE_ORDER);
        out.mode = b.getInt(at + 16, BYTE_ORDER);
        out.nlink = b.getInt(at + 20, BYTE_ORDER);
        out.uid = b.getInt(at + 24, BYTE_ORDER);
        out.gid = b.getInt(at + 28, BYTE_ORDER);
        out.rdev = b.getLong(at + 32, BYTE_ORDER);
        out.size = b.getLong(at + 48, BYTE_ORDER);
        out.blksize = b.getInt(at + 56, BYTE_ORDER);
        out.blocks = b.getLong(at + 64, BYTE_ORDER);
        out.atimeSec = b.getLong(at + 72, BYTE_ORDER);
        out.atimeNsec = b.getLong(at + 80, BYTE_ORDER);
        out.mtimeSec = b.getLong(at + 88, BYTE_ORDER);
        out.mtimeNsec = b.getLong(at + 96, BYTE_ORDER);
        out.ctimeSec = b.getLong(at + 104, BYTE_ORDER);
        out.ctimeNsec = b.getLong(at + 112, BYTE_ORDER);
    }

    @Override
    public String toString() { return "vfs handle " + handle; }
}
