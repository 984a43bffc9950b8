package org.exoos.servers.vfs.service;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;
import static org.exoos.servers.vfs.service.VfsCodec.ATIME_NSEC_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.ATIME_SEC_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.LOCK_CMD_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.LOCK_LEN_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.LOCK_L_PID_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.LOCK_OWNER_PID_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.LOCK_START_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.LOCK_TYPE_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.LOCK_WHENCE_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.MKNOD_MODE_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.MKNOD_UMASK_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.MTIME_NSEC_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.MTIME_SEC_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.TIMES_FLAGS_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.TIMES_GIVEN_OFFSET;
import static org.exoos.servers.vfs.service.VfsCodec.firstInt;
import static org.exoos.servers.vfs.service.VfsCodec.intAt;
import static org.exoos.servers.vfs.service.VfsCodec.longAt;
import static org.exoos.servers.vfs.service.VfsCodec.shortAt;
import static org.exoos.servers.vfs.service.VfsCodec.handle;
import static org.exoos.servers.vfs.service.VfsCodec.intAfterLong;
import static org.exoos.servers.vfs.service.VfsCodec.longValue;
import static org.exoos.servers.vfs.service.VfsCodec.secondInt;
import static org.exoos.servers.vfs.service.VfsCodec.thirdInt;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.framework.Reply;
import org.exoos.servers.framework.Request;
import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceContext;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.Dirent64Writer;
import org.exoos.servers.vfs.SeekWhence;
import org.exoos.servers.vfs.Stat;
import org.exoos.servers.vfs.StatFs;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.VfsClock;
import org.exoos.servers.vfs.locks.FlockDescriptor;
import org.exoos.servers.vfs.locks.RecordLock;

/**
 * The vfs as a server: decodes each {@link VfsCodec} request, makes the one {@link Vfs} call it
 * names and encodes the reply; the vfs's {@code -errno} results pass through unchanged. Every
 * call completes at once (the vfs never blocks), so nothing is deferred.
 *
 * <p>Data read from a file, directory entries, a link target or the cwd are written by the vfs
 * straight into the reply's data block; written data is read from the request's block in place.
 * The caller's credentials are reused while they repeat (the common case), so the only
 * allocation per request is the path String the vfs takes.
 */
public final class VfsService implements Service {
    private static final DirectBuffer NO_BYTES = new UnsafeBuffer(new byte[0]);

    private final Vfs vfs;
    private final PathBlock.Decoder paths = new PathBlock.Decoder();
    private final Dirent64Writer dirents = new Dirent64Writer();
    private final Stat stat = new Stat();
    private final StatFs statfs = new StatFs();
    private final RecordLock conflict = new RecordLock();
    private final byte[] pathScratch = new byte[1 << 16];
    private Credentials lastCredentials;
    private ServiceContext context;

    public VfsService(final Vfs vfs) {
        this.vfs = vfs;
    }

    /** The vfs served, confined to the server's thread: for tests and setup before the first request. */
    public Vfs vfs() {
        return vfs;
    }

    @Override
    public Protocol protocol() {
        return VfsCodec.PROTOCOL;
    }

    @Override
    public void onStart(final ServiceContext serviceContext) {
        this.context = serviceContext;
    }

