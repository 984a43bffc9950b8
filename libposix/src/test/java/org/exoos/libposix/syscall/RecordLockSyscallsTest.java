package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.locks.FlockDescriptor;
import org.exoos.servers.vfs.service.VfsClient;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.exoos.servers.protocol.Errno.EAGAIN;
import static org.exoos.servers.protocol.Errno.EDEADLK;
import static org.exoos.servers.protocol.Errno.EINTR;
import static org.exoos.servers.vfs.locks.FlockDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fcntl record locks from the guest's side: struct flock in and out, F_SETLKW waiting in the kernel for
 * another process's lock (and EINTR, EDEADLK), and close of any descriptor releasing the POSIX locks.
 */
class RecordLockSyscallsTest {
    private static final int AT_FDCWD = -100, O_RDWR = 2, O_CREAT = 0100;
    private static final long PATH = SCRATCH, FLOCK = SCRATCH + 1024;
    private static final int OTHER_PID = 99;

    private final SyscallHarness h = new SyscallHarness("", new Credentials(1000, 1000, 1000, 1000));
    private final UnsafeBuffer conflict = new UnsafeBuffer(new byte[FlockDescriptor.SIZE]);
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

    private void putFlock(int type, int whence, long start, long len, int pid) {
        h.put(FLOCK, ByteBuffer.allocate(FlockDescriptor.SIZE).order(ByteOrder.LITTLE_ENDIAN).putShort((short) type)
                .putShort((short) whence).putInt(0).putLong(start).putLong(len).putInt(pid).putInt(0).array());
    }

    private ByteBuffer flock() { return ByteBuffer.wrap(h.get(FLOCK, FlockDescriptor.SIZE)).order(ByteOrder.LITTLE_ENDIAN); }

    /** Another process's write lock on [0, 10), taken straight through the vfs. */
    private long otherProcessLocks() {
        long other = vfs.open(org.exoos.servers.vfs.Credentials.of(OTHER_PID, 0, 0), Vfs.NO_HANDLE, "/tmp/locked",
                OpenFlags.O_RDWR, 0, 0);
        assertEquals(0, vfs.lock(other, OTHER_PID, F_SETLK, F_WRLCK, 0, 0, 10, 0, conflict, 0));
        return other;
    }

    @Test
    void getlkReportsTheConflictOrChangesOnlyTheType() {
        putFlock(F_WRLCK, 0, 0, 0, 12345);
        assertEquals(0, h.call("fcntl", fd, F_GETLK, FLOCK));
        assertEquals(F_UNLCK, flock().getShort(0));
        assertEquals(12345, flock().getInt(24), "no conflict: l_pid untouched, as Linux leaves it");
        otherProcessLocks();
        putFlock(F_RDLCK, 1, 5, 0, 0);
        assertEquals(0, h.call("fcntl", fd, F_GETLK, FLOCK));
        ByteBuffer fl = flock();
        assertEquals(F_WRLCK, fl.getShort(0));
        assertEquals(0, fl.getShort(2), "SEEK_SET");
        assertEquals(0, fl.getLong(8));
        assertEquals(10, fl.getLong(16));
        assertEquals(OTHER_PID, fl.getInt(24));
        putFlock(F_WRLCK, 0, 0, 1, 0);
        assertEquals(-EAGAIN, h.call("fcntl", fd, F_SETLK, FLOCK));
    }

    @Test
    void setlkwWaitsInTheKernelUntilTheOtherProcessLetsGo() throws Exception {
        long other = otherProcessLocks();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            vfs.close(other); // the other process's last descriptor: its locks go
        });
        releaser.start();
        putFlock(F_WRLCK, 0, 0, 10, 0);
        assertEquals(0, h.call("fcntl", fd, F_SETLKW, FLOCK), "granted once free");
        releaser.join();
        long probe = vfs.open(org.exoos.servers.vfs.Credentials.of(OTHER_PID, 0, 0), Vfs.NO_HANDLE, "/tmp/locked",
                OpenFlags.O_RDWR, 0, 0);
        assertEquals(1, vfs.lock(probe, OTHER_PID, F_GETLK, F_WRLCK, 0, 0, 1, 0, conflict, 0), "the guest holds it now");
    }

    @Test
    void setlkwEndsWithEintrWhenASignalIsPending() {
        otherProcessLocks();
        h.thread.pending().add(SigInfo.user(Signal.SIGUSR1, 1, 0));
        putFlock(F_WRLCK, 0, 0, 10, 0);
        assertEquals(-EINTR, h.call("fcntl", fd, F_SETLKW, FLOCK));
    }

    @Test
    void setlkwOnTheProcesssOwnOfdLockIsADeadlock() {
        long second = h.call("openat", AT_FDCWD, PATH, O_RDWR, 0);
        putFlock(F_WRLCK, 0, 0, 10, 0);
        assertEquals(0, h.call("fcntl", second, F_OFD_SETLK, FLOCK));
        assertEquals(-EDEADLK, h.call("fcntl", fd, F_SETLKW, FLOCK), "no one else could ever release it");
    }

    @Test
    void closingADupReleasesThePosixLocks() {
        long dup = h.call("dup", fd);
        putFlock(F_WRLCK, 0, 0, 10, 0);
        assertEquals(0, h.call("fcntl", fd, F_SETLK, FLOCK));
        long probe = vfs.open(org.exoos.servers.vfs.Credentials.of(OTHER_PID, 0, 0), Vfs.NO_HANDLE, "/tmp/locked",
                OpenFlags.O_RDWR, 0, 0);
        assertEquals(1, vfs.lock(probe, OTHER_PID, F_GETLK, F_WRLCK, 0, 0, 1, 0, conflict, 0), "held");
        assertEquals(0, h.call("close", dup));
        assertEquals(0, vfs.lock(probe, OTHER_PID, F_GETLK, F_WRLCK, 0, 0, 1, 0, conflict, 0),
                "the close of a dup released it");
    }
}
