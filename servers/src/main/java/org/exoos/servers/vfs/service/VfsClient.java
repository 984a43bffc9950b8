package org.exoos.servers.vfs.service;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.framework.ReplyHandler;
import org.exoos.servers.framework.ReplyView;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.Credentials;

/**
 * The kernel's side of the vfs server: one blocking method per {@link VfsCodec} operation over a
 * {@link ServerClient}, each returning what the syscall returns ({@code >= 0} or {@code -errno};
 * {@code -EIO} if the server is gone).
 *
 * <p>Paths come as guest bytes ({@code DirectBuffer}, offset, length, no NUL); the String
 * overloads are for the kernel's own paths and tests. Reply data (file bytes, dirents, struct
 * stat, link targets, the cwd) is copied from the reply's block into the caller's buffer; write
 * data is copied from the caller's buffer into the request's block. Nothing allocates.
 *
 * <p>One call at a time: the methods are synchronized, since a request is encoded in the shared
 * client's argument area and data block between separate calls. Callers that want requests in
 * flight concurrently use one {@code VfsClient} (and server channel) each.
 */
public final class VfsClient {
    private final ServerClient client;
    private final long timeoutNanos;
    private final PathBlock.Encoder pathBlock = new PathBlock.Encoder();
    private final UnsafeBuffer stringPath = new UnsafeBuffer(new byte[PathBlock.MAX_PATH_LENGTH + 1]);
    private final UnsafeBuffer stringPath2 = new UnsafeBuffer(new byte[PathBlock.MAX_PATH_LENGTH + 1]);
    private final DataCopier copier = new DataCopier();
    private final UnsafeBuffer mountFields = new UnsafeBuffer(new byte[PathBlock.MAX_PATH_LENGTH + 1]);

    /** Calls through {@code client} (the vfs server's), waiting up to {@code timeoutNanos} per call. */
    public VfsClient(final ServerClient client, final long timeoutNanos) {
        this.client = client;
        this.timeoutNanos = timeoutNanos;
    }

    public VfsClient(final ServerClient client) {
        this(client, ServerClient.DEFAULT_TIMEOUT_NANOS);
    }

    public ServerClient serverClient() {
        return client;
    }

    // ---- handle operations -------------------------------------------------------------------

    /** close: drops one reference to the open file. */
    public synchronized int close(final long handle) {
        return (int) call(VfsCodec.OP_CLOSE, VfsCodec.encodeHandle(client.arguments(), 0, handle));
    }

    /** dup, fork: one more reference to the open file. */
    public synchronized int retain(final long handle) {
        return (int) call(VfsCodec.OP_RETAIN, VfsCodec.encodeHandle(client.arguments(), 0, handle));
    }

    /** read(2) into {@code dst}; at most the channel's block size per call (a short read). */
    public synchronized long read(final long handle, final MutableDirectBuffer dst, final int dstOffset,
                                  final int length) {
        return callInto(VfsCodec.OP_READ, VfsCodec.encodeHandleInt(client.arguments(), 0, handle, length),
            dst, dstOffset, length);
    }

    /** pread64(2) into {@code dst}. */
    public synchronized long pread(final long handle, final long position, final MutableDirectBuffer dst,
                                   final int dstOffset, final int length) {
        return callInto(VfsCodec.OP_PREAD,
            VfsCodec.encodeHandleLongInt(client.arguments(), 0, handle, position, length), dst, dstOffset, length);
    }

    /** write(2) from {@code src}; at most the channel's block size per call (a short write). */
    public synchronized long write(final long handle, final DirectBuffer src, final int srcOffset, final int length) {
        return callWithBytes(VfsCodec.OP_WRITE, VfsCodec.encodeHandle(client.arguments(), 0, handle),
            src, srcOffset, length);
    }

