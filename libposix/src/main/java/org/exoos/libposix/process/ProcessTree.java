package org.exoos.libposix.process;

import org.exoos.libposix.procinfo.ProcessTable;
import org.exoos.libposix.signal.SigAction;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.signal.SignalSender;
import org.exoos.servers.procmgr.ProcessManager;
import org.exoos.servers.procmgr.service.ProcMgrClient;
import org.exoos.servers.protocol.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's side of the process family. Who is whose parent, which group and session a process is in, who
 * has ended and not been reaped and what a wait finds are the procmgr server's ({@link ProcessManager}, asked
 * over its ring through a {@link ProcMgrClient}); the kernel keeps what runs each process ({@link ProcessTable}:
 * pid → {@link PosixProcess}) and does what the answers say: it sends the parent its SIGCHLD, wakes waiters,
 * hangs up orphaned stopped groups and forgets reaped processes. A process's group and session are mirrored in
 * {@link PosixProcess#pgid()}/{@link PosixProcess#sid()} from procmgr's answers (they change only through the
 * calls here), so that a terminal's per-read background check needs no round trip.
 * <p>
 * A change reaches procmgr before its signal is sent and its waiters are woken, so a woken wait finds it.
 */
public final class ProcessTree {
    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

    /** What a wait finds among the caller's children. */
    public sealed interface Found permits NoChild, NotYet, Ended, Stopped, Continued {}

    /** No child matches the selector: ECHILD. */
    public record NoChild() implements Found {}

    /** Matching children exist, none has changed yet. */
    public record NotYet() implements Found {}

    /** This matching child has ended (and was reaped, unless the wait only peeked). */
    public record Ended(PosixProcess child) implements Found {}

    /** This matching child stopped, by {@code signal}, and no wait reported it yet. */
    public record Stopped(PosixProcess child, int signal) implements Found {}

    /** This matching child was continued by SIGCONT, and no wait reported it yet. */
    public record Continued(PosixProcess child) implements Found {}

    private static final NoChild NO_CHILD = new NoChild();
    private static final NotYet NOT_YET = new NotYet();

    private final ProcessTable table;
    private volatile ProcMgrClient procmgr;
    private volatile PosixProcess init;

    public ProcessTree(ProcessTable table) { this.table = table; }

    /** The process manager every family question goes to; attached before the first process starts. */
    public void attachProcessManager(ProcMgrClient client) { procmgr = client; }

    private ProcMgrClient procmgr() {
        ProcMgrClient c = procmgr;
        if (c == null) throw new IllegalStateException("no process manager attached (LinuxPersonality.attachProcessManager)");
        return c;
    }

    /**
     * Registers a spawned process (one without a parent) with procmgr; the first of the machine becomes init,
     * which adopts orphans.
     *
     * @return 0, or -errno from procmgr
     */
    public synchronized int registerSpawned(PosixProcess process) {
        boolean first = init == null;
        int rc = procmgr().first(process.pid(), process.pgid(), process.sid(), childMode(process), first);
        if (rc == 0) {
            if (first) init = process;
            process.joinFamily(this);
        }
        return rc;
    }

    public PosixProcess init() { return init; }

    /** The process with this pid that the kernel still holds (zombies included until reaped), or null. */
    public PosixProcess find(int pid) {
        ProcessTable.Entry e = table.get(pid);
        return e == null ? null : e.process();
    }

    /** Every process the kernel holds, zombies included, in pid order. */
    public List<PosixProcess> all() {
        List<PosixProcess> out = new ArrayList<>();
        for (int pid = table.nextPid(0); pid != 0; pid = table.nextPid(pid)) {
            ProcessTable.Entry e = table.get(pid);
            if (e != null) out.add(e.process());
        }
        return out;
    }

    /**
     * Registers a fork with procmgr, before the child is built: {@code childPid} is {@code parent}'s, in its group
     * and session, with the parent's (inherited) SIGCHLD disposition.
     *
     * @return 0, or -errno (procmgr refused or is gone: the fork fails)
     */
    public int forked(PosixProcess parent, int childPid, int exitSignal) {
        // one-way when the client allows it: the kernel allocated the pid and the parent is live, so procmgr has no
        // reason to refuse; its ring keeps the fork ahead of whatever the child or the parent asks next
        return procmgr().forkAsync(parent.pid(), childPid, exitSignal, childMode(parent));
    }

