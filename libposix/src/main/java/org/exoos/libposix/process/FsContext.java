package org.exoos.libposix.process;

/**
 * Where a process's paths start and what mode its new files get (Linux's fs_struct): the working directory
 * and root directory (vfs server handles, O_PATH; -1 for none or the namespace's root) and the umask. A fork
 * copies it; clone(CLONE_FS) and the threads of a process share one, so a chdir, chroot or umask by one is
 * seen by all. The handles are closed by the last user ({@link #release}).
 */
public final class FsContext {
    private volatile long cwd = -1;
    private volatile long root = -1;
    /** The file mode creation mask (umask(2)); Linux starts init with 022. */
    private volatile int umask = 022;
    private int users = 1;

    public long cwd() { return cwd; }
    public void setCwd(long handle) { cwd = handle; }
    public long root() { return root; }
    public void setRoot(long handle) { root = handle; }
    public int umask() { return umask; }
    public void setUmask(int mask) { umask = mask & 0777; }

    /** A fork's own copy (the caller retains the handles for it). */
    public FsContext copy() {
        FsContext c = new FsContext();
        c.cwd = cwd;
        c.root = root;
        c.umask = umask;
        return c;
    }

    /** clone(CLONE_FS): one more process uses this context. */
    public synchronized FsContext share() {
        users++;
        return this;
    }

    /** A user let go: true for the last one, which closes the handles. */
    public synchronized boolean release() { return --users == 0; }
}