    /** pwrite64(2) from {@code src}. */
    public synchronized long pwrite(final long handle, final long position, final DirectBuffer src,
                                    final int srcOffset, final int length) {
        return callWithBytes(VfsCodec.OP_PWRITE, VfsCodec.encodeHandleLong(client.arguments(), 0, handle, position),
            src, srcOffset, length);
    }

    /** lseek(2): the new offset. */
    public synchronized long lseek(final long handle, final long offset, final int whence) {
        return call(VfsCodec.OP_LSEEK, VfsCodec.encodeHandleLongInt(client.arguments(), 0, handle, offset, whence));
    }

    /** ftruncate(2). */
    public synchronized int ftruncate(final long handle, final long length) {
        return (int) call(VfsCodec.OP_FTRUNCATE, VfsCodec.encodeHandleLong(client.arguments(), 0, handle, length));
    }

    /** fstat(2): 0 and the 128-byte riscv64 struct stat at {@code dst[dstOffset]}. */
    public synchronized int fstat(final long handle, final MutableDirectBuffer dst, final int dstOffset) {
        final long rc = callInto(VfsCodec.OP_FSTAT, VfsCodec.encodeHandle(client.arguments(), 0, handle),
            dst, dstOffset, VfsCodec.STAT_LENGTH);
        return (int) rc;
    }

    /** getdents64(2): the bytes of linux_dirent64 records written to {@code dst}. */
    public synchronized long getdents64(final long handle, final MutableDirectBuffer dst, final int dstOffset,
                                        final int length) {
        return callInto(VfsCodec.OP_GETDENTS64, VfsCodec.encodeHandleInt(client.arguments(), 0, handle, length),
            dst, dstOffset, length);
    }

    /** getcwd(2) of the cwd handle: the length with the NUL, the path and NUL in {@code dst}. */
    public synchronized int getcwd(final long cwdHandle, final MutableDirectBuffer dst, final int dstOffset,
                                   final int length) {
        return (int) callInto(VfsCodec.OP_GETCWD, VfsCodec.encodeHandleInt(client.arguments(), 0, cwdHandle, length),
            dst, dstOffset, length);
    }

    // ---- path operations ---------------------------------------------------------------------

    /** openat(2): the new handle. */
    public synchronized long open(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                  final int pathOffset, final int pathLength, final int flags, final int mode,
                                  final int umask) {
        return callWithPath(VfsCodec.OP_OPEN, VfsCodec.encodeOpen(client.arguments(), 0, dirHandle, flags, mode, umask),
            cred, path, pathOffset, pathLength, null, 0, 0, null, 0, 0);
    }

    public synchronized long open(final Credentials cred, final long dirHandle, final String path, final int flags,
                                  final int mode, final int umask) {
        return open(cred, dirHandle, stringPath, 0, ascii(path, stringPath), flags, mode, umask);
    }

    /** newfstatat(2): 0 and the struct stat at {@code dst[dstOffset]}. */
    public synchronized int stat(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                 final int pathOffset, final int pathLength, final int atFlags,
                                 final MutableDirectBuffer dst, final int dstOffset) {
        return (int) callWithPath(VfsCodec.OP_STAT, VfsCodec.encodeHandleInt(client.arguments(), 0, dirHandle, atFlags),
            cred, path, pathOffset, pathLength, null, 0, 0, dst, dstOffset, VfsCodec.STAT_LENGTH);
    }

    public synchronized int stat(final Credentials cred, final long dirHandle, final String path, final int atFlags,
                                 final MutableDirectBuffer dst, final int dstOffset) {
        return stat(cred, dirHandle, stringPath, 0, ascii(path, stringPath), atFlags, dst, dstOffset);
    }

    /** mkdirat(2). */
    public synchronized int mkdir(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                  final int pathOffset, final int pathLength, final int mode, final int umask) {
        return (int) callWithPath(VfsCodec.OP_MKDIR,
            VfsCodec.encodeHandleTwoInts(client.arguments(), 0, dirHandle, mode, umask),
            cred, path, pathOffset, pathLength, null, 0, 0, null, 0, 0);
    }

