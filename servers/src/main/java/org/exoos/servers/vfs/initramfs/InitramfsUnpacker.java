package org.exoos.servers.vfs.initramfs;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.AtFlags;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.DeviceNumbers;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.Stat;
import org.exoos.servers.vfs.Vfs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Fills a vfs from a cpio newc archive, as Linux unpacks its initramfs into rootfs (init/initramfs.c): every
 * entry is made through the vfs's own calls, as root, with the entry's mode, owner and mtime. Directories,
 * regular files, symlinks, hard links (newc repeats the inode number, nlink &gt; 1, and carries the data on
 * the last of the names) and device nodes, FIFOs and sockets (skipped and counted when the file system
 * refuses mknod). Concatenated archives are unpacked in turn. Missing parent directories are made (0755); "." is skipped; a name that is absolute or
 * has a ".." component is refused. An existing directory keeps its contents and takes the entry's
 * attributes; another existing name of a different kind is replaced. Directory mtimes are set last, since
 * adding entries changes them.
 */
public final class InitramfsUnpacker {
    private static final Logger LOG = LoggerFactory.getLogger(InitramfsUnpacker.class);

    /** Data goes into the vfs in pieces of this size. */
    private static final int WRITE_CHUNK = 64 * 1024;
    /** Linux's PATH_MAX: a longer name is malformed. */
    private static final int PATH_MAX = 4096;

    /** What an unpack made. */
    public static final class Counts {
        public int directories, files, symlinks, hardLinks, specialFiles, skippedSpecialFiles;

        @Override
        public String toString() {
            return directories + " directories, " + files + " files, " + symlinks + " symlinks, " + hardLinks
                    + " hard links, " + specialFiles + " device nodes/fifos/sockets"
                    + (skippedSpecialFiles > 0 ? " (" + skippedSpecialFiles + " skipped: no mknod)" : "");
        }
    }

    private final Vfs vfs;
    private final Credentials cred = Credentials.ROOT;
    private final CpioNewcHeader header = new CpioNewcHeader();
    private final Stat stat = new Stat();
    /** The first name of each multiply-linked inode, by (c_maj, c_min, c_ino). */
    private final HashMap<String, String> linkedInodes = new HashMap<>();
    private final List<String> directoryNames = new ArrayList<>();
    private final List<Long> directoryMtimes = new ArrayList<>();
    private String archive;
    private Counts counts;

    public InitramfsUnpacker(Vfs vfs) {
        this.vfs = vfs;
    }

    /** Unpacks the archive at a host path into the vfs's root. */
    public Counts unpack(Path archivePath) throws IOException {
        try (FileChannel ch = FileChannel.open(archivePath, StandardOpenOption.READ)) {
            UnsafeBuffer archive = map(ch, archivePath);
            return unpack(archive, archive.capacity(), archivePath.toString());
        }
    }

