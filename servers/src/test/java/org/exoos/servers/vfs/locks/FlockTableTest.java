package org.exoos.servers.vfs.locks;

import static org.exoos.servers.vfs.locks.FlockDescriptor.F_SETLK;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_WRLCK;
import static org.exoos.servers.vfs.locks.FlockTable.LOCK_EX;
import static org.exoos.servers.vfs.locks.FlockTable.LOCK_SH;
import static org.exoos.servers.vfs.locks.FlockTable.LOCK_UN;
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

/** flock(2) locks in the vfs: owned by open file descriptions, apart from fcntl locks, with Linux's answers. */
class FlockTableTest {
    private static final Credentials P1 = Credentials.of(10, 0, 0);
    private static final Credentials P2 = Credentials.of(20, 0, 0);

    private Vfs vfs;
    private long a;
    private long b;

    @BeforeEach
    void setUp() {
        vfs = Vfs.createDefault(VfsClock.SYSTEM);
        a = vfs.open(P1, Vfs.NO_HANDLE, "/tmp/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644, 0);
        b = vfs.open(P2, Vfs.NO_HANDLE, "/tmp/f", OpenFlags.O_RDWR, 0, 0);
        assertTrue(a >= 0 && b >= 0);
    }

    @Test
    void sharedLocksShareAndExclusiveConflictsAcrossDescriptions() {
        assertEquals(0, vfs.flock(a, LOCK_SH));
        assertEquals(0, vfs.flock(b, LOCK_SH), "two shared locks");
        assertEquals(-Errno.EAGAIN, vfs.flock(b, LOCK_EX), "a's shared lock is in the way");
        assertEquals(LOCK_UN, vfs.flocks().lockOf(vfs.file(b)), "the failed conversion dropped b's shared lock");
        assertEquals(0, vfs.flock(a, LOCK_UN));
        assertEquals(0, vfs.flock(b, LOCK_EX));
        assertEquals(-Errno.EAGAIN, vfs.flock(a, LOCK_SH));
        assertEquals(-Errno.EAGAIN, vfs.flock(a, LOCK_EX));
    }

    @Test
    void twoOpensBySameProcessConflict() {
        long again = vfs.open(P1, Vfs.NO_HANDLE, "/tmp/f", OpenFlags.O_RDWR, 0, 0);
        assertEquals(0, vfs.flock(a, LOCK_EX));
        assertEquals(-Errno.EAGAIN, vfs.flock(again, LOCK_SH), "each open(2) is a description of its own");
    }

    @Test
    void conversionsAndRepeatsOfOneDescription() {
        assertEquals(0, vfs.flock(a, LOCK_SH));
        assertEquals(0, vfs.flock(a, LOCK_SH), "again: nothing changes");
        assertEquals(0, vfs.flock(a, LOCK_EX), "upgrade");
        assertEquals(LOCK_EX, vfs.flocks().lockOf(vfs.file(a)));
        assertEquals(0, vfs.flock(a, LOCK_SH), "downgrade");
        assertEquals(0, vfs.flock(b, LOCK_SH));
        assertEquals(0, vfs.flock(a, LOCK_UN));
        assertEquals(0, vfs.flock(a, LOCK_UN), "unlocking nothing is fine");
        assertEquals(1, vfs.flocks().lockedInodes());
        assertEquals(0, vfs.flock(b, LOCK_UN));
        assertEquals(0, vfs.flocks().lockedInodes(), "nothing is left behind");
    }

    @Test
    void anyAccessModeTakesEitherLockButNotOPath() {
        long readOnly = vfs.open(P1, Vfs.NO_HANDLE, "/tmp/f", OpenFlags.O_RDONLY, 0, 0);
        long writeOnly = vfs.open(P1, Vfs.NO_HANDLE, "/tmp/g", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644, 0);
        assertEquals(0, vfs.flock(readOnly, LOCK_EX), "exclusive on a read-only description");
        assertEquals(0, vfs.flock(writeOnly, LOCK_SH), "shared on a write-only description");
        long path = vfs.open(P1, Vfs.NO_HANDLE, "/tmp/f", OpenFlags.O_PATH, 0, 0);
        assertEquals(-Errno.EBADF, vfs.flock(path, LOCK_SH), "O_PATH");
        assertEquals(-Errno.EBADF, vfs.flock(12345, LOCK_SH), "no such handle");
    }

    @Test
    void badOperationsAreEinval() {
        assertEquals(-Errno.EINVAL, vfs.flock(a, 0));
        assertEquals(-Errno.EINVAL, vfs.flock(a, LOCK_SH | LOCK_EX));
        assertEquals(-Errno.EINVAL, vfs.flock(a, LOCK_SH | LOCK_UN));
        assertEquals(-Errno.EINVAL, vfs.flock(a, 16));
        assertEquals(0, vfs.flocks().lockedInodes());
    }

    @Test
    void flockAndFcntlLocksNeverMeet() {
        RecordLock conflict = new RecordLock();
        assertEquals(0, vfs.flock(a, LOCK_EX));
        assertEquals(0, vfs.lock(b, 20, F_SETLK, F_WRLCK, SeekWhence.SEEK_SET, 0, 0, 0, conflict),
            "a POSIX write lock beside another description's flock");
        assertEquals(0, vfs.flock(a, LOCK_UN));
        assertEquals(0, vfs.flock(a, LOCK_EX), "and a flock beside the POSIX lock");
    }

    @Test
    void theLockGoesWithTheLastCloseOfItsDescription() {
        assertEquals(0, vfs.flock(a, LOCK_EX));
        assertEquals(0, vfs.retain(a)); // a dup'ed or inherited descriptor
        assertEquals(0, vfs.close(a));
        assertEquals(-Errno.EAGAIN, vfs.flock(b, LOCK_SH), "one descriptor still refers to the description");
        assertEquals(0, vfs.close(a));
        assertEquals(0, vfs.flock(b, LOCK_SH), "the last close released it");
        assertEquals(LOCK_SH, vfs.flocks().lockOf(vfs.file(b)));
    }
}