    public synchronized int mkdir(final Credentials cred, final long dirHandle, final String path, final int mode,
                                  final int umask) {
        return mkdir(cred, dirHandle, stringPath, 0, ascii(path, stringPath), mode, umask);
    }

    /** mknodat(2): {@code mode} carries the file type; {@code dev} matters for devices only. */
    public synchronized int mknod(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                  final int pathOffset, final int pathLength, final int mode, final long dev,
                                  final int umask) {
        return (int) callWithPath(VfsCodec.OP_MKNOD,
            VfsCodec.encodeMknod(client.arguments(), 0, dirHandle, mode, dev, umask),
            cred, path, pathOffset, pathLength, null, 0, 0, null, 0, 0);
    }

    public synchronized int mknod(final Credentials cred, final long dirHandle, final String path, final int mode,
                                  final long dev, final int umask) {
        return mknod(cred, dirHandle, stringPath, 0, ascii(path, stringPath), mode, dev, umask);
    }

    /** unlinkat(2) (AT_REMOVEDIR: rmdir). */
    public synchronized int unlink(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                   final int pathOffset, final int pathLength, final int atFlags) {
        return (int) callWithPath(VfsCodec.OP_UNLINK, VfsCodec.encodeHandleInt(client.arguments(), 0, dirHandle, atFlags),
            cred, path, pathOffset, pathLength, null, 0, 0, null, 0, 0);
    }

    public synchronized int unlink(final Credentials cred, final long dirHandle, final String path, final int atFlags) {
        return unlink(cred, dirHandle, stringPath, 0, ascii(path, stringPath), atFlags);
    }

    /** renameat2(2). */
    public synchronized int rename(final Credentials cred, final long oldDirHandle, final DirectBuffer oldPath,
                                   final int oldOffset, final int oldLength, final long newDirHandle,
                                   final DirectBuffer newPath, final int newOffset, final int newLength,
                                   final int flags) {
        return (int) callWithPath(VfsCodec.OP_RENAME,
            VfsCodec.encodeHandleLongInt(client.arguments(), 0, oldDirHandle, newDirHandle, flags),
            cred, oldPath, oldOffset, oldLength, newPath, newOffset, newLength, null, 0, 0);
    }

    public synchronized int rename(final Credentials cred, final long oldDirHandle, final String oldPath,
                                   final long newDirHandle, final String newPath, final int flags) {
        return rename(cred, oldDirHandle, stringPath, 0, ascii(oldPath, stringPath), newDirHandle,
            stringPath2, 0, ascii(newPath, stringPath2), flags);
    }

    /** symlinkat(2): a link at {@code linkPath} (relative to {@code dirHandle}) to {@code target}. */
    public synchronized int symlink(final Credentials cred, final DirectBuffer target, final int targetOffset,
                                    final int targetLength, final long dirHandle, final DirectBuffer linkPath,
                                    final int linkOffset, final int linkLength) {
        return (int) callWithPath(VfsCodec.OP_SYMLINK, VfsCodec.encodeHandle(client.arguments(), 0, dirHandle),
            cred, target, targetOffset, targetLength, linkPath, linkOffset, linkLength, null, 0, 0);
    }

    public synchronized int symlink(final Credentials cred, final String target, final long dirHandle,
                                    final String linkPath) {
        return symlink(cred, stringPath, 0, ascii(target, stringPath), dirHandle, stringPath2, 0,
            ascii(linkPath, stringPath2));
    }

    /** readlinkat(2): the target's byte count, the target (no NUL) in {@code dst}. */
    public synchronized int readlink(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                     final int pathOffset, final int pathLength, final MutableDirectBuffer dst,
                                     final int dstOffset, final int length) {
        return (int) callWithPath(VfsCodec.OP_READLINK,
            VfsCodec.encodeHandleInt(client.arguments(), 0, dirHandle, length),
            cred, path, pathOffset, pathLength, null, 0, 0, dst, dstOffset, length);
    }

