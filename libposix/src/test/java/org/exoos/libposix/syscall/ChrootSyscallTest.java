package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.servers.vfs.service.VfsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.exoos.servers.protocol.Errno.*;
import static org.junit.jupiter.api.Assertions.*;

/** chroot(2) against a vfs server in a thread: the root the process's path calls start at, and getcwd. */
class ChrootSyscallTest {
    private static final int AT_FDCWD = -100, O_RDONLY = 0, O_WRONLY = 1, O_CREAT = 0100;
    private static final long PATH = SCRATCH, BUF = SCRATCH + 4096;

    private SyscallHarness h;
    private VfsClient vfs;

    private void start(Credentials credentials) throws Exception {
        h = new SyscallHarness("", credentials);
        vfs = h.startVfsIn("/tmp");
    }

    @AfterEach
    void stop() {
        if (h != null) h.close();
    }

    private long path(String p) {
        h.putString(PATH, p + "\0");
        return PATH;
    }

    private void makeJail() {
        assertEquals(0, h.call("mkdirat", AT_FDCWD, path("jail"), 0755));
        assertEquals(0, h.call("mkdirat", AT_FDCWD, path("jail/etc"), 0755));
        long fd = h.call("openat", AT_FDCWD, path("jail/etc/x"), O_WRONLY | O_CREAT, 0644);
        assertTrue(fd >= 0, "create jail/etc/x: " + fd);
        assertEquals(0, h.call("close", fd));
    }

    private String getcwd() {
        long n = h.call("getcwd", BUF, 512);
        assertTrue(n > 0, "getcwd: " + n);
        return h.getString(BUF, 512);
    }

    @Test
    void absolutePathsResolveInsideTheNewRootAndTheCwdStays() throws Exception {
        start(Credentials.ROOT);
        makeJail();
        assertEquals(-ENOENT, h.call("faccessat", AT_FDCWD, path("/etc/x"), 0, 0), "not yet: no /etc/x");
        assertEquals(0, h.call("chroot", path("jail")));
        assertTrue(h.process.root() >= 0, "the process holds a root handle");
        long fd = h.call("openat", AT_FDCWD, path("/etc/x"), O_RDONLY, 0);
        assertTrue(fd >= 0, "/etc/x inside: " + fd);
        assertEquals(0, h.call("faccessat", AT_FDCWD, path("/../../etc/x"), 0, 0), "/.. stays at the root");
        assertEquals(0, h.call("faccessat", AT_FDCWD, path("jail/etc/x"), 0, 0), "the cwd is not changed");
        assertEquals("(unreachable)/tmp", getcwd(), "a cwd outside the root");
        assertEquals(-ERANGE, h.call("getcwd", BUF, 17), "the prefix counts");
        assertEquals(0, h.call("chdir", path("/")));
        assertEquals("/", getcwd());
        assertEquals(0, h.call("chdir", path("/etc")));
        assertEquals("/etc", getcwd());
    }

    @Test
    void errorsComeFromTheWalkThenThePrivilege() throws Exception {
        start(Credentials.ROOT);
        makeJail();
        assertEquals(-ENOTDIR, h.call("chroot", path("jail/etc/x")));
        assertEquals(-ENOENT, h.call("chroot", path("jail/missing")));
        assertEquals(-ENOENT, h.call("chroot", path("")));
        assertEquals(-1, h.process.root(), "a failed chroot keeps the namespace root");
    }

    @Test
    void anUnprivilegedCallerIsEperm() throws Exception {
        start(new Credentials(1000, 1000, 1000, 1000));
        assertEquals(-EPERM, h.call("chroot", path("/tmp")));
        assertEquals(-ENOENT, h.call("chroot", path("/tmp/missing")), "the walk answers first, as on Linux");
        assertEquals(-1, h.process.root());
    }
}
