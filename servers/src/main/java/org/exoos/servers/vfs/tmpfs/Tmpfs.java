package org.exoos.servers.vfs.tmpfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.MutableReference;
import org.exoos.servers.vfs.AtimePolicy;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.DirentSink;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.FileSystem;
import org.exoos.servers.vfs.Inode;
import org.exoos.servers.vfs.OpenFile;
import org.exoos.servers.vfs.PathWalker;
import org.exoos.servers.vfs.RenameFlags;
import org.exoos.servers.vfs.SetAttr;
import org.exoos.servers.vfs.Stat;
import org.exoos.servers.vfs.StatFs;
import org.exoos.servers.vfs.VfsClock;

import java.util.Map;

import static org.exoos.servers.protocol.Errno.EEXIST;
import static org.exoos.servers.protocol.Errno.EFBIG;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EISDIR;
import static org.exoos.servers.protocol.Errno.ENAMETOOLONG;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOSPC;
import static org.exoos.servers.protocol.Errno.ENOTDIR;
import static org.exoos.servers.protocol.Errno.ENOTEMPTY;
import static org.exoos.servers.protocol.Errno.ENXIO;

/**
 * A file system in memory, as Linux's tmpfs (mm/shmem.c): directories, regular files whose data grows in
 * 4 KiB pages with holes that read as zeros, symbolic links, device/FIFO/socket nodes and hard links.
 * <p>
 * Link counts: a file starts at 1 and counts its names; a directory starts at 2 (its name and its ".") and
 * gains one per subdirectory (their ".."). Times follow Linux: creating, removing or renaming an entry sets
 * the directory's mtime and ctime; a new inode has all three times now; link, unlink and rename set the
 * inode's ctime; a write of at least one byte and a truncation set mtime and ctime (the vfs passes those
 * for truncation); access times follow the mount's policy ({@link AtimePolicy}, relatime by default).
 * <p>
 * Space is limited by {@code size} (pages) and {@code nr_inodes}; past either, creation and writes fail with
 * ENOSPC (a write that gets some bytes in returns the short count). A file unlinked while open keeps its
 * pages, counted, until its last open file is released.
 */
public final class Tmpfs implements FileSystem {
    /** Linux's MAX_LFS_FILESIZE on 64-bit: the largest offset a file can reach. */
    public static final long MAX_FILE_SIZE = Long.MAX_VALUE;
    public static final int MAX_SYMLINK_LENGTH = PageStore.PAGE_SIZE - 1;

    private final String typeName;
    private final long dev;
    private final VfsClock clock;
    private final long maxPages;
    private final long maxInodes;
    private final String options;
    private final TmpfsDirectory root;
    private long nextIno = 1;
    private long usedPages;
    private long inodes;

    /**
     * @param typeName  "tmpfs", or "devtmpfs" for /dev
     * @param maxBytes  the size limit, rounded up to pages
     * @param maxInodes the inode limit
     * @param rootMode  the root directory's permission bits (tmpfs's default is 01777)
     * @param options   what /proc/mounts shows after the mount flags
     */
    public Tmpfs(String typeName, long dev, VfsClock clock, long maxBytes, long maxInodes, int rootMode, int rootUid,
                 int rootGid, String options) {
        this.typeName = typeName;
        this.dev = dev;
        this.clock = clock;
        this.maxPages = (maxBytes + PageStore.PAGE_MASK) >>> PageStore.PAGE_SHIFT;
        this.maxInodes = maxInodes;
        this.options = options;
        this.root = new TmpfsDirectory(this, nextIno++, FileMode.S_IFDIR | (rootMode & FileMode.S_IALLUGO),
                rootUid, rootGid, clock.nowNanos(), null, null);
        inodes = 1;
    }

