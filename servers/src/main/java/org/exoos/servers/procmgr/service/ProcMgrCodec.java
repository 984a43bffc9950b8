package org.exoos.servers.procmgr.service;

import org.exoos.servers.protocol.DataRule;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.protocol.ProtocolIds;

/**
 * The process manager's wire protocol ({@link ProtocolIds#PROCMGR}, version {@value #VERSION}): the kernel tells
 * it of forks, execs, ends, stops and continues, and asks it about families, groups, sessions and waits. Every
 * argument is a little-endian int at {@code 4 * i}; a result is what the syscall would return ({@code >= 0} or
 * {@code -errno}). Lists of pids (group members, processes to hang up) come as an int array in the reply's data
 * block.
 */
public final class ProcMgrCodec {
    public static final int VERSION = 1;

    /** (pid, pgid, sid, childMode, adoptsOrphans): a process without a parent. */
    public static final int OP_FIRST = 1;
    /** (parent, child, exitSignal, childMode): a fork. */
    public static final int OP_FORK = 2;
    /** (pid, childMode): an execve. */
    public static final int OP_EXEC = 3;
    /** (pid, childMode): a new SIGCHLD disposition. */
    public static final int OP_CHILD_MODE = 4;
    /** (pid, waitStatus) → parent pid; reply (flags, signal, adopter); data: pids to hang up. */
    public static final int OP_EXIT = 5;
    /** (pid): forget an ended process without a parent. */
    public static final int OP_RELEASE = 6;
    /** (parent, which, id, events, peek) → child pid, 0 or -ECHILD; reply (kind, status, reaped). */
    public static final int OP_WAIT = 7;
    /** (pid, signal) → parent pid. */
    public static final int OP_STOPPED = 8;
    /** (pid) → parent pid. */
    public static final int OP_CONTINUED = 9;
    /** (caller, pid, pgid) → 0; reply (pid moved, its group). */
    public static final int OP_SETPGID = 10;
    /** (pid) → the new session. */
    public static final int OP_SETSID = 11;
    /** (pid) → its group. */
    public static final int OP_GETPGID = 12;
    /** (pid) → its session. */
    public static final int OP_GETSID = 13;
    /** (pid) → its parent, or 0. */
    public static final int OP_GETPPID = 14;
    /** (selection, id) → how many; data: the live members' pids. */
    public static final int OP_MEMBERS = 15;
    /** (pgid, sid) → GROUP_EXISTS | GROUP_ORPHANED bits. */
    public static final int OP_GROUP_STATE = 16;

    public static final Protocol PROTOCOL = Protocol.builder("procmgr", ProtocolIds.PROCMGR, VERSION)
        .operation(OP_FIRST, "FIRST", 20, DataRule.NONE)
        .operation(OP_FORK, "FORK", 16, DataRule.NONE)
        .operation(OP_EXEC, "EXEC", 8, DataRule.NONE)
        .operation(OP_CHILD_MODE, "CHILD_MODE", 8, DataRule.NONE)
        .operation(OP_EXIT, "EXIT", 8, DataRule.NONE)
        .operation(OP_RELEASE, "RELEASE", 4, DataRule.NONE)
        .operation(OP_WAIT, "WAIT", 20, DataRule.NONE)
        .operation(OP_STOPPED, "STOPPED", 8, DataRule.NONE)
        .operation(OP_CONTINUED, "CONTINUED", 4, DataRule.NONE)
        .operation(OP_SETPGID, "SETPGID", 12, DataRule.NONE)
        .operation(OP_SETSID, "SETSID", 4, DataRule.NONE)
        .operation(OP_GETPGID, "GETPGID", 4, DataRule.NONE)
        .operation(OP_GETSID, "GETSID", 4, DataRule.NONE)
        .operation(OP_GETPPID, "GETPPID", 4, DataRule.NONE)
        .operation(OP_MEMBERS, "MEMBERS", 8, DataRule.NONE)
        .operation(OP_GROUP_STATE, "GROUP_STATE", 8, DataRule.NONE)
        .build();

    /** Reply arguments of EXIT: flags, the signal for the parent, the adopter to wake. */
    public static final int EXIT_FLAGS = 0, EXIT_SIGNAL = 4, EXIT_ADOPTER = 8, EXIT_REPLY_LENGTH = 12;
    /** Reply arguments of WAIT: what was found, its status, whether it was reaped. */
    public static final int WAIT_KIND = 0, WAIT_STATUS = 4, WAIT_REAPED = 8, WAIT_REPLY_LENGTH = 12;
    /** Reply arguments of SETPGID: who moved, to which group. */
    public static final int SETPGID_PID = 0, SETPGID_PGID = 4, SETPGID_REPLY_LENGTH = 8;

    /** The offset of argument {@code i}. */
    public static int arg(final int i) {
        return 4 * i;
    }

    private ProcMgrCodec() {
    }
}
