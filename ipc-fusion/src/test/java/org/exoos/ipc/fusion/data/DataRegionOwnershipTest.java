package org.exoos.ipc.fusion.data;

import static org.exoos.ipc.fusion.data.DataRegion.REJECT_GENERATION;
import static org.exoos.ipc.fusion.data.DataRegion.REJECT_PARTY;
import static org.exoos.ipc.fusion.data.DataRegion.REJECT_STATE;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.ACCEPTED;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.DESCRIPTOR_GENERATION_MASK;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.FREE;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.IN_FLIGHT;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.NO_DATA;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.NO_PARTY;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.STATE_TABLE_OFFSET;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.WRITING;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptorGeneration;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptorIndex;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptorLength;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.freeWord;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.generation;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.holder;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.nextGeneration;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.sender;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class DataRegionOwnershipTest {
    private static final int OWNER = 0;
    private static final int PEER = 1;
    private static final int OTHER = 2;

    /** Allocates, fills with {@code value} and hands a block from {@code from} to {@code to}. */
    private static long send(final DataRegion region, final int from, final int to, final long value) {
        final int block = region.allocate(from);
        assertTrue(block >= 0, "allocation by party " + from);
        region.writeView(block).putLong(0, value);
        return region.handOff(block, Long.BYTES, from, to);
    }

    @Test
    void allocationStopsAtMinusOneWhenEveryBlockIsTaken() {
        final DataRegion region = DataRegionBuffers.region(64, 8);
        final Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            final int block = region.allocate(PEER);
            assertTrue(block >= 0 && block < 8, "allocation " + i + " gave " + block);
            assertTrue(taken.add(block), "block " + block + " handed out twice");
        }
        assertEquals(-1, region.allocate(PEER), "allocation from an exhausted region");
        assertEquals(-1, region.allocate(OTHER), "allocation by another party from an exhausted region");
        assertEquals(0, region.freeBlocks(), "free blocks");
        assertEquals(8, region.blocksHeldBy(PEER), "blocks held by the writer");
        assertEquals(0, region.blocksHeldBy(OTHER), "blocks held by a bystander");
    }

    @Test
    void aReleasedBlockCanBeAllocatedAgain() {
        final DataRegion region = DataRegionBuffers.region(64, 4);
        final long[] sent = new long[4];
        for (int i = 0; i < 4; i++) {
            sent[i] = send(region, PEER, OWNER, i);
        }
        assertEquals(-1, region.allocate(PEER), "exhausted");
        assertTrue(region.accept(sent[2], OWNER) >= 0, "accept");
        assertTrue(region.release(sent[2], OWNER), "release");
        assertEquals(1, region.freeBlocks(), "free after one release");
        assertEquals(descriptorIndex(sent[2]), region.allocate(PEER), "the released block comes back");
    }

    @Test
    void fifoAllocationFollowsTheCursorRoundTheRegion() {
        final DataRegion region = DataRegionBuffers.region(64, 4);
        for (int i = 0; i < 12; i++) {
            final long descriptor = send(region, PEER, OWNER, i);
            assertEquals(i % 4, descriptorIndex(descriptor), "block of message " + i);
            assertTrue(region.accept(descriptor, OWNER) >= 0, "accept " + i);
            assertTrue(region.release(descriptor, OWNER), "release " + i);
        }
    }

    @Test
    void reuseAdvancesTheGenerationSoTheOldDescriptorIsRefused() {
        final DataRegion region = DataRegionBuffers.region(64, 1);
        final long first = send(region, PEER, OWNER, 1);
        assertTrue(region.accept(first, OWNER) >= 0, "accept first");
        assertTrue(region.release(first, OWNER), "release first");
        final long second = send(region, PEER, OWNER, 2);
        assertEquals(descriptorIndex(first), descriptorIndex(second), "same block");
        assertEquals(descriptorLength(first), descriptorLength(second), "same length");
        assertNotEquals(first, second, "descriptors of two uses of one block");
        assertEquals(REJECT_GENERATION, region.accept(first, OWNER), "accept of the first use's descriptor");
        assertFalse(region.release(first, OWNER), "release of the first use's descriptor");
        assertEquals(IN_FLIGHT, state(region.stateWordOf(0)), "second use untouched by the stale descriptor");
        assertTrue(region.accept(second, OWNER) >= 0, "accept second");
        assertEquals(2L, region.readView().getLong(0), "second use's bytes");
        assertTrue(region.release(second, OWNER), "release second");
        assertEquals(2, region.malformedDescriptorCount(), "stale descriptors counted");
    }

    @Test
    void generationNeverGivesADescriptorWithoutGenerationBits() {
        assertEquals(1, nextGeneration(0), "first allocation");
        assertEquals(DESCRIPTOR_GENERATION_MASK + 2, nextGeneration(DESCRIPTOR_GENERATION_MASK), "23-bit wrap");
        assertEquals(1, nextGeneration(-1), "32-bit wrap");
        final UnsafeBuffer buffer = DataRegionBuffers.formatted(64, 1);
        for (final int start : new int[] {DESCRIPTOR_GENERATION_MASK - 2, -3}) {
            buffer.putLong(STATE_TABLE_OFFSET, freeWord(start));
            final DataRegion region = new DataRegion(buffer, 0);
            for (int i = 0; i < 6; i++) {
                final long descriptor = send(region, PEER, OWNER, i);
                assertNotEquals(NO_DATA, descriptor, "descriptor " + i + " after generation " + start);
                assertNotEquals(0, descriptorGeneration(descriptor), "generation bits of descriptor " + i);
                assertTrue(region.accept(descriptor, OWNER) >= 0, "accept " + i + " across the wrap");
                assertTrue(region.release(descriptor, OWNER), "release " + i + " across the wrap");
            }
        }
    }

    @Test
    void stateWordsRecordWriterSenderAndHolder() {
        final DataRegion region = DataRegionBuffers.region(64, 2);
        final int block = region.allocate(PEER);
        long word = region.stateWordOf(block);
        assertEquals(WRITING, state(word), "after allocate");
        assertEquals(PEER, holder(word), "writer holds it");
        assertEquals(1, generation(word), "first generation");
        final long descriptor = region.handOff(block, 10, PEER, OWNER);
        word = region.stateWordOf(block);
        assertEquals(IN_FLIGHT, state(word), "after hand-off");
        assertEquals(PEER, sender(word), "sender");
        assertEquals(OWNER, holder(word), "recipient holds it");
        assertEquals(region.blockOffset(block), region.accept(descriptor, OWNER), "accept returns the block offset");
        word = region.stateWordOf(block);
        assertEquals(ACCEPTED, state(word), "after accept");
        assertEquals(OWNER, holder(word), "reader holds it");
        assertTrue(region.release(descriptor, OWNER), "release");
        word = region.stateWordOf(block);
        assertEquals(FREE, state(word), "after release");
        assertEquals(NO_PARTY, holder(word), "nobody holds a free block");
        assertEquals(1, generation(word), "release keeps the generation");
    }

    @Test
    void viewsCoverTheBlockForTheWriterAndTheLengthForTheReader() {
        final DataRegion region = DataRegionBuffers.region(256, 2);
        final int block = region.allocate(PEER);
        assertEquals(256, region.writeView(block).capacity(), "write view is the whole block");
        for (int i = 0; i < 100; i++) {
            region.writeView(block).putByte(i, (byte) i);
        }
        final long descriptor = region.handOff(block, 100, PEER, OWNER);
        assertTrue(region.accept(descriptor, OWNER) >= 0, "accept");
        assertEquals(100, region.readView().capacity(), "read view is the descriptor's length");
        for (int i = 0; i < 100; i++) {
            assertEquals((byte) i, region.readView().getByte(i), "byte " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> region.readView().getByte(100), "read past the length");
        assertEquals(region.blockOffset(block), region.readView().addressOffset() - region.buffer().addressOffset(),
            "the view is the shared block itself, not a copy");
    }

    @Test
    void zeroLengthMessagesAreValid() {
        final DataRegion region = DataRegionBuffers.region(64, 1);
        final int block = region.allocate(PEER);
        final long descriptor = region.handOff(block, 0, PEER, OWNER);
        assertNotEquals(NO_DATA, descriptor, "an empty message still has a descriptor");
        assertTrue(region.accept(descriptor, OWNER) >= 0, "accept");
        assertEquals(0, region.readView().capacity(), "empty view");
    }

    @Test
    void handOffRefusesMisuseByTheCaller() {
        final DataRegion region = DataRegionBuffers.region(64, 4);
        assertThrows(IllegalStateException.class, () -> region.handOff(0, 8, PEER, OWNER), "a free block");
        final int block = region.allocate(PEER);
        assertThrows(IllegalStateException.class, () -> region.handOff(block, 8, OTHER, OWNER), "another's block");
        assertThrows(IllegalArgumentException.class, () -> region.handOff(block, 65, PEER, OWNER), "length > block");
        assertThrows(IllegalArgumentException.class, () -> region.handOff(block, -1, PEER, OWNER), "negative length");
        assertThrows(IllegalArgumentException.class, () -> region.handOff(block, 8, PEER, NO_PARTY), "party none");
        assertThrows(IllegalArgumentException.class, () -> region.handOff(block, 8, -1, OWNER), "negative party");
        assertThrows(IndexOutOfBoundsException.class, () -> region.handOff(4, 8, PEER, OWNER), "index 4 of 4");
        region.handOff(block, 8, PEER, OWNER);
        final IllegalStateException twice = assertThrows(IllegalStateException.class,
            () -> region.handOff(block, 8, PEER, OWNER), "second hand-off");
        assertTrue(twice.getMessage().contains("IN_FLIGHT"), "message names the state: " + twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> region.allocate(255), "allocation by party none");
    }

    @Test
    void abandonReturnsOnlyABlockTheCallerIsWriting() {
        final DataRegion region = DataRegionBuffers.region(64, 2);
        final int block = region.allocate(PEER);
        assertFalse(region.abandon(block, OTHER), "abandon by another party");
        assertTrue(region.abandon(block, PEER), "abandon by the writer");
        assertFalse(region.abandon(block, PEER), "second abandon");
        assertEquals(2, region.freeBlocks(), "free after abandon");
        final long descriptor = send(region, PEER, OWNER, 0);
        assertFalse(region.abandon(descriptorIndex(descriptor), PEER), "abandon after hand-off");
    }

    @Test
    void acceptTakesADescriptorOnceAndOnlyForItsRecipient() {
        final DataRegion region = DataRegionBuffers.region(64, 2);
        final long descriptor = send(region, PEER, OWNER, 0);
        assertEquals(REJECT_PARTY, region.accept(descriptor, OTHER), "accept by a party it was not sent to");
        assertFalse(region.release(descriptor, OTHER), "release by a party it was not sent to");
        assertTrue(region.accept(descriptor, OWNER) >= 0, "accept by its recipient");
        assertEquals(REJECT_STATE, region.accept(descriptor, OWNER), "a duplicated descriptor");
        assertTrue(region.isHeld(descriptor, OWNER), "held after accept");
        assertTrue(region.release(descriptor, OWNER), "release");
        assertFalse(region.isHeld(descriptor, OWNER), "held after release");
        assertFalse(region.release(descriptor, OWNER), "double release");
        assertEquals(4, region.malformedDescriptorCount(), "refusals counted");
    }

    @Test
    void acceptWithAnExpectedSenderRefusesABlockFromAnotherParty() {
        final DataRegion region = DataRegionBuffers.region(64, 2);
        final long fromOther = send(region, OTHER, OWNER, 0); // e.g. read off the shared table and replayed by PEER
        assertEquals(DataRegion.REJECT_SENDER, region.accept(fromOther, OWNER, PEER), "block of OTHER claimed by PEER");
        assertEquals(1, region.malformedDescriptorCount(), "refusal counted");
        assertEquals(IN_FLIGHT, state(region.stateWordOf(descriptorIndex(fromOther))), "block still in flight");
        assertTrue(region.accept(fromOther, OWNER, OTHER) >= 0, "accept from its real sender");
    }

    @Test
    void aRecipientMayReleaseWithoutAccepting() {
        final DataRegion region = DataRegionBuffers.region(64, 1);
        final long descriptor = send(region, PEER, OWNER, 0);
        assertTrue(region.release(descriptor, OWNER), "release of an unread block");
        assertEquals(1, region.freeBlocks(), "free");
        assertEquals(REJECT_STATE, region.accept(descriptor, OWNER), "accept after release");
    }

    @Test
    void reclaimTakesBackWhatADeadPartyWritesHoldsOrLeftUnaccepted() {
        final DataRegion region = DataRegionBuffers.region(64, 16);
        final int writing = region.allocate(PEER);                      // dead mid-write
        final long unaccepted = send(region, PEER, OWNER, 1);          // sent, never read (lost with its ring)
        final long acceptedFromPeer = send(region, PEER, OWNER, 2);    // sent and being read by the owner
        final int ownersBlock = region.accept(acceptedFromPeer, OWNER);
        assertTrue(ownersBlock >= 0, "owner accepts one of the peer's blocks");
        final long toPeer = send(region, OWNER, PEER, 3);              // in flight to the dead peer
        final long readByPeer = send(region, OWNER, PEER, 4);          // the peer was reading it
        assertTrue(region.accept(readByPeer, PEER) >= 0, "peer accepted before dying");
        final long bystander = send(region, OTHER, OWNER, 5);          // unrelated traffic
        assertEquals(3, region.blocksHeldBy(PEER), "peer holds: writing, in flight to it, accepted by it");

        assertEquals(4, region.reclaim(PEER), "blocks reclaimed from the dead peer");
        assertEquals(0, region.blocksHeldBy(PEER), "peer holds nothing after reclaim");
        assertEquals(16 - 2, region.freeBlocks(), "only the owner's accepted block and the bystander's remain");
        assertEquals(0, region.reclaim(PEER), "a second reclaim finds nothing");

        assertThrows(IllegalStateException.class, () -> region.handOff(writing, 8, PEER, OWNER),
            "a late hand-off by the dead peer's writer");
        assertTrue(region.accept(unaccepted, OWNER) < 0, "the lost descriptor, if it turns up, is refused");
        assertFalse(region.release(toPeer, PEER), "a late release by the dead peer");
        assertFalse(region.isHeld(readByPeer, PEER), "the dead peer no longer holds what it was reading");
        assertEquals(2L, region.buffer().getLong(ownersBlock), "owner still reads the peer's accepted block");
        assertTrue(region.release(acceptedFromPeer, OWNER), "owner releases it when done");
        assertTrue(region.accept(bystander, OWNER) >= 0, "bystander's message unaffected");
        assertTrue(region.release(bystander, OWNER), "bystander's release");
        assertEquals(16, region.freeBlocks(), "every block free in the end");
    }

    @Test
    void reclaimOfAPartyThatDiedOnAnotherThread() throws InterruptedException {
        final UnsafeBuffer buffer = DataRegionBuffers.formatted(128, 8);
        final DataRegion owner = new DataRegion(buffer, 0);
        final long[] sent = new long[1];
        final Thread peer = new Thread(() -> {
            final DataRegion mine = new DataRegion(buffer, 0);
            mine.allocate(PEER);
            mine.allocate(PEER);
            sent[0] = send(mine, PEER, OWNER, 9);
        }, "peer-that-dies");
        peer.start();
        peer.join();
        assertEquals(2, owner.blocksHeldBy(PEER), "blocks the finished thread left in WRITING");
        assertEquals(3, owner.reclaim(PEER), "reclaimed from the finished thread");
        assertEquals(8, owner.freeBlocks(), "free after reclaim");
        assertTrue(owner.accept(sent[0], OWNER) < 0, "its unaccepted descriptor is refused");
    }

    @Test
    void reclaimAllFreesEverythingAndRepairsAScribbledTable() {
        final UnsafeBuffer buffer = DataRegionBuffers.formatted(64, 4);
        final DataRegion region = new DataRegion(buffer, 0);
        final long descriptor = send(region, PEER, OWNER, 0);
        region.allocate(OTHER);
        buffer.putLong(STATE_TABLE_OFFSET + 3 * Long.BYTES, 0xDEAD_BEEF_0000_0077L); // unknown state 0x77
        assertEquals(1, region.freeBlocks(), "free before");
        assertEquals(3, region.reclaimAll(), "blocks that were not free");
        assertEquals(4, region.freeBlocks(), "free after reclaimAll");
        assertTrue(region.accept(descriptor, OWNER) < 0, "descriptor from before the reset");
        final Set<Integer> blocks = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            blocks.add(region.allocate(PEER));
        }
        assertEquals(Set.of(0, 1, 2, 3), blocks, "every block allocatable after the reset");
    }
}
