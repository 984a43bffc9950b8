package org.exoos.servers.procinfo;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.framework.ReplyCopy;
import org.exoos.servers.framework.ReplyHandler;
import org.exoos.servers.framework.ReplyView;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.procfs.MemoryInfo;
import org.exoos.servers.vfs.procfs.MemoryMapping;
import org.exoos.servers.vfs.procfs.ProcessInfoSource;
import org.exoos.servers.vfs.procfs.ProcessStatus;
import org.exoos.servers.vfs.procfs.SystemInfoSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * procfs's view of the kernel, over the kernel-information channel ({@link ProcInfoCodec}): every question
 * is one request the kernel answers from its live process table, so /proc shows the kernel's processes
 * whether the vfs runs in the kernel's JVM or its own, and nothing but bytes crosses.
 * <p>
 * Used on the vfs's loop thread only (procfs runs there). Replies are copied out of their data blocks into
 * buffers this client keeps, so the kernel gets its blocks back at once. A maps or fd listing is fetched
 * whole when it starts (index 0, or after -1) and walked from the copy, as Linux's seq_file reads one
 * snapshot. The machine's constant facts (harts, isa, mmu) are fetched once.
 * <p>
 * When the kernel cannot be asked (no channel, the kernel gone, a timeout, a malformed reply), a process
 * does not exist and the machine has no memory: the caller then answers ENOENT or shows zeros, and the
 * failure is logged once and counted ({@link #failures()}).
 */
public final class ProcInfoClient implements ProcessInfoSource, SystemInfoSource {
    /** How long a question waits: the kernel answers from memory, so only a stuck kernel takes this long. */
    public static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final Logger LOG = LoggerFactory.getLogger(ProcInfoClient.class);
    private static final int FIRST_BUFFER = 4096;

    private final Supplier<ServerClient> channel;
    private final ReplyCopy copy = new ReplyCopy(FIRST_BUFFER);
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final SystemFacts facts = new SystemFacts();
    private boolean factsFetched;

    private int mapsPid = -1;
    private int mapsCount;
    private int mapsCursorIndex;
    private int mapsCursorOffset;
    private byte[] maps = new byte[0];
    private int mapsLength;

    private int fdsPid = -1;
    private int[] fds = new int[0];
    private int fdCount;

    private int lastFdPid = -1;
    private int lastFd = -1;
    private long lastFdHandle;
    private String lastFdText;

    private long failures;

    /**
     * A client asking through the channel {@code channel} gives (null while the vfs server has none yet, e.g.
     * before its loop starts, or in a test of the vfs alone).
     */
    public ProcInfoClient(final Supplier<ServerClient> channel) {
        this.channel = channel;
    }

    /** Questions that got no usable answer (no channel, kernel gone, timeout, malformed reply). */
    public long failures() {
        return failures;
    }

    // ---- ProcessInfoSource -----------------------------------------------------------------------

    @Override
    public int nextPid(final int after) {
        final long result = ask(ProcInfoCodec.OP_NEXT_PID, Math.max(after, 0));
        return result > 0 ? (int) result : -1;
    }

    @Override
    public boolean exists(final int pid) {
        return pid > 0 && nextPid(pid - 1) == pid;
    }

    @Override
    public boolean status(final int pid, final ProcessStatus out) {
        if (ask(ProcInfoCodec.OP_STATUS, pid) < 0) {
            return false;
        }
        view.wrap(copy.data(), 0, copy.dataLength());
        if (!ProcInfoCodec.decodeStatus(view, 0, copy.dataLength(), out)) {
            malformed("status");
            return false;
        }
        return true;
    }

    @Override
    public String comm(final int pid) {
        final long length = ask(ProcInfoCodec.OP_COMM, pid);
        if (length < 0) {
            return null;
        }
        if (length > Math.min(copy.argumentsLength(), ProcInfoCodec.COMM_LENGTH)) {
            malformed("comm");
            return null;
        }
        return new String(copy.arguments(), 0, (int) length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public byte[] cmdline(final int pid) {
        final long length = ask(ProcInfoCodec.OP_CMDLINE, pid);
        if (length < 0) {
            return new byte[0];
        }
        if (length != copy.dataLength()) {
            malformed("cmdline");
            return new byte[0];
        }
        return java.util.Arrays.copyOf(copy.data(), copy.dataLength());
    }

    @Override
    public String exePath(final int pid) {
        final long length = ask(ProcInfoCodec.OP_EXE, pid);
        if (length < 0) {
            return null;
        }
        if (length != copy.dataLength()) {
            malformed("exe");
            return null;
        }
        return new String(copy.data(), 0, copy.dataLength(), StandardCharsets.UTF_8);
    }

    @Override
    public long cwdHandle(final int pid) {
        final long handle = ask(ProcInfoCodec.OP_CWD, pid);
        return handle < 0 ? Vfs.NO_HANDLE : handle;
    }

    @Override
    public boolean mapping(final int pid, final int index, final MemoryMapping out) {
        if (index < 0) {
            return false;
        }
        if (index == 0 || pid != mapsPid || index < mapsCursorIndex) {
            mapsPid = -1;
            final long count = ask(ProcInfoCodec.OP_MAPS, pid);
            if (count < 0) {
                return false;
            }
            if (maps.length < copy.dataLength()) {
                maps = new byte[copy.data().length];
            }
            System.arraycopy(copy.data(), 0, maps, 0, copy.dataLength());
            mapsLength = copy.dataLength();
            mapsCount = (int) Math.min(count, Integer.MAX_VALUE);
            mapsPid = pid;
            mapsCursorIndex = 0;
            mapsCursorOffset = 0;
        }
        if (index >= mapsCount) {
            return false;
        }
        view.wrap(maps, 0, mapsLength);
        while (mapsCursorIndex <= index) {
            final int length = ProcInfoCodec.decodeMapping(view, mapsCursorOffset, mapsLength, out);
            if (length < 0) {
                malformed("maps");
                mapsPid = -1;
                return false;
            }
            mapsCursorOffset += length;
            mapsCursorIndex++;
        }
        return true;
    }

    @Override
    public int nextFd(final int pid, final int after) {
        if (after < 0 || pid != fdsPid) {
            fdsPid = -1;
            final long count = ask(ProcInfoCodec.OP_FD_LIST, pid);
            if (count < 0) {
                return -1;
            }
            if (count * Integer.BYTES != copy.dataLength()) {
                malformed("fd_list");
                return -1;
            }
            fdCount = (int) count;
            if (fds.length < fdCount) {
                fds = new int[Math.max(fdCount, 2 * fds.length)];
            }
            view.wrap(copy.data(), 0, copy.dataLength());
            for (int i = 0; i < fdCount; i++) {
                fds[i] = view.getInt(i * Integer.BYTES, BYTE_ORDER);
            }
            fdsPid = pid;
        }
        for (int i = 0; i < fdCount; i++) {
            if (fds[i] > after) {
                return fds[i];
            }
        }
        return -1;
    }

    @Override
    public long fdHandle(final int pid, final int fd) {
        return fd(pid, fd) ? lastFdHandle : Vfs.NO_HANDLE;
    }

    @Override
    public String fdLinkText(final int pid, final int fd) {
        return fd(pid, fd) ? lastFdText : null;
    }

    /**
     * Asks about one descriptor, unless it was the last one asked about (procfs asks for its handle, then
     * for its text): whether it is open.
     */
    private boolean fd(final int pid, final int fd) {
        if (pid == lastFdPid && fd == lastFd) {
            lastFdPid = -1; // one reuse only: the next question about it asks again
            return true;
        }
        lastFdPid = -1;
        final long result = askFd(pid, fd);
        if (result < 0) {
            return false;
        }
        if (copy.argumentsLength() < ProcInfoCodec.FD_REPLY_LENGTH) {
            malformed("fd");
            return false;
        }
        view.wrap(copy.arguments(), 0, copy.argumentsLength());
        lastFdHandle = view.getLong(ProcInfoCodec.FD_HANDLE_OFFSET, BYTE_ORDER);
        lastFdText = lastFdHandle == Vfs.NO_HANDLE && copy.dataLength() > 0
            ? new String(copy.data(), 0, copy.dataLength(), StandardCharsets.UTF_8) : null;
        lastFdPid = pid;
        lastFd = fd;
        return true;
    }

    // ---- SystemInfoSource ------------------------------------------------------------------------

    @Override
    public long uptimeNanos() {
        return fetchFacts() ? facts.uptimeNanos : 0;
    }

    @Override
    public long idleNanos() {
        return fetchFacts() ? facts.idleNanos : 0;
    }

    @Override
    public int hartCount() {
        return factsFetched || fetchFacts() ? facts.hartCount : 0;
    }

    @Override
    public long hartId(final int processor) {
        return processor >= 0 && processor < facts.hartCount ? facts.hartIds[processor] : processor;
    }

    @Override
    public String isa() {
        return factsFetched || fetchFacts() ? facts.isa : "";
    }

    @Override
    public String mmu() {
        return factsFetched || fetchFacts() ? facts.mmu : "";
    }

    @Override
    public long mvendorid() {
        return facts.mvendorid;
    }

    @Override
    public long marchid() {
        return facts.marchid;
    }

    @Override
    public long mimpid() {
        return facts.mimpid;
    }

    @Override
    public void memory(final MemoryInfo out) {
        if (!fetchFacts()) {
            return;
        }
        final MemoryInfo m = facts.memory;
        out.copyFrom(m);
    }

    /** Asks for the system record (the clock and memory change, so every caller asks again). */
    private boolean fetchFacts() {
        if (ask(ProcInfoCodec.OP_SYSTEM, 0) < 0) {
            return false;
        }
        view.wrap(copy.data(), 0, copy.dataLength());
        if (!ProcInfoCodec.decodeSystem(view, 0, copy.dataLength(), facts)) {
            malformed("system");
            return false;
        }
        factsFetched = true;
        return true;
    }

    // ---- the channel -----------------------------------------------------------------------------

    private long askFd(final int pid, final int fd) {
        final ServerClient client = channel.get();
        if (client == null) {
            return unavailable();
        }
        final int length = ProcInfoCodec.encodeFd(client.arguments(), 0, pid, fd);
        return finish(client.call(ProcInfoCodec.OP_FD, length, TIMEOUT_NANOS, copy.reset()), "fd");
    }

    /** One question with a pid (or after) argument, or none for SYSTEM: the result, or -errno. */
    private long ask(final int operation, final int pid) {
        lastFdPid = -1;
        final ServerClient client = channel.get();
        if (client == null) {
            return unavailable();
        }
        final int length = operation == ProcInfoCodec.OP_SYSTEM ? 0
            : ProcInfoCodec.encodePid(client.arguments(), 0, pid);
        return finish(client.call(operation, length, TIMEOUT_NANOS, copy.reset()), "operation " + operation);
    }

    private long finish(final long result, final String what) {
        if (result == -Errno.EIO || result == -Errno.ETIMEDOUT || result == -Errno.EAGAIN) {
            failed(what + ": " + Errno.describeResult(result));
        }
        return result;
    }

    private long unavailable() {
        failed("no kernel-information channel");
        return -Errno.ENOENT;
    }

    private void malformed(final String what) {
        failed("malformed " + what + " reply");
    }

    private void failed(final String why) {
        failures++;
        if ((failures & (failures - 1)) == 0) { // 1, 2, 4, 8...
            LOG.warn("procfs could not ask the kernel ({}); {} failures so far", why, failures);
        }
    }
}
