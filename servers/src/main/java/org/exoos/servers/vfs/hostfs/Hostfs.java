package org.exoos.servers.vfs.hostfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.MutableReference;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.DeviceNumbers;
import org.exoos.servers.vfs.Dirent64Writer;
import org.exoos.servers.vfs.DirentSink;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.FileSystem;
import org.exoos.servers.vfs.Inode;
import org.exoos.servers.vfs.OpenFile;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.PathWalker;
import org.exoos.servers.vfs.RenameFlags;
import org.exoos.servers.vfs.SetAttr;
import org.exoos.servers.vfs.Stat;
import org.exoos.servers.vfs.StatFs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;

import static org.exoos.servers.protocol.Errno.EBADF;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EIO;
import static org.exoos.servers.protocol.Errno.ELOOP;
import static org.exoos.servers.protocol.Errno.ENAMETOOLONG;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOTDIR;

/**
 * A host directory shown in the namespace, passed through to the host file system: data, names, modes,
 * owners, times and link counts are the host's, and what the host refuses the guest is refused, with the
 * host's errno (a Linux host numbers errors as riscv64 Linux does).
 * <p>
 * <b>Confinement.</b> Nothing outside the directory is ever opened, by construction:
 * <ul>
 * <li>The mount holds a descriptor of the directory; every host call is relative to a descriptor (the *at
 * calls), and every descriptor is reached from that one by opening one name at a time with O_NOFOLLOW, so a
 * host symlink is never followed, not even one swapped in by a racing process: it is opened as itself or
 * refused (ELOOP, ENOTDIR).</li>
 * <li>Names come from the vfs one component at a time and are never "." or ".."; ".." is the vfs's (at the
 * mount's root it leaves the mount), so hostfs never asks the host for "..".</li>
 * <li>A host symlink is shown as a symlink: the vfs reads its target and walks it in the Exo-OS namespace,
 * where an absolute target starts at the Exo-OS root and ".." cannot climb out of the mount except into the
 * Exo-OS tree above it.</li>
 * <li>An inode is found again by the names it was found under, walked from the root as above, and the host
 * file reached is checked to be the same (st_dev and st_ino): a file or directory renamed or replaced
 * behind hostfs's back gives ENOENT, never another file.</li>
 * </ul>
 * <b>Identity.</b> The same host file is the same {@link Inode} while anything holds it (a mount on it, an
 * open file, a cwd), through a weak cache keyed by host device and inode; that is what mounts on hostfs
 * directories and the vfs's rename checks need.
 * <p>
 * <b>Limits.</b> Owners and groups are the host's numbers, unmapped; chown is whatever the host allows the
 * JVM's user (EPERM unless it is root). mknod is EPERM. st_dev is the mount's, so files of two host file
 * systems under the directory may share an inode number. Access times are the host's policy. Every
 * operation walks from the root (one openat per component) rather than caching descriptors. A Linux host is
 * required (statx, renameat2, getdents64, /proc/self/fd).
 */
public final class Hostfs implements FileSystem {
    private static final Logger LOG = LoggerFactory.getLogger(Hostfs.class);

    private static final int PATH_FLAGS = HostOpenFlags.O_PATH | HostOpenFlags.O_NOFOLLOW | HostOpenFlags.O_CLOEXEC;
    private static final int DIRECTORY_PATH_FLAGS = PATH_FLAGS | HostOpenFlags.O_DIRECTORY;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;

    private final String typeName;
    private final long dev;
    private final HostCalls host;
    private final HostInode root;
    private final HostInode[] chain = new HostInode[PathWalker.PATH_MAX / 2];
    private final Long2ObjectHashMap<InodeRef> cache = new Long2ObjectHashMap<>();
    private final ReferenceQueue<HostInode> collected = new ReferenceQueue<>();
    private int rootFd;
    /** A file create() opened read-write for the open() that follows it (the host would refuse a 0444 file). */
    private HostInode createdInode;
    private int createdFd = -1;

