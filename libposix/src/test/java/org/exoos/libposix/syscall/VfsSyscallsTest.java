package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.VfsFile;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.support.SyscallHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.exoos.servers.protocol.Errno.*;
import static org.exoos.libposix.support.SyscallHarness.*;
import static org.junit.jupiter.api.Assertions.*;

/** The path and file calls against a vfs server in a thread: what the process sees is what the vfs holds. */
class VfsSyscallsTest {
    private static final int AT_FDCWD = -100, O_RDONLY = 0, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200,
            O_DIRECTORY = 0200000, O_CLOEXEC = 02000000, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;
    private static final long PATH = SCRATCH, PATH2 = SCRATCH + 512, BUF = SCRATCH + 4096;

    private final SyscallHarness h = new SyscallHarness("", new Credentials(1000, 1000, 1000, 1000));

    @BeforeEach
    void startTheVfsInTmp() throws Exception {
        h.startVfsIn("/tmp");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private long path(long va, String p) {
        h.putString(va, p + "\0");
        return va;
    }

    private int statMode() { return ByteBuffer.wrap(h.get(BUF, 128)).order(ByteOrder.LITTLE_ENDIAN).getInt(16); }

    private long statSize() { return ByteBuffer.wrap(h.get(BUF, 128)).order(ByteOrder.LITTLE_ENDIAN).getLong(48); }

    @Test
    void filesAreCreatedWrittenReadAndSharedByDup() {
        long fd = h.call("openat", AT_FDCWD, path(PATH, "f"), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        assertEquals(3, fd);
        assertInstanceOf(VfsFile.class, h.process.fds().get(fd));
        assertTrue(h.process.fds().closeOnExec(3));
        assertEquals(-EEXIST, h.call("openat", AT_FDCWD, path(PATH, "/tmp/f"), O_RDWR | O_CREAT | O_EXCL, 0644));

        h.putString(BUF, "hello world");
        assertEquals(11, h.call("write", fd, BUF, 11));
        assertEquals(0, h.call("lseek", fd, 0, 0));
        assertEquals(11, h.call("read", fd, BUF + 100, 64));
        assertEquals("hello world", h.getString(BUF + 100, 64));
        assertEquals(5, h.call("pread64", fd, BUF + 200, 5, 6));
        assertEquals("world", new String(h.get(BUF + 200, 5), StandardCharsets.US_ASCII));
        assertEquals(-EINVAL, h.call("pread64", fd, BUF, 5, -1));
        assertEquals(11, h.call("lseek", fd, 0, 1), "pread leaves the offset");

        assertEquals(0, h.call("fstat", fd, BUF));
        assertEquals(0100644, statMode());
        assertEquals(11, statSize());
        assertEquals(0, h.call("ftruncate", fd, 4));
        assertEquals(0, h.call("newfstatat", AT_FDCWD, path(PATH, "f"), BUF, 0));
        assertEquals(4, statSize());

        long dup = h.call("dup", fd);
        assertEquals(0, h.call("close", fd));
        assertEquals(2, h.call("lseek", dup, 2, 0), "the description outlives the first fd");
        assertEquals(2, h.call("read", dup, BUF, 10));
        assertEquals(0, h.call("close", dup));
        assertEquals(-EBADF, h.call("close", dup));
        assertEquals(-ESPIPE, h.call("pread64", 1, BUF, 1, 0), "stdio has no position");
    }

    @Test
    void directoriesAreMadeListedRenamedAndRemoved() {
        assertEquals(0, h.call("mkdirat", AT_FDCWD, path(PATH, "d"), 0755));
        assertEquals(-EEXIST, h.call("mkdirat", AT_FDCWD, path(PATH, "d"), 0755));
        long f = h.call("openat", AT_FDCWD, path(PATH, "d/a"), O_RDWR | O_CREAT, 0600);
        assertTrue(f >= 0);
        assertEquals(0, h.call("close", f));
        long dir = h.call("openat", AT_FDCWD, path(PATH, "d"), O_RDONLY | O_DIRECTORY, 0);
        assertTrue(dir >= 0);
        long n = h.call("getdents64", dir, BUF, 4096);
        assertTrue(n > 0, "getdents64: " + n);
        assertTrue(new String(h.get(BUF, (int) n), StandardCharsets.US_ASCII).contains("a\0"));
        assertEquals(0, h.call("getdents64", dir, BUF, 4096));
        assertEquals(-ENOTDIR, h.call("getdents64", 1, BUF, 4096));

        assertEquals(0, h.call("renameat2", dir, path(PATH, "a"), AT_FDCWD, path(PATH2, "b"), 0), "dirfd to cwd");
        assertEquals(-ENOENT, h.call("newfstatat", dir, path(PATH, "a"), BUF, 0));
        assertEquals(0, h.call("newfstatat", AT_FDCWD, path(PATH, "/tmp/b"), BUF, 0));
        assertEquals(-ENOTDIR, h.call("openat", 1, path(PATH, "x"), O_RDONLY, 0), "stdio is no directory");
        assertEquals(-EBADF, h.call("openat", 42, path(PATH, "x"), O_RDONLY, 0));
        assertEquals(0, h.call("symlinkat", path(PATH, "b"), AT_FDCWD, path(PATH2, "l")));
        assertEquals(1, h.call("readlinkat", AT_FDCWD, path(PATH, "l"), BUF, 64));
        assertEquals("b", new String(h.get(BUF, 1), StandardCharsets.US_ASCII));
        assertEquals(0, h.call("faccessat", AT_FDCWD, path(PATH, "l"), 4));

        assertEquals(0, h.call("chdir", path(PATH, "d")));
        assertEquals(7, h.call("getcwd", BUF, 100));
        assertEquals("/tmp/d", h.getString(BUF, 100));
        assertEquals(-ERANGE, h.call("getcwd", BUF, 3));
        assertEquals(0, h.call("newfstatat", AT_FDCWD, path(PATH, ""), BUF, AT_EMPTY_PATH));
        assertEquals(040755, statMode());
        assertEquals(-EISDIR, h.call("unlinkat", AT_FDCWD, path(PATH, "/tmp/d"), 0));
        assertEquals(0, h.call("unlinkat", AT_FDCWD, path(PATH, "../b"), 0));
        assertEquals(0, h.call("unlinkat", AT_FDCWD, path(PATH, "../l"), 0));
        assertEquals(0, h.call("unlinkat", AT_FDCWD, path(PATH, "/tmp/d"), AT_REMOVEDIR), "the cwd may be removed");
        assertEquals(EXE.length(), h.call("readlinkat", AT_FDCWD, path(PATH, "/proc/self/exe"), BUF, 4096));
    }
}
