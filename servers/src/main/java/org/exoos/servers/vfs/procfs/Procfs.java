package org.exoos.servers.vfs.procfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.MutableReference;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.DeviceNumbers;
import org.exoos.servers.vfs.DirentSink;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.FileSystem;
import org.exoos.servers.vfs.Inode;
import org.exoos.servers.vfs.OpenFile;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.PathWalker;
import org.exoos.servers.vfs.Stat;
import org.exoos.servers.vfs.StatFs;
import org.exoos.servers.vfs.Vfs;

import static org.exoos.servers.vfs.FileMode.S_IFDIR;
import static org.exoos.servers.vfs.FileMode.S_IFLNK;
import static org.exoos.servers.vfs.FileMode.S_IFREG;
import static org.exoos.servers.protocol.Errno.EACCES;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EISDIR;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOTDIR;

/**
 * The vfs's /proc, as Linux's procfs shows what exists so far:
 * <pre>
 *   /proc/cpuinfo  loadavg  meminfo  stat  uptime   0444 root   (riscv64 cpuinfo, Linux's formats)
 *   /proc/mounts -> self/mounts             the one mount table (MountTable.procMounts)
 *   /proc/self -> [pid of the caller]       ENOENT for a caller with no process
 *   /proc/[pid]/                            0555, owned by the process's effective uid and gid
 *       status stat statm cmdline maps mounts   0444     comm 0644 (the process may rename itself)
 *       exe cwd root                        links, readable by who may inspect the process (EACCES otherwise)
 *       fd/                                 0500; fd/N links to the open file's path, lrwx------ by access mode
 * </pre>
 * Processes come from a {@link ProcessInfoSource}, the machine from a {@link SystemInfoSource}. A file's
 * text is generated when it is opened and kept with the open file, then read at any offset (as seq_file
 * files read from one snapshot); st_size is 0, as on Linux. maps and the stat fields that reveal addresses
 * follow Linux's ptrace read check: the caller is root, the process itself, or has all its user and group
 * ids.
 * <p>
 * Limits: fd, exe and cwd links are plain symlinks to path text, not Linux's "magic" links that reach the
 * open file itself, so following one to a deleted file or a pipe fails; no /proc/[pid]/task, environ,
 * auxv, limits, mountinfo or /proc/sys; inodes are made per lookup, so nothing can be mounted below /proc.
 */
public final class Procfs implements FileSystem {

    private static final String[] TOP_NAMES = {"cpuinfo", "loadavg", "meminfo", "mounts", "stat", "uptime"};
    private static final int[] TOP_KINDS = {
        ProcInode.CPUINFO, ProcInode.LOADAVG, ProcInode.MEMINFO, ProcInode.MOUNTS_LINK, ProcInode.STAT,
        ProcInode.UPTIME
    };
    /** Positions in a listing of the root: ".", "..", the fixed entries, "self", then the pids. */
    private static final int SELF_POSITION = 2 + TOP_NAMES.length;
    private static final int FIRST_PID_POSITION = SELF_POSITION + 1;

    /** /proc/[pid]'s entries, in Linux's order (fs/proc/base.c tgid_base_stuff). */
    private static final String[] PID_NAMES = {
        "fd", "status", "comm", "cmdline", "stat", "statm", "maps", "cwd", "root", "exe", "mounts"
    };
    private static final int[] PID_KINDS = {
        ProcInode.PID_FD_DIR, ProcInode.PID_STATUS, ProcInode.PID_COMM, ProcInode.PID_CMDLINE, ProcInode.PID_STAT,
        ProcInode.PID_STATM, ProcInode.PID_MAPS, ProcInode.PID_CWD, ProcInode.PID_ROOT, ProcInode.PID_EXE,
        ProcInode.PID_MOUNTS
    };
    private static final int[] PID_MODES = {
        S_IFDIR | 0500, S_IFREG | 0444, S_IFREG | 0644, S_IFREG | 0444, S_IFREG | 0444, S_IFREG | 0444,
        S_IFREG | 0444, S_IFLNK | 0777, S_IFLNK | 0777, S_IFLNK | 0777, S_IFREG | 0444
    };
    /** The longest a comm can be: TASK_COMM_LEN - 1. */
    private static final int COMM_MAX = 15;

