package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.junit.jupiter.api.Test;

import static org.exoos.servers.protocol.Errno.EAGAIN;
import static org.exoos.servers.protocol.Errno.EBUSY;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.ENODEV;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOTDIR;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.exoos.servers.protocol.Errno.EROFS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountTableTest extends VfsFixture {

    @Test
    void defaultTreeHasTmpfsRootAndDevtmpfs() {
        assertEquals("tmpfs / tmpfs rw,relatime,mode=755 0 0\n"
                + "devtmpfs /dev devtmpfs rw,nosuid,relatime,mode=755 0 0\n", vfs.mounts().procMounts(), "/proc/mounts");
        assertEquals(0755, stat(ROOT, "/").mode & 07777, "/ mode");
        assertEquals(01777, stat(ROOT, "/tmp").mode & 07777, "/tmp mode");
        assertEquals(0555, stat(ROOT, "/proc").mode & 07777, "/proc mode");
        assertEquals(1, stat(ROOT, "/").ino, "tmpfs root inode is 1");
    }

    @Test
    void eachMountHasItsOwnAnonymousDevice() {
        mkdir(ROOT, "/mnt/a", 0755);
        mkdir(ROOT, "/mnt/b", 0755);
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/a", "tmpfs", 0, "size=1m"), "mount a");
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/b", "tmpfs", 0, null), "mount b");
        long a = stat(ROOT, "/mnt/a").dev;
        long b = stat(ROOT, "/mnt/b").dev;
        assertNotEquals(a, b, "two tmpfs mounts, two st_dev");
        assertNotEquals(stat(ROOT, "/").dev, a, "differs from the root's");
        assertEquals(0, DeviceNumbers.major(a), "anonymous devices have major 0");
        StatFs fs = new StatFs();
        assertOk(vfs.statfs(ROOT, Vfs.NO_HANDLE, "/mnt/a", fs), "statfs");
        assertEquals(256, fs.blocks, "size=1m is 256 pages");
    }

    @Test
    void mountHidesAndUmountReveals() {
        mkdir(ROOT, "/mnt/m", 0755);
        writeFile(ROOT, "/mnt/m/under", "u", 0644);
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/m", "tmpfs", 0, null), "mount");
        assertErrno(ENOENT, statErrno(ROOT, "/mnt/m/under"), "hidden by the mount");
        writeFile(ROOT, "/mnt/m/over", "o", 0644);
        assertOk(vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m", 0), "umount");
        assertOk(statErrno(ROOT, "/mnt/m/under"), "visible again");
        assertErrno(ENOENT, statErrno(ROOT, "/mnt/m/over"), "the mount's content went with it");
    }

    @Test
    void umountIsBusyWhileFilesAreOpenOrMountsBelow() {
        mkdir(ROOT, "/mnt/m", 0755);
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/m", "tmpfs", 0, null), "mount");
        long h = openOk(ROOT, "/mnt/m/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        assertErrno(EBUSY, vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m", 0), "open file");
        vfs.close(h);
        long cwd = vfs.chdir(ROOT, Vfs.NO_HANDLE, "/mnt/m");
        assertErrno(EBUSY, vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m", 0), "a cwd");
        vfs.close(cwd);
        mkdir(ROOT, "/mnt/m/sub", 0755);
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/m/sub", "tmpfs", 0, null), "mount below");
        assertErrno(EBUSY, vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m", 0), "a mount below");
        assertErrno(EBUSY, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/mnt/m/sub", AtFlags.AT_REMOVEDIR), "rmdir a mountpoint");
        assertErrno(EBUSY, vfs.rename(ROOT, Vfs.NO_HANDLE, "/mnt/m/sub", Vfs.NO_HANDLE, "/mnt/m/x", 0), "rename a mountpoint");
        assertOk(vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m/sub", 0), "umount below");
        assertOk(vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m", 0), "umount");
        assertErrno(EINVAL, vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m", 0), "not a mountpoint any more");
        assertErrno(EBUSY, vfs.umount(ROOT, Vfs.NO_HANDLE, "/", 0), "the root");
        assertErrno(EPERM, vfs.umount(ALICE, Vfs.NO_HANDLE, "/dev", 0), "unprivileged");
    }

    @Test
    void lazyUmountDetachesAndOpenFilesLiveOn() {
        mkdir(ROOT, "/mnt/m", 0755);
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/m", "tmpfs", 0, null), "mount");
        long h = openOk(ROOT, "/mnt/m/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        assertOk(vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m", MountFlags.MNT_DETACH), "MNT_DETACH");
        assertErrno(ENOENT, statErrno(ROOT, "/mnt/m/f"), "gone from the namespace");
        assertEquals(3, write(h, "abc"), "the open file still works");
        assertOk(vfs.lseek(h, 0, SeekWhence.SEEK_SET), "rewind");
        assertEquals("abc", read(h, 10), "and reads back");
    }

    @Test
    void expireMarksThenUnmounts() {
        mkdir(ROOT, "/mnt/m", 0755);
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/m", "tmpfs", 0, null), "mount");
        assertErrno(EAGAIN, vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m", MountFlags.MNT_EXPIRE), "first MNT_EXPIRE");
        assertOk(vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m", MountFlags.MNT_EXPIRE), "second MNT_EXPIRE");
        assertErrno(EINVAL, vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/m", MountFlags.MNT_EXPIRE | MountFlags.MNT_DETACH),
                "MNT_EXPIRE with MNT_DETACH");
    }

    @Test
    void mountChecks() {
        assertErrno(EPERM, vfs.mount(ALICE, "tmpfs", Vfs.NO_HANDLE, "/mnt", "tmpfs", 0, null), "unprivileged");
        assertErrno(ENODEV, vfs.mount(ROOT, "x", Vfs.NO_HANDLE, "/mnt", "nosuchfs", 0, null), "unknown type");
        assertErrno(ENOENT, vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/none", "tmpfs", 0, null), "missing target");
        assertErrno(ENOTDIR, vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/dev/null", "tmpfs", 0, null), "file target");
        assertErrno(EINVAL, vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt", "tmpfs", 0, "bogus=1"), "unknown option");
        assertErrno(EINVAL, vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/tmp", "tmpfs", MountFlags.MS_REMOUNT, null),
                "remount of a non-mountpoint");
        assertOk(vfs.mount(ROOT, "none", Vfs.NO_HANDLE, "/", "", MountFlags.MS_PRIVATE | MountFlags.MS_REC, null),
                "propagation change is accepted");
    }

    @Test
    void readOnlyMountAndRemount() {
        mkdir(ROOT, "/mnt/m", 0755);
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/m", "tmpfs", 0, null), "mount");
        writeFile(ROOT, "/mnt/m/f", "x", 0644);
        assertOk(vfs.mount(ROOT, "tmpfs", Vfs.NO_HANDLE, "/mnt/m", null, MountFlags.MS_REMOUNT | MountFlags.MS_RDONLY, null),
                "remount ro");
        assertErrno(EROFS, open(ROOT, "/mnt/m/f", OpenFlags.O_WRONLY, 0), "write on ro");
        assertErrno(EROFS, open(ROOT, "/mnt/m/g", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644), "create on ro");
        assertErrno(EROFS, vfs.unlink(ROOT, Vfs.NO_HANDLE, "/mnt/m/f", 0), "unlink on ro");
        assertErrno(EROFS, vfs.chmod(ROOT, Vfs.NO_HANDLE, "/mnt/m/f", 0600, 0), "chmod on ro");
        assertErrno(EROFS, vfs.access(ROOT, Vfs.NO_HANDLE, "/mnt/m/f", AtFlags.W_OK, 0), "access W_OK on ro");
        assertOk(open(ROOT, "/mnt/m/f", OpenFlags.O_RDONLY, 0), "read on ro");
        StatFs fs = new StatFs();
        assertOk(vfs.statfs(ROOT, Vfs.NO_HANDLE, "/mnt/m", fs), "statfs");
        assertTrue((fs.flags & MountFlags.ST_RDONLY) != 0, "ST_RDONLY");
        assertTrue(vfs.mounts().procMounts().contains("tmpfs /mnt/m tmpfs ro,relatime 0 0\n"), vfs.mounts().procMounts());
    }

    @Test
    void bindMountShowsTheSameInodes() {
        mkdir(ROOT, "/tmp/src", 0755);
        writeFile(ROOT, "/tmp/src/f", "bound", 0644);
        mkdir(ROOT, "/mnt/b", 0755);
        assertOk(vfs.mount(ROOT, "/tmp/src", Vfs.NO_HANDLE, "/mnt/b", null, MountFlags.MS_BIND, null), "bind");
        assertEquals("bound", readFile(ROOT, "/mnt/b/f"), "content through the bind");
        assertEquals(stat(ROOT, "/tmp/src/f").ino, stat(ROOT, "/mnt/b/f").ino, "same inode");
        assertEquals(stat(ROOT, "/mnt").ino, stat(ROOT, "/mnt/b/..").ino, ".. from a bind root goes to the mountpoint's parent");
        assertErrno(Errno.EXDEV, vfs.rename(ROOT, Vfs.NO_HANDLE, "/mnt/b/f", Vfs.NO_HANDLE, "/tmp/src/g", 0),
                "rename across two mounts of one file system");
    }

    @Test
    void mountsStackOnAMountRoot() {
        mkdir(ROOT, "/mnt/s", 0755);
        assertOk(vfs.mount(ROOT, "one", Vfs.NO_HANDLE, "/mnt/s", "tmpfs", 0, null), "first");
        writeFile(ROOT, "/mnt/s/first", "1", 0644);
        assertOk(vfs.mount(ROOT, "two", Vfs.NO_HANDLE, "/mnt/s", "tmpfs", 0, null), "second on top");
        assertErrno(ENOENT, statErrno(ROOT, "/mnt/s/first"), "the top mount hides the first");
        assertOk(vfs.umount(ROOT, Vfs.NO_HANDLE, "/mnt/s", 0), "umount the top");
        assertOk(statErrno(ROOT, "/mnt/s/first"), "the first shows again");
    }
}
