package org.exoos.libposix.syscall;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.libposix.mm.PageCache;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.StatFs;
import org.exoos.servers.vfs.service.VfsClient;

import static org.exoos.libposix.syscall.SysVfs.AT_EMPTY_PATH;
import static org.exoos.libposix.syscall.SysVfs.AT_FDCWD;
import static org.exoos.libposix.syscall.SysVfs.AT_NO_AUTOMOUNT;
import static org.exoos.libposix.syscall.SysVfs.AT_SYMLINK_NOFOLLOW;
import static org.exoos.libposix.syscall.SysVfs.PATH;
import static org.exoos.libposix.syscall.SysVfs.PATH2;
import static org.exoos.libposix.syscall.SysVfs.SCRATCH;
import static org.exoos.libposix.syscall.SysVfs.path;
import static org.exoos.libposix.syscall.SysVfs.startOf;
import static org.exoos.libposix.syscall.SysVfs.vfs;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;

/**
 * The calls on a file's attributes, links, data sync, file system and mounts, served by the vfs server:
 * fchmod, fchmodat(2), fchown, fchownat, utimensat (and its futimens form), linkat, fsync, fdatasync,
 * fchdir, statfs, fstatfs, truncate, statx, mount and umount2. The vfs checks permissions against the
 * process's fsuid, fsgid and groups; its errno passes through. Files outside the vfs (pipes, host stdio)
 * have no attributes to change here (EOPNOTSUPP) and no fsync (EINVAL, as a pipe's on Linux).
 */
final class SysFileAttributes {
    private SysFileAttributes() {}

    static final int AT_SYMLINK_FOLLOW = 0x400, AT_STATX_SYNC_TYPE = 0x6000;
    /** statx: the basic fields struct stat has, and the reserved mask bit (EINVAL). */
    static final int STATX_BASIC_STATS = 0x7ff, STATX__RESERVED = 0x80000000;
    static final int STATX_SIZE = 256;

