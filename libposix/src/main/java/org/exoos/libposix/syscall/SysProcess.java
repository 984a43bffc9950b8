package org.exoos.libposix.syscall;

import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.fd.Waiter;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.process.ProcessTree;
import org.exoos.libposix.procinfo.ProcessTable;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.sched.TaskStarter;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.service.VfsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.exoos.libposix.syscall.SysThreads.*;

/**
 * Processes: clone without CLONE_THREAD (fork, and vfork's CLONE_VM|CLONE_VFORK), wait4 and waitid,
 * process groups and sessions (setpgid, getpgid, setsid, getsid).
 *
 * <p>A forked child gets a copy-on-write copy of the caller's memory, a copy of its fd table naming the
 * same open file descriptions, the same working directory, umask, credentials, limits, dispositions and
 * mask, and its own task on a new hart; it returns 0 from clone where the parent returns its pid. With
 * CLONE_VM, CLONE_FILES, CLONE_FS or CLONE_SIGHAND it uses the caller's memory, fd table, directories and
 * umask, or dispositions themselves instead of copies. Its family (parent, group, session, what a wait
 * finds) is procmgr's, through {@link org.exoos.libposix.process.ProcessTree}.
 */
final class SysProcess {
    private SysProcess() {}

    private static final Logger log = LoggerFactory.getLogger(SysProcess.class);

    /** wait options of linux/wait.h. */
    static final int WNOHANG = 1, WUNTRACED = 2, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x0100_0000,
            __WNOTHREAD = 0x2000_0000, __WALL = 0x4000_0000, __WCLONE = 0x8000_0000;
    static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;

    static void register(SyscallTable t) {
        t.addPartial("clone", "no namespaces, CLONE_PIDFD or CLONE_PARENT", SysProcess::clone);
        t.addPartial("wait4", "rusage as getrusage gives it (CPU times, minor faults)", SysProcess::wait4);
        t.addPartial("waitid", "no P_PIDFD; rusage as getrusage gives it", SysProcess::waitid);
        t.add("setpgid", SysProcess::setpgid);
        t.add("getpgid", SysProcess::getpgid);
        t.add("setsid", SysProcess::setsid);
        t.add("getsid", SysProcess::getsid);
    }

    // ---- clone ----

    /** clone(flags, stack, parent_tid, tls, child_tid): a thread goes to {@link SysThreads}, the rest is a fork. */
    static long clone(SyscallContext c) {
        long flags = c.arg(0);
        if ((flags & CLONE_THREAD) != 0) return SysThreads.cloneThread(c);
        long bad = checkFlags(flags);
        if (bad != 0) return bad;
        if ((flags & (CLONE_PIDFD | CLONE_PARENT)) != 0) return -Errno.EINVAL;
        int exitSignal = (int) (flags & CSIGNAL);
        if (exitSignal != 0 && !Signal.valid(exitSignal)) return -Errno.EINVAL;
        return fork(c, flags, exitSignal, c.arg(1), c.arg(2), c.arg(3), c.arg(4));
    }