    /** The forked child is built: the kernel holds it (and /proc lists it) until it is reaped. */
    public void addChild(PosixProcess child, long initialStackPointer, long startNanos) {
        child.joinFamily(this);
        table.add(child, initialStackPointer, startNanos);
    }

    /** execve ran: procmgr notes it (setpgid by the parent now fails) and the SIGCHLD disposition exec left. */
    public void execed(PosixProcess p) {
        int rc = procmgr().exec(p.pid(), childMode(p));
        if (rc < 0) log.warn("pid {}: procmgr did not take the exec: {}", p.pid(), Errno.name(rc));
    }

    /** The process's SIGCHLD disposition changed (rt_sigaction): procmgr decides auto-reaping from it. */
    public void childDispositionChanged(PosixProcess p) {
        int rc = procmgr().childMode(p.pid(), childMode(p));
        if (rc < 0) log.warn("pid {}: procmgr did not take the SIGCHLD disposition: {}", p.pid(), Errno.name(rc));
    }

    /** How {@code p} wants its children's ends, from its SIGCHLD disposition (Linux's do_notify_parent). */
    public static int childMode(PosixProcess p) {
        SigAction a = p.signals().action(Signal.SIGCHLD);
        if (a.isIgnore()) return ProcessManager.CHILDREN_IGNORED;
        return (a.flags() & SigAction.SA_NOCLDWAIT) != 0 ? ProcessManager.CHILDREN_NOT_WAITED
                : ProcessManager.CHILDREN_REPORTED;
    }

    /**
     * The process has ended and released its resources: it becomes a zombie (procmgr reparents its children to
     * init and names the groups to hang up), its parent gets its exit signal and its waits are woken, or it is
     * reaped at once if the parent does not want to know.
     */
    public void ended(PosixProcess p) {
        p.becomeZombie();
        try {
            reportEnd(p);
        } finally {
            p.markEndReported(); // a wait that found p in procmgr returns only now (its SIGCHLD is pending)
        }
    }

    private void reportEnd(PosixProcess p) {
        ProcMgrClient.ExitReport r = procmgr().exit(p.pid(), p.waitStatus());
        if (r.parent() < 0) {
            log.error("pid {}: procmgr did not take its end: {}", p.pid(), Errno.name(r.parent()));
            return;
        }
        for (int pid : r.hangUps()) {
            PosixProcess q = find(pid);
            if (q == null || q.isZombie()) continue;
            SignalSender.toProcess(q, new SigInfo(Signal.SIGHUP, SigInfo.SI_KERNEL, 0, 0, 0));
            SignalSender.toProcess(q, new SigInfo(Signal.SIGCONT, SigInfo.SI_KERNEL, 0, 0, 0));
        }
        if (r.hangUps().length > 0) log.debug("pid {}: orphaned stopped group hung up: {} processes", p.pid(), r.hangUps().length);
        if (r.adopterToWake() != 0) wakeWaiters(find(r.adopterToWake()));
        if (r.reaped()) table.remove(p.pid());
        if (r.parent() == 0) {
            // init: the launcher reads its status from the process. Any other process without a parent (spawned
            // beside init, or orphaned after init ended) has nobody to wait for it: forgotten at once.
            if (p != init && procmgr().release(p.pid()) == 0) table.remove(p.pid());
            return;
        }
        PosixProcess parent = find(r.parent());
        if (parent == null) return;
        if (r.signal() != 0 && Signal.valid(r.signal())) {
            int code = p.termSignal() != 0 ? SigInfo.CLD_KILLED : SigInfo.CLD_EXITED;
            int status = p.termSignal() != 0 ? p.termSignal() : p.exitCode();
            SignalSender.toProcess(parent, SigInfo.child(code, p.pid(), p.credentials().uid(), status));
        }
        wakeWaiters(parent);
        log.debug("pid {} ended (status 0x{}){}", p.pid(), Integer.toHexString(p.waitStatus()), r.reaped() ? ", reaped" : "");
    }

