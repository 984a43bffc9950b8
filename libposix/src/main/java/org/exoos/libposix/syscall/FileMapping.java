package org.exoos.libposix.syscall;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.servers.protocol.Errno;

/**
 * mmap(2) of a file, MAP_PRIVATE: the pages are the file's bytes at the time of the call, copied from the vfs
 * server into private memory, so later writes by the program are its own (copy-on-write in Linux's words) and
 * writes to the file by others are not seen, which for a private mapping Linux leaves unspecified once a page
 * is touched. Shared file mappings need a page cache the kernel and the vfs server both map; until the vfs
 * exports one they are ENODEV, the error of a file system that cannot map. A private mapping of /dev/zero is
 * anonymous memory, as in Linux.
 *
 * <p>Differences from Linux: the bytes are read at mmap time, not at first touch; pages wholly beyond the end
 * of the file read as zeros where Linux raises SIGBUS.
 */
final class FileMapping {
    private FileMapping() {}

    static final int O_ACCMODE = 03, O_WRONLY = 01, O_PATH = 010000000;
    /** /dev/zero's device number (1:5), whose private mapping is anonymous memory. */
    static final long DEV_ZERO = FileStat.makedev(1, 5);
    /** The most bytes moved from the vfs server per request. */
    static final int CHUNK = 64 * 1024;

    /** What an mmap of fd may do: {@link #ANONYMOUS} (no bytes to copy), {@link #COPY}, or a negated errno. */
    static final int ANONYMOUS = 0, COPY = 1;

    /** Checks that fd may be mapped this way (EBADF, EACCES, ENODEV as Linux answers). */
    static int check(OpenFile f, boolean shared, int prot, FileStat st) {
        if (f == null) return -Errno.EBADF;
        if (!(f instanceof VfsFile v)) return -Errno.ENODEV; // pipes, terminals, eventfds: no mmap
        if ((v.statusFlags() & O_PATH) != 0) return -Errno.EBADF;
        if ((v.statusFlags() & O_ACCMODE) == O_WRONLY) return -Errno.EACCES;
        long r = v.stat(st);
        if (r < 0) return (int) r;
        int type = st.mode & FileStat.S_IFMT;
        if (type == FileStat.S_IFCHR && st.rdev == DEV_ZERO) return shared ? -Errno.ENODEV : ANONYMOUS;
        if (type != FileStat.S_IFREG) return -Errno.ENODEV;
        if (shared) return -Errno.ENODEV;
        return COPY;
    }

    /**
     * Copies the file's bytes from {@code offset} into the fresh mapping at {@code addr} (up to its length or the
     * end of the file).
     *
     * @return 0, or a negated errno (the caller unmaps)
     */
    static long fill(VfsFile file, long fileSize, long offset, AddressSpace space, long addr, long length) {
        long available = Math.max(0, fileSize - offset);
        long total = Math.min(length, available);
        if (total == 0) return 0;
        byte[] chunk = new byte[(int) Math.min(CHUNK, total)];
        UnsafeBuffer view = new UnsafeBuffer(chunk);
        long done = 0;
        while (done < total) {
            int want = (int) Math.min(chunk.length, total - done);
            long n = file.client().pread(file.handle(), offset + done, view, 0, want);
            if (n < 0) return n;
            if (n == 0) break; // the file shrank since its stat: the rest stays zero
            if (!space.writeIgnoringProtection(addr + done, chunk, 0, (int) n)) return -Errno.ENOMEM;
            done += n;
        }
        return 0;
    }
}
