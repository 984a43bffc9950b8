package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.MutableReference;
import org.exoos.servers.vfs.devfs.DevfsType;
import org.exoos.servers.vfs.devfs.Devices;
import org.exoos.servers.vfs.locks.FlockTable;
import org.exoos.servers.vfs.locks.RecordLock;
import org.exoos.servers.vfs.locks.RecordLockTable;
import org.exoos.servers.vfs.tmpfs.TmpfsType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;

import static org.exoos.servers.vfs.FileMode.S_IALLUGO;
import static org.exoos.servers.vfs.FileMode.S_IFMT;
import static org.exoos.servers.vfs.FileMode.S_ISGID;
import static org.exoos.servers.vfs.FileMode.S_ISUID;
import static org.exoos.servers.vfs.FileMode.S_IXGRP;
import static org.exoos.servers.vfs.OpenFlags.O_ACCMODE;
import static org.exoos.servers.vfs.OpenFlags.O_APPEND;
import static org.exoos.servers.vfs.OpenFlags.O_CLOEXEC;
import static org.exoos.servers.vfs.OpenFlags.O_CREAT;
import static org.exoos.servers.vfs.OpenFlags.O_DIRECTORY;
import static org.exoos.servers.vfs.OpenFlags.O_EXCL;
import static org.exoos.servers.vfs.OpenFlags.O_LARGEFILE;
import static org.exoos.servers.vfs.OpenFlags.O_NOATIME;
import static org.exoos.servers.vfs.OpenFlags.O_NOCTTY;
import static org.exoos.servers.vfs.OpenFlags.O_NOFOLLOW;
import static org.exoos.servers.vfs.OpenFlags.O_PATH;
import static org.exoos.servers.vfs.OpenFlags.O_TRUNC;
import static org.exoos.servers.vfs.Permissions.MAY_EXEC;
import static org.exoos.servers.vfs.Permissions.MAY_READ;
import static org.exoos.servers.vfs.Permissions.MAY_WRITE;
import static org.exoos.servers.protocol.Errno.EACCES;
import static org.exoos.servers.protocol.Errno.EAGAIN;
import static org.exoos.servers.protocol.Errno.EBADF;
import static org.exoos.servers.protocol.Errno.EBUSY;
import static org.exoos.servers.protocol.Errno.EEXIST;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EISDIR;
import static org.exoos.servers.protocol.Errno.ELOOP;
import static org.exoos.servers.protocol.Errno.ENAMETOOLONG;
import static org.exoos.servers.protocol.Errno.ENODEV;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOTDIR;
import static org.exoos.servers.protocol.Errno.ENOTEMPTY;
import static org.exoos.servers.protocol.Errno.ENXIO;
import static org.exoos.servers.protocol.Errno.EOPNOTSUPP;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.exoos.servers.protocol.Errno.ERANGE;
import static org.exoos.servers.protocol.Errno.EROFS;
import static org.exoos.servers.protocol.Errno.ESPIPE;
import static org.exoos.servers.protocol.Errno.EXDEV;

/**
 * The virtual file system as one synchronous service: every file and path system call that reaches the vfs
 * server becomes one call here, with the caller's {@link Credentials}, and returns what the kernel would put
 * in a0: a count or a handle (&ge; 0) or a negative errno. No exception is thrown on the request path.
 * <p>
 * <b>Handles.</b> Open file descriptions are named by handles ({@link OpenFileTable}): {@link #open} makes one
 * with one reference, {@link #retain} adds one (dup, fork), {@link #close} drops one and releases the file
 * with the last. The *at calls take the handle of their directory (the dirfd's, or for AT_FDCWD the cwd's,
 * which the kernel side keeps as an O_PATH handle from {@link #chdir}); {@link #NO_HANDLE} starts relative
 * paths at the root. As on Linux, an absolute path never looks at the handle.
 * <p>
 * <b>Paths</b> are byte strings carried one char per byte ({@link PathWalker}). <b>Umask</b> belongs to the
 * process and is passed to each call that creates.
 * <p>
 * <b>Threads.</b> Not thread-safe: a vfs is confined to the thread that serves its requests (the server's
 * agent), like any server's state. Nothing here blocks: devices that would block answer EAGAIN.
 * <p>
 * Not done yet: FIFOs and sockets in the file system (opening one is ENXIO), O_TMPFILE (EOPNOTSUPP),
 * RENAME_WHITEOUT (EINVAL), MS_MOVE (EINVAL), record locks, xattrs, chroot, mount propagation (accepted and
 * ignored), and the sysctls fs.protected_symlinks and fs.protected_hardlinks (behaving as 0).
 */
public final class Vfs {
    private static final Logger LOG = LoggerFactory.getLogger(Vfs.class);

    /** "No directory": relative paths start at the root. */
    public static final long NO_HANDLE = -1;

    private final VfsClock clock;
    private final MountTable mounts = new MountTable();
    private final CharDeviceRegistry devices = new CharDeviceRegistry();
    private final OpenFileTable files = new OpenFileTable();
    private final HashMap<String, FileSystemType> types = new HashMap<>();
    private final PathWalker walker = new PathWalker(mounts);
    private final RecordLockTable locks = new RecordLockTable();
    private final FlockTable flocks = new FlockTable();

    private final WalkResult walk = new WalkResult();
    private final WalkResult walk2 = new WalkResult();
    private final Stat scratchStat = new Stat();
    private final SetAttr attr = new SetAttr();
    private final MutableReference<Inode> inodeRef = new MutableReference<>();
    private final MutableReference<String> stringRef = new MutableReference<>();
    private final MutableReference<FileSystem> fileSystemRef = new MutableReference<>();
    private Mount startMount;
    private Inode startInode;
    /** The caller's root directory (chroot) for the walk being set up; null for the namespace root. */
    private Mount rootMount;
    private Inode rootInode;

    public Vfs(VfsClock clock) {
        this.clock = clock;
    }

    /**
     * The standard tree: a tmpfs root (0755) with /dev (devtmpfs, nosuid), /proc (0555, empty until procfs is
     * mounted on it), /tmp (1777), /mnt (0755) and /root (0700); the memory devices attached; tmpfs and
     * devtmpfs registered for mount(2). procfs and hostfs register their types and mount themselves.
     */
    public static Vfs createDefault(VfsClock clock) {
        Vfs vfs = new Vfs(clock);
        vfs.registerFileSystemType(new TmpfsType(clock));
        vfs.registerFileSystemType(new DevfsType(clock));
        Devices.attachMemoryDevices(vfs.devices);
        requireOk(vfs.mountRoot("tmpfs", "tmpfs", 0, "mode=755"), "mount /");
        Credentials root = Credentials.ROOT;
        requireOk(vfs.mkdir(root, NO_HANDLE, "/dev", 0755, 0), "mkdir /dev");
        requireOk(vfs.mkdir(root, NO_HANDLE, "/proc", 0555, 0), "mkdir /proc");
        requireOk(vfs.mkdir(root, NO_HANDLE, "/tmp", 01777, 0), "mkdir /tmp");
        requireOk(vfs.mkdir(root, NO_HANDLE, "/mnt", 0755, 0), "mkdir /mnt");
        requireOk(vfs.mkdir(root, NO_HANDLE, "/root", 0700, 0), "mkdir /root");
        requireOk(vfs.mount(root, "devtmpfs", NO_HANDLE, "/dev", "devtmpfs", MountFlags.MS_NOSUID, null), "mount /dev");
        return vfs;
    }

    private static void requireOk(long rc, String what) {
        if (rc < 0) {
            throw new IllegalStateException(what + " failed: " + Errno.describeResult(rc));
        }
    }

    // ---- configuration -----------------------------------------------------------------------------------

    public void registerFileSystemType(FileSystemType type) {
        types.put(type.name(), type);
    }

    public MountTable mounts() {
        return mounts;
    }

    public CharDeviceRegistry devices() {
        return devices;
    }

    public VfsClock clock() {
        return clock;
    }

    /** Mounts the root file system; once, before anything else. */
    public int mountRoot(String type, String source, long flags, String data) {
        FileSystemType t = types.get(type);
        if (t == null) {
            return -ENODEV;
        }
        fileSystemRef.ref = null;
        int rc = t.create(mounts.allocateAnonymousDev(), source, data, fileSystemRef);
        if (rc < 0) {
            return rc;
        }
        mounts.mountRoot(fileSystemRef.ref, source, flags);
        fileSystemRef.ref = null;
        return 0;
    }