    private final long dev;
    private final Vfs vfs;
    private final ProcessInfoSource processes;
    private final SystemInfoSource system;
    private final long mountTimeNanos;
    private final ProcInode root;
    private final ProcessStatus status = new ProcessStatus();
    private final MemoryMapping mapping = new MemoryMapping();
    private final MemoryInfo memory = new MemoryInfo();
    private final ProcText text = new ProcText();
    /** What {@link #countTasks} found. */
    private int tasksRunning, tasksBlocked, tasksTotal, lastPid;

    public Procfs(long dev, Vfs vfs, ProcessInfoSource processes, SystemInfoSource system) {
        this.dev = dev;
        this.vfs = vfs;
        this.processes = processes;
        this.system = system;
        this.mountTimeNanos = vfs.clock().nowNanos();
        this.root = new ProcInode(this, ProcInode.ROOT, 0, -1, S_IFDIR | 0555, 0, 0);
    }

    @Override
    public String typeName() {
        return "proc";
    }

    @Override
    public long dev() {
        return dev;
    }

    @Override
    public Inode root() {
        return root;
    }

    // ---- namespace -------------------------------------------------------------------------------------

    @Override
    public int lookup(Credentials cred, Inode dir, String name, MutableReference<Inode> result) {
        ProcInode d = (ProcInode) dir;
        switch (d.kind) {
            case ProcInode.ROOT -> {
                for (int i = 0; i < TOP_NAMES.length; i++) {
                    if (TOP_NAMES[i].equals(name)) {
                        result.ref = topEntry(TOP_KINDS[i]);
                        return 0;
                    }
                }
                if (name.equals("self")) {
                    result.ref = topEntry(ProcInode.SELF);
                    return 0;
                }
                int pid = parseNumber(name);
                if (pid <= 0 || !processes.exists(pid)) {
                    return -ENOENT;
                }
                result.ref = pidEntry(pid, ProcInode.PID_DIR, -1, S_IFDIR | 0555);
                return result.ref == null ? -ENOENT : 0;
            }
            case ProcInode.PID_DIR -> {
                if (!processes.exists(d.pid)) {
                    return -ENOENT;
                }
                for (int i = 0; i < PID_NAMES.length; i++) {
                    if (PID_NAMES[i].equals(name)) {
                        result.ref = pidEntry(d.pid, PID_KINDS[i], -1, PID_MODES[i]);
                        return result.ref == null ? -ENOENT : 0;
                    }
                }
                return -ENOENT;
            }
            case ProcInode.PID_FD_DIR -> {
                int fd = parseNumber(name);
                if (fd < 0 || !processes.exists(d.pid)) {
                    return -ENOENT;
                }
                int mode = fdLinkMode(d.pid, fd);
                if (mode < 0) {
                    return -ENOENT;
                }
                result.ref = pidEntry(d.pid, ProcInode.PID_FD_LINK, fd, mode);
                return result.ref == null ? -ENOENT : 0;
            }
            default -> {
                return -ENOTDIR;
            }
        }
    }