    /** A weak cache entry, remembering its key so that it can be removed once collected. */
    private static final class InodeRef extends WeakReference<HostInode> {
        final long key;

        InodeRef(HostInode inode, long key, ReferenceQueue<HostInode> queue) {
            super(inode, queue);
            this.key = key;
        }
    }

    /**
     * @param rootFd a host descriptor of the directory (O_PATH is enough), which the file system now owns
     */
    Hostfs(String typeName, long dev, HostCalls host, int rootFd) {
        this.typeName = typeName;
        this.dev = dev;
        this.host = host;
        this.rootFd = rootFd;
        int rc = host.fstatx(rootFd);
        if (rc < 0) {
            throw new IllegalStateException("statx of the hostfs root failed: " + rc);
        }
        this.root = new HostInode(this, host.statxLong(StatxDescriptor.INO_OFFSET), hostDevOfStatx(),
                host.statxMode(), host.statxInt(StatxDescriptor.UID_OFFSET), host.statxInt(StatxDescriptor.GID_OFFSET),
                null, null);
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public long dev() {
        return dev;
    }

    @Override
    public Inode root() {
        return root;
    }

    // ---- namespace -------------------------------------------------------------------------------------

    @Override
    public int lookup(Credentials cred, Inode dir, String name, MutableReference<Inode> result) {
        HostInode d = (HostInode) dir;
        int dirFd = openDirectory(d);
        if (dirFd < 0) {
            return dirFd;
        }
        try {
            int rc = host.statxAt(dirFd, name);
            if (rc < 0) {
                return rc;
            }
            result.ref = inodeOfStatx(d, name);
            return 0;
        } finally {
            closeDirectory(dirFd);
        }
    }

    @Override
    public Inode parent(Inode dir) {
        return ((HostInode) dir).parent;
    }

    @Override
    public String directoryName(Inode dir) {
        HostInode d = (HostInode) dir;
        return d.isRoot() || d.removed ? null : d.name;
    }

    @Override
    public int create(Inode dir, String name, int mode, int uid, int gid, MutableReference<Inode> result) {
        closeCreated();
        HostInode d = (HostInode) dir;
        int dirFd = openDirectory(d);
        if (dirFd < 0) {
            return dirFd;
        }
        try {
            int perm = mode & FileMode.S_IALLUGO;
            int fd = host.openat(dirFd, name, HostOpenFlags.O_CREAT | HostOpenFlags.O_EXCL | HostOpenFlags.O_RDWR
                    | HostOpenFlags.O_NOFOLLOW | HostOpenFlags.O_CLOEXEC, perm);
            if (fd < 0) {
                return fd;
            }
            int rc = host.fstatx(fd);
            if (rc == 0 && (host.statxMode() & FileMode.S_IALLUGO) != perm) {
                // the host's umask took bits the vfs had already decided on
                host.fchmod(fd, perm);
                rc = host.fstatx(fd);
            }
            if (rc < 0) {
                host.close(fd);
                return rc;
            }
            HostInode inode = inodeOfStatx(d, name);
            createdInode = inode;
            createdFd = fd;
            result.ref = inode;
            return 0;
        } finally {
            closeDirectory(dirFd);
        }
    }

    @Override
    public int mkdir(Inode dir, String name, int mode, int uid, int gid) {
        closeCreated();
        int dirFd = openDirectory((HostInode) dir);
        if (dirFd < 0) {
            return dirFd;
        }
        try {
            int perm = mode & FileMode.S_IALLUGO;
            int rc = host.mkdirat(dirFd, name, perm);
            if (rc < 0) {
                return rc;
            }
            fixMode(dirFd, name, perm);
            return 0;
        } finally {
            closeDirectory(dirFd);
        }
    }

    /** Sets the permission bits of a just-made entry if the host's umask took some (never through a symlink). */
    private void fixMode(int dirFd, String name, int perm) {
        int fd = host.openat(dirFd, name, PATH_FLAGS, 0);
        if (fd < 0) {
            return;
        }
        if (host.fstatx(fd) == 0 && !FileMode.isSymlink(host.statxMode())
                && (host.statxMode() & FileMode.S_IALLUGO) != perm) {
            host.chmodPathFd(fd, perm);
        }
        host.close(fd);
    }

    @Override
    public int symlink(Inode dir, String name, String target, int uid, int gid) {
        closeCreated();
        int dirFd = openDirectory((HostInode) dir);
        if (dirFd < 0) {
            return dirFd;
        }
        try {
            return host.symlinkat(target, dirFd, name);
        } finally {
            closeDirectory(dirFd);
        }
    }

    @Override
    public int link(Inode target, Inode dir, String name) {
        closeCreated();
        HostInode t = (HostInode) target;
        if (t.isRoot() || t.removed) {
            return -ENOENT;
        }
        int oldFd = openDirectory(t.parent);
        if (oldFd < 0) {
            return oldFd;
        }
        try {
            int rc = checkEntry(oldFd, t);
            if (rc < 0) {
                return rc;
            }
            int newFd = openDirectory((HostInode) dir);
            if (newFd < 0) {
                return newFd;
            }
            try {
                return host.linkat(oldFd, t.name, newFd, name);
            } finally {
                closeDirectory(newFd);
            }
        } finally {
            closeDirectory(oldFd);
        }
    }

    @Override
    public int unlink(Inode dir, String name, Inode victim) {
        return remove((HostInode) dir, name, (HostInode) victim, 0);
    }

    @Override
    public int rmdir(Inode dir, String name, Inode victim) {
        return remove((HostInode) dir, name, (HostInode) victim, HostOpenFlags.AT_REMOVEDIR);
    }

    private int remove(HostInode dir, String name, HostInode victim, int flags) {
        closeCreated();
        int dirFd = openDirectory(dir);
        if (dirFd < 0) {
            return dirFd;
        }
        try {
            int rc = host.statxAt(dirFd, name);
            if (rc < 0) {
                return rc;
            }
            if (!isStatxOf(victim)) {
                return -ENOENT;
            }
            rc = host.unlinkat(dirFd, name, flags);
            if (rc == 0 && victim.parent == dir && name.equals(victim.name)) {
                victim.removed = true;
            }
            return rc;
        } finally {
            closeDirectory(dirFd);
        }
    }

    @Override
    public int rename(Inode oldDir, String oldName, Inode newDir, String newName, int flags) {
        closeCreated();
        HostInode from = (HostInode) oldDir;
        HostInode to = (HostInode) newDir;
        int oldFd = openDirectory(from);
        if (oldFd < 0) {
            return oldFd;
        }
        try {
            int newFd = openDirectory(to);
            if (newFd < 0) {
                return newFd;
            }
            try {
                int rc = host.statxAt(oldFd, oldName);
                if (rc < 0) {
                    return rc;
                }
                HostInode source = cached(hostDevOfStatx(), host.statxLong(StatxDescriptor.INO_OFFSET));
                HostInode target = null;
                if (host.statxAt(newFd, newName) == 0) {
                    target = cached(hostDevOfStatx(), host.statxLong(StatxDescriptor.INO_OFFSET));
                }
                int hostFlags = (flags & RenameFlags.RENAME_EXCHANGE) != 0 ? RenameFlags.RENAME_EXCHANGE : 0;
                rc = host.renameat2(oldFd, oldName, newFd, newName, hostFlags);
                if (rc < 0) {
                    return rc;
                }
                if (target != null && target != source) {
                    if (hostFlags != 0) {
                        relocate(target, from, oldName);
                    } else if (target.parent == to && newName.equals(target.name)) {
                        target.removed = true;
                    }
                }
                if (source != null) {
                    relocate(source, to, newName);
                }
                return 0;
            } finally {
                closeDirectory(newFd);
            }
        } finally {
            closeDirectory(oldFd);
        }
    }

    @Override
    public int readlink(Credentials cred, Inode link, MutableReference<String> result) {
        HostInode l = (HostInode) link;
        if (l.isRoot()) {
            return -EINVAL;
        }
        if (l.removed) {
            return -ENOENT;
        }
        int dirFd = openDirectory(l.parent);
        if (dirFd < 0) {
            return dirFd;
        }
        try {
            int n = host.readlinkat(dirFd, l.name);
            if (n < 0) {
                return n;
            }
            result.ref = host.linkTarget(n);
            return 0;
        } finally {
            closeDirectory(dirFd);
        }
    }

    // ---- attributes ------------------------------------------------------------------------------------

    @Override
    public int getattr(Inode inode, Stat out) {
        HostInode h = (HostInode) inode;
        int rc = statxOf(h);
        if (rc == -ENOENT && h.removed) {
            // unlinked, not open: what is left is what the vfs already knew
            out.dev = dev;
            out.ino = h.ino();
            out.mode = h.mode();
            out.uid = h.uid();
            out.gid = h.gid();
            out.nlink = 0;
            return 0;
        }
        if (rc < 0) {
            return rc;
        }
        refreshFromStatx(h);
        out.dev = dev;
        out.ino = h.ino();
        out.mode = h.mode();
        out.nlink = host.statxInt(StatxDescriptor.NLINK_OFFSET);
        out.uid = h.uid();
        out.gid = h.gid();
        out.rdev = DeviceNumbers.makedev(Integer.toUnsignedLong(host.statxInt(StatxDescriptor.RDEV_MAJOR_OFFSET)),
                Integer.toUnsignedLong(host.statxInt(StatxDescriptor.RDEV_MINOR_OFFSET)));
        out.size = host.statxLong(StatxDescriptor.SIZE_OFFSET);
        out.blksize = host.statxInt(StatxDescriptor.BLKSIZE_OFFSET);
        out.blocks = host.statxLong(StatxDescriptor.BLOCKS_OFFSET);
        out.setAtime(host.statxTimeNanos(StatxDescriptor.ATIME_OFFSET));
        out.setMtime(host.statxTimeNanos(StatxDescriptor.MTIME_OFFSET));
        out.setCtime(host.statxTimeNanos(StatxDescriptor.CTIME_OFFSET));
        return 0;
    }

    /** statx of the inode into the scratch: through an open descriptor if there is one, else by its names. */
    private int statxOf(HostInode h) {
        int fd = h.anyOpenFd();
        if (fd >= 0) {
            return host.fstatx(fd);
        }
        if (h.isRoot()) {
            return rootFd < 0 ? -ENOENT : host.fstatx(rootFd);
        }
        if (h.removed) {
            return -ENOENT;
        }
        int dirFd = openDirectory(h.parent);
        if (dirFd < 0) {
            return dirFd;
        }
        try {
            return checkEntry(dirFd, h);
        } finally {
            closeDirectory(dirFd);
        }
    }

    /**
     * Size first (the host then sets mtime and ctime itself, so the vfs's times are not applied with it), then
     * mode, owner, and access and modification times. ctime is always the host's.
     */
    @Override
    public int setattr(Inode inode, SetAttr attr) {
        closeCreated();
        HostInode h = (HostInode) inode;
        int rc;
        if (attr.has(SetAttr.ATTR_SIZE)) {
            int fd = h.writableOpenFd();
            if (fd >= 0) {
                rc = host.ftruncate(fd, attr.size);
            } else {
                fd = openEntry(h, HostOpenFlags.O_WRONLY);
                if (fd < 0) {
                    return fd;
                }
                rc = host.ftruncate(fd, attr.size);
                host.close(fd);
            }
            if (rc < 0) {
                return rc;
            }
        }
        boolean chmod = attr.has(SetAttr.ATTR_MODE);
        boolean chown = attr.has(SetAttr.ATTR_UID) || attr.has(SetAttr.ATTR_GID);
        if (chmod || chown) {
            int fd = h.anyOpenFd();
            boolean borrowed = fd >= 0;
            if (!borrowed) {
                fd = openEntry(h, HostOpenFlags.O_PATH);
                if (fd < 0) {
                    return fd;
                }
            }
            try {
                if (chmod) {
                    rc = host.chmodPathFd(fd, attr.mode & FileMode.S_IALLUGO);
                    if (rc < 0) {
                        return rc;
                    }
                }
                if (chown) {
                    rc = host.chownPathFd(fd, attr.has(SetAttr.ATTR_UID) ? attr.uid : -1,
                            attr.has(SetAttr.ATTR_GID) ? attr.gid : -1);
                    if (rc < 0) {
                        return rc;
                    }
                }
            } finally {
                if (!borrowed) {
                    host.close(fd);
                }
            }
        }
        boolean atime = attr.has(SetAttr.ATTR_ATIME);
        boolean mtime = attr.has(SetAttr.ATTR_MTIME);
        if ((atime || mtime) && !attr.has(SetAttr.ATTR_SIZE)) {
            rc = setTimes(h, attr.atime, atime, attr.mtime, mtime);
            if (rc < 0) {
                return rc;
            }
        }
        return statxOf(h) == 0 ? refreshed(h) : 0;
    }

    private int refreshed(HostInode h) {
        refreshFromStatx(h);
        return 0;
    }

    /** Keeps the vfs's view of mode and owner (what it checks permissions against) at the host's last word. */
    private void refreshFromStatx(HostInode h) {
        h.refresh(host.statxMode(), host.statxInt(StatxDescriptor.UID_OFFSET),
                host.statxInt(StatxDescriptor.GID_OFFSET));
    }

    private int setTimes(HostInode h, long atime, boolean setAtime, long mtime, boolean setMtime) {
        int fd = h.anyOpenFd();
        if (fd >= 0 || h.isRoot()) {
            // the file itself, through /proc/self/fd: an open regular file or directory, or the root
            return host.utimens(fd >= 0 ? fd : rootFd, null, atime, setAtime, mtime, setMtime);
        }
        if (h.removed) {
            return -ENOENT;
        }
        int dirFd = openDirectory(h.parent);
        if (dirFd < 0) {
            return dirFd;
        }
        try {
            int rc = checkEntry(dirFd, h);
            if (rc < 0) {
                return rc;
            }
            return host.utimens(dirFd, h.name, atime, setAtime, mtime, setMtime);
        } finally {
            closeDirectory(dirFd);
        }
    }

    @Override
    public int statfs(StatFs out) {
        if (rootFd < 0) {
            return -EIO;
        }
        int rc = host.fstatfs(rootFd);
        if (rc < 0) {
            return rc;
        }
        MemorySegment s = host.statfs;
        out.type = s.get(ValueLayout.JAVA_LONG, 0);
        out.bsize = s.get(ValueLayout.JAVA_LONG, 8);
        out.blocks = s.get(ValueLayout.JAVA_LONG, 16);
        out.bfree = s.get(ValueLayout.JAVA_LONG, 24);
        out.bavail = s.get(ValueLayout.JAVA_LONG, 32);
        out.files = s.get(ValueLayout.JAVA_LONG, 40);
        out.ffree = s.get(ValueLayout.JAVA_LONG, 48);
        out.fsid0 = (int) dev;
        out.fsid1 = (int) (dev >>> 32);
        out.namelen = s.get(ValueLayout.JAVA_LONG, 64);
        out.frsize = s.get(ValueLayout.JAVA_LONG, 72);
        return 0;
    }

    // ---- open files ------------------------------------------------------------------------------------

    @Override
    public int open(OpenFile file) {
        HostInode h = (HostInode) file.inode();
        int flags = file.flags();
        int fd;
        boolean writable;
        if (createdInode == h && createdFd >= 0) {
            fd = createdFd;
            writable = true;
            createdInode = null;
            createdFd = -1;
        } else {
            closeCreated();
            int hostFlags;
            boolean read = OpenFlags.canRead(flags);
            writable = OpenFlags.canWrite(flags);
            if (h.isDirectory()) {
                hostFlags = HostOpenFlags.O_RDONLY | HostOpenFlags.O_DIRECTORY;
            } else if (read && writable) {
                hostFlags = HostOpenFlags.O_RDWR;
            } else if (writable) {
                hostFlags = HostOpenFlags.O_WRONLY;
            } else if (read) {
                hostFlags = HostOpenFlags.O_RDONLY;
            } else {
                hostFlags = HostOpenFlags.O_PATH;
            }
            hostFlags |= flags & (OpenFlags.O_SYNC | OpenFlags.O_DSYNC);
            fd = openEntry(h, hostFlags);
            if (fd < 0) {
                return fd;
            }
        }
        HostOpenFile hf = new HostOpenFile(fd, writable);
        h.addOpen(hf);
        file.setPrivateData(hf);
        return 0;
    }

    @Override
    public void release(OpenFile file) {
        if (file.privateData() instanceof HostOpenFile hf) {
            ((HostInode) file.inode()).removeOpen(hf);
            host.close(hf.fd);
            file.setPrivateData(null);
        }
    }

    @Override
    public long read(OpenFile file, long position, MutableDirectBuffer dst, int dstOffset, int length) {
        if (!(file.privateData() instanceof HostOpenFile hf)) {
            return -EBADF;
        }
        return host.pread(hf.fd, dst, dstOffset, length, position);
    }

    @Override
    public long write(OpenFile file, long position, DirectBuffer src, int srcOffset, int length) {
        if (!(file.privateData() instanceof HostOpenFile hf)) {
            return -EBADF;
        }
        return host.pwrite(hf.fd, src, srcOffset, length, position);
    }

    /**
     * Passes the host's entries through, with the host's d_off as the cookie (the host directory descriptor is
     * positioned at the cookie first, so a listing resumes wherever the vfs left it). ".." gets the inode
     * number of the vfs's parent rather than the host's, which at the root is outside the directory.
     */
    @Override
    public long readdir(OpenFile file, long cookie, DirentSink sink) {
        HostInode d = (HostInode) file.inode();
        if (!(file.privateData() instanceof HostOpenFile hf)) {
            return -EBADF;
        }
        if (d.removed) {
            return -ENOENT;
        }
        long rc = host.lseek(hf.fd, cookie, HostOpenFlags.SEEK_SET);
        if (rc < 0) {
            return rc;
        }
        long position = cookie;
        MemorySegment buffer = host.dirents;
        while (true) {
            long n = host.getdents64(hf.fd);
            if (n <= 0) {
                return n < 0 ? n : position;
            }
            int at = 0;
            while (at < n) {
                long ino = buffer.get(ValueLayout.JAVA_LONG, at + Dirent64Writer.D_INO_OFFSET);
                long next = buffer.get(ValueLayout.JAVA_LONG, at + Dirent64Writer.D_OFF_OFFSET);
                int reclen = Short.toUnsignedInt(
                        buffer.get(ValueLayout.JAVA_SHORT, at + Dirent64Writer.D_RECLEN_OFFSET));
                int type = buffer.get(ValueLayout.JAVA_BYTE, at + Dirent64Writer.D_TYPE_OFFSET);
                String name = direntName(buffer, at + Dirent64Writer.D_NAME_OFFSET, at + reclen);
                if (name.equals("..")) {
                    ino = d.parent.ino();
                }
                if (!sink.accept(ino, next, type, name)) {
                    return position;
                }
                position = next;
                at += reclen;
            }
        }
    }

    private static String direntName(MemorySegment buffer, int start, int limit) {
        int end = start;
        while (end < limit && buffer.get(ValueLayout.JAVA_BYTE, end) != 0) {
            end++;
        }
        char[] chars = new char[end - start];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (buffer.get(ValueLayout.JAVA_BYTE, start + i) & 0xff);
        }
        return new String(chars);
    }

