package org.exoos.servers.vfs.service;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.framework.ServerCounter;
import org.exoos.servers.framework.ServerHandle;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.AtFlags;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.Dirent64Writer;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.SeekWhence;
import org.exoos.servers.vfs.Vfs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vfs server, in a thread and in its own JVM, driven through {@link VfsClient} as the kernel
 * will: files are created, written, read back, seeked, stat'ed, listed, renamed and removed; the
 * vfs's errors come back as negative results; /dev/zero answers; a host directory is mounted.
 */
class VfsServerTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final long ROOT_DIR = Vfs.NO_HANDLE;
    private static final Credentials USER = Credentials.of(42, 1000, 1000, 5, 6);

    @TempDir
    Path temp;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);

    private ServerSpec spec(final Isolation isolation) {
        return ServerSpec.of(VfsServiceFactory.NAME, isolation).withGeometry(new ChannelGeometry(64, true, 16 * 1024, 8))
            .withLogFile(temp.resolve("vfs.log")).withJvmArguments(List.of("-Xmx64m"));
    }

    private static UnsafeBuffer bytes(final String text) {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private String text(final int length) {
        return buffer.getStringWithoutLengthAscii(0, length);
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void filesDirectoriesAndErrorsRoundTrip(final Isolation isolation) throws Exception {
        try (Supervisor supervisor = new Supervisor()) {
            final ServerHandle handle = supervisor.start(spec(isolation));
            assertEquals(isolation == Isolation.PROCESS, handle.pid().isPresent());
            final ServerClient serverClient = handle.client();
            final VfsClient vfs = new VfsClient(serverClient, TIMEOUT);

            assertEquals(0, vfs.mkdir(USER, ROOT_DIR, "/tmp/d", 0755, 022));
            assertEquals(-Errno.EEXIST, vfs.mkdir(USER, ROOT_DIR, "/tmp/d", 0755, 022));

            // Create, write, seek, read back; the path as guest bytes at an offset.
            final UnsafeBuffer guestPath = bytes("xx/tmp/d/f");
            final long file = vfs.open(USER, ROOT_DIR, guestPath, 2, guestPath.capacity() - 2,
                OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0666, 022);
            assertTrue(file >= 0, "open: " + file);
            final UnsafeBuffer hello = bytes("hello world");
            assertEquals(11, vfs.write(file, hello, 0, 11));
            assertEquals(0, vfs.lseek(file, 0, SeekWhence.SEEK_SET));
            assertEquals(11, vfs.read(file, buffer, 0, 64));
            assertEquals("hello world", text(11));
            assertEquals(0, vfs.read(file, buffer, 0, 64));
            assertEquals(0, vfs.read(file, buffer, 0, 0));
            assertEquals(0, vfs.write(file, hello, 0, 0));
            assertEquals(-Errno.EINVAL, vfs.read(file, buffer, 0, -1));
            assertEquals(5, vfs.pread(file, 6, buffer, 0, 5));
            assertEquals("world", text(5));
            assertEquals(1, vfs.pwrite(file, 0, bytes("J"), 0, 1));
            assertEquals(11, vfs.lseek(file, 0, SeekWhence.SEEK_END));
            assertEquals(-Errno.EINVAL, vfs.lseek(file, -1, SeekWhence.SEEK_SET));

            // fstat: a riscv64 struct stat.
            assertEquals(0, vfs.fstat(file, buffer, 0));
            assertEquals(FileMode.S_IFREG | 0644, buffer.getInt(16, BYTE_ORDER));
            assertEquals(1, buffer.getInt(20, BYTE_ORDER));
            assertEquals(1000, buffer.getInt(24, BYTE_ORDER));
            assertEquals(1000, buffer.getInt(28, BYTE_ORDER));
            assertEquals(11, buffer.getLong(48, BYTE_ORDER));
            final long inode = buffer.getLong(8, BYTE_ORDER);
            assertEquals(0, vfs.ftruncate(file, 5));
            assertEquals(0, vfs.stat(USER, ROOT_DIR, "/tmp/d/f", 0, buffer, 0));
            assertEquals(5, buffer.getLong(48, BYTE_ORDER));
            assertEquals(inode, buffer.getLong(8, BYTE_ORDER));
            assertEquals(5, vfs.pread(file, 0, buffer, 0, 64));
            assertEquals("Jello", text(5));

            // getdents64 lists it.
            final long dir = vfs.open(USER, ROOT_DIR, "/tmp/d", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0, 022);
            assertTrue(dir >= 0, "open dir: " + dir);
            final long listed = vfs.getdents64(dir, buffer, 0, 4096);
            assertTrue(listed > 0, "getdents64: " + listed);
            assertEquals(List.of(".", "..", "f"), names(buffer, (int) listed).stream().sorted().toList());
            assertEquals(0, vfs.getdents64(dir, buffer, 0, 4096));

            // rename, symlink, readlink, access.
            assertEquals(0, vfs.rename(USER, ROOT_DIR, "/tmp/d/f", ROOT_DIR, "/tmp/d/g", 0));
            assertEquals(-Errno.ENOENT, vfs.stat(USER, ROOT_DIR, "/tmp/d/f", 0, buffer, 0));
            assertEquals(0, vfs.stat(USER, ROOT_DIR, "/tmp/d/g", 0, buffer, 0));
            assertEquals(0, vfs.symlink(USER, "g", ROOT_DIR, "/tmp/d/l"));
            assertEquals(1, vfs.readlink(USER, ROOT_DIR, "/tmp/d/l", buffer, 0, 64));
            assertEquals("g", text(1));
            assertEquals(0, vfs.access(USER, ROOT_DIR, "/tmp/d/l", AtFlags.R_OK | AtFlags.W_OK, 0));
            assertEquals(-Errno.EACCES, vfs.access(USER, ROOT_DIR, "/root", AtFlags.R_OK, 0));

            // Errors pass through as negative results.
            assertEquals(-Errno.ENOENT, vfs.open(USER, ROOT_DIR, "/nope", OpenFlags.O_RDONLY, 0, 022));
            assertEquals(-Errno.ENOTDIR, vfs.open(USER, ROOT_DIR, "/tmp/d/g/x", OpenFlags.O_RDONLY, 0, 022));
            assertEquals(-Errno.EISDIR, vfs.open(USER, ROOT_DIR, "/tmp/d", OpenFlags.O_WRONLY, 0, 022));
            assertEquals(-Errno.EBADF, vfs.read(9999, buffer, 0, 10));
            assertEquals(-Errno.EBADF, vfs.write(9999, hello, 0, 5));
            assertEquals(-Errno.EBADF, vfs.fstat(9999, buffer, 0));
            assertEquals(-Errno.EISDIR, vfs.unlink(USER, ROOT_DIR, "/tmp/d", 0));
            assertEquals(-Errno.ENOTEMPTY, vfs.unlink(USER, ROOT_DIR, "/tmp/d", AtFlags.AT_REMOVEDIR));
            assertEquals(0, vfs.unlink(USER, ROOT_DIR, "/tmp/d/g", 0));
            assertEquals(0, vfs.unlink(USER, ROOT_DIR, "/tmp/d/l", 0));

            // The open file outlives its name; close and retain count references.
            assertEquals(5, vfs.pread(file, 0, buffer, 0, 64));
            assertEquals(0, vfs.close(file));
            assertEquals(-Errno.EBADF, vfs.close(file));
            assertEquals(0, vfs.retain(dir));
            assertEquals(0, vfs.close(dir));
            assertEquals(0, vfs.close(dir));
            assertEquals(-Errno.EBADF, vfs.close(dir));
            assertEquals(0, vfs.unlink(USER, ROOT_DIR, "/tmp/d", AtFlags.AT_REMOVEDIR));

            // The working directory: chdir, paths relative to it, getcwd.
            final long cwd = vfs.chdir(USER, ROOT_DIR, "/tmp");
            assertTrue(cwd >= 0, "chdir: " + cwd);
            assertEquals(0, vfs.mkdir(USER, cwd, "rel", 0700, 0));
            assertEquals(0, vfs.stat(USER, ROOT_DIR, "/tmp/rel", 0, buffer, 0));
            assertEquals(FileMode.S_IFDIR | 0700, buffer.getInt(16, BYTE_ORDER));
            assertEquals(5, vfs.getcwd(cwd, buffer, 0, 64));
            assertEquals("/tmp\0", text(5));
            assertEquals(-Errno.ERANGE, vfs.getcwd(cwd, buffer, 0, 3));
            assertEquals(-Errno.ENOTDIR, vfs.chdir(USER, ROOT_DIR, "/dev/zero"));
            assertEquals(0, vfs.close(cwd));

            // A one-byte read from /dev/zero.
            final long zero = vfs.open(USER, ROOT_DIR, "/dev/zero", OpenFlags.O_RDONLY, 0, 022);
            assertTrue(zero >= 0, "open /dev/zero: " + zero);
            buffer.putByte(0, (byte) 0x55);
            assertEquals(1, vfs.read(zero, buffer, 0, 1));
            assertEquals(0, buffer.getByte(0));
            assertEquals(0, vfs.close(zero));

            // Reads larger than a block are short reads of one block.
            final long big = vfs.open(USER, ROOT_DIR, "/dev/zero", OpenFlags.O_RDONLY, 0, 022);
            final UnsafeBuffer large = new UnsafeBuffer(new byte[64 * 1024]);
            assertEquals(serverClient.maxDataLength(), vfs.read(big, large, 0, large.capacity()));
            assertEquals(0, vfs.close(big));

            // Paths too long for PATH_MAX are refused before they travel; a malformed path block is EINVAL.
            assertEquals(-Errno.ENAMETOOLONG, vfs.open(USER, ROOT_DIR, "/" + "a".repeat(5000), 0, 0, 0));
            final MutableDirectBuffer block = serverClient.claimData(3);
            block.putByte(0, (byte) 1);
            assertEquals(-Errno.EINVAL, serverClient.call(VfsCodec.OP_OPEN,
                VfsCodec.encodeOpen(serverClient.arguments(), 0, ROOT_DIR, 0, 0, 0), TIMEOUT, null));

            assertEquals(0, serverClient.counter(ServerCounter.SERVICE_ERRORS, TIMEOUT));
            assertEquals(0, serverClient.inFlight());
        }
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void hostDirectoryOptionMountsItAtMntHost(final Isolation isolation) throws Exception {
        final Path host = Files.createDirectory(temp.resolve("host"));
        Files.writeString(host.resolve("hello.txt"), "from the host");
        final ServerSpec spec = spec(isolation).withOptions(Map.of(VfsServiceFactory.HOST_DIRECTORY, host.toString()));
        try (Supervisor supervisor = new Supervisor()) {
            final VfsClient vfs = new VfsClient(supervisor.start(spec).client(), TIMEOUT);
            final long file = vfs.open(Credentials.ROOT, ROOT_DIR, "/mnt/host/hello.txt", OpenFlags.O_RDONLY, 0, 022);
            assertTrue(file >= 0, "open: " + file);
            assertEquals(13, vfs.read(file, buffer, 0, 100));
            assertEquals("from the host", text(13));
            assertEquals(0, vfs.fstat(file, buffer, 0));
            assertEquals(13, buffer.getLong(48, BYTE_ORDER));
            assertEquals(0, vfs.close(file));

            final long dir = vfs.open(Credentials.ROOT, ROOT_DIR, "/mnt/host", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY,
                0, 022);
            assertTrue(dir >= 0, "open dir: " + dir);
            final long listed = vfs.getdents64(dir, buffer, 0, 4096);
            assertTrue(names(buffer, (int) listed).contains("hello.txt"));
            assertEquals(0, vfs.close(dir));
        }
    }

    /** The names of the linux_dirent64 records in {@code dirents[0, length)}. */
    private static List<String> names(final DirectBuffer dirents, final int length) {
        final List<String> names = new ArrayList<>();
        int at = 0;
        while (at < length) {
            final int reclen = dirents.getShort(at + Dirent64Writer.D_RECLEN_OFFSET, BYTE_ORDER) & 0xFFFF;
            int end = at + Dirent64Writer.D_NAME_OFFSET;
            while (dirents.getByte(end) != 0) {
                end++;
            }
            names.add(dirents.getStringWithoutLengthAscii(at + Dirent64Writer.D_NAME_OFFSET,
                end - at - Dirent64Writer.D_NAME_OFFSET));
            at += reclen;
        }
        return names;
    }
}
