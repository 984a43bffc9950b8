package org.exoos.servers.procmgr;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntArrayList;
import org.exoos.servers.protocol.Errno;

/**
 * The process table of record (MINIX's PM, Linux's pid hash and task family links): who is whose parent, which
 * process group and session each process belongs to, who has ended and not been reaped, and what a parent's wait
 * finds. Linux's rules: an ended process is a zombie until its parent reaps it with a wait, unless the parent
 * does not want to know (SIGCHLD ignored, SA_NOCLDWAIT); its children are adopted by init; a process group left
 * orphaned with stopped members is sent SIGHUP and SIGCONT (by the kernel, to the pids this names).
 * <p>
 * The kernel tells it of every change (fork, exec, exit, stop, continue, a new SIGCHLD disposition) and asks it
 * every question about the family; it never runs anything. Single-threaded: the server's loop calls it.
 */
public final class ProcessManager {
    /** How a parent wants its children's ends (a {@link #childMode}): reported by SIGCHLD and a wait. */
    public static final int CHILDREN_REPORTED = 0;
    /** SIGCHLD is ignored (SIG_IGN): an ended child is reaped at once and no SIGCHLD is sent. */
    public static final int CHILDREN_IGNORED = 1;
    /** SA_NOCLDWAIT: an ended child is reaped at once, SIGCHLD is still sent. */
    public static final int CHILDREN_NOT_WAITED = 2;

    /** Wait selectors: waitid's idtype values. */
    public static final int ANY = 0, PID = 1, GROUP = 2;
    /** Wait events: wait.h's WSTOPPED (WUNTRACED), WEXITED and WCONTINUED. */
    public static final int STOPPED = 2, EXITED = 4, CONTINUED = 8;
    /** What a wait found ({@link #waitKind}). */
    public static final int FOUND_ENDED = 1, FOUND_STOPPED = 2, FOUND_CONTINUED = 3;
    /** Member selections for {@link #members}. */
    public static final int MEMBERS_OF_GROUP = 1, MEMBERS_OF_SESSION = 2, MEMBERS_ALL = 3;
    /** {@link #groupState} bits. */
    public static final int GROUP_EXISTS = 1, GROUP_ORPHANED = 2;

    private static final int SIGCHLD = 17;

    private final Int2ObjectHashMap<ProcessRecord> byPid = new Int2ObjectHashMap<>();
    private ProcessRecord init;

    // ---- what the last call found, besides its result (the server encodes it in the reply) ----
    private int waitKind;
    private int waitStatus;
    private boolean waitReaped;
    private int exitFlags;
    private int exitSignalToSend;
    private int adopterToWake;
    private final IntArrayList hangUps = new IntArrayList();
    /** The children of the process ending, while they are adopted. */
    private final java.util.List<ProcessRecord> orphans = new java.util.ArrayList<>();
    private int changedPid;
    private int changedPgid;

    /** {@link #exit} flags: the process was reaped at once; the parent is to get {@link #exitSignalToSend}. */
    public static final int EXIT_REAPED = 1, EXIT_SIGNAL_PARENT = 2;

    /**
     * Registers a process without a parent: the machine's first (it adopts orphans if {@code adoptsOrphans}).
     *
     * @return 0, -EEXIST if the pid is taken, -EINVAL for a bad pid
     */
    public int first(final int pid, final int pgid, final int sid, final int childMode, final boolean adoptsOrphans) {
        if (pid <= 0 || pgid <= 0 || sid <= 0) {
            return -Errno.EINVAL;
        }
        if (byPid.containsKey(pid)) {
            return -Errno.EEXIST;
        }
        final ProcessRecord p = new ProcessRecord(pid, pgid, sid, SIGCHLD, childMode);
        byPid.put(pid, p);
        if (adoptsOrphans && init == null) {
            init = p;
        }
        return 0;
    }