    public synchronized int readlink(final Credentials cred, final long dirHandle, final String path,
                                     final MutableDirectBuffer dst, final int dstOffset, final int length) {
        return readlink(cred, dirHandle, stringPath, 0, ascii(path, stringPath), dst, dstOffset, length);
    }

    /** faccessat2(2). */
    public synchronized int access(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                   final int pathOffset, final int pathLength, final int mode, final int atFlags) {
        return (int) callWithPath(VfsCodec.OP_ACCESS,
            VfsCodec.encodeHandleTwoInts(client.arguments(), 0, dirHandle, mode, atFlags),
            cred, path, pathOffset, pathLength, null, 0, 0, null, 0, 0);
    }

    public synchronized int access(final Credentials cred, final long dirHandle, final String path, final int mode,
                                   final int atFlags) {
        return access(cred, dirHandle, stringPath, 0, ascii(path, stringPath), mode, atFlags);
    }

    /** chdir(2): an O_PATH handle for the directory, which the caller keeps as its cwd. */
    public synchronized long chdir(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                   final int pathOffset, final int pathLength) {
        return callWithPath(VfsCodec.OP_CHDIR, VfsCodec.encodeHandle(client.arguments(), 0, dirHandle),
            cred, path, pathOffset, pathLength, null, 0, 0, null, 0, 0);
    }

    public synchronized long chdir(final Credentials cred, final long dirHandle, final String path) {
        return chdir(cred, dirHandle, stringPath, 0, ascii(path, stringPath));
    }

    // ---- attributes, links, sync, mounts, status flags, locks (version 2) -----------------------

    /** fchmod(2). */
    public synchronized int fchmod(final Credentials cred, final long handle, final int mode) {
        return (int) callWithCredentials(VfsCodec.OP_FCHMOD,
            VfsCodec.encodeHandleInt(client.arguments(), 0, handle, mode), cred);
    }

    /** fchmodat(2) (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). */
    public synchronized int chmod(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                  final int pathOffset, final int pathLength, final int mode, final int atFlags) {
        return (int) callWithPath(VfsCodec.OP_CHMOD,
            VfsCodec.encodeHandleTwoInts(client.arguments(), 0, dirHandle, mode, atFlags),
            cred, path, pathOffset, pathLength, null, 0, 0, null, 0, 0);
    }

    public synchronized int chmod(final Credentials cred, final long dirHandle, final String path, final int mode,
                                  final int atFlags) {
        return chmod(cred, dirHandle, stringPath, 0, ascii(path, stringPath), mode, atFlags);
    }

    /** fchown(2); -1 leaves an id unchanged. */
    public synchronized int fchown(final Credentials cred, final long handle, final int uid, final int gid) {
        return (int) callWithCredentials(VfsCodec.OP_FCHOWN,
            VfsCodec.encodeHandleTwoInts(client.arguments(), 0, handle, uid, gid), cred);
    }

    /** fchownat(2) (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH); -1 leaves an id unchanged. */
    public synchronized int chown(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                  final int pathOffset, final int pathLength, final int uid, final int gid,
                                  final int atFlags) {
        return (int) callWithPath(VfsCodec.OP_CHOWN,
            VfsCodec.encodeHandleThreeInts(client.arguments(), 0, dirHandle, uid, gid, atFlags),
            cred, path, pathOffset, pathLength, null, 0, 0, null, 0, 0);
    }

    public synchronized int chown(final Credentials cred, final long dirHandle, final String path, final int uid,
                                  final int gid, final int atFlags) {
        return chown(cred, dirHandle, stringPath, 0, ascii(path, stringPath), uid, gid, atFlags);
    }

