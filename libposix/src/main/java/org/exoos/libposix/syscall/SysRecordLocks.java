package org.exoos.libposix.syscall;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.libposix.fd.Waiter;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.locks.FlockDescriptor;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;

/**
 * fcntl(2) record locks: F_GETLK, F_SETLK, F_SETLKW and the open-file-description forms F_OFD_*. The locks
 * live in the vfs server's lock table (keyed by inode, so every process sees them); this side moves the
 * guest's struct flock ({@link FlockDescriptor}) and waits for F_SETLKW.
 *
 * <p>F_SETLKW never blocks the server: a conflict answers EAGAIN and this thread parks and asks again,
 * with a back-off of 1 to 10 ms, until the lock is free or a signal it does not block is pending (EINTR).
 * When the only locks in the way are the caller's own (an OFD lock of the same process: processes have
 * one thread, so no one could release it) the server answers EDEADLK at once, where Linux would sleep
 * until a signal.
 *
 * <p>POSIX locks belong to the process and go with any close(2) of a descriptor of the file
 * ({@link #releaseOnClose}); OFD locks go with the last close of their open file description (the server
 * does that). Only files of the vfs can be locked; pipes and host stdio are EINVAL.
 */
final class SysRecordLocks {
    private SysRecordLocks() {}

    static final int O_PATH = 010000000;

    private static final ThreadLocal<UnsafeBuffer> FLOCK =
            ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[FlockDescriptor.SIZE]));
    private static final ThreadLocal<UnsafeBuffer> CONFLICT =
            ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[FlockDescriptor.SIZE]));

    static boolean isLockCommand(int cmd) { return FlockDescriptor.isLockCommand(cmd); }

    /** fcntl(fd, cmd, struct flock *) for a lock command. */
    static long fcntl(SyscallContext c, OpenFile f, int cmd) {
        UnsafeBuffer flock = FLOCK.get();
        long address = c.arg(2);
        flock.putBytes(0, c.copyIn(address, FlockDescriptor.SIZE)); // EFAULT
        if (!(f instanceof VfsFile v)) return -Errno.EINVAL;
        int type = flock.getShort(FlockDescriptor.TYPE_OFFSET, BYTE_ORDER);
        int whence = flock.getShort(FlockDescriptor.WHENCE_OFFSET, BYTE_ORDER);
        long start = flock.getLong(FlockDescriptor.START_OFFSET, BYTE_ORDER);
        long length = flock.getLong(FlockDescriptor.LEN_OFFSET, BYTE_ORDER);
        int lPid = flock.getInt(FlockDescriptor.PID_OFFSET, BYTE_ORDER);
        PosixProcess process = c.process();
        UnsafeBuffer conflict = CONFLICT.get();
        int rc = v.client().lock(v.handle(), process.pid(), cmd, type, whence, start, length, lPid, conflict, 0);
        if (FlockDescriptor.isGet(cmd)) {
            if (rc < 0) return rc;
            if (rc == 1) {
                c.copyOut(address, conflict.byteArray(), 0, FlockDescriptor.SIZE);
            } else {
                // No conflict: Linux changes only l_type.
                flock.putShort(FlockDescriptor.TYPE_OFFSET, (short) FlockDescriptor.F_UNLCK, BYTE_ORDER);
                c.copyOut(address, flock.byteArray(), 0, 2);
            }
            return 0;
        }
        if (rc == -Errno.EAGAIN && FlockDescriptor.isWait(cmd)) {
            Waiter waiter = new Waiter(c.thread());
            waiter.begin();
            while (rc == -Errno.EAGAIN) {
                if (waiter.interrupted()) return -Errno.EINTR;
                waiter.park(Waiter.FOREVER, true);
                rc = v.client().lock(v.handle(), process.pid(), cmd, type, whence, start, length, lPid, conflict, 0);
            }
        }
        if (rc == 0 && !FlockDescriptor.isOfd(cmd) && type != FlockDescriptor.F_UNLCK) process.notePosixLockTaken();
        return rc;
    }

    /** close(2) of fd: the process's POSIX locks on that file go, whichever descriptor took them. */
    static void releaseOnClose(SyscallContext c, int fd) {
        PosixProcess process = c.process();
        if (!process.mayHoldPosixLocks()) return;
        if (process.fds().get(fd) instanceof VfsFile v && (v.statusFlags() & O_PATH) == 0) { // O_PATH closes release nothing
            v.client().releasePosixLocks(v.handle(), process.pid());
        }
    }
}
