package org.exoos.servers.vfs;

/**
 * An open file description (Linux's struct file): the file, where it was reached, the file offset and the
 * status flags, shared by every descriptor dup'ed or inherited from one open. Its references are counted by
 * the {@link Vfs} (one per {@link Vfs#retain}), and the last close releases it.
 * <p>
 * The offset, flags and references change only through the vfs. A file system or a driver may hang its own
 * per-open state on {@link #setPrivateData}.
 */
public final class OpenFile {
    private final Mount mount;
    private final Inode inode;
    private final Credentials opener;
    private final Inode parentAtOpen;
    private final String nameAtOpen;
    private int flags;
    long position;
    int references = 1;
    CharDevice device;
    private Object privateData;

    OpenFile(Mount mount, Inode inode, int flags, Credentials opener, Inode parentAtOpen, String nameAtOpen) {
        this.mount = mount;
        this.inode = inode;
        this.flags = flags;
        this.opener = opener;
        this.parentAtOpen = parentAtOpen;
        this.nameAtOpen = nameAtOpen;
    }

    public Mount mount() {
        return mount;
    }

    public Inode inode() {
        return inode;
    }

    /**
     * The access mode and status flags, as F_GETFL reports them: O_LARGEFILE always (riscv64 is 64-bit)
     * except for O_PATH files, which keep only O_PATH, O_DIRECTORY and O_NOFOLLOW; never O_CREAT, O_EXCL,
     * O_NOCTTY, O_TRUNC or O_CLOEXEC (close-on-exec belongs to the descriptor).
     */
    public int flags() {
        return flags;
    }

    void setFlags(int flags) {
        this.flags = flags;
    }

    /** The file offset. */
    public long position() {
        return position;
    }

    /** Opened with O_PATH: a place, not a channel to the data (read, write and most f-calls are EBADF). */
    public boolean isPath() {
        return (flags & OpenFlags.O_PATH) != 0;
    }

    public boolean isNonBlocking() {
        return (flags & OpenFlags.O_NONBLOCK) != 0;
    }

    /** The credentials of the opener (Linux's f_cred). */
    public Credentials opener() {
        return opener;
    }

    /** The driver of a character device, or null. */
    public CharDevice device() {
        return device;
    }

    /** The directory the file was found in at open, for /proc/[pid]/fd links; null for a place given as "/" or "". */
    public Inode parentAtOpen() {
        return parentAtOpen;
    }

    /** The name the file had at open; null when it was opened without one. */
    public String nameAtOpen() {
        return nameAtOpen;
    }

    public int references() {
        return references;
    }

    public Object privateData() {
        return privateData;
    }

    public void setPrivateData(Object privateData) {
        this.privateData = privateData;
    }

    @Override
    public String toString() {
        return "OpenFile[" + inode + " flags=0" + Integer.toOctalString(flags) + " pos=" + position + " refs="
                + references + "]";
    }
}