    /**
     * Asks procmgr for a child of {@code parent} that the selector accepts (waitid's idtype: P_ALL; P_PID: the
     * child {@code id}; P_PGID: children in process group {@code id}) and that changed in one of
     * {@code events}: an ended child is reaped (its usage becomes the parent's) unless {@code peek}.
     */
    public Found findChanged(PosixProcess parent, int which, int id, int events, boolean peek) {
        ProcMgrClient.WaitReport w = procmgr().waitChild(parent.pid(), which, id, events, peek);
        if (w.pid() == 0) return NOT_YET;
        if (w.pid() == -Errno.ECHILD) return NO_CHILD;
        if (w.pid() < 0) throw new org.exoos.libposix.syscall.ErrnoException((int) -w.pid());
        PosixProcess child = find(w.pid());
        if (child == null) throw new IllegalStateException("procmgr reported pid " + w.pid() + ", unknown to the kernel");
        return switch (w.kind()) {
            case ProcessManager.FOUND_ENDED -> {
                // procmgr knows of the end a moment before the ending thread has sent the parent its SIGCHLD; as in
                // Linux (do_notify_parent under the tasklist lock) a wait returns only once it is pending
                child.awaitEndReported();
                if (w.reaped()) {
                    parent.addReapedChild(child); // a wait collects the child's times (an auto-reap does not, as in Linux)
                    table.remove(child.pid());
                }
                yield new Ended(child);
            }
            case ProcessManager.FOUND_STOPPED -> new Stopped(child, w.status());
            case ProcessManager.FOUND_CONTINUED -> new Continued(child);
            default -> throw new IllegalStateException("procmgr reported kind " + w.kind());
        };
    }

    /** The process stopped by {@code sig}: procmgr keeps the report for a wait; the parent (or null). */
    public PosixProcess stopped(PosixProcess p, int sig) {
        int parent = procmgr().stopped(p.pid(), sig);
        return parent > 0 ? find(parent) : null;
    }

    /** The process continued: procmgr keeps the report for a WCONTINUED wait; the parent (or null). */
    public PosixProcess continued(PosixProcess p) {
        int parent = procmgr().continued(p.pid());
        return parent > 0 ? find(parent) : null;
    }

    /** getppid of {@code pid}: 0 without a parent, -ESRCH if procmgr does not know it. */
    public int parentPid(int pid) { return procmgr().getppid(pid); }

    /** setpgid by {@code caller}: 0 or -errno; the moved process's mirror follows procmgr's answer. */
    public int setpgid(PosixProcess caller, int pid, int pgid) {
        int[] moved = new int[2];
        int rc = procmgr().setpgid(caller.pid(), pid, pgid, moved);
        if (rc == 0) {
            PosixProcess target = moved[0] == caller.pid() ? caller : find(moved[0]);
            if (target != null) target.setPgid(moved[1]);
        }
        return rc;
    }

    /** setsid: the new session id, or -errno. */
    public int setsid(PosixProcess caller) {
        int rc = procmgr().setsid(caller.pid());
        if (rc > 0) {
            caller.setSid(rc);
            caller.setPgid(rc);
        }
        return rc;
    }

    /** getpgid: the group, or -ESRCH. */
    public int getpgid(int pid) { return procmgr().getpgid(pid); }

    /** getsid: the session, or -ESRCH. */
    public int getsid(int pid) { return procmgr().getsid(pid); }

    /** The live members of process group {@code pgid}, in pid order. */
    public List<PosixProcess> groupMembers(int pgid) {
        return resolve(procmgr().members(ProcessManager.MEMBERS_OF_GROUP, pgid));
    }

    /** Every live process, in pid order. */
    public List<PosixProcess> live() {
        return resolve(procmgr().members(ProcessManager.MEMBERS_ALL, 0));
    }

    private List<PosixProcess> resolve(int[] pids) {
        List<PosixProcess> out = new ArrayList<>(pids.length);
        for (int pid : pids) {
            PosixProcess q = find(pid);
            if (q != null && !q.isZombie()) out.add(q);
        }
        return out;
    }

    /** True when group {@code pgid} has a live member (in session {@code sid}, unless 0). */
    public boolean groupExists(int pgid, int sid) {
        int state = procmgr().groupState(pgid, sid);
        return state > 0 && (state & ProcessManager.GROUP_EXISTS) != 0;
    }

    /**
     * will_become_orphaned_pgrp, procmgr's rule: no live member has a live parent in another group of the same
     * session (a stop by the terminal would be for ever).
     */
    public boolean isOrphanedGroup(int pgid) {
        int state = procmgr().groupState(pgid, 0);
        return state > 0 && (state & ProcessManager.GROUP_ORPHANED) != 0;
    }

    private static void wakeWaiters(PosixProcess p) {
        if (p == null) return;
        for (PosixThread t : p.threads()) t.waiter().wake();
    }
}