    private static final ThreadLocal<UnsafeBuffer> STATX =
            ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[STATX_SIZE]));
    private static final ThreadLocal<UnsafeBuffer> SOURCE = ThreadLocal.withInitial(UnsafeBuffer::new);
    private static final ThreadLocal<UnsafeBuffer> FSTYPE = ThreadLocal.withInitial(UnsafeBuffer::new);
    private static final ThreadLocal<UnsafeBuffer> DATA = ThreadLocal.withInitial(UnsafeBuffer::new);
    private static final UnsafeBuffer NONE = new UnsafeBuffer(new byte[0]);

    static void register(SyscallTable t) {
        t.addPartial("fchmod", "files of the vfs only; others are EOPNOTSUPP", SysFileAttributes::fchmod);
        t.add("fchmodat", SysFileAttributes::fchmodat);
        t.add("fchmodat2", SysFileAttributes::fchmodat2);
        t.addPartial("fchown", "files of the vfs only; others are EOPNOTSUPP", SysFileAttributes::fchown);
        t.add("fchownat", SysFileAttributes::fchownat);
        t.addPartial("utimensat", "the futimens form on files of the vfs only; others are EOPNOTSUPP",
                SysFileAttributes::utimensat);
        t.add("linkat", SysFileAttributes::linkat);
        t.add("fsync", c -> fsync(c, false));
        t.add("sync", SysFileAttributes::sync);
        t.add("syncfs", SysFileAttributes::syncfs);
        t.add("fdatasync", c -> fsync(c, true));
        t.add("fchdir", SysFileAttributes::fchdir);
        t.add("statfs", SysFileAttributes::statfs);
        t.addPartial("fstatfs", "files of the vfs only; others are EOPNOTSUPP", SysFileAttributes::fstatfs);
        t.add("truncate", SysFileAttributes::truncate);
        t.addPartial("statx", "STATX_BASIC_STATS only: no birth time, mount id or direct I/O alignment",
                SysFileAttributes::statx);
        t.addPartial("mount", "tmpfs, devtmpfs, proc (and binds, remounts); flags checked by the vfs", SysFileAttributes::mount);
        t.add("umount2", SysFileAttributes::umount2);
    }

    /** The vfs file an fd names: EBADF if none is open, EOPNOTSUPP for a file outside the vfs. */
    private static VfsFile vfsFile(SyscallContext c, int i) {
        OpenFile f = c.argFile(i);
        if (!(f instanceof VfsFile v)) throw new ErrnoException(Errno.EOPNOTSUPP);
        return v;
    }

    // ---- mode and owner ----

    static long fchmod(SyscallContext c) {
        VfsFile f = vfsFile(c, 0);
        return f.client().fchmod(c.process().fsCredentials(), f.handle(), c.argInt(1));
    }

    static long fchmodat(SyscallContext c) { return chmodAt(c, 0); }

    static long fchmodat2(SyscallContext c) { return chmodAt(c, c.argInt(3)); }

    private static long chmodAt(SyscallContext c, int flags) {
        UnsafeBuffer p = path(c, 1, PATH);
        if (p.capacity() == 0 && (flags & AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        return vfs.chmod(c.process().fsCredentials(), startOf(c, c.argInt(0), p), p, 0, p.capacity(), c.argInt(2),
                flags);
    }

    static long fchown(SyscallContext c) {
        VfsFile f = vfsFile(c, 0);
        return f.client().fchown(c.process().fsCredentials(), f.handle(), c.argInt(1), c.argInt(2));
    }

    static long fchownat(SyscallContext c) {
        int flags = c.argInt(4);
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        UnsafeBuffer p = path(c, 1, PATH);
        if (p.capacity() == 0 && (flags & AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        return vfs.chown(c.process().fsCredentials(), startOf(c, c.argInt(0), p), p, 0, p.capacity(), c.argInt(2),
                c.argInt(3), flags);
    }

    // ---- times ----

    /**
     * utimensat(dirfd, path, times[2], flags): times NULL means both now; a NULL path with a real dirfd is
     * futimens (flags must be 0). Both UTIME_OMIT succeeds at once, as on Linux.
     */
    static long utimensat(SyscallContext c) {
        int dirfd = c.argInt(0), flags = c.argInt(3);
        long pathAddress = c.arg(1), timesAddress = c.arg(2);
        boolean given = timesAddress != 0;
        long aSec = 0, aNsec = 0, mSec = 0, mNsec = 0;
        if (given) {
            aSec = c.readLong(timesAddress);
            aNsec = c.readLong(timesAddress + 8);
            mSec = c.readLong(timesAddress + 16);
            mNsec = c.readLong(timesAddress + 24);
            if (aNsec == org.exoos.servers.vfs.AtFlags.UTIME_OMIT && mNsec == org.exoos.servers.vfs.AtFlags.UTIME_OMIT) {
                return 0;
            }
        }
        PosixProcess process = c.process();
        if (pathAddress == 0 && dirfd != AT_FDCWD) {
            if (flags != 0) return -Errno.EINVAL;
            VfsFile f = vfsFile(c, 0);
            return f.client().futimens(process.fsCredentials(), f.handle(), given, aSec, aNsec, mSec, mNsec);
        }
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        UnsafeBuffer p = path(c, 1, PATH); // a NULL path with AT_FDCWD: EFAULT
        if (p.capacity() == 0 && (flags & AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        return vfs.utimens(process.fsCredentials(), startOf(c, dirfd, p), p, 0, p.capacity(), given, aSec, aNsec,
                mSec, mNsec, flags);
    }

    // ---- links ----

    static long linkat(SyscallContext c) {
        int flags = c.argInt(4);
        if ((flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        UnsafeBuffer from = path(c, 1, PATH), to = path(c, 3, PATH2);
        if (from.capacity() == 0 && (flags & AT_EMPTY_PATH) == 0 || to.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        return vfs.link(c.process().fsCredentials(), startOf(c, c.argInt(0), from), from, 0, from.capacity(),
                startOf(c, c.argInt(2), to), to, 0, to.capacity(), flags);
    }

    // ---- data ----

    static long fsync(SyscallContext c, boolean dataOnly) {
        OpenFile f = c.argFile(0);
        if (!(f instanceof VfsFile v)) return -Errno.EINVAL;
        long mapped = FileMapping.writeBack(c, v); // stores through shared mappings first
        int r = v.client().fsync(v.handle(), dataOnly);
        return mapped < 0 ? mapped : r;
    }

    /** sync(2): every dirty page the kernel holds (the page cache of mapped files) goes back; never fails. */
    static long sync(SyscallContext c) {
        PageCache.of(c.space().frames()).syncAll(-1);
        return 0;
    }

    /** syncfs(fd): the same for the file system fd is on; EBADF for a bad fd, EIO when a write-back failed. */
    static long syncfs(SyscallContext c) {
        OpenFile f = c.argFile(0);
        if (!(f instanceof VfsFile v)) return 0; // pipes, terminals, eventfds: nothing of theirs is cached
        FileStat st = new FileStat();
        UnsafeBuffer buf = new UnsafeBuffer(new byte[256]);
        int r = v.client().fstat(v.handle(), buf, 0);
        if (r < 0) return r;
        VfsFile.decodeStat(buf, 0, st);
        return PageCache.of(c.space().frames()).syncAll(st.dev) < 0 ? -Errno.EIO : 0;
    }

    static long truncate(SyscallContext c) {
        UnsafeBuffer p = path(c, 0, PATH);
        if (p.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        return vfs.truncate(c.process().fsCredentials(), startOf(c, AT_FDCWD, p), p, 0, p.capacity(), c.arg(1));
    }

    // ---- the working directory ----

    /** fchdir: a directory fd (ENOTDIR otherwise) the process may search; its handle becomes the cwd too. */
    static long fchdir(SyscallContext c) {
        OpenFile f = c.argFile(0);
        if (!(f instanceof VfsFile v)) return -Errno.ENOTDIR;
        PosixProcess process = c.process();
        VfsClient vfs = v.client();
        int rc = vfs.fchdir(process.fsCredentials(), v.handle());
        if (rc < 0) return rc;
        rc = vfs.retain(v.handle()); // the cwd holds its own reference to the open directory
        if (rc < 0) return rc;
        long old = process.cwd();
        process.setCwd(v.handle());
        if (old >= 0) vfs.close(old);
        return 0;
    }

    // ---- file systems ----

    static long statfs(SyscallContext c) {
        UnsafeBuffer p = path(c, 0, PATH);
        if (p.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        UnsafeBuffer out = SCRATCH.get();
        int rc = vfs.statfs(c.process().fsCredentials(), startOf(c, AT_FDCWD, p), p, 0, p.capacity(), out, 0);
        if (rc < 0) return rc;
        c.copyOut(c.arg(1), out.byteArray(), 0, StatFs.STRUCT_STATFS_SIZE);
        return 0;
    }

    static long fstatfs(SyscallContext c) {
        VfsFile f = vfsFile(c, 0);
        UnsafeBuffer out = SCRATCH.get();
        int rc = f.client().fstatfs(f.handle(), out, 0);
        if (rc < 0) return rc;
        c.copyOut(c.arg(1), out.byteArray(), 0, StatFs.STRUCT_STATFS_SIZE);
        return 0;
    }

    /** mount(source, target, fstype, flags, data): NULL source, fstype or data travel as empty strings. */
    static long mount(SyscallContext c) {
        UnsafeBuffer source = optionalString(c, 0, SOURCE), fsType = optionalString(c, 2, FSTYPE),
                data = optionalString(c, 4, DATA);
        UnsafeBuffer target = path(c, 1, PATH);
        if (target.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        return vfs.mount(c.process().fsCredentials(), startOf(c, AT_FDCWD, target), target, 0, target.capacity(),
                source, 0, source.capacity(), fsType, 0, fsType.capacity(), data, 0, data.capacity(), c.arg(3));
    }

    private static UnsafeBuffer optionalString(SyscallContext c, int i, ThreadLocal<UnsafeBuffer> slot) {
        return c.arg(i) == 0 ? NONE : path(c, i, slot);
    }

    static long umount2(SyscallContext c) {
        UnsafeBuffer p = path(c, 0, PATH);
        if (p.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        return vfs.umount(c.process().fsCredentials(), startOf(c, AT_FDCWD, p), p, 0, p.capacity(), c.argInt(1));
    }

    // ---- statx ----

    /** statx(dirfd, path, flags, mask, buf): struct stat's fields in struct statx (linux/stat.h). */
    static long statx(SyscallContext c) {
        int dirfd = c.argInt(0), flags = c.argInt(2), mask = c.argInt(3);
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) != 0
                || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED) != 0) {
            return -Errno.EINVAL;
        }
        FileStat st = new FileStat();
        UnsafeBuffer p = c.arg(1) == 0 && (flags & AT_EMPTY_PATH) != 0 ? NONE : path(c, 1, PATH);
        if (p.capacity() == 0) {
            if ((flags & AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
            if (dirfd != AT_FDCWD) {
                long rc = c.argFile(0).stat(st);
                if (rc < 0) return rc;
            } else {
                UnsafeBuffer out = SCRATCH.get();
                int rc = vfs(c).fstat(c.process().cwd(), out, 0);
                if (rc < 0) return rc;
                VfsFile.decodeStat(out, 0, st);
            }
        } else {
            VfsClient vfs = vfs(c);
            UnsafeBuffer out = SCRATCH.get();
            int rc = vfs.stat(c.process().fsCredentials(), startOf(c, dirfd, p), p, 0, p.capacity(),
                    flags & AT_SYMLINK_NOFOLLOW, out, 0);
            if (rc < 0) return rc;
            VfsFile.decodeStat(out, 0, st);
        }
        UnsafeBuffer x = STATX.get();
        x.setMemory(0, STATX_SIZE, (byte) 0);
        x.putInt(0, STATX_BASIC_STATS, BYTE_ORDER);
        x.putInt(4, st.blksize, BYTE_ORDER);
        x.putInt(16, st.nlink, BYTE_ORDER);
        x.putInt(20, st.uid, BYTE_ORDER);
        x.putInt(24, st.gid, BYTE_ORDER);
        x.putShort(28, (short) st.mode, BYTE_ORDER);
        x.putLong(32, st.ino, BYTE_ORDER);
        x.putLong(40, st.size, BYTE_ORDER);
        x.putLong(48, st.blocks, BYTE_ORDER);
        putTimestamp(x, 64, st.atimeSec, st.atimeNsec);
        putTimestamp(x, 96, st.ctimeSec, st.ctimeNsec);
        putTimestamp(x, 112, st.mtimeSec, st.mtimeNsec);
        x.putInt(128, major(st.rdev), BYTE_ORDER);
        x.putInt(132, minor(st.rdev), BYTE_ORDER);
        x.putInt(136, major(st.dev), BYTE_ORDER);
        x.putInt(140, minor(st.dev), BYTE_ORDER);
        c.copyOut(c.arg(4), x.byteArray(), 0, STATX_SIZE);
        return 0;
    }

    private static void putTimestamp(UnsafeBuffer x, int at, long sec, long nsec) {
        x.putLong(at, sec, BYTE_ORDER);
        x.putInt(at + 8, (int) nsec, BYTE_ORDER);
    }

    /** Linux's dev_t split (include/linux/kdev_t.h, the huge encoding glibc's gnu_dev_major uses). */
    static int major(long dev) { return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL)); }

    static int minor(long dev) { return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL)); }
}
