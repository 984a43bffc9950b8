package org.exoos.servers.vfs.tmpfs;

import org.exoos.servers.vfs.Inode;

/** What every tmpfs inode keeps beyond {@link Inode}: its link count and times (nanoseconds since the epoch). */
abstract class TmpfsInode extends Inode {
    int nlink;
    long atime;
    long mtime;
    long ctime;

    TmpfsInode(Tmpfs fs, long ino, int mode, int uid, int gid, int nlink, long now) {
        super(fs, ino, mode, uid, gid);
        this.nlink = nlink;
        this.atime = now;
        this.mtime = now;
        this.ctime = now;
    }

    /** st_size. */
    abstract long size();

    /** st_blocks, in 512-byte units. */
    long blocks() {
        return 0;
    }

    long rdev() {
        return 0;
    }

    void changeMode(int mode) {
        setMode(mode);
    }

    void changeUid(int uid) {
        setUid(uid);
    }

    void changeGid(int gid) {
        setGid(gid);
    }
}
