package org.exoos.libposix.process;

import org.exoos.libposix.fd.FdTable;
import org.exoos.libposix.signal.SignalState;
import org.exoos.microkernel.mm.AddressSpace;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Linux process as libposix keeps it: ids, credentials, the fd table, the program break, resource limits,
 * signal dispositions, its threads, and how it ended.
 */
public final class PosixProcess {
    private final int pid;
    private Credentials credentials;
    /** The file descriptors: the process's own, or shared (clone(CLONE_FILES)) until an execve. */
    private volatile FdTable fds;
    private final ResourceLimits limits = new ResourceLimits();
    private final SignalState signals = new SignalState();
    /** Every thread, live or ended, in creation order; threads of the process add to it concurrently (clone). */
    private final List<PosixThread> threads = new CopyOnWriteArrayList<>();
    private volatile AddressSpace addressSpace;
    /** What /proc/self/exe names: the program's absolute path. */
    private String executable;
    private volatile String comm;
    /** The initial program break (end of the loaded image, page-aligned) and the current one. */
    private long brkStart, brk;

    /** Where a signal handler returns to: the rt_sigreturn trampoline in the "[vdso]" page. */
    private long sigreturnTrampoline;
    /** ioprio_set(2)'s value, class and data (0: IOPRIO_CLASS_NONE, never set); inherited by fork as copy_io does. */
    private volatile int ioPriority;

    /** The working and root directories and the umask: the process's own, or shared (clone(CLONE_FS)). */
    private volatile FsContext fs = new FsContext();
    /** The root {@link #fsCredentials} was made with (another sharer of {@link #fs} may chroot). */
    private long credentialsRoot = -1;
    /** Who the vfs server checks permissions for: the effective ids and the pid. */
    private org.exoos.servers.vfs.Credentials fsCredentials;

    /** Set once a POSIX record lock was taken: from then on close(2) asks the vfs to release them. */
    private boolean mayHoldPosixLocks;

    private volatile boolean exited;
    private volatile int exitCode;
    private volatile int termSignal;

    public PosixProcess(int pid, Credentials credentials, FdTable fds) {
        this.pid = pid;
        this.pgid = pid;
        this.sid = pid;
        this.credentials = credentials;
        this.fds = fds;
    }

    public int pid() { return pid; }

    // ---- group and session (procmgr's, mirrored: see ProcessTree), and what the parent learns at the end ----

    private volatile int pgid, sid;
    /** The family this process was registered in (fork, or the first process), or null: who reports stops. */
    private volatile ProcessTree family;
    /** The vfork parent's thread, sleeping until this child execs or ends; null otherwise. */
    private volatile PosixThread vforkParent;
    /** Set when the last thread's run loop ended and the resources are released: wait may now report it. */
    private volatile boolean zombie;
    private boolean released;

    // ---- resource usage (getrusage, times, wait4) ----

    /** Usage of the threads that ended, and of the children reaped (with theirs), as Linux's signal_struct keeps. */
    private ResourceUsage endedThreads = ResourceUsage.NONE, reapedChildren = ResourceUsage.NONE;

    /** A thread's run loop ended: it is marked so, and its usage stays the process's (both at once). */
    public synchronized void threadRunEnded(PosixThread t) {
        t.markRunEnded();
        endedThreads = endedThreads.plus(ResourceUsage.of(t.task()));
    }

    /** A child was reaped: its usage and its own reaped children's become this process's children's. */
    public synchronized void addReapedChild(PosixProcess child) {
        reapedChildren = reapedChildren.plus(child.selfUsage()).plus(child.childrenUsage());
    }

    /** RUSAGE_SELF: every thread, live or ended. */
    public synchronized ResourceUsage selfUsage() {
        ResourceUsage u = endedThreads;
        for (PosixThread t : threads) if (!t.runEnded()) u = u.plus(ResourceUsage.of(t.task()));
        return u;
    }

    /** RUSAGE_CHILDREN: the children reaped so far, with their own reaped children. */
    public synchronized ResourceUsage childrenUsage() { return reapedChildren; }

    public ProcessTree family() { return family; }
    void joinFamily(ProcessTree tree) { family = tree; }

    public int pgid() { return pgid; }
    public int sid() { return sid; }
    public void setPgid(int id) { pgid = id; }
    public void setSid(int id) { sid = id; }


    public PosixThread vforkParent() { return vforkParent; }
    public void setVforkParent(PosixThread t) { vforkParent = t; }

    /** vfork's end: the parent may run again (this child exec'd or ended); it no longer shares our memory. */
    public void releaseVforkParent() {
        PosixThread t = vforkParent;
        vforkParent = null;
        if (t != null) t.waiter().wake();
    }

    public boolean isZombie() { return zombie; }

    /** Set once the end was told to procmgr and the parent signalled and woken (ProcessTree.ended). */
    private volatile boolean endReported;

    public void markEndReported() { endReported = true; }

    /**
     * Waits (briefly: the ending thread is running {@code ProcessTree.ended}, which never blocks on anyone but
     * procmgr) until the end was reported.
     */
    public void awaitEndReported() {
        for (int spins = 0; !endReported; spins++) {
            if (spins < 1_000) Thread.onSpinWait();
            else Thread.yield();
        }
    }
    public void becomeZombie() { zombie = true; }

    /** True for the one caller that gets to release the process's resources. */
    public synchronized boolean claimRelease() {
        if (released) return false;
        released = true;
        return true;
    }

    /** The status wait(2) reports for this ended process: the exit code in bits 8..15, or the signal. */
    public int waitStatus() { return termSignal != 0 ? termSignal : (exitCode & 0xff) << 8; }

