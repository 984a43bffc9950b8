package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.exoos.servers.vfs.OpenFlags.O_APPEND;
import static org.exoos.servers.vfs.OpenFlags.O_CLOEXEC;
import static org.exoos.servers.vfs.OpenFlags.O_CREAT;
import static org.exoos.servers.vfs.OpenFlags.O_DIRECTORY;
import static org.exoos.servers.vfs.OpenFlags.O_EXCL;
import static org.exoos.servers.vfs.OpenFlags.O_LARGEFILE;
import static org.exoos.servers.vfs.OpenFlags.O_NOFOLLOW;
import static org.exoos.servers.vfs.OpenFlags.O_NONBLOCK;
import static org.exoos.servers.vfs.OpenFlags.O_PATH;
import static org.exoos.servers.vfs.OpenFlags.O_RDONLY;
import static org.exoos.servers.vfs.OpenFlags.O_RDWR;
import static org.exoos.servers.vfs.OpenFlags.O_TRUNC;
import static org.exoos.servers.vfs.OpenFlags.O_WRONLY;
import static org.exoos.servers.vfs.SeekWhence.SEEK_CUR;
import static org.exoos.servers.vfs.SeekWhence.SEEK_DATA;
import static org.exoos.servers.vfs.SeekWhence.SEEK_END;
import static org.exoos.servers.vfs.SeekWhence.SEEK_HOLE;
import static org.exoos.servers.vfs.SeekWhence.SEEK_SET;
import static org.exoos.servers.protocol.Errno.EACCES;
import static org.exoos.servers.protocol.Errno.EBADF;
import static org.exoos.servers.protocol.Errno.EEXIST;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EISDIR;
import static org.exoos.servers.protocol.Errno.ELOOP;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOTDIR;
import static org.exoos.servers.protocol.Errno.ENXIO;
import static org.exoos.servers.protocol.Errno.EOPNOTSUPP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OpenFileTest extends VfsFixture {

    @Test
    void createExclusiveAndMissing() {
        assertErrno(ENOENT, open(ROOT, "/tmp/f", O_RDONLY, 0), "open a missing file");
        long h = open(ROOT, "/tmp/f", O_CREAT | O_EXCL | O_WRONLY, 0640);
        assertOk(h, "O_CREAT|O_EXCL on a free name");
        assertEquals(FileMode.S_IFREG | 0640, stat(ROOT, "/tmp/f").mode, "mode of the new file");
        assertErrno(EEXIST, open(ROOT, "/tmp/f", O_CREAT | O_EXCL | O_WRONLY, 0640), "O_CREAT|O_EXCL on an existing name");
        assertOk(open(ROOT, "/tmp/f", O_CREAT | O_WRONLY, 0600), "O_CREAT on an existing file opens it");
        assertEquals(0640, stat(ROOT, "/tmp/f").mode & 07777, "and keeps its mode");
        symlink("/tmp/f", "/tmp/l");
        assertErrno(EEXIST, open(ROOT, "/tmp/l", O_CREAT | O_EXCL | O_WRONLY, 0640), "O_EXCL does not follow a link");
        assertErrno(ENOENT, open(ROOT, "/tmp/no/f", O_CREAT | O_WRONLY, 0640), "O_CREAT under a missing dir");
    }

    @Test
    void createThroughADanglingSymlinkMakesItsTarget() {
        symlink("made", "/tmp/dangling");
        assertOk(open(ROOT, "/tmp/dangling", O_CREAT | O_WRONLY, 0644), "O_CREAT through a dangling link");
        assertOk(statErrno(ROOT, "/tmp/made"), "the target was created");
        symlink("other", "/tmp/dangling2");
        assertErrno(ELOOP, open(ROOT, "/tmp/dangling2", O_CREAT | O_NOFOLLOW | O_WRONLY, 0644), "O_NOFOLLOW refuses");
    }

    @Test
    void createdFileOpensWhateverItsMode() {
        long h = open(ALICE, "/tmp/ro", O_CREAT | O_RDWR, 0444);
        assertOk(h, "create 0444 for O_RDWR");
        assertEquals(2, write(h, "ok"), "writable through the creating open");
        assertErrno(EACCES, open(ALICE, "/tmp/ro", O_RDWR, 0), "a later open is checked");
    }

    @Test
    void directoriesAndTrailingSlashesWithOcreat() {
        mkdir(ROOT, "/tmp/d", 0755);
        assertErrno(EISDIR, open(ROOT, "/tmp/d", O_WRONLY, 0), "write a directory");
        assertErrno(EISDIR, open(ROOT, "/tmp/d", O_RDWR, 0), "rdwr a directory");
        assertErrno(EISDIR, open(ROOT, "/tmp/d", O_RDONLY | O_TRUNC, 0), "truncate a directory");
        assertErrno(EISDIR, open(ROOT, "/tmp/d", O_CREAT | O_RDONLY, 0644), "O_CREAT on a directory");
        assertErrno(EISDIR, open(ROOT, "/tmp/new/", O_CREAT | O_WRONLY, 0644), "O_CREAT with a trailing slash");
        assertErrno(EISDIR, open(ROOT, "/tmp/.", O_CREAT | O_RDONLY, 0644), "O_CREAT on .");
        assertErrno(EINVAL, open(ROOT, "/tmp/x", O_CREAT | O_DIRECTORY | O_RDONLY, 0644), "O_CREAT|O_DIRECTORY");
        assertOk(open(ROOT, "/tmp/d", O_RDONLY | O_DIRECTORY, 0), "O_DIRECTORY on a directory");
        writeFile(ROOT, "/tmp/f", "x", 0644);
        assertErrno(ENOTDIR, open(ROOT, "/tmp/f", O_RDONLY | O_DIRECTORY, 0), "O_DIRECTORY on a file");
        long dir = openOk(ROOT, "/tmp/d", O_RDONLY, 0);
        assertErrno(EISDIR, vfs.read(dir, new UnsafeBuffer(new byte[4]), 0, 4), "read a directory");
    }

    @Test
    void nofollowOnAFinalSymlinkIsEloop() {
        writeFile(ROOT, "/tmp/f", "x", 0644);
        symlink("f", "/tmp/l");
        mkdir(ROOT, "/tmp/d", 0755);
        symlink("d", "/tmp/ld");
        assertErrno(ELOOP, open(ROOT, "/tmp/l", O_RDONLY | O_NOFOLLOW, 0), "O_NOFOLLOW on a link");
        assertOk(open(ROOT, "/tmp/ld/", O_RDONLY | O_NOFOLLOW, 0), "a trailing slash still follows");
        assertErrno(ENOTDIR, open(ROOT, "/tmp/ld", O_RDONLY | O_NOFOLLOW | O_DIRECTORY, 0), "O_NOFOLLOW|O_DIRECTORY on a link");
        assertOk(open(ROOT, "/tmp/ld", O_RDONLY | O_DIRECTORY, 0), "O_DIRECTORY through a link");
        long p = openOk(ROOT, "/tmp/l", O_PATH | O_NOFOLLOW, 0);
        Stat s = new Stat();
        assertOk(vfs.fstat(p, s), "fstat an O_PATH link");
        assertEquals(FileMode.S_IFLNK, s.mode & FileMode.S_IFMT, "O_PATH|O_NOFOLLOW opens the link itself");
    }

    @Test
    void opathNeedsNoReadPermissionAndAllowsNoIo() {
        writeFile(ROOT, "/tmp/secret", "x", 0);
        long p = open(ALICE, "/tmp/secret", O_PATH | O_RDWR | O_CREAT | O_TRUNC, 0);
        assertOk(p, "O_PATH without permission (other flags ignored)");
        assertEquals(1, stat(ROOT, "/tmp/secret").size, "O_TRUNC ignored with O_PATH");
        UnsafeBuffer b = new UnsafeBuffer(new byte[4]);
        assertErrno(EBADF, vfs.read(p, b, 0, 4), "read O_PATH");
        assertErrno(EBADF, vfs.write(p, b, 0, 4), "write O_PATH");
        assertErrno(EBADF, vfs.lseek(p, 0, SEEK_SET), "lseek O_PATH");
        assertErrno(EBADF, vfs.fchmod(ROOT, p, 0644), "fchmod O_PATH");
        assertErrno(EBADF, vfs.ftruncate(p, 0), "ftruncate O_PATH");
        assertOk(vfs.fstat(p, new Stat()), "fstat O_PATH");
        assertEquals(O_PATH, vfs.getStatusFlags(p), "F_GETFL of O_PATH: no O_LARGEFILE (Linux)");
    }

    @Test
    void accessModeGovernsReadAndWrite() {
        writeFile(ROOT, "/tmp/f", "data", 0644);
        UnsafeBuffer b = new UnsafeBuffer(new byte[4]);
        long r = openOk(ROOT, "/tmp/f", O_RDONLY, 0);
        assertErrno(EBADF, vfs.write(r, b, 0, 1), "write on O_RDONLY");
        long w = openOk(ROOT, "/tmp/f", O_WRONLY, 0);
        assertErrno(EBADF, vfs.read(w, b, 0, 1), "read on O_WRONLY");
        long three = openOk(ROOT, "/tmp/f", 3, 0);
        assertErrno(EBADF, vfs.read(three, b, 0, 1), "read on access mode 3");
        assertErrno(EBADF, vfs.write(three, b, 0, 1), "write on access mode 3");
        assertErrno(EACCES, open(ALICE, "/tmp/f", 3, 0), "access mode 3 checks read and write");
    }

    @Test
    void statusFlagsKeepWhatFGetflShows() {
        writeFile(ROOT, "/tmp/f", "data", 0644);
        long h = openOk(ROOT, "/tmp/f", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK, 0644);
        assertEquals(O_RDWR | O_NONBLOCK | O_LARGEFILE, vfs.getStatusFlags(h), "F_GETFL");
        assertOk(vfs.setStatusFlags(ROOT, h, O_APPEND | O_WRONLY), "F_SETFL O_APPEND");
        assertEquals(O_RDWR | O_APPEND | O_LARGEFILE, vfs.getStatusFlags(h), "access mode kept, O_NONBLOCK cleared");
    }

    @Test
    void truncateOnOpenEmptiesExistingFiles() {
        writeFile(ROOT, "/tmp/f", "data", 0644);
        clock.advanceSeconds(3);
        assertOk(open(ROOT, "/tmp/f", O_WRONLY | O_TRUNC, 0), "O_TRUNC");
        Stat s = stat(ROOT, "/tmp/f");
        assertEquals(0, s.size, "emptied");
        assertEquals(clock.now, s.mtimeNanos(), "mtime set");
        writeFile(ROOT, "/tmp/g", "data", 0444);
        assertErrno(EACCES, open(ALICE, "/tmp/g", O_RDONLY | O_TRUNC, 0), "O_TRUNC needs write permission");
        assertEquals(4, stat(ROOT, "/tmp/g").size, "not emptied");
    }

    @Test
    void readsAndWritesMoveTheOffsetAndAppendWritesAtTheEnd() {
        long h = openOk(ROOT, "/tmp/f", O_CREAT | O_RDWR, 0644);
        assertEquals(5, write(h, "hello"), "write");
        assertEquals(5, vfs.file(h).position(), "offset after write");
        assertEquals(0, vfs.lseek(h, 0, SEEK_SET), "rewind");
        assertEquals("he", read(h, 2), "read 2");
        assertEquals("llo", read(h, 10), "read the rest");
        assertEquals("", read(h, 10), "EOF");
        long a = openOk(ROOT, "/tmp/f", O_WRONLY | O_APPEND, 0);
        assertEquals(0, vfs.file(a).position(), "O_APPEND open starts at 0");
        assertEquals(1, write(a, "!"), "append");
        assertEquals(6, vfs.file(a).position(), "offset moves to the new end");
        assertEquals(1, vfs.pwrite(a, 0, new UnsafeBuffer("?".getBytes()), 0, 1), "pwrite on O_APPEND");
        assertEquals("hello!?", readFile(ROOT, "/tmp/f"), "pwrite with O_APPEND appends (Linux)");
        assertEquals(6, vfs.file(a).position(), "pwrite leaves the offset");
        UnsafeBuffer b = new UnsafeBuffer(new byte[3]);
        assertEquals(3, vfs.pread(h, 1, b, 0, 3), "pread");
        assertEquals("ell", b.getStringWithoutLengthAscii(0, 3), "pread data");
        assertErrno(EINVAL, vfs.pread(h, -1, b, 0, 3), "pread at a negative offset");
        assertErrno(EBADF, vfs.read(987654, b, 0, 1), "read a bad handle");
    }

    @Test
    void lseekRules() {
        long h = openOk(ROOT, "/tmp/f", O_CREAT | O_RDWR, 0644);
        write(h, "0123456789");
        assertEquals(4, vfs.lseek(h, 4, SEEK_SET), "SEEK_SET");
        assertEquals(6, vfs.lseek(h, 2, SEEK_CUR), "SEEK_CUR");
        assertEquals(8, vfs.lseek(h, -2, SEEK_END), "SEEK_END");
        assertEquals(100, vfs.lseek(h, 90, SEEK_END), "past the end is allowed");
        assertErrno(EINVAL, vfs.lseek(h, -11, SEEK_END), "before the start");
        assertEquals(100, vfs.file(h).position(), "a failed seek leaves the offset");
        assertErrno(EINVAL, vfs.lseek(h, Long.MAX_VALUE, SEEK_CUR), "overflow");
        assertErrno(EINVAL, vfs.lseek(h, 0, 5), "unknown whence");
        assertEquals(3, vfs.lseek(h, 3, SEEK_DATA), "SEEK_DATA inside data");
        assertEquals(10, vfs.lseek(h, 3, SEEK_HOLE), "SEEK_HOLE: the end is a hole");
        assertErrno(ENXIO, vfs.lseek(h, 10, SEEK_DATA), "SEEK_DATA at the end");
        assertErrno(ENXIO, vfs.lseek(h, 10, SEEK_HOLE), "SEEK_HOLE at the end");
        assertErrno(ENXIO, vfs.lseek(h, -1, SEEK_DATA), "SEEK_DATA before the start");
    }

    @Test
    void seekDataAndHoleSeePages() {
        long h = openOk(ROOT, "/tmp/f", O_CREAT | O_RDWR, 0644);
        assertEquals(3, vfs.pwrite(h, 8192, new UnsafeBuffer("abc".getBytes()), 0, 3), "data in page 2");
        assertOk(vfs.ftruncate(h, 5 * 4096), "size 5 pages");
        assertEquals(8192, vfs.lseek(h, 0, SEEK_DATA), "first data");
        assertEquals(0, vfs.lseek(h, 0, SEEK_HOLE), "hole at 0");
        assertEquals(8200, vfs.lseek(h, 8200, SEEK_DATA), "inside the data page");
        assertEquals(12288, vfs.lseek(h, 8192, SEEK_HOLE), "hole after the data page");
        assertErrno(ENXIO, vfs.lseek(h, 12288, SEEK_DATA), "no data after");
    }

    @Test
    void closeCountsReferences() {
        writeFile(ROOT, "/tmp/f", "x", 0644);
        long h = openOk(ROOT, "/tmp/f", O_RDONLY, 0);
        int before = vfs.openHandles();
        assertOk(vfs.retain(h), "retain");
        assertOk(vfs.close(h), "first close");
        assertEquals("x", read(h, 1), "still open after one of two closes");
        assertOk(vfs.close(h), "second close");
        assertErrno(EBADF, vfs.close(h), "third close");
        assertNull(vfs.file(h), "handle forgotten");
        assertEquals(before - 1, vfs.openHandles(), "one handle fewer");
        long again = openOk(ROOT, "/tmp/f", O_RDONLY, 0);
        assertErrno(EBADF, vfs.read(h, new UnsafeBuffer(new byte[1]), 0, 1), "a stale handle stays dead when the slot is reused");
        assertOk(vfs.read(again, new UnsafeBuffer(new byte[1]), 0, 1), "the new handle works");
    }

    @Test
    void otherOpenRules() {
        assertErrno(EOPNOTSUPP, open(ROOT, "/tmp", OpenFlags.O_TMPFILE | O_RDWR, 0600), "O_TMPFILE");
        assertErrno(EINVAL, open(ROOT, "/tmp", OpenFlags.O_TMPFILE | O_RDONLY, 0600), "O_TMPFILE read-only");
        assertOk(vfs.mknod(ROOT, Vfs.NO_HANDLE, "/tmp/fifo", FileMode.S_IFIFO | 0666, 0, 0), "mkfifo");
        assertErrno(ENXIO, open(ROOT, "/tmp/fifo", O_RDONLY | O_NONBLOCK, 0), "FIFOs are not served yet");
        writeFile(ALICE, "/tmp/mine", "x", 0644);
        assertErrno(Errno.EPERM, open(BOB, "/tmp/mine", O_RDONLY | OpenFlags.O_NOATIME, 0), "O_NOATIME by a non-owner");
        assertOk(open(ALICE, "/tmp/mine", O_RDONLY | OpenFlags.O_NOATIME, 0), "O_NOATIME by the owner");
    }

    @Test
    void chdirAndGetcwd() {
        mkdir(ROOT, "/tmp/a", 0755);
        mkdir(ROOT, "/tmp/a/b", 0755);
        long cwd = vfs.chdir(ROOT, Vfs.NO_HANDLE, "/tmp/a/b");
        assertOk(cwd, "chdir");
        UnsafeBuffer buf = new UnsafeBuffer(new byte[64]);
        assertEquals(9, vfs.getcwd(cwd, buf, 0, 64), "getcwd length with NUL");
        assertEquals("/tmp/a/b", buf.getStringWithoutLengthAscii(0, 8), "getcwd");
        assertErrno(Errno.ERANGE, vfs.getcwd(cwd, buf, 0, 8), "too small");
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/tmp/a", Vfs.NO_HANDLE, "/tmp/z", 0), "rename an ancestor");
        assertEquals(9, vfs.getcwd(cwd, buf, 0, 64), "getcwd after rename");
        assertEquals("/tmp/z/b", buf.getStringWithoutLengthAscii(0, 8), "getcwd follows renames");
        long dev = vfs.chdir(ROOT, Vfs.NO_HANDLE, "/dev");
        assertEquals(5, vfs.getcwd(dev, buf, 0, 64), "getcwd across a mount");
        assertErrno(ENOTDIR, vfs.chdir(ROOT, Vfs.NO_HANDLE, "/dev/null"), "chdir to a file");
        mkdir(ROOT, "/tmp/noexec", 0644);
        assertErrno(EACCES, vfs.chdir(ALICE, Vfs.NO_HANDLE, "/tmp/noexec"), "chdir without search permission");
        long rel = vfs.open(ROOT, cwd, "..", O_RDONLY | O_DIRECTORY, 0, 0);
        assertEquals(stat(ROOT, "/tmp/z").ino, vfs.file(rel).inode().ino(), "relative to the cwd handle");
    }
}