    private static long fork(SyscallContext c, long flags, int exitSignal, long stack, long parentTid, long tls,
                             long childTid) {
        LinuxPersonality linux = c.linux();
        TaskStarter starter = linux.taskStarter();
        if (starter == null) return -Errno.EAGAIN; // this machine cannot run a second task
        PosixProcess parent = c.process();
        PosixThread caller = c.thread();
        if (overProcessLimit(linux, parent)) return -Errno.EAGAIN;
        boolean sharedMemory = (flags & CLONE_VM) != 0;
        AddressSpace space = sharedMemory ? c.space().share() : c.space().fork();
        if (space == null) return -Errno.ENOMEM;

        int pid = linux.newId();
        int registered = linux.processTree().forked(parent, pid, exitSignal);
        if (registered < 0) {
            space.release();
            log.warn("pid {}: fork refused by procmgr: {}", parent.pid(), Errno.name(registered));
            return registered == -Errno.EIO ? -Errno.EAGAIN : registered;
        }
        // CLONE_FILES, CLONE_FS, CLONE_SIGHAND: the child uses the parent's table, directories, dispositions themselves
        PosixProcess child = parent.forkChild(pid, (flags & CLONE_FILES) != 0 ? parent.fds().share() : parent.fds().copy());
        child.setAddressSpace(space);
        if ((flags & CLONE_SIGHAND) != 0) child.signals().shareActionsWith(parent.signals());
        VfsClient vfs = linux.vfs();
        if ((flags & CLONE_FS) != 0) {
            child.shareFsContext(parent.fsContext().share());
        } else if (parent.cwd() >= 0 && vfs != null) {
            int rc = vfs.retain(parent.cwd());
            if (rc < 0) log.warn("pid {}: cwd handle not retained for child {}: {}", parent.pid(), pid, Errno.name(rc));
            child.setCwd(parent.cwd());
        }
        if ((flags & CLONE_FS) == 0 && parent.root() >= 0 && vfs != null) {
            int rc = vfs.retain(parent.root());
            if (rc < 0) log.warn("pid {}: root handle not retained for child {}: {}", parent.pid(), pid, Errno.name(rc));
            child.setRoot(parent.root());
        }
        Task task = new Task(pid, space);
        UserContext regs = task.context();
        regs.copyFrom(c.registers()); // the pc is already past the ecall
        regs.x[UserContext.A0] = 0;
        if (stack != 0) regs.x[UserContext.SP] = stack;
        if ((flags & CLONE_SETTLS) != 0) regs.x[UserContext.TP] = tls;
        PosixThread thread = new PosixThread(task, child, pid);
        thread.setBlocked(caller.blocked());
        thread.setAltStack(caller.altStackSp(), caller.altStackSize(), caller.altStackFlags());
        if ((flags & CLONE_CHILD_CLEARTID) != 0) thread.setClearChildTid(childTid);
        byte[] pidBytes = {(byte) pid, (byte) (pid >>> 8), (byte) (pid >>> 16), (byte) (pid >>> 24)};
        // Linux ignores faults on both stores; the child's goes to its own (copy-on-write) memory.
        if ((flags & CLONE_CHILD_SETTID) != 0) space.copyOut(childTid, pidBytes, 0, 4);
        if ((flags & CLONE_PARENT_SETTID) != 0) c.space().copyOut(parentTid, pidBytes, 0, 4);

        ProcessTable.Entry entry = linux.processes().get(parent.pid());
        long startNanos = System.nanoTime() - linux.bootNanoTime();
        linux.processTree().addChild(child, entry == null ? 0 : entry.initialStackPointer(), startNanos);
        boolean vfork = (flags & CLONE_VFORK) != 0;
        if (vfork) child.setVforkParent(caller);
        log.debug("pid {}: forked pid {} (flags 0x{})", parent.pid(), pid, Long.toHexString(flags));
        starter.start(task, caller.task());
        if (vfork) awaitVforkRelease(caller, child);
        return pid;
    }

    /**
     * RLIMIT_NPROC, as Linux's copy_process checks it: the tasks (threads, zombies included) of the caller's
     * real uid may not reach the limit, unless that uid is root's or the caller is privileged (CAP_SYS_RESOURCE,
     * CAP_SYS_ADMIN: an effective uid of 0 here).
     */
    static boolean overProcessLimit(LinuxPersonality linux, PosixProcess parent) {
        long limit = parent.limits().soft(org.exoos.libposix.process.ResourceLimits.RLIMIT_NPROC);
        if (limit == org.exoos.libposix.process.ResourceLimits.RLIM_INFINITY) return false;
        org.exoos.libposix.process.Credentials cred = parent.credentials();
        if (cred.uid() == 0 || cred.euid() == 0) return false;
        long tasks = 0;
        for (PosixProcess p : linux.processTree().all()) {
            if (p.credentials().uid() == cred.uid()) tasks += Math.max(1, p.threads().size());
        }
        return Long.compareUnsigned(tasks, limit) >= 0;
    }

    /** vfork: the parent sleeps, signals or not, until the child execs or ends (or the parent is killed). */
    private static void awaitVforkRelease(PosixThread parent, PosixProcess child) {
        Waiter w = parent.waiter();
        w.begin();
        while (child.vforkParent() != null && parent.task().isAlive()) w.park(Waiter.FOREVER, false);
    }

    // ---- wait ----