    @Override
    public long onRequest(final Request request, final Reply reply) {
        final DirectBuffer args = request.buffer();
        final int at = request.argumentsOffset();
        final long handle = handle(args, at);
        return switch (request.operation()) {
            case VfsCodec.OP_CLOSE -> vfs.close(handle);
            case VfsCodec.OP_RETAIN -> vfs.retain(handle);
            case VfsCodec.OP_READ -> read(request, reply, handle, -1, firstInt(args, at));
            case VfsCodec.OP_PREAD -> read(request, reply, handle, longValue(args, at), intAfterLong(args, at));
            case VfsCodec.OP_WRITE -> request.data() == null ? vfs.write(handle, NO_BYTES, 0, 0)
                : vfs.write(handle, request.data(), 0, request.dataLength());
            case VfsCodec.OP_PWRITE -> request.data() == null ? vfs.pwrite(handle, longValue(args, at), NO_BYTES, 0, 0)
                : vfs.pwrite(handle, longValue(args, at), request.data(), 0, request.dataLength());
            case VfsCodec.OP_LSEEK -> vfs.lseek(handle, longValue(args, at), intAfterLong(args, at));
            case VfsCodec.OP_FTRUNCATE -> vfs.ftruncate(handle, longValue(args, at));
            case VfsCodec.OP_FSTAT -> statReply(reply, vfs.fstat(handle, stat));
            case VfsCodec.OP_GETDENTS64 -> getdents(request, reply, handle, firstInt(args, at));
            case VfsCodec.OP_GETCWD -> getcwd(request, reply, handle, firstInt(args, at));
            case VfsCodec.OP_FSYNC -> vfs.fsync(handle, firstInt(args, at) != 0);
            case VfsCodec.OP_FSTATFS -> statfsReply(reply, vfs.fstatfs(handle, statfs));
            case VfsCodec.OP_GETFL -> vfs.getStatusFlags(handle);
            case VfsCodec.OP_LOCK -> lock(reply, args, at, handle);
            case VfsCodec.OP_SET_CLOCK_OFFSET -> setClockOffset(handle); // the handle slot carries the offset
            default -> pathOperation(request, reply, args, at, handle);
        };
    }

    private long pathOperation(final Request request, final Reply reply, final DirectBuffer args, final int at,
                               final long dirHandle) {
        if (!paths.wrap(request.data(), 0, request.dataLength())) {
            return -Errno.EINVAL;
        }
        final Credentials cred = credentials();
        final String path = paths.path(pathScratch);
        return switch (request.operation()) {
            case VfsCodec.OP_OPEN -> vfs.open(cred, dirHandle, path, firstInt(args, at), secondInt(args, at),
                thirdInt(args, at));
            case VfsCodec.OP_STAT -> statReply(reply, vfs.stat(cred, dirHandle, path, firstInt(args, at), stat));
            case VfsCodec.OP_MKDIR -> vfs.mkdir(cred, dirHandle, path, firstInt(args, at), secondInt(args, at));
            case VfsCodec.OP_MKNOD -> vfs.mknod(cred, dirHandle, path, intAt(args, at, MKNOD_MODE_OFFSET),
                longValue(args, at), intAt(args, at, MKNOD_UMASK_OFFSET));
            case VfsCodec.OP_UNLINK -> vfs.unlink(cred, dirHandle, path, firstInt(args, at));
            case VfsCodec.OP_RENAME -> vfs.rename(cred, dirHandle, path, longValue(args, at), paths.path2(pathScratch),
                intAfterLong(args, at));
            case VfsCodec.OP_SYMLINK -> vfs.symlink(cred, path, dirHandle, paths.path2(pathScratch));
            case VfsCodec.OP_READLINK -> readlink(request, reply, cred, dirHandle, path, firstInt(args, at));
            case VfsCodec.OP_ACCESS -> vfs.access(cred, dirHandle, path, firstInt(args, at), secondInt(args, at));
            case VfsCodec.OP_CHDIR -> vfs.chdir(cred, dirHandle, path);
            case VfsCodec.OP_FCHMOD -> vfs.fchmod(cred, dirHandle, firstInt(args, at));
            case VfsCodec.OP_CHMOD -> vfs.chmod(cred, dirHandle, path, firstInt(args, at), secondInt(args, at));
            case VfsCodec.OP_FCHOWN -> vfs.fchown(cred, dirHandle, firstInt(args, at), secondInt(args, at));
            case VfsCodec.OP_CHOWN -> vfs.chown(cred, dirHandle, path, firstInt(args, at), secondInt(args, at),
                thirdInt(args, at));
            case VfsCodec.OP_UTIMENS -> vfs.utimens(cred, dirHandle, path, intAt(args, at, TIMES_GIVEN_OFFSET) != 0,
                longAt(args, at, ATIME_SEC_OFFSET), intAt(args, at, ATIME_NSEC_OFFSET),
                longAt(args, at, MTIME_SEC_OFFSET), intAt(args, at, MTIME_NSEC_OFFSET), intAt(args, at, TIMES_FLAGS_OFFSET));
            case VfsCodec.OP_FUTIMENS -> vfs.futimens(cred, dirHandle, intAt(args, at, TIMES_GIVEN_OFFSET) != 0,
                longAt(args, at, ATIME_SEC_OFFSET), intAt(args, at, ATIME_NSEC_OFFSET),
                longAt(args, at, MTIME_SEC_OFFSET), intAt(args, at, MTIME_NSEC_OFFSET));
            case VfsCodec.OP_LINK -> vfs.link(cred, dirHandle, path, longValue(args, at), paths.path2(pathScratch),
                intAfterLong(args, at));
            case VfsCodec.OP_STATFS -> statfsReply(reply, vfs.statfs(cred, dirHandle, path, statfs));
            case VfsCodec.OP_MOUNT -> mount(cred, dirHandle, path, longValue(args, at));
            case VfsCodec.OP_UMOUNT -> vfs.umount(cred, dirHandle, path, firstInt(args, at));
            case VfsCodec.OP_FCHDIR -> vfs.checkFchdir(cred, dirHandle);
            case VfsCodec.OP_SETFL -> vfs.setStatusFlags(cred, dirHandle, firstInt(args, at));
            case VfsCodec.OP_TRUNCATE -> vfs.truncate(cred, dirHandle, path, longValue(args, at));
            default -> -Errno.ENOSYS; // the protocol table and these switches disagree
        };
    }

