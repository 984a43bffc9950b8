package org.exoos.servers.vfs.locks;

import org.exoos.servers.vfs.OpenFile;

/**
 * One held byte-range lock, {@code [start, end]} inclusive ({@code end} = {@link FlockDescriptor#OFFSET_MAX}
 * for "to end of file"), of type F_RDLCK or F_WRLCK. Its owner is a process ({@code description} null,
 * a POSIX lock) or an open file description (an OFD lock). Also used to report a conflicting lock.
 */
public final class RecordLock {
    long start;
    long end;
    int type;
    int pid;
    OpenFile description;

    public RecordLock() {
    }

    RecordLock(long start, long end, int type, int pid, OpenFile description) {
        set(start, end, type, pid, description);
    }

    void set(long start, long end, int type, int pid, OpenFile description) {
        this.start = start;
        this.end = end;
        this.type = type;
        this.pid = pid;
        this.description = description;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public int type() {
        return type;
    }

    /** The owning process of a POSIX lock; for an OFD lock, the process that opened the description. */
    public int pid() {
        return pid;
    }

    public boolean isOfd() {
        return description != null;
    }

    /** l_len as F_GETLK reports it: 0 for a lock to end of file. */
    public long length() {
        return end == FlockDescriptor.OFFSET_MAX ? 0 : end - start + 1;
    }

    /** l_pid as F_GETLK reports it: the owner's pid, or -1 for an OFD lock (it has no single process). */
    public int reportedPid() {
        return description != null ? -1 : pid;
    }

    boolean sameOwner(int otherPid, OpenFile otherDescription) {
        return description == null ? otherDescription == null && pid == otherPid : description == otherDescription;
    }

    boolean overlaps(long otherStart, long otherEnd) {
        return start <= otherEnd && otherStart <= end;
    }

    boolean conflictsWith(int otherType) {
        return type == FlockDescriptor.F_WRLCK || otherType == FlockDescriptor.F_WRLCK;
    }

    @Override
    public String toString() {
        return (description != null ? "ofd" : "posix") + "[" + start + ".." + end + " type=" + type + " pid=" + pid + "]";
    }
}
