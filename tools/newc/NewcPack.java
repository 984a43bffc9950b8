import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Packs a directory tree into a cpio "newc" archive (what Linux's initramfs and Exo-OS's vfs unpack), every
 * entry owned by root, in sorted path order so parents come before children. Run with the JDK's source
 * launcher, so the userland build needs no cpio package and no compiled project:
 *
 *   java tools/newc/NewcPack.java ROOT OUT
 *
 * Directories, regular files and symbolic links only (a root filesystem we assemble has nothing else).
 * Header: "070701", then 13 fields of 8 hex digits (ino, mode, uid, gid, nlink, mtime, filesize, devmajor,
 * devminor, rdevmajor, rdevminor, namesize with its NUL, check = 0); the name and the data are each padded
 * to a multiple of 4 bytes; "TRAILER!!!" ends it.
 */
public final class NewcPack {
    private static final int S_IFDIR = 0040000, S_IFREG = 0100000, S_IFLNK = 0120000;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java NewcPack.java ROOT OUT");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
            entries = walk.filter(p -> !p.equals(root)).map(root::relativize).sorted().toList();
        }
        long written;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            Counting c = new Counting(o);
            int ino = 1;
            for (Path rel : entries) entry(c, root, rel, ino++);
            header(c, "TRAILER!!!", 0, 0, 1, 0, 0);
            c.pad(512); // what GNU cpio does at the end
            written = c.count;
        }
        System.err.println("NewcPack: " + entries.size() + " entries, " + written + " bytes");
    }

    private static void entry(Counting c, Path root, Path rel, int ino) throws IOException {
        Path p = root.resolve(rel);
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int perms = permissions(a.permissions()) | special(p);
        long mtime = a.lastModifiedTime().toMillis() / 1000;
        String name = rel.toString();
        if (a.isSymbolicLink()) {
            byte[] target = Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8);
            header(c, name, ino, S_IFLNK | 0777, 1, mtime, target.length);
            c.write(target);
            c.pad(4);
        } else if (a.isDirectory()) {
            header(c, name, ino, S_IFDIR | perms, 2, mtime, 0);
        } else if (a.isRegularFile()) {
            byte[] data = Files.readAllBytes(p);
            header(c, name, ino, S_IFREG | perms, 1, mtime, data.length);
            c.write(data);
            c.pad(4);
        } else {
            throw new IOException(p + ": not a directory, file or symbolic link");
        }
    }

    private static void header(Counting c, String name, int ino, int mode, int nlink, long mtime, long size)
            throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("070701");
        for (long field : new long[] {ino, mode, 0, 0, nlink, mtime, size, 0, 0, 0, 0, n.length + 1, 0}) {
            h.append(String.format("%08x", field));
        }
        c.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        c.write(n);
        c.write(new byte[] {0});
        c.pad(4);
    }

    /** rwx bits from the file's permissions. */
    private static int permissions(Set<PosixFilePermission> s) {
        int m = 0;
        for (PosixFilePermission p : s) m |= 0400 >> p.ordinal();
        return m;
    }

    /** setuid, setgid and sticky bits, which java.nio does not show: from the unix view's mode. */
    private static int special(Path p) throws IOException {
        Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return mode instanceof Integer m ? m & 07000 : 0;
    }

    private static final class Counting {
        final OutputStream out;
        long count;

        Counting(OutputStream out) { this.out = out; }

        void write(byte[] b) throws IOException {
            out.write(b);
            count += b.length;
        }

        void pad(int to) throws IOException {
            while (count % to != 0) {
                out.write(0);
                count++;
            }
        }
    }
}
