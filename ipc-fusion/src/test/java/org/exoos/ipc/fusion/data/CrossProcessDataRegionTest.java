package org.exoos.ipc.fusion.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.exoos.ipc.fusion.shm.SharedRegion;
import org.exoos.ipc.fusion.ChildJvm;
import org.junit.jupiter.api.Test;

class CrossProcessDataRegionTest {
    private static final int OWNER = 0;
    private static final int PEER = 1;
    private static final int BLOCK_SIZE = 4096;
    private static final int BLOCKS = 16;

    private static String uniqueName(final String what) {
        return "exo-test-data-" + what + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @Test
    void twoMappingsOfOneFileShareBlocksAndOwnership() throws IOException {
        final String name = uniqueName("mappings");
        try (SharedRegion created = SharedRegion.create(name, DataRegionDescriptor.requiredCapacity(BLOCK_SIZE, BLOCKS));
             SharedRegion opened = SharedRegion.open(name, DataRegionDescriptor.HEADER_LENGTH)) {
            DataRegion.format(created.buffer(), 0, BLOCK_SIZE, BLOCKS);
            final DataRegion writer = new DataRegion(created.buffer(), 0);
            final DataRegion reader = new DataRegion(opened.buffer(), 0);
            assertTrue(created.address() != opened.address(), "two distinct mappings");
            final int block = writer.allocate(PEER);
            writer.writeView(block).putLong(BLOCK_SIZE - Long.BYTES, 0xFEED_FACEL);
            final long descriptor = writer.handOff(block, BLOCK_SIZE, PEER, OWNER);
            assertEquals(writer.blockOffset(block), reader.accept(descriptor, OWNER), "accept through the other mapping");
            assertEquals(0xFEED_FACEL, reader.readView().getLong(BLOCK_SIZE - Long.BYTES), "last word of the block");
            assertEquals(1, writer.blocksHeldBy(OWNER), "the writer's mapping sees the reader's ownership");
            assertTrue(reader.release(descriptor, OWNER), "release through the other mapping");
            assertEquals(BLOCKS, writer.freeBlocks(), "the writer's mapping sees the release");
        } finally {
            Files.deleteIfExists(SharedRegion.pathOf(name));
        }
    }

    @Test
    void blocksOfAPeerKilledMidStreamAreReclaimedByTheOwner() throws Exception {
        final String name = uniqueName("kill");
        final Path output = Files.createTempFile("exo-data-child", ".log");
        Process child = null;
        try (SharedRegion shared = SharedRegion.create(name, DataRegionDescriptor.requiredCapacity(BLOCK_SIZE, BLOCKS))) {
            DataRegion.format(shared.buffer(), 0, BLOCK_SIZE, BLOCKS);
            final DataRegion owner = new DataRegion(shared.buffer(), 0);
            final int toPeer = owner.allocate(OWNER);
            final long inFlightToPeer = owner.handOff(toPeer, 8, OWNER, PEER); // the peer dies before reading it

            child = ChildJvm.start(DataRegionPeerChild.class, output, name, Integer.toString(PEER), Integer.toString(OWNER));
            final long[] sent = awaitReady(child, output);

            final int offset = owner.accept(sent[0], OWNER);
            assertTrue(offset >= 0, "accept of the child's first block: " + DataRegion.describeRejection(offset));
            final DirectBuffer data = owner.readView();
            assertEquals(DataRegionPeerChild.length(0), data.capacity(), "length written by the child");
            for (int word = 0; word < data.capacity() / Long.BYTES; word++) {
                assertEquals(DataRegionPeerChild.pattern(0, word), data.getLong(word * Long.BYTES),
                    "word " + word + " written by the child JVM");
            }

            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "killed child exits");

            final int writing = DataRegionPeerChild.WRITING_BLOCKS;
            assertEquals(writing + 1, owner.blocksHeldBy(PEER), "dead peer's blocks: writing, and one in flight to it");
            final int unaccepted = DataRegionPeerChild.SENT_BLOCKS - 1;
            assertEquals(writing + 1 + unaccepted, owner.reclaim(PEER), "blocks reclaimed from the dead peer");
            assertEquals(0, owner.blocksHeldBy(PEER), "dead peer holds nothing");
            assertEquals(BLOCKS - 1, owner.freeBlocks(), "all free but the one the owner is reading");
            for (int i = 1; i < sent.length; i++) {
                assertTrue(owner.accept(sent[i], OWNER) < 0, "the dead peer's unread descriptor " + i + " is refused");
            }
            assertFalse(owner.release(inFlightToPeer, PEER), "nobody can release for the dead peer any more");
            assertEquals(DataRegionPeerChild.pattern(0, 0), owner.buffer().getLong(offset),
                "the owner's accepted block survives the reclaim");
            assertTrue(owner.release(sent[0], OWNER), "the owner releases it when done");

            int reallocated = 0; // a restarted peer with the same party number starts from a full pool
            while (owner.allocate(PEER) >= 0) {
                reallocated++;
            }
            assertEquals(BLOCKS, reallocated, "blocks available to the restarted peer");
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(SharedRegion.pathOf(name));
            Files.deleteIfExists(output);
        }
    }

    private static long[] awaitReady(final Process child, final Path output) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() - deadline < 0) {
            for (final String line : Files.readAllLines(output)) {
                if (line.startsWith("READY ")) {
                    final String[] words = line.substring("READY ".length()).trim().split(" ");
                    final long[] descriptors = new long[words.length];
                    for (int i = 0; i < words.length; i++) {
                        descriptors[i] = Long.parseLong(words[i]);
                    }
                    assertEquals(DataRegionPeerChild.SENT_BLOCKS, descriptors.length, "descriptors from the child");
                    return descriptors;
                }
            }
            if (!child.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        return fail("child never got ready (" + (child.isAlive() ? "alive" : "exited " + child.exitValue())
            + "); output:\n" + Files.readString(output));
    }
}
