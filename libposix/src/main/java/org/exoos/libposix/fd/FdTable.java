package org.exoos.libposix.fd;

import java.util.Arrays;

/**
 * A process's file descriptors: small integers naming {@link OpenFile}s, with the per-descriptor
 * close-on-exec flag. New descriptors take the lowest free number. Several descriptors may share one
 * open file (dup); the file is closed with the last of them, in this table and in every table forked from
 * it ({@link SharedDescriptions}).
 *
 * <p>The threads of a process share one table, so every operation holds the table's lock: a lookup never
 * sees a half-grown array, and two opens never take the same number.
 */
public final class FdTable {
    private OpenFile[] files = new OpenFile[16];
    private boolean[] cloexec = new boolean[16];
    private final SharedDescriptions shared;
    /** The processes using this very table: one, or more after clone(CLONE_FILES) (Linux's files_struct count). */
    private int users = 1;

    public FdTable() { this(new SharedDescriptions()); }

    /** clone(CLONE_FILES): one more process uses this table; it is closed when the last lets go. */
    public synchronized FdTable share() {
        users++;
        return this;
    }

    /** Whether another process shares this table (execve then takes a copy of its own: unshare_files). */
    public synchronized boolean isShared() { return users > 1; }

    /**
     * A process using this table ended or took a copy of its own: the last one to let go closes every fd.
     */
    public void release() {
        synchronized (this) {
            if (--users > 0) return;
        }
        closeAll();
    }

    private FdTable(SharedDescriptions shared) { this.shared = shared; }

    /**
     * fork's copy: the same descriptors naming the same open file descriptions (offsets and status flags
     * are shared), close-on-exec flags included.
     */
    public synchronized FdTable copy() {
        FdTable t = new FdTable(shared);
        t.files = files.clone();
        t.cloexec = cloexec.clone();
        for (int fd = 0; fd < files.length; fd++) {
            OpenFile f = files[fd];
            if (f != null && firstFd(f) == fd) shared.addTable(f);
        }
        return t;
    }

    /** execve: closes every close-on-exec descriptor. */
    public void closeOnExec() {
        for (int fd = 0; fd < length(); fd++) if (closeOnExec(fd)) close(fd);
    }

    /** The file at fd, or null when fd is not open. */
    public synchronized OpenFile get(long fd) {
        return fd >= 0 && fd < files.length ? files[(int) fd] : null;
    }

    /** Installs the file at the lowest free fd at or above {@code from} and below {@code limit}; -1 when none is free. */
    public synchronized int install(OpenFile file, int from, long limit, boolean closeOnExec) {
        for (int fd = Math.max(from, 0); fd < limit; fd++) {
            if (fd >= files.length) grow(fd);
            if (files[fd] == null) {
                files[fd] = file;
                cloexec[fd] = closeOnExec;
                return fd;
            }
        }
        return -1;
    }

    /** Puts a file at fd, closing what was there (dup2/dup3). */
    public void installAt(int fd, OpenFile file, boolean closeOnExec) {
        OpenFile unreferenced;
        synchronized (this) {
            if (fd >= files.length) grow(fd);
            OpenFile old = files[fd];
            files[fd] = file;
            cloexec[fd] = closeOnExec;
            unreferenced = old != null && !isReferenced(old) ? old : null;
        }
        if (unreferenced != null) letGo(unreferenced); // outside the lock: a close may wait on a server
    }

    public synchronized boolean closeOnExec(int fd) { return get(fd) != null && cloexec[fd]; }

    public synchronized void setCloseOnExec(int fd, boolean value) { if (get(fd) != null) cloexec[fd] = value; }

    /** Closes fd; false when it was not open. */
    public boolean close(long fd) {
        OpenFile f;
        boolean last;
        synchronized (this) {
            f = get(fd);
            if (f == null) return false;
            files[(int) fd] = null;
            cloexec[(int) fd] = false;
            last = !isReferenced(f);
        }
        if (last) letGo(f); // outside the lock: a close may wait on a server
        return true;
    }

    /** Closes every fd. */
    public void closeAll() {
        for (int fd = 0; fd < length(); fd++) close(fd);
    }

    private synchronized int length() { return files.length; }

    /** This table no longer refers to f: it is closed unless another table still does. */
    private void letGo(OpenFile f) {
        if (shared.dropTable(f)) f.close();
    }

    private int firstFd(OpenFile f) {
        for (int fd = 0; fd < files.length; fd++) if (files[fd] == f) return fd;
        return -1;
    }

    private boolean isReferenced(OpenFile f) {
        for (OpenFile o : files) if (o == f) return true;
        return false;
    }

    private void grow(int fd) {
        int n = Math.max(files.length * 2, fd + 1);
        files = Arrays.copyOf(files, n);
        cloexec = Arrays.copyOf(cloexec, n);
    }
}
