package org.exoos.servers.vfs.tmpfs;

/** A tmpfs regular file: its pages and size, and how many open files hold it. */
final class TmpfsFile extends TmpfsInode {
    final PageStore pages = new PageStore();
    long size;
    int openCount;

    TmpfsFile(Tmpfs fs, long ino, int mode, int uid, int gid, long now) {
        super(fs, ino, mode, uid, gid, 1, now);
    }

    @Override
    long size() {
        return size;
    }

    @Override
    long blocks() {
        return (long) pages.count() * (PageStore.PAGE_SIZE / 512);
    }
}
