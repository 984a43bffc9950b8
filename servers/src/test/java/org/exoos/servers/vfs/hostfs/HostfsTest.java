package org.exoos.servers.vfs.hostfs;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.vfs.AtFlags;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.DeviceNumbers;
import org.exoos.servers.vfs.Dirent64Writer;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.RenameFlags;
import org.exoos.servers.vfs.Stat;
import org.exoos.servers.vfs.StatFs;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.VfsClock;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import static org.exoos.servers.vfs.OpenFlags.O_CREAT;
import static org.exoos.servers.vfs.OpenFlags.O_DIRECTORY;
import static org.exoos.servers.vfs.OpenFlags.O_RDONLY;
import static org.exoos.servers.vfs.OpenFlags.O_RDWR;
import static org.exoos.servers.vfs.OpenFlags.O_TRUNC;
import static org.exoos.servers.vfs.OpenFlags.O_WRONLY;
import static org.exoos.servers.protocol.Errno.EACCES;
import static org.exoos.servers.protocol.Errno.EEXIST;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EISDIR;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOTDIR;
import static org.exoos.servers.protocol.Errno.ENOTEMPTY;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * hostfs over a temporary host directory mounted at /mnt/host, with a "secret" next to it on the host that
 * nothing in the guest may reach.
 */
class HostfsTest {
    private static final Credentials ROOT = Credentials.ROOT;
    private static final Credentials ALICE = Credentials.of(100, 1000, 1000);
    private static final String SECRET = "host secret";

    @TempDir
    Path temp;
    Path shared;
    Path outside;
    Vfs vfs;

    @BeforeEach
    void mount() throws IOException {
        shared = Files.createDirectory(temp.resolve("shared"));
        outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(temp.resolve("secret.txt"), SECRET);
        Files.writeString(shared.resolve("hello.txt"), "hello from the host\n");
        Files.createDirectories(shared.resolve("sub/deeper"));
        Files.writeString(shared.resolve("sub/deeper/note"), "deep");
        vfs = Vfs.createDefault(VfsClock.SYSTEM);
        assertOk(HostfsType.mountHostDirectory(vfs, shared, "/mnt/host", 0), "mount hostfs");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static void assertErrno(int errno, long actual, String what) {
        assertEquals(-errno, actual, () -> what + ": expected -" + Errno.name(errno) + " but got "
                + Errno.describeResult(actual));
    }

    static void assertOk(long actual, String what) {
        assertTrue(actual >= 0, () -> what + ": expected success but got " + Errno.describeResult(actual));
    }

    long openOk(Credentials cred, String path, int flags, int mode) {
        long h = vfs.open(cred, Vfs.NO_HANDLE, path, flags, mode, 0);
        assertOk(h, "open " + path);
        return h;
    }

    String readFile(Credentials cred, long dirHandle, String path) {
        long h = vfs.open(cred, dirHandle, path, O_RDONLY, 0, 0);
        assertOk(h, "open " + path);
        try {
            return readAll(h);
        } finally {
            vfs.close(h);
        }
    }

    String readAll(long h) {
        StringBuilder sb = new StringBuilder();
        byte[] b = new byte[7];
        while (true) {
            long n = vfs.read(h, new UnsafeBuffer(b), 0, b.length);
            assertOk(n, "read");
            if (n == 0) {
                return sb.toString();
            }
            sb.append(new String(b, 0, (int) n, StandardCharsets.ISO_8859_1));
        }
    }

    void writeFile(Credentials cred, String path, String content, int mode) {
        long h = openOk(cred, path, O_WRONLY | O_CREAT | O_TRUNC, mode);
        byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(bytes.length, vfs.write(h, new UnsafeBuffer(bytes), 0, bytes.length), "write " + path);
        assertOk(vfs.close(h), "close");
    }

    Stat stat(String path, int atFlags) {
        Stat s = new Stat();
        assertOk(vfs.stat(ROOT, Vfs.NO_HANDLE, path, atFlags, s), "stat " + path);
        return s;
    }

    String readlink(String path) {
        UnsafeBuffer b = new UnsafeBuffer(new byte[4096]);
        int n = vfs.readlink(ROOT, Vfs.NO_HANDLE, path, b, 0, 4096);
        assertOk(n, "readlink " + path);
        return b.getStringWithoutLengthAscii(0, n);
    }

    /** Every entry of a directory, read in batches of {@code bufferSize} bytes: name to (ino, d_type). */
    Map<String, long[]> listDirectory(String path, int bufferSize) {
        long h = openOk(ROOT, path, O_RDONLY | O_DIRECTORY, 0);
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[bufferSize]);
        Dirent64Writer writer = new Dirent64Writer();
        Map<String, long[]> entries = new HashMap<>();
        while (true) {
            writer.wrap(buffer, 0, bufferSize);
            assertOk(vfs.readdir(h, writer), "readdir " + path);
            int n = writer.result();
            assertOk(n, "getdents64 result");
            if (n == 0) {
                break;
            }
            for (int at = 0; at < n; ) {
                int reclen = buffer.getShort(at + Dirent64Writer.D_RECLEN_OFFSET) & 0xffff;
                int end = at + Dirent64Writer.D_NAME_OFFSET;
                while (buffer.getByte(end) != 0) {
                    end++;
                }
                String name = buffer.getStringWithoutLengthAscii(at + Dirent64Writer.D_NAME_OFFSET,
                        end - at - Dirent64Writer.D_NAME_OFFSET);
                long[] previous = entries.put(name, new long[] {buffer.getLong(at), buffer.getByte(at + 18)});
                assertEquals(null, previous, "entry listed twice: " + name);
                at += reclen;
            }
        }
        vfs.close(h);
        return entries;
    }