    /**
     * utimensat(2) on a path: {@code timesGiven} false is a NULL times pointer (both now); a nanosecond
     * field may be UTIME_NOW or UTIME_OMIT.
     */
    public synchronized int utimens(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                    final int pathOffset, final int pathLength, final boolean timesGiven,
                                    final long atimeSec, final long atimeNsec, final long mtimeSec,
                                    final long mtimeNsec, final int atFlags) {
        return (int) callWithPath(VfsCodec.OP_UTIMENS, VfsCodec.encodeUtimens(client.arguments(), 0, dirHandle,
                timesGiven, atimeSec, atimeNsec, mtimeSec, mtimeNsec, atFlags),
            cred, path, pathOffset, pathLength, null, 0, 0, null, 0, 0);
    }

    public synchronized int utimens(final Credentials cred, final long dirHandle, final String path,
                                    final boolean timesGiven, final long atimeSec, final long atimeNsec,
                                    final long mtimeSec, final long mtimeNsec, final int atFlags) {
        return utimens(cred, dirHandle, stringPath, 0, ascii(path, stringPath), timesGiven, atimeSec, atimeNsec,
            mtimeSec, mtimeNsec, atFlags);
    }

    /** utimensat(fd, NULL, times, 0), that is futimens(3), on an open file. */
    public synchronized int futimens(final Credentials cred, final long handle, final boolean timesGiven,
                                     final long atimeSec, final long atimeNsec, final long mtimeSec,
                                     final long mtimeNsec) {
        return (int) callWithCredentials(VfsCodec.OP_FUTIMENS, VfsCodec.encodeUtimens(client.arguments(), 0, handle,
            timesGiven, atimeSec, atimeNsec, mtimeSec, mtimeNsec, 0), cred);
    }

    /** linkat(2) (AT_SYMLINK_FOLLOW, AT_EMPTY_PATH). */
    public synchronized int link(final Credentials cred, final long oldDirHandle, final DirectBuffer oldPath,
                                 final int oldOffset, final int oldLength, final long newDirHandle,
                                 final DirectBuffer newPath, final int newOffset, final int newLength,
                                 final int atFlags) {
        return (int) callWithPath(VfsCodec.OP_LINK,
            VfsCodec.encodeHandleLongInt(client.arguments(), 0, oldDirHandle, newDirHandle, atFlags),
            cred, oldPath, oldOffset, oldLength, newPath, newOffset, newLength, null, 0, 0);
    }

    public synchronized int link(final Credentials cred, final long oldDirHandle, final String oldPath,
                                 final long newDirHandle, final String newPath, final int atFlags) {
        return link(cred, oldDirHandle, stringPath, 0, ascii(oldPath, stringPath), newDirHandle,
            stringPath2, 0, ascii(newPath, stringPath2), atFlags);
    }

    /** fsync(2), or fdatasync(2) when {@code dataOnly}. */
    public synchronized int fsync(final long handle, final boolean dataOnly) {
        return (int) call(VfsCodec.OP_FSYNC, VfsCodec.encodeHandleInt(client.arguments(), 0, handle, dataOnly ? 1 : 0));
    }

    /** Tells the vfs the machine's wall clock is the host's plus {@code offsetNanos} (clock_settime). */
    public synchronized int setClockOffset(final long offsetNanos) {
        return (int) call(VfsCodec.OP_SET_CLOCK_OFFSET, VfsCodec.encodeHandle(client.arguments(), 0, offsetNanos));
    }

    /** statfs(2): 0 and the 120-byte riscv64 struct statfs at {@code dst[dstOffset]}. */
    public synchronized int statfs(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                   final int pathOffset, final int pathLength, final MutableDirectBuffer dst,
                                   final int dstOffset) {
        return (int) callWithPath(VfsCodec.OP_STATFS, VfsCodec.encodeHandle(client.arguments(), 0, dirHandle),
            cred, path, pathOffset, pathLength, null, 0, 0, dst, dstOffset, VfsCodec.STATFS_LENGTH);
    }

    public synchronized int statfs(final Credentials cred, final long dirHandle, final String path,
                                   final MutableDirectBuffer dst, final int dstOffset) {
        return statfs(cred, dirHandle, stringPath, 0, ascii(path, stringPath), dst, dstOffset);
    }

