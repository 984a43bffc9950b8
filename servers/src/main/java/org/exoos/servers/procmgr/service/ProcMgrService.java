package org.exoos.servers.procmgr.service;

import static org.exoos.servers.procmgr.service.ProcMgrCodec.arg;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.IntArrayList;
import org.exoos.servers.framework.Reply;
import org.exoos.servers.framework.Request;
import org.exoos.servers.framework.Service;
import org.exoos.servers.procmgr.ProcessManager;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.Protocol;

import java.nio.ByteOrder;

/**
 * The process manager server: decodes {@link ProcMgrCodec} requests, asks the {@link ProcessManager} and encodes
 * its answers. Every request is answered at once: a wait that finds nothing yet says so, and the kernel sleeps
 * the caller until a child's change wakes it.
 */
public final class ProcMgrService implements Service {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final ProcessManager manager = new ProcessManager();
    private final IntArrayList pids = new IntArrayList();

    @Override
    public Protocol protocol() {
        return ProcMgrCodec.PROTOCOL;
    }

    /** The table behind the server (tests look at it). */
    public ProcessManager manager() {
        return manager;
    }

    @Override
    public long onRequest(final Request request, final Reply reply) {
        final DirectBuffer b = request.buffer();
        final int o = request.argumentsOffset();
        return switch (request.operation()) {
            case ProcMgrCodec.OP_FIRST -> manager.first(i(b, o, 0), i(b, o, 1), i(b, o, 2), i(b, o, 3), i(b, o, 4) != 0);
            case ProcMgrCodec.OP_FORK -> manager.fork(i(b, o, 0), i(b, o, 1), i(b, o, 2), i(b, o, 3));
            case ProcMgrCodec.OP_EXEC -> manager.exec(i(b, o, 0), i(b, o, 1));
            case ProcMgrCodec.OP_CHILD_MODE -> manager.childMode(i(b, o, 0), i(b, o, 1));
            case ProcMgrCodec.OP_EXIT -> exit(i(b, o, 0), i(b, o, 1), reply);
            case ProcMgrCodec.OP_RELEASE -> manager.release(i(b, o, 0));
            case ProcMgrCodec.OP_WAIT -> waitChild(b, o, reply);
            case ProcMgrCodec.OP_STOPPED -> manager.stopped(i(b, o, 0), i(b, o, 1));
            case ProcMgrCodec.OP_CONTINUED -> manager.continued(i(b, o, 0));
            case ProcMgrCodec.OP_SETPGID -> setpgid(i(b, o, 0), i(b, o, 1), i(b, o, 2), reply);
            case ProcMgrCodec.OP_SETSID -> manager.setsid(i(b, o, 0));
            case ProcMgrCodec.OP_GETPGID -> manager.getpgid(i(b, o, 0));
            case ProcMgrCodec.OP_GETSID -> manager.getsid(i(b, o, 0));
            case ProcMgrCodec.OP_GETPPID -> manager.getppid(i(b, o, 0));
            case ProcMgrCodec.OP_MEMBERS -> members(i(b, o, 0), i(b, o, 1), reply);
            case ProcMgrCodec.OP_GROUP_STATE -> manager.groupState(i(b, o, 0), i(b, o, 1));
            default -> -Errno.ENOSYS; // the protocol table and this switch disagree
        };
    }

    private long exit(final int pid, final int status, final Reply reply) {
        final int parent = manager.exit(pid, status);
        if (parent < 0) {
            return parent;
        }
        final MutableDirectBuffer a = reply.arguments();
        a.putInt(ProcMgrCodec.EXIT_FLAGS, manager.exitFlags(), LE);
        a.putInt(ProcMgrCodec.EXIT_SIGNAL, manager.exitSignalToSend(), LE);
        a.putInt(ProcMgrCodec.EXIT_ADOPTER, manager.adopterToWake(), LE);
        reply.argumentsLength(ProcMgrCodec.EXIT_REPLY_LENGTH);
        final IntArrayList hangUps = manager.hangUps();
        if (!hangUps.isEmpty() && !putPids(hangUps, reply)) {
            return -Errno.EAGAIN; // cannot happen with free blocks; the kernel then logs the lost hang-up
        }
        return parent;
    }

    private long waitChild(final DirectBuffer b, final int o, final Reply reply) {
        final int found = manager.waitChild(i(b, o, 0), i(b, o, 1), i(b, o, 2), i(b, o, 3), i(b, o, 4) != 0);
        final MutableDirectBuffer a = reply.arguments();
        a.putInt(ProcMgrCodec.WAIT_KIND, manager.waitKind(), LE);
        a.putInt(ProcMgrCodec.WAIT_STATUS, manager.waitStatus(), LE);
        a.putInt(ProcMgrCodec.WAIT_REAPED, manager.waitReaped() ? 1 : 0, LE);
        reply.argumentsLength(ProcMgrCodec.WAIT_REPLY_LENGTH);
        return found;
    }

    private long setpgid(final int caller, final int pid, final int pgid, final Reply reply) {
        final int rc = manager.setpgid(caller, pid, pgid);
        if (rc == 0) {
            reply.arguments().putInt(ProcMgrCodec.SETPGID_PID, manager.changedPid(), LE);
            reply.arguments().putInt(ProcMgrCodec.SETPGID_PGID, manager.changedPgid(), LE);
            reply.argumentsLength(ProcMgrCodec.SETPGID_REPLY_LENGTH);
        }
        return rc;
    }

    private long members(final int selection, final int id, final Reply reply) {
        pids.clear();
        final int n = manager.members(selection, id, pids);
        if (n <= 0) {
            return n;
        }
        return putPids(pids, reply) ? n : -Errno.E2BIG;
    }

    /** The pids as little-endian ints in the reply's data block: false if they do not fit one. */
    private static boolean putPids(final IntArrayList list, final Reply reply) {
        final int length = 4 * list.size();
        final MutableDirectBuffer data;
        try {
            data = reply.data(length);
        } catch (final IllegalArgumentException tooLong) {
            return false;
        }
        if (data == null) {
            return false;
        }
        for (int k = 0; k < list.size(); k++) {
            data.putInt(4 * k, list.getInt(k), LE);
        }
        return true;
    }

    private static int i(final DirectBuffer b, final int offset, final int index) {
        return b.getInt(offset + arg(index), LE);
    }
}