    /** The default size: half the JVM's heap, as Linux's tmpfs takes half of RAM. */
    public static long defaultMaxBytes() {
        return Runtime.getRuntime().maxMemory() / 2;
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

    public long usedPages() {
        return usedPages;
    }

    public long inodeCount() {
        return inodes;
    }

    // ---- namespace -------------------------------------------------------------------------------------

    @Override
    public int lookup(Credentials cred, Inode dir, String name, MutableReference<Inode> result) {
        if (name.length() > PathWalker.NAME_MAX) {
            return -ENAMETOOLONG;
        }
        if (!(dir instanceof TmpfsDirectory d)) {
            return -ENOTDIR;
        }
        TmpfsDirectory.Entry e = d.byName.get(name);
        if (e == null) {
            return -ENOENT;
        }
        result.ref = e.inode;
        return 0;
    }

    @Override
    public Inode parent(Inode dir) {
        return ((TmpfsDirectory) dir).parent;
    }

    @Override
    public String directoryName(Inode dir) {
        TmpfsDirectory d = (TmpfsDirectory) dir;
        return d == root || d.isDead() ? null : d.name;
    }

    @Override
    public int create(Inode dir, String name, int mode, int uid, int gid, MutableReference<Inode> result) {
        TmpfsDirectory d = (TmpfsDirectory) dir;
        int rc = checkNewEntry(d, name);
        if (rc != 0) {
            return rc;
        }
        long now = clock.nowNanos();
        TmpfsFile file = new TmpfsFile(this, nextIno++, FileMode.S_IFREG | (mode & FileMode.S_IALLUGO), uid, gid, now);
        addNew(d, name, file, now);
        result.ref = file;
        return 0;
    }

    @Override
    public int mkdir(Inode dir, String name, int mode, int uid, int gid) {
        TmpfsDirectory d = (TmpfsDirectory) dir;
        int rc = checkNewEntry(d, name);
        if (rc != 0) {
            return rc;
        }
        long now = clock.nowNanos();
        TmpfsDirectory sub = new TmpfsDirectory(this, nextIno++, FileMode.S_IFDIR | (mode & FileMode.S_IALLUGO),
                uid, gid, now, d, name);
        addNew(d, name, sub, now);
        d.nlink++;
        return 0;
    }

    @Override
    public int mknod(Inode dir, String name, int mode, long rdev, int uid, int gid) {
        TmpfsDirectory d = (TmpfsDirectory) dir;
        int rc = checkNewEntry(d, name);
        if (rc != 0) {
            return rc;
        }
        long now = clock.nowNanos();
        int type = FileMode.type(mode);
        TmpfsInode node;
        if (type == FileMode.S_IFREG || type == 0) {
            node = new TmpfsFile(this, nextIno++, FileMode.S_IFREG | (mode & FileMode.S_IALLUGO), uid, gid, now);
        } else if (FileMode.isSpecial(mode)) {
            boolean device = type == FileMode.S_IFCHR || type == FileMode.S_IFBLK;
            node = new TmpfsNode(this, nextIno++, type | (mode & FileMode.S_IALLUGO), uid, gid, now, device ? rdev : 0);
        } else {
            return -EINVAL;
        }
        addNew(d, name, node, now);
        return 0;
    }

    @Override
    public int symlink(Inode dir, String name, String target, int uid, int gid) {
        if (target.length() > MAX_SYMLINK_LENGTH) {
            return -ENAMETOOLONG;
        }
        TmpfsDirectory d = (TmpfsDirectory) dir;
        int rc = checkNewEntry(d, name);
        if (rc != 0) {
            return rc;
        }
        long now = clock.nowNanos();
        addNew(d, name, new TmpfsSymlink(this, nextIno++, uid, gid, now, target), now);
        return 0;
    }

    @Override
    public int link(Inode target, Inode dir, String name) {
        TmpfsDirectory d = (TmpfsDirectory) dir;
        if (d.isDead()) {
            return -ENOENT;
        }
        if (d.byName.containsKey(name)) {
            return -EEXIST;
        }
        TmpfsInode t = (TmpfsInode) target;
        long now = clock.nowNanos();
        t.nlink++;
        t.ctime = now;
        d.add(name, t);
        d.mtime = d.ctime = now;
        return 0;
    }

    @Override
    public int unlink(Inode dir, String name, Inode victim) {
        TmpfsDirectory d = (TmpfsDirectory) dir;
        TmpfsDirectory.Entry e = d.byName.get(name);
        if (e == null || e.inode != victim) {
            return -ENOENT;
        }
        if (victim instanceof TmpfsDirectory) {
            return -EISDIR;
        }
        long now = clock.nowNanos();
        d.remove(name);
        d.mtime = d.ctime = now;
        dropLink(e.inode, now);
        return 0;
    }

    @Override
    public int rmdir(Inode dir, String name, Inode victim) {
        TmpfsDirectory d = (TmpfsDirectory) dir;
        TmpfsDirectory.Entry e = d.byName.get(name);
        if (e == null || e.inode != victim) {
            return -ENOENT;
        }
        if (!(victim instanceof TmpfsDirectory sub)) {
            return -ENOTDIR;
        }
        if (!sub.byName.isEmpty()) {
            return -ENOTEMPTY;
        }
        long now = clock.nowNanos();
        d.remove(name);
        d.nlink--;
        d.mtime = d.ctime = now;
        killDirectory(sub, now);
        return 0;
    }

    @Override
    public int rename(Inode oldDir, String oldName, Inode newDir, String newName, int flags) {
        TmpfsDirectory from = (TmpfsDirectory) oldDir;
        TmpfsDirectory to = (TmpfsDirectory) newDir;
        TmpfsDirectory.Entry source = from.byName.get(oldName);
        if (source == null) {
            return -ENOENT;
        }
        TmpfsDirectory.Entry target = to.byName.get(newName);
        long now = clock.nowNanos();
        TmpfsInode moving = source.inode;
        boolean movingDir = moving instanceof TmpfsDirectory;
        if ((flags & RenameFlags.RENAME_EXCHANGE) != 0) {
            if (target == null) {
                return -ENOENT;
            }
            TmpfsInode other = target.inode;
            boolean otherDir = other instanceof TmpfsDirectory;
            from.remove(oldName);
            to.remove(newName);
            from.add(oldName, other);
            to.add(newName, moving);
            if (from != to) {
                if (movingDir && !otherDir) {
                    from.nlink--;
                    to.nlink++;
                } else if (!movingDir && otherDir) {
                    to.nlink--;
                    from.nlink++;
                }
            }
            if (movingDir) {
                ((TmpfsDirectory) moving).parent = to;
                ((TmpfsDirectory) moving).name = newName;
            }
            if (otherDir) {
                ((TmpfsDirectory) other).parent = from;
                ((TmpfsDirectory) other).name = oldName;
            }
            moving.ctime = other.ctime = now;
            from.mtime = from.ctime = to.mtime = to.ctime = now;
            return 0;
        }
        if (target != null) {
            if (target.inode == moving) {
                return 0;
            }
            if (target.inode instanceof TmpfsDirectory victim) {
                if (!movingDir) {
                    return -EISDIR;
                }
                if (!victim.byName.isEmpty()) {
                    return -ENOTEMPTY;
                }
                to.remove(newName);
                to.nlink--;
                killDirectory(victim, now);
            } else {
                if (movingDir) {
                    return -ENOTDIR;
                }
                to.remove(newName);
                dropLink(target.inode, now);
            }
        }
        from.remove(oldName);
        to.add(newName, moving);
        if (movingDir) {
            TmpfsDirectory dir = (TmpfsDirectory) moving;
            if (from != to) {
                from.nlink--;
                to.nlink++;
            }
            dir.parent = to;
            dir.name = newName;
        }
        moving.ctime = now;
        from.mtime = from.ctime = to.mtime = to.ctime = now;
        return 0;
    }

    @Override
    public int readlink(Credentials cred, Inode link, MutableReference<String> result) {
        if (!(link instanceof TmpfsSymlink s)) {
            return -EINVAL;
        }
        result.ref = s.target;
        return 0;
    }

    // ---- attributes ------------------------------------------------------------------------------------

    @Override
    public int getattr(Inode inode, Stat out) {
        TmpfsInode t = (TmpfsInode) inode;
        out.dev = dev;
        out.ino = t.ino();
        out.mode = t.mode();
        out.nlink = t.nlink;
        out.uid = t.uid();
        out.gid = t.gid();
        out.rdev = t.rdev();
        out.size = t.size();
        out.blksize = PageStore.PAGE_SIZE;
        out.blocks = t.blocks();
        out.setAtime(t.atime);
        out.setMtime(t.mtime);
        out.setCtime(t.ctime);
        return 0;
    }

    @Override
    public int setattr(Inode inode, SetAttr attr) {
        TmpfsInode t = (TmpfsInode) inode;
        if (attr.has(SetAttr.ATTR_SIZE)) {
            if (!(t instanceof TmpfsFile file)) {
                return t instanceof TmpfsDirectory ? -EISDIR : -EINVAL;
            }
            if (attr.size < 0) {
                return -EINVAL;
            }
            if (attr.size < file.size) {
                usedPages -= file.pages.truncate(attr.size);
            }
            file.size = attr.size;
        }
        if (attr.has(SetAttr.ATTR_MODE)) {
            t.changeMode((t.mode() & FileMode.S_IFMT) | (attr.mode & FileMode.S_IALLUGO));
        }
        if (attr.has(SetAttr.ATTR_UID)) {
            t.changeUid(attr.uid);
        }
        if (attr.has(SetAttr.ATTR_GID)) {
            t.changeGid(attr.gid);
        }
        if (attr.has(SetAttr.ATTR_ATIME)) {
            t.atime = attr.atime;
        }
        if (attr.has(SetAttr.ATTR_MTIME)) {
            t.mtime = attr.mtime;
        }
        if (attr.has(SetAttr.ATTR_CTIME)) {
            t.ctime = attr.ctime;
        }
        return 0;
    }

    @Override
    public void accessed(Inode inode, long mountFlags) {
        TmpfsInode t = (TmpfsInode) inode;
        long now = clock.nowNanos();
        if (AtimePolicy.shouldUpdate(mountFlags, t instanceof TmpfsDirectory, t.atime, t.mtime, t.ctime, now)) {
            t.atime = now;
        }
    }

    @Override
    public int statfs(StatFs out) {
        out.type = StatFs.TMPFS_MAGIC;
        out.bsize = PageStore.PAGE_SIZE;
        out.frsize = PageStore.PAGE_SIZE;
        out.blocks = maxPages;
        out.bfree = Math.max(0, maxPages - usedPages);
        out.bavail = out.bfree;
        out.files = maxInodes;
        out.ffree = Math.max(0, maxInodes - inodes);
        out.fsid0 = (int) dev;
        out.fsid1 = (int) (dev >>> 32);
        out.namelen = PathWalker.NAME_MAX;
        return 0;
    }

    // ---- open files ------------------------------------------------------------------------------------

    @Override
    public int open(OpenFile file) {
        if (file.inode() instanceof TmpfsFile f) {
            f.openCount++;
        }
        return 0;
    }

    @Override
    public void release(OpenFile file) {
        if (file.inode() instanceof TmpfsFile f) {
            f.openCount--;
            if (f.openCount == 0 && f.nlink == 0) {
                usedPages -= f.pages.clear();
            }
        }
    }

    @Override
    public long read(OpenFile file, long position, MutableDirectBuffer dst, int dstOffset, int length) {
        if (!(file.inode() instanceof TmpfsFile f)) {
            return file.inode() instanceof TmpfsDirectory ? -EISDIR : -EINVAL;
        }
        if (position >= f.size || length == 0) {
            return 0;
        }
        int n = (int) Math.min(length, f.size - position);
        f.pages.read(position, dst, dstOffset, n);
        return n;
    }

    @Override
    public long write(OpenFile file, long position, DirectBuffer src, int srcOffset, int length) {
        if (!(file.inode() instanceof TmpfsFile f)) {
            return file.inode() instanceof TmpfsDirectory ? -EISDIR : -EINVAL;
        }
        if (length == 0) {
            return 0;
        }
        if (position >= MAX_FILE_SIZE) {
            return -EFBIG;
        }
        int n = (int) Math.min(length, MAX_FILE_SIZE - position);
        int done = 0;
        while (done < n) {
            long at = position + done;
            long index = at >>> PageStore.PAGE_SHIFT;
            int inPage = (int) (at & PageStore.PAGE_MASK);
            int chunk = Math.min(n - done, PageStore.PAGE_SIZE - inPage);
            byte[] page = f.pages.get(index);
            if (page == null) {
                if (usedPages >= maxPages) {
                    break;
                }
                page = new byte[PageStore.PAGE_SIZE];
                f.pages.put(index, page);
                usedPages++;
            }
            PageStore.write(page, inPage, src, srcOffset + done, chunk);
            done += chunk;
        }
        if (done == 0) {
            return -ENOSPC;
        }
        if (position + done > f.size) {
            f.size = position + done;
        }
        long now = clock.nowNanos();
        f.mtime = f.ctime = now;
        return done;
    }

    @Override
    public long readdir(OpenFile file, long cookie, DirentSink sink) {
        if (!(file.inode() instanceof TmpfsDirectory d)) {
            return -ENOTDIR;
        }
        if (d.isDead()) {
            return -ENOENT;
        }
        long position = cookie;
        if (position == 0) {
            if (!sink.accept(d.ino(), 1, FileMode.DT_DIR, ".")) {
                return position;
            }
            position = 1;
        }
        if (position == 1) {
            if (!sink.accept(d.parent.ino(), TmpfsDirectory.FIRST_ENTRY_POSITION, FileMode.DT_DIR, "..")) {
                return position;
            }
            position = TmpfsDirectory.FIRST_ENTRY_POSITION;
        }
        for (Map.Entry<Long, TmpfsDirectory.Entry> me : d.byPosition.tailMap(position, true).entrySet()) {
            TmpfsDirectory.Entry e = me.getValue();
            if (!sink.accept(e.inode.ino(), e.position + 1, FileMode.direntType(e.inode.mode()), e.name)) {
                return e.position;
            }
            position = e.position + 1;
        }
        return position;
    }

    @Override
    public long seekDataOrHole(OpenFile file, long offset, boolean hole, long size) {
        if (!(file.inode() instanceof TmpfsFile f)) {
            return hole ? size : offset;
        }
        long first = offset >>> PageStore.PAGE_SHIFT;
        if (hole) {
            long index = f.pages.nextHole(first);
            return Math.min(size, Math.max(offset, index << PageStore.PAGE_SHIFT));
        }
        long end = (size + PageStore.PAGE_MASK) >>> PageStore.PAGE_SHIFT;
        long index = f.pages.nextData(first, end);
        if (index < 0) {
            return -ENXIO;
        }
        return Math.max(offset, index << PageStore.PAGE_SHIFT);
    }

    // ---- mounts ----------------------------------------------------------------------------------------

    @Override
    public String mountOptions() {
        return options;
    }

    // ---- internals -------------------------------------------------------------------------------------

    private int checkNewEntry(TmpfsDirectory d, String name) {
        if (d.isDead()) {
            return -ENOENT;
        }
        if (d.byName.containsKey(name)) {
            return -EEXIST;
        }
        if (inodes >= maxInodes) {
            return -ENOSPC;
        }
        return 0;
    }

    private void addNew(TmpfsDirectory d, String name, TmpfsInode inode, long now) {
        d.add(name, inode);
        d.mtime = d.ctime = now;
        inodes++;
    }

    private void dropLink(TmpfsInode inode, long now) {
        inode.nlink--;
        inode.ctime = now;
        if (inode.nlink == 0) {
            inodes--;
            if (inode instanceof TmpfsFile f && f.openCount == 0) {
                usedPages -= f.pages.clear();
            }
        }
    }

    private void killDirectory(TmpfsDirectory dir, long now) {
        dir.nlink = 0;
        dir.ctime = now;
        inodes--;
    }
}
