package org.exoos.servers.vfs.tmpfs;

/** A tmpfs device, FIFO or socket node: only attributes, its data is elsewhere. */
final class TmpfsNode extends TmpfsInode {
    private final long rdev;

    TmpfsNode(Tmpfs fs, long ino, int mode, int uid, int gid, long now, long rdev) {
        super(fs, ino, mode, uid, gid, 1, now);
        this.rdev = rdev;
    }

    @Override
    long size() {
        return 0;
    }

    @Override
    long rdev() {
        return rdev;
    }
}
