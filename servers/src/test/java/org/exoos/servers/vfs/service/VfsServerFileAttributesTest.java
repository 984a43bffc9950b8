package org.exoos.servers.vfs.service;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.AtFlags;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.MountFlags;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.StatFs;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.locks.FlockDescriptor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The operations of protocol version 2 through {@link VfsClient}, in a thread and in its own JVM: modes,
 * owners, times, links, fsync, statfs, mounts, fchdir's checks, status flags, truncate and record locks.
 */
class VfsServerFileAttributesTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final long ROOT_DIR = Vfs.NO_HANDLE;
    private static final Credentials ROOT = Credentials.of(1, 0, 0);
    private static final Credentials USER = Credentials.of(42, 1000, 1000, 5);
    private static final int ST_MODE = 16, ST_NLINK = 20, ST_UID = 24, ST_GID = 28, ST_SIZE = 48,
        ST_ATIME = 72, ST_ATIME_NSEC = 80, ST_MTIME = 88, ST_MTIME_NSEC = 96;

    @TempDir
    Path temp;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);

    private ServerSpec spec(final Isolation isolation) {
        return ServerSpec.of(VfsServiceFactory.NAME, isolation).withGeometry(new ChannelGeometry(64, true, 16 * 1024, 8))
            .withLogFile(temp.resolve("vfs.log")).withJvmArguments(List.of("-Xmx64m"));
    }

    private int statField(final VfsClient vfs, final String path, final int offset) {
        assertEquals(0, vfs.stat(ROOT, ROOT_DIR, path, AtFlags.AT_SYMLINK_NOFOLLOW, buffer, 0), "stat " + path);
        return buffer.getInt(offset, BYTE_ORDER);
    }

    private long statLong(final VfsClient vfs, final String path, final int offset) {
        assertEquals(0, vfs.stat(ROOT, ROOT_DIR, path, AtFlags.AT_SYMLINK_NOFOLLOW, buffer, 0), "stat " + path);
        return buffer.getLong(offset, BYTE_ORDER);
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void attributesLinksMountsAndLocksRoundTrip(final Isolation isolation) throws Exception {
        try (Supervisor supervisor = new Supervisor()) {
            final VfsClient vfs = new VfsClient(supervisor.start(spec(isolation)).client(), TIMEOUT);
            final long file = vfs.open(USER, ROOT_DIR, "/tmp/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644, 022);
            assertTrue(file >= 0, "open: " + file);

            // Modes and owners; credentials travel with the handle operations.
            assertEquals(0, vfs.fchmod(USER, file, 0600));
            assertEquals(FileMode.S_IFREG | 0600, statField(vfs, "/tmp/f", ST_MODE));
            assertEquals(0, vfs.chmod(USER, ROOT_DIR, "/tmp/f", 0640, 0));
            assertEquals(FileMode.S_IFREG | 0640, statField(vfs, "/tmp/f", ST_MODE));
            assertEquals(-Errno.EPERM, vfs.fchown(USER, file, 0, -1), "a user cannot give a file away");
            assertEquals(0, vfs.fchown(ROOT, file, 7, -1));
            assertEquals(7, statField(vfs, "/tmp/f", ST_UID));
            assertEquals(1000, statField(vfs, "/tmp/f", ST_GID), "-1 keeps the group");
            assertEquals(0, vfs.chown(ROOT, ROOT_DIR, "/tmp/f", 1000, 9, 0));
            assertEquals(9, statField(vfs, "/tmp/f", ST_GID));
            assertEquals(-Errno.EINVAL, vfs.chown(ROOT, ROOT_DIR, "/tmp/f", 0, 0, 0x4000));

            // Times: explicit, OMIT, and the futimens form; out-of-range nanoseconds are EINVAL.
            assertEquals(0, vfs.utimens(USER, ROOT_DIR, "/tmp/f", true, 100, 5, 200, 6, 0));
            assertEquals(100, statLong(vfs, "/tmp/f", ST_ATIME));
            assertEquals(5, statLong(vfs, "/tmp/f", ST_ATIME_NSEC));
            assertEquals(200, statLong(vfs, "/tmp/f", ST_MTIME));
            assertEquals(0, vfs.futimens(USER, file, true, 0, AtFlags.UTIME_OMIT, 300, 7));
            assertEquals(100, statLong(vfs, "/tmp/f", ST_ATIME), "UTIME_OMIT keeps atime");
            assertEquals(7, statLong(vfs, "/tmp/f", ST_MTIME_NSEC));
            assertEquals(-Errno.EINVAL, vfs.utimens(USER, ROOT_DIR, "/tmp/f", true, 0, 1L << 40, 0, 0, 0));
            assertEquals(-Errno.EPERM, vfs.utimens(Credentials.of(43, 2000, 2000), ROOT_DIR, "/tmp/f", true, 1, 0, 1, 0,
                0));

            // Links, fsync, truncate.
            assertEquals(0, vfs.link(USER, ROOT_DIR, "/tmp/f", ROOT_DIR, "/tmp/g", 0));
            assertEquals(2, statField(vfs, "/tmp/f", ST_NLINK));
            assertEquals(-Errno.EEXIST, vfs.link(USER, ROOT_DIR, "/tmp/f", ROOT_DIR, "/tmp/g", 0));
            assertEquals(0, vfs.fsync(file, false));
            assertEquals(0, vfs.fsync(file, true));
            assertEquals(-Errno.EBADF, vfs.fsync(9999, false));
            assertEquals(0, vfs.truncate(USER, ROOT_DIR, "/tmp/g", 33));
            assertEquals(33, statLong(vfs, "/tmp/f", ST_SIZE));
            assertEquals(-Errno.EISDIR, vfs.truncate(USER, ROOT_DIR, "/tmp", 0));

            // Status flags.
            assertEquals(OpenFlags.O_RDWR | OpenFlags.O_LARGEFILE, vfs.getStatusFlags(file));
            assertEquals(0, vfs.setStatusFlags(USER, file, OpenFlags.O_APPEND));
            assertEquals(OpenFlags.O_RDWR | OpenFlags.O_LARGEFILE | OpenFlags.O_APPEND, vfs.getStatusFlags(file));

            // statfs, mount, fchdir's checks, umount.
            assertEquals(0, vfs.statfs(USER, ROOT_DIR, "/tmp", buffer, 0));
            assertEquals(StatFs.TMPFS_MAGIC, buffer.getLong(0, BYTE_ORDER));
            assertEquals(0, vfs.fstatfs(file, buffer, 0));
            assertEquals(StatFs.TMPFS_MAGIC, buffer.getLong(0, BYTE_ORDER));
            assertEquals(0, vfs.mkdir(ROOT, ROOT_DIR, "/mnt/t", 0755, 0));
            assertEquals(-Errno.EPERM, vfs.mount(USER, ROOT_DIR, "/mnt/t", "none", "tmpfs", null, 0));
            assertEquals(-Errno.ENODEV, vfs.mount(ROOT, ROOT_DIR, "/mnt/t", "none", "nosuchfs", null, 0));
            assertEquals(0, vfs.mount(ROOT, ROOT_DIR, "/mnt/t", "none", "tmpfs", "mode=700", MountFlags.MS_NOSUID));
            assertEquals(FileMode.S_IFDIR | 0700, statField(vfs, "/mnt/t", ST_MODE), "data reached tmpfs");
            final long dir = vfs.open(ROOT, ROOT_DIR, "/mnt/t", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0, 0);
            assertEquals(0, vfs.fchdir(ROOT, dir));
            assertEquals(-Errno.EACCES, vfs.fchdir(USER, dir));
            assertEquals(-Errno.ENOTDIR, vfs.fchdir(USER, file));
            assertEquals(-Errno.EBUSY, vfs.umount(ROOT, ROOT_DIR, "/mnt/t", 0));
            assertEquals(0, vfs.close(dir));
            assertEquals(0, vfs.umount(ROOT, ROOT_DIR, "/mnt/t", 0));
            assertEquals(FileMode.S_IFDIR | 0755, statField(vfs, "/mnt/t", ST_MODE));

            // Record locks: an OFD lock of a second open conflicts with the POSIX lock, GETLK reports it.
            final long second = vfs.open(USER, ROOT_DIR, "/tmp/f", OpenFlags.O_RDWR, 0, 022);
            assertEquals(0, vfs.lock(file, 42, FlockDescriptor.F_SETLK, FlockDescriptor.F_WRLCK, 0, 0, 10, 0,
                buffer, 0));
            assertEquals(-Errno.EAGAIN, vfs.lock(second, 42, FlockDescriptor.F_OFD_SETLK, FlockDescriptor.F_RDLCK, 0,
                5, 1, 0, buffer, 0));
            assertEquals(-Errno.EDEADLK, vfs.lock(second, 42, FlockDescriptor.F_OFD_SETLKW, FlockDescriptor.F_RDLCK,
                0, 5, 1, 0, buffer, 0), "only the waiter itself holds it");
            assertEquals(-Errno.EAGAIN, vfs.lock(second, 43, FlockDescriptor.F_SETLKW, FlockDescriptor.F_RDLCK,
                0, 5, 1, 0, buffer, 0), "another process holds it: ask again later");
            assertEquals(1, vfs.lock(second, 42, FlockDescriptor.F_OFD_GETLK, FlockDescriptor.F_RDLCK, 0, 0, 0, 0,
                buffer, 0));
            assertEquals(FlockDescriptor.F_WRLCK, buffer.getShort(FlockDescriptor.TYPE_OFFSET, BYTE_ORDER));
            assertEquals(10, buffer.getLong(FlockDescriptor.LEN_OFFSET, BYTE_ORDER));
            assertEquals(42, buffer.getInt(FlockDescriptor.PID_OFFSET, BYTE_ORDER));
            assertEquals(0, vfs.releasePosixLocks(second, 42), "a close of any descriptor of the file");
            assertEquals(0, vfs.lock(second, 42, FlockDescriptor.F_OFD_GETLK, FlockDescriptor.F_WRLCK, 0, 0, 0, 0,
                buffer, 0), "no conflict any more");
            assertEquals(-Errno.EINVAL, vfs.lock(second, 42, FlockDescriptor.F_OFD_SETLK, FlockDescriptor.F_RDLCK, 0,
                0, 1, 7, buffer, 0), "OFD with l_pid != 0");
            assertEquals(0, vfs.close(second));
            assertEquals(0, vfs.close(file));
        }
    }
}
