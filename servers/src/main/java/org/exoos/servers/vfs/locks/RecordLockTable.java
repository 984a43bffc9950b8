package org.exoos.servers.vfs.locks;

import static org.exoos.servers.protocol.Errno.EAGAIN;
import static org.exoos.servers.protocol.Errno.EBADF;
import static org.exoos.servers.protocol.Errno.EDEADLK;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EOVERFLOW;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_RDLCK;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_UNLCK;
import static org.exoos.servers.vfs.locks.FlockDescriptor.F_WRLCK;
import static org.exoos.servers.vfs.locks.FlockDescriptor.OFFSET_MAX;

import java.util.ArrayList;
import java.util.IdentityHashMap;

import org.exoos.servers.vfs.Inode;
import org.exoos.servers.vfs.OpenFile;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.SeekWhence;

/**
 * The fcntl(2) record locks of every file, kept by the vfs so that all processes see each other's locks
 * (fs/locks.c's posix locks). Each inode has a list of held ranges; the ranges of one owner never overlap
 * (setting a lock splits, trims or merges that owner's ranges), and two owners' ranges overlap only when
 * both are read locks.
 * <p>
 * Owners: a POSIX lock belongs to a process (its pid) and is released by {@link #releasePosix} when that
 * process closes any descriptor of the file; an OFD lock belongs to an open file description and is
 * released with its last close ({@link #releaseDescription}). A POSIX and an OFD lock never share an
 * owner, so they conflict even within one process.
 * <p>
 * Blocking (F_SETLKW) is never done here: the vfs must not block its loop. A conflicting F_SETLKW is
 * EDEADLK when every conflicting lock is held by the waiting process itself (processes have one thread,
 * so nothing could ever release it; Linux would sleep until a signal), and EAGAIN otherwise, which the
 * kernel takes as "try again later" and retries.
 */
public final class RecordLockTable {
    private final IdentityHashMap<Inode, ArrayList<RecordLock>> byInode = new IdentityHashMap<>();

    /**
     * One fcntl lock command of process {@code pid} on open file {@code f}, whose size is {@code fileSize}
     * (needed for SEEK_END only). {@code lPid} is the caller's l_pid (must be 0 for OFD commands).
     * For F_GETLK and F_OFD_GETLK, {@code conflict} receives the first conflicting lock, or type F_UNLCK.
     *
     * @return 0, or -EINVAL (type, whence, range, l_pid), -EOVERFLOW, -EBADF (access mode), -EAGAIN, -EDEADLK
     */
    public int lock(OpenFile f, int pid, int cmd, int type, int whence, long start, long length, int lPid,
                    long fileSize, RecordLock conflict) {
        if (!FlockDescriptor.isLockCommand(cmd)) {
            return -EINVAL;
        }
        boolean get = FlockDescriptor.isGet(cmd);
        boolean ofd = FlockDescriptor.isOfd(cmd);
        if (get ? type != F_RDLCK && type != F_WRLCK : type != F_RDLCK && type != F_WRLCK && type != F_UNLCK) {
            return -EINVAL;
        }
        long base;
        switch (whence) {
            case SeekWhence.SEEK_SET -> base = 0;
            case SeekWhence.SEEK_CUR -> base = f.position();
            case SeekWhence.SEEK_END -> base = fileSize;
            default -> {
                return -EINVAL;
            }
        }
        if (start > OFFSET_MAX - base) {
            return -EOVERFLOW;
        }
        long from = base + start;
        if (from < 0) {
            return -EINVAL;
        }
        long to;
        if (length > 0) {
            if (length - 1 > OFFSET_MAX - from) {
                return -EOVERFLOW;
            }
            to = from + length - 1;
        } else if (length < 0) {
            to = from - 1;
            from += length;
            if (from < 0) {
                return -EINVAL;
            }
        } else {
            to = OFFSET_MAX;
        }
        if (!get && (type == F_RDLCK && !OpenFlags.canRead(f.flags())
                || type == F_WRLCK && !OpenFlags.canWrite(f.flags()))) {
            return -EBADF;
        }
        if (ofd && lPid != 0) {
            return -EINVAL;
        }
        OpenFile owner = ofd ? f : null;
        ArrayList<RecordLock> locks = byInode.get(f.inode());
        if (get) {
            RecordLock found = findConflict(locks, pid, owner, type, from, to);
            if (found == null) {
                conflict.set(0, 0, F_UNLCK, 0, null);
            } else {
                conflict.set(found.start, found.end, found.type, found.pid, found.description);
            }
            return 0;
        }
        if (type != F_UNLCK) {
            RecordLock found = findConflict(locks, pid, owner, type, from, to);
            if (found != null) {
                return FlockDescriptor.isWait(cmd) && heldOnlyBy(locks, pid, owner, type, from, to) ? -EDEADLK : -EAGAIN;
            }
        }
        if (locks == null) {
            if (type == F_UNLCK) {
                return 0;
            }
            locks = new ArrayList<>(4);
            byInode.put(f.inode(), locks);
        }
        apply(locks, pid, owner, type, from, to);
        if (locks.isEmpty()) {
            byInode.remove(f.inode());
        }
        return 0;
    }

