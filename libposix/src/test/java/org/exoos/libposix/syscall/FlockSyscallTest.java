package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.service.VfsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.exoos.servers.protocol.Errno.EAGAIN;
import static org.exoos.servers.protocol.Errno.EBADF;
import static org.exoos.servers.protocol.Errno.EINTR;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.vfs.locks.FlockTable.LOCK_EX;
import static org.exoos.servers.vfs.locks.FlockTable.LOCK_MAND;
import static org.exoos.servers.vfs.locks.FlockTable.LOCK_NB;
import static org.exoos.servers.vfs.locks.FlockTable.LOCK_SH;
import static org.exoos.servers.vfs.locks.FlockTable.LOCK_UN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * flock(2) from the guest's side: the argument checks, LOCK_NB, a wait in the kernel for another
 * description's lock (and EINTR), and the lock shared by a dup'ed descriptor.
 */
class FlockSyscallTest {
    private static final int AT_FDCWD = -100, O_RDWR = 2, O_CREAT = 0100, O_RDONLY = 0;
    private static final long PATH = SCRATCH, FDS = SCRATCH + 1024;
    private static final int OTHER_PID = 99;

    private final SyscallHarness h = new SyscallHarness("", new Credentials(1000, 1000, 1000, 1000));
    private VfsClient vfs;
    private long fd;

    @BeforeEach
    void openAFileInTmp() throws Exception {
        vfs = h.startVfsIn("/tmp");
        h.putString(PATH, "/tmp/locked\0");
        fd = h.call("openat", AT_FDCWD, PATH, O_RDWR | O_CREAT, 0666);
        assertTrue(fd >= 0, "open: " + fd);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** Another process's open of the file, straight through the vfs, holding an exclusive flock. */
    private long otherDescriptionLocks() {
        long other = vfs.open(org.exoos.servers.vfs.Credentials.of(OTHER_PID, 0, 0), Vfs.NO_HANDLE, "/tmp/locked",
                OpenFlags.O_RDWR, 0, 0);
        assertEquals(0, vfs.flock(other, LOCK_EX));
        return other;
    }

    @Test
    void operationsAreCheckedBeforeTheDescriptor() {
        assertEquals(-EINVAL, h.call("flock", 999, 0), "a bad operation wins over a bad fd, as on Linux 6");
        assertEquals(-EBADF, h.call("flock", 999, LOCK_SH));
        assertEquals(-EINVAL, h.call("flock", fd, LOCK_NB));
        assertEquals(-EINVAL, h.call("flock", fd, LOCK_SH | LOCK_EX));
        assertEquals(0, h.call("flock", fd, LOCK_MAND | LOCK_EX), "LOCK_MAND is ignored");
        assertEquals(0, h.call("flock", fd, LOCK_UN));
    }

    @Test
    void pipesAreEinval() {
        assertEquals(0, h.call("pipe2", FDS, 0));
        assertEquals(-EINVAL, h.call("flock", h.getInt(FDS), LOCK_SH), "only files of the vfs");
    }

    @Test
    void nonBlockingConflictIsEagainAndAReadOnlyFdTakesAnExclusiveLock() {
        long readOnly = h.call("openat", AT_FDCWD, PATH, O_RDONLY, 0);
        assertEquals(0, h.call("flock", readOnly, LOCK_EX | LOCK_NB));
        assertEquals(-EAGAIN, h.call("flock", fd, LOCK_SH | LOCK_NB), "another description of the same process");
        long dup = h.call("dup", readOnly);
        assertEquals(0, h.call("close", readOnly));
        assertEquals(-EAGAIN, h.call("flock", fd, LOCK_SH | LOCK_NB), "the dup still refers to the description");
        assertEquals(0, h.call("close", dup));
        assertEquals(0, h.call("flock", fd, LOCK_SH | LOCK_NB), "the last close released it");
    }

    @Test
    void aBlockingLockWaitsUntilTheOtherDescriptionLetsGo() throws Exception {
        long other = otherDescriptionLocks();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            vfs.flock(other, LOCK_UN);
        });
        releaser.start();
        assertEquals(0, h.call("flock", fd, LOCK_EX), "granted once free");
        releaser.join();
        assertEquals(-EAGAIN, vfs.flock(other, LOCK_SH), "the guest holds it now");
    }

    @Test
    void aBlockingLockEndsWithEintrWhenASignalIsPending() {
        otherDescriptionLocks();
        h.thread.pending().add(SigInfo.user(Signal.SIGUSR1, 1, 0));
        assertEquals(-EINTR, h.call("flock", fd, LOCK_SH));
    }
}
