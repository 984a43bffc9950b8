package org.exoos.servers.vfs.devfs;

import org.agrona.collections.MutableReference;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.FileSystem;
import org.exoos.servers.vfs.FileSystemType;
import org.exoos.servers.vfs.Inode;
import org.exoos.servers.vfs.VfsClock;
import org.exoos.servers.vfs.tmpfs.Tmpfs;

/**
 * mount -t devtmpfs: as on Linux, one tmpfs instance shared by every mount of it, made at the first mount
 * and filled with the standard nodes:
 * <pre>
 *   null     c 1:3  0666 root:root      zero  c 1:5 0666      full c 1:7 0666
 *   random   c 1:8  0666                urandom c 1:9 0666
 *   tty      c 5:0  0666 root:tty(5)    console c 5:1 0600 root:root
 *   pts/ 0755   shm/ 1777
 *   fd -> /proc/self/fd   stdin -> /proc/self/fd/0   stdout -> /proc/self/fd/1   stderr -> /proc/self/fd/2
 * </pre>
 * The nodes are plain tmpfs nodes: what reading them does is the driver's ({@link Devices}), so a node made
 * with mknod elsewhere behaves the same.
 */
public final class DevfsType implements FileSystemType {
    public static final int TTY_GROUP = 5;

    private final VfsClock clock;
    private Tmpfs instance;

    public DevfsType(VfsClock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "devtmpfs";
    }

    @Override
    public int create(long dev, String source, String data, MutableReference<FileSystem> result) {
        if (instance == null) {
            instance = populate(new Tmpfs("devtmpfs", dev, clock, Tmpfs.defaultMaxBytes(),
                    Math.max(1, Tmpfs.defaultMaxBytes() / 4096), 0755, 0, 0, "mode=755"));
        }
        result.ref = instance;
        return 0;
    }

    /** Adds the standard nodes to an empty tmpfs and returns it. */
    public static Tmpfs populate(Tmpfs fs) {
        Inode root = fs.root();
        mknod(fs, root, "null", 0666, Devices.NULL, 0);
        mknod(fs, root, "zero", 0666, Devices.ZERO, 0);
        mknod(fs, root, "full", 0666, Devices.FULL, 0);
        mknod(fs, root, "random", 0666, Devices.RANDOM, 0);
        mknod(fs, root, "urandom", 0666, Devices.URANDOM, 0);
        mknod(fs, root, "tty", 0666, Devices.TTY, TTY_GROUP);
        mknod(fs, root, "console", 0600, Devices.CONSOLE, 0);
        check(fs.mkdir(root, "pts", FileMode.S_IFDIR | 0755, 0, 0));
        check(fs.mkdir(root, "shm", FileMode.S_IFDIR | 01777, 0, 0));
        check(fs.symlink(root, "fd", "/proc/self/fd", 0, 0));
        check(fs.symlink(root, "stdin", "/proc/self/fd/0", 0, 0));
        check(fs.symlink(root, "stdout", "/proc/self/fd/1", 0, 0));
        check(fs.symlink(root, "stderr", "/proc/self/fd/2", 0, 0));
        return fs;
    }

    private static void mknod(Tmpfs fs, Inode root, String name, int perm, long rdev, int gid) {
        check(fs.mknod(root, name, FileMode.S_IFCHR | perm, rdev, 0, gid));
    }

    private static void check(int rc) {
        if (rc != 0) {
            throw new IllegalStateException("populating devtmpfs failed: " + rc);
        }
    }
}
