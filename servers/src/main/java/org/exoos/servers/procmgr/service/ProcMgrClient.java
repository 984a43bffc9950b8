package org.exoos.servers.procmgr.service;

import static org.exoos.servers.procmgr.service.ProcMgrCodec.arg;

import org.exoos.servers.framework.ReplyCopy;
import org.exoos.servers.framework.ReplyHandler;
import org.exoos.servers.framework.ReplyView;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.procmgr.ProcessManager;
import org.exoos.servers.protocol.Errno;

import java.nio.ByteOrder;

/**
 * The kernel's side of the process manager: one blocking method per {@link ProcMgrCodec} operation, each
 * returning what the server answered ({@code >= 0} or {@code -errno}; {@code -EIO} if the server is gone). One
 * call at a time (synchronized): a request is encoded in the shared client's argument area.
 */
public final class ProcMgrClient {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int[] NO_PIDS = new int[0];

    /** What an exit left to do: the parent's pid (0: none), the signal it gets (0: none), who else to wake. */
    public record ExitReport(int parent, boolean reaped, int signal, int adopterToWake, int[] hangUps) {}

    /** What a wait found: a child's pid (0: none yet), {@link ProcessManager#FOUND_ENDED} and the others. */
    public record WaitReport(int pid, int kind, int status, boolean reaped) {}

    private static final WaitReport NOT_YET = new WaitReport(0, 0, 0, false);

    private final ServerClient client;
    private final long timeoutNanos;
    private final ReplyCopy capture = new ReplyCopy(4096);

    /** Whether the server's unawaited replies go to {@link AsyncReplies} (one-way requests are possible). */
    private final boolean oneWay;

    public ProcMgrClient(final ServerClient client, final long timeoutNanos, final boolean oneWay) {
        this.client = client;
        this.timeoutNanos = timeoutNanos;
        this.oneWay = oneWay;
    }

    /** A client whose server was started without {@link AsyncReplies}: every request waits for its answer. */
    public ProcMgrClient(final ServerClient client) {
        this(client, ServerClient.DEFAULT_TIMEOUT_NANOS, false);
    }

    /** A client whose server was started with {@code replies} as its handler: forks are one-way. */
    public ProcMgrClient(final ServerClient client, final AsyncReplies replies) {
        this(client, ServerClient.DEFAULT_TIMEOUT_NANOS, replies != null);
    }

    public ServerClient serverClient() {
        return client;
    }

    public synchronized int first(final int pid, final int pgid, final int sid, final int childMode,
                                  final boolean adoptsOrphans) {
        return (int) call(ProcMgrCodec.OP_FIRST, pid, pgid, sid, childMode, adoptsOrphans ? 1 : 0);
    }

    public synchronized int fork(final int parent, final int child, final int exitSignal, final int childMode) {
        return (int) call(ProcMgrCodec.OP_FORK, parent, child, exitSignal, childMode);
    }

    /**
     * A fork told without waiting for the answer (the ring keeps it ahead of every later request, so procmgr knows
     * the child before anything the child does): the answer goes to {@link AsyncReplies}, which logs a refusal.
     * Only for a client made with {@link AsyncReplies} as its server's handler.
     *
     * @return 0, or -errno if it could not be sent (the server is gone: -EIO)
     */
    public synchronized int forkAsync(final int parent, final int child, final int exitSignal, final int childMode) {
        if (!oneWay) {
            return fork(parent, child, exitSignal, childMode);
        }
        put(0, parent);
        put(1, child);
        put(2, exitSignal);
        put(3, childMode);
        final long id = client.send(ProcMgrCodec.OP_FORK, 16);
        return id < 0 ? (int) id : 0;
    }

    /** The handler of replies nobody awaits (one-way requests): a refusal is logged, as it means a kernel bug. */
    public static final class AsyncReplies implements ReplyHandler {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AsyncReplies.class);
        private long refused;

        @Override
        public void onReply(final ReplyView reply) {
            if (reply.result() < 0) {
                refused++;
                LOG.error("procmgr refused a one-way request (operation {}): {}", reply.operation(),
                    Errno.name(reply.result()));
            }
        }