    /**
     * A fork: {@code child} is {@code parent}'s, in its group and session, wanting its children's ends as
     * {@code childMode} (inherited dispositions).
     *
     * @return 0, -ESRCH if the parent is unknown or ended, -EEXIST if the child's pid is taken, -EINVAL
     */
    public int fork(final int parentPid, final int childPid, final int exitSignal, final int childMode) {
        final ProcessRecord parent = byPid.get(parentPid);
        if (parent == null || parent.zombie) {
            return -Errno.ESRCH;
        }
        if (childPid <= 0 || exitSignal < 0 || exitSignal > 64 || !validMode(childMode)) {
            return -Errno.EINVAL;
        }
        if (byPid.containsKey(childPid)) {
            return -Errno.EEXIST;
        }
        final ProcessRecord child = new ProcessRecord(childPid, parent.pgid, parent.sid, exitSignal, childMode);
        child.parent = parent;
        parent.children.add(child);
        byPid.put(childPid, child);
        return 0;
    }

    /** An execve: setpgid by the parent now says EACCES; the dispositions were reset to {@code childMode}. */
    public int exec(final int pid, final int childMode) {
        final ProcessRecord p = live(pid);
        if (p == null) {
            return -Errno.ESRCH;
        }
        if (!validMode(childMode)) {
            return -Errno.EINVAL;
        }
        p.didExec = true;
        p.childMode = childMode;
        return 0;
    }

    /** A new SIGCHLD disposition (rt_sigaction). */
    public int childMode(final int pid, final int childMode) {
        final ProcessRecord p = live(pid);
        if (p == null) {
            return -Errno.ESRCH;
        }
        if (!validMode(childMode)) {
            return -Errno.EINVAL;
        }
        p.childMode = childMode;
        return 0;
    }

    /**
     * The process ended with {@code status}: it becomes a zombie, init adopts its children, groups its end leaves
     * orphaned with stopped members are named for SIGHUP and SIGCONT ({@link #hangUps}), and it is reaped at once
     * if its parent does not want to know. {@link #exitFlags}, {@link #exitSignalToSend} and
     * {@link #adopterToWake} say the rest.
     *
     * @return the parent's pid, 0 without a parent, -ESRCH if unknown or already ended
     */
    public int exit(final int pid, final int status) {
        hangUps.clear();
        exitFlags = 0;
        exitSignalToSend = 0;
        adopterToWake = 0;
        final ProcessRecord p = live(pid);
        if (p == null) {
            return -Errno.ESRCH;
        }
        p.zombie = true;
        p.waitStatus = status;
        p.stopped = false;
        // The groups this end leaves orphaned are judged before init adopts the children. Linux adopts first but
        // then does not count a global init as a link (will_become_orphaned_pgrp); here init is the user's first
        // program, usually in the session, so judging before adoption gives what a process under a host's init
        // sees (and what qemu-riscv64 shows): a stopped group whose last outside parent ends is hung up.
        hangUpOrphanedGroups(p, p.children);
        final ProcessRecord adopter = init != null && !init.zombie && init != p ? init : null;
        orphans.clear();
        orphans.addAll(p.children);
        p.children.clear();
        boolean adoptedZombie = false;
        for (int i = 0; i < orphans.size(); i++) {
            final ProcessRecord c = orphans.get(i);
            c.parent = adopter;
            if (adopter == null) {
                continue;
            }
            adopter.children.add(c);
            c.exitSignal = SIGCHLD; // reparent_leader: nobody slays init with another signal
            if (c.zombie) {
                if (adopter.childMode != CHILDREN_REPORTED) {
                    reap(c); // do_notify_parent for an adopted zombie: an init that ignores SIGCHLD reaps it at once
                } else {
                    adoptedZombie = true;
                }
            }
        }
        if (adoptedZombie) {
            adopterToWake = adopter.pid;
        }
        orphans.clear();
        final ProcessRecord parent = p.parent;
        if (parent == null) {
            return 0;
        }
        int sig = p.exitSignal;
        if (sig == SIGCHLD && parent.childMode != CHILDREN_REPORTED) {
            reap(p);
            exitFlags |= EXIT_REAPED;
            if (parent.childMode == CHILDREN_IGNORED) {
                sig = 0;
            }
        }
        if (sig != 0) {
            exitFlags |= EXIT_SIGNAL_PARENT;
            exitSignalToSend = sig;
        }
        return parent.pid;
    }

