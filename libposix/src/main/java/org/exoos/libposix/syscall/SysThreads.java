package org.exoos.libposix.syscall;

import org.exoos.hal.mmu.AccessType;
import org.exoos.libposix.fd.Waiter;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.sync.FutexTable;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.sched.TaskStarter;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;
import org.exoos.servers.protocol.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads of one process: clone(2) with CLONE_THREAD (what pthread_create does in both C libraries), and
 * how a thread ends: exit(2) ends only the caller, clearing and waking its clear_child_tid word and releasing
 * the futexes on its robust list; the last thread out takes the process with it.
 */
final class SysThreads {
    private SysThreads() {}

    private static final Logger log = LoggerFactory.getLogger(SysThreads.class);

    /** clone flags of linux/sched.h. */
    static final long CSIGNAL = 0xff, CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400,
            CLONE_SIGHAND = 0x800, CLONE_PIDFD = 0x1000, CLONE_PTRACE = 0x2000, CLONE_VFORK = 0x4000,
            CLONE_PARENT = 0x8000, CLONE_THREAD = 0x10000, CLONE_NEWNS = 0x20000, CLONE_SYSVSEM = 0x40000,
            CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x10_0000, CLONE_CHILD_CLEARTID = 0x20_0000,
            CLONE_DETACHED = 0x40_0000, CLONE_UNTRACED = 0x80_0000, CLONE_CHILD_SETTID = 0x100_0000,
            CLONE_NEWCGROUP = 0x200_0000, CLONE_NEWUTS = 0x400_0000, CLONE_NEWIPC = 0x800_0000,
            CLONE_NEWUSER = 0x1000_0000, CLONE_NEWPID = 0x2000_0000, CLONE_NEWNET = 0x4000_0000L,
            CLONE_IO = 0x8000_0000L;
    static final long CLONE_NEW_ANY = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER
            | CLONE_NEWPID | CLONE_NEWNET;

    /** futex word bits of linux/futex.h that robust mutexes use. */
    static final int FUTEX_WAITERS = 0x8000_0000, FUTEX_OWNER_DIED = 0x4000_0000, FUTEX_TID_MASK = 0x3fff_ffff;
    /** Linux's ROBUST_LIST_LIMIT: how many entries exit walks at most (a cyclic list must not hang it). */
    static final int ROBUST_LIST_LIMIT = 2048;

