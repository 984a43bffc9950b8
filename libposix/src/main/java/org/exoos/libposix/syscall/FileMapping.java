package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.libposix.mm.PageCache;
import org.exoos.libposix.mm.SharedFile;
import org.exoos.servers.protocol.Errno;

/**
 * mmap(2) of a file. Both kinds draw their pages from the kernel's page cache ({@link org.exoos.libposix.mm.PageCache}):
 * a MAP_SHARED area maps the cached frames themselves, so a store through it is seen at once by every other
 * shared mapping of the file, in this process, across fork, and in unrelated processes; a MAP_PRIVATE area
 * copies a cached page at its first touch, so later stores are its own (madvise(MADV_DONTNEED) drops the
 * copy and the next touch reads the file again). Dirty shared pages go back to the vfs server on msync
 * (MS_SYNC or MS_ASYNC), fsync of a mapped file, and when the last mapping of the page goes (munmap, exit,
 * exec). A mapping of /dev/zero is anonymous memory (shared or private), as in Linux.
 *
 * <p>Differences from Linux: the cache holds only mapped pages and read(2)/write(2) go straight to the vfs
 * server, so they are not coherent with mapped pages: a write(2) is seen by a page first touched after it,
 * a store through a mapping is seen by read(2) only after a write-back. Pages wholly past the end of the
 * file read as zeros where Linux raises SIGBUS; a page mapped writable is written back whether or not it
 * was stored to (no dirty bit tracking).
 */
final class FileMapping {
    private FileMapping() {}

    static final int O_ACCMODE = 03, O_WRONLY = 01, O_RDWR = 02, O_PATH = 010000000;
    /** /dev/zero's device number (1:5), whose mapping is anonymous memory. */
    static final long DEV_ZERO = FileStat.makedev(1, 5);

    /** What an mmap of fd maps: {@link #ANONYMOUS} (no file pages) or {@link #FILE} (cached file pages). */
    static final int ANONYMOUS = 0, FILE = 1;

    /** Checks that fd may be mapped this way (EBADF, EACCES, ENODEV as Linux answers); st receives its status. */
    static int check(OpenFile f, boolean shared, int prot, FileStat st) {
        if (f == null) return -Errno.EBADF;
        if (!(f instanceof VfsFile v)) return -Errno.ENODEV; // pipes, terminals, eventfds: no mmap
        long flags = v.statusFlags();
        if ((flags & O_PATH) != 0) return -Errno.EBADF;
        if ((flags & O_ACCMODE) == O_WRONLY) return -Errno.EACCES;
        if (shared && (prot & SysMemory.PROT_WRITE) != 0 && (flags & O_ACCMODE) != O_RDWR) {
            return -Errno.EACCES;
        }
        long r = v.stat(st);
        if (r < 0) return (int) r;
        int type = st.mode & FileStat.S_IFMT;
        if (type == FileStat.S_IFCHR && st.rdev == DEV_ZERO) return ANONYMOUS;
        if (type != FileStat.S_IFREG) return -Errno.ENODEV;
        return FILE;
    }

    /** fsync(2): writes back the file's pages stored to through shared mappings; 0 or a negated errno. */
    static long writeBack(SyscallContext c, VfsFile file) {
        FileStat st = new FileStat();
        if (file.stat(st) < 0) return 0; // the fsync itself will answer for the file
        SharedFile mapped = PageCache.of(c.space().frames()).find(st.dev, st.ino);
        return mapped == null ? 0 : mapped.sync(0, Long.MAX_VALUE);
    }

    /** True when a shared mapping of this open file may later be made writable (mprotect): opened O_RDWR. */
    static boolean mayWriteShared(OpenFile f) {
        return f instanceof VfsFile v && (v.statusFlags() & O_ACCMODE) == O_RDWR;
    }
}
