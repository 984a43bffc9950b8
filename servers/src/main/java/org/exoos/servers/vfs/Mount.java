package org.exoos.servers.vfs;

/**
 * One mount: a file system (or, for a bind mount, a directory of one) attached on a mountpoint of a parent
 * mount. Location in the namespace is always the pair (mount, inode), as Linux's struct path: the same inode
 * seen through two mounts is in two places.
 */
public final class Mount {
    private final int id;
    private final FileSystem fileSystem;
    private final Inode root;
    private final String source;
    private final Mount parent;
    private final Inode mountpoint;
    private long flags;
    /** Open files (including cwds and dirfds held as O_PATH files) whose location is in this mount. */
    int openFiles;
    /** Mounts whose parent this is. */
    int children;
    boolean attached = true;
    boolean expiryMarked;

    Mount(int id, FileSystem fileSystem, Inode root, String source, Mount parent, Inode mountpoint, long flags) {
        this.id = id;
        this.fileSystem = fileSystem;
        this.root = root;
        this.source = source;
        this.parent = parent;
        this.mountpoint = mountpoint;
        this.flags = flags;
    }

    /** A number unique in the table, as mountinfo's mount ID. */
    public int id() {
        return id;
    }

    public FileSystem fileSystem() {
        return fileSystem;
    }

    /** The inode seen at the mountpoint: the file system's root, or the bound directory. */
    public Inode root() {
        return root;
    }

    public String source() {
        return source;
    }

    /** The mount this one is attached to; null for the root mount. */
    public Mount parent() {
        return parent;
    }

    /** The inode of the parent mount this one covers; null for the root mount. */
    public Inode mountpoint() {
        return mountpoint;
    }

    /** The per-mount MS_* flags ({@link MountFlags#PER_MOUNT}). */
    public long flags() {
        return flags;
    }

    void setFlags(long flags) {
        this.flags = flags;
    }

    public boolean isReadOnly() {
        return (flags & MountFlags.MS_RDONLY) != 0;
    }

    /** Still in the namespace (false after umount, including a lazy one that open files outlive). */
    public boolean isAttached() {
        return attached;
    }

    public int openFiles() {
        return openFiles;
    }

    /** The mount options as /proc/mounts prints them: "rw,nosuid,relatime" then the file system's. */
    public String options() {
        StringBuilder sb = new StringBuilder(isReadOnly() ? "ro" : "rw");
        if ((flags & MountFlags.MS_NOSUID) != 0) {
            sb.append(",nosuid");
        }
        if ((flags & MountFlags.MS_NODEV) != 0) {
            sb.append(",nodev");
        }
        if ((flags & MountFlags.MS_NOEXEC) != 0) {
            sb.append(",noexec");
        }
        if ((flags & MountFlags.MS_NOSYMFOLLOW) != 0) {
            sb.append(",nosymfollow");
        }
        if ((flags & MountFlags.MS_NOATIME) != 0) {
            sb.append(",noatime");
        } else if ((flags & MountFlags.MS_STRICTATIME) == 0) {
            sb.append(",relatime");
        }
        if ((flags & MountFlags.MS_NODIRATIME) != 0) {
            sb.append(",nodiratime");
        }
        String fsOptions = fileSystem.mountOptions();
        if (!fsOptions.isEmpty()) {
            sb.append(',').append(fsOptions);
        }
        return sb.toString();
    }

    /** The st_f_flags bits statfs reports for this mount. */
    public long statfsFlags() {
        long f = MountFlags.ST_VALID;
        if ((flags & MountFlags.MS_RDONLY) != 0) {
            f |= MountFlags.ST_RDONLY;
        }
        if ((flags & MountFlags.MS_NOSUID) != 0) {
            f |= MountFlags.ST_NOSUID;
        }
        if ((flags & MountFlags.MS_NODEV) != 0) {
            f |= MountFlags.ST_NODEV;
        }
        if ((flags & MountFlags.MS_NOEXEC) != 0) {
            f |= MountFlags.ST_NOEXEC;
        }
        if ((flags & MountFlags.MS_NOATIME) != 0) {
            f |= MountFlags.ST_NOATIME;
        }
        if ((flags & MountFlags.MS_NODIRATIME) != 0) {
            f |= MountFlags.ST_NODIRATIME;
        }
        if ((flags & (MountFlags.MS_NOATIME | MountFlags.MS_STRICTATIME)) == 0) {
            f |= MountFlags.ST_RELATIME;
        }
        if ((flags & MountFlags.MS_NOSYMFOLLOW) != 0) {
            f |= MountFlags.ST_NOSYMFOLLOW;
        }
        return f;
    }

    @Override
    public String toString() {
        return "Mount[" + id + " " + fileSystem.typeName() + " " + source + " " + options() + "]";
    }
}
