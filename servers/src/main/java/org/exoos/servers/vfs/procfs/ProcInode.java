package org.exoos.servers.vfs.procfs;

import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.Inode;

/**
 * A /proc entry: what it is ({@link #kind}), and for the per-process ones, whose (pid) and which
 * descriptor. Entries are made afresh at each lookup, as the processes they describe come and go; their
 * inode numbers are stable: the kind for the top level, and pid, descriptor and kind packed for the rest.
 */
final class ProcInode extends Inode {
    static final int ROOT = 1;
    static final int SELF = 2;
    static final int MOUNTS_LINK = 3;
    static final int MEMINFO = 4;
    static final int CPUINFO = 5;
    static final int UPTIME = 6;
    static final int STAT = 7;
    static final int LOADAVG = 8;

    static final int PID_DIR = 16;
    static final int PID_FD_DIR = 17;
    static final int PID_FD_LINK = 18;
    static final int PID_STATUS = 19;
    static final int PID_COMM = 20;
    static final int PID_CMDLINE = 21;
    static final int PID_STAT = 22;
    static final int PID_STATM = 23;
    static final int PID_MAPS = 24;
    static final int PID_CWD = 25;
    static final int PID_ROOT = 26;
    static final int PID_EXE = 27;
    static final int PID_MOUNTS = 28;

    final int kind;
    /** The process, for per-process entries; 0 otherwise. */
    final int pid;
    /** The descriptor, for fd links; -1 otherwise. */
    final int fd;

    ProcInode(Procfs fs, int kind, int pid, int fd, int mode, int uid, int gid) {
        super(fs, inodeNumber(kind, pid, fd), mode, uid, gid);
        this.kind = kind;
        this.pid = pid;
        this.fd = fd;
    }

    static long inodeNumber(int kind, int pid, int fd) {
        if (pid == 0) {
            return kind;
        }
        return ((long) pid << 32) | ((long) (fd + 1) << 8) | kind;
    }

    boolean perProcess() {
        return kind >= PID_DIR;
    }

    void owner(int uid, int gid) {
        setUid(uid);
        setGid(gid);
    }

    int direntType() {
        return FileMode.direntType(mode());
    }
}
