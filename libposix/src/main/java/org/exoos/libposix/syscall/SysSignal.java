package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.Waiter;
import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.ProcessTree;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.signal.SigAction;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.signal.SignalFrame;
import org.exoos.libposix.signal.SignalSender;
import org.exoos.libposix.signal.SignalState;
import org.exoos.microkernel.task.UserContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Signal calls: dispositions (rt_sigaction), masks (rt_sigprocmask, rt_sigpending), the alternate stack
 * (sigaltstack), handler return (rt_sigreturn), and the signals a process sends itself (kill, tkill,
 * tgkill: what raise() and abort() use), waiting for signals (rt_sigsuspend, rt_sigtimedwait) and sending
 * them with data (rt_sigqueueinfo, rt_tgsigqueueinfo). Pending signals are acted on as the thread returns to
 * user mode.
 */
final class SysSignal {
    private SysSignal() {}

    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    static final int SS_AUTODISARM = 1 << 31;
    /** MINSIGSTKSZ on riscv64. */
    static final long MINSIGSTKSZ = 2048;

    static void register(SyscallTable t) {
        t.add("rt_sigaction", SysSignal::rtSigaction);
        t.add("rt_sigprocmask", SysSignal::rtSigprocmask);
        t.add("rt_sigpending", SysSignal::rtSigpending);
        t.add("rt_sigreturn", SysSignal::rtSigreturn);
        t.add("sigaltstack", SysSignal::sigaltstack);
        t.add("kill", SysSignal::kill);
        t.add("tkill", SysSignal::tkill);
        t.add("tgkill", SysSignal::tgkill);
        t.add("rt_sigsuspend", SysSignal::rtSigsuspend);
        t.add("rt_sigtimedwait", SysSignal::rtSigtimedwait);
        t.add("rt_sigqueueinfo", SysSignal::rtSigqueueinfo);
        t.add("rt_tgsigqueueinfo", SysSignal::rtTgsigqueueinfo);
    }

    static long rtSigaction(SyscallContext c) {
        int sig = c.argInt(0);
        long act = c.arg(1), oldAct = c.arg(2);
        if (c.arg(3) != Signal.SIGSET_SIZE) return -Errno.EINVAL;
        if (!Signal.valid(sig)) return -Errno.EINVAL;
        if (act != 0 && (sig == Signal.SIGKILL || sig == Signal.SIGSTOP)) return -Errno.EINVAL;
        SignalState state = c.process().signals();
        SigAction old = state.action(sig);
        if (act != 0) {
            ByteBuffer b = ByteBuffer.wrap(c.copyIn(act, SigAction.SIZE)).order(ByteOrder.LITTLE_ENDIAN);
            long handler = b.getLong(), flags = b.getLong(), mask = b.getLong();
            int childMode = sig == Signal.SIGCHLD ? ProcessTree.childMode(c.process()) : 0;
            state.setAction(sig, new SigAction(handler, flags, mask & ~Signal.UNBLOCKABLE));
            if (state.isIgnored(sig)) discardPending(c.process(), sig); // POSIX: ignoring drops a pending one
            // procmgr reaps ended children at once for a parent that ignores SIGCHLD or set SA_NOCLDWAIT
            if (sig == Signal.SIGCHLD && ProcessTree.childMode(c.process()) != childMode) {
                c.linux().processTree().childDispositionChanged(c.process());
            }
        }
        if (oldAct != 0) {
            ByteBuffer b = ByteBuffer.allocate(SigAction.SIZE).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(old.handler()).putLong(old.flags()).putLong(old.mask());
            c.copyOut(oldAct, b.array());
        }
        return 0;
    }

    private static void discardPending(PosixProcess p, int sig) {
        p.signals().pending().discard(sig);
        for (PosixThread t : p.threads()) t.pending().discard(sig);
    }

    static long rtSigprocmask(SyscallContext c) {
        int how = c.argInt(0);
        long set = c.arg(1), oldSet = c.arg(2);
        if (c.arg(3) != Signal.SIGSET_SIZE) return -Errno.EINVAL;
        PosixThread t = c.thread();
        long old = t.blocked();
        if (set != 0) {
            long mask = c.readLong(set) & ~Signal.UNBLOCKABLE;
            switch (how) {
                case SIG_BLOCK -> t.setBlocked(old | mask);
                case SIG_UNBLOCK -> t.setBlocked(old & ~mask);
                case SIG_SETMASK -> t.setBlocked(mask);
                default -> { return -Errno.EINVAL; }
            }
        }
        if (oldSet != 0) c.writeLong(oldSet, old);
        return 0;
    }

