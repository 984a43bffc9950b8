package org.exoos.libposix.fd;

import java.util.Arrays;

/**
 * A process's file descriptors: small integers naming {@link OpenFile}s, with the per-descriptor
 * close-on-exec flag. New descriptors take the lowest free number. Several descriptors may share one
 * open file (dup); the file is closed with the last of them.
 */
public final class FdTable {
    private OpenFile[] files = new OpenFile[16];
    private boolean[] cloexec = new boolean[16];

    /** The file at fd, or null when fd is not open. */
    public OpenFile get(long fd) {
        return fd >= 0 && fd < files.length ? files[(int) fd] : null;
    }

    /** Installs the file at the lowest free fd at or above {@code from} and below {@code limit}; -1 when none is free. */
    public int install(OpenFile file, int from, long limit, boolean closeOnExec) {
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
        if (fd >= files.length) grow(fd);
        OpenFile old = files[fd];
        files[fd] = file;
        cloexec[fd] = closeOnExec;
        if (old != null && !isReferenced(old)) old.close();
    }

    public boolean closeOnExec(int fd) { return get(fd) != null && cloexec[fd]; }

    public void setCloseOnExec(int fd, boolean value) { if (get(fd) != null) cloexec[fd] = value; }

    /** Closes fd; false when it was not open. */
    public boolean close(long fd) {
        OpenFile f = get(fd);
        if (f == null) return false;
        files[(int) fd] = null;
        cloexec[(int) fd] = false;
        if (!isReferenced(f)) f.close();
        return true;
    }

    /** Closes every fd. */
    public void closeAll() {
        for (int fd = 0; fd < files.length; fd++) if (files[fd] != null) close(fd);
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
