package org.exoos.servers.vfs.service;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.vfs.AtFlags;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.VfsClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SET_CLOCK_OFFSET: after the kernel sets the machine's clock, the vfs stamps files with that clock. */
class VfsServerClockTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final long SECOND = 1_000_000_000L;
    /** Ten years of seconds, far beyond any slack of the test. */
    private static final long OFFSET_SECONDS = 10L * 365 * 24 * 3600;
    private static final Credentials ROOT = Credentials.of(1, 0, 0);
    private static final int ST_ATIME = 72, ST_MTIME = 88, ST_CTIME = 104;

    @TempDir
    Path temp;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);

    private ServerSpec spec(final Isolation isolation) {
        return ServerSpec.of(VfsServiceFactory.NAME, isolation).withGeometry(new ChannelGeometry(64, true, 16 * 1024, 8))
            .withLogFile(temp.resolve("vfs.log")).withJvmArguments(List.of("-Xmx64m"));
    }

    private long createAndStat(final VfsClient vfs, final String path, final int field) {
        final long file = vfs.open(ROOT, Vfs.NO_HANDLE, path, OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644, 022);
        assertTrue(file >= 0, "open: " + file);
        assertEquals(0, vfs.close(file));
        assertEquals(0, vfs.stat(ROOT, Vfs.NO_HANDLE, path, AtFlags.AT_SYMLINK_NOFOLLOW, buffer, 0));
        return buffer.getLong(field, BYTE_ORDER);
    }

    private static long hostSeconds() {
        return VfsClock.SYSTEM.nowNanos() / SECOND;
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void newFilesAreStampedWithTheOffsetClock(final Isolation isolation) throws Exception {
        try (Supervisor supervisor = new Supervisor()) {
            final VfsClient vfs = new VfsClient(supervisor.start(spec(isolation)).client(), TIMEOUT);
            final long before = hostSeconds();
            final long unset = createAndStat(vfs, "/tmp/before", ST_MTIME);
            assertTrue(unset >= before - 1 && unset <= hostSeconds() + 1, "the host's time: " + unset);

            assertEquals(0, vfs.setClockOffset(OFFSET_SECONDS * SECOND));
            final long from = hostSeconds() + OFFSET_SECONDS;
            for (final int field : new int[] {ST_ATIME, ST_MTIME, ST_CTIME}) {
                final long stamped = createAndStat(vfs, "/tmp/after" + field, field);
                assertTrue(stamped >= from - 1 && stamped <= hostSeconds() + OFFSET_SECONDS + 1,
                    "field " + field + " follows the machine's clock: " + stamped + " from " + from);
            }

            assertEquals(0, vfs.setClockOffset(-OFFSET_SECONDS * SECOND), "the clock may go back too");
            final long back = createAndStat(vfs, "/tmp/back", ST_MTIME);
            assertTrue(back <= hostSeconds() - OFFSET_SECONDS + 1 && back >= before - OFFSET_SECONDS - 1, "back: " + back);
        }
    }

    @Test
    void machineClockIsTheHostsPlusTheOffset() {
        final long[] host = {1_000 * SECOND};
        final VfsClock.Machine clock = new VfsClock.Machine(() -> host[0]);
        assertEquals(1_000 * SECOND, clock.nowNanos(), "no offset at boot");
        clock.setOffsetNanos(-5 * SECOND);
        assertEquals(-5 * SECOND, clock.offsetNanos());
        assertEquals(995 * SECOND, clock.nowNanos());
        host[0] += 7;
        assertEquals(995 * SECOND + 7, clock.nowNanos(), "it runs with the host's clock");
    }
}