    /** The request's credentials, reusing the last ones when they are the same caller. */
    private Credentials credentials() {
        if (!paths.matches(lastCredentials)) {
            lastCredentials = paths.credentials();
        }
        return lastCredentials;
    }

    /** MOUNT: the second path holds source, fstype and data, each ended by a NUL but the last. */
    /** SET_CLOCK_OFFSET: file times follow the machine's clock, which a program set. */
    private long setClockOffset(final long offsetNanos) {
        if (!(vfs.clock() instanceof VfsClock.Machine machine)) {
            return -Errno.EINVAL; // a fixed clock (tests) cannot be moved
        }
        machine.setOffsetNanos(offsetNanos);
        return 0;
    }

    private long mount(final Credentials cred, final long dirHandle, final String target, final long flags) {
        final String fields = paths.path2(pathScratch);
        final int first = fields.indexOf(VfsCodec.MOUNT_FIELD_SEPARATOR);
        final int second = first < 0 ? -1 : fields.indexOf(VfsCodec.MOUNT_FIELD_SEPARATOR, first + 1);
        if (second < 0) {
            return -Errno.EINVAL;
        }
        final String data = fields.substring(second + 1);
        return vfs.mount(cred, fields.substring(0, first), dirHandle, target, fields.substring(first + 1, second),
            flags, data.isEmpty() ? null : data);
    }

