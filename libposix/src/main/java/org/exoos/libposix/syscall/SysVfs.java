package org.exoos.libposix.syscall;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.hal.mmu.AccessType;
import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.fd.FifoFile;
import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.NamedPipes;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.StatusFlags;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.ResourceLimits;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.service.VfsClient;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The path calls, served by the vfs server ({@link VfsClient}): openat, newfstatat, faccessat(2),
 * readlinkat, mkdirat, mknodat, unlinkat, renameat2, symlinkat, getcwd, chdir, and the fd calls only files of the
 * vfs answer (pread64, pwrite64, getdents64, ftruncate). A relative path starts at the dirfd's vfs handle,
 * or at the process's cwd handle for AT_FDCWD; the server's errno passes through unchanged.
 *
 * <p>A machine without a vfs (libposix on its own) answers every path with ENOENT, as before there was
 * a file system; readlink of /proc/self/exe works either way (the vfs does not know the executable).
 */
final class SysVfs {
    private SysVfs() {}

    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200, AT_NO_AUTOMOUNT = 0x800,
            AT_EMPTY_PATH = 0x1000;
    static final int F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;
    static final int O_CLOEXEC = 02000000;
    /** The largest transfer of one getdents64 or readlink request: the server clamps to its block anyway. */
    static final int MAX_REPLY = 64 * 1024;