    /** Forgets an ended process nobody will wait for (the first process, once the machine read its status). */
    public int release(final int pid) {
        final ProcessRecord p = byPid.get(pid);
        if (p == null) {
            return -Errno.ESRCH;
        }
        if (!p.zombie || p.parent != null) {
            return -Errno.EBUSY;
        }
        reap(p);
        return 0;
    }

    /**
     * A wait by {@code parentPid} for a child the selector accepts ({@link #ANY}, {@link #PID} {@code id},
     * {@link #GROUP} {@code id}) that changed in one of {@code events}: an ended child is reaped and each stop or
     * continue reported once, unless {@code peek} (WNOWAIT). {@link #waitKind}, {@link #waitStatus} (the wait
     * status, or the stop signal) and {@link #waitReaped} describe what was found.
     *
     * @return the child's pid, 0 if matching children exist and none changed yet, -ECHILD if none matches
     */
    public int waitChild(final int parentPid, final int which, final int id, final int events, final boolean peek) {
        waitKind = 0;
        waitStatus = 0;
        waitReaped = false;
        final ProcessRecord parent = byPid.get(parentPid);
        if (parent == null) {
            return -Errno.ECHILD;
        }
        boolean matched = false;
        for (int i = 0; i < parent.children.size(); i++) {
            final ProcessRecord c = parent.children.get(i);
            final boolean match = which == ANY || (which == PID ? c.pid == id : c.pgid == id);
            if (!match) {
                continue;
            }
            if (c.zombie && (events & EXITED) == 0) {
                continue; // wait_consider_task: such a zombie is not a child this wait could ever report (ECHILD)
            }
            matched = true;
            if (c.zombie) {
                waitKind = FOUND_ENDED;
                waitStatus = c.waitStatus;
                if (!peek) {
                    reap(c);
                    waitReaped = true;
                }
                return c.pid;
            }
            if ((events & STOPPED) != 0 && c.stopped && c.unreportedStop != 0) {
                waitKind = FOUND_STOPPED;
                waitStatus = c.unreportedStop;
                if (!peek) {
                    c.unreportedStop = 0;
                }
                return c.pid;
            }
            if ((events & CONTINUED) != 0 && c.unreportedContinue) {
                waitKind = FOUND_CONTINUED;
                if (!peek) {
                    c.unreportedContinue = false;
                }
                return c.pid;
            }
        }
        return matched ? 0 : -Errno.ECHILD;
    }

    /** The process stopped by {@code sig}: its parent's pid (0 without one), for SIGCHLD and a wake. */
    public int stopped(final int pid, final int sig) {
        final ProcessRecord p = live(pid);
        if (p == null) {
            return -Errno.ESRCH;
        }
        p.stopped = true;
        p.unreportedStop = sig;
        p.unreportedContinue = false;
        return p.parent == null ? 0 : p.parent.pid;
    }

    /** The process was continued by SIGCONT (a stop not yet reported is forgotten): its parent's pid, or 0. */
    public int continued(final int pid) {
        final ProcessRecord p = live(pid);
        if (p == null) {
            return -Errno.ESRCH;
        }
        p.stopped = false;
        p.unreportedStop = 0;
        p.unreportedContinue = true;
        return p.parent == null ? 0 : p.parent.pid;
    }

