package org.exoos.libposix.fd;

import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.host.HostLibc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Java stream used as a guest file, for running programs inside a test: it behaves like one end of a
 * pipe (fstat says FIFO, no terminal, no seeking). Reading a write-only end, or writing a read-only one,
 * is EBADF as with a pipe.
 */
public final class StreamFile implements OpenFile {
    /** The anonymous pipe filesystem's device on Linux (pipefs). */
    private static final long PIPEFS_DEV = FileStat.makedev(0, 13);
    private static final AtomicLong NEXT_INODE = new AtomicLong(1000);

    static final int O_RDONLY = 0, O_WRONLY = 1;

    private final InputStream in;
    private final OutputStream out;
    private final long inode = NEXT_INODE.getAndIncrement();
    private final long createdMillis = System.currentTimeMillis();

    private StreamFile(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    public static StreamFile reading(InputStream in) { return new StreamFile(in, null); }

    public static StreamFile writing(OutputStream out) { return new StreamFile(null, out); }

    @Override
    public long read(MemorySegment[] buffers) {
        if (in == null) return -Errno.EBADF;
        long want = 0;
        for (MemorySegment b : buffers) want += b.byteSize();
        byte[] tmp = new byte[(int) Math.min(want, 1 << 16)];
        int n;
        try {
            n = in.read(tmp, 0, tmp.length); // blocks until at least one byte, like a pipe
        } catch (IOException e) {
            return -Errno.EIO;
        }
        if (n <= 0) return 0;
        int done = 0;
        for (MemorySegment b : buffers) {
            int k = (int) Math.min(b.byteSize(), n - done);
            MemorySegment.copy(tmp, done, b, ValueLayout.JAVA_BYTE, 0, k);
            done += k;
            if (done == n) break;
        }
        return n;
    }

    @Override
    public long write(MemorySegment[] buffers) {
        if (out == null) return -Errno.EBADF;
        long total = 0;
        try {
            for (MemorySegment b : buffers) {
                out.write(b.toArray(ValueLayout.JAVA_BYTE));
                total += b.byteSize();
            }
            out.flush();
        } catch (IOException e) {
            return total > 0 ? total : -Errno.EIO;
        }
        return total;
    }

    /** O_RDONLY for the read end, O_WRONLY for the write end, as pipe(2) makes them. */
    @Override
    public long statusFlags() { return in != null ? O_RDONLY : O_WRONLY; }

    @Override
    public long stat(FileStat st) {
        st.dev = PIPEFS_DEV;
        st.ino = inode;
        st.mode = FileStat.S_IFIFO | 0600;
        st.nlink = 1;
        st.uid = HostLibc.geteuid(); // the pipe was made by the host process
        st.gid = HostLibc.getegid();
        st.blksize = 4096;
        st.atimeSec = st.mtimeSec = st.ctimeSec = createdMillis / 1000;
        st.atimeNsec = st.mtimeNsec = st.ctimeNsec = (createdMillis % 1000) * 1_000_000;
        return 0;
    }

    @Override
    public String toString() { return in != null ? "stream (read end)" : "stream (write end)"; }
}