    /** The signals pending for the thread that it blocks (the others are delivered already). */
    static long rtSigpending(SyscallContext c) {
        if (c.arg(1) > Signal.SIGSET_SIZE || c.arg(1) < 0) return -Errno.EINVAL;
        PosixThread t = c.thread();
        long pending = (t.pending().mask() | c.process().signals().pending().mask()) & t.blocked();
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(pending).array();
        c.copyOut(c.arg(0), b, 0, (int) c.arg(1));
        return 0;
    }

    /** Ends a handler: the registers and mask saved in the frame at sp come back; a bad frame is fatal. */
    static long rtSigreturn(SyscallContext c) {
        UserContext regs = c.registers();
        byte[] frame = new byte[SignalFrame.SIZE];
        if (!c.space().copyIn(regs.x[UserContext.SP], frame, 0, frame.length)) {
            c.process().killBy(Signal.SIGSEGV);
            return 0;
        }
        long mask = SignalFrame.decode(frame, regs);
        c.thread().setBlocked(mask & ~Signal.UNBLOCKABLE);
        c.replaceRegisters();
        return 0;
    }

    static long sigaltstack(SyscallContext c) {
        long ss = c.arg(0), oldSs = c.arg(1);
        PosixThread t = c.thread();
        boolean on = t.onAltStack(c.registers().x[UserContext.SP]);
        byte[] old = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(t.altStackSp())
                .putInt(on ? PosixThread.SS_ONSTACK : t.altStackFlags()).putInt(0).putLong(t.altStackSize()).array();
        if (ss != 0) {
            ByteBuffer b = ByteBuffer.wrap(c.copyIn(ss, 24)).order(ByteOrder.LITTLE_ENDIAN);
            long sp = b.getLong(0), size = b.getLong(16);
            int flags = b.getInt(8);
            if (on) return -Errno.EPERM;
            int mode = flags & ~SS_AUTODISARM;
            if (mode != 0 && mode != PosixThread.SS_DISABLE && mode != PosixThread.SS_ONSTACK) return -Errno.EINVAL;
            if (mode == PosixThread.SS_DISABLE) {
                t.setAltStack(0, 0, PosixThread.SS_DISABLE);
            } else {
                if (size < MINSIGSTKSZ) return -Errno.ENOMEM;
                t.setAltStack(sp, size, flags & SS_AUTODISARM);
            }
        }
        if (oldSs != 0) c.copyOut(oldSs, old);
        return 0;
    }

    /**
     * kill(pid, sig): pid &gt; 0 that process; 0 the caller's process group; -1 every process the caller may
     * signal but init and itself; &lt; -1 process group -pid. ESRCH when no process matched, EPERM when some
     * matched but none could be signalled. sig 0 only checks.
     */
    static long kill(SyscallContext c) {
        int pid = c.argInt(0), sig = c.argInt(1);
        if (sig != 0 && !Signal.valid(sig)) return -Errno.EINVAL;
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
        PosixProcess self = c.process();
        var tree = c.linux().processTree();
        SigInfo si = SigInfo.user(sig, self.pid(), self.credentials().uid());
        if (pid > 0) {
            PosixProcess target = pid == self.pid() ? self : tree.find(pid);
            if (target == null) return -Errno.ESRCH;
            if (!maySignal(self, target)) return -Errno.EPERM;
            if (sig != 0 && !target.isZombie()) SignalSender.toProcess(target, si);
            return 0;
        }
        // the group's members, or everyone, as procmgr knows them
        java.util.List<PosixProcess> targets = pid == -1 ? tree.live() : tree.groupMembers(pid == 0 ? self.pgid() : -pid);
        boolean matched = false, sent = false;
        for (PosixProcess target : targets) {
            if (target.isZombie()) continue;
            if (pid == -1 && (target == self || target == tree.init())) continue;
            matched = true;
            if (!maySignal(self, target)) continue;
            sent = true;
            if (sig != 0) SignalSender.toProcess(target, si);
        }
        return sent ? 0 : matched ? -Errno.EPERM : -Errno.ESRCH;
    }