    @Override
    public long seekDataOrHole(OpenFile file, long offset, boolean hole, long size) {
        if (!(file.privateData() instanceof HostOpenFile hf)) {
            return hole ? size : offset;
        }
        return host.lseek(hf.fd, offset, hole ? SEEK_HOLE : SEEK_DATA);
    }

    @Override
    public int fsync(OpenFile file, boolean dataOnly) {
        if (!(file.privateData() instanceof HostOpenFile hf)) {
            return 0;
        }
        return host.fsync(hf.fd, dataOnly);
    }

    // ---- mounts ----------------------------------------------------------------------------------------

    /** Closes the root descriptor: names no longer resolve; files still open keep their own descriptors. */
    @Override
    public void unmounted() {
        closeCreated();
        if (rootFd >= 0) {
            host.close(rootFd);
            rootFd = -1;
            LOG.debug("{} unmounted", this);
        }
    }

    // ---- walking the host ------------------------------------------------------------------------------

    /**
     * A host descriptor of the directory {@code dir} (O_PATH), reached from the root one name at a time with
     * O_NOFOLLOW and checked to be {@code dir}; hand it back to {@link #closeDirectory}. -ENOENT if the names
     * no longer lead to it (renamed, removed or replaced on the host), or the host's error.
     */
    private int openDirectory(HostInode dir) {
        if (rootFd < 0) {
            return -ENOENT;
        }
        if (dir.isRoot()) {
            return rootFd;
        }
        int depth = 0;
        for (HostInode d = dir; !d.isRoot(); d = d.parent) {
            if (d.removed) {
                Arrays.fill(chain, 0, depth, null);
                return -ENOENT;
            }
            if (depth == chain.length) {
                Arrays.fill(chain, 0, depth, null);
                return -ENAMETOOLONG;
            }
            chain[depth++] = d;
        }
        int fd = rootFd;
        int rc = 0;
        for (int i = depth - 1; i >= 0 && rc == 0; i--) {
            int next = host.openat(fd, chain[i].name, DIRECTORY_PATH_FLAGS, 0);
            if (fd != rootFd) {
                host.close(fd);
            }
            if (next < 0) {
                rc = next == -ENOTDIR || next == -ELOOP ? -ENOENT : next;
                fd = -1;
            } else {
                fd = next;
            }
        }
        Arrays.fill(chain, 0, depth, null);
        if (rc < 0) {
            return rc;
        }
        rc = host.fstatx(fd);
        if (rc < 0 || !isStatxOf(dir)) {
            host.close(fd);
            return rc < 0 ? rc : -ENOENT;
        }
        return fd;
    }