    /**
     * The flag combinations copy_process refuses, in its order: 0 when the flags are consistent. Namespaces
     * are EINVAL too, as on a kernel built without them. Shared by process and thread creation.
     */
    static long checkFlags(long flags) {
        if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS)) return -Errno.EINVAL;
        if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS)) return -Errno.EINVAL;
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0) return -Errno.EINVAL;
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) return -Errno.EINVAL;
        if ((flags & CLONE_THREAD) != 0 && (flags & (CLONE_NEWUSER | CLONE_NEWPID)) != 0) return -Errno.EINVAL;
        if ((flags & CLONE_PIDFD) != 0 && (flags & (CLONE_DETACHED | CLONE_THREAD)) != 0) return -Errno.EINVAL;
        if ((flags & CLONE_NEW_ANY) != 0) return -Errno.EINVAL;
        return 0;
    }

    /**
     * clone(flags, stack, parent_tid, tls, child_tid) with CLONE_THREAD (riscv64 passes tls before child_tid):
     * a new task in the caller's address space and process, with the caller's registers except sp (the new
     * stack, when given), tp (tls, with CLONE_SETTLS) and a0 (0: the child's return value). Returns its tid.
     *
     * <p>The process keeps one fd table, one cwd and one set of handlers, so a thread must share them:
     * CLONE_THREAD without CLONE_FILES or CLONE_FS is EINVAL here (Linux would give the thread copies;
     * neither C library asks for that).
     */
    static long cloneThread(SyscallContext c) {
        long flags = c.arg(0), stack = c.arg(1), parentTid = c.arg(2), tls = c.arg(3), childTid = c.arg(4);
        long bad = checkFlags(flags);
        if (bad != 0) return bad;
        if ((flags & CLONE_THREAD) == 0 || (flags & (CLONE_FS | CLONE_FILES)) != (CLONE_FS | CLONE_FILES)) {
            return -Errno.EINVAL;
        }
        TaskStarter starter = c.linux().taskStarter();
        if (starter == null) return -Errno.EAGAIN; // this machine cannot run a second task
        PosixProcess process = c.process();
        PosixThread parent = c.thread();
        AddressSpace space = c.space();

        int tid = c.linux().newId();
        Task task = new Task(tid, space);
        task.context().copyFrom(c.registers()); // the pc is already past the ecall
        UserContext regs = task.context();
        regs.x[UserContext.A0] = 0;
        if (stack != 0) regs.x[UserContext.SP] = stack;
        if ((flags & CLONE_SETTLS) != 0) regs.x[UserContext.TP] = tls;

        PosixThread child;
        synchronized (process) { // against the last thread's exit deciding the process is over
            if (process.hasExited() || !c.task().isAlive()) return -Errno.EINTR; // dying: the result is never seen
            child = new PosixThread(task, process, tid);
        }
        child.setBlocked(parent.blocked());
        if ((flags & CLONE_CHILD_CLEARTID) != 0) child.setClearChildTid(childTid);
        // Linux ignores faults on both stores (put_user's result is dropped).
        byte[] tidBytes = {(byte) tid, (byte) (tid >>> 8), (byte) (tid >>> 16), (byte) (tid >>> 24)};
        if ((flags & CLONE_PARENT_SETTID) != 0) space.copyOut(parentTid, tidBytes, 0, 4);
        if ((flags & CLONE_CHILD_SETTID) != 0) space.copyOut(childTid, tidBytes, 0, 4);

        log.debug("pid {}: thread {} created (flags 0x{}, sp 0x{})", process.pid(), tid, Long.toHexString(flags),
                Long.toHexString(regs.x[UserContext.SP]));
        starter.start(task, c.thread().task());
        if ((flags & CLONE_VFORK) != 0) awaitExit(parent, task);
        return tid;
    }

    /** CLONE_VFORK: the caller sleeps until the child ends (a thread cannot exec without ending the others). */
    private static void awaitExit(PosixThread parent, Task child) {
        Waiter w = parent.waiter();
        w.begin();
        while (child.isAlive() && parent.task().isAlive()) w.park(Waiter.FOREVER, false); // rechecked each safety period
    }

    // ---- ending ----

    /**
     * exit(2): ends the calling thread. Its robust futexes are released; unless it is the last thread, its
     * clear_child_tid word is zeroed and one waiter on it woken (pthread_join); the last thread ends the
     * process with this status.
     */
    static long exitThread(SyscallContext c, int code) {
        PosixProcess process = c.process();
        PosixThread self = c.thread();
        releaseRobustList(c, self);
        if (othersAlive(process, self)) clearChildTid(c, self); // Linux does it only while the mm has other users
        boolean last;
        synchronized (process) {
            c.task().exit();
            last = !othersAlive(process, self);
        }
        self.waiter().wake();
        if (last) process.exit(code);
        return 0;
    }

    /** exit_group(2): every thread's robust futexes are released, then every thread is stopped. */
    static long exitGroup(SyscallContext c, int code) {
        for (PosixThread t : c.process().threads()) {
            if (t.task().isAlive()) releaseRobustList(c, t);
        }
        c.process().exit(code);
        return 0;
    }

    private static boolean othersAlive(PosixProcess process, PosixThread self) {
        for (PosixThread t : process.threads()) if (t != self && t.task().isAlive()) return true;
        return false;
    }

    /** mm_release: zero the word at clear_child_tid, then FUTEX_WAKE one waiter (a shared wake, as Linux's). */
    private static void clearChildTid(SyscallContext c, PosixThread thread) {
        long address = thread.clearChildTid();
        if (address == 0) return;
        thread.setClearChildTid(0);
        if ((address & 3) != 0) return;
        long pa = c.space().translate(address, AccessType.STORE);
        if (pa < 0) return; // a fault is ignored
        FutexTable.store(c.space().memory(), pa, 0);
        SysFutex.wake(c, c.linux().futexes(), address, true, 1, FutexTable.MATCH_ANY);
    }

    /**
     * exit_robust_list: walks struct robust_list_head { next; long futex_offset; list_op_pending } and marks
     * every futex word the thread owns FUTEX_OWNER_DIED, waking a waiter when FUTEX_WAITERS says there is
     * one; the pending entry too. The low bit of an entry pointer flags a PI futex (marked, never woken).
     */
    static void releaseRobustList(SyscallContext c, PosixThread thread) {
        long head = thread.robustListHead();
        if (head == 0) return;
        thread.setRobustList(0, 0);
        AddressSpace space = c.space();
        long[] word = new long[1];
        if (!readLong(space, head, word)) return;
        long entry = word[0];
        if (!readLong(space, head + 8, word)) return;
        long futexOffset = word[0];
        if (!readLong(space, head + 16, word)) return;
        long pending = word[0];
        for (int limit = ROBUST_LIST_LIMIT; (entry & ~1L) != head && limit > 0; limit--) {
            boolean fetched = readLong(space, entry & ~1L, word);
            if ((entry & ~1L) != (pending & ~1L)) {
                futexDeath(c, (entry & ~1L) + futexOffset, thread.tid(), (entry & 1) != 0, false);
            }
            if (!fetched) return;
            entry = word[0];
        }
        if ((pending & ~1L) != 0) futexDeath(c, (pending & ~1L) + futexOffset, thread.tid(), (pending & 1) != 0, true);
    }

    /** handle_futex_death for one word. */
    private static void futexDeath(SyscallContext c, long address, int tid, boolean pi, boolean pendingOp) {
        if ((address & 3) != 0) return;
        AddressSpace space = c.space();
        long pa = space.translate(address, AccessType.STORE);
        if (pa < 0) return;
        FutexTable futexes = c.linux().futexes();
        while (true) {
            int value = FutexTable.load(space.memory(), pa);
            if (pendingOp && !pi && value == 0) { // died between taking the lock and recording it: wake a waiter
                SysFutex.wake(c, futexes, address, true, 1, FutexTable.MATCH_ANY);
                return;
            }
            if ((value & FUTEX_TID_MASK) != tid) return;
            int marked = (value & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
            if (!FutexTable.compareAndSet(space.memory(), pa, value, marked)) continue; // changed under us
            if (!pi && (value & FUTEX_WAITERS) != 0) SysFutex.wake(c, futexes, address, true, 1, FutexTable.MATCH_ANY);
            return;
        }
    }

    private static boolean readLong(AddressSpace space, long va, long[] out) {
        byte[] b = new byte[8];
        if (!space.copyIn(va, b, 0, 8)) return false;
        out[0] = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return true;
    }
}