    /** kill_ok_by_cred: root, or the sender's real or effective uid is the target's real or saved uid. */
    static boolean maySignal(PosixProcess from, PosixProcess to) {
        var a = from.credentials();
        var b = to.credentials();
        return a.euid() == 0 || a.euid() == b.uid() || a.euid() == b.suid() || a.uid() == b.uid() || a.uid() == b.suid();
    }

    static long tkill(SyscallContext c) {
        int tid = c.argInt(0), sig = c.argInt(1);
        if (tid <= 0) return -Errno.EINVAL;
        return toThread(c, tid, sig);
    }

    static long tgkill(SyscallContext c) {
        int tgid = c.argInt(0), tid = c.argInt(1), sig = c.argInt(2);
        if (tgid <= 0 || tid <= 0) return -Errno.EINVAL;
        return toThread(c, tgid, tid, sig);
    }

    private static long toThread(SyscallContext c, int tid, int sig) { return toThread(c, 0, tid, sig); }

    /** The thread tid of any process (of process tgid, unless 0); tids and pids share one space. */
    private static long toThread(SyscallContext c, int tgid, int tid, int sig) {
        PosixProcess p = c.process();
        PosixProcess owner = null;
        for (PosixThread t : p.threads()) if (t.tid() == tid) owner = p;
        if (owner == null) {
            // A process's first thread has the pid's number; later threads live in their process's list.
            for (PosixProcess q : c.linux().processTree().all()) {
                for (PosixThread t : q.threads()) if (t.tid() == tid) owner = q;
            }
        }
        if (owner == null || (tgid != 0 && owner.pid() != tgid)) return -Errno.ESRCH;
        PosixThread target = null;
        for (PosixThread t : owner.threads()) if (t.tid() == tid && t.task().isAlive()) target = t;
        if (target == null) return -Errno.ESRCH;
        if (sig != 0 && !Signal.valid(sig)) return -Errno.EINVAL;
        if (!maySignal(p, owner)) return -Errno.EPERM;
        if (sig != 0) SignalSender.toThread(target, SigInfo.tkill(sig, p.pid(), p.credentials().uid()));
        return 0;
    }

    // ---- waiting for signals ----

    /**
     * rt_sigsuspend(mask, size): sleeps with {@code mask} blocked until a signal runs a handler or ends the
     * process; always -EINTR (the handler's frame saves the mask from before, as Linux's set_restore_sigmask).
     */
    static long rtSigsuspend(SyscallContext c) {
        if (c.arg(1) != Signal.SIGSET_SIZE) return -Errno.EINVAL;
        long mask = c.readLong(c.arg(0)) & ~Signal.UNBLOCKABLE;
        PosixThread t = c.thread();
        t.setTemporaryBlocked(mask);
        Waiter w = t.waiter();
        w.begin();
        while (!w.interrupted()) w.park(Waiter.FOREVER, false);
        return -Errno.EINTR;
    }