    /** The open file of a handle, or null: for inspection (procfs, tests), not for changing it. */
    public OpenFile file(long handle) {
        return files.get(handle);
    }

    public int openHandles() {
        return files.size();
    }

    // ---- open and close ----------------------------------------------------------------------------------

    /**
     * openat(2): opens {@code path} and returns a new handle.
     * <ul>
     * <li>O_CREAT makes a regular file with {@code mode & ~umask & 07777} if the last component is free (it
     * follows a symlink there, even a dangling one, unless O_EXCL or O_NOFOLLOW); O_EXCL makes an existing
     * name (a symlink included) EEXIST; a trailing slash, ".", ".." or "/" with O_CREAT is EISDIR; O_CREAT on
     * an existing directory is EISDIR. O_CREAT with O_DIRECTORY is EINVAL.</li>
     * <li>O_DIRECTORY on a non-directory is ENOTDIR; O_NOFOLLOW on a symlink is ELOOP (O_PATH opens the
     * link itself); opening a directory for writing (or with O_TRUNC) is EISDIR.</li>
     * <li>Read, write or both are checked against the file (EACCES), except for a file this call created.
     * O_TRUNC empties an existing regular file (mtime and ctime set). O_NOATIME needs ownership (EPERM).</li>
     * <li>O_PATH keeps only O_DIRECTORY, O_NOFOLLOW and O_CLOEXEC and checks only search permission.</li>
     * <li>A character device opens its driver (ENXIO without one, EACCES on a nodev mount); block devices,
     * FIFOs and sockets are ENXIO.</li>
     * <li>O_CLOEXEC is the descriptor's and is ignored; O_TMPFILE is EOPNOTSUPP.</li>
     * </ul>
     */
    public long open(Credentials cred, long dirHandle, String path, int flags, int mode, int umask) {
        if ((flags & O_PATH) != 0) {
            flags &= OpenFlags.O_PATH_KEEPS;
        }
        if ((flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT)) {
            return -EINVAL;
        }
        if ((flags & (OpenFlags.O_TMPFILE & ~O_DIRECTORY)) != 0) {
            return (flags & OpenFlags.O_TMPFILE) != OpenFlags.O_TMPFILE || !OpenFlags.canWrite(flags)
                    ? -EINVAL : -EOPNOTSUPP;
        }
        int rc = resolveStart(cred, dirHandle, path);
        if (rc < 0) {
            return rc;
        }
        boolean creating = (flags & O_CREAT) != 0;
        int lookup = 0;
        if ((flags & O_DIRECTORY) != 0) {
            lookup |= LookupFlags.DIRECTORY;
        }
        if ((flags & O_NOFOLLOW) == 0 && !(creating && (flags & O_EXCL) != 0)) {
            lookup |= LookupFlags.FOLLOW;
        }
        Mount mount;
        Inode inode;
        boolean created = false;
        if (creating) {
            rc = walker.walk(cred, rootMount, rootInode, startMount, startInode, path, lookup | LookupFlags.PARENT,
                    walk);
            if (rc < 0) {
                return rc;
            }
            if (walk.lastType != WalkResult.NORMAL || walk.trailingSlash) {
                return -EISDIR;
            }
            if (walk.child == null) {
                rc = Permissions.mayCreate(cred, walk.parentMount, walk.parent);
                if (rc < 0) {
                    return rc;
                }
                int newMode = ownedMode(cred, walk.parent, FileMode.S_IFREG | (mode & S_IALLUGO & ~umask));
                inodeRef.ref = null;
                rc = walk.parent.fileSystem().create(walk.parent, walk.lastName, newMode, cred.uid(),
                        ownedGid(cred, walk.parent), inodeRef);
                if (rc < 0) {
                    return rc;
                }
                mount = walk.parentMount;
                inode = inodeRef.ref;
                inodeRef.ref = null;
                created = true;
            } else {
                if ((flags & O_EXCL) != 0) {
                    return -EEXIST;
                }
                mount = walk.parentMount;
                inode = walk.child;
                while (inode.mountCount > 0) {
                    Mount covering = mounts.mountedOn(mount, inode);
                    if (covering == null) {
                        break;
                    }
                    mount = covering;
                    inode = covering.root();
                }
                if (inode.isDirectory()) {
                    return -EISDIR;
                }
            }
        } else {
            rc = walker.walk(cred, rootMount, rootInode, startMount, startInode, path, lookup, walk);
            if (rc < 0) {
                return rc;
            }
            mount = walk.mount;
            inode = walk.inode;
        }
        Inode parentAtOpen = walk.parent;
        String nameAtOpen = walk.lastName;
        walk.clear();

        boolean truncate = false;
        int type = inode.mode() & S_IFMT;
        if (!created && (flags & O_PATH) == 0) {
            int access = accessMask(flags);
            if (type == FileMode.S_IFREG && (flags & O_TRUNC) != 0) {
                if (mount.isReadOnly()) {
                    return -EROFS;
                }
                truncate = true;
            }
            switch (type) {
                case FileMode.S_IFLNK -> {
                    return -ELOOP;
                }
                case FileMode.S_IFDIR -> {
                    if ((access & MAY_WRITE) != 0) {
                        return -EISDIR;
                    }
                }
                case FileMode.S_IFCHR, FileMode.S_IFBLK -> {
                    if ((mount.flags() & MountFlags.MS_NODEV) != 0) {
                        return -EACCES;
                    }
                }
                default -> {
                }
            }
            rc = Permissions.check(cred, mount, inode, access);
            if (rc < 0) {
                return rc;
            }
            if ((flags & O_NOATIME) != 0 && !Permissions.isOwnerOrPrivileged(cred, inode)) {
                return -EPERM;
            }
        }

        int kept = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
        if ((flags & O_PATH) == 0) {
            kept |= O_LARGEFILE;
        }
        OpenFile file = new OpenFile(mount, inode, kept, cred, parentAtOpen, nameAtOpen);
        if ((flags & O_PATH) == 0) {
            switch (type) {
                case FileMode.S_IFCHR -> {
                    scratchStat.clear();
                    rc = inode.fileSystem().getattr(inode, scratchStat);
                    if (rc < 0) {
                        return rc;
                    }
                    CharDevice driver = devices.driver(scratchStat.rdev);
                    if (driver == null) {
                        return -ENXIO;
                    }
                    file.device = driver;
                    rc = driver.open(file);
                    if (rc < 0) {
                        return rc;
                    }
                }
                case FileMode.S_IFBLK, FileMode.S_IFIFO, FileMode.S_IFSOCK -> {
                    return -ENXIO;
                }
                default -> {
                    rc = inode.fileSystem().open(file);
                    if (rc < 0) {
                        return rc;
                    }
                }
            }
            if (truncate) {
                rc = truncateInode(file.opener(), inode, 0);
                if (rc < 0) {
                    releaseFile(file);
                    return rc;
                }
            }
        }
        mount.openFiles++;
        return files.add(file);
    }

    /** Adds a reference to an open file (a dup'ed or inherited descriptor): 0 or -EBADF. */
    public int retain(long handle) {
        OpenFile f = files.get(handle);
        if (f == null) {
            return -EBADF;
        }
        f.references++;
        return 0;
    }

    /** Drops a reference; the last one forgets the handle and releases the file: 0 or -EBADF. */
    public int close(long handle) {
        OpenFile f = files.get(handle);
        if (f == null) {
            return -EBADF;
        }
        if (--f.references == 0) {
            files.remove(handle);
            locks.releaseDescription(f);
            flocks.releaseDescription(f);
            if (!f.isPath()) { // closing an O_PATH file releases nothing, as on Linux
                locks.releasePosix(f.inode(), f.opener().pid()); // the opener's descriptor of it is gone too
            }
            releaseFile(f);
            f.mount().openFiles--;
        }
        return 0;
    }

    private void releaseFile(OpenFile f) {
        if (f.isPath()) {
            return;
        }
        if (f.device != null) {
            f.device.release(f);
        } else {
            f.inode().fileSystem().release(f);
        }
    }

    // ---- data --------------------------------------------------------------------------------------------

    /** read(2) at the file offset, which moves by the count. */
    public long read(long handle, MutableDirectBuffer dst, int dstOffset, int length) {
        OpenFile f = files.get(handle);
        if (f == null || !OpenFlags.canRead(f.flags())) {
            return -EBADF;
        }
        return readAt(f, -1, dst, dstOffset, length);
    }

