package org.exoos.servers.vfs.initramfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds cpio newc archives in tests: each entry a header of 13 hex fields, the name and the data, padded to 4. */
final class CpioNewcWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int nextIno = 1;
    String magic = CpioNewcHeader.MAGIC_NEWC;

    CpioNewcWriter directory(String name, int mode, int uid, int gid, long mtime) {
        return entry(name, 0040000 | mode, uid, gid, 2, mtime, nextIno++, new byte[0], 0, 0);
    }

    CpioNewcWriter file(String name, int mode, int uid, int gid, long mtime, byte[] data) {
        return entry(name, 0100000 | mode, uid, gid, 1, mtime, nextIno++, data, 0, 0);
    }

    CpioNewcWriter file(String name, int mode, String data) {
        return file(name, mode, 0, 0, 0, data.getBytes(StandardCharsets.UTF_8));
    }

    CpioNewcWriter symlink(String name, String target) {
        return entry(name, 0120777, 0, 0, 1, 0, nextIno++, target.getBytes(StandardCharsets.UTF_8), 0, 0);
    }

    CpioNewcWriter device(String name, int typeAndMode, int major, int minor) {
        return entry(name, typeAndMode, 0, 0, 1, 0, nextIno++, new byte[0], major, minor);
    }

    /** The names of one inode, as GNU cpio writes them: the data only on the last. */
    CpioNewcWriter hardLinks(int mode, byte[] data, String... names) {
        int ino = nextIno++;
        for (int i = 0; i < names.length; i++) {
            entry(names[i], 0100000 | mode, 0, 0, names.length, 0, ino, i == names.length - 1 ? data : new byte[0], 0, 0);
        }
        return this;
    }

    CpioNewcWriter entry(String name, int mode, int uid, int gid, int nlink, long mtime, int ino, byte[] data,
                         int rdevMajor, int rdevMinor) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder(magic);
        for (long v : new long[] {ino, mode, uid, gid, nlink, mtime, data.length, 0, 0, rdevMajor, rdevMinor,
                nameBytes.length + 1, 0}) {
            h.append(String.format("%08x", v));
        }
        out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(nameBytes);
        out.write(0);
        pad();
        out.writeBytes(data);
        pad();
        return this;
    }

    byte[] finish() {
        entry(CpioNewcHeader.TRAILER, 0, 0, 0, 1, 0, 0, new byte[0], 0, 0);
        return out.toByteArray();
    }

    private void pad() {
        while (out.size() % CpioNewcHeader.ALIGNMENT != 0) out.write(0);
    }
}