    /** A decimal without sign or leading zero (Linux's name_to_int), or -1. */
    private static int parseNumber(String name) {
        int n = name.length();
        if (n == 0 || n > 10 || (name.charAt(0) == '0' && n > 1)) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private ProcInode topEntry(int kind) {
        int mode = switch (kind) {
            case ProcInode.SELF, ProcInode.MOUNTS_LINK -> S_IFLNK | 0777;
            default -> S_IFREG | 0444;
        };
        return new ProcInode(this, kind, 0, -1, mode, 0, 0);
    }

    /** An entry of process {@code pid}, owned by its effective ids; null if the process is gone. */
    private ProcInode pidEntry(int pid, int kind, int fd, int mode) {
        if (!processes.status(pid, status.clear())) {
            return null;
        }
        return new ProcInode(this, kind, pid, fd, mode, status.euid, status.egid);
    }

    /** An fd link's mode as Linux gives it (read: r-x, write: -wx, for the owner), or -1 if fd is not open. */
    private int fdLinkMode(int pid, int fd) {
        long handle = processes.fdHandle(pid, fd);
        if (handle == Vfs.NO_HANDLE) {
            return processes.fdLinkText(pid, fd) == null ? -1 : S_IFLNK | 0700;
        }
        OpenFile f = vfs.file(handle);
        if (f == null) {
            return -1;
        }
        int mode = S_IFLNK;
        if (OpenFlags.canRead(f.flags())) {
            mode |= 0500;
        }
        if (OpenFlags.canWrite(f.flags())) {
            mode |= 0300;
        }
        return mode;
    }

    @Override
    public Inode parent(Inode dir) {
        ProcInode d = (ProcInode) dir;
        if (d.kind == ProcInode.PID_FD_DIR) {
            ProcInode p = pidEntry(d.pid, ProcInode.PID_DIR, -1, S_IFDIR | 0555);
            return p != null ? p : new ProcInode(this, ProcInode.PID_DIR, d.pid, -1, S_IFDIR | 0555, d.uid(), d.gid());
        }
        return root;
    }

    @Override
    public String directoryName(Inode dir) {
        ProcInode d = (ProcInode) dir;
        return switch (d.kind) {
            case ProcInode.PID_DIR -> Integer.toString(d.pid);
            case ProcInode.PID_FD_DIR -> "fd";
            default -> null;
        };
    }

    @Override
    public int readlink(Credentials cred, Inode link, MutableReference<String> result) {
        ProcInode l = (ProcInode) link;
        switch (l.kind) {
            case ProcInode.SELF -> {
                if (cred.pid() <= 0) {
                    return -ENOENT;
                }
                result.ref = Integer.toString(cred.pid());
                return 0;
            }
            case ProcInode.MOUNTS_LINK -> {
                result.ref = "self/mounts";
                return 0;
            }
            case ProcInode.PID_EXE, ProcInode.PID_CWD, ProcInode.PID_ROOT, ProcInode.PID_FD_LINK -> {
                if (!processes.status(l.pid, status.clear())) {
                    return -ENOENT;
                }
                if (!mayInspect(cred, l.pid, status)) {
                    return -EACCES;
                }
                String target = switch (l.kind) {
                    case ProcInode.PID_EXE -> processes.exePath(l.pid);
                    case ProcInode.PID_CWD -> {
                        long h = processes.cwdHandle(l.pid);
                        yield h == Vfs.NO_HANDLE ? null : vfs.pathOf(h);
                    }
                    case ProcInode.PID_ROOT -> "/";
                    default -> {
                        long h = processes.fdHandle(l.pid, l.fd);
                        yield h == Vfs.NO_HANDLE ? processes.fdLinkText(l.pid, l.fd) : vfs.pathOf(h);
                    }
                };
                if (target == null) {
                    return -ENOENT;
                }
                result.ref = target;
                return 0;
            }
            default -> {
                return -EINVAL;
            }
        }
    }

    /**
     * Linux's ptrace read check (PTRACE_MODE_READ_FSCREDS), as far as the vfs's credentials go: the process
     * itself, root, or a caller whose ids equal all of the process's real, effective and saved ids.
     */
    static boolean mayInspect(Credentials cred, int pid, ProcessStatus s) {
        if (cred.pid() == pid || cred.isPrivileged()) {
            return true;
        }
        int u = cred.uid();
        int g = cred.gid();
        return u == s.uid && u == s.euid && u == s.suid && g == s.gid && g == s.egid && g == s.sgid;
    }

    // ---- attributes ------------------------------------------------------------------------------------

    @Override
    public int getattr(Inode inode, Stat out) {
        ProcInode p = (ProcInode) inode;
        if (p.perProcess() && processes.status(p.pid, status.clear())) {
            p.owner(status.euid, status.egid);
        }
        out.dev = dev;
        out.ino = p.ino();
        out.mode = p.mode();
        out.uid = p.uid();
        out.gid = p.gid();
        out.nlink = switch (p.kind) {
            case ProcInode.ROOT -> 2 + countProcesses();
            case ProcInode.PID_DIR -> 3;
            case ProcInode.PID_FD_DIR -> 2;
            default -> 1;
        };
        out.blksize = 1024;
        out.setAtime(mountTimeNanos);
        out.setMtime(mountTimeNanos);
        out.setCtime(mountTimeNanos);
        return 0;
    }

    private int countProcesses() {
        int n = 0;
        for (int pid = processes.nextPid(0); pid > 0; pid = processes.nextPid(pid)) {
            n++;
        }
        return n;
    }

    @Override
    public int statfs(StatFs out) {
        out.type = StatFs.PROC_SUPER_MAGIC;
        out.bsize = 4096;
        out.frsize = 4096;
        out.namelen = PathWalker.NAME_MAX;
        out.fsid0 = (int) dev;
        out.fsid1 = (int) (dev >>> 32);
        return 0;
    }

    // ---- open files ------------------------------------------------------------------------------------

    /** Generates the file's text now: what every read of this open file then sees. */
    @Override
    public int open(OpenFile file) {
        ProcInode p = (ProcInode) file.inode();
        if (p.isDirectory()) {
            return 0;
        }
        byte[] snapshot;
        switch (p.kind) {
            case ProcInode.MEMINFO -> {
                system.memory(memory.clear());
                SystemFiles.meminfo(text.reset(), memory);
                snapshot = text.toBytes();
            }
            case ProcInode.CPUINFO -> {
                SystemFiles.cpuinfo(text.reset(), system);
                snapshot = text.toBytes();
            }
            case ProcInode.UPTIME -> {
                SystemFiles.uptime(text.reset(), system.uptimeNanos(), system.idleNanos());
                snapshot = text.toBytes();
            }
            case ProcInode.STAT -> {
                countTasks();
                long uptime = system.uptimeNanos();
                long bootTime = (vfs.clock().nowNanos() - uptime) / 1_000_000_000L;
                SystemFiles.stat(text.reset(), system.hartCount(), system.idleNanos(), bootTime, tasksRunning,
                        tasksBlocked);
                snapshot = text.toBytes();
            }
            case ProcInode.LOADAVG -> {
                countTasks();
                SystemFiles.loadavg(text.reset(), tasksRunning, tasksTotal, lastPid);
                snapshot = text.toBytes();
            }
            case ProcInode.PID_MOUNTS -> snapshot = text.reset().put(vfs.mounts().procMounts()).toBytes();
            case ProcInode.PID_CMDLINE -> {
                if (!processes.exists(p.pid)) {
                    return -Errno.ESRCH;
                }
                snapshot = processes.cmdline(p.pid).clone();
            }
            case ProcInode.PID_COMM -> {
                String comm = processes.comm(p.pid);
                if (comm == null) {
                    return -Errno.ESRCH;
                }
                snapshot = text.reset().put(comm).put('\n').toBytes();
            }
            case ProcInode.PID_STATUS, ProcInode.PID_STAT, ProcInode.PID_STATM, ProcInode.PID_MAPS -> {
                if (!processes.status(p.pid, status.clear())) {
                    return -Errno.ESRCH;
                }
                boolean permitted = mayInspect(file.opener(), p.pid, status);
                text.reset();
                switch (p.kind) {
                    case ProcInode.PID_STATUS -> ProcessFiles.status(text, p.pid, commOf(p.pid), status,
                            system.hartCount());
                    case ProcInode.PID_STAT -> ProcessFiles.stat(text, p.pid, commOf(p.pid), status, permitted);
                    case ProcInode.PID_STATM -> ProcessFiles.statm(text, status);
                    default -> {
                        if (!permitted) {
                            return -EACCES;
                        }
                        for (int i = 0; processes.mapping(p.pid, i, mapping.clear()); i++) {
                            ProcessFiles.mapsLine(text, mapping);
                        }
                        mapping.name = null;
                    }
                }
                snapshot = text.toBytes();
            }
            default -> {
                return 0;
            }
        }
        file.setPrivateData(snapshot);
        return 0;
    }

    /** Counts the threads of every process into the task fields: running (state R), blocked (D), all. */
    private void countTasks() {
        tasksRunning = tasksBlocked = tasksTotal = lastPid = 0;
        for (int pid = processes.nextPid(0); pid > 0; pid = processes.nextPid(pid)) {
            if (!processes.status(pid, status.clear())) {
                continue;
            }
            int threads = Math.max(1, status.threads);
            tasksTotal += threads;
            if (status.state == 'R') {
                tasksRunning += threads;
            } else if (status.state == 'D') {
                tasksBlocked += threads;
            }
            lastPid = pid;
        }
    }

    private String commOf(int pid) {
        String comm = processes.comm(pid);
        return comm == null ? "" : comm;
    }

    @Override
    public long read(OpenFile file, long position, MutableDirectBuffer dst, int dstOffset, int length) {
        if (file.inode().isDirectory()) {
            return -EISDIR;
        }
        if (!(file.privateData() instanceof byte[] snapshot)) {
            return -EINVAL;
        }
        if (position >= snapshot.length) {
            return 0;
        }
        int n = (int) Math.min(length, snapshot.length - position);
        dst.putBytes(dstOffset, snapshot, (int) position, n);
        return n;
    }

    /**
     * Only comm is writable: by the process itself (EINVAL for anyone else, as Linux's comm_write), which
     * takes the first 15 bytes of the write, newline included, as its new name.
     */
    @Override
    public long write(OpenFile file, long position, DirectBuffer src, int srcOffset, int length) {
        ProcInode p = (ProcInode) file.inode();
        if (p.kind != ProcInode.PID_COMM) {
            return -EINVAL;
        }
        if (!processes.exists(p.pid)) {
            return -Errno.ESRCH;
        }
        if (file.opener().pid() != p.pid) {
            return -EINVAL;
        }
        int n = Math.min(length, COMM_MAX);
        char[] chars = new char[n];
        int used = 0;
        for (; used < n; used++) {
            byte b = src.getByte(srcOffset + used);
            if (b == 0) {
                break;
            }
            chars[used] = (char) (b & 0xff);
        }
        int rc = processes.setComm(p.pid, new String(chars, 0, used));
        return rc < 0 ? rc : length;
    }

    @Override
    public long readdir(OpenFile file, long cookie, DirentSink sink) {
        ProcInode d = (ProcInode) file.inode();
        long position = cookie;
        if (d.kind != ProcInode.ROOT && !processes.exists(d.pid)) {
            return -ENOENT;
        }
        if (position == 0) {
            if (!sink.accept(d.ino(), 1, FileMode.DT_DIR, ".")) {
                return 0;
            }
            position = 1;
        }
        if (position == 1) {
            long parentIno = d.kind == ProcInode.PID_FD_DIR
                    ? ProcInode.inodeNumber(ProcInode.PID_DIR, d.pid, -1) : root.ino();
            if (!sink.accept(parentIno, 2, FileMode.DT_DIR, "..")) {
                return 1;
            }
            position = 2;
        }
        return switch (d.kind) {
            case ProcInode.ROOT -> readRoot(position, sink);
            case ProcInode.PID_DIR -> readPidDirectory(d.pid, position, sink);
            case ProcInode.PID_FD_DIR -> readFdDirectory(d.pid, position, sink);
            default -> -ENOTDIR;
        };
    }

    private long readRoot(long position, DirentSink sink) {
        while (position < SELF_POSITION) {
            int i = (int) position - 2;
            int kind = TOP_KINDS[i];
            int type = kind == ProcInode.MOUNTS_LINK ? FileMode.DT_LNK : FileMode.DT_REG;
            if (!sink.accept(ProcInode.inodeNumber(kind, 0, -1), position + 1, type, TOP_NAMES[i])) {
                return position;
            }
            position++;
        }
        if (position == SELF_POSITION) {
            if (!sink.accept(ProcInode.SELF, position + 1, FileMode.DT_LNK, "self")) {
                return position;
            }
            position++;
        }
        long after = position - FIRST_PID_POSITION - 1;
        for (int pid = processes.nextPid((int) Math.min(after, Integer.MAX_VALUE)); pid >= 0;
                pid = processes.nextPid(pid)) {
            long at = FIRST_PID_POSITION + (long) pid;
            if (!sink.accept(ProcInode.inodeNumber(ProcInode.PID_DIR, pid, -1), at + 1, FileMode.DT_DIR,
                    Integer.toString(pid))) {
                return at;
            }
            position = at + 1;
        }
        return position;
    }

    private long readPidDirectory(int pid, long position, DirentSink sink) {
        while (position - 2 < PID_NAMES.length) {
            int i = (int) position - 2;
            if (!sink.accept(ProcInode.inodeNumber(PID_KINDS[i], pid, -1), position + 1,
                    FileMode.direntType(PID_MODES[i]), PID_NAMES[i])) {
                return position;
            }
            position++;
        }
        return position;
    }

    private long readFdDirectory(int pid, long position, DirentSink sink) {
        long after = position - 3;
        for (int fd = processes.nextFd(pid, (int) Math.min(after, Integer.MAX_VALUE)); fd >= 0;
                fd = processes.nextFd(pid, fd)) {
            long at = 2 + (long) fd;
            if (!sink.accept(ProcInode.inodeNumber(ProcInode.PID_FD_LINK, pid, fd), at + 1, FileMode.DT_LNK,
                    Integer.toString(fd))) {
                return at;
            }
            position = at + 1;
        }
        return position;
    }

    @Override
    public String toString() {
        return "Procfs[" + DeviceNumbers.toString(dev) + "]";
    }
}
