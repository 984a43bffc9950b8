package org.exoos.ipc.fusion.shm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedRegionTest {
    static String uniqueName(final String purpose) {
        return "exo-test-" + purpose + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @Test
    void createdRegionIsZeroedOwnerOnlyAndSeenByAPeerMapping() throws IOException {
        final String name = uniqueName("peer");
        try (SharedRegion created = SharedRegion.create(name, 8192);
             SharedRegion opened = SharedRegion.open(name, 4096)) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(SharedRegion.pathOf(name))), "mode of the created file");
            assertEquals(8192, opened.size(), "a peer maps the whole file, not just its minimum");
            assertEquals(0L, created.segment().get(JAVA_LONG, 4088), "fresh region must be zeroed");
            created.segment().set(JAVA_LONG, 4088, 0x1234_5678_9ABC_DEF0L);
            assertEquals(0x1234_5678_9ABC_DEF0L, opened.buffer().getLongVolatile(4088),
                    "peer mapping did not see the creator's store");
            assertEquals(0, created.address() & 4095, "mapping must be page aligned");
            assertTrue(created.isOwner() && !opened.isOwner(), "ownership flags");
        } finally {
            Files.deleteIfExists(SharedRegion.pathOf(name));
        }
    }

    @Test
    void closeInvalidatesTheSegmentAndUnlinkRemovesTheName() throws IOException {
        final String name = uniqueName("unlink");
        final SharedRegion region = SharedRegion.create(name, 4096);
        try {
            region.close();
            region.close();
            assertThrows(IllegalStateException.class, () -> region.segment().get(JAVA_LONG, 0),
                    "segment access after close must fail, not touch unmapped memory");
            region.unlink();
            assertFalse(Files.exists(SharedRegion.pathOf(name)), "file still present after unlink");
            final IOException again = assertThrows(IOException.class, region::unlink);
            assertTrue(again.getMessage().contains("ENOENT"), "second unlink message: " + again.getMessage());
        } finally {
            Files.deleteIfExists(SharedRegion.pathOf(name));
        }
    }

    @Test
    void openingAMissingRegionFailsWithEnoent() {
        final IOException e = assertThrows(IOException.class, () -> SharedRegion.open(uniqueName("missing"), 64));
        assertTrue(e.getMessage().contains("ENOENT"), "message should name ENOENT: " + e.getMessage());
    }

    @Test
    void creatingATakenNameFailsWithEexistAndLeavesTheFirstIntact() throws IOException {
        final String name = uniqueName("collide");
        try (SharedRegion first = SharedRegion.create(name, 4096)) {
            first.segment().set(JAVA_LONG, 0, 42L);
            final IOException e = assertThrows(IOException.class, () -> SharedRegion.create(name, 4096));
            assertTrue(e.getMessage().contains("EEXIST"), "message should name EEXIST: " + e.getMessage());
            assertTrue(Files.exists(SharedRegion.pathOf(name)), "failed create must not unlink the winner's file");
            assertEquals(42L, first.segment().get(JAVA_LONG, 0), "first region's contents changed");
        } finally {
            Files.deleteIfExists(SharedRegion.pathOf(name));
        }
    }

    @Test
    void openingARegionSmallerThanRequiredFailsClearly() throws IOException {
        final String name = uniqueName("short");
        try (SharedRegion created = SharedRegion.create(name, 4096)) {
            assertEquals(4096, created.size(), "created size");
            final IOException e = assertThrows(IOException.class, () -> SharedRegion.open(name, 8192));
            assertTrue(e.getMessage().contains("4096") && e.getMessage().contains("8192")
                    && e.getMessage().contains("truncated"), "message should give both sizes: " + e.getMessage());
        } finally {
            Files.deleteIfExists(SharedRegion.pathOf(name));
        }
    }

    @Test
    void namesThatCouldLeaveDevShmAreRejected() {
        for (final String bad : new String[] {"", ".", "..", "a/b", "../etc", "sp ace", "x".repeat(256)}) {
            assertThrows(IllegalArgumentException.class, () -> SharedRegion.create(bad, 64), "name '" + bad + "'");
        }
    }
}