    /** fstatfs(2): 0 and the struct statfs at {@code dst[dstOffset]}. */
    public synchronized int fstatfs(final long handle, final MutableDirectBuffer dst, final int dstOffset) {
        return (int) callInto(VfsCodec.OP_FSTATFS, VfsCodec.encodeHandle(client.arguments(), 0, handle),
            dst, dstOffset, VfsCodec.STATFS_LENGTH);
    }

    /**
     * mount(2) of {@code fsType} from {@code source} on {@code target} with {@code data} options: the three
     * strings (empty for NULL) travel as one second path, separated by NULs.
     */
    public synchronized int mount(final Credentials cred, final long dirHandle, final DirectBuffer target,
                                  final int targetOffset, final int targetLength, final DirectBuffer source,
                                  final int sourceOffset, final int sourceLength, final DirectBuffer fsType,
                                  final int fsTypeOffset, final int fsTypeLength, final DirectBuffer data,
                                  final int dataOffset, final int dataLength, final long flags) {
        final int fieldsLength = sourceLength + 1 + fsTypeLength + 1 + dataLength;
        if (fieldsLength > PathBlock.MAX_PATH_LENGTH) {
            return -Errno.ENAMETOOLONG;
        }
        int at = 0;
        mountFields.putBytes(at, source, sourceOffset, sourceLength);
        at += sourceLength;
        mountFields.putByte(at++, VfsCodec.MOUNT_FIELD_SEPARATOR);
        mountFields.putBytes(at, fsType, fsTypeOffset, fsTypeLength);
        at += fsTypeLength;
        mountFields.putByte(at++, VfsCodec.MOUNT_FIELD_SEPARATOR);
        mountFields.putBytes(at, data, dataOffset, dataLength);
        return mountWithFields(cred, dirHandle, target, targetOffset, targetLength, fieldsLength, flags);
    }

    public synchronized int mount(final Credentials cred, final long dirHandle, final String target,
                                  final String source, final String fsType, final String data, final long flags) {
        int at = appendField(source, 0, true);
        at = appendField(fsType, at, true);
        at = appendField(data, at, false);
        if (at < 0) {
            return -Errno.ENAMETOOLONG;
        }
        return mountWithFields(cred, dirHandle, stringPath, 0, ascii(target, stringPath), at, flags);
    }

    private int mountWithFields(final Credentials cred, final long dirHandle, final DirectBuffer target,
                                final int targetOffset, final int targetLength, final int fieldsLength,
                                final long flags) {
        return (int) callWithPath(VfsCodec.OP_MOUNT, VfsCodec.encodeHandleLong(client.arguments(), 0, dirHandle, flags),
            cred, target, targetOffset, targetLength, mountFields, 0, fieldsLength, null, 0, 0);
    }

    /**
     * Writes {@code text} (null: empty) one byte per char at {@code at} of the mount fields, then a separator
     * unless it is the last field; returns the position after them, or -1 (also for {@code at} -1) when
     * they do not fit.
     */
    private int appendField(final String text, final int at, final boolean separated) {
        final int length = text == null ? 0 : text.length();
        final int end = at + length + (separated ? 1 : 0);
        if (at < 0 || end > PathBlock.MAX_PATH_LENGTH) {
            return -1;
        }
        for (int i = 0; i < length; i++) {
            mountFields.putByte(at + i, (byte) text.charAt(i));
        }
        if (separated) {
            mountFields.putByte(at + length, VfsCodec.MOUNT_FIELD_SEPARATOR);
        }
        return end;
    }

    /** umount2(2). */
    public synchronized int umount(final Credentials cred, final long dirHandle, final DirectBuffer target,
                                   final int targetOffset, final int targetLength, final int flags) {
        return (int) callWithPath(VfsCodec.OP_UMOUNT, VfsCodec.encodeHandleInt(client.arguments(), 0, dirHandle, flags),
            cred, target, targetOffset, targetLength, null, 0, 0, null, 0, 0);
    }

