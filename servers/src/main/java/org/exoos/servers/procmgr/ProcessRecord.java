package org.exoos.servers.procmgr;

import java.util.ArrayList;
import java.util.List;

/**
 * One process as the process manager knows it: its family (parent, children), its process group and session,
 * whether it ended (a zombie, with its wait status) and what a wait of its parent has still to report (a stop,
 * a continue). What runs it (threads, memory, files, signal state) is the kernel's, not this.
 */
final class ProcessRecord {
    final int pid;
    ProcessRecord parent;
    /** Live and zombie children, oldest first (the order a wait looks at them). */
    final List<ProcessRecord> children = new ArrayList<>();
    int pgid;
    int sid;
    /** What the parent receives when this process ends (clone's low byte; SIGCHLD for fork). */
    int exitSignal;
    /** How this process wants its children's ends: {@link ProcessManager#CHILDREN_REPORTED} and the others. */
    int childMode;
    /** It ran execve: its parent may no longer move it to another group (setpgid: EACCES). */
    boolean didExec;
    boolean zombie;
    int waitStatus;
    /** Stopped by a stop signal and not continued since. */
    boolean stopped;
    /** The stop signal a WUNTRACED wait has still to report, or 0. */
    int unreportedStop;
    /** A WCONTINUED wait has a continue to report. */
    boolean unreportedContinue;

    ProcessRecord(final int pid, final int pgid, final int sid, final int exitSignal, final int childMode) {
        this.pid = pid;
        this.pgid = pgid;
        this.sid = sid;
        this.exitSignal = exitSignal;
        this.childMode = childMode;
    }

    boolean live() {
        return !zombie;
    }

    @Override
    public String toString() {
        return "pid " + pid + (zombie ? " (zombie)" : "") + " pgid " + pgid + " sid " + sid;
    }
}