        /** One-way requests procmgr refused. */
        public long refused() {
            return refused;
        }
    }

    public synchronized int exec(final int pid, final int childMode) {
        return (int) call(ProcMgrCodec.OP_EXEC, pid, childMode);
    }

    public synchronized int childMode(final int pid, final int childMode) {
        return (int) call(ProcMgrCodec.OP_CHILD_MODE, pid, childMode);
    }

    /** The process ended with {@code waitStatus}: what the kernel does next, or -errno in {@code parent}. */
    public synchronized ExitReport exit(final int pid, final int waitStatus) {
        final long parent = call(ProcMgrCodec.OP_EXIT, pid, waitStatus);
        if (parent < 0) {
            return new ExitReport((int) parent, false, 0, 0, NO_PIDS);
        }
        final int flags = capture.argumentInt(ProcMgrCodec.EXIT_FLAGS);
        return new ExitReport((int) parent, (flags & ProcessManager.EXIT_REAPED) != 0,
            (flags & ProcessManager.EXIT_SIGNAL_PARENT) != 0 ? capture.argumentInt(ProcMgrCodec.EXIT_SIGNAL) : 0,
            capture.argumentInt(ProcMgrCodec.EXIT_ADOPTER), pids());
    }

    public synchronized int release(final int pid) {
        return (int) call(ProcMgrCodec.OP_RELEASE, pid);
    }

    /** A wait: what was found (pid 0: nothing yet), or -errno (ECHILD) as a report's pid. */
    public synchronized WaitReport waitChild(final int parent, final int which, final int id, final int events,
                                             final boolean peek) {
        final long pid = call(ProcMgrCodec.OP_WAIT, parent, which, id, events, peek ? 1 : 0);
        if (pid == 0) {
            return NOT_YET;
        }
        if (pid < 0) {
            return new WaitReport((int) pid, 0, 0, false);
        }
        return new WaitReport((int) pid, capture.argumentInt(ProcMgrCodec.WAIT_KIND), capture.argumentInt(ProcMgrCodec.WAIT_STATUS),
            capture.argumentInt(ProcMgrCodec.WAIT_REAPED) != 0);
    }

    /** The process stopped: its parent's pid, 0, or -errno. */
    public synchronized int stopped(final int pid, final int signal) {
        return (int) call(ProcMgrCodec.OP_STOPPED, pid, signal);
    }

    /** The process continued: its parent's pid, 0, or -errno. */
    public synchronized int continued(final int pid) {
        return (int) call(ProcMgrCodec.OP_CONTINUED, pid);
    }

    /**
     * setpgid: 0 or -errno; on success {@code moved[0]} is the pid that moved and {@code moved[1]} its group.
     */
    public synchronized int setpgid(final int caller, final int pid, final int pgid, final int[] moved) {
        final int rc = (int) call(ProcMgrCodec.OP_SETPGID, caller, pid, pgid);
        if (rc == 0) {
            moved[0] = capture.argumentInt(ProcMgrCodec.SETPGID_PID);
            moved[1] = capture.argumentInt(ProcMgrCodec.SETPGID_PGID);
        }
        return rc;
    }

    public synchronized int setsid(final int pid) {
        return (int) call(ProcMgrCodec.OP_SETSID, pid);
    }

    public synchronized int getpgid(final int pid) {
        return (int) call(ProcMgrCodec.OP_GETPGID, pid);
    }

    public synchronized int getsid(final int pid) {
        return (int) call(ProcMgrCodec.OP_GETSID, pid);
    }

    public synchronized int getppid(final int pid) {
        return (int) call(ProcMgrCodec.OP_GETPPID, pid);
    }

    /** The live members' pids ({@link ProcessManager#MEMBERS_OF_GROUP} and the others); empty on an error. */
    public synchronized int[] members(final int selection, final int id) {
        final long n = call(ProcMgrCodec.OP_MEMBERS, selection, id);
        return n <= 0 ? NO_PIDS : pids();
    }

    /** {@link ProcessManager#GROUP_EXISTS} and {@link ProcessManager#GROUP_ORPHANED} bits, or -errno. */
    public synchronized int groupState(final int pgid, final int sid) {
        return (int) call(ProcMgrCodec.OP_GROUP_STATE, pgid, sid);
    }

    /** The pid list of the last reply's data block. */
    private int[] pids() {
        final int n = capture.dataLength() / 4;
        if (n == 0) {
            return NO_PIDS;
        }
        final int[] pids = new int[n];
        for (int k = 0; k < n; k++) {
            pids[k] = capture.dataInt(k);
        }
        return pids;
    }

    // Fixed arities, so that a call allocates no argument array (a fork, an exit and a wait each make one or two).

    private long call(final int operation, final int a0) {
        put(0, a0);
        return callWith(operation, 1);
    }

    private long call(final int operation, final int a0, final int a1) {
        put(0, a0);
        put(1, a1);
        return callWith(operation, 2);
    }

    private long call(final int operation, final int a0, final int a1, final int a2) {
        put(0, a0);
        put(1, a1);
        put(2, a2);
        return callWith(operation, 3);
    }

    private long call(final int operation, final int a0, final int a1, final int a2, final int a3) {
        put(0, a0);
        put(1, a1);
        put(2, a2);
        put(3, a3);
        return callWith(operation, 4);
    }

    private long call(final int operation, final int a0, final int a1, final int a2, final int a3, final int a4) {
        put(0, a0);
        put(1, a1);
        put(2, a2);
        put(3, a3);
        put(4, a4);
        return callWith(operation, 5);
    }

    private void put(final int index, final int value) {
        client.arguments().putInt(arg(index), value, LE);
    }

    /** Sends the {@code count} arguments put so far and waits for the answer; a timeout counts as the server gone. */
    private long callWith(final int operation, final int count) {
        capture.reset();
        final long rc = client.call(operation, 4 * count, timeoutNanos, capture);
        return rc == -Errno.ETIMEDOUT ? -Errno.EIO : rc;
    }
}
