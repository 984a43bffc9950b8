package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.exoos.servers.vfs.OpenFlags.O_CREAT;
import static org.exoos.servers.vfs.OpenFlags.O_DIRECTORY;
import static org.exoos.servers.vfs.OpenFlags.O_RDONLY;
import static org.exoos.servers.vfs.OpenFlags.O_RDWR;
import static org.exoos.servers.vfs.OpenFlags.O_WRONLY;
import static org.exoos.servers.protocol.Errno.EBUSY;
import static org.exoos.servers.protocol.Errno.EEXIST;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EISDIR;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOTDIR;
import static org.exoos.servers.protocol.Errno.ENOTEMPTY;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.exoos.servers.protocol.Errno.EXDEV;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TmpfsTest extends VfsFixture {

    private static final long SEC = 1_000_000_000L;

    @Test
    void hardLinksCountNamesAndShareData() {
        writeFile(ROOT, "/tmp/a", "shared", 0644);
        assertOk(vfs.link(ROOT, Vfs.NO_HANDLE, "/tmp/a", Vfs.NO_HANDLE, "/tmp/b", 0), "link");
        assertEquals(2, stat(ROOT, "/tmp/a").nlink, "nlink after link");
        assertEquals(stat(ROOT, "/tmp/a").ino, stat(ROOT, "/tmp/b").ino, "same inode");
        assertErrno(EEXIST, vfs.link(ROOT, Vfs.NO_HANDLE, "/tmp/a", Vfs.NO_HANDLE, "/tmp/b", 0), "link onto a name");
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/a", 0), "unlink a");
        assertEquals(1, stat(ROOT, "/tmp/b").nlink, "nlink after unlink");
        assertEquals("shared", readFile(ROOT, "/tmp/b"), "data through the other name");
        mkdir(ROOT, "/tmp/d", 0755);
        assertErrno(EPERM, vfs.link(ROOT, Vfs.NO_HANDLE, "/tmp/d", Vfs.NO_HANDLE, "/tmp/d2", 0), "link a directory");
        assertErrno(EXDEV, vfs.link(ROOT, Vfs.NO_HANDLE, "/tmp/b", Vfs.NO_HANDLE, "/dev/b", 0), "link across mounts");
    }

    @Test
    void directoriesCountSubdirectoriesInNlink() {
        mkdir(ROOT, "/tmp/d", 0755);
        assertEquals(2, stat(ROOT, "/tmp/d").nlink, "new directory");
        mkdir(ROOT, "/tmp/d/a", 0755);
        mkdir(ROOT, "/tmp/d/b", 0755);
        writeFile(ROOT, "/tmp/d/f", "", 0644);
        assertEquals(4, stat(ROOT, "/tmp/d").nlink, "two subdirectories, one file");
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d/a", AtFlags.AT_REMOVEDIR), "rmdir a");
        assertEquals(3, stat(ROOT, "/tmp/d").nlink, "after rmdir");
        mkdir(ROOT, "/tmp/e", 0755);
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/d/b", Vfs.NO_HANDLE, "/tmp/e/b", 0), "move b");
        assertEquals(2, stat(ROOT, "/tmp/d").nlink, "old parent loses a link");
        assertEquals(3, stat(ROOT, "/tmp/e").nlink, "new parent gains one");
        assertEquals(stat(ROOT, "/tmp/e").ino, stat(ROOT, "/tmp/e/b/..").ino, ".. follows the move");
    }

    @Test
    void rmdirRefusesNonEmptyDirectoriesAndDots() {
        mkdir(ROOT, "/tmp/d", 0755);
        writeFile(ROOT, "/tmp/d/f", "", 0644);
        assertErrno(ENOTEMPTY, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d", AtFlags.AT_REMOVEDIR), "rmdir non-empty");
        assertErrno(EINVAL, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d/.", AtFlags.AT_REMOVEDIR), "rmdir d/.");
        assertErrno(ENOTEMPTY, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d/..", AtFlags.AT_REMOVEDIR), "rmdir d/..");
        assertErrno(EBUSY, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/", AtFlags.AT_REMOVEDIR), "rmdir /");
        assertErrno(EBUSY, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/dev", AtFlags.AT_REMOVEDIR), "rmdir a mountpoint");
        assertErrno(ENOTDIR, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d/f", AtFlags.AT_REMOVEDIR), "rmdir a file");
        assertErrno(EISDIR, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d", 0), "unlink a directory");
        assertErrno(ENOTDIR, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d/f/", 0), "unlink f/");
        assertErrno(ENOENT, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d/nothing", 0), "unlink a missing name");
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d/f", 0), "unlink f");
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d/", AtFlags.AT_REMOVEDIR), "rmdir d/ (trailing slash)");
        assertErrno(ENOENT, statErrno(ROOT, "/tmp/d"), "gone");
    }

    @Test
    void mkdirAndCreateRefuseExistingNames() {
        mkdir(ROOT, "/tmp/d", 0755);
        assertErrno(EEXIST, vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/tmp/d", 0755, 0), "mkdir twice");
        assertErrno(EEXIST, vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/tmp/d/..", 0755, 0), "mkdir ..");
        assertErrno(EEXIST, vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/", 0755, 0), "mkdir /");
        assertOk(vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/tmp/e/", 0755, 0), "mkdir with a trailing slash");
        assertErrno(ENOENT, vfs.symlink(ROOT, "x", Vfs.NO_HANDLE, "/tmp/l/"), "symlink with a trailing slash");
        assertErrno(ENOENT, vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/tmp/no/such", 0755, 0), "mkdir under a missing dir");
        assertErrno(ENOENT, vfs.symlink(ROOT, "", Vfs.NO_HANDLE, "/tmp/empty"), "symlink to an empty target");
    }

    @Test
    void renameMovesReplacesAndKeepsData() {
        writeFile(ROOT, "/tmp/a", "A", 0644);
        writeFile(ROOT, "/tmp/b", "B", 0644);
        long ino = stat(ROOT, "/tmp/a").ino;
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/a", Vfs.NO_HANDLE, "/tmp/b", 0), "rename over b");
        assertEquals(ino, stat(ROOT, "/tmp/b").ino, "b is a's inode");
        assertEquals("A", readFile(ROOT, "/tmp/b"), "b's data is a's");
        assertErrno(ENOENT, statErrno(ROOT, "/tmp/a"), "a gone");
        assertOk(vfs.link(ROOT, Vfs.NO_HANDLE, "/tmp/b", Vfs.NO_HANDLE, "/tmp/c", 0), "link c");
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/b", Vfs.NO_HANDLE, "/tmp/c", 0), "rename onto another name of itself");
        assertOk(statErrno(ROOT, "/tmp/b"), "same-file rename does nothing: b still there");
        assertErrno(EXDEV, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/b", Vfs.NO_HANDLE, "/dev/b", 0), "across mounts");
        assertErrno(EBUSY, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/.", Vfs.NO_HANDLE, "/tmp/x", 0), "rename .");
    }

    @Test
    void renameTypeMismatches() {
        mkdir(ROOT, "/tmp/d", 0755);
        mkdir(ROOT, "/tmp/full", 0755);
        writeFile(ROOT, "/tmp/full/x", "", 0644);
        writeFile(ROOT, "/tmp/f", "", 0644);
        assertErrno(EISDIR, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/f", Vfs.NO_HANDLE, "/tmp/d", 0), "file over dir");
        assertErrno(ENOTDIR, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/d", Vfs.NO_HANDLE, "/tmp/f", 0), "dir over file");
        assertErrno(ENOTEMPTY, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/d", Vfs.NO_HANDLE, "/tmp/full", 0), "dir over non-empty dir");
        assertErrno(ENOTDIR, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/f/", Vfs.NO_HANDLE, "/tmp/g", 0), "file with trailing slash");
        mkdir(ROOT, "/tmp/empty", 0755);
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/d", Vfs.NO_HANDLE, "/tmp/empty", 0), "dir over empty dir");
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/empty/", Vfs.NO_HANDLE, "/tmp/moved/", 0), "dir with trailing slashes");
    }

    @Test
    void renameOfADirectoryIntoItsOwnSubtreeIsEinval() {
        mkdir(ROOT, "/tmp/a", 0755);
        mkdir(ROOT, "/tmp/a/b", 0755);
        assertErrno(EINVAL, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/a", Vfs.NO_HANDLE, "/tmp/a/b/c", 0), "a into a/b/c");
        assertErrno(EINVAL, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/a", Vfs.NO_HANDLE, "/tmp/a/c", 0), "a into a/c");
        assertErrno(ENOTEMPTY, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/a/b", Vfs.NO_HANDLE, "/tmp/a", 0),
                "a/b onto its ancestor a");
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/a/b", Vfs.NO_HANDLE, "/tmp/b", 0), "b out of a");
    }

    @Test
    void renameNoreplaceAndExchange() {
        writeFile(ROOT, "/tmp/a", "A", 0644);
        writeFile(ROOT, "/tmp/b", "B", 0644);
        assertErrno(EEXIST, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/a", Vfs.NO_HANDLE, "/tmp/b", RenameFlags.RENAME_NOREPLACE),
                "NOREPLACE onto an existing name");
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/a", Vfs.NO_HANDLE, "/tmp/c", RenameFlags.RENAME_NOREPLACE),
                "NOREPLACE onto a free name");
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/c", Vfs.NO_HANDLE, "/tmp/b", RenameFlags.RENAME_EXCHANGE), "EXCHANGE");
        assertEquals("A", readFile(ROOT, "/tmp/b"), "b now holds a's data");
        assertEquals("B", readFile(ROOT, "/tmp/c"), "c now holds b's data");
        assertErrno(ENOENT, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/c", Vfs.NO_HANDLE, "/tmp/none", RenameFlags.RENAME_EXCHANGE),
                "EXCHANGE with a missing target");
        assertErrno(EINVAL, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/c", Vfs.NO_HANDLE, "/tmp/b",
                RenameFlags.RENAME_EXCHANGE | RenameFlags.RENAME_NOREPLACE), "EXCHANGE|NOREPLACE");
        assertErrno(EINVAL, vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/c", Vfs.NO_HANDLE, "/tmp/b", 8), "unknown flag");
        mkdir(ROOT, "/tmp/d", 0755);
        mkdir(ROOT, "/tmp/d/sub", 0755);
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/d/sub", Vfs.NO_HANDLE, "/tmp/c", RenameFlags.RENAME_EXCHANGE),
                "exchange a directory with a file in another directory");
        assertEquals(FileMode.S_IFDIR, stat(ROOT, "/tmp/c").mode & FileMode.S_IFMT, "c is the directory");
        assertEquals("B", readFile(ROOT, "/tmp/d/sub"), "d/sub is the file");
        assertEquals(stat(ROOT, "/tmp").ino, stat(ROOT, "/tmp/c/..").ino, "the moved directory's ..");
        assertEquals(2, stat(ROOT, "/tmp/d").nlink, "d lost its subdirectory");
    }

    @Test
    void timesFollowLinux() {
        long t0 = clock.now;
        writeFile(ROOT, "/tmp/f", "", 0644);
        Stat s = stat(ROOT, "/tmp/f");
        assertEquals(t0, s.atimeNanos(), "new atime");
        assertEquals(t0, s.mtimeNanos(), "new mtime");
        assertEquals(t0, s.ctimeNanos(), "new ctime");
        clock.advanceSeconds(10);
        long h = openOk(ROOT, "/tmp/f", O_RDWR, 0);
        assertEquals(3, write(h, "abc"), "write");
        s = stat(ROOT, "/tmp/f");
        assertEquals(t0 + 10 * SEC, s.mtimeNanos(), "write sets mtime");
        assertEquals(t0 + 10 * SEC, s.ctimeNanos(), "write sets ctime");
        assertEquals(t0, s.atimeNanos(), "write leaves atime");
        clock.advanceSeconds(10);
        assertEquals(0, vfs.write(h, new UnsafeBuffer(new byte[1]), 0, 0), "empty write");
        assertEquals(t0 + 10 * SEC, stat(ROOT, "/tmp/f").mtimeNanos(), "an empty write leaves mtime");
        assertOk(vfs.chmod(ROOT, Vfs.NO_HANDLE, "/tmp/f", 0600, 0), "chmod");
        s = stat(ROOT, "/tmp/f");
        assertEquals(t0 + 20 * SEC, s.ctimeNanos(), "chmod sets ctime");
        assertEquals(t0 + 10 * SEC, s.mtimeNanos(), "chmod leaves mtime");
        clock.advanceSeconds(10);
        assertOk(vfs.pread(h, 0, new UnsafeBuffer(new byte[3]), 0, 3), "read");
        assertEquals(t0 + 30 * SEC, stat(ROOT, "/tmp/f").atimeNanos(), "relatime: first read after a change sets atime");
        clock.advanceSeconds(10);
        assertOk(vfs.pread(h, 0, new UnsafeBuffer(new byte[3]), 0, 3), "read again");
        assertEquals(t0 + 30 * SEC, stat(ROOT, "/tmp/f").atimeNanos(), "relatime: atime newer than mtime stays");
        clock.advanceSeconds(24 * 3600);
        assertOk(vfs.pread(h, 0, new UnsafeBuffer(new byte[3]), 0, 3), "read a day later");
        assertEquals(clock.now, stat(ROOT, "/tmp/f").atimeNanos(), "relatime: a day-old atime is refreshed");
        long dirMtime = stat(ROOT, "/tmp").mtimeNanos();
        clock.advanceSeconds(5);
        assertOk(vfs.link(ROOT, Vfs.NO_HANDLE, "/tmp/f", Vfs.NO_HANDLE, "/tmp/g", 0), "link");
        assertEquals(clock.now, stat(ROOT, "/tmp/f").ctimeNanos(), "link sets the inode's ctime");
        assertEquals(clock.now, stat(ROOT, "/tmp").mtimeNanos(), "link sets the directory's mtime");
        assertTrue(clock.now > dirMtime, "clock moved");
        clock.advanceSeconds(5);
        assertOk(vfs.ftruncate(h, 1), "ftruncate");
        assertEquals(clock.now, stat(ROOT, "/tmp/f").mtimeNanos(), "truncate sets mtime");
    }

    @Test
    void sparseFilesReadZerosInHolesAndCountOnlyWrittenPages() {
        long h = openOk(ROOT, "/tmp/sparse", O_CREAT | O_RDWR, 0644);
        assertEquals(1 << 20, vfs.lseek(h, 1 << 20, SeekWhence.SEEK_SET), "seek to 1 MiB");
        assertEquals(4, write(h, "tail"), "write at 1 MiB");
        Stat s = stat(ROOT, "/tmp/sparse");
        assertEquals((1 << 20) + 4, s.size, "size");
        assertEquals(8, s.blocks, "one 4 KiB page in 512-byte blocks");
        byte[] b = new byte[16];
        java.util.Arrays.fill(b, (byte) 7);
        assertEquals(16, vfs.pread(h, 4000, new UnsafeBuffer(b), 0, 16), "read in the hole");
        for (byte x : b) {
            assertEquals(0, x, "holes read as zeros");
        }
        assertOk(vfs.ftruncate(h, 2), "truncate into the hole");
        assertEquals(0, stat(ROOT, "/tmp/sparse").blocks, "pages past the end are freed");
        assertOk(vfs.ftruncate(h, 5000), "grow");
        assertEquals(16, vfs.pread(h, 0, new UnsafeBuffer(b), 0, 16), "read after regrow");
        for (byte x : b) {
            assertEquals(0, x, "the regrown part reads as zeros");
        }
    }

    @Test
    void truncateShrinkZeroesTheTailOfTheLastPage() {
        writeFile(ROOT, "/tmp/f", "abcdefgh", 0644);
        assertOk(vfs.truncate(ROOT, Vfs.NO_HANDLE, "/tmp/f", 3), "truncate to 3");
        assertOk(vfs.truncate(ROOT, Vfs.NO_HANDLE, "/tmp/f", 8), "grow to 8");
        assertEquals("abc\0\0\0\0\0", readFile(ROOT, "/tmp/f"), "old bytes do not come back");
        mkdir(ROOT, "/tmp/d", 0755);
        assertErrno(EISDIR, vfs.truncate(ROOT, Vfs.NO_HANDLE, "/tmp/d", 0), "truncate a directory");
        assertErrno(EINVAL, vfs.truncate(ROOT, Vfs.NO_HANDLE, "/tmp/f", -1), "negative length");
    }

    @Test
    void readdirListsDotDotDotAndEntriesWithResumableCookies() {
        mkdir(ROOT, "/tmp/d", 0755);
        for (int i = 0; i < 10; i++) {
            writeFile(ROOT, "/tmp/d/f" + i, "", 0644);
        }
        mkdir(ROOT, "/tmp/d/sub", 0755);
        long h = openOk(ROOT, "/tmp/d", O_RDONLY | O_DIRECTORY, 0);
        List<String> names = new ArrayList<>();
        List<Long> offs = new ArrayList<>();
        int[] budget = {3};
        DirentSink three = (ino, next, type, name) -> {
            if (budget[0]-- == 0) {
                return false;
            }
            names.add(name + ":" + type);
            offs.add(next);
            return true;
        };
        assertOk(vfs.readdir(h, three), "first batch");
        assertEquals(List.of(".:4", "..:4", "f0:8"), names, "first three entries");
        // Unlink an entry already listed and one not yet listed; the listing neither repeats nor skips.
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d/f0", 0), "unlink f0");
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d/f5", 0), "unlink f5");
        while (true) {
            budget[0] = 3;
            int before = names.size();
            assertOk(vfs.readdir(h, three), "next batch");
            if (names.size() == before) {
                break;
            }
        }
        assertEquals(List.of(".:4", "..:4", "f0:8", "f1:8", "f2:8", "f3:8", "f4:8", "f6:8", "f7:8", "f8:8", "f9:8",
                "sub:4"), names, "whole listing");
        // Seeking back to a cookie resumes after that entry.
        assertEquals(offs.get(3), vfs.lseek(h, offs.get(3), SeekWhence.SEEK_SET), "seek to f1's d_off");
        names.clear();
        budget[0] = 1;
        assertOk(vfs.readdir(h, three), "after seek");
        assertEquals(List.of("f2:8"), names, "resumes after f1");
        assertErrno(EINVAL, vfs.lseek(h, 0, SeekWhence.SEEK_END), "SEEK_END on a directory");
        assertErrno(EINVAL, vfs.lseek(h, -1, SeekWhence.SEEK_SET), "negative position");
    }

    @Test
    void dirent64WriterLaysOutLinuxDirent64() {
        mkdir(ROOT, "/tmp/d", 0755);
        writeFile(ROOT, "/tmp/d/abc", "", 0644);
        long h = openOk(ROOT, "/tmp/d", O_RDONLY | O_DIRECTORY, 0);
        UnsafeBuffer buf = new UnsafeBuffer(new byte[256]);
        Dirent64Writer w = new Dirent64Writer().wrap(buf, 0, 256);
        assertOk(vfs.readdir(h, w), "getdents64");
        assertEquals(24 + 24 + 24, w.result(), "three records of 24 bytes");
        int third = 48;
        assertEquals(stat(ROOT, "/tmp/d/abc").ino, buf.getLong(third, java.nio.ByteOrder.LITTLE_ENDIAN), "d_ino");
        assertEquals(24, buf.getShort(third + 16, java.nio.ByteOrder.LITTLE_ENDIAN), "d_reclen");
        assertEquals(FileMode.DT_REG, buf.getByte(third + 18), "d_type");
        assertEquals('a', buf.getByte(third + 19), "d_name");
        assertEquals(0, buf.getByte(third + 22), "NUL");
        assertOk(vfs.lseek(h, 0, SeekWhence.SEEK_SET), "rewind");
        Dirent64Writer tiny = new Dirent64Writer().wrap(buf, 0, 10);
        assertOk(vfs.readdir(h, tiny), "getdents64 into 10 bytes");
        assertErrno(EINVAL, tiny.result(), "a buffer too small for one entry");
    }

    @Test
    void readdirOfARemovedDirectoryIsEnoent() {
        mkdir(ROOT, "/tmp/d", 0755);
        long h = openOk(ROOT, "/tmp/d", O_RDONLY | O_DIRECTORY, 0);
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/d", AtFlags.AT_REMOVEDIR), "rmdir");
        assertErrno(ENOENT, vfs.readdir(h, (ino, next, type, name) -> true), "getdents of a removed dir");
        assertErrno(ENOENT, vfs.open(ROOT, h, "new", O_CREAT | O_WRONLY, 0644, 0), "create in a removed dir");
        assertErrno(ENOENT, vfs.getcwd(h, new UnsafeBuffer(new byte[64]), 0, 64), "getcwd of a removed dir");
    }

    @Test
    void unlinkedOpenFileKeepsItsDataUntilClosed() {
        writeFile(ROOT, "/tmp/f", "still here", 0644);
        long h = openOk(ROOT, "/tmp/f", O_RDWR, 0);
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/f", 0), "unlink while open");
        assertErrno(ENOENT, statErrno(ROOT, "/tmp/f"), "name gone");
        assertEquals("still here", read(h, 100), "data still readable");
        assertEquals(5, write(h, "!more"), "still writable");
        Stat s = new Stat();
        assertOk(vfs.fstat(h, s), "fstat");
        assertEquals(0, s.nlink, "nlink 0");
        assertEquals(15, s.size, "size");
        assertTrue(vfs.pathOf(h).endsWith("/tmp/f (deleted)"), () -> "path " + vfs.pathOf(h));
        assertErrno(ENOENT, vfs.link(ROOT, h, "", Vfs.NO_HANDLE, "/tmp/g", AtFlags.AT_EMPTY_PATH),
                "linking an unlinked file back");
        assertErrno(ENOENT, vfs.link(ALICE, h, "", Vfs.NO_HANDLE, "/tmp/g", AtFlags.AT_EMPTY_PATH),
                "AT_EMPTY_PATH needs privilege");
        StatFs fs = new StatFs();
        assertOk(vfs.statfs(ROOT, Vfs.NO_HANDLE, "/tmp", fs), "statfs");
        long freeWhileOpen = fs.bfree;
        assertOk(vfs.close(h), "close");
        assertOk(vfs.statfs(ROOT, Vfs.NO_HANDLE, "/tmp", fs), "statfs");
        assertEquals(freeWhileOpen + 1, fs.bfree, "the page is freed at the last close");
    }

    @Test
    void symlinksAndReadlink() {
        symlink("some/target", "/tmp/l");
        UnsafeBuffer buf = new UnsafeBuffer(new byte[64]);
        assertEquals(11, vfs.readlink(ROOT, Vfs.NO_HANDLE, "/tmp/l", buf, 0, 64), "readlink");
        assertEquals("some/target", buf.getStringWithoutLengthAscii(0, 11), "target");
        assertEquals(4, vfs.readlink(ROOT, Vfs.NO_HANDLE, "/tmp/l", buf, 0, 4), "truncated readlink");
        assertErrno(EINVAL, vfs.readlink(ROOT, Vfs.NO_HANDLE, "/tmp", buf, 0, 64), "readlink of a directory");
        assertErrno(EINVAL, vfs.readlink(ROOT, Vfs.NO_HANDLE, "/tmp/l", buf, 0, 0), "readlink into 0 bytes");
        Stat s = lstat(ROOT, "/tmp/l");
        assertEquals(FileMode.S_IFLNK | 0777, s.mode, "link mode");
        assertEquals(11, s.size, "link size");
        long h = openOk(ROOT, "/tmp/l", OpenFlags.O_PATH | OpenFlags.O_NOFOLLOW, 0);
        assertEquals(11, vfs.readlink(ROOT, h, "", buf, 0, 64), "readlinkat on an O_PATH link with an empty path");
    }

    @Test
    void mknodMakesNodesWithRulesOnTypesAndPrivilege() {
        assertOk(vfs.mknod(ROOT, Vfs.NO_HANDLE, "/tmp/null2", FileMode.S_IFCHR | 0666, DeviceNumbers.makedev(1, 3), 0),
                "mknod c 1 3");
        Stat s = stat(ROOT, "/tmp/null2");
        assertEquals(DeviceNumbers.makedev(1, 3), s.rdev, "rdev");
        long h = openOk(ALICE, "/tmp/null2", O_RDWR, 0);
        assertEquals(0, vfs.read(h, new UnsafeBuffer(new byte[4]), 0, 4), "a node made elsewhere reaches the driver");
        assertErrno(EPERM, vfs.mknod(ALICE, Vfs.NO_HANDLE, "/tmp/dev", FileMode.S_IFCHR | 0666, 0, 0), "unprivileged device");
        assertOk(vfs.mknod(ALICE, Vfs.NO_HANDLE, "/tmp/reg", 0644, 0, 0), "mknod of a regular file");
        assertEquals(FileMode.S_IFREG | 0644, stat(ROOT, "/tmp/reg").mode, "type 0 is a regular file");
        assertErrno(EPERM, vfs.mknod(ROOT, Vfs.NO_HANDLE, "/tmp/dir", FileMode.S_IFDIR | 0755, 0, 0), "mknod a directory");
        assertErrno(EINVAL, vfs.mknod(ROOT, Vfs.NO_HANDLE, "/tmp/bad", 0170000 | 0644, 0, 0), "mknod a bad type");
        assertOk(vfs.mknod(ALICE, Vfs.NO_HANDLE, "/tmp/fifo", FileMode.S_IFIFO | 0644, 0, 0), "mkfifo");
        assertEquals(FileMode.S_IFIFO, stat(ROOT, "/tmp/fifo").mode & FileMode.S_IFMT, "fifo type");
    }

    @Test
    void directorySizeCountsEntriesAsLinuxTmpfsDoes() {
        mkdir(ROOT, "/tmp/d", 0755);
        assertEquals(40, stat(ROOT, "/tmp/d").size, "empty: 2 x 20");
        writeFile(ROOT, "/tmp/d/a", "", 0644);
        assertEquals(60, stat(ROOT, "/tmp/d").size, "one entry");
        assertEquals(4096, stat(ROOT, "/tmp/d").blksize, "blksize");
    }

    @Test
    void statfsReportsTmpfs() {
        StatFs fs = new StatFs();
        assertOk(vfs.statfs(ROOT, Vfs.NO_HANDLE, "/tmp", fs), "statfs");
        assertEquals(StatFs.TMPFS_MAGIC, fs.type, "f_type");
        assertEquals(4096, fs.bsize, "f_bsize");
        assertEquals(255, fs.namelen, "f_namelen");
        assertTrue((fs.flags & MountFlags.ST_VALID) != 0, "ST_VALID");
        writeFile(ROOT, "/tmp/f", "x", 0644);
        StatFs after = new StatFs();
        assertOk(vfs.statfs(ROOT, Vfs.NO_HANDLE, "/tmp", after), "statfs");
        assertEquals(fs.bfree - 1, after.bfree, "one page used");
        assertEquals(fs.ffree - 1, after.ffree, "one inode used");
    }
}