    private void closeDirectory(int fd) {
        if (fd >= 0 && fd != rootFd) {
            host.close(fd);
        }
    }

    /**
     * Opens the inode itself with {@code flags} (plus O_NOFOLLOW and O_CLOEXEC) and checks it is the same host
     * file: a new descriptor the caller closes, or an error.
     */
    private int openEntry(HostInode h, int flags) {
        if (rootFd < 0) {
            return -ENOENT;
        }
        if (h.isRoot()) {
            return host.openat(rootFd, ".", flags | HostOpenFlags.O_CLOEXEC, 0);
        }
        if (h.removed) {
            return -ENOENT;
        }
        int dirFd = openDirectory(h.parent);
        if (dirFd < 0) {
            return dirFd;
        }
        int fd;
        try {
            fd = host.openat(dirFd, h.name, flags | HostOpenFlags.O_NOFOLLOW | HostOpenFlags.O_CLOEXEC, 0);
        } finally {
            closeDirectory(dirFd);
        }
        if (fd < 0) {
            return fd == -ELOOP ? -ENOENT : fd;
        }
        int rc = host.fstatx(fd);
        if (rc < 0 || !isStatxOf(h)) {
            host.close(fd);
            return rc < 0 ? rc : -ENOENT;
        }
        return fd;
    }

