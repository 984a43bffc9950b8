package org.exoos.servers.vfs.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.SeekWhence;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.locks.FlockDescriptor;
import org.junit.jupiter.api.Test;

/**
 * The kernel side of the vfs allocates nothing per call, paths included (they travel as guest
 * bytes); the server side allocates nothing for handle operations (a path operation allocates
 * the path String the vfs takes). Thread isolation, so both threads' counters are readable.
 */
class VfsClientAllocationTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final int ROUND = 2_000;
    private static final int MAX_ROUNDS = 40;
    private static final Credentials USER = Credentials.of(42, 1000, 1000, 5);

    private final UnsafeBuffer data = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer stat = new UnsafeBuffer(new byte[128]);
    private final UnsafeBuffer path = new UnsafeBuffer("/tmp/f".getBytes());

    private void handleCalls(final VfsClient vfs, final long file) {
        for (int i = 0; i < ROUND; i++) {
            check(vfs.pwrite(file, 0, data, 0, 100) == 100);
            check(vfs.lseek(file, 0, SeekWhence.SEEK_SET) == 0);
            check(vfs.read(file, data, 0, 100) == 100);
            check(vfs.fstat(file, stat, 0) == 0);
            check(vfs.fsync(file, true) == 0);
            check(vfs.fstatfs(file, stat, 0) == 0);
            check(vfs.getStatusFlags(file) >= 0);
            check(vfs.lock(file, 42, FlockDescriptor.F_GETLK, FlockDescriptor.F_WRLCK, 0, 0, 0, 0, stat, 0) == 0);
        }
    }

    private long fileHandle;

    private void pathCalls(final VfsClient vfs) {
        for (int i = 0; i < ROUND / 4; i++) {
            check(vfs.stat(USER, Vfs.NO_HANDLE, path, 0, path.capacity(), 0, stat, 0) == 0);
            check(vfs.fchmod(USER, fileHandle, 0600) == 0);
            check(vfs.statfs(USER, Vfs.NO_HANDLE, path, 0, path.capacity(), stat, 0) == 0);
        }
    }

    private static void check(final boolean ok) {
        if (!ok) {
            throw new AssertionError("a vfs call failed");
        }
    }

    @Test
    void callsAllocateNothingOnTheKernelSideNorHandleOperationsOnTheServer() throws Exception {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counters");
        threads.setThreadAllocatedMemoryEnabled(true);
        try (Supervisor supervisor = new Supervisor()) {
            final VfsClient vfs = new VfsClient(supervisor.start(ServerSpec.of(VfsServiceFactory.NAME, Isolation.THREAD)
                .withGeometry(new ChannelGeometry(64, true, 4096, 8))).client(), TIMEOUT);
            final long serverThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("server-vfs")).findFirst().orElseThrow().threadId();
            final long file = vfs.open(USER, Vfs.NO_HANDLE, path, 0, path.capacity(),
                OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0600, 022);
            assertTrue(file >= 0, "open: " + file);
            fileHandle = file;

            // Until the JIT has compiled the path, the interpreter allocates what escape analysis
            // later removes: measure rounds until three in a row allocate nothing.
            int quietRounds = 0;
            int rounds = 0;
            long clientBytes = -1;
            long serverBytes = -1;
            while (quietRounds < 3 && rounds < MAX_ROUNDS) {
                final long clientBefore = threads.getCurrentThreadAllocatedBytes();
                final long serverBefore = threads.getThreadAllocatedBytes(serverThread);
                handleCalls(vfs, file);
                serverBytes = threads.getThreadAllocatedBytes(serverThread) - serverBefore;
                pathCalls(vfs);
                clientBytes = threads.getCurrentThreadAllocatedBytes() - clientBefore;
                quietRounds = clientBytes == 0 && serverBytes == 0 ? quietRounds + 1 : 0;
                rounds++;
            }
            assertEquals(3, quietRounds, "no three allocation-free rounds in " + rounds + "; the last: kernel "
                + clientBytes + " bytes, server (handle operations) " + serverBytes + " bytes");
            assertEquals(0, vfs.close(file));
        }
    }
}
