package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.libposix.fd.Waiter;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.locks.FlockTable;

/**
 * flock(2): whole-file locks owned by the open file description, kept by the vfs server apart from the
 * fcntl record locks ({@link FlockTable}), so dup'ed and inherited descriptors share a lock, another
 * open(2) of the file conflicts, and the lock goes with the description's last close (the server does that).
 *
 * <p>Without LOCK_NB a conflict waits as F_SETLKW does ({@link SysRecordLocks}): the server answers EAGAIN,
 * this thread parks with a back-off of 1 to 10 ms and asks again, until the lock is taken or a signal it
 * does not block is pending (EINTR, restarted under SA_RESTART). Only files of the vfs can be locked here;
 * pipes, sockets and host stdio are EINVAL, where Linux would lock their inode.
 */
final class SysFlock {
    private SysFlock() {}

    static void register(SyscallTable t) {
        t.addPartial("flock", "files of the vfs; pipes and host stdio are EINVAL", SysFlock::flock);
    }

    static long flock(SyscallContext c) {
        int cmd = c.argInt(1);
        // Linux 5.17+ ignores the obsolete LOCK_MAND requests (they never locked anything) and answers 0.
        if ((cmd & FlockTable.LOCK_MAND) != 0) return 0;
        int operation = cmd & ~FlockTable.LOCK_NB;
        if (!FlockTable.isOperation(operation)) return -Errno.EINVAL; // checked before the fd, as Linux does
        OpenFile f = c.argFile(0); // EBADF
        if (!(f instanceof VfsFile v)) return -Errno.EINVAL;
        if ((v.statusFlags() & SysRecordLocks.O_PATH) != 0) return -Errno.EBADF;
        int rc = v.client().flock(v.handle(), operation);
        if (rc == -Errno.EAGAIN && (cmd & FlockTable.LOCK_NB) == 0) {
            Waiter waiter = new Waiter(c.thread());
            waiter.begin();
            while (rc == -Errno.EAGAIN) {
                if (waiter.interrupted()) return -Errno.EINTR;
                waiter.park(Waiter.FOREVER, true);
                rc = v.client().flock(v.handle(), operation);
            }
        }
        return rc;
    }
}