    public synchronized int umount(final Credentials cred, final long dirHandle, final String target, final int flags) {
        return umount(cred, dirHandle, stringPath, 0, ascii(target, stringPath), flags);
    }

    /** fchdir(2)'s checks: a directory (ENOTDIR) the caller may search (EACCES). */
    public synchronized int fchdir(final Credentials cred, final long handle) {
        return (int) callWithCredentials(VfsCodec.OP_FCHDIR, VfsCodec.encodeHandle(client.arguments(), 0, handle), cred);
    }

    /** fcntl(F_GETFL): the access mode and status flags of the open file. */
    public synchronized int getStatusFlags(final long handle) {
        return (int) call(VfsCodec.OP_GETFL, VfsCodec.encodeHandle(client.arguments(), 0, handle));
    }

    /** fcntl(F_SETFL). */
    public synchronized int setStatusFlags(final Credentials cred, final long handle, final int flags) {
        return (int) callWithCredentials(VfsCodec.OP_SETFL, VfsCodec.encodeHandleInt(client.arguments(), 0, handle,
            flags), cred);
    }

    /** truncate(2). */
    public synchronized int truncate(final Credentials cred, final long dirHandle, final DirectBuffer path,
                                     final int pathOffset, final int pathLength, final long length) {
        return (int) callWithPath(VfsCodec.OP_TRUNCATE,
            VfsCodec.encodeHandleLong(client.arguments(), 0, dirHandle, length),
            cred, path, pathOffset, pathLength, null, 0, 0, null, 0, 0);
    }

    public synchronized int truncate(final Credentials cred, final long dirHandle, final String path,
                                     final long length) {
        return truncate(cred, dirHandle, stringPath, 0, ascii(path, stringPath), length);
    }

    /**
     * fcntl(2) record lock command {@code cmd} of process {@code pid} with the struct flock's fields. For
     * F_GETLK and F_OFD_GETLK, a conflicting lock is written to {@code dst} as a struct flock (32 bytes) and
     * the result is 1; 0 means no conflict ({@code dst} untouched). A conflicting F_SETLKW answers -EAGAIN
     * (ask again later) or -EDEADLK.
     */
    public synchronized int lock(final long handle, final int pid, final int cmd, final int type, final int whence,
                                 final long start, final long length, final int lPid, final MutableDirectBuffer dst,
                                 final int dstOffset) {
        copier.target(dst, dstOffset, VfsCodec.FLOCK_LENGTH);
        try {
            final long rc = client.call(VfsCodec.OP_LOCK, VfsCodec.encodeLock(client.arguments(), 0, handle, pid, cmd,
                type, whence, start, length, lPid), timeoutNanos, copier);
            return rc < 0 ? (int) rc : copier.copied > 0 ? 1 : 0;
        } finally {
            copier.target(null, 0, 0);
        }
    }

    /** close(2) by process {@code pid} of a descriptor of the handle's file: its POSIX record locks there go. */
    public synchronized int releasePosixLocks(final long handle, final int pid) {
        return (int) call(VfsCodec.OP_LOCK, VfsCodec.encodeLock(client.arguments(), 0, handle, pid,
            VfsCodec.LOCK_RELEASE_POSIX, 0, 0, 0, 0, 0));
    }