    private long lock(final Reply reply, final DirectBuffer args, final int at, final long handle) {
        final int pid = intAt(args, at, LOCK_OWNER_PID_OFFSET);
        final int cmd = intAt(args, at, LOCK_CMD_OFFSET);
        if (cmd == VfsCodec.LOCK_RELEASE_POSIX) {
            return vfs.releasePosixLocks(handle, pid);
        }
        if (cmd == VfsCodec.LOCK_FLOCK) {
            return vfs.flock(handle, shortAt(args, at, LOCK_TYPE_OFFSET));
        }
        final int rc = vfs.lock(handle, pid, cmd, shortAt(args, at, LOCK_TYPE_OFFSET),
            shortAt(args, at, LOCK_WHENCE_OFFSET), longAt(args, at, LOCK_START_OFFSET),
            longAt(args, at, LOCK_LEN_OFFSET), intAt(args, at, LOCK_L_PID_OFFSET), conflict);
        if (rc < 0 || !FlockDescriptor.isGet(cmd) || conflict.type() == FlockDescriptor.F_UNLCK) {
            return rc;
        }
        final MutableDirectBuffer block = reply.data(VfsCodec.FLOCK_LENGTH);
        if (block == null) {
            return -Errno.EAGAIN;
        }
        block.setMemory(0, VfsCodec.FLOCK_LENGTH, (byte) 0);
        block.putShort(FlockDescriptor.TYPE_OFFSET, (short) conflict.type(), BYTE_ORDER);
        block.putShort(FlockDescriptor.WHENCE_OFFSET, (short) SeekWhence.SEEK_SET, BYTE_ORDER);
        block.putLong(FlockDescriptor.START_OFFSET, conflict.start(), BYTE_ORDER);
        block.putLong(FlockDescriptor.LEN_OFFSET, conflict.length(), BYTE_ORDER);
        block.putInt(FlockDescriptor.PID_OFFSET, conflict.reportedPid(), BYTE_ORDER);
        return rc;
    }

    private long statfsReply(final Reply reply, final int rc) {
        if (rc < 0) {
            return rc;
        }
        final MutableDirectBuffer block = reply.data(VfsCodec.STATFS_LENGTH);
        if (block == null) {
            return -Errno.EAGAIN;
        }
        statfs.encode(block, 0);
        return rc;
    }

    private long read(final Request request, final Reply reply, final long handle, final long position,
                      final int length) {
        if (length < 0) {
            return -Errno.EINVAL;
        }
        final int clamped = Math.min(length, context.maxDataLength(request.endpoint()));
        final MutableDirectBuffer block = reply.data(clamped);
        if (block == null) {
            return -Errno.EAGAIN;
        }
        final long rc = request.operation() == VfsCodec.OP_READ
            ? vfs.read(handle, block, 0, clamped) : vfs.pread(handle, position, block, 0, clamped);
        reply.dataLength(rc > 0 ? (int) rc : 0);
        return rc;
    }

    private long statReply(final Reply reply, final int rc) {
        if (rc < 0) {
            return rc;
        }
        final MutableDirectBuffer block = reply.data(VfsCodec.STAT_LENGTH);
        if (block == null) {
            return -Errno.EAGAIN;
        }
        stat.encode(block, 0);
        return rc;
    }

    private long getdents(final Request request, final Reply reply, final long handle, final int length) {
        if (length < 0) {
            return -Errno.EINVAL;
        }
        final int clamped = Math.min(length, context.maxDataLength(request.endpoint()));
        final MutableDirectBuffer block = reply.data(clamped);
        if (block == null) {
            return -Errno.EAGAIN;
        }
        dirents.wrap(block, 0, clamped);
        final int rc = vfs.readdir(handle, dirents);
        final int result = rc < 0 ? rc : dirents.result();
        reply.dataLength(result > 0 ? result : 0);
        return result;
    }

    private long getcwd(final Request request, final Reply reply, final long handle, final int length) {
        if (length < 0) {
            return -Errno.EINVAL;
        }
        final int clamped = Math.min(length, context.maxDataLength(request.endpoint()));
        final MutableDirectBuffer block = reply.data(clamped);
        if (block == null) {
            return -Errno.EAGAIN;
        }
        final int rc = vfs.getcwd(handle, block, 0, clamped);
        reply.dataLength(rc > 0 ? rc : 0);
        return rc;
    }

    private long readlink(final Request request, final Reply reply, final Credentials cred, final long dirHandle,
                          final String path, final int length) {
        final int clamped = Math.min(length, context.maxDataLength(request.endpoint()));
        final MutableDirectBuffer block = reply.data(Math.max(clamped, 0));
        if (block == null) {
            return -Errno.EAGAIN;
        }
        final int rc = vfs.readlink(cred, dirHandle, path, block, 0, clamped); // length <= 0: EINVAL from the vfs
        reply.dataLength(rc > 0 ? rc : 0);
        return rc;
    }
}