    private static RecordLock findConflict(ArrayList<RecordLock> locks, int pid, OpenFile owner, int type, long from,
                                           long to) {
        if (locks == null) {
            return null;
        }
        for (int i = 0; i < locks.size(); i++) {
            RecordLock l = locks.get(i);
            if (!l.sameOwner(pid, owner) && l.overlaps(from, to) && l.conflictsWith(type)) {
                return l;
            }
        }
        return null;
    }

    /** Whether every conflicting lock is one the requesting process holds itself (through an OFD). */
    private static boolean heldOnlyBy(ArrayList<RecordLock> locks, int pid, OpenFile owner, int type, long from,
                                      long to) {
        for (int i = 0; i < locks.size(); i++) {
            RecordLock l = locks.get(i);
            if (!l.sameOwner(pid, owner) && l.overlaps(from, to) && l.conflictsWith(type) && l.pid != pid) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces the owner's ranges within [from, to] by one lock of {@code type} (none for F_UNLCK): ranges of
     * another type are trimmed or split around it, ranges of the same type that overlap or touch it merge.
     */
    private static void apply(ArrayList<RecordLock> locks, int pid, OpenFile owner, int type, long from, long to) {
        boolean merged = true;
        while (merged) { // a merge widens the range, which may now touch another same-type range
            merged = false;
            for (int i = 0; i < locks.size(); i++) {
                RecordLock l = locks.get(i);
                if (!l.sameOwner(pid, owner)) {
                    continue;
                }
                boolean touches = l.start <= (to == OFFSET_MAX ? to : to + 1) && (from == 0 ? 0 : from - 1) <= l.end;
                if (type != F_UNLCK && l.type == type && touches) {
                    from = Math.min(from, l.start);
                    to = Math.max(to, l.end);
                    locks.remove(i);
                    merged = true;
                    break;
                }
            }
        }
        for (int i = 0; i < locks.size(); i++) {
            RecordLock l = locks.get(i);
            if (!l.sameOwner(pid, owner) || !l.overlaps(from, to)) {
                continue;
            }
            if (l.start < from && l.end > to) { // split in two
                locks.add(new RecordLock(to + 1, l.end, l.type, l.pid, l.description));
                l.end = from - 1;
            } else if (l.start < from) {
                l.end = from - 1;
            } else if (l.end > to) {
                l.start = to + 1;
            } else {
                locks.remove(i--);
            }
        }
        if (type != F_UNLCK) {
            locks.add(new RecordLock(from, to, type, pid, owner));
        }
    }

    /** close(2) by process {@code pid} of any descriptor of {@code inode}: its POSIX locks there go. */
    public void releasePosix(Inode inode, int pid) {
        ArrayList<RecordLock> locks = byInode.get(inode);
        if (locks == null) {
            return;
        }
        locks.removeIf(l -> l.description == null && l.pid == pid);
        if (locks.isEmpty()) {
            byInode.remove(inode);
        }
    }

    /** The last close of an open file description: its OFD locks go. */
    public void releaseDescription(OpenFile f) {
        ArrayList<RecordLock> locks = byInode.get(f.inode());
        if (locks == null) {
            return;
        }
        locks.removeIf(l -> l.description == f);
        if (locks.isEmpty()) {
            byInode.remove(f.inode());
        }
    }

    /** The locks held on {@code inode}, for tests and inspection (a copy). */
    public ArrayList<RecordLock> locksOf(Inode inode) {
        ArrayList<RecordLock> locks = byInode.get(inode);
        return locks == null ? new ArrayList<>() : new ArrayList<>(locks);
    }

    /** Inodes with at least one lock. */
    public int lockedInodes() {
        return byInode.size();
    }
}