    /**
     * fork's child: a copy of this process with a new pid and the given fd table: credentials, umask, the
     * program's identity and break, resource limits, signal dispositions, group and session.
     * The caller gives it its address space, cwd and thread.
     */
    public PosixProcess forkChild(int childPid, FdTable childFds) {
        PosixProcess c = new PosixProcess(childPid, credentials, childFds);
        c.limits.copyFrom(limits);
        c.signals.copyActionsFrom(signals);
        c.executable = executable;
        c.comm = comm;
        c.brkStart = brkStart;
        c.brk = brk;
        c.sigreturnTrampoline = sigreturnTrampoline;
        c.fs.setUmask(fs.umask());
        c.ioPriority = ioPriority;
        c.pgid = pgid;
        c.sid = sid;
        return c;
    }
    public Credentials credentials() { return credentials; }

    /** Installs new ids (the set*id calls); file-system calls carry them from now on. */
    public void setCredentials(Credentials next) {
        credentials = next;
        fsCredentials = null;
    }
    public FdTable fds() { return fds; }

    /** execve with a table shared by clone(CLONE_FILES): the process takes a copy of its own (unshare_files). */
    public void unshareFds() {
        FdTable shared = fds;
        if (!shared.isShared()) return;
        fds = shared.copy();
        shared.release();
    }
    public ResourceLimits limits() { return limits; }
    /** The I/O priority as ioprio_set(2) stored it (IOPRIO_PRIO_VALUE(class, data)). */
    public int ioPriority() { return ioPriority; }
    public void setIoPriority(int value) { ioPriority = value; }
    public SignalState signals() { return signals; }
    public List<PosixThread> threads() { return threads; }

    public AddressSpace addressSpace() { return addressSpace; }

    /** fork: the child's copy of the parent's memory (or, for vfork, the parent's memory itself). */
    public void setAddressSpace(AddressSpace space) { addressSpace = space; }
    public String executable() { return executable; }

    /**
     * The command name (/proc/[pid]/comm, ps): the last component of the path exec was given, as Linux
     * sets it, so /sbin/init (a link to busybox) is "init" while /proc/[pid]/exe names busybox.
     */
    public String comm() { return comm; }

    /** Installs a freshly loaded program image (exec); {@code filename} is the path exec was given. */
    public void setImage(AddressSpace space, String executablePath, String filename, long breakStart) {
        this.addressSpace = space;
        this.executable = executablePath;
        String base = filename == null ? executablePath : filename.substring(filename.lastIndexOf('/') + 1);
        this.comm = base == null || base.isEmpty() ? executablePath : base;
        this.brkStart = breakStart;
        this.brk = breakStart;
    }

    public long sigreturnTrampoline() { return sigreturnTrampoline; }
    public void setSigreturnTrampoline(long address) { sigreturnTrampoline = address; }

    public int umask() { return fs.umask(); }
    public void setUmask(int mask) { fs.setUmask(mask); }

    public long cwd() { return fs.cwd(); }
    public void setCwd(long handle) { fs.setCwd(handle); }

    /** The root directory's handle, or -1 (Vfs.NO_HANDLE): absolute paths start there. */
    public long root() { return fs.root(); }

    /** chroot(2) (or fork, exit): file-system calls carry the new root from now on. */
    public void setRoot(long handle) { fs.setRoot(handle); }

    /** The working and root directories and umask, maybe shared with other processes. */
    public FsContext fsContext() { return fs; }

    /** clone(CLONE_FS): the child uses the parent's context itself. */
    public void shareFsContext(FsContext shared) { fs = shared; }

    /** The credentials file system calls carry: the fsuid, fsgid, supplementary groups, the pid and the root. */
    public org.exoos.servers.vfs.Credentials fsCredentials() {
        long r = fs.root();
        if (fsCredentials == null || credentialsRoot != r) {
            fsCredentials = org.exoos.servers.vfs.Credentials.of(pid, credentials.fsuid(), credentials.fsgid(),
                    credentials.groups()).withRoot(r);
            credentialsRoot = r;
        }
        return fsCredentials;
    }

    /** What access(2) checks without AT_EACCESS: the real uid and gid in place of the fs ids, the same groups. */
    public org.exoos.servers.vfs.Credentials realAccessCredentials() {
        return org.exoos.servers.vfs.Credentials.of(pid, credentials.uid(), credentials.gid(), credentials.groups())
                .withRoot(fs.root());
    }

    public boolean mayHoldPosixLocks() { return mayHoldPosixLocks; }
    public void notePosixLockTaken() { mayHoldPosixLocks = true; }

    public long brkStart() { return brkStart; }
    public long brk() { return brk; }
    public void setBrk(long value) { brk = value; }

    // ---- ending ----

    public boolean hasExited() { return exited; }

    /** Ends every thread with exit_group's status (only the low 8 bits survive, as wait(2) reports). */
    public void exit(int code) { end(code & 0xff, 0); }

    /** Ends every thread because of a fatal signal. */
    public void killBy(int signal) { end(0, signal); }

    /**
     * The first ending wins (two threads may call exit_group at once). Every thread's task is marked exited
     * and its waiter woken, so a thread blocked in a system call (a futex, a read) returns and stops.
     */
    private void end(int code, int signal) {
        synchronized (this) {
            if (exited) return;
            exitCode = code;
            termSignal = signal;
            exited = true;
        }
        for (PosixThread t : threads) {
            t.task().exit();
            t.waiter().wake();
        }
    }

    /** The fatal signal, or 0 after a normal exit. */
    public int termSignal() { return termSignal; }

    public int exitCode() { return exitCode; }

    /** The status a shell reports: the exit code, or 128 + the signal that killed the process. */
    public int shellStatus() { return termSignal != 0 ? 128 + termSignal : exitCode; }
}
