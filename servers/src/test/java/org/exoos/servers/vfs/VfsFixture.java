package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A default vfs on a manual clock, and short ways to drive it from tests. */
class VfsFixture {
    static final Credentials ROOT = Credentials.ROOT;
    /** An ordinary user: uid 1000, gid 1000, also in group 100. */
    static final Credentials ALICE = Credentials.of(100, 1000, 1000, 100);
    /** Another ordinary user: uid 1001, gid 1001. */
    static final Credentials BOB = Credentials.of(101, 1001, 1001);

    final ManualClock clock = new ManualClock();
    final Vfs vfs = Vfs.createDefault(clock);

    static void assertErrno(int errno, long actual, String what) {
        assertEquals(-errno, actual, () -> what + ": expected -" + Errno.name(errno) + " but got "
                + Errno.describeResult(actual));
    }

    static void assertOk(long actual, String what) {
        assertTrue(actual >= 0, () -> what + ": expected success but got " + Errno.describeResult(actual));
    }

    long open(Credentials cred, String path, int flags, int mode) {
        return vfs.open(cred, Vfs.NO_HANDLE, path, flags, mode, 0);
    }

    long openOk(Credentials cred, String path, int flags, int mode) {
        long h = open(cred, path, flags, mode);
        assertOk(h, "open " + path);
        return h;
    }

    void writeFile(Credentials cred, String path, String content, int mode) {
        long h = openOk(cred, path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, mode);
        byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(bytes.length, vfs.write(h, new UnsafeBuffer(bytes), 0, bytes.length), "write " + path);
        assertOk(vfs.close(h), "close");
    }

    void mkdir(Credentials cred, String path, int mode) {
        assertOk(vfs.mkdir(cred, Vfs.NO_HANDLE, path, mode, 0), "mkdir " + path);
    }

    /** Reads up to {@code max} bytes from the handle's offset. */
    String read(long handle, int max) {
        byte[] b = new byte[max];
        long n = vfs.read(handle, new UnsafeBuffer(b), 0, max);
        assertOk(n, "read");
        return new String(b, 0, (int) n, StandardCharsets.ISO_8859_1);
    }

    String readFile(Credentials cred, String path) {
        long h = openOk(cred, path, OpenFlags.O_RDONLY, 0);
        StringBuilder sb = new StringBuilder();
        while (true) {
            String chunk = read(h, 4096);
            if (chunk.isEmpty()) {
                break;
            }
            sb.append(chunk);
        }
        vfs.close(h);
        return sb.toString();
    }

    long write(long handle, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
        return vfs.write(handle, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    Stat stat(Credentials cred, String path) {
        Stat s = new Stat();
        assertOk(vfs.stat(cred, Vfs.NO_HANDLE, path, 0, s), "stat " + path);
        return s;
    }

    Stat lstat(Credentials cred, String path) {
        Stat s = new Stat();
        assertOk(vfs.stat(cred, Vfs.NO_HANDLE, path, AtFlags.AT_SYMLINK_NOFOLLOW, s), "lstat " + path);
        return s;
    }

    int statErrno(Credentials cred, String path) {
        return vfs.stat(cred, Vfs.NO_HANDLE, path, 0, new Stat());
    }

    void symlink(String target, String path) {
        assertOk(vfs.symlink(ROOT, target, Vfs.NO_HANDLE, path), "symlink " + path + " -> " + target);
    }
}
