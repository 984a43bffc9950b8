package org.exoos.servers.vfs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.exoos.servers.protocol.Errno.EBADF;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Walks for a caller whose credentials carry a root directory (chroot): where "/" starts and ".." stops. */
class ChrootWalkTest extends VfsFixture {
    private long rootHandle;
    private Credentials jailed;

    @BeforeEach
    void jail() {
        mkdir(ROOT, "/tmp/jail", 0755);
        mkdir(ROOT, "/tmp/jail/etc", 0755);
        mkdir(ROOT, "/tmp/jail/bin", 0755);
        writeFile(ROOT, "/tmp/jail/etc/x", "inside", 0644);
        writeFile(ROOT, "/tmp/outside", "outside", 0644);
        rootHandle = vfs.chdir(ROOT, Vfs.NO_HANDLE, "/tmp/jail");
        assertOk(rootHandle, "handle of /tmp/jail");
        jailed = ROOT.withRoot(rootHandle);
    }

    @Test
    void absolutePathsStartAtTheRoot() {
        assertEquals("inside", readFile(jailed, "/etc/x"));
        assertErrno(ENOENT, statErrno(jailed, "/tmp/outside"), "the namespace's /tmp is not visible");
        assertEquals(stat(ROOT, "/tmp/jail").ino, stat(jailed, "/").ino, "/ is the jail");
    }

    @Test
    void dotDotAtTheRootStaysThere() {
        assertEquals("inside", readFile(jailed, "/../etc/x"));
        assertEquals("inside", readFile(jailed, "/../../../etc/../../etc/x"));
        assertEquals(stat(jailed, "/").ino, stat(jailed, "/..").ino, "/.. is /");
        assertEquals(stat(jailed, "/").ino, stat(jailed, "/etc/../..").ino, "/etc/../.. is /");
    }

    @Test
    void symlinkTargetsResolveInsideTheRoot() {
        symlink("/etc/x", "/tmp/jail/abs");
        symlink("../../../../etc/x", "/tmp/jail/bin/rel");
        symlink("/..", "/tmp/jail/up");
        assertEquals("inside", readFile(jailed, "/abs"), "an absolute target starts at the root");
        assertEquals("inside", readFile(jailed, "/bin/rel"), "a relative target's .. stops at the root");
        assertEquals(stat(jailed, "/").ino, stat(jailed, "/up").ino, "a link to /.. is /");
        assertErrno(ENOENT, statErrno(ROOT, "/abs"), "the same link outside the jail: the namespace's /etc/x");
    }

    @Test
    void relativePathsWithoutADirectoryStartAtTheRoot() {
        Stat s = new Stat();
        assertOk(vfs.stat(jailed, Vfs.NO_HANDLE, "etc/x", 0, s), "etc/x from no handle");
        assertEquals(stat(ROOT, "/tmp/jail/etc/x").ino, s.ino, "the jail's etc/x");
    }

    @Test
    void aDirectoryOutsideTheRootStillStartsARelativeWalk() {
        long tmp = vfs.chdir(ROOT, Vfs.NO_HANDLE, "/tmp");
        assertOk(tmp, "handle of /tmp");
        Stat s = new Stat();
        assertOk(vfs.stat(jailed, tmp, "outside", 0, s), "outside from a cwd outside the root, as on Linux");
    }

    @Test
    void aRootThatIsAMountRootStopsDotDotToo() {
        mkdir(ROOT, "/tmp/jail/m", 0755);
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/tmp/jail/m", "tmpfs", 0, null), "mount on /tmp/jail/m");
        writeFile(ROOT, "/tmp/jail/m/y", "in the mount", 0644);
        long m = vfs.chdir(ROOT, Vfs.NO_HANDLE, "/tmp/jail/m");
        assertOk(m, "handle of the mount's root");
        Credentials inMount = ROOT.withRoot(m);
        assertEquals("in the mount", readFile(inMount, "/../y"));
        assertEquals(stat(inMount, "/").dev, stat(inMount, "/..").dev, "/.. stays on the mount");
        assertErrno(ENOENT, statErrno(inMount, "/../etc/x"), "the jail above is not reachable");
    }

    @Test
    void aClosedRootIsEbadf() {
        assertOk(vfs.close(rootHandle), "close the root handle");
        assertErrno(EBADF, statErrno(jailed, "/etc/x"), "a root handle that names nothing");
    }

    @Test
    void chdirInsideTheRootIsRelativeToIt() {
        long etc = vfs.chdir(jailed, Vfs.NO_HANDLE, "/etc");
        assertOk(etc, "chdir /etc inside");
        Stat s = new Stat();
        assertOk(vfs.stat(jailed, etc, "../../../etc/x", 0, s), "../../../etc/x from /etc");
        assertEquals(stat(ROOT, "/tmp/jail/etc/x").ino, s.ino, "clamped at the root");
    }
}