    /** wait4(pid, wstatus, options, rusage). */
    static long wait4(SyscallContext c) {
        int pid = c.argInt(0), options = c.argInt(2);
        long statusAddress = c.arg(1), rusage = c.arg(3);
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)) != 0) return -Errno.EINVAL;
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH; // -INT_MIN overflows: Linux refuses it so
        int which = pid > 0 ? P_PID : pid == -1 ? P_ALL : P_PGID;
        int id = pid > 0 ? pid : pid == 0 ? c.process().pgid() : -pid;
        int events = WEXITED | (options & (WUNTRACED | WCONTINUED));
        ProcessTree.Found found = await(c, which, id, events, options, false);
        int status;
        PosixProcess child;
        switch (found) {
            case ProcessTree.NoChild n -> { return -Errno.ECHILD; }
            case ProcessTree.NotYet n -> { return 0; }
            case ProcessTree.Ended e -> {
                child = e.child();
                status = child.waitStatus();
            }
            case ProcessTree.Stopped st -> {
                child = st.child();
                status = (st.signal() << 8) | WSTOPPED_STATUS;
            }
            case ProcessTree.Continued co -> {
                child = co.child();
                status = WCONTINUED_STATUS;
            }
        }
        if (statusAddress != 0) c.writeInt(statusAddress, status);
        if (rusage != 0) c.copyOut(rusage, SysResourceUsage.encode(child.selfUsage().plus(child.childrenUsage())));
        return child.pid();
    }

    /** wait status words of a stopped child ((sig << 8) | 0x7f) and of a continued one. */
    static final int WSTOPPED_STATUS = 0x7f, WCONTINUED_STATUS = 0xffff;

    /** waitid(idtype, id, infop, options, rusage). */
    static long waitid(SyscallContext c) {
        int idtype = c.argInt(0), id = c.argInt(1), options = c.argInt(3);
        long infop = c.arg(2), rusage = c.arg(4);
        if ((options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)) != 0) {
            return -Errno.EINVAL;
        }
        if ((options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) return -Errno.EINVAL;
        switch (idtype) {
            case P_ALL -> { }
            case P_PID -> { if (id <= 0) return -Errno.EINVAL; }
            case P_PGID -> {
                if (id < 0) return -Errno.EINVAL;
                if (id == 0) id = c.process().pgid();
            }
            default -> { return -Errno.EINVAL; }
        }
        int events = options & (WEXITED | WSTOPPED | WCONTINUED);
        ProcessTree.Found found = await(c, idtype, id, events, options, (options & WNOWAIT) != 0);
        if (found instanceof ProcessTree.NoChild) return -Errno.ECHILD;
        ByteBuffer info = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        PosixProcess child = null;
        int code = 0, status = 0;
        switch (found) {
            case ProcessTree.Ended e -> {
                child = e.child();
                boolean killed = child.termSignal() != 0;
                code = killed ? SigInfo.CLD_KILLED : SigInfo.CLD_EXITED;
                status = killed ? child.termSignal() : child.exitCode();
            }
            case ProcessTree.Stopped st -> {
                child = st.child();
                code = SigInfo.CLD_STOPPED;
                status = st.signal();
            }
            case ProcessTree.Continued co -> {
                child = co.child();
                code = SigInfo.CLD_CONTINUED;
                status = Signal.SIGCONT;
            }
            default -> { } // WNOHANG with nothing to report: Linux zeroes si_signo, si_code, si_pid, si_uid and si_status
        }
        if (child != null) {
            info.putInt(0, Signal.SIGCHLD).putInt(8, code).putInt(16, child.pid())
                    .putInt(20, child.credentials().uid()).putInt(24, status);
        }
        if (infop != 0) c.copyOut(infop, info.array());
        if (rusage != 0) {
            c.copyOut(rusage, SysResourceUsage.encode(child == null ? org.exoos.libposix.process.ResourceUsage.NONE
                    : child.selfUsage().plus(child.childrenUsage())));
        }
        return 0;
    }

    /**
     * Waits for a child the selector accepts to change state in one of {@code events} (WEXITED, WSTOPPED,
     * WCONTINUED), and consumes the change unless {@code peek} (an ended child is reaped). Returns what was
     * found; NotYet only with WNOHANG. An interruption by a signal ends it with EINTR, which becomes a
     * restart after a SA_RESTART handler (or when no handler runs) as the signals are handled.
     */
    private static ProcessTree.Found await(SyscallContext c, int which, int id, int events, int options, boolean peek) {
        ProcessTree tree = c.linux().processTree();
        PosixProcess self = c.process();
        Waiter w = c.thread().waiter();
        w.begin();
        while (true) {
            ProcessTree.Found found = tree.findChanged(self, which, id, events, peek);
            if (!(found instanceof ProcessTree.NotYet) || (options & WNOHANG) != 0) return found;
            if (w.interrupted()) {
                // The child's change and its SIGCHLD arrive together: a last look before giving up.
                found = tree.findChanged(self, which, id, events, peek);
                if (!(found instanceof ProcessTree.NotYet)) return found;
                throw new ErrnoException(Errno.EINTR);
            }
            w.park(Waiter.FOREVER, false);
        }
    }

    // ---- process groups and sessions ----

    /** setpgid(pid, pgid): the caller or one of its children moves to a group of the caller's session (procmgr's rules). */
    static long setpgid(SyscallContext c) {
        int pid = c.argInt(0), pgid = c.argInt(1);
        if (pgid < 0) return -Errno.EINVAL;
        if (pid < 0) return -Errno.ESRCH;
        return c.linux().processTree().setpgid(c.process(), pid, pgid);
    }

    static long getpgid(SyscallContext c) {
        int pid = c.argInt(0);
        if (pid < 0) return -Errno.ESRCH;
        return c.linux().processTree().getpgid(pid == 0 ? c.process().pid() : pid);
    }

    /** setsid: a new session and group led by the caller, unless it leads a process group already. */
    static long setsid(SyscallContext c) {
        return c.linux().processTree().setsid(c.process());
    }

    static long getsid(SyscallContext c) {
        int pid = c.argInt(0);
        if (pid < 0) return -Errno.ESRCH;
        return c.linux().processTree().getsid(pid == 0 ? c.process().pid() : pid);
    }
}