    /**
     * setpgid(pid, pgid) by {@code callerPid}: the caller or a child of its that has not exec'd moves to a new
     * group, or to an existing group of the caller's session. {@link #changedPid} and {@link #changedPgid} say
     * who moved where.
     *
     * @return 0, or -EINVAL, -ESRCH, -EPERM, -EACCES as Linux's setpgid
     */
    public int setpgid(final int callerPid, final int pid, final int pgid) {
        if (pgid < 0) {
            return -Errno.EINVAL;
        }
        final ProcessRecord self = live(callerPid);
        if (self == null) {
            return -Errno.ESRCH;
        }
        final ProcessRecord target = pid == 0 || pid == callerPid ? self : live(pid);
        if (target == null) {
            return -Errno.ESRCH;
        }
        if (target != self) {
            if (target.parent != self) {
                return -Errno.ESRCH;
            }
            if (target.sid != self.sid) {
                return -Errno.EPERM;
            }
            if (target.didExec) {
                return -Errno.EACCES;
            }
        }
        final int group = pgid == 0 ? target.pid : pgid;
        if (target.sid == target.pid) {
            return -Errno.EPERM; // a session leader stays where it is
        }
        if (group != target.pid && !groupExists(group, self.sid, null)) {
            return -Errno.EPERM;
        }
        target.pgid = group;
        changedPid = target.pid;
        changedPgid = group;
        return 0;
    }

    /** setsid: a new session and group led by the caller. @return the new session id, or -EPERM (a group leader). */
    public int setsid(final int pid) {
        final ProcessRecord self = live(pid);
        if (self == null) {
            return -Errno.ESRCH;
        }
        if (self.pgid == self.pid || groupExists(self.pid, 0, self)) {
            return -Errno.EPERM;
        }
        self.sid = self.pid;
        self.pgid = self.pid;
        return self.pid;
    }

    /** getpgid: the group of the process (a zombie's too, until reaped), or -ESRCH. */
    public int getpgid(final int pid) {
        final ProcessRecord p = byPid.get(pid);
        return p == null ? -Errno.ESRCH : p.pgid;
    }

    /** getsid: the session of the process, or -ESRCH. */
    public int getsid(final int pid) {
        final ProcessRecord p = byPid.get(pid);
        return p == null ? -Errno.ESRCH : p.sid;
    }

    /** getppid: the parent's pid, 0 without one, -ESRCH if unknown. */
    public int getppid(final int pid) {
        final ProcessRecord p = byPid.get(pid);
        return p == null ? -Errno.ESRCH : p.parent == null ? 0 : p.parent.pid;
    }

    /**
     * The live processes of group {@code id} ({@link #MEMBERS_OF_GROUP}), of session {@code id}
     * ({@link #MEMBERS_OF_SESSION}) or all of them ({@link #MEMBERS_ALL}), appended to {@code out} in pid order.
     *
     * @return how many, or -EINVAL for an unknown selection
     */
    public int members(final int selection, final int id, final IntArrayList out) {
        if (selection != MEMBERS_OF_GROUP && selection != MEMBERS_OF_SESSION && selection != MEMBERS_ALL) {
            return -Errno.EINVAL;
        }
        final int before = out.size();
        for (final ProcessRecord p : byPid.values()) {
            if (p.zombie) {
                continue;
            }
            if (selection == MEMBERS_ALL || (selection == MEMBERS_OF_GROUP ? p.pgid == id : p.sid == id)) {
                out.addInt(p.pid);
            }
        }
        out.subList(before, out.size()).sort(null);
        return out.size() - before;
    }

    /**
     * {@link #GROUP_EXISTS} when group {@code pgid} has a member, zombies included (in session {@code sid}, unless
     * 0), and
     * {@link #GROUP_ORPHANED} when it is orphaned (will_become_orphaned_pgrp).
     */
    public int groupState(final int pgid, final int sid) {
        return (groupExists(pgid, sid, null) ? GROUP_EXISTS : 0) | (isOrphanedGroup(pgid) ? GROUP_ORPHANED : 0);
    }