    /** The whole file, mapped: the data is written into the vfs straight from it. */
    private static UnsafeBuffer map(FileChannel ch, Path archivePath) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE) {
            throw new InitramfsFormatException(archivePath.toString(), 0, "larger than 2 GiB (" + size + " bytes)");
        }
        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        return new UnsafeBuffer(map);
    }

    /**
     * Unpacks the first {@code length} bytes of {@code buffer}, an archive called {@code name} in messages.
     *
     * @throws InitramfsFormatException the archive is malformed or truncated, or an entry cannot be made
     */
    public Counts unpack(DirectBuffer buffer, int length, String name) throws InitramfsFormatException {
        return walk(buffer, length, name, true);
    }

    /**
     * Checks the archive at a host path as {@link #unpack} would read it, making nothing: a launcher reports
     * a malformed archive in one line before it starts the machine.
     */
    public static void check(Path archivePath) throws IOException {
        try (FileChannel ch = FileChannel.open(archivePath, StandardOpenOption.READ)) {
            UnsafeBuffer archive = map(ch, archivePath);
            new InitramfsUnpacker(null).walk(archive, archive.capacity(), archivePath.toString(), false);
        }
    }

    private Counts walk(DirectBuffer buffer, int length, String name, boolean create) throws InitramfsFormatException {
        archive = name;
        if (length == 0) throw fail(0, "empty archive");
        counts = new Counts();
        linkedInodes.clear();
        directoryNames.clear();
        directoryMtimes.clear();
        long at = 0;
        boolean trailer = false;
        while (at < length) {
            if (trailer) { // NULs may pad an archive, and another may follow (Linux's unpack_to_rootfs)
                while (at < length && buffer.getByte((int) at) == 0) at++;
                if (at == length) break;
                if ((at & (CpioNewcHeader.ALIGNMENT - 1)) != 0) throw fail(at, "next archive is not 4-byte aligned");
            }
            header.wrap(buffer, (int) at);
            if (at + CpioNewcHeader.MAGIC_LENGTH <= length && !header.hasValidMagic()) {
                throw fail(at, "bad magic '" + ascii(buffer, (int) at, CpioNewcHeader.MAGIC_LENGTH)
                        + "' (expected " + CpioNewcHeader.MAGIC_NEWC + " or " + CpioNewcHeader.MAGIC_CRC + ")");
            }
            if (at + CpioNewcHeader.HEADER_LENGTH > length) {
                throw fail(at, "truncated header (" + (length - at) + " bytes left, a header is "
                        + CpioNewcHeader.HEADER_LENGTH + ")");
            }
            trailer = false; // archives may be concatenated, as Linux's initramfs allows
            for (int f = CpioNewcHeader.INO_OFFSET; f <= CpioNewcHeader.CHECK_OFFSET; f += CpioNewcHeader.FIELD_LENGTH) {
                if (header.field(f) < 0) {
                    throw fail(at + f, "field " + CpioNewcHeader.fieldName(f) + " is not 8 hex digits: '"
                            + ascii(buffer, (int) at + f, CpioNewcHeader.FIELD_LENGTH) + "'");
                }
            }
            long nameSize = header.nameSize();
            if (nameSize < 1 || nameSize > PATH_MAX) {
                throw fail(at + CpioNewcHeader.NAMESIZE_OFFSET, "bad c_namesize " + nameSize);
            }
            if (header.nameOffset() + nameSize > length) throw fail(header.nameOffset(), "truncated name");
            if (buffer.getByte(header.nameOffset() + (int) nameSize - 1) != 0) {
                throw fail(header.nameOffset(), "name is not NUL-terminated");
            }
            String entryName = utf8(buffer, header.nameOffset(), (int) nameSize - 1);
            long data = header.dataOffset(), size = header.fileSize();
            if (data + size > length) {
                throw fail(data, "truncated data of '" + entryName + "' (" + size + " bytes, "
                        + Math.max(0, length - data) + " present)");
            }
            if (entryName.equals(CpioNewcHeader.TRAILER)) {
                trailer = true;
                linkedInodes.clear(); // inode numbers are per archive
            } else {
                entry(buffer, at, entryName, (int) data, (int) size, create);
            }
            at = header.nextOffset();
        }
        if (!trailer) throw fail(length, "truncated: no " + CpioNewcHeader.TRAILER + " entry");
        if (!create) return counts;
        for (int i = directoryNames.size() - 1; i >= 0; i--) { // deepest last made, first set
            setMtime(directoryNames.get(i), directoryMtimes.get(i));
        }
        LOG.info("initramfs {}: {}", archive, counts);
        return counts;
    }

    private void entry(DirectBuffer buffer, long at, String rawName, int data, int size, boolean create)
            throws InitramfsFormatException {
        String relative = rawName;
        while (relative.startsWith("./")) relative = relative.substring(2);
        if (relative.equals(".") || relative.isEmpty()) return;
        if (relative.startsWith("/")) throw fail(at, "absolute name '" + rawName + "' refused");
        for (String part : relative.split("/")) {
            if (part.equals("..")) throw fail(at, "name '" + rawName + "' with a '..' component refused");
        }
        String path = "/" + relative;
        int mode = (int) header.mode();
        if (!create) {
            switch (mode & FileMode.S_IFMT) {
                case FileMode.S_IFDIR, FileMode.S_IFREG, FileMode.S_IFLNK, FileMode.S_IFCHR, FileMode.S_IFBLK,
                     FileMode.S_IFIFO, FileMode.S_IFSOCK -> {
                }
                default -> throw fail(at + CpioNewcHeader.MODE_OFFSET,
                        "'" + rawName + "' has an unknown file type (c_mode " + Integer.toOctalString(mode) + ")");
            }
            if ((mode & FileMode.S_IFMT) == FileMode.S_IFLNK && size == 0) {
                throw fail(at, "symlink '" + rawName + "' without a target");
            }
            return;
        }
        int uid = (int) header.uid(), gid = (int) header.gid();
        long mtime = header.mtime();
        makeParents(at, path);
        int type = mode & FileMode.S_IFMT;
        switch (type) {
            case FileMode.S_IFDIR -> {
                int rc = vfs.mkdir(cred, Vfs.NO_HANDLE, path, mode & FileMode.S_IALLUGO, 0);
                if (rc == -Errno.EEXIST && !isDirectory(path)) {
                    removeExisting(at, path);
                    rc = vfs.mkdir(cred, Vfs.NO_HANDLE, path, mode & FileMode.S_IALLUGO, 0);
                }
                if (rc < 0 && rc != -Errno.EEXIST) throw vfsFail(at, "mkdir", path, rc);
                check(at, "chown", path, vfs.chown(cred, Vfs.NO_HANDLE, path, uid, gid, AtFlags.AT_SYMLINK_NOFOLLOW));
                check(at, "chmod", path, vfs.chmod(cred, Vfs.NO_HANDLE, path, mode & FileMode.S_IALLUGO, 0));
                directoryNames.add(path);
                directoryMtimes.add(mtime);
                counts.directories++;
            }
            case FileMode.S_IFREG -> regularFile(buffer, at, path, mode, uid, gid, mtime, data, size);
            case FileMode.S_IFLNK -> {
                if (size == 0) throw fail(at, "symlink '" + rawName + "' without a target");
                String target = utf8(buffer, data, size);
                int rc = vfs.symlink(cred, target, Vfs.NO_HANDLE, path);
                if (rc == -Errno.EEXIST) {
                    removeExisting(at, path);
                    rc = vfs.symlink(cred, target, Vfs.NO_HANDLE, path);
                }
                check(at, "symlink", path, rc);
                check(at, "lchown", path, vfs.chown(cred, Vfs.NO_HANDLE, path, uid, gid, AtFlags.AT_SYMLINK_NOFOLLOW));
                setMtime(path, mtime);
                counts.symlinks++;
            }
            case FileMode.S_IFCHR, FileMode.S_IFBLK, FileMode.S_IFIFO, FileMode.S_IFSOCK -> {
                long dev = DeviceNumbers.makedev(header.rdevMajor(), header.rdevMinor());
                int rc = vfs.mknod(cred, Vfs.NO_HANDLE, path, mode, dev, 0);
                if (rc == -Errno.EEXIST) {
                    removeExisting(at, path);
                    rc = vfs.mknod(cred, Vfs.NO_HANDLE, path, mode, dev, 0);
                }
                if (rc == -Errno.EPERM || rc == -Errno.EOPNOTSUPP || rc == -Errno.ENOSYS) {
                    LOG.debug("initramfs {}: {} skipped: {}", archive, path, Errno.describeResult(rc));
                    counts.skippedSpecialFiles++;
                    return;
                }
                check(at, "mknod", path, rc);
                check(at, "chown", path, vfs.chown(cred, Vfs.NO_HANDLE, path, uid, gid, AtFlags.AT_SYMLINK_NOFOLLOW));
                check(at, "chmod", path, vfs.chmod(cred, Vfs.NO_HANDLE, path, mode & FileMode.S_IALLUGO, 0));
                setMtime(path, mtime);
                counts.specialFiles++;
            }
            default -> throw fail(at + CpioNewcHeader.MODE_OFFSET,
                    "'" + rawName + "' has an unknown file type (c_mode " + Integer.toOctalString(mode) + ")");
        }
    }

    private void regularFile(DirectBuffer buffer, long at, String path, int mode, int uid, int gid, long mtime,
                             int data, int size) throws InitramfsFormatException {
        String key = null;
        String firstName = null;
        if (header.nlink() > 1) {
            key = header.devMajor() + ":" + header.devMinor() + ":" + header.ino();
            firstName = linkedInodes.get(key);
        }
        long handle;
        if (firstName != null) { // another name of an inode already made: link, then write the data if it is here
            int rc = vfs.link(cred, Vfs.NO_HANDLE, firstName, Vfs.NO_HANDLE, path, 0);
            if (rc == -Errno.EEXIST) {
                removeExisting(at, path);
                rc = vfs.link(cred, Vfs.NO_HANDLE, firstName, Vfs.NO_HANDLE, path, 0);
            }
            check(at, "link to " + firstName, path, rc);
            counts.hardLinks++;
            if (size == 0) return;
            handle = vfs.open(cred, Vfs.NO_HANDLE, path, OpenFlags.O_WRONLY | OpenFlags.O_NOFOLLOW, 0, 0);
        } else {
            int flags = OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_NOFOLLOW;
            handle = vfs.open(cred, Vfs.NO_HANDLE, path, flags, mode & FileMode.S_IRWXUGO, 0);
            if (handle == -Errno.EEXIST) {
                removeExisting(at, path);
                handle = vfs.open(cred, Vfs.NO_HANDLE, path, flags, mode & FileMode.S_IRWXUGO, 0);
            }
            if (key != null) linkedInodes.put(key, path);
            counts.files++;
        }
        if (handle < 0) throw vfsFail(at, "open", path, handle);
        try {
            for (int done = 0; done < size; ) {
                int n = Math.min(WRITE_CHUNK, size - done);
                long w = vfs.pwrite(handle, done, buffer, data + done, n);
                if (w < 0) throw vfsFail(at, "write", path, w);
                if (w == 0) throw vfsFail(at, "write", path, -Errno.ENOSPC);
                done += (int) w;
            }
            check(at, "chown", path, vfs.fchown(cred, handle, uid, gid));
            check(at, "chmod", path, vfs.fchmod(cred, handle, mode & FileMode.S_IALLUGO)); // after chown, which clears set-id bits
        } finally {
            vfs.close(handle);
        }
        setMtime(path, mtime);
    }

    /** Makes the missing directories above {@code path} (0755, root's), as mkdir -p. */
    private void makeParents(long at, String path) throws InitramfsFormatException {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) return;
        int rc = vfs.mkdirs(cred, path.substring(0, slash), 0755);
        if (rc < 0) throw vfsFail(at, "mkdir -p", path.substring(0, slash), rc);
    }

    private boolean isDirectory(String path) {
        stat.clear();
        return vfs.stat(cred, Vfs.NO_HANDLE, path, AtFlags.AT_SYMLINK_NOFOLLOW, stat) == 0
                && (stat.mode & FileMode.S_IFMT) == FileMode.S_IFDIR;
    }

    /** Linux's clean_path: the name already exists, as something the entry replaces. */
    private void removeExisting(long at, String path) throws InitramfsFormatException {
        int rc = vfs.unlink(cred, Vfs.NO_HANDLE, path, isDirectory(path) ? AtFlags.AT_REMOVEDIR : 0);
        if (rc < 0) throw vfsFail(at, "replace", path, rc);
    }

    private void setMtime(String path, long mtime) {
        // atime as mtime, as Linux's do_utime; a failure here is not worth the boot
        int rc = vfs.utimens(cred, Vfs.NO_HANDLE, path, true, mtime, 0, mtime, 0, AtFlags.AT_SYMLINK_NOFOLLOW);
        if (rc < 0) LOG.debug("initramfs {}: utimens {}: {}", archive, path, Errno.describeResult(rc));
    }

    private void check(long at, String what, String path, long rc) throws InitramfsFormatException {
        if (rc < 0) throw vfsFail(at, what, path, rc);
    }

    private InitramfsFormatException vfsFail(long at, String what, String path, long rc) {
        return fail(at, what + " " + path + " failed: " + Errno.describeResult(rc));
    }

    private InitramfsFormatException fail(long at, String what) {
        return new InitramfsFormatException(archive, at, what);
    }

    private static String ascii(DirectBuffer b, int at, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n && at + i < b.capacity(); i++) {
            int c = b.getByte(at + i) & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return s.toString();
    }

    private static String utf8(DirectBuffer b, int at, int n) {
        byte[] bytes = new byte[n];
        b.getBytes(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