    /** pread64(2): reads at {@code position} without moving the offset. */
    public long pread(long handle, long position, MutableDirectBuffer dst, int dstOffset, int length) {
        if (position < 0) {
            return -EINVAL;
        }
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        if (f.device != null && !f.device.seekable()) {
            return -ESPIPE;
        }
        if (!OpenFlags.canRead(f.flags())) {
            return -EBADF;
        }
        return readAt(f, position, dst, dstOffset, length);
    }

    /**
     * The read both calls share, once the description may be read: at {@code position}, or at the file offset
     * (which then moves by the count) when it is -1.
     */
    private long readAt(OpenFile f, long position, MutableDirectBuffer dst, int dstOffset, int length) {
        if (length < 0) {
            return -EINVAL;
        }
        if (f.device != null) {
            return f.device.read(f, dst, dstOffset, length);
        }
        Inode inode = f.inode();
        if (inode.isDirectory()) {
            return -EISDIR;
        }
        if (length == 0) {
            return 0;
        }
        boolean atOffset = position == -1;
        long n = inode.fileSystem().read(f, atOffset ? f.position : position, dst, dstOffset, length);
        if (n >= 0) {
            if (atOffset) {
                f.position += n;
            }
            accessed(f);
        }
        return n;
    }

    /**
     * write(2) at the file offset, or at the end with O_APPEND; the offset moves past what was written.
     * A write by an unprivileged opener drops set-user-id (and set-group-id with group execute).
     */
    public long write(long handle, DirectBuffer src, int srcOffset, int length) {
        OpenFile f = files.get(handle);
        if (f == null || !OpenFlags.canWrite(f.flags())) {
            return -EBADF;
        }
        if (length < 0) {
            return -EINVAL;
        }
        if (f.device != null) {
            return f.device.write(f, src, srcOffset, length);
        }
        if (length == 0) {
            return 0;
        }
        long position = f.position;
        if ((f.flags() & O_APPEND) != 0) {
            position = sizeOf(f.inode());
            if (position < 0) {
                return position;
            }
        }
        long n = writeAt(f, position, src, srcOffset, length);
        if (n > 0) {
            f.position = position + n;
        }
        return n;
    }

    /**
     * pwrite64(2): writes at {@code position} without moving the offset; with O_APPEND Linux writes at the
     * end regardless (a documented Linux bug, kept).
     */
    public long pwrite(long handle, long position, DirectBuffer src, int srcOffset, int length) {
        if (position < 0) {
            return -EINVAL;
        }
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        if (f.device != null && !f.device.seekable()) {
            return -ESPIPE;
        }
        if (!OpenFlags.canWrite(f.flags())) {
            return -EBADF;
        }
        if (length < 0) {
            return -EINVAL;
        }
        if (f.device != null) {
            return f.device.write(f, src, srcOffset, length);
        }
        if (length == 0) {
            return 0;
        }
        if ((f.flags() & O_APPEND) != 0) {
            position = sizeOf(f.inode());
            if (position < 0) {
                return position;
            }
        }
        return writeAt(f, position, src, srcOffset, length);
    }

    private long writeAt(OpenFile f, long position, DirectBuffer src, int srcOffset, int length) {
        Inode inode = f.inode();
        int rc = dropPrivilegeBits(f.opener(), inode);
        if (rc < 0) {
            return rc;
        }
        return inode.fileSystem().write(f, position, src, srcOffset, length);
    }

    /**
     * lseek(2). Regular files: SEEK_SET, SEEK_CUR and SEEK_END to any offset from 0 up (past the end is
     * allowed; below 0 or overflow is EINVAL); SEEK_DATA and SEEK_HOLE from an offset inside the file (ENXIO
     * outside it, or when no data follows). Directories: SEEK_SET and SEEK_CUR to a position from 0 up
     * (a d_off cookie), else EINVAL. Seekable devices answer 0; other devices ESPIPE.
     */
    public long lseek(long handle, long offset, int whence) {
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        if (f.device != null) {
            return f.device.seekable() ? 0 : -ESPIPE;
        }
        Inode inode = f.inode();
        if (inode.isDirectory()) {
            long target;
            switch (whence) {
                case SeekWhence.SEEK_CUR -> target = f.position + offset;
                case SeekWhence.SEEK_SET -> target = offset;
                default -> {
                    return -EINVAL;
                }
            }
            if (target < 0) {
                return -EINVAL;
            }
            f.position = target;
            return target;
        }
        long target;
        switch (whence) {
            case SeekWhence.SEEK_SET -> target = offset;
            case SeekWhence.SEEK_CUR -> {
                if (offset == 0) {
                    return f.position;
                }
                target = f.position + offset;
            }
            case SeekWhence.SEEK_END -> {
                long size = sizeOf(inode);
                if (size < 0) {
                    return size;
                }
                target = size + offset;
            }
            case SeekWhence.SEEK_DATA, SeekWhence.SEEK_HOLE -> {
                long size = sizeOf(inode);
                if (size < 0) {
                    return size;
                }
                if (offset < 0 || offset >= size) {
                    return -ENXIO;
                }
                target = inode.fileSystem().seekDataOrHole(f, offset, whence == SeekWhence.SEEK_HOLE, size);
                if (target < 0) {
                    return target;
                }
            }
            default -> {
                return -EINVAL;
            }
        }
        if (target < 0) {
            return -EINVAL;
        }
        f.position = target;
        return target;
    }

    /**
     * getdents64(2): feeds entries from the directory position to {@code sink} until it refuses one or the
     * directory ends, and moves the position past what was taken. 0, or ENOTDIR, ENOENT (directory removed),
     * EBADF. With a {@link Dirent64Writer}, its {@link Dirent64Writer#result} is getdents64's answer.
     */
    public int readdir(long handle, DirentSink sink) {
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        Inode inode = f.inode();
        if (!inode.isDirectory()) {
            return -ENOTDIR;
        }
        long next = inode.fileSystem().readdir(f, f.position, sink);
        if (next < 0) {
            return (int) next;
        }
        f.position = next;
        accessed(f);
        return 0;
    }

    /** ftruncate(2): EINVAL unless a regular file open for writing, or if {@code length} is negative. */
    public int ftruncate(long handle, long length) {
        if (length < 0) {
            return -EINVAL;
        }
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        if (!f.inode().isRegular() || !OpenFlags.canWrite(f.flags())) {
            return -EINVAL;
        }
        return truncateInode(f.opener(), f.inode(), length);
    }

    /** fsync(2) and fdatasync(2): nothing to flush in memory; devices have no fsync (EINVAL), as on Linux. */
    public int fsync(long handle, boolean dataOnly) {
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        if (f.device != null) {
            return -EINVAL;
        }
        return f.inode().fileSystem().fsync(f, dataOnly);
    }

