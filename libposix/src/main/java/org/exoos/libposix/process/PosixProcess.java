package org.exoos.libposix.process;

import org.exoos.libposix.fd.FdTable;
import org.exoos.libposix.signal.SignalState;
import org.exoos.microkernel.mm.AddressSpace;

import java.util.ArrayList;
import java.util.List;

/**
 * A Linux process as libposix keeps it: ids, credentials, the fd table, the program break, resource limits,
 * signal dispositions, its threads, and how it ended.
 */
public final class PosixProcess {
    private final int pid;
    private final int ppid;
    private Credentials credentials;
    private final FdTable fds;
    private final ResourceLimits limits = new ResourceLimits();
    private final SignalState signals = new SignalState();
    private final List<PosixThread> threads = new ArrayList<>();
    private AddressSpace addressSpace;
    /** What /proc/self/exe names: the program's absolute path. */
    private String executable;
    /** The initial program break (end of the loaded image, page-aligned) and the current one. */
    private long brkStart, brk;

    /** Where a signal handler returns to: the rt_sigreturn trampoline in the "[vdso]" page. */
    private long sigreturnTrampoline;
    /** The file mode creation mask (umask(2)); Linux starts init with 022. */
    private int umask = 022;

    /** The working directory: a vfs server handle (O_PATH), or -1 when there is no file system. */
    private long cwd = -1;
    /** Who the vfs server checks permissions for: the effective ids and the pid. */
    private org.exoos.servers.vfs.Credentials fsCredentials;

    /** Set once a POSIX record lock was taken: from then on close(2) asks the vfs to release them. */
    private boolean mayHoldPosixLocks;

    private boolean exited;
    private int exitCode;
    private int termSignal;

    public PosixProcess(int pid, int ppid, Credentials credentials, FdTable fds) {
        this.pid = pid;
        this.ppid = ppid;
        this.credentials = credentials;
        this.fds = fds;
    }

    public int pid() { return pid; }
    public int ppid() { return ppid; }
    public Credentials credentials() { return credentials; }

    /** Installs new ids (the set*id calls); file-system calls carry them from now on. */
    public void setCredentials(Credentials next) {
        credentials = next;
        fsCredentials = null;
    }
    public FdTable fds() { return fds; }
    public ResourceLimits limits() { return limits; }
    public SignalState signals() { return signals; }
    public List<PosixThread> threads() { return threads; }

    public AddressSpace addressSpace() { return addressSpace; }
    public String executable() { return executable; }

    /** Installs a freshly loaded program image (exec). */
    public void setImage(AddressSpace space, String executablePath, long breakStart) {
        this.addressSpace = space;
        this.executable = executablePath;
        this.brkStart = breakStart;
        this.brk = breakStart;
    }

    public long sigreturnTrampoline() { return sigreturnTrampoline; }
    public void setSigreturnTrampoline(long address) { sigreturnTrampoline = address; }

    public int umask() { return umask; }
    public void setUmask(int mask) { umask = mask & 0777; }

    public long cwd() { return cwd; }
    public void setCwd(long handle) { cwd = handle; }

    /** The credentials file system calls carry: the fsuid, fsgid, supplementary groups and the pid. */
    public org.exoos.servers.vfs.Credentials fsCredentials() {
        if (fsCredentials == null) {
            fsCredentials = org.exoos.servers.vfs.Credentials.of(pid, credentials.fsuid(), credentials.fsgid(),
                    credentials.groups());
        }
        return fsCredentials;
    }

    /** What access(2) checks without AT_EACCESS: the real uid and gid in place of the fs ids, the same groups. */
    public org.exoos.servers.vfs.Credentials realAccessCredentials() {
        return org.exoos.servers.vfs.Credentials.of(pid, credentials.uid(), credentials.gid(), credentials.groups());
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

    private void end(int code, int signal) {
        if (exited) return;
        exited = true;
        exitCode = code;
        termSignal = signal;
        for (PosixThread t : threads) t.task().exit();
    }

    /** The fatal signal, or 0 after a normal exit. */
    public int termSignal() { return termSignal; }

    public int exitCode() { return exitCode; }

    /** The status a shell reports: the exit code, or 128 + the signal that killed the process. */
    public int shellStatus() { return termSignal != 0 ? 128 + termSignal : exitCode; }
}
