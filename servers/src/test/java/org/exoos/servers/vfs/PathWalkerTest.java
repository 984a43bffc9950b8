package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.junit.jupiter.api.Test;

import static org.exoos.servers.protocol.Errno.EACCES;
import static org.exoos.servers.protocol.Errno.EBADF;
import static org.exoos.servers.protocol.Errno.ELOOP;
import static org.exoos.servers.protocol.Errno.ENAMETOOLONG;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOTDIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PathWalkerTest extends VfsFixture {

    @Test
    void missingComponentIsEnoent() {
        assertErrno(ENOENT, statErrno(ROOT, "/nope"), "stat /nope");
        assertErrno(ENOENT, statErrno(ROOT, "/nope/deeper"), "stat /nope/deeper");
    }

    @Test
    void walkingThroughAFileIsEnotdir() {
        writeFile(ROOT, "/tmp/f", "x", 0644);
        assertErrno(ENOTDIR, statErrno(ROOT, "/tmp/f/x"), "stat through a file");
        assertErrno(ENOTDIR, statErrno(ROOT, "/tmp/f/."), "f/.");
        assertErrno(ENOTDIR, statErrno(ROOT, "/tmp/f/.."), "f/..");
    }

    @Test
    void trailingSlashDemandsADirectory() {
        writeFile(ROOT, "/tmp/f", "x", 0644);
        assertErrno(ENOTDIR, statErrno(ROOT, "/tmp/f/"), "stat f/");
        assertErrno(ENOTDIR, open(ROOT, "/tmp/f/", OpenFlags.O_RDONLY, 0), "open f/");
        assertOk(statErrno(ROOT, "/tmp/"), "stat /tmp/");
        assertOk(statErrno(ROOT, "/tmp///"), "stat /tmp///");
    }

    @Test
    void trailingSlashFollowsAFinalSymlinkEvenWithNofollow() {
        mkdir(ROOT, "/tmp/d", 0755);
        symlink("d", "/tmp/ld");
        symlink("/tmp/f", "/tmp/lf");
        writeFile(ROOT, "/tmp/f", "x", 0644);
        Stat s = new Stat();
        assertOk(vfs.stat(ROOT, Vfs.NO_HANDLE, "/tmp/ld/", AtFlags.AT_SYMLINK_NOFOLLOW, s), "lstat ld/");
        assertEquals(FileMode.S_IFDIR, s.mode & FileMode.S_IFMT, "ld/ resolves to the directory");
        assertErrno(ENOTDIR, vfs.stat(ROOT, Vfs.NO_HANDLE, "/tmp/lf/", 0, s), "lf/ names a file");
        assertEquals(FileMode.S_IFLNK, lstat(ROOT, "/tmp/ld").mode & FileMode.S_IFMT, "lstat ld is the link");
    }

    @Test
    void emptyPathIsEnoentUnlessAtEmptyPath() {
        assertErrno(ENOENT, statErrno(ROOT, ""), "stat \"\"");
        long h = openOk(ROOT, "/tmp", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        Stat s = new Stat();
        assertErrno(ENOENT, vfs.stat(ROOT, h, "", 0, s), "fstatat(h, \"\", 0)");
        assertOk(vfs.stat(ROOT, h, "", AtFlags.AT_EMPTY_PATH, s), "fstatat(h, \"\", AT_EMPTY_PATH)");
        assertEquals(stat(ROOT, "/tmp").ino, s.ino, "AT_EMPTY_PATH names the dirfd");
        assertErrno(ENOENT, open(ROOT, "", OpenFlags.O_RDONLY, 0), "open \"\"");
    }

    @Test
    void componentOf255BytesIsAllowedAnd256IsEnametoolong() {
        String name255 = "a".repeat(255);
        writeFile(ROOT, "/tmp/" + name255, "", 0644);
        assertOk(statErrno(ROOT, "/tmp/" + name255), "255-byte name");
        assertErrno(ENAMETOOLONG, statErrno(ROOT, "/tmp/" + "a".repeat(256)), "256-byte name");
        assertErrno(ENAMETOOLONG, open(ROOT, "/tmp/" + "b".repeat(256), OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644),
                "create 256-byte name");
    }

    @Test
    void pathOf4095BytesIsWalkedAnd4096IsEnametoolong() {
        String p4095 = "//" + "./".repeat(2045) + "tmp";
        assertEquals(4095, p4095.length(), "test path length");
        assertOk(statErrno(ROOT, p4095), "4095-byte path");
        assertErrno(ENAMETOOLONG, statErrno(ROOT, "/" + p4095), "4096-byte path");
    }

    @Test
    void dotAndDotDot() {
        mkdir(ROOT, "/tmp/a", 0755);
        mkdir(ROOT, "/tmp/a/b", 0755);
        assertEquals(stat(ROOT, "/tmp/a").ino, stat(ROOT, "/tmp/a/b/..").ino, "b/.. is a");
        assertEquals(stat(ROOT, "/tmp/a").ino, stat(ROOT, "/tmp/./a/./").ino, ". stays");
        assertEquals(stat(ROOT, "/").ino, stat(ROOT, "/../../..").ino, ".. at the root stays");
    }

    @Test
    void dotDotAtAMountRootGoesToTheParentMount() {
        Stat dev = stat(ROOT, "/dev");
        Stat root = stat(ROOT, "/");
        assertNotEquals(root.dev, dev.dev, "/dev is another file system");
        Stat up = stat(ROOT, "/dev/..");
        assertEquals(root.ino, up.ino, "/dev/.. is /");
        assertEquals(root.dev, up.dev, "/dev/.. is on the root file system");
        long devDir = openOk(ROOT, "/dev", OpenFlags.O_PATH, 0);
        Stat viaHandle = new Stat();
        assertOk(vfs.stat(ROOT, devDir, "../tmp", 0, viaHandle), "../tmp from /dev");
        assertEquals(stat(ROOT, "/tmp").ino, viaHandle.ino, "../tmp from /dev is /tmp");
    }

    @Test
    void relativePathsStartAtTheDirectoryHandle() {
        mkdir(ROOT, "/tmp/a", 0755);
        writeFile(ROOT, "/tmp/a/f", "hello", 0644);
        long dir = openOk(ROOT, "/tmp/a", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        long f = vfs.open(ROOT, dir, "f", OpenFlags.O_RDONLY, 0, 0);
        assertOk(f, "openat(dir, f)");
        assertEquals("hello", read(f, 100), "content via dirfd");
        assertErrno(EBADF, vfs.open(ROOT, 12345, "f", OpenFlags.O_RDONLY, 0, 0), "relative path with a bad handle");
        assertOk(vfs.open(ROOT, 12345, "/tmp/a/f", OpenFlags.O_RDONLY, 0, 0), "absolute path ignores the handle");
        assertErrno(ENOTDIR, vfs.open(ROOT, f, "x", OpenFlags.O_RDONLY, 0, 0), "relative to a file handle");
    }

    @Test
    void symlinksAreFollowedRelativeToTheirDirectoryOrTheRoot() {
        mkdir(ROOT, "/tmp/a", 0755);
        writeFile(ROOT, "/tmp/a/f", "data", 0644);
        symlink("a/f", "/tmp/rel");
        symlink("/tmp/a", "/tmp/abs");
        assertEquals("data", readFile(ROOT, "/tmp/rel"), "relative link");
        assertEquals("data", readFile(ROOT, "/tmp/abs/f"), "absolute link in the middle");
        symlink("../a/f", "/tmp/a/up");
        assertEquals("data", readFile(ROOT, "/tmp/a/up"), "link with ..");
        symlink("nowhere", "/tmp/dangling");
        assertErrno(ENOENT, statErrno(ROOT, "/tmp/dangling"), "dangling link");
        assertOk(vfs.stat(ROOT, Vfs.NO_HANDLE, "/tmp/dangling", AtFlags.AT_SYMLINK_NOFOLLOW, new Stat()), "lstat dangling");
    }

    @Test
    void symlinkLoopIsEloop() {
        symlink("b", "/tmp/a");
        symlink("a", "/tmp/b");
        symlink("self/x", "/tmp/self");
        assertErrno(ELOOP, statErrno(ROOT, "/tmp/a"), "a -> b -> a");
        assertErrno(ELOOP, statErrno(ROOT, "/tmp/self"), "self/x");
        assertErrno(ELOOP, open(ROOT, "/tmp/a", OpenFlags.O_RDONLY, 0), "open a loop");
    }

    @Test
    void fortyLinksResolveAndFortyOneAreEloop() {
        writeFile(ROOT, "/tmp/target", "end", 0644);
        // l1 -> target, l(i) -> l(i-1): following l(n) takes n links.
        symlink("target", "/tmp/l1");
        for (int i = 2; i <= 41; i++) {
            symlink("l" + (i - 1), "/tmp/l" + i);
        }
        assertEquals("end", readFile(ROOT, "/tmp/l40"), "a chain of 40 links");
        assertErrno(ELOOP, statErrno(ROOT, "/tmp/l41"), "a chain of 41 links");
        assertOk(statErrno(ROOT, "/tmp/l40"), "the limit is per walk, not cumulative");
    }

    @Test
    void linksInsideTheBodyOfALinkCountTowardsTheLimit() {
        mkdir(ROOT, "/tmp/d", 0755);
        writeFile(ROOT, "/tmp/d/f", "x", 0644);
        symlink("d", "/tmp/m1");
        for (int i = 2; i <= 40; i++) {
            symlink("m" + (i - 1), "/tmp/m" + i);
        }
        assertOk(statErrno(ROOT, "/tmp/m40/f"), "40 links in the middle of a path");
        symlink("m40/f", "/tmp/n");
        assertErrno(ELOOP, statErrno(ROOT, "/tmp/n"), "1 link whose body crosses 40 more");
        symlink("m39/f", "/tmp/n2");
        assertOk(statErrno(ROOT, "/tmp/n2"), "1 + 39 links");
    }

    @Test
    void searchPermissionIsNeededOnEveryDirectoryWalked() {
        mkdir(ROOT, "/tmp/locked", 0700);
        mkdir(ROOT, "/tmp/locked/inner", 0777);
        writeFile(ROOT, "/tmp/locked/inner/f", "x", 0666);
        assertErrno(EACCES, statErrno(ALICE, "/tmp/locked/inner/f"), "through a 0700 root directory");
        assertErrno(EACCES, statErrno(ALICE, "/tmp/locked/nothing"), "EACCES before ENOENT");
        assertErrno(EACCES, statErrno(ALICE, "/tmp/locked/."), "even for .");
        assertOk(statErrno(ALICE, "/tmp/locked"), "the directory itself needs only its parent's search bit");
        mkdir(ROOT, "/tmp/readonly", 0744);
        writeFile(ROOT, "/tmp/readonly/f", "x", 0644);
        assertErrno(EACCES, statErrno(ALICE, "/tmp/readonly/f"), "r without x does not allow lookup");
        assertOk(statErrno(ROOT, "/tmp/locked/inner/f"), "root searches anything");
    }

    @Test
    void walkerReportsParentAndLastComponent() {
        MountTable mounts = vfs.mounts();
        PathWalker walker = new PathWalker(mounts);
        WalkResult r = new WalkResult();
        mkdir(ROOT, "/tmp/p", 0755);
        assertOk(walker.walk(ROOT, mounts.root(), mounts.root().root(), "/tmp/p/new", LookupFlags.PARENT, r), "walk");
        assertEquals("new", r.lastName, "last name");
        assertEquals(WalkResult.NORMAL, r.lastType, "type");
        assertEquals(null, r.child, "no child");
        assertEquals(stat(ROOT, "/tmp/p").ino, r.parent.ino(), "parent");
        assertOk(walker.walk(ROOT, mounts.root(), mounts.root().root(), "/tmp/p/..", LookupFlags.PARENT, r), "walk ..");
        assertEquals(WalkResult.DOTDOT, r.lastType, "type of ..");
        assertOk(walker.walk(ROOT, mounts.root(), mounts.root().root(), "/", LookupFlags.PARENT, r), "walk /");
        assertEquals(WalkResult.ROOT, r.lastType, "type of /");
        assertOk(walker.walk(ROOT, mounts.root(), mounts.root().root(), "/tmp/p/x/", LookupFlags.PARENT, r), "walk x/");
        assertEquals(true, r.trailingSlash, "trailing slash reported");
    }
}