    /** The poll(2) events ready on an open file: POLLNVAL for a bad handle or an O_PATH file. */
    public int poll(long handle) {
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return PollEvents.POLLNVAL;
        }
        return f.device != null ? f.device.pollEvents(f) : PollEvents.DEFAULT_POLLMASK;
    }

    /**
     * fcntl(2) record locks (F_GETLK, F_SETLK, F_SETLKW and the F_OFD_ forms) of process {@code pid} on an
     * open file: see {@link RecordLockTable#lock}. EBADF for a bad handle or an O_PATH file.
     */
    public int lock(long handle, int pid, int cmd, int type, int whence, long start, long length, int lPid,
                    RecordLock conflict) {
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        long size = 0;
        if (whence == SeekWhence.SEEK_END) {
            scratchStat.clear();
            int rc = f.inode().fileSystem().getattr(f.inode(), scratchStat);
            if (rc < 0) {
                return rc;
            }
            size = scratchStat.size;
        }
        return locks.lock(f, pid, cmd, type, whence, start, length, lPid, size, conflict);
    }

    /** close(2) of a descriptor of {@code handle}'s file by process {@code pid}: its POSIX locks there go. */
    public int releasePosixLocks(long handle, int pid) {
        OpenFile f = files.get(handle);
        if (f == null) {
            return -EBADF;
        }
        locks.releasePosix(f.inode(), pid);
        return 0;
    }

    public RecordLockTable locks() {
        return locks;
    }

    /**
     * flock(2) by the open file description {@code handle}: see {@link FlockTable#lock}. EBADF for a bad
     * handle or an O_PATH file; a conflict is EAGAIN (the kernel waits unless LOCK_NB).
     */
    public int flock(long handle, int operation) {
        OpenFile f = files.get(handle);
        if (f == null) {
            return -EBADF;
        }
        return flocks.lock(f, operation);
    }

    public FlockTable flocks() {
        return flocks;
    }

    /** fcntl(F_GETFL). */
    public int getStatusFlags(long handle) {
        OpenFile f = files.get(handle);
        return f == null ? -EBADF : f.flags();
    }

    /** fcntl(F_SETFL): changes O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT and O_NOATIME; the rest is kept. */
    public int setStatusFlags(Credentials cred, long handle, int flags) {
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        if ((flags & O_NOATIME) != 0 && (f.flags() & O_NOATIME) == 0
                && !Permissions.isOwnerOrPrivileged(cred, f.inode())) {
            return -EPERM;
        }
        f.setFlags((f.flags() & ~OpenFlags.SETFL_MASK) | (flags & OpenFlags.SETFL_MASK));
        return 0;
    }

    // ---- attributes --------------------------------------------------------------------------------------

    /** fstat(2); O_PATH files too. */
    public int fstat(long handle, Stat out) {
        OpenFile f = files.get(handle);
        if (f == null) {
            return -EBADF;
        }
        out.clear();
        return f.inode().fileSystem().getattr(f.inode(), out);
    }

    /** newfstatat(2) and statx's base: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, AT_NO_AUTOMOUNT, AT_STATX_*. */
    public int stat(Credentials cred, long dirHandle, String path, int atFlags, Stat out) {
        if ((atFlags & ~(AtFlags.AT_SYMLINK_NOFOLLOW | AtFlags.AT_EMPTY_PATH | AtFlags.AT_NO_AUTOMOUNT
                | AtFlags.AT_STATX_SYNC_TYPE)) != 0) {
            return -EINVAL;
        }
        int rc = walkAt(cred, dirHandle, path, followFlags(atFlags, AtFlags.AT_SYMLINK_NOFOLLOW, true), walk);
        if (rc < 0) {
            return rc;
        }
        Inode inode = walk.inode;
        walk.clear();
        out.clear();
        return inode.fileSystem().getattr(inode, out);
    }

    /**
     * faccessat2(2): F_OK or any of R_OK, W_OK and X_OK against {@code cred} (the real ids, or with
     * AT_EACCESS the effective ones: the caller chooses). W_OK on a read-only mount is EROFS after the
     * permission check passes; X_OK of a regular file on a noexec mount is EACCES.
     */
    public int access(Credentials cred, long dirHandle, String path, int mode, int atFlags) {
        if ((mode & ~7) != 0) {
            return -EINVAL;
        }
        if ((atFlags & ~(AtFlags.AT_EACCESS | AtFlags.AT_SYMLINK_NOFOLLOW | AtFlags.AT_EMPTY_PATH)) != 0) {
            return -EINVAL;
        }
        int rc = walkAt(cred, dirHandle, path, followFlags(atFlags, AtFlags.AT_SYMLINK_NOFOLLOW, true), walk);
        if (rc < 0) {
            return rc;
        }
        Mount mount = walk.mount;
        Inode inode = walk.inode;
        walk.clear();
        if (mode == AtFlags.F_OK) {
            return 0;
        }
        if ((mode & AtFlags.X_OK) != 0 && inode.isRegular() && (mount.flags() & MountFlags.MS_NOEXEC) != 0) {
            return -EACCES;
        }
        rc = Permissions.check(cred, inode, mode);
        if (rc < 0) {
            return rc;
        }
        if ((mode & AtFlags.W_OK) != 0 && mount.isReadOnly() && !FileMode.isSpecial(inode.mode())) {
            return -EROFS;
        }
        return 0;
    }

    /** fchmod(2). */
    public int fchmod(Credentials cred, long handle, int mode) {
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        return chmodInode(cred, f.mount(), f.inode(), mode);
    }

    /** fchmodat(2) and fchmodat2: AT_SYMLINK_NOFOLLOW on a symlink is EOPNOTSUPP; AT_EMPTY_PATH. */
    public int chmod(Credentials cred, long dirHandle, String path, int mode, int atFlags) {
        if ((atFlags & ~(AtFlags.AT_SYMLINK_NOFOLLOW | AtFlags.AT_EMPTY_PATH)) != 0) {
            return -EINVAL;
        }
        int rc = walkAt(cred, dirHandle, path, followFlags(atFlags, AtFlags.AT_SYMLINK_NOFOLLOW, true), walk);
        if (rc < 0) {
            return rc;
        }
        Mount mount = walk.mount;
        Inode inode = walk.inode;
        walk.clear();
        if (inode.isSymlink()) {
            return -EOPNOTSUPP;
        }
        return chmodInode(cred, mount, inode, mode);
    }

    /** fchown(2); -1 leaves an id unchanged. */
    public int fchown(Credentials cred, long handle, int uid, int gid) {
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        return chownInode(cred, f.mount(), f.inode(), uid, gid);
    }

    /** fchownat(2): AT_SYMLINK_NOFOLLOW (lchown), AT_EMPTY_PATH; -1 leaves an id unchanged. */
    public int chown(Credentials cred, long dirHandle, String path, int uid, int gid, int atFlags) {
        if ((atFlags & ~(AtFlags.AT_SYMLINK_NOFOLLOW | AtFlags.AT_EMPTY_PATH)) != 0) {
            return -EINVAL;
        }
        int rc = walkAt(cred, dirHandle, path, followFlags(atFlags, AtFlags.AT_SYMLINK_NOFOLLOW, true), walk);
        if (rc < 0) {
            return rc;
        }
        Mount mount = walk.mount;
        Inode inode = walk.inode;
        walk.clear();
        return chownInode(cred, mount, inode, uid, gid);
    }

    /**
     * utimensat(2) on a path. Each nanosecond field may be UTIME_NOW or UTIME_OMIT; {@code timesGiven}
     * false is a NULL times pointer (both now). Both OMIT succeeds at once without looking at the path;
     * other nanosecond values outside [0, 1e9) are EINVAL once the path resolved.
     * Setting explicit times needs ownership (EPERM); setting now needs ownership or write permission
     * (EACCES). ctime becomes now.
     */
    public int utimens(Credentials cred, long dirHandle, String path, boolean timesGiven, long atimeSec,
                       long atimeNsec, long mtimeSec, long mtimeNsec, int atFlags) {
        if (timesGiven && atimeNsec == AtFlags.UTIME_OMIT && mtimeNsec == AtFlags.UTIME_OMIT) {
            return 0;
        }
        if ((atFlags & ~(AtFlags.AT_SYMLINK_NOFOLLOW | AtFlags.AT_EMPTY_PATH)) != 0) {
            return -EINVAL;
        }
        int rc = walkAt(cred, dirHandle, path, followFlags(atFlags, AtFlags.AT_SYMLINK_NOFOLLOW, true), walk);
        if (rc < 0) {
            return rc;
        }
        Mount mount = walk.mount;
        Inode inode = walk.inode;
        walk.clear();
        if (timesGiven && (!validNsec(atimeNsec) || !validNsec(mtimeNsec))) {
            return -EINVAL;
        }
        return utimensInode(cred, mount, inode, timesGiven, atimeSec, atimeNsec, mtimeSec, mtimeNsec);
    }

    /** futimens(3), that is utimensat(fd, NULL, ...): as {@link #utimens} on an open file (not O_PATH). */
    public int futimens(Credentials cred, long handle, boolean timesGiven, long atimeSec, long atimeNsec,
                        long mtimeSec, long mtimeNsec) {
        if (timesGiven && atimeNsec == AtFlags.UTIME_OMIT && mtimeNsec == AtFlags.UTIME_OMIT) {
            return 0;
        }
        OpenFile f = files.get(handle);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        if (timesGiven && (!validNsec(atimeNsec) || !validNsec(mtimeNsec))) {
            return -EINVAL;
        }
        return utimensInode(cred, f.mount(), f.inode(), timesGiven, atimeSec, atimeNsec, mtimeSec, mtimeNsec);
    }

    /** truncate(2): follows links; EISDIR for a directory, EINVAL for other non-regular files. */
    public int truncate(Credentials cred, long dirHandle, String path, long length) {
        if (length < 0) {
            return -EINVAL;
        }
        int rc = walkAt(cred, dirHandle, path, LookupFlags.FOLLOW, walk);
        if (rc < 0) {
            return rc;
        }
        Mount mount = walk.mount;
        Inode inode = walk.inode;
        walk.clear();
        if (inode.isDirectory()) {
            return -EISDIR;
        }
        if (!inode.isRegular()) {
            return -EINVAL;
        }
        if (mount.isReadOnly()) {
            return -EROFS;
        }
        rc = Permissions.check(cred, inode, MAY_WRITE);
        if (rc < 0) {
            return rc;
        }
        return truncateInode(cred, inode, length);
    }

    /** statfs(2) of the file system holding {@code path} (links followed). */
    public int statfs(Credentials cred, long dirHandle, String path, StatFs out) {
        int rc = walkAt(cred, dirHandle, path, LookupFlags.FOLLOW, walk);
        if (rc < 0) {
            return rc;
        }
        Mount mount = walk.mount;
        walk.clear();
        return statfsOf(mount, out);
    }

    /** fstatfs(2); O_PATH files too. */
    public int fstatfs(long handle, StatFs out) {
        OpenFile f = files.get(handle);
        if (f == null) {
            return -EBADF;
        }
        return statfsOf(f.mount(), out);
    }

    private static int statfsOf(Mount mount, StatFs out) {
        out.clear();
        int rc = mount.fileSystem().statfs(out);
        if (rc < 0) {
            return rc;
        }
        out.flags = mount.statfsFlags();
        return 0;
    }

    // ---- namespace ---------------------------------------------------------------------------------------

    /**
     * mkdirat(2): mode {@code mode & 01777 & ~umask}, inheriting set-group-id (and the group) from a
     * set-group-id parent. A trailing slash is allowed. EEXIST for any existing name, ".", ".." or "/".
     */
    public int mkdir(Credentials cred, long dirHandle, String path, int mode, int umask) {
        int rc = walkForCreate(cred, dirHandle, path, true);
        if (rc < 0) {
            return rc;
        }
        Inode dir = walk.parent;
        String name = walk.lastName;
        walk.clear();
        int newMode = ownedMode(cred, dir, FileMode.S_IFDIR | (mode & (FileMode.S_IRWXUGO | FileMode.S_ISVTX) & ~umask));
        return dir.fileSystem().mkdir(dir, name, newMode, cred.uid(), ownedGid(cred, dir));
    }

    /**
     * mknodat(2): a regular file (type 0 or S_IFREG), character or block device (privileged only: EPERM),
     * FIFO or socket. A directory type is EPERM, an unknown type EINVAL.
     */
    public int mknod(Credentials cred, long dirHandle, String path, int mode, long dev, int umask) {
        int type = mode & S_IFMT;
        switch (type) {
            case 0, FileMode.S_IFREG, FileMode.S_IFCHR, FileMode.S_IFBLK, FileMode.S_IFIFO, FileMode.S_IFSOCK -> {
            }
            case FileMode.S_IFDIR -> {
                return -EPERM;
            }
            default -> {
                return -EINVAL;
            }
        }
        int rc = walkForCreate(cred, dirHandle, path, false);
        if (rc < 0) {
            return rc;
        }
        Inode dir = walk.parent;
        String name = walk.lastName;
        walk.clear();
        if ((type == FileMode.S_IFCHR || type == FileMode.S_IFBLK) && !cred.isPrivileged()) {
            return -EPERM;
        }
        if (type == 0) {
            type = FileMode.S_IFREG;
        }
        int newMode = ownedMode(cred, dir, type | (mode & S_IALLUGO & ~umask));
        return dir.fileSystem().mknod(dir, name, newMode, dev, cred.uid(), ownedGid(cred, dir));
    }

    /** symlinkat(2): an empty target is ENOENT, one of PATH_MAX bytes or more ENAMETOOLONG. */
    public int symlink(Credentials cred, String target, long dirHandle, String linkPath) {
        if (target.isEmpty()) {
            return -ENOENT;
        }
        if (target.length() >= PathWalker.PATH_MAX) {
            return -ENAMETOOLONG;
        }
        int rc = walkForCreate(cred, dirHandle, linkPath, false);
        if (rc < 0) {
            return rc;
        }
        Inode dir = walk.parent;
        String name = walk.lastName;
        walk.clear();
        return dir.fileSystem().symlink(dir, name, target, cred.uid(), ownedGid(cred, dir));
    }

    /**
     * linkat(2): the old path is followed only with AT_SYMLINK_FOLLOW; AT_EMPTY_PATH links the dirfd's file
     * (privileged only, ENOENT otherwise). EXDEV across mounts, EPERM for a directory, ENOENT for a file
     * already unlinked.
     */
    public int link(Credentials cred, long oldDirHandle, String oldPath, long newDirHandle, String newPath,
                    int atFlags) {
        if ((atFlags & ~(AtFlags.AT_SYMLINK_FOLLOW | AtFlags.AT_EMPTY_PATH)) != 0) {
            return -EINVAL;
        }
        if ((atFlags & AtFlags.AT_EMPTY_PATH) != 0 && oldPath.isEmpty() && !cred.isPrivileged()) {
            return -ENOENT;
        }
        int lookup = (atFlags & AtFlags.AT_SYMLINK_FOLLOW) != 0 ? LookupFlags.FOLLOW : 0;
        if ((atFlags & AtFlags.AT_EMPTY_PATH) != 0) {
            lookup |= LookupFlags.EMPTY;
        }
        int rc = walkAt(cred, oldDirHandle, oldPath, lookup, walk2);
        if (rc < 0) {
            return rc;
        }
        Mount oldMount = walk2.mount;
        Inode target = walk2.inode;
        walk2.clear();
        rc = walkForCreate(cred, newDirHandle, newPath, false);
        if (rc < 0) {
            return rc;
        }
        Mount newMount = walk.parentMount;
        Inode dir = walk.parent;
        String name = walk.lastName;
        walk.clear();
        if (oldMount != newMount) {
            return -EXDEV;
        }
        if (target.isDirectory()) {
            return -EPERM;
        }
        scratchStat.clear();
        rc = target.fileSystem().getattr(target, scratchStat);
        if (rc < 0) {
            return rc;
        }
        if (scratchStat.nlink == 0) {
            return -ENOENT;
        }
        return dir.fileSystem().link(target, dir, name);
    }

    /**
     * unlinkat(2): without AT_REMOVEDIR removes a non-directory (EISDIR for a directory, and for ".", "..",
     * "/"); with it removes an empty directory (ENOTEMPTY otherwise, EINVAL for ".", ENOTEMPTY for "..",
     * EBUSY for "/" and mountpoints). Write and search permission on the directory and the sticky rule
     * (EPERM) apply.
     */
    public int unlink(Credentials cred, long dirHandle, String path, int atFlags) {
        if ((atFlags & ~AtFlags.AT_REMOVEDIR) != 0) {
            return -EINVAL;
        }
        boolean rmdir = (atFlags & AtFlags.AT_REMOVEDIR) != 0;
        int rc = walkAt(cred, dirHandle, path, LookupFlags.PARENT, walk);
        if (rc < 0) {
            return rc;
        }
        Mount mount = walk.parentMount;
        Inode dir = walk.parent;
        Inode victim = walk.child;
        String name = walk.lastName;
        int lastType = walk.lastType;
        boolean trailingSlash = walk.trailingSlash;
        walk.clear();
        if (rmdir) {
            switch (lastType) {
                case WalkResult.DOTDOT -> {
                    return -ENOTEMPTY;
                }
                case WalkResult.DOT -> {
                    return -EINVAL;
                }
                case WalkResult.ROOT -> {
                    return -EBUSY;
                }
                default -> {
                }
            }
        } else if (lastType != WalkResult.NORMAL) {
            return -EISDIR;
        }
        if (mount.isReadOnly()) {
            return -EROFS;
        }
        if (!rmdir && trailingSlash) {
            return victim == null ? -ENOENT : victim.isDirectory() ? -EISDIR : -ENOTDIR;
        }
        rc = Permissions.mayDelete(cred, mount, dir, victim, rmdir);
        if (rc < 0) {
            return rc;
        }
        if (mounts.isMountpoint(mount, victim)) {
            return -EBUSY;
        }
        return rmdir ? dir.fileSystem().rmdir(dir, name, victim) : dir.fileSystem().unlink(dir, name, victim);
    }

    /**
     * renameat2(2) with RENAME_NOREPLACE (EEXIST if the target exists) and RENAME_EXCHANGE (both must exist,
     * ENOENT otherwise). EXDEV across mounts; EBUSY for ".", ".." or "/" and for mountpoints; EINVAL for
     * moving a directory into itself or below itself; ENOTEMPTY (EINVAL when exchanging) when the target is an
     * ancestor of the source; ENOTDIR and EISDIR for a type mismatch; a directory moved to another parent
     * needs write permission on itself. Renaming a name onto another name of the same file does nothing.
     */
    public int rename(Credentials cred, long oldDirHandle, String oldPath, long newDirHandle, String newPath,
                      int flags) {
        int known = RenameFlags.RENAME_NOREPLACE | RenameFlags.RENAME_EXCHANGE | RenameFlags.RENAME_WHITEOUT;
        if ((flags & ~known) != 0) {
            return -EINVAL;
        }
        boolean exchange = (flags & RenameFlags.RENAME_EXCHANGE) != 0;
        boolean noReplace = (flags & RenameFlags.RENAME_NOREPLACE) != 0;
        if (exchange && (flags & (RenameFlags.RENAME_NOREPLACE | RenameFlags.RENAME_WHITEOUT)) != 0) {
            return -EINVAL;
        }
        if ((flags & RenameFlags.RENAME_WHITEOUT) != 0) {
            return -EINVAL;
        }
        int rc = walkAt(cred, oldDirHandle, oldPath, LookupFlags.PARENT, walk2);
        if (rc < 0) {
            return rc;
        }
        rc = walkAt(cred, newDirHandle, newPath, LookupFlags.PARENT, walk);
        if (rc < 0) {
            walk2.clear();
            return rc;
        }
        try {
            Mount mount = walk2.parentMount;
            Inode oldDir = walk2.parent;
            Inode newDir = walk.parent;
            if (mount != walk.parentMount) {
                return -EXDEV;
            }
            if (walk2.lastType != WalkResult.NORMAL) {
                return -EBUSY;
            }
            if (walk.lastType != WalkResult.NORMAL) {
                return noReplace ? -EEXIST : -EBUSY;
            }
            if (mount.isReadOnly()) {
                return -EROFS;
            }
            Inode source = walk2.child;
            Inode target = walk.child;
            if (source == null) {
                return -ENOENT;
            }
            if (noReplace && target != null) {
                return -EEXIST;
            }
            if (exchange && target == null) {
                return -ENOENT;
            }
            if (exchange && !target.isDirectory() && walk.trailingSlash) {
                return -ENOTDIR;
            }
            if (!source.isDirectory()) {
                if (walk2.trailingSlash) {
                    return -ENOTDIR;
                }
                if (!exchange && walk.trailingSlash) {
                    return -ENOTDIR;
                }
            }
            if (source.isDirectory() && isAncestorOrSelf(source, newDir)) {
                return -EINVAL;
            }
            if (target != null && target.isDirectory() && isAncestorOrSelf(target, oldDir)) {
                return exchange ? -EINVAL : -ENOTEMPTY;
            }
            if (source == target) {
                return 0;
            }
            boolean sourceIsDir = source.isDirectory();
            rc = Permissions.mayDelete(cred, mount, oldDir, source, sourceIsDir);
            if (rc < 0) {
                return rc;
            }
            if (target == null) {
                rc = Permissions.mayCreate(cred, mount, newDir);
            } else {
                rc = Permissions.mayDelete(cred, mount, newDir, target, exchange ? target.isDirectory() : sourceIsDir);
            }
            if (rc < 0) {
                return rc;
            }
            if (oldDir != newDir) {
                if (sourceIsDir) {
                    rc = Permissions.check(cred, source, MAY_WRITE);
                    if (rc < 0) {
                        return rc;
                    }
                }
                if (exchange && target.isDirectory()) {
                    rc = Permissions.check(cred, target, MAY_WRITE);
                    if (rc < 0) {
                        return rc;
                    }
                }
            }
            if (mounts.isMountpoint(mount, source) || (target != null && mounts.isMountpoint(mount, target))) {
                return -EBUSY;
            }
            return oldDir.fileSystem().rename(oldDir, walk2.lastName, newDir, walk.lastName,
                    exchange ? RenameFlags.RENAME_EXCHANGE : 0);
        } finally {
            walk.clear();
            walk2.clear();
        }
    }

    /**
     * readlinkat(2): copies the target (no NUL, truncated to {@code length}) and returns its byte count.
     * EINVAL for a length of 0 or less, or for a non-link (ENOENT for an empty path naming a non-link).
     */
    public int readlink(Credentials cred, long dirHandle, String path, MutableDirectBuffer dst, int dstOffset,
                        int length) {
        if (length <= 0) {
            return -EINVAL;
        }
        int rc = walkAt(cred, dirHandle, path, LookupFlags.EMPTY, walk);
        if (rc < 0) {
            return rc;
        }
        Mount mount = walk.mount;
        Inode inode = walk.inode;
        walk.clear();
        if (!inode.isSymlink()) {
            return path.isEmpty() ? -ENOENT : -EINVAL;
        }
        stringRef.ref = null;
        rc = inode.fileSystem().readlink(cred, inode, stringRef);
        if (rc < 0) {
            return rc;
        }
        String target = stringRef.ref;
        stringRef.ref = null;
        inode.fileSystem().accessed(inode, mount.flags());
        int n = Math.min(length, target.length());
        for (int i = 0; i < n; i++) {
            dst.putByte(dstOffset + i, (byte) target.charAt(i));
        }
        return n;
    }

    // ---- working directory -------------------------------------------------------------------------------

    /**
     * chdir(2): resolves a directory the caller may search and returns an O_PATH handle for it, which the
     * caller keeps as its cwd (closing the old one). ENOTDIR, EACCES, ENOENT as usual.
     */
    public long chdir(Credentials cred, long dirHandle, String path) {
        int rc = walkAt(cred, dirHandle, path, LookupFlags.FOLLOW | LookupFlags.DIRECTORY, walk);
        if (rc < 0) {
            return rc;
        }
        Mount mount = walk.mount;
        Inode inode = walk.inode;
        Inode parent = walk.parent;
        String name = walk.lastName;
        walk.clear();
        rc = Permissions.check(cred, inode, MAY_EXEC);
        if (rc < 0) {
            return rc;
        }
        OpenFile file = new OpenFile(mount, inode, O_PATH | O_DIRECTORY, cred, parent, name);
        mount.openFiles++;
        return files.add(file);
    }

    /** fchdir(2)'s checks on an open file: a directory (ENOTDIR) the caller may search (EACCES). */
    public int checkFchdir(Credentials cred, long handle) {
        OpenFile f = files.get(handle);
        if (f == null) {
            return -EBADF;
        }
        if (!f.inode().isDirectory()) {
            return -ENOTDIR;
        }
        return Permissions.check(cred, f.inode(), MAY_EXEC);
    }

    /**
     * getcwd(2) for the directory of {@code handle}: writes the path and its NUL, returns the length with the
     * NUL. ERANGE if it does not fit, ENOENT if the directory was removed (or is in a detached mount).
     */
    public int getcwd(long handle, MutableDirectBuffer dst, int dstOffset, int length) {
        OpenFile f = files.get(handle);
        if (f == null) {
            return -EBADF;
        }
        if (!f.inode().isDirectory() || !f.mount().isAttached()) {
            return -ENOENT;
        }
        String path = mounts.pathOf(f.mount(), f.inode());
        if (path == null) {
            return -ENOENT;
        }
        if (path.length() + 1 > length) {
            return -ERANGE;
        }
        for (int i = 0; i < path.length(); i++) {
            dst.putByte(dstOffset + i, (byte) path.charAt(i));
        }
        dst.putByte(dstOffset + path.length(), (byte) 0);
        return path.length() + 1;
    }

    /**
     * The path of an open file as /proc/[pid]/fd shows it: exact for directories; for other files the
     * directory and name at open, with " (deleted)" once the file has no links. Null for a bad handle.
     */
    public String pathOf(long handle) {
        OpenFile f = files.get(handle);
        if (f == null) {
            return null;
        }
        if (f.inode().isDirectory()) {
            String p = mounts.pathOf(f.mount(), f.inode());
            return p != null ? p : "/ (deleted)";
        }
        String dir = f.parentAtOpen() == null ? null : mounts.pathOf(f.mount(), f.parentAtOpen());
        String path = dir == null ? "/" + f.nameAtOpen()
                : dir.equals("/") ? "/" + f.nameAtOpen() : dir + "/" + f.nameAtOpen();
        scratchStat.clear();
        if (f.inode().fileSystem().getattr(f.inode(), scratchStat) == 0 && scratchStat.nlink == 0) {
            path += " (deleted)";
        }
        return path;
    }

    // ---- mounts ------------------------------------------------------------------------------------------

    /**
     * mount(2), privileged only (EPERM). A new mount of {@code fsType} (ENODEV if unknown) on a directory
     * (ENOTDIR); MS_BIND of the place {@code source} names (a directory on a directory, a file on a file);
     * MS_REMOUNT changes the per-mount flags of the mount whose root {@code target} is (EINVAL otherwise);
     * propagation flags alone succeed and do nothing; MS_MOVE is EINVAL. Mounting on a mount's root stacks.
     */
    public int mount(Credentials cred, String source, long dirHandle, String target, String fsType, long flags,
                     String data) {
        if (!cred.isPrivileged()) {
            return -EPERM;
        }
        if ((flags & MountFlags.MS_MGC_MSK) == MountFlags.MS_MGC_VAL) {
            flags &= ~MountFlags.MS_MGC_MSK;
        }
        int rc = walkAt(cred, dirHandle, target, LookupFlags.FOLLOW, walk);
        if (rc < 0) {
            return rc;
        }
        Mount parent = walk.mount;
        Inode mountpoint = walk.inode;
        walk.clear();
        if ((flags & MountFlags.MS_REMOUNT) != 0) {
            if (mountpoint != parent.root()) {
                return -EINVAL;
            }
            parent.setFlags(flags & MountFlags.PER_MOUNT);
            return 0;
        }
        if ((flags & MountFlags.MS_MOVE) != 0) {
            return -EINVAL;
        }
        if ((flags & MountFlags.MS_BIND) != 0) {
            rc = walkAt(cred, dirHandle, source, LookupFlags.FOLLOW, walk);
            if (rc < 0) {
                return rc;
            }
            Mount from = walk.mount;
            Inode root = walk.inode;
            walk.clear();
            if (root.isDirectory() != mountpoint.isDirectory()) {
                return -ENOTDIR;
            }
            Mount m = mounts.attach(from.fileSystem(), root, from.source(), parent, mountpoint, flags);
            LOG.debug("bind mount {} on {}", m, target);
            return 0;
        }
        if ((flags & MountFlags.PROPAGATION) != 0) {
            return 0;
        }
        FileSystemType type = types.get(fsType);
        if (type == null) {
            return -ENODEV;
        }
        if (!mountpoint.isDirectory()) {
            return -ENOTDIR;
        }
        fileSystemRef.ref = null;
        rc = type.create(mounts.allocateAnonymousDev(), source, data, fileSystemRef);
        if (rc < 0) {
            return rc;
        }
        FileSystem fs = fileSystemRef.ref;
        fileSystemRef.ref = null;
        Mount m = mounts.attach(fs, fs.root(), source, parent, mountpoint, flags);
        LOG.debug("mounted {} on {}", m, target);
        return 0;
    }

    /**
     * umount2(2), privileged only. The target must be a mount's root (EINVAL); the root mount is EBUSY; a
     * mount with open files (cwds included) or mounts below it is EBUSY unless MNT_DETACH, which detaches it
     * and everything below at once and lets open files live on. MNT_EXPIRE marks an unused mount the first
     * time (EAGAIN) and unmounts it the second. UMOUNT_NOFOLLOW does not follow a final symlink.
     */
    public int umount(Credentials cred, long dirHandle, String target, int flags) {
        if (!cred.isPrivileged()) {
            return -EPERM;
        }
        int known = MountFlags.MNT_FORCE | MountFlags.MNT_DETACH | MountFlags.MNT_EXPIRE | MountFlags.UMOUNT_NOFOLLOW;
        if ((flags & ~known) != 0) {
            return -EINVAL;
        }
        if ((flags & MountFlags.MNT_EXPIRE) != 0 && (flags & (MountFlags.MNT_FORCE | MountFlags.MNT_DETACH)) != 0) {
            return -EINVAL;
        }
        int lookup = (flags & MountFlags.UMOUNT_NOFOLLOW) != 0 ? 0 : LookupFlags.FOLLOW;
        int rc = walkAt(cred, dirHandle, target, lookup, walk);
        if (rc < 0) {
            return rc;
        }
        Mount m = walk.mount;
        Inode inode = walk.inode;
        walk.clear();
        if (inode != m.root()) {
            return -EINVAL;
        }
        if (m == mounts.root()) {
            return -EBUSY;
        }
        boolean busy = m.children > 0 || m.openFiles > 0;
        if ((flags & MountFlags.MNT_EXPIRE) != 0) {
            if (busy) {
                return -EBUSY;
            }
            if (!m.expiryMarked) {
                m.expiryMarked = true;
                return -EAGAIN;
            }
        } else if (busy && (flags & MountFlags.MNT_DETACH) == 0) {
            return -EBUSY;
        }
        mounts.detach(m);
        LOG.debug("unmounted {}", m);
        return 0;
    }

    /** Makes every missing directory of an absolute path (boot-time setup, like mkdir -p). */
    public int mkdirs(Credentials cred, String path, int mode) {
        int at = 0;
        while (at < path.length()) {
            int next = path.indexOf('/', at + 1);
            if (next < 0) {
                next = path.length();
            }
            String prefix = path.substring(0, next);
            int rc = mkdir(cred, NO_HANDLE, prefix, mode, 0);
            if (rc < 0 && rc != -EEXIST) {
                return rc;
            }
            at = next;
        }
        return 0;
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /**
     * Sets {@link #startMount} and {@link #startInode} for a walk of {@code path}, and {@link #rootMount} and
     * {@link #rootInode} to the caller's root directory: absolute paths (and NO_HANDLE) start there.
     */
    private int resolveStart(Credentials cred, long dirHandle, String path) {
        rootMount = null;
        rootInode = null;
        if (cred.root() != NO_HANDLE) {
            OpenFile root = files.get(cred.root());
            if (root == null || !root.inode().isDirectory()) {
                return -EBADF;
            }
            rootMount = root.mount();
            rootInode = root.inode();
            if (dirHandle == NO_HANDLE || (!path.isEmpty() && path.charAt(0) == '/')) {
                startMount = rootMount;
                startInode = rootInode;
                return 0;
            }
        }
        if (!path.isEmpty() && path.charAt(0) == '/') {
            startMount = mounts.root();
            startInode = startMount.root();
            return 0;
        }
        if (dirHandle == NO_HANDLE) {
            startMount = mounts.root();
            startInode = startMount.root();
            while (startInode.mountCount > 0) {
                Mount covering = mounts.mountedOn(startMount, startInode);
                if (covering == null) {
                    break;
                }
                startMount = covering;
                startInode = covering.root();
            }
            return 0;
        }
        OpenFile f = files.get(dirHandle);
        if (f == null) {
            return -EBADF;
        }
        startMount = f.mount();
        startInode = f.inode();
        return 0;
    }

    private int walkAt(Credentials cred, long dirHandle, String path, int lookup, WalkResult out) {
        int rc = resolveStart(cred, dirHandle, path);
        if (rc < 0) {
            return rc;
        }
        rc = walker.walk(cred, rootMount, rootInode, startMount, startInode, path, lookup, out);
        startMount = null;
        startInode = null;
        rootMount = null;
        rootInode = null;
        return rc;
    }

    /**
     * The walk of mkdir, mknod, symlink and link's new name (Linux's filename_create): the parent, with the
     * last name free. EEXIST for an existing name or ".", "..", "/"; ENOENT for a trailing slash unless
     * making a directory; EROFS; then write and search permission on the parent.
     */
    private int walkForCreate(Credentials cred, long dirHandle, String path, boolean directory) {
        int rc = walkAt(cred, dirHandle, path, LookupFlags.PARENT, walk);
        if (rc < 0) {
            return rc;
        }
        if (walk.lastType != WalkResult.NORMAL || walk.child != null) {
            walk.clear();
            return -EEXIST;
        }
        if (walk.trailingSlash && !directory) {
            walk.clear();
            return -ENOENT;
        }
        rc = Permissions.mayCreate(cred, walk.parentMount, walk.parent);
        if (rc < 0) {
            walk.clear();
        }
        return rc;
    }

    private static int followFlags(int atFlags, int noFollowFlag, boolean followByDefault) {
        int lookup = 0;
        if (followByDefault && (atFlags & noFollowFlag) == 0) {
            lookup |= LookupFlags.FOLLOW;
        }
        if ((atFlags & AtFlags.AT_EMPTY_PATH) != 0) {
            lookup |= LookupFlags.EMPTY;
        }
        return lookup;
    }

    private static int accessMask(int flags) {
        int mask = switch (flags & O_ACCMODE) {
            case OpenFlags.O_RDONLY -> MAY_READ;
            case OpenFlags.O_WRONLY -> MAY_WRITE;
            default -> MAY_READ | MAY_WRITE;
        };
        if ((flags & O_TRUNC) != 0) {
            mask |= MAY_WRITE;
        }
        return mask;
    }

    /** The group of a new inode: the directory's if it is set-group-id, else the creator's. */
    private static int ownedGid(Credentials cred, Inode dir) {
        return (dir.mode() & S_ISGID) != 0 ? dir.gid() : cred.gid();
    }

    /**
     * The mode of a new inode (inode_init_owner and mode_strip_sgid): a directory made in a set-group-id
     * directory is set-group-id too; a group-executable set-group-id file made there by someone outside the
     * directory's group loses set-group-id.
     */
    private static int ownedMode(Credentials cred, Inode dir, int mode) {
        if ((dir.mode() & S_ISGID) != 0) {
            if (FileMode.isDirectory(mode)) {
                mode |= S_ISGID;
            } else if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) && !cred.inGroup(dir.gid())
                    && !cred.isPrivileged()) {
                mode &= ~S_ISGID;
            }
        }
        return mode;
    }

    private long sizeOf(Inode inode) {
        scratchStat.clear();
        int rc = inode.fileSystem().getattr(inode, scratchStat);
        return rc < 0 ? rc : scratchStat.size;
    }

    private void accessed(OpenFile f) {
        if ((f.flags() & O_NOATIME) == 0) {
            f.inode().fileSystem().accessed(f.inode(), f.mount().flags());
        }
    }

    /**
     * file_remove_privs: an unprivileged writer or truncater of a regular file drops set-user-id, and
     * set-group-id when group execute is set or the writer is outside the file's group.
     */
    private int dropPrivilegeBits(Credentials cred, Inode inode) {
        int mode = inode.mode();
        if (!inode.isRegular() || cred.isPrivileged() || (mode & (S_ISUID | S_ISGID)) == 0) {
            return 0;
        }
        int kill = mode & S_ISUID;
        if ((mode & S_ISGID) != 0 && ((mode & S_IXGRP) != 0 || !cred.inGroup(inode.gid()))) {
            kill |= S_ISGID;
        }
        if (kill == 0) {
            return 0;
        }
        attr.clear();
        attr.valid = SetAttr.ATTR_MODE | SetAttr.ATTR_CTIME;
        attr.mode = mode & ~kill;
        attr.ctime = clock.nowNanos();
        return inode.fileSystem().setattr(inode, attr);
    }

    /** do_truncate: a new size, with mtime and ctime now and privilege bits dropped. */
    private int truncateInode(Credentials cred, Inode inode, long length) {
        int rc = dropPrivilegeBits(cred, inode);
        if (rc < 0) {
            return rc;
        }
        long now = clock.nowNanos();
        attr.clear();
        attr.valid = SetAttr.ATTR_SIZE | SetAttr.ATTR_MTIME | SetAttr.ATTR_CTIME;
        attr.size = length;
        attr.mtime = now;
        attr.ctime = now;
        return inode.fileSystem().setattr(inode, attr);
    }

    private int chmodInode(Credentials cred, Mount mount, Inode inode, int mode) {
        if (mount.isReadOnly()) {
            return -EROFS;
        }
        if (!Permissions.isOwnerOrPrivileged(cred, inode)) {
            return -EPERM;
        }
        int newMode = (inode.mode() & S_IFMT) | (mode & S_IALLUGO);
        if (!cred.isPrivileged() && !cred.inGroup(inode.gid())) {
            newMode &= ~S_ISGID;
        }
        attr.clear();
        attr.valid = SetAttr.ATTR_MODE | SetAttr.ATTR_CTIME;
        attr.mode = newMode;
        attr.ctime = clock.nowNanos();
        return inode.fileSystem().setattr(inode, attr);
    }

    /**
     * chown_common and setattr_prepare: changing the owner needs privilege (or is a no-op by the owner);
     * changing the group needs privilege or ownership plus membership of the new group (EPERM). A
     * non-directory loses set-user-id, and set-group-id when group-executable (or the caller is outside its
     * group), even when root changes it. ctime becomes now, even for (-1, -1).
     */
    private int chownInode(Credentials cred, Mount mount, Inode inode, int uid, int gid) {
        if (mount.isReadOnly()) {
            return -EROFS;
        }
        boolean owner = cred.uid() == inode.uid();
        if (uid != -1 && !(owner && uid == inode.uid()) && !cred.isPrivileged()) {
            return -EPERM;
        }
        if (gid != -1 && !cred.isPrivileged() && !(owner && (gid == inode.gid() || cred.inGroup(gid)))) {
            return -EPERM;
        }
        attr.clear();
        attr.valid = SetAttr.ATTR_CTIME;
        attr.ctime = clock.nowNanos();
        if (uid != -1) {
            attr.valid |= SetAttr.ATTR_UID;
            attr.uid = uid;
        }
        if (gid != -1) {
            attr.valid |= SetAttr.ATTR_GID;
            attr.gid = gid;
        }
        int mode = inode.mode();
        if (!inode.isDirectory()) {
            int kill = mode & S_ISUID;
            if ((mode & S_ISGID) != 0 && ((mode & S_IXGRP) != 0 || !(cred.isPrivileged() || cred.inGroup(inode.gid())))) {
                kill |= S_ISGID;
            }
            if (kill != 0) {
                attr.valid |= SetAttr.ATTR_MODE;
                attr.mode = mode & ~kill;
            }
        }
        return inode.fileSystem().setattr(inode, attr);
    }

    private int utimensInode(Credentials cred, Mount mount, Inode inode, boolean timesGiven, long atimeSec,
                             long atimeNsec, long mtimeSec, long mtimeNsec) {
        if (timesGiven && atimeNsec == AtFlags.UTIME_NOW && mtimeNsec == AtFlags.UTIME_NOW) {
            timesGiven = false;
        }
        if (mount.isReadOnly()) {
            return -EROFS;
        }
        if (!Permissions.isOwnerOrPrivileged(cred, inode)) {
            if (timesGiven) {
                return -EPERM;
            }
            int rc = Permissions.check(cred, inode, MAY_WRITE);
            if (rc < 0) {
                return rc;
            }
        }
        long now = clock.nowNanos();
        attr.clear();
        attr.valid = SetAttr.ATTR_CTIME;
        attr.ctime = now;
        if (!timesGiven || atimeNsec != AtFlags.UTIME_OMIT) {
            attr.valid |= SetAttr.ATTR_ATIME;
            attr.atime = !timesGiven || atimeNsec == AtFlags.UTIME_NOW ? now : toNanos(atimeSec, atimeNsec);
        }
        if (!timesGiven || mtimeNsec != AtFlags.UTIME_OMIT) {
            attr.valid |= SetAttr.ATTR_MTIME;
            attr.mtime = !timesGiven || mtimeNsec == AtFlags.UTIME_NOW ? now : toNanos(mtimeSec, mtimeNsec);
        }
        return inode.fileSystem().setattr(inode, attr);
    }

    private static boolean validNsec(long nsec) {
        return nsec == AtFlags.UTIME_NOW || nsec == AtFlags.UTIME_OMIT || (nsec >= 0 && nsec < 1_000_000_000L);
    }

    /** Seconds and nanoseconds to nanoseconds since the epoch, saturating outside 1677..2262. */
    private static long toNanos(long sec, long nsec) {
        long limit = Long.MAX_VALUE / 1_000_000_000L - 1;
        if (sec > limit) {
            return Long.MAX_VALUE;
        }
        if (sec < -limit) {
            return Long.MIN_VALUE;
        }
        return sec * 1_000_000_000L + nsec;
    }

    /** Whether {@code candidate} is {@code dir} or one of its ancestors in their file system. */
    private static boolean isAncestorOrSelf(Inode candidate, Inode dir) {
        Inode d = dir;
        FileSystem fs = d.fileSystem();
        if (candidate.fileSystem() != fs) {
            return false;
        }
        while (true) {
            if (d == candidate) {
                return true;
            }
            Inode up = fs.parent(d);
            if (up == d) {
                return false;
            }
            d = up;
        }
    }
}
