package org.exoos.servers.vfs.locks;

import static org.exoos.servers.vfs.locks.FlockDescriptor.F_GETLK;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_OFD_GETLK;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_OFD_SETLK;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_OFD_SETLKW;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_RDLCK;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_SETLK;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_SETLKW;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_UNLCK;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_WRLCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.SeekWhence;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.VfsClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fcntl record locks in the vfs: ranges, owners, conflicts, errors and release, with Linux's answers. */
class RecordLockTableTest {
    private static final Credentials P1 = Credentials.of(10, 0, 0);
    private static final Credentials P2 = Credentials.of(20, 0, 0);

    private Vfs vfs;
    private long a;
    private long b;
    private final RecordLock found = new RecordLock();

    @BeforeEach
    void setUp() {
        vfs = Vfs.createDefault(VfsClock.SYSTEM);
        a = vfs.open(P1, Vfs.NO_HANDLE, "/tmp/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644, 0);
        b = vfs.open(P2, Vfs.NO_HANDLE, "/tmp/f", OpenFlags.O_RDWR, 0, 0);
        assertTrue(a >= 0 && b >= 0);
    }

    private int set(long handle, int pid, int cmd, int type, long start, long len) {
        return vfs.lock(handle, pid, cmd, type, SeekWhence.SEEK_SET, start, len, 0, found);
    }

    private RecordLock get(long handle, int pid, int cmd, int type, long start, long len) {
        assertEquals(0, vfs.lock(handle, pid, cmd, type, SeekWhence.SEEK_SET, start, len, 0, found));
        return found;
    }

    @Test
    void twoProcessesConflictOnWriteLocksButShareReadLocks() {
        assertEquals(0, set(a, 10, F_SETLK, F_RDLCK, 0, 10));
        assertEquals(0, set(b, 20, F_SETLK, F_RDLCK, 5, 10), "read locks share");
        assertEquals(-Errno.EAGAIN, set(b, 20, F_SETLK, F_WRLCK, 0, 1));
        RecordLock l = get(b, 20, F_GETLK, F_WRLCK, 0, 0);
        assertEquals(F_RDLCK, l.type());
        assertEquals(10, l.pid());
        assertEquals(0, l.start());
        assertEquals(10, l.length());
        assertEquals(-Errno.EAGAIN, set(b, 20, F_SETLKW, F_WRLCK, 0, 1), "another process: the kernel waits");
    }

    @Test
    void unlockingTheMiddleSplitsAndTheSameTypeMerges() {
        assertEquals(0, set(a, 10, F_SETLK, F_WRLCK, 0, 10));
        assertEquals(0, set(a, 10, F_SETLK, F_UNLCK, 3, 3));
        assertEquals(2, vfs.locks().locksOf(vfs.file(a).inode()).size(), "split in two");
        assertEquals(F_UNLCK, get(b, 20, F_GETLK, F_WRLCK, 3, 3).type());
        RecordLock right = get(b, 20, F_GETLK, F_WRLCK, 6, 1);
        assertEquals(6, right.start());
        assertEquals(4, right.length());
        assertEquals(0, set(a, 10, F_SETLK, F_WRLCK, 3, 3));
        assertEquals(1, vfs.locks().locksOf(vfs.file(a).inode()).size(), "merged back into one");
        assertEquals(10, get(b, 20, F_GETLK, F_WRLCK, 5, 1).length());
    }

    @Test
    void rangesFollowWhenceNegativeLengthsAndLengthZero() {
        assertEquals(0, vfs.lseek(a, 30, SeekWhence.SEEK_SET) == 30 ? 0 : -1);
        assertEquals(0, vfs.lock(a, 10, F_SETLK, F_WRLCK, SeekWhence.SEEK_CUR, 0, -10, 0, found));
        RecordLock l = get(b, 20, F_GETLK, F_WRLCK, 25, 1);
        assertEquals(20, l.start());
        assertEquals(10, l.length());
        assertEquals(0, vfs.lock(a, 10, F_SETLK, F_WRLCK, SeekWhence.SEEK_END, 100, 0, 0, found));
        l = get(b, 20, F_GETLK, F_WRLCK, 1L << 40, 1);
        assertEquals(100, l.start());
        assertEquals(0, l.length(), "to end of file");
        assertEquals(-Errno.EINVAL, set(a, 10, F_SETLK, F_WRLCK, 5, -6), "reaches below 0");
        assertEquals(-Errno.EINVAL, set(a, 10, F_SETLK, F_WRLCK, -1, 1));
        assertEquals(-Errno.EOVERFLOW, set(a, 10, F_SETLK, F_WRLCK, Long.MAX_VALUE, 2));
        assertEquals(-Errno.EINVAL, vfs.lock(a, 10, F_SETLK, F_WRLCK, 7, 0, 1, 0, found), "bad whence");
        assertEquals(-Errno.EINVAL, set(a, 10, F_SETLK, 5, 0, 1), "bad type");
        assertEquals(-Errno.EINVAL, vfs.lock(a, 10, F_GETLK, F_UNLCK, 0, 0, 1, 0, found), "GETLK of F_UNLCK");
    }

    @Test
    void ofdLocksBelongToTheDescriptionAndConflictWithTheSameProcess() {
        long second = vfs.open(P1, Vfs.NO_HANDLE, "/tmp/f", OpenFlags.O_RDWR, 0, 0);
        assertEquals(0, set(a, 10, F_OFD_SETLK, F_WRLCK, 0, 10));
        assertEquals(0, set(a, 10, F_OFD_SETLK, F_WRLCK, 5, 10), "same description: no conflict");
        assertEquals(-Errno.EAGAIN, set(second, 10, F_OFD_SETLK, F_WRLCK, 0, 1), "another description conflicts");
        assertEquals(-Errno.EAGAIN, set(second, 10, F_SETLK, F_WRLCK, 0, 1), "so does the process's POSIX lock");
        assertEquals(-Errno.EDEADLK, set(second, 10, F_OFD_SETLKW, F_WRLCK, 0, 1),
            "waiting on oneself could never end");
        assertEquals(-1, get(second, 10, F_OFD_GETLK, F_RDLCK, 0, 1).reportedPid());
        assertEquals(-Errno.EINVAL, vfs.lock(second, 10, F_OFD_SETLK, F_RDLCK, 0, 0, 1, 10, found), "l_pid != 0");
        assertEquals(0, vfs.retain(a));
        assertEquals(0, vfs.close(a));
        assertEquals(F_WRLCK, get(second, 10, F_OFD_GETLK, F_WRLCK, 0, 1).type(), "still referenced");
        assertEquals(0, vfs.close(a));
        assertEquals(F_UNLCK, get(second, 10, F_OFD_GETLK, F_WRLCK, 0, 1).type(), "the last close released it");
    }

    @Test
    void accessModeAndClosesReleasePosixLocks() {
        long readOnly = vfs.open(P1, Vfs.NO_HANDLE, "/tmp/f", OpenFlags.O_RDONLY, 0, 0);
        assertEquals(-Errno.EBADF, set(readOnly, 10, F_SETLK, F_WRLCK, 0, 1));
        assertEquals(0, set(readOnly, 10, F_SETLK, F_RDLCK, 0, 1));
        assertEquals(0, set(a, 10, F_SETLK, F_WRLCK, 50, 1));
        assertEquals(0, vfs.close(readOnly), "the process closes one of its files");
        assertEquals(0, vfs.locks().lockedInodes(), "every POSIX lock of the process on the file went");
        assertEquals(0, set(a, 10, F_SETLK, F_WRLCK, 50, 1));
        assertEquals(0, vfs.releasePosixLocks(b, 10), "the kernel's word for a close of a dup");
        assertEquals(0, vfs.locks().lockedInodes());
        long path = vfs.open(P1, Vfs.NO_HANDLE, "/tmp/f", OpenFlags.O_PATH, 0, 0);
        assertEquals(-Errno.EBADF, set(path, 10, F_SETLK, F_UNLCK, 0, 1), "O_PATH");
    }
}