    /**
     * flock(2) by the handle's open file description: {@code operation} is LOCK_SH, LOCK_EX or LOCK_UN
     * (without LOCK_NB). 0, or -EAGAIN when another description holds a conflicting lock, -EINVAL, -EBADF.
     */
    public synchronized int flock(final long handle, final int operation) {
        return (int) call(VfsCodec.OP_LOCK, VfsCodec.encodeLock(client.arguments(), 0, handle, 0,
            VfsCodec.LOCK_FLOCK, operation, 0, 0, 0, 0));
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private long call(final int operation, final int argumentsLength) {
        return client.call(operation, argumentsLength, timeoutNanos, null);
    }

    /** A call whose reply data, up to {@code length} bytes, is copied to {@code dst}. */
    private long callInto(final int operation, final int argumentsLength, final MutableDirectBuffer dst,
                          final int dstOffset, final int length) {
        copier.target(dst, dstOffset, length);
        try {
            return client.call(operation, argumentsLength, timeoutNanos, copier);
        } finally {
            copier.target(null, 0, 0);
        }
    }

    /** A call carrying {@code length} bytes of {@code src} (clamped to a block) as its data. */
    private long callWithBytes(final int operation, final int argumentsLength, final DirectBuffer src,
                               final int srcOffset, final int length) {
        if (length < 0) {
            return -Errno.EINVAL;
        }
        if (length > 0) {
            final int clamped = Math.min(length, client.maxDataLength());
            final MutableDirectBuffer block = client.claimData(clamped);
            if (block == null) {
                return noBlock();
            }
            block.putBytes(0, src, srcOffset, clamped);
        }
        return call(operation, argumentsLength);
    }

    private long callWithPath(final int operation, final int argumentsLength, final Credentials cred,
                              final DirectBuffer path, final int pathOffset, final int pathLength,
                              final DirectBuffer path2, final int path2Offset, final int path2Length,
                              final MutableDirectBuffer dst, final int dstOffset, final int dstLength) {
        if (pathLength > PathBlock.MAX_PATH_LENGTH || path2Length > PathBlock.MAX_PATH_LENGTH) {
            return -Errno.ENAMETOOLONG;
        }
        final int groups = Math.min(cred.groupCount(), PathBlock.MAX_GROUPS);
        final int length = PathBlock.length(groups, pathLength, path2Length);
        if (length > client.maxDataLength()) {
            return -Errno.ENAMETOOLONG; // only a channel with tiny blocks
        }
        final MutableDirectBuffer block = client.claimData(length);
        if (block == null) {
            return noBlock();
        }
        pathBlock.wrap(block, 0).credentials(cred).path(path, pathOffset, pathLength);
        if (path2 != null) {
            pathBlock.path2(path2, path2Offset, path2Length);
        }
        if (dst == null) {
            return call(operation, argumentsLength);
        }
        return callInto(operation, argumentsLength, dst, dstOffset, dstLength);
    }

    /** An operation on an open file that needs the caller's credentials: a path block with an empty path. */
    private long callWithCredentials(final int operation, final int argumentsLength, final Credentials cred) {
        return callWithPath(operation, argumentsLength, cred, stringPath, 0, 0, null, 0, 0, null, 0, 0);
    }

    private long noBlock() {
        return client.isConnected() ? -Errno.EAGAIN : -Errno.EIO;
    }

    /** Writes {@code path} one byte per char (the vfs's reading) into {@code dst}; returns its length. */
    private static int ascii(final String path, final MutableDirectBuffer dst) {
        final int length = Math.min(path.length(), dst.capacity());
        for (int i = 0; i < length; i++) {
            dst.putByte(i, (byte) path.charAt(i));
        }
        return path.length() > dst.capacity() ? PathBlock.MAX_PATH_LENGTH + 1 : length; // too long: ENAMETOOLONG
    }

    /** Copies a reply's data block into the caller's buffer. */
    private static final class DataCopier implements ReplyHandler {
        private MutableDirectBuffer dst;
        private int dstOffset;
        private int capacity;
        /** Bytes the last reply copied. */
        private int copied;

        void target(final MutableDirectBuffer buffer, final int offset, final int length) {
            dst = buffer;
            dstOffset = offset;
            capacity = length;
            copied = 0;
        }

        @Override
        public void onReply(final ReplyView reply) {
            final DirectBuffer data = reply.data();
            if (data != null && dst != null && reply.result() >= 0) {
                final int length = Math.min(reply.dataLength(), capacity);
                dst.putBytes(dstOffset, data, 0, length);
                copied = length;
            }
        }
    }
}