    /** statx of the inode's name in {@code dirFd}, which must still be the same host file (-ENOENT if not). */
    private int checkEntry(int dirFd, HostInode h) {
        int rc = host.statxAt(dirFd, h.name);
        if (rc < 0) {
            return rc;
        }
        return isStatxOf(h) ? 0 : -ENOENT;
    }

    private long hostDevOfStatx() {
        return DeviceNumbers.makedev(Integer.toUnsignedLong(host.statxInt(StatxDescriptor.DEV_MAJOR_OFFSET)),
                Integer.toUnsignedLong(host.statxInt(StatxDescriptor.DEV_MINOR_OFFSET)));
    }

    private boolean isStatxOf(HostInode h) {
        return host.statxLong(StatxDescriptor.INO_OFFSET) == h.ino() && hostDevOfStatx() == h.hostDev;
    }

    private void closeCreated() {
        if (createdFd >= 0) {
            host.close(createdFd);
            createdFd = -1;
        }
        createdInode = null;
    }

    // ---- the inode cache -------------------------------------------------------------------------------

    private static long cacheKey(long hostDev, long hostIno) {
        return hostIno * 0x9E3779B97F4A7C15L ^ hostDev;
    }

    private HostInode cached(long hostDev, long hostIno) {
        InodeRef ref = cache.get(cacheKey(hostDev, hostIno));
        HostInode h = ref == null ? null : ref.get();
        return h != null && h.ino() == hostIno && h.hostDev == hostDev ? h : null;
    }

