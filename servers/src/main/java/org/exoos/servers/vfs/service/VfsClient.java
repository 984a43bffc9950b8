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

        void target(final MutableDirectBuffer buffer, final int offset, final int length) {
            dst = buffer;
            dstOffset = offset;
            capacity = length;
        }

        @Override
        public void onReply(final ReplyView reply) {
            final DirectBuffer data = reply.data();
            if (data != null && dst != null && reply.result() >= 0) {
                final int length = Math.min(reply.dataLength(), capacity);
                dst.putBytes(dstOffset, data, 0, length);
            }
        }
    }
}
