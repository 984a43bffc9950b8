package org.exoos.servers.vfs;

/**
 * A file as the vfs sees it: which file system it belongs to, its number, and the three attributes that
 * every path walk and permission check reads (mode, owner, group), kept in fields so that the walk never asks
 * the file system for them. Each file system subclasses it and keeps the rest (times, links, data); the vfs
 * hands an inode back only to the file system that made it.
 * <p>
 * An inode lives as long as anything refers to it: a directory entry of its file system or an
 * {@link OpenFile}. So a file unlinked while open keeps its data until the last open file is closed.
 */
public abstract class Inode {
    private final FileSystem fileSystem;
    private final long ino;
    private int mode;
    private int uid;
    private int gid;
    /** How many mounts sit on this inode: nonzero makes the walk look in the mount table (DCACHE_MOUNTED). */
    int mountCount;

    protected Inode(FileSystem fileSystem, long ino, int mode, int uid, int gid) {
        this.fileSystem = fileSystem;
        this.ino = ino;
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
    }

    public final FileSystem fileSystem() {
        return fileSystem;
    }

    public final long ino() {
        return ino;
    }

    /** Type and permission bits, as st_mode. */
    public final int mode() {
        return mode;
    }

    public final int uid() {
        return uid;
    }

    public final int gid() {
        return gid;
    }

    public final boolean isDirectory() {
        return FileMode.isDirectory(mode);
    }

    public final boolean isRegular() {
        return FileMode.isRegular(mode);
    }

    public final boolean isSymlink() {
        return FileMode.isSymlink(mode);
    }

    public final boolean isMountpoint() {
        return mountCount > 0;
    }

    protected final void setMode(int mode) {
        this.mode = mode;
    }

    protected final void setUid(int uid) {
        this.uid = uid;
    }

    protected final void setGid(int gid) {
        this.gid = gid;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + fileSystem.typeName() + " ino=" + ino + " mode=0"
                + Integer.toOctalString(mode) + "]";
    }
}