    /**
     * The inode for the file the last statx described, found as {@code name} in {@code dir}: the cached one
     * (moved to this place, its attributes refreshed) or a new one.
     */
    private HostInode inodeOfStatx(HostInode dir, String name) {
        expungeCollected();
        long hostIno = host.statxLong(StatxDescriptor.INO_OFFSET);
        long hostDev = hostDevOfStatx();
        int mode = host.statxMode();
        int uid = host.statxInt(StatxDescriptor.UID_OFFSET);
        int gid = host.statxInt(StatxDescriptor.GID_OFFSET);
        HostInode h = cached(hostDev, hostIno);
        if (h != null && FileMode.type(h.mode()) == FileMode.type(mode)
                && (h.parent == dir && name.equals(h.name) || !h.isDirectory() || !isAncestorOrSelf(h, dir))) {
            relocate(h, dir, name);
            h.refresh(mode, uid, gid);
            return h;
        }
        h = new HostInode(this, hostIno, hostDev, mode, uid, gid, dir, name);
        long key = cacheKey(hostDev, hostIno);
        cache.put(key, new InodeRef(h, key, collected));
        return h;
    }

    private static void relocate(HostInode h, HostInode dir, String name) {
        if (h.isRoot()) {
            return;
        }
        h.parent = dir;
        h.name = name;
        h.removed = false;
    }

    /** Whether {@code candidate} is {@code dir} or above it: moving it under {@code dir} would make a cycle. */
    private static boolean isAncestorOrSelf(HostInode candidate, HostInode dir) {
        HostInode d = dir;
        for (int i = 0; i <= PathWalker.PATH_MAX; i++) {
            if (d == candidate) {
                return true;
            }
            if (d.isRoot()) {
                return false;
            }
            d = d.parent;
        }
        return true;
    }

    private void expungeCollected() {
        InodeRef ref;
        while ((ref = (InodeRef) collected.poll()) != null) {
            if (cache.get(ref.key) == ref) {
                cache.remove(ref.key);
            }
        }
    }

    @Override
    public String toString() {
        return "Hostfs[" + DeviceNumbers.toString(dev) + "]";
    }
}