    /** How many processes are known, zombies included. */
    public int size() {
        return byPid.size();
    }

    public int waitKind() {
        return waitKind;
    }

    public int waitStatus() {
        return waitStatus;
    }

    public boolean waitReaped() {
        return waitReaped;
    }

    public int exitFlags() {
        return exitFlags;
    }

    public int exitSignalToSend() {
        return exitSignalToSend;
    }

    public int adopterToWake() {
        return adopterToWake;
    }

    /** The pids the last {@link #exit} names for SIGHUP then SIGCONT. */
    public IntArrayList hangUps() {
        return hangUps;
    }

    public int changedPid() {
        return changedPid;
    }

    public int changedPgid() {
        return changedPgid;
    }

    // ---- the rules ----

    private ProcessRecord live(final int pid) {
        final ProcessRecord p = byPid.get(pid);
        return p == null || p.zombie ? null : p;
    }

    private static boolean validMode(final int mode) {
        return mode == CHILDREN_REPORTED || mode == CHILDREN_IGNORED || mode == CHILDREN_NOT_WAITED;
    }

    private void reap(final ProcessRecord child) {
        if (child == init) {
            init = null;
        }
        if (child.parent != null) {
            child.parent.children.remove(child);
            child.parent = null;
        }
        byPid.remove(child.pid);
    }

    /** Whether a process other than {@code except} is in the group: a zombie too, which keeps its group until reaped. */
    private boolean groupExists(final int pgid, final int sid, final ProcessRecord except) {
        for (final ProcessRecord q : byPid.values()) {
            if (q != except && q.pgid == pgid && (sid == 0 || q.sid == sid)) {
                return true;
            }
        }
        return false;
    }

    /**
     * will_become_orphaned_pgrp: no live member of the group has a live parent in another group of the same
     * session (nobody there could continue it). Unlike Linux, a parent that is init counts: init here is the
     * user's first program (a shell, say), as a container's init is, not the global init Linux leaves out.
     */
    private boolean isOrphanedGroup(final int pgid) {
        for (final ProcessRecord q : byPid.values()) {
            if (q.zombie || q.pgid != pgid) {
                continue;
            }
            final ProcessRecord parent = q.parent;
            if (parent != null && !parent.zombie && parent.pgid != pgid && parent.sid == q.sid) {
                return false;
            }
        }
        return true;
    }

    /**
     * kill_orphaned_pgrp, as {@code p} ends (before its {@code children} are adopted): a group that p's end leaves
     * orphaned (p's own, when p's parent was its link to the session; a child's, when p was) and that has
     * stopped members gets SIGHUP then SIGCONT, since no job-control shell could continue it.
     */
    private void hangUpOrphanedGroups(final ProcessRecord p, final java.util.List<ProcessRecord> children) {
        final ProcessRecord parent = p.parent;
        if (parent != null && parent.pgid != p.pgid && parent.sid == p.sid) {
            hangUpIfOrphanedAndStopped(p.pgid);
        }
        for (int i = 0; i < children.size(); i++) {
            final ProcessRecord c = children.get(i);
            if (c.pgid != p.pgid && c.sid == p.sid) {
                hangUpIfOrphanedAndStopped(c.pgid);
            }
        }
    }

    private void hangUpIfOrphanedAndStopped(final int pgid) {
        boolean stopped = false;
        for (final ProcessRecord q : byPid.values()) {
            if (!q.zombie && q.pgid == pgid) {
                stopped |= q.stopped;
            }
        }
        if (!stopped || !isOrphanedGroup(pgid)) {
            return;
        }
        for (final ProcessRecord q : byPid.values()) {
            if (!q.zombie && q.pgid == pgid && !hangUps.containsInt(q.pid)) {
                hangUps.addInt(q.pid);
            }
        }
    }
}