    /**
     * rt_sigtimedwait(set, info, timeout, size): takes a pending signal of {@code set} (the thread's first,
     * lowest number first) and returns its number, filling {@code info}; waits for one, the signals of the set
     * unblocked meanwhile, until the timeout (EAGAIN; a zero timeout only polls) or another signal (EINTR).
     */
    static long rtSigtimedwait(SyscallContext c) {
        if (c.arg(3) != Signal.SIGSET_SIZE) return -Errno.EINVAL;
        long set = c.readLong(c.arg(0)) & ~Signal.UNBLOCKABLE;
        long infoAddress = c.arg(1), timeout = c.arg(2);
        long deadline = Waiter.FOREVER;
        if (timeout != 0) {
            ByteBuffer b = ByteBuffer.wrap(c.copyIn(timeout, 16)).order(ByteOrder.LITTLE_ENDIAN);
            long sec = b.getLong(), nsec = b.getLong();
            if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) return -Errno.EINVAL;
            long ns = sec > Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE : sec * 1_000_000_000L + nsec;
            if (ns != Long.MAX_VALUE) deadline = System.nanoTime() + ns;
        }
        PosixThread t = c.thread();
        SigInfo si = takeOne(t, set);
        if (si == null) {
            if (deadline != Waiter.FOREVER && Waiter.expired(deadline)) return -Errno.EAGAIN;
            long blocked = t.blocked();
            t.setBlocked(blocked & ~set); // the awaited signals wake the wait (real_blocked)
            try {
                Waiter w = t.waiter();
                w.begin();
                while ((si = takeOne(t, set)) == null) {
                    if (w.interrupted() && (si = takeOne(t, set)) == null) return -Errno.EINTR;
                    if (si != null) break;
                    if (Waiter.expired(deadline)) return -Errno.EAGAIN;
                    w.park(deadline, false);
                }
            } finally {
                t.setBlocked(blocked);
            }
        }
        if (infoAddress != 0) c.copyOut(infoAddress, si.encode());
        return si.signo();
    }

    /** The lowest pending signal of {@code set}, the thread's before the process's, taken; or null. */
    private static SigInfo takeOne(PosixThread t, long set) {
        long own = t.pending().mask() & set, shared = t.process().signals().pending().mask() & set;
        if (own != 0) {
            SigInfo si = t.pending().take(Long.numberOfTrailingZeros(own) + 1);
            if (si != null) return si;
        }
        if (shared != 0) return t.process().signals().pending().take(Long.numberOfTrailingZeros(shared) + 1);
        return null;
    }

    // ---- sending signals with data ----

    /**
     * rt_sigqueueinfo(tgid, sig, info): sends {@code sig} to the process with the caller's siginfo (its pid,
     * uid and value as given). Only to itself may a process claim SI_USER, SI_KERNEL or SI_TKILL (EPERM).
     */
    static long rtSigqueueinfo(SyscallContext c) {
        int tgid = c.argInt(0), sig = c.argInt(1);
        SigInfo si = queuedInfo(c, sig, c.arg(2), tgid);
        if (si == null) return -Errno.EPERM;
        PosixProcess self = c.process();
        PosixProcess target = tgid == self.pid() ? self : tgid > 0 ? c.linux().processTree().find(tgid) : null;
        if (target == null || target.isZombie()) return -Errno.ESRCH;
        if (sig != 0 && !Signal.valid(sig)) return -Errno.EINVAL;
        if (!maySignal(self, target)) return -Errno.EPERM;
        if (sig != 0 && !target.signals().pending().hasRoomFor(sig)) return -Errno.EAGAIN; // the queue is full
        if (sig != 0) SignalSender.toProcess(target, si);
        return 0;
    }

    /** rt_tgsigqueueinfo(tgid, tid, sig, info): the same, to one thread of the process. */
    static long rtTgsigqueueinfo(SyscallContext c) {
        int tgid = c.argInt(0), tid = c.argInt(1), sig = c.argInt(2);
        if (tgid <= 0 || tid <= 0) return -Errno.EINVAL;
        SigInfo si = queuedInfo(c, sig, c.arg(3), tgid);
        if (si == null) return -Errno.EPERM;
        PosixProcess owner = tgid == c.process().pid() ? c.process() : c.linux().processTree().find(tgid);
        PosixThread target = null;
        if (owner != null) for (PosixThread t : owner.threads()) if (t.tid() == tid && t.task().isAlive()) target = t;
        if (target == null) return -Errno.ESRCH;
        if (sig != 0 && !Signal.valid(sig)) return -Errno.EINVAL;
        if (!maySignal(c.process(), owner)) return -Errno.EPERM;
        if (sig != 0 && !target.pending().hasRoomFor(sig)) return -Errno.EAGAIN; // the queue is full
        if (sig != 0) SignalSender.toThread(target, si);
        return 0;
    }

    /**
     * The user's siginfo with si_signo set to {@code sig}, or null (EPERM) when it claims a kernel or kill
     * origin (si_code &gt;= 0, or SI_TKILL) for a process other than the caller.
     */
    private static SigInfo queuedInfo(SyscallContext c, int sig, long address, int tgid) {
        ByteBuffer b = ByteBuffer.wrap(c.copyIn(address, SigInfo.SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        int code = b.getInt(8);
        if ((code >= 0 || code == SigInfo.SI_TKILL) && tgid != c.process().pid()) return null;
        return new SigInfo(sig, code, b.getInt(16), b.getInt(20), b.getLong(24));
    }
}
