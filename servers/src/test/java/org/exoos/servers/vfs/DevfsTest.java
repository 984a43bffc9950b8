package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.vfs.devfs.Devices;
import org.junit.jupiter.api.Test;

import static org.exoos.servers.vfs.OpenFlags.O_RDONLY;
import static org.exoos.servers.vfs.OpenFlags.O_RDWR;
import static org.exoos.servers.vfs.OpenFlags.O_WRONLY;
import static org.exoos.servers.protocol.Errno.EACCES;
import static org.exoos.servers.protocol.Errno.ENOSPC;
import static org.exoos.servers.protocol.Errno.ENXIO;
import static org.exoos.servers.protocol.Errno.ESPIPE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DevfsTest extends VfsFixture {

    @Test
    void nodesHaveLinuxNumbersAndModes() {
        check("/dev/null", 1, 3, 0666);
        check("/dev/zero", 1, 5, 0666);
        check("/dev/full", 1, 7, 0666);
        check("/dev/random", 1, 8, 0666);
        check("/dev/urandom", 1, 9, 0666);
        check("/dev/tty", 5, 0, 0666);
        check("/dev/console", 5, 1, 0600);
        assertEquals("/proc/self/fd", linkTarget("/dev/fd"), "/dev/fd");
        assertEquals(01777, stat(ROOT, "/dev/shm").mode & 07777, "/dev/shm");
    }

    private void check(String path, int major, int minor, int perm) {
        Stat s = stat(ROOT, path);
        assertEquals(FileMode.S_IFCHR | perm, s.mode, path + " mode");
        assertEquals(major, DeviceNumbers.major(s.rdev), path + " major");
        assertEquals(minor, DeviceNumbers.minor(s.rdev), path + " minor");
        assertEquals(0, s.size, path + " size");
    }

    private String linkTarget(String path) {
        UnsafeBuffer b = new UnsafeBuffer(new byte[64]);
        int n = vfs.readlink(ROOT, Vfs.NO_HANDLE, path, b, 0, 64);
        assertOk(n, "readlink " + path);
        return b.getStringWithoutLengthAscii(0, n);
    }

    @Test
    void nullReadsEofAndSwallowsWrites() {
        long h = openOk(ALICE, "/dev/null", O_RDWR, 0);
        assertEquals(0, vfs.read(h, new UnsafeBuffer(new byte[16]), 0, 16), "read /dev/null");
        assertEquals(1000, vfs.write(h, new UnsafeBuffer(new byte[1000]), 0, 1000), "write /dev/null");
        assertEquals(0, vfs.lseek(h, 123, SeekWhence.SEEK_SET), "lseek /dev/null returns 0");
        assertEquals(0, vfs.file(h).position(), "offset stays 0");
    }

    @Test
    void zeroReadsZeros() {
        long h = openOk(ALICE, "/dev/zero", O_RDONLY, 0);
        byte[] b = new byte[10000];
        java.util.Arrays.fill(b, (byte) 0x5a);
        assertEquals(10000, vfs.read(h, new UnsafeBuffer(b), 0, 10000), "read /dev/zero");
        assertArrayEquals(new byte[10000], b, "all zeros");
        assertEquals(5, vfs.pread(h, 1 << 40, new UnsafeBuffer(b), 0, 5), "pread /dev/zero anywhere");
    }

    @Test
    void fullReadsZerosAndRefusesWrites() {
        long h = openOk(ALICE, "/dev/full", O_RDWR, 0);
        assertErrno(ENOSPC, vfs.write(h, new UnsafeBuffer(new byte[1]), 0, 1), "write /dev/full");
        byte[] b = {1, 2, 3};
        assertEquals(3, vfs.read(h, new UnsafeBuffer(b), 0, 3), "read /dev/full");
        assertArrayEquals(new byte[3], b, "zeros");
    }

    @Test
    void randomGivesBytes() {
        long h = openOk(ALICE, "/dev/urandom", O_RDONLY, 0);
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        assertEquals(64, vfs.read(h, new UnsafeBuffer(a), 0, 64), "read urandom");
        assertEquals(64, vfs.read(h, new UnsafeBuffer(b), 0, 64), "read urandom again");
        assertFalse(java.util.Arrays.equals(a, b), "two reads differ");
        assertFalse(java.util.Arrays.equals(new byte[64], a), "not all zeros");
        long r = openOk(ALICE, "/dev/random", O_WRONLY, 0);
        assertEquals(8, vfs.write(r, new UnsafeBuffer(new byte[8]), 0, 8), "writing random is accepted");
    }

    @Test
    void ttyAndConsoleAreEnxioUntilADriverIsAttached() {
        assertErrno(ENXIO, open(ROOT, "/dev/tty", O_RDWR, 0), "tty without a driver");
        assertErrno(ENXIO, open(ROOT, "/dev/console", O_RDWR, 0), "console without a driver");
        assertErrno(EACCES, open(ALICE, "/dev/console", O_RDWR, 0), "console is 0600: permission comes first");
        StringBuilder written = new StringBuilder();
        vfs.devices().attach(Devices.TTY, new CharDevice() {
            @Override
            public long read(OpenFile file, MutableDirectBuffer dst, int dstOffset, int length) {
                return -Errno.EAGAIN;
            }

            @Override
            public long write(OpenFile file, DirectBuffer src, int srcOffset, int length) {
                written.append(src.getStringWithoutLengthAscii(srcOffset, length));
                return length;
            }
        });
        long h = openOk(ALICE, "/dev/tty", O_RDWR, 0);
        assertEquals(2, write(h, "hi"), "write through the attached driver");
        assertEquals("hi", written.toString(), "driver got the bytes");
        assertErrno(Errno.EAGAIN, vfs.read(h, new UnsafeBuffer(new byte[4]), 0, 4), "driver's EAGAIN passes through");
        assertErrno(ESPIPE, vfs.lseek(h, 0, SeekWhence.SEEK_CUR), "a tty does not seek");
        assertErrno(ESPIPE, vfs.pread(h, 0, new UnsafeBuffer(new byte[4]), 0, 4), "nor pread");
        assertErrno(Errno.EINVAL, vfs.fsync(h, false), "devices have no fsync");
    }

    @Test
    void nodevMountRefusesDevices() {
        assertOk(vfs.mkdirs(ROOT, "/mnt/nd", 0755), "mkdir");
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/nd", "tmpfs", MountFlags.MS_NODEV, null), "mount nodev");
        assertOk(vfs.mknod(ROOT, Vfs.NO_HANDLE, "/mnt/nd/null", FileMode.S_IFCHR | 0666, Devices.NULL, 0), "mknod");
        assertErrno(EACCES, open(ROOT, "/mnt/nd/null", O_RDWR, 0), "device on a nodev mount");
    }
}