    /** Reply bytes (struct stat, dirents, link targets, the cwd) on their way to the guest, per thread. */
    static final ThreadLocal<UnsafeBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[MAX_REPLY]));
    /** The second path of rename and symlink, per thread (the first is in {@link #PATH}). */
    static final ThreadLocal<UnsafeBuffer> PATH = ThreadLocal.withInitial(UnsafeBuffer::new);
    static final ThreadLocal<UnsafeBuffer> PATH2 = ThreadLocal.withInitial(UnsafeBuffer::new);

    static void register(SyscallTable t) {
        t.addPartial("openat", "through the vfs server; O_TMPFILE and sockets are not there yet", SysVfs::openat);
        t.add("newfstatat", SysVfs::newfstatat);
        t.add("faccessat", SysVfs::faccessat);
        t.add("faccessat2", SysVfs::faccessat2);
        t.add("readlinkat", SysVfs::readlinkat);
        t.add("mkdirat", SysVfs::mkdirat);
        t.add("mknodat", SysVfs::mknodat);
        t.add("unlinkat", SysVfs::unlinkat);
        t.addPartial("renameat2", "RENAME_WHITEOUT is EINVAL", SysVfs::renameat2);
        t.add("symlinkat", SysVfs::symlinkat);
        t.add("getcwd", SysVfs::getcwd);
        t.add("chdir", SysVfs::chdir);
        t.add("getdents64", SysVfs::getdents64);
        t.add("ftruncate", SysVfs::ftruncate);
        t.addPartial("pread64", "files of the vfs only; others are ESPIPE", SysVfs::pread64);
        t.addPartial("pwrite64", "files of the vfs only; others are ESPIPE", SysVfs::pwrite64);
    }

    // ---- plumbing ----

    /** The vfs, or ENOENT: a machine without a file system has no paths. */
    static VfsClient vfs(SyscallContext c) {
        VfsClient v = c.linux().vfs();
        if (v == null) throw new ErrnoException(Errno.ENOENT);
        return v;
    }

    /** The path at argument i, in the thread's path buffer (EFAULT, ENAMETOOLONG from {@link SyscallContext#readPath}). */
    static UnsafeBuffer path(SyscallContext c, int i, ThreadLocal<UnsafeBuffer> slot) {
        UnsafeBuffer b = slot.get();
        b.wrap(c.readPath(c.arg(i)));
        return b;
    }

    /**
     * The vfs handle a path starts at: none for an absolute path (dirfd is not looked at), the cwd for
     * AT_FDCWD, else the dirfd's (EBADF if it is not open, ENOTDIR if it is no vfs file).
     */
    static long startOf(SyscallContext c, int dirfd, UnsafeBuffer path) {
        if (path.capacity() > 0 && path.getByte(0) == '/') return Vfs.NO_HANDLE;
        if (dirfd == AT_FDCWD) return c.process().cwd();
        OpenFile f = c.process().fds().get(dirfd);
        if (f == null) throw new ErrnoException(Errno.EBADF);
        if (!(f instanceof VfsFile v)) throw new ErrnoException(Errno.ENOTDIR);
        return v.handle();
    }

    private static long fileLimit(SyscallContext c) {
        long soft = c.process().limits().soft(ResourceLimits.RLIMIT_NOFILE);
        return soft < 0 || soft > Integer.MAX_VALUE ? Integer.MAX_VALUE : soft;
    }

    // ---- the calls ----

    static long openat(SyscallContext c) {
        int dirfd = c.argInt(0), flags = c.argInt(2), mode = c.argInt(3);
        UnsafeBuffer p = path(c, 1, PATH);
        if (p.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        PosixProcess process = c.process();
        long start = startOf(c, dirfd, p);
        long handle = vfs.open(process.fsCredentials(), start, p, 0, p.capacity(), flags, mode & 07777, process.umask());
        // ENXIO: a FIFO, whose pipe the kernel keeps, or a device node with no vfs driver, which the kernel
        // may serve itself (the terminal, by number).
        if (handle == -Errno.ENXIO) {
            long fifo = openFifo(c, vfs, start, p, flags);
            if (fifo != NOT_A_FIFO) return fifo;
        }
        OpenFile device = handle == -Errno.ENXIO
                ? c.linux().devices().open(process, vfs, start, p, 0, p.capacity(), flags) : null;
        if (handle < 0 && device == null) return handle;
        OpenFile file = device != null ? device : new VfsFile(vfs, handle, flags);
        int fd = process.fds().install(file, 0, fileLimit(c), (flags & O_CLOEXEC) != 0);
        if (fd < 0) {
            file.close();
            return -Errno.EMFILE;
        }
        return fd;
    }

    /** What {@link #openFifo} answers for a node that is no FIFO: the open goes on to the devices. */
    private static final long NOT_A_FIFO = Long.MIN_VALUE;

    /**
     * After the vfs answered ENXIO (with its walk and permission checks done): if the node is a FIFO, the
     * caller's end of its named pipe as a new fd, or the open's errno (ENXIO, EINTR, EMFILE).
     */
    private static long openFifo(SyscallContext c, VfsClient vfs, long start, UnsafeBuffer p, int flags) {
        PosixProcess process = c.process();
        int pathFlags = OpenFlags.O_PATH | (flags & (OpenFlags.O_NOFOLLOW | OpenFlags.O_DIRECTORY));
        long node = vfs.open(process.fsCredentials(), start, p, 0, p.capacity(), pathFlags, 0, 0);
        if (node < 0) return NOT_A_FIFO;
        UnsafeBuffer out = SCRATCH.get();
        FileStat st = new FileStat();
        if (vfs.fstat(node, out, 0) < 0) {
            vfs.close(node);
            return NOT_A_FIFO;
        }
        VfsFile.decodeStat(out, 0, st);
        if ((st.mode & FileStat.S_IFMT) != FileStat.S_IFIFO) {
            vfs.close(node);
            return NOT_A_FIFO;
        }
        NamedPipes pipes = c.linux().namedPipes();
        NamedPipes.Fifo fifo = pipes.acquire(st.dev, st.ino);
        int rc = fifo.open(flags & StatusFlags.O_ACCMODE, StatusFlags.nonBlocking(flags), c.thread().waiter());
        if (rc < 0) {
            pipes.release(fifo);
            vfs.close(node);
            return rc;
        }
        OpenFile file = new FifoFile(fifo, flags, vfs, node);
        int fd = process.fds().install(file, 0, fileLimit(c), (flags & O_CLOEXEC) != 0);
        if (fd < 0) {
            file.close();
            return -Errno.EMFILE;
        }
        return fd;
    }

    static long newfstatat(SyscallContext c) {
        int dirfd = c.argInt(0), flags = c.argInt(3);
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        UnsafeBuffer p = path(c, 1, PATH);
        long statbuf = c.arg(2);
        if (p.capacity() == 0) {
            if ((flags & AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
            if (dirfd != AT_FDCWD) return statInto(c, c.argFile(0), statbuf);
            VfsClient vfs = vfs(c);
            UnsafeBuffer out = SCRATCH.get();
            int r = vfs.fstat(c.process().cwd(), out, 0);
            if (r < 0) return r;
            c.copyOut(statbuf, out.byteArray(), 0, FileStat.SIZE);
            return 0;
        }
        VfsClient vfs = vfs(c);
        UnsafeBuffer out = SCRATCH.get();
        int r = vfs.stat(c.process().fsCredentials(), startOf(c, dirfd, p), p, 0, p.capacity(),
                flags & AT_SYMLINK_NOFOLLOW, out, 0);
        if (r < 0) return r;
        c.copyOut(statbuf, out.byteArray(), 0, FileStat.SIZE);
        return 0;
    }

    private static long statInto(SyscallContext c, OpenFile f, long buf) {
        FileStat st = new FileStat();
        long r = f.stat(st);
        if (r < 0) return r;
        c.copyOut(buf, st.encode());
        return 0;
    }

    static long faccessat(SyscallContext c) { return access(c, 0); }

    static long faccessat2(SyscallContext c) {
        int flags = c.argInt(3);
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        return access(c, flags);
    }

    private static long access(SyscallContext c, int flags) {
        int mode = c.argInt(2);
        if ((mode & ~(R_OK | W_OK | X_OK)) != 0) return -Errno.EINVAL;
        UnsafeBuffer p = path(c, 1, PATH);
        if (p.capacity() == 0 && (flags & AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        PosixProcess process = c.process();
        org.exoos.servers.vfs.Credentials who = (flags & AT_EACCESS) != 0 ? process.fsCredentials()
                : process.realAccessCredentials(); // access(2) asks for the real ids
        return vfs.access(who, startOf(c, c.argInt(0), p), p, 0, p.capacity(), mode,
                flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH));
    }

    static long readlinkat(SyscallContext c) {
        UnsafeBuffer p = path(c, 1, PATH);
        int size = c.argInt(3);
        if (size <= 0) return -Errno.EINVAL;
        if (isOwnExe(c, p)) {
            byte[] target = c.process().executable().getBytes(StandardCharsets.UTF_8);
            int n = Math.min(size, target.length); // readlink does not NUL-terminate, and truncates silently
            c.copyOut(c.arg(2), target, 0, n);
            return n;
        }
        if (p.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        UnsafeBuffer out = SCRATCH.get();
        int n = vfs.readlink(c.process().fsCredentials(), startOf(c, c.argInt(0), p), p, 0, p.capacity(), out, 0,
                Math.min(size, MAX_REPLY));
        if (n > 0) c.copyOut(c.arg(2), out.byteArray(), 0, n);
        return n;
    }

    /** /proc/self/exe or /proc/PID/exe of the caller: the process knows its executable, the vfs does not. */
    private static boolean isOwnExe(SyscallContext c, UnsafeBuffer p) {
        String s = p.getStringWithoutLengthAscii(0, p.capacity());
        return s.equals("/proc/self/exe") || s.equals("/proc/" + c.process().pid() + "/exe");
    }

    static long mkdirat(SyscallContext c) {
        UnsafeBuffer p = path(c, 1, PATH);
        if (p.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        PosixProcess process = c.process();
        return vfs.mkdir(process.fsCredentials(), startOf(c, c.argInt(0), p), p, 0, p.capacity(),
                c.argInt(2) & 07777, process.umask());
    }

    /**
     * mknodat(2): the vfs checks the type (EINVAL, EPERM for a directory), CAP_MKNOD for devices (EPERM) and
     * the walk; the permission bits are masked by the umask there.
     */
    static long mknodat(SyscallContext c) {
        UnsafeBuffer p = path(c, 1, PATH);
        if (p.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        PosixProcess process = c.process();
        return vfs.mknod(process.fsCredentials(), startOf(c, c.argInt(0), p), p, 0, p.capacity(),
                c.argInt(2) & 0xffff, c.argUint(3), process.umask()); // mode is a umode_t, dev an unsigned int
    }

    static long unlinkat(SyscallContext c) {
        int flags = c.argInt(2);
        if ((flags & ~AT_REMOVEDIR) != 0) return -Errno.EINVAL;
        UnsafeBuffer p = path(c, 1, PATH);
        if (p.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        return vfs.unlink(c.process().fsCredentials(), startOf(c, c.argInt(0), p), p, 0, p.capacity(), flags);
    }

    static long renameat2(SyscallContext c) {
        UnsafeBuffer from = path(c, 1, PATH), to = path(c, 3, PATH2);
        if (from.capacity() == 0 || to.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        return vfs.rename(c.process().fsCredentials(), startOf(c, c.argInt(0), from), from, 0, from.capacity(),
                startOf(c, c.argInt(2), to), to, 0, to.capacity(), c.argInt(4));
    }

    static long symlinkat(SyscallContext c) {
        UnsafeBuffer target = path(c, 0, PATH2), link = path(c, 2, PATH);
        if (target.capacity() == 0 || link.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        return vfs.symlink(c.process().fsCredentials(), target, 0, target.capacity(), startOf(c, c.argInt(1), link),
                link, 0, link.capacity());
    }

    static long getcwd(SyscallContext c) {
        if (c.process().root() >= 0) return SysChroot.getcwd(c, c.process()); // relative to the chroot
        long size = c.arg(1);
        VfsClient vfs = vfs(c);
        UnsafeBuffer out = SCRATCH.get();
        int n = vfs.getcwd(c.process().cwd(), out, 0, (int) Math.min(size, SyscallContext.PATH_MAX));
        if (n > 0) c.copyOut(c.arg(0), out.byteArray(), 0, n);
        return n;
    }

    static long chdir(SyscallContext c) {
        UnsafeBuffer p = path(c, 0, PATH);
        if (p.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        PosixProcess process = c.process();
        long old = process.cwd();
        long handle = vfs.chdir(process.fsCredentials(), startOf(c, AT_FDCWD, p), p, 0, p.capacity());
        if (handle < 0) return handle;
        process.setCwd(handle);
        if (old >= 0) vfs.close(old);
        return 0;
    }

    static long getdents64(SyscallContext c) {
        OpenFile f = c.argFile(0);
        long count = c.argUint(2);
        UnsafeBuffer out = SCRATCH.get();
        long n = f.getdents64(out, (int) Math.min(count, MAX_REPLY));
        if (n > 0) c.copyOut(c.arg(1), out.byteArray(), 0, (int) n);
        return n;
    }

    static long ftruncate(SyscallContext c) {
        OpenFile f = c.argFile(0);
        long length = c.arg(1);
        if (length < 0) return -Errno.EINVAL;
        return f.truncate(length);
    }

    static long pread64(SyscallContext c) {
        OpenFile f = c.argFile(0);
        long position = c.arg(3);
        if (position < 0) return -Errno.EINVAL;
        MemorySegment[] bufs = c.userBuffers(c.arg(1), Math.min(c.arg(2), SyscallContext.MAX_RW_COUNT), AccessType.STORE);
        if (bufs.length == 0) return 0;
        long n = f.pread(bufs, position);
        if (n > 0) c.noteWritten(bufs, n);
        return n;
    }

    static long pwrite64(SyscallContext c) {
        OpenFile f = c.argFile(0);
        long position = c.arg(3);
        if (position < 0) return -Errno.EINVAL;
        MemorySegment[] bufs = c.userBuffers(c.arg(1), Math.min(c.arg(2), SyscallContext.MAX_RW_COUNT), AccessType.LOAD);
        return bufs.length == 0 ? 0 : f.pwrite(bufs, position);
    }
}
