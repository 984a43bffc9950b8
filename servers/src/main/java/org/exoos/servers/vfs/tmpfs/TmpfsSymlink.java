package org.exoos.servers.vfs.tmpfs;

import org.exoos.servers.vfs.FileMode;

/** A tmpfs symbolic link; its size is the target's length in bytes. */
final class TmpfsSymlink extends TmpfsInode {
    final String target;

    TmpfsSymlink(Tmpfs fs, long ino, int uid, int gid, long now, String target) {
        super(fs, ino, FileMode.S_IFLNK | 0777, uid, gid, 1, now);
        this.target = target;
    }

    @Override
    long size() {
        return target.length();
    }
}
