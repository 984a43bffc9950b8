package org.exoos.servers.vfs.initramfs;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.AtFlags;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.DeviceNumbers;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.Stat;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.VfsClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitramfsUnpackerTest {
    private final Vfs vfs = Vfs.createDefault(VfsClock.SYSTEM);

    private InitramfsUnpacker.Counts unpack(byte[] archive) throws InitramfsFormatException {
        return new InitramfsUnpacker(vfs).unpack(new UnsafeBuffer(archive), archive.length, "test.cpio");
    }

    private Stat stat(String path) {
        Stat s = new Stat();
        int rc = vfs.stat(Credentials.ROOT, Vfs.NO_HANDLE, path, AtFlags.AT_SYMLINK_NOFOLLOW, s);
        assertEquals(0, rc, () -> "stat " + path + ": " + Errno.describeResult(rc));
        return s;
    }

    private byte[] read(String path) {
        long h = vfs.open(Credentials.ROOT, Vfs.NO_HANDLE, path, OpenFlags.O_RDONLY, 0, 0);
        assertTrue(h >= 0, () -> "open " + path + ": " + Errno.describeResult(h));
        byte[] out = new byte[(int) stat(path).size];
        long n = vfs.pread(h, 0, new UnsafeBuffer(out), 0, out.length);
        vfs.close(h);
        assertEquals(out.length, n, "bytes read from " + path);
        return out;
    }

    private String readString(String path) { return new String(read(path), StandardCharsets.UTF_8); }

    @Test
    void directoriesFilesAndSymlinksKeepModeOwnerAndMtime() throws Exception {
        byte[] archive = new CpioNewcWriter()
                .directory(".", 0755, 0, 0, 0)
                .directory("etc", 0755, 0, 0, 1_600_000_000L)
                .file("etc/passwd", 0644, 0, 0, 1_500_000_000L, "root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8))
                .file("home/alice/notes", 0600, 1000, 100, 0, "hi".getBytes(StandardCharsets.UTF_8))
                .file("bin/su", 04755, 0, 0, 0, "x".getBytes(StandardCharsets.UTF_8))
                .symlink("bin/sh", "busybox")
                .directory("./tmp", 01777, 0, 0, 0)
                .finish();
        InitramfsUnpacker.Counts counts = unpack(archive);
        assertEquals(3, counts.files, "files");
        assertEquals(1, counts.symlinks, "symlinks");
        assertEquals("root:x:0:0::/root:/bin/sh\n", readString("/etc/passwd"));
        Stat passwd = stat("/etc/passwd");
        assertEquals(FileMode.S_IFREG | 0644, passwd.mode, "passwd mode");
        assertEquals(1_500_000_000L, passwd.mtimeSec, "passwd mtime");
        assertEquals(1_600_000_000L, stat("/etc").mtimeSec, "directory mtime, set after its entries");
        Stat notes = stat("/home/alice/notes");
        assertEquals(1000, notes.uid, "owner");
        assertEquals(100, notes.gid, "group");
        assertEquals(FileMode.S_IFREG | 0600, notes.mode, "notes mode");
        assertEquals(FileMode.S_IFDIR | 0755, stat("/home/alice").mode, "parent made as needed");
        assertEquals(FileMode.S_IFREG | 04755, stat("/bin/su").mode, "set-user-id kept after chown");
        Stat sh = stat("/bin/sh");
        assertEquals(FileMode.S_IFLNK, sh.mode & FileMode.S_IFMT, "symlink");
        byte[] target = new byte[64];
        int n = vfs.readlink(Credentials.ROOT, Vfs.NO_HANDLE, "/bin/sh", new UnsafeBuffer(target), 0, target.length);
        assertEquals("busybox", new String(target, 0, n, StandardCharsets.UTF_8), "symlink target");
        assertEquals(FileMode.S_IFDIR | 01777, stat("/tmp").mode, "existing /tmp takes the entry's mode");
    }

    @Test
    void hardLinksShareOneInodeWithTheDataOfTheLastEntry() throws Exception {
        byte[] archive = new CpioNewcWriter()
                .hardLinks(0755, "BUSYBOX".getBytes(StandardCharsets.UTF_8), "bin/busybox", "bin/ls", "sbin/init")
                .finish();
        InitramfsUnpacker.Counts counts = unpack(archive);
        assertEquals(1, counts.files, "one inode");
        assertEquals(2, counts.hardLinks, "two more names");
        Stat a = stat("/bin/busybox"), b = stat("/bin/ls"), c = stat("/sbin/init");
        assertEquals(a.ino, b.ino, "same inode");
        assertEquals(a.ino, c.ino, "same inode");
        assertEquals(3, a.nlink, "nlink");
        assertEquals("BUSYBOX", readString("/bin/busybox"), "data written through the last name");
        assertEquals(FileMode.S_IFREG | 0755, a.mode, "mode");
    }

    @Test
    void deviceNodesAndFifosAreMadeAsRoot() throws Exception {
        byte[] archive = new CpioNewcWriter()
                .device("dev/ttyS9", FileMode.S_IFCHR | 0620, 4, 73)
                .device("run/fifo", FileMode.S_IFIFO | 0600, 0, 0)
                .finish();
        InitramfsUnpacker.Counts counts = unpack(archive);
        assertEquals(2, counts.specialFiles + counts.skippedSpecialFiles, "both handled");
        if (counts.skippedSpecialFiles == 0) {
            Stat tty = stat("/dev/ttyS9");
            assertEquals(FileMode.S_IFCHR | 0620, tty.mode, "device mode");
            assertEquals(DeviceNumbers.makedev(4, 73), tty.rdev, "device number");
        }
        assertEquals(FileMode.S_IFIFO | 0600, stat("/run/fifo").mode, "fifo");
    }

    @Test
    void largeFileSpanningManyPagesIsCopiedExactly() throws Exception {
        byte[] data = new byte[300_000 + 3];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 + (i >>> 12));
        byte[] archive = new CpioNewcWriter().file("big", 0644, 0, 0, 0, data).file("after", 0644, "tail").finish();
        unpack(archive);
        assertArrayEquals(data, read("/big"), "large file");
        assertEquals("tail", readString("/after"), "the entry after an unaligned large file");
    }

    @Test
    void crcArchivesAreAcceptedWithoutCheckingTheSum() throws Exception {
        CpioNewcWriter w = new CpioNewcWriter();
        w.magic = CpioNewcHeader.MAGIC_CRC;
        unpack(w.file("x", 0644, "crc").finish());
        assertEquals("crc", readString("/x"));
    }

    @Test
    void concatenatedArchivesWithZeroPaddingAreUnpackedInTurn() throws Exception {
        byte[] first = new CpioNewcWriter().file("a", 0644, "first").finish();
        byte[] second = new CpioNewcWriter().file("b", 0644, "second").finish();
        byte[] both = Arrays.copyOf(first, 512 + second.length + 512); // GNU cpio pads to 512 bytes with NULs
        System.arraycopy(second, 0, both, 512, second.length);
        unpack(both);
        assertEquals("first", readString("/a"));
        assertEquals("second", readString("/b"));
    }

    @Test
    void truncatedArchivesFailWithTheOffset() {
        byte[] archive = new CpioNewcWriter().file("a", 0644, "0123456789").finish();
        byte[] cutInData = Arrays.copyOf(archive, 118); // header 110, name "a" padded to 112, then 6 of 10 bytes
        InitramfsFormatException data = assertThrows(InitramfsFormatException.class, () -> unpack(cutInData));
        assertTrue(data.getMessage().contains("test.cpio") && data.getMessage().contains("truncated data of 'a'"),
                data.getMessage());
        InitramfsFormatException head = assertThrows(InitramfsFormatException.class,
                () -> unpack(Arrays.copyOf(archive, 60)));
        assertTrue(head.getMessage().contains("at offset 0: truncated header"), head.getMessage());
        byte[] withoutTrailer = Arrays.copyOf(archive, 124); // just the first entry
        InitramfsFormatException trailer = assertThrows(InitramfsFormatException.class, () -> unpack(withoutTrailer));
        assertTrue(trailer.getMessage().contains("no TRAILER!!!"), trailer.getMessage());
    }

    @Test
    void malformedHeadersAndNamesAreRefused() {
        byte[] badMagic = new CpioNewcWriter().file("a", 0644, "x").finish();
        badMagic[5] = '7';
        InitramfsFormatException magic = assertThrows(InitramfsFormatException.class, () -> unpack(badMagic));
        assertTrue(magic.getMessage().contains("at offset 0: bad magic '070707'"), magic.getMessage());

        byte[] badField = new CpioNewcWriter().file("a", 0644, "x").finish();
        badField[CpioNewcHeader.FILESIZE_OFFSET + 2] = 'z';
        InitramfsFormatException field = assertThrows(InitramfsFormatException.class, () -> unpack(badField));
        assertTrue(field.getMessage().contains("at offset 54: field c_filesize is not 8 hex digits"), field.getMessage());

        InitramfsFormatException dotdot = assertThrows(InitramfsFormatException.class,
                () -> unpack(new CpioNewcWriter().file("etc/../../x", 0644, "x").finish()));
        assertTrue(dotdot.getMessage().contains("'..' component refused"), dotdot.getMessage());
        InitramfsFormatException absolute = assertThrows(InitramfsFormatException.class,
                () -> unpack(new CpioNewcWriter().file("/etc/x", 0644, "x").finish()));
        assertTrue(absolute.getMessage().contains("absolute name '/etc/x' refused"), absolute.getMessage());
    }

    @Test
    void aMissingOrMalformedArchiveFileFailsTheVfsServerStart(@TempDir Path dir) throws IOException {
        var factory = new org.exoos.servers.vfs.service.VfsServiceFactory();
        Path bad = dir.resolve("bad.cpio");
        Files.write(bad, "not an archive at all, certainly not a cpio newc one, no no no no no no no no no no no no no no no no no no"
                .getBytes(StandardCharsets.US_ASCII));
        IOException e = assertThrows(IOException.class,
                () -> factory.create(java.util.Map.of(org.exoos.servers.vfs.service.VfsServiceFactory.INITRAMFS, bad.toString())));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("bad magic"), e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> factory.create(java.util.Map.of(org.exoos.servers.vfs.service.VfsServiceFactory.INITRAMFS,
                        dir.resolve("none.cpio").toString())));
        assertTrue(missing.getMessage().contains("none.cpio"), missing.getMessage());
    }
}
