package org.exoos.libposix.process;

import org.exoos.libposix.procinfo.ProcessTable;
import org.exoos.libposix.signal.SigAction;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.signal.SignalSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Who is whose parent, and what happens when a process ends: it becomes a zombie its parent reaps with
 * wait, its parent gets its exit signal (SIGCHLD) unless it ignores it, in which case the zombie is reaped
 * at once (SIG_IGN or SA_NOCLDWAIT, as Linux's do_notify_parent decides), and its children are adopted by
 * init. One lock (this object) guards every process's parent and children, so a wait never misses an end.
 */
public final class ProcessTree {
    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

    /** What a wait finds among the caller's children. */
    public sealed interface Found permits NoChild, NotYet, Ended, Stopped, Continued {}

    /** No child matches the selector: ECHILD. */
    public record NoChild() implements Found {}

    /** Matching children exist, none has ended yet. */
    public record NotYet() implements Found {}

    /** This matching child has ended (and was reaped, unless the wait only peeked). */
    public record Ended(PosixProcess child) implements Found {}

    /** This matching child stopped, by {@code signal}, and no wait reported it yet. */
    public record Stopped(PosixProcess child, int signal) implements Found {}

    /** This matching child was continued by SIGCONT, and no wait reported it yet. */
    public record Continued(PosixProcess child) implements Found {}

    /** What {@link #findChanged} looks for: wait.h's WEXITED, WSTOPPED (WUNTRACED) and WCONTINUED. */
    public static final int EXITED = 4, STOPPED = 2, CONTINUED = 8;

    private static final NoChild NO_CHILD = new NoChild();
    private static final NotYet NOT_YET = new NotYet();

    private final ProcessTable table;
    private volatile PosixProcess init;

    public ProcessTree(ProcessTable table) { this.table = table; }

    /** The first process: it adopts orphans. */
    public synchronized void setInit(PosixProcess process) { init = process; }

    public PosixProcess init() { return init; }

    /** The process with this pid, zombies included, or null. */
    public PosixProcess find(int pid) {
        ProcessTable.Entry e = table.get(pid);
        return e == null ? null : e.process();
    }

    /** Every process, zombies included, in pid order. */
    public List<PosixProcess> all() {
        List<PosixProcess> out = new ArrayList<>();
        for (int pid = table.nextPid(0); pid != 0; pid = table.nextPid(pid)) {
            ProcessTable.Entry e = table.get(pid);
            if (e != null) out.add(e.process());
        }
        return out;
    }

    /** Registers a forked child under its parent (and in the process table /proc reads). */
    public synchronized void addChild(PosixProcess parent, PosixProcess child, long initialStackPointer, long startNanos) {
        child.setParent(parent);
        parent.children().add(child);
        table.add(child, initialStackPointer, startNanos);
    }

    /**
     * The process has ended and released its resources: it becomes a zombie, init adopts its children,
     * and its parent is told (or reaps it at once, if the parent does not want to know).
     */
    public void ended(PosixProcess p) {
        PosixProcess parent;
        boolean autoReap = false;
        int sig;
        synchronized (this) {
            p.becomeZombie();
            hangUpOrphanedGroups(p);
            PosixProcess adopter = init;
            boolean adoptedZombie = false;
            for (PosixProcess c : p.children()) {
                if (adopter == null || adopter == p) {
                    c.setParent(null);
                    continue;
                }
                c.setParent(adopter);
                adopter.children().add(c);
                adoptedZombie |= c.isZombie();
            }
            p.children().clear();
            if (adoptedZombie) wakeWaiters(adopter);
            parent = p.parent();
            if (parent == null) return; // init (or an orphan of a machine without one): the launcher reads its status
            sig = p.exitSignal();
            SigAction action = parent.signals().action(Signal.SIGCHLD);
            if (sig == Signal.SIGCHLD && (action.isIgnore() || (action.flags() & SigAction.SA_NOCLDWAIT) != 0)) {
                autoReap = true;
                if (action.isIgnore()) sig = 0;
            }
            if (autoReap) reap(parent, p);
            // under the lock, as Linux's do_notify_parent: a wait that reaps the child finds its SIGCHLD pending
            if (sig != 0 && Signal.valid(sig)) {
                int code = p.termSignal() != 0 ? SigInfo.CLD_KILLED : SigInfo.CLD_EXITED;
                int status = p.termSignal() != 0 ? p.termSignal() : p.exitCode();
                SignalSender.toProcess(parent, SigInfo.child(code, p.pid(), p.credentials().uid(), status));
            }
        }
        wakeWaiters(parent);
        log.debug("pid {} ended (status 0x{}){}", p.pid(), Integer.toHexString(p.waitStatus()), autoReap ? ", reaped" : "");
    }

    /** Selector kinds of {@link #findEnded}: waitid's idtype values. */
    public static final int ANY = 0, PID = 1, GROUP = 2;

    /**
     * Looks for an ended child of {@code parent} that the selector accepts ({@link #ANY}; {@link #PID}: the
     * child {@code id}; {@link #GROUP}: children in process group {@code id}), and reaps it unless {@code peek}.
     */
    public Found findEnded(PosixProcess parent, int which, int id, boolean peek) {
        return findChanged(parent, which, id, EXITED, peek);
    }

    /**
     * Looks for a child of {@code parent} that the selector accepts and that changed state in one of the
     * {@code events} ({@link #EXITED}: it ended, and is reaped unless {@code peek}; {@link #STOPPED};
     * {@link #CONTINUED}: each reported once unless {@code peek}), in Linux's order for each child.
     */
    public synchronized Found findChanged(PosixProcess parent, int which, int id, int events, boolean peek) {
        boolean matched = false;
        for (PosixProcess c : parent.children()) {
            boolean match = which == ANY || (which == PID ? c.pid() == id : c.pgid() == id);
            if (!match) continue;
            matched = true;
            if (c.isZombie()) {
                if ((events & EXITED) == 0) continue;
                if (!peek) {
                    parent.addReapedChild(c); // a wait collects the child's times (an auto-reap does not, as in Linux)
                    reap(parent, c);
                }
                return new Ended(c);
            }
            if ((events & STOPPED) != 0) {
                int sig = c.signals().takeStopReport(peek);
                if (sig != 0) return new Stopped(c, sig);
            }
            if ((events & CONTINUED) != 0 && c.signals().takeContinueReport(peek)) return new Continued(c);
        }
        return matched ? NOT_YET : NO_CHILD;
    }

    /** True when some process other than {@code except} belongs to the process group (setsid, setpgid). */
    public boolean groupExists(int pgid, int sid, PosixProcess except) {
        for (PosixProcess q : all()) {
            if (q != except && !q.isZombie() && q.pgid() == pgid && (sid == 0 || q.sid() == sid)) return true;
        }
        return false;
    }

    /**
     * will_become_orphaned_pgrp: true when no live member of the group has a live parent in another group of
     * the same session (nobody there could continue it; a stop by the terminal would be for ever). Unlike
     * Linux, a parent that is init counts: init here is the user's first program (a shell, say), as a
     * container's init is, not the global init Linux leaves out.
     */
    public boolean isOrphanedGroup(int pgid) {
        for (PosixProcess q : all()) {
            if (q.isZombie() || q.pgid() != pgid) continue;
            PosixProcess parent = q.parent();
            if (parent != null && !parent.isZombie() && parent.pgid() != pgid && parent.sid() == q.sid()) return false;
        }
        return true;
    }

    /**
     * kill_orphaned_pgrp, as {@code p} ends (under the lock, before its children are adopted): a group that
     * p's end leaves orphaned (p's own, when p's parent was its link to the session; a child's, when p was)
     * and that has stopped members gets SIGHUP then SIGCONT, since no job-control shell could continue it.
     */
    private void hangUpOrphanedGroups(PosixProcess p) {
        PosixProcess parent = p.parent();
        if (parent != null && parent.pgid() != p.pgid() && parent.sid() == p.sid()) hangUpIfOrphanedAndStopped(p.pgid());
        for (PosixProcess c : p.children()) {
            if (c.pgid() != p.pgid() && c.sid() == p.sid()) hangUpIfOrphanedAndStopped(c.pgid());
        }
    }

    private void hangUpIfOrphanedAndStopped(int pgid) {
        boolean stopped = false;
        List<PosixProcess> members = new ArrayList<>();
        for (PosixProcess q : all()) {
            if (q.isZombie() || q.pgid() != pgid) continue;
            members.add(q);
            stopped |= q.signals().isStopped();
        }
        if (!stopped || !isOrphanedGroup(pgid)) return;
        log.debug("process group {} is orphaned with stopped members: SIGHUP, SIGCONT", pgid);
        for (PosixProcess q : members) {
            SignalSender.toProcess(q, new SigInfo(Signal.SIGHUP, SigInfo.SI_KERNEL, 0, 0, 0));
            SignalSender.toProcess(q, new SigInfo(Signal.SIGCONT, SigInfo.SI_KERNEL, 0, 0, 0));
        }
    }

    private void reap(PosixProcess parent, PosixProcess child) {
        parent.children().remove(child);
        table.remove(child.pid());
    }

    private static void wakeWaiters(PosixProcess p) {
        for (PosixThread t : p.threads()) t.waiter().wake();
    }
}