    // ---- data and attributes -----------------------------------------------------------------------------

    @Test
    void readsHostFilesAndWritesNewOnesThrough() throws IOException {
        assertEquals("hello from the host\n", readFile(ROOT, Vfs.NO_HANDLE, "/mnt/host/hello.txt"), "host data");
        assertEquals("deep", readFile(ROOT, Vfs.NO_HANDLE, "/mnt/host/sub/deeper/note"), "nested data");
        writeFile(ROOT, "/mnt/host/made-in-exo", "written by the guest", 0640);
        Path made = shared.resolve("made-in-exo");
        assertEquals("written by the guest", Files.readString(made), "host sees the data");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)),
                "mode exactly as asked, whatever the JVM's umask");

        long h = openOk(ROOT, "/mnt/host/made-in-exo", O_RDWR, 0);
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        UnsafeBuffer native64 = new UnsafeBuffer(direct);
        native64.putStringWithoutLengthAscii(0, "GUEST");
        assertEquals(5, vfs.pwrite(h, 8, native64, 0, 5), "pwrite from native memory");
        byte[] back = new byte[32];
        assertEquals(20, vfs.pread(h, 0, new UnsafeBuffer(back), 3, 29), "pread into a heap array at an offset");
        assertEquals("written GUESTe guest", new String(back, 3, 20, StandardCharsets.US_ASCII), "round trip");
        assertEquals(20, vfs.pread(h, 0, native64, 10, 40), "pread into native memory");
        assertEquals("written GUESTe guest", native64.getStringWithoutLengthAscii(10, 20), "native round trip");
        vfs.close(h);
    }

    @Test
    void statReportsTheHostsAttributesOnTheMountsDevice() throws IOException {
        Path hello = shared.resolve("hello.txt");
        Files.setLastModifiedTime(hello, FileTime.from(java.time.Instant.ofEpochSecond(1_600_000_000L, 123_456_789)));
        Stat s = stat("/mnt/host/hello.txt", 0);
        assertEquals(((Number) Files.getAttribute(hello, "unix:ino")).longValue(), s.ino, "host inode number");
        assertEquals(((Number) Files.getAttribute(hello, "unix:mode")).intValue(), s.mode, "host mode");
        assertEquals(((Number) Files.getAttribute(hello, "unix:uid")).intValue(), s.uid, "host uid");
        assertEquals(((Number) Files.getAttribute(hello, "unix:nlink")).intValue(), s.nlink, "host nlink");
        assertEquals(20, s.size, "size");
        assertEquals(1_600_000_000L, s.mtimeSec, "mtime seconds");
        assertEquals(123_456_789, s.mtimeNsec, "mtime nanoseconds");
        Stat mountRoot = stat("/mnt/host", 0);
        assertEquals(mountRoot.dev, s.dev, "st_dev is the mount's");
        assertEquals(0, DeviceNumbers.major(s.dev), "an anonymous device, not the host's");
        assertTrue(FileMode.isDirectory(mountRoot.mode), "root is a directory");
        assertEquals(((Number) Files.getAttribute(shared, "unix:ino")).longValue(), mountRoot.ino, "root ino");
    }

    @Test
    void readdirListsHostEntriesAndResumesAcrossSmallBuffers() throws IOException {
        for (int i = 0; i < 40; i++) {
            Files.writeString(shared.resolve("file-" + i), "x");
        }
        Files.createSymbolicLink(shared.resolve("link"), Path.of("hello.txt"));
        Map<String, long[]> all = listDirectory("/mnt/host", 80);
        TreeSet<String> expected = new TreeSet<>();
        expected.add(".");
        expected.add("..");
        expected.add("hello.txt");
        expected.add("sub");
        expected.add("link");
        for (int i = 0; i < 40; i++) {
            expected.add("file-" + i);
        }
        assertEquals(expected, new TreeSet<>(all.keySet()), "every host entry once, in small batches");
        assertEquals(FileMode.DT_DIR, all.get("sub")[1], "d_type of a directory");
        assertEquals(FileMode.DT_REG, all.get("hello.txt")[1], "d_type of a file");
        assertEquals(FileMode.DT_LNK, all.get("link")[1], "d_type of a symlink");
        assertEquals(stat("/mnt/host/sub", 0).ino, all.get("sub")[0], "d_ino is st_ino");
        assertEquals(stat("/mnt/host", 0).ino, all.get("..")[0],
                ".. of the mount root is the root itself, as Linux lists it for a mounted file system");
        assertEquals(stat("/mnt/host", 0).ino, listDirectory("/mnt/host/sub", 4096).get("..")[0], ".. of sub");
    }

    // ---- confinement ---------------------------------------------------------------------------------------

    @Test
    void absoluteSymlinksResolveInTheExoNamespace() throws IOException {
        Files.createSymbolicLink(shared.resolve("to-host-secret"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(shared.resolve("etc"), Path.of("/etc"));
        assertEquals(outside.resolve("secret.txt").toString(), readlink("/mnt/host/to-host-secret"),
                "readlink gives the host's target text");
        assertErrno(ENOENT, vfs.open(ROOT, Vfs.NO_HANDLE, "/mnt/host/to-host-secret", O_RDONLY, 0, 0),
                "a host absolute path means nothing in the Exo-OS tree");
        assertOk(vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/etc", 0755, 0), "mkdir /etc in Exo-OS");
        writeFile(ROOT, "/etc/passwd", "exo passwd", 0644);
        assertEquals("exo passwd", readFile(ROOT, Vfs.NO_HANDLE, "/mnt/host/etc/passwd"),
                "/etc through a host link is Exo-OS's /etc");
    }

    @Test
    void relativeSymlinksAndDotDotCannotClimbOutOfTheMount() throws IOException {
        Files.createSymbolicLink(shared.resolve("up"), Path.of("../secret.txt"));
        Files.createSymbolicLink(shared.resolve("sub/deeper/way-up"), Path.of("../../../outside/secret.txt"));
        assertErrno(ENOENT, vfs.open(ROOT, Vfs.NO_HANDLE, "/mnt/host/up", O_RDONLY, 0, 0), "../ from the root");
        assertErrno(ENOENT, vfs.open(ROOT, Vfs.NO_HANDLE, "/mnt/host/sub/deeper/way-up", O_RDONLY, 0, 0),
                "../../../ from below");
        assertErrno(ENOENT, vfs.open(ROOT, Vfs.NO_HANDLE, "/mnt/host/../secret.txt", O_RDONLY, 0, 0),
                ".. in a path");
        assertEquals(stat("/mnt", 0).ino, stat("/mnt/host/..", 0).ino, ".. of the mount root is /mnt");
        // an Exo-OS file where the links land shows that they land in the Exo-OS tree
        writeFile(ROOT, "/mnt/secret.txt", "exo side", 0644);
        assertEquals("exo side", readFile(ROOT, Vfs.NO_HANDLE, "/mnt/host/up"), "the link lands in /mnt");
    }

    @Test
    void aDirectoryReplacedByASymlinkOnTheHostIsNotFollowed() throws IOException {
        Files.createDirectory(shared.resolve("work"));
        Files.writeString(shared.resolve("work/file"), "inside");
        long cwd = vfs.chdir(ROOT, Vfs.NO_HANDLE, "/mnt/host/work");
        assertOk(cwd, "chdir");
        assertEquals("inside", readFile(ROOT, cwd, "file"), "relative read");
        Files.move(shared.resolve("work"), shared.resolve("work-moved"));
        Files.createSymbolicLink(shared.resolve("work"), outside);
        Files.writeString(outside.resolve("file"), SECRET);
        long h = vfs.open(ROOT, cwd, "file", O_RDONLY, 0, 0);
        assertErrno(ENOENT, h, "the cwd's names now lead through a host symlink: refused, not followed");
        assertErrno(ENOENT, vfs.open(ROOT, cwd, "new", O_WRONLY | O_CREAT, 0644, 0), "no creation through it");
        assertFalse(Files.exists(outside.resolve("new")), "nothing made outside");
        assertEquals("inside", readFile(ROOT, Vfs.NO_HANDLE, "/mnt/host/work-moved/file"), "found again by name");
    }

    @Test
    void aFileReplacedOnTheHostIsNotMistakenForIt() throws IOException {
        long h = openOk(ROOT, "/mnt/host/hello.txt", O_RDONLY, 0);
        Files.delete(shared.resolve("hello.txt"));
        Files.createSymbolicLink(shared.resolve("hello.txt"), outside.resolve("secret.txt"));
        Stat s = new Stat();
        assertOk(vfs.fstat(h, s), "fstat of the open file");
        assertEquals(0, s.nlink, "the open file is the unlinked one");
        assertTrue(FileMode.isRegular(s.mode), "still a regular file");
        assertEquals("hello from the host\n", readAll(h), "its data, not the secret");
        vfs.close(h);
        assertEquals(outside.resolve("secret.txt").toString(), readlink("/mnt/host/hello.txt"), "now a link");
    }

    @Test
    void renamesThroughTheVfsKeepInodesReachable() {
        assertOk(vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/mnt/host/a", 0755, 0), "mkdir a");
        writeFile(ROOT, "/mnt/host/a/file", "moved along", 0644);
        long cwd = vfs.chdir(ROOT, Vfs.NO_HANDLE, "/mnt/host/a");
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/mnt/host/a", Vfs.NO_HANDLE, "/mnt/host/sub/b", 0), "rename dir");
        assertEquals("moved along", readFile(ROOT, cwd, "file"), "the cwd follows its directory");
        UnsafeBuffer b = new UnsafeBuffer(new byte[256]);
        int n = vfs.getcwd(cwd, b, 0, 256);
        assertOk(n, "getcwd");
        assertEquals("/mnt/host/sub/b", b.getStringWithoutLengthAscii(0, n - 1), "getcwd after the move");
        assertErrno(EINVAL, vfs.rename(ROOT, Vfs.NO_HANDLE, "/mnt/host/sub", Vfs.NO_HANDLE, "/mnt/host/sub/b/x", 0),
                "a directory into itself (the vfs sees one inode per directory)");
    }

    // ---- namespace and errors ----------------------------------------------------------------------------

    @Test
    void namespaceOperationsRoundTripToTheHost() throws IOException {
        assertOk(vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/mnt/host/dir", 0750, 0), "mkdir");
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve("dir"))),
                "mkdir mode");
        assertOk(vfs.symlink(ROOT, "hello.txt", Vfs.NO_HANDLE, "/mnt/host/dir/ln"), "symlink");
        assertEquals(Path.of("hello.txt"), Files.readSymbolicLink(shared.resolve("dir/ln")), "host link target");
        assertEquals("hello.txt", readlink("/mnt/host/dir/ln"), "readlink");
        assertOk(vfs.link(ROOT, Vfs.NO_HANDLE, "/mnt/host/hello.txt", Vfs.NO_HANDLE, "/mnt/host/dir/hard", 0), "link");
        assertEquals(2, stat("/mnt/host/hello.txt", 0).nlink, "nlink after link");
        assertEquals(Files.getAttribute(shared.resolve("hello.txt"), "unix:ino"),
                Files.getAttribute(shared.resolve("dir/hard"), "unix:ino"), "a host hard link");
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/mnt/host/dir/hard", Vfs.NO_HANDLE, "/mnt/host/renamed", 0), "rename");
        assertTrue(Files.exists(shared.resolve("renamed")), "renamed on the host");
        assertOk(vfs.rename(ROOT, Vfs.NO_HANDLE, "/mnt/host/renamed", Vfs.NO_HANDLE, "/mnt/host/sub",
                RenameFlags.RENAME_EXCHANGE), "exchange a file and a directory");
        assertTrue(Files.isDirectory(shared.resolve("renamed")) && Files.isRegularFile(shared.resolve("sub")),
                "exchanged on the host");
        assertEquals("deep", readFile(ROOT, Vfs.NO_HANDLE, "/mnt/host/renamed/deeper/note"), "after exchange");
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/mnt/host/sub", 0), "unlink");
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/mnt/host/dir/ln", 0), "unlink a symlink");
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/mnt/host/dir", AtFlags.AT_REMOVEDIR), "rmdir");
        assertFalse(Files.exists(shared.resolve("dir"), LinkOption.NOFOLLOW_LINKS), "gone on the host");
        assertFalse(Files.exists(shared.resolve("sub"), LinkOption.NOFOLLOW_LINKS), "unlinked on the host");
    }

    @Test
    void hostErrorsBecomeLinuxErrnos() {
        assertErrno(ENOENT, vfs.open(ROOT, Vfs.NO_HANDLE, "/mnt/host/missing", O_RDONLY, 0, 0), "missing file");
        assertErrno(EEXIST, vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/mnt/host/sub", 0755, 0), "mkdir existing");
        assertErrno(ENOTEMPTY, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/mnt/host/sub", AtFlags.AT_REMOVEDIR), "rmdir full");
        assertErrno(ENOTDIR, vfs.open(ROOT, Vfs.NO_HANDLE, "/mnt/host/hello.txt/x", O_RDONLY, 0, 0), "file as dir");
        assertErrno(EISDIR, vfs.open(ROOT, Vfs.NO_HANDLE, "/mnt/host/sub", O_WRONLY, 0, 0), "write a directory");
        assertErrno(EEXIST, vfs.open(ROOT, Vfs.NO_HANDLE, "/mnt/host/hello.txt", O_WRONLY | O_CREAT
                | OpenFlags.O_EXCL, 0644, 0), "O_EXCL");
        assertErrno(EPERM, vfs.mknod(ROOT, Vfs.NO_HANDLE, "/mnt/host/fifo", FileMode.S_IFIFO | 0644, 0, 0),
                "mknod is not supported");
    }

    @Test
    void theVfsChecksHostModesForOrdinaryUsers() throws IOException {
        Files.setPosixFilePermissions(shared.resolve("hello.txt"), PosixFilePermissions.fromString("rw-------"));
        int hostUid = ((Number) Files.getAttribute(shared.resolve("hello.txt"), "unix:uid")).intValue();
        assumeTrue(hostUid != 1000, "the test user must not own the host file");
        assertErrno(EACCES, vfs.open(ALICE, Vfs.NO_HANDLE, "/mnt/host/hello.txt", O_RDONLY, 0, 0),
                "0600 of someone else");
    }

    @Test
    void setattrChangesModeSizeTimesAndOwnerAsTheHostAllows() throws IOException {
        Path hello = shared.resolve("hello.txt");
        assertOk(vfs.chmod(ROOT, Vfs.NO_HANDLE, "/mnt/host/hello.txt", 0604, 0), "chmod");
        assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(hello)), "host mode");
        assertOk(vfs.truncate(ROOT, Vfs.NO_HANDLE, "/mnt/host/hello.txt", 5), "truncate");
        assertEquals("hello", Files.readString(hello), "truncated on the host");
        assertOk(vfs.utimens(ROOT, Vfs.NO_HANDLE, "/mnt/host/hello.txt", true, 1_000, 5, 2_000, 999_999_999, 0),
                "utimensat");
        Stat s = stat("/mnt/host/hello.txt", 0);
        assertEquals(1_000, s.atimeSec, "atime");
        assertEquals(5, s.atimeNsec, "atime nanoseconds");
        assertEquals(2_000, s.mtimeSec, "mtime");
        assertEquals(999_999_999, s.mtimeNsec, "mtime nanoseconds");
        Files.createSymbolicLink(shared.resolve("ln"), Path.of("hello.txt"));
        assertOk(vfs.utimens(ROOT, Vfs.NO_HANDLE, "/mnt/host/ln", true, 7, 0, 8, 0, AtFlags.AT_SYMLINK_NOFOLLOW),
                "lutimes");
        assertEquals(8, stat("/mnt/host/ln", AtFlags.AT_SYMLINK_NOFOLLOW).mtimeSec, "the link's own mtime");
        assertEquals(2_000, stat("/mnt/host/hello.txt", 0).mtimeSec, "the target untouched");

        long h = openOk(ROOT, "/mnt/host/hello.txt", O_RDWR, 0);
        assertOk(vfs.ftruncate(h, 2), "ftruncate");
        assertEquals("he", Files.readString(hello), "ftruncate on the host");
        vfs.close(h);

        boolean hostRoot = ((Number) Files.getAttribute(temp, "unix:uid")).intValue() == 0;
        int rc = vfs.chown(ROOT, Vfs.NO_HANDLE, "/mnt/host/hello.txt", 4321, 4322, 0);
        if (hostRoot) {
            assertOk(rc, "chown by a host root");
            assertEquals(4321, stat("/mnt/host/hello.txt", 0).uid, "new owner");
            assertEquals(4322, stat("/mnt/host/hello.txt", 0).gid, "new group");
        } else {
            assertErrno(EPERM, rc, "chown by an ordinary host user");
        }
    }

    @Test
    void aFileCreatedReadOnlyCanStillBeWrittenByItsCreator() throws IOException {
        long h = openOk(ROOT, "/mnt/host/ro", O_WRONLY | O_CREAT, 0444);
        assertEquals(3, vfs.write(h, new UnsafeBuffer("abc".getBytes(StandardCharsets.US_ASCII)), 0, 3), "write");
        vfs.close(h);
        assertEquals("abc", Files.readString(shared.resolve("ro")), "data");
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve("ro"))),
                "mode");
    }

    @Test
    void anUnlinkedOpenFileLivesOnUntilClosed() {
        writeFile(ROOT, "/mnt/host/tmpfile", "still here", 0644);
        long h = openOk(ROOT, "/mnt/host/tmpfile", O_RDONLY, 0);
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/mnt/host/tmpfile", 0), "unlink");
        assertEquals("/mnt/host/tmpfile (deleted)", vfs.pathOf(h), "/proc/self/fd style path");
        assertEquals("still here", readAll(h), "data after unlink");
        vfs.close(h);
        assertErrno(ENOENT, vfs.stat(ROOT, Vfs.NO_HANDLE, "/mnt/host/tmpfile", 0, new Stat()), "name gone");
    }

    @Test
    void mountsOnHostfsDirectoriesStay() throws IOException {
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/host/sub", "tmpfs", 0, null), "mount tmpfs over sub");
        System.gc();
        writeFile(ROOT, "/mnt/host/sub/in-tmpfs", "memory", 0644);
        assertFalse(Files.exists(shared.resolve("sub/in-tmpfs")), "written to the tmpfs, not the host");
        assertOk(vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/host/sub", 0), "umount");
        assertEquals("deep", readFile(ROOT, Vfs.NO_HANDLE, "/mnt/host/sub/deeper/note"), "host again");
    }

    @Test
    void mountByTypeNameStatfsAndProcMounts() {
        assertOk(vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/mnt/again", 0755, 0), "mkdir");
        assertErrno(EINVAL, vfs.mount(ROOT, "x", Vfs.NO_HANDLE, "/mnt/again", "hostfs", 0, "path=/etc"),
                "no options: the guest cannot choose the host path");
        assertErrno(EPERM, vfs.mount(ALICE, "x", Vfs.NO_HANDLE, "/mnt/again", "hostfs", 0, null), "unprivileged");
        assertOk(vfs.mount(ROOT, "cwd", Vfs.NO_HANDLE, "/mnt/again", "hostfs", 1 /* MS_RDONLY */, null), "mount ro");
        assertEquals("hello from the host\n", readFile(ROOT, Vfs.NO_HANDLE, "/mnt/again/hello.txt"), "same directory");
        assertErrno(org.exoos.servers.protocol.Errno.EROFS,
                vfs.open(ROOT, Vfs.NO_HANDLE, "/mnt/again/new", O_WRONLY | O_CREAT, 0644, 0), "read-only mount");
        String mounts = vfs.mounts().procMounts();
        assertTrue(mounts.contains("hostfs /mnt/host hostfs rw,relatime 0 0\n"), mounts);
        assertTrue(mounts.contains("cwd /mnt/again hostfs ro,relatime 0 0\n"), mounts);
        StatFs fs = new StatFs();
        assertOk(vfs.statfs(ROOT, Vfs.NO_HANDLE, "/mnt/host", fs), "statfs");
        assertTrue(fs.bsize > 0 && fs.blocks > 0, "host block counts: " + fs.bsize + " " + fs.blocks);
        assertEquals(255, fs.namelen, "host name length");
        assertArrayEquals(new int[] {(int) stat("/mnt/host", 0).dev, 0}, new int[] {fs.fsid0, fs.fsid1}, "fsid");
    }
}
