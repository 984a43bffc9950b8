package org.exoos.libposix.fd;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The inode fstat(2) shows for a file that lives only in the kernel: a pipe (on pipefs, S_IFIFO) or an
 * eventfd and epoll instance (on anon_inodefs, mode 0600 with no file type). Owned by whoever made it.
 */
final class KernelInode {
    /** pipefs and anon_inodefs devices: unnamed block devices 0:13 and 0:14 as on a typical Linux boot. */
    static final long PIPEFS_DEV = FileStat.makedev(0, 13), ANON_INODEFS_DEV = FileStat.makedev(0, 14);
    private static final AtomicLong NEXT_INODE = new AtomicLong(20_000);

    private final long dev, ino;
    private final int mode, uid, gid;
    private final long createdMillis = System.currentTimeMillis();

    KernelInode(long dev, int mode, int uid, int gid) {
        this.dev = dev;
        this.ino = NEXT_INODE.getAndIncrement();
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
    }

    static KernelInode pipe(int uid, int gid) { return new KernelInode(PIPEFS_DEV, FileStat.S_IFIFO | 0600, uid, gid); }

    static KernelInode anonymous() { return new KernelInode(ANON_INODEFS_DEV, 0600, 0, 0); }

    long fill(FileStat st) {
        st.dev = dev;
        st.ino = ino;
        st.mode = mode;
        st.nlink = 1;
        st.uid = uid;
        st.gid = gid;
        st.rdev = 0;
        st.size = 0;
        st.blocks = 0;
        st.blksize = 4096;
        st.atimeSec = st.mtimeSec = st.ctimeSec = createdMillis / 1000;
        st.atimeNsec = st.mtimeNsec = st.ctimeNsec = (createdMillis % 1000) * 1_000_000;
        return 0;
    }
}
