package org.exoos.servers.vfs.locks;

import static org.exoos.servers.protocol.Errno.EAGAIN;
import static org.exoos.servers.protocol.Errno.EBADF;
import static org.exoos.servers.protocol.Errno.EINVAL;

import java.util.ArrayList;
import java.util.IdentityHashMap;

import org.exoos.servers.vfs.Inode;
import org.exoos.servers.vfs.OpenFile;
import org.exoos.servers.vfs.OpenFlags;

/**
 * The flock(2) locks of every file (fs/locks.c's flock locks): whole-file locks, shared or exclusive, each
 * owned by one open file description. They live apart from the fcntl record locks
 * ({@link RecordLockTable}): on Linux the two kinds never conflict with each other.
 * <p>
 * As on Linux, a conversion (shared to exclusive or back) is not atomic: the description's old lock is
 * dropped first, then the new one is tried, so a conversion that meets a conflict has lost the old lock.
 * A description's lock goes with its last close ({@link #releaseDescription}).
 * <p>
 * Blocking is never done here (the vfs must not block its loop): a conflict is EAGAIN whether or not the
 * caller gave LOCK_NB; the kernel waits and asks again when it did not. There is no deadlock detection,
 * as on Linux: a wait for a lock one's own other description holds lasts until a signal.
 */
public final class FlockTable {
    /** The flock(2) operations (asm-generic/fcntl.h). */
    public static final int LOCK_SH = 1;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;
    public static final int LOCK_UN = 8;
    /** Obsolete "mandatory" flock: Linux 5.17 and later ignore such a request and answer 0. */
    public static final int LOCK_MAND = 32;

    /** One description's lock on an inode. */
    private static final class Holder {
        final OpenFile description;
        boolean exclusive;

        Holder(OpenFile description, boolean exclusive) {
            this.description = description;
            this.exclusive = exclusive;
        }
    }

    private final IdentityHashMap<Inode, ArrayList<Holder>> byInode = new IdentityHashMap<>();

    /** Whether {@code operation} (LOCK_NB already removed) is one flock(2) accepts. */
    public static boolean isOperation(int operation) {
        return operation == LOCK_SH || operation == LOCK_EX || operation == LOCK_UN;
    }

    /**
     * flock(2) by open file description {@code f}: {@code operation} is LOCK_SH, LOCK_EX or LOCK_UN
     * (without LOCK_NB). Any access mode may take either kind of lock.
     *
     * @return 0, -EINVAL (operation), -EBADF (an O_PATH file, or one opened for neither reading nor
     * writing), or -EAGAIN (another description holds a conflicting lock)
     */
    public int lock(OpenFile f, int operation) {
        if (!isOperation(operation)) {
            return -EINVAL;
        }
        if (f.isPath() || operation != LOCK_UN && !OpenFlags.canRead(f.flags()) && !OpenFlags.canWrite(f.flags())) {
            return -EBADF;
        }
        boolean exclusive = operation == LOCK_EX;
        ArrayList<Holder> holders = byInode.get(f.inode());
        if (holders != null) {
            for (int i = 0; i < holders.size(); i++) {
                Holder h = holders.get(i);
                if (h.description != f) {
                    continue;
                }
                if (operation != LOCK_UN && h.exclusive == exclusive) {
                    return 0;
                }
                holders.remove(i); // a conversion drops the old lock first, as Linux does
                break;
            }
        }
        if (operation == LOCK_UN) {
            if (holders != null && holders.isEmpty()) {
                byInode.remove(f.inode());
            }
            return 0;
        }
        if (holders != null) {
            for (int i = 0; i < holders.size(); i++) {
                if (exclusive || holders.get(i).exclusive) {
                    return -EAGAIN;
                }
            }
        } else {
            holders = new ArrayList<>(2);
            byInode.put(f.inode(), holders);
        }
        holders.add(new Holder(f, exclusive));
        return 0;
    }

    /** The last close of an open file description: its flock lock goes. */
    public void releaseDescription(OpenFile f) {
        ArrayList<Holder> holders = byInode.get(f.inode());
        if (holders == null) {
            return;
        }
        holders.removeIf(h -> h.description == f);
        if (holders.isEmpty()) {
            byInode.remove(f.inode());
        }
    }

    /**
     * The lock {@code f} holds on its file: LOCK_SH, LOCK_EX, or LOCK_UN for none (for tests and inspection).
     */
    public int lockOf(OpenFile f) {
        ArrayList<Holder> holders = byInode.get(f.inode());
        if (holders != null) {
            for (int i = 0; i < holders.size(); i++) {
                Holder h = holders.get(i);
                if (h.description == f) {
                    return h.exclusive ? LOCK_EX : LOCK_SH;
                }
            }
        }
        return LOCK_UN;
    }

    /** Inodes with at least one flock lock. */
    public int lockedInodes() {
        return byInode.size();
    }
}
