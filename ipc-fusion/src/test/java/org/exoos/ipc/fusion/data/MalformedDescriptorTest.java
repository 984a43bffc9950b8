package org.exoos.ipc.fusion.data;

import static org.exoos.ipc.fusion.data.DataRegion.REJECT_GENERATION;
import static org.exoos.ipc.fusion.data.DataRegion.REJECT_INDEX;
import static org.exoos.ipc.fusion.data.DataRegion.REJECT_LENGTH;
import static org.exoos.ipc.fusion.data.DataRegion.REJECT_PARTY;
import static org.exoos.ipc.fusion.data.DataRegion.REJECT_STATE;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.DESCRIPTOR_GENERATION_MASK;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.DESCRIPTOR_GENERATION_SHIFT;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.DESCRIPTOR_INDEX_MASK;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.DESCRIPTOR_LENGTH_MASK;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.DESCRIPTOR_LENGTH_SHIFT;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.NO_DATA;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptor;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptorGeneration;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptorIndex;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptorLength;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.requiredCapacity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer's descriptor is 64 arbitrary bits. The region sits at a base offset in a buffer that
 * ends exactly where the region ends, with Agrona's bounds checks on, so any read outside the
 * buffer would throw, which these tests count as a failure.
 */
class MalformedDescriptorTest {
    private static final int ME = 0;
    private static final int SENDER = 1;
    private static final int STRANGER = 2;
    private static final int BLOCK_SIZE = 256;
    private static final int BLOCKS = 16;
    private static final int BASE = 128;

    private UnsafeBuffer buffer;
    private DataRegion sender;
    private DataRegion receiver;
    /** In flight to {@link #ME}; every other block is free or being written. */
    private long live;

    @BeforeEach
    void setUp() {
        buffer = DataRegionBuffers.direct(BASE + requiredCapacity(BLOCK_SIZE, BLOCKS));
        DataRegion.format(buffer, BASE, BLOCK_SIZE, BLOCKS);
        sender = new DataRegion(buffer, BASE);
        receiver = new DataRegion(buffer, BASE);
        sender.allocate(SENDER); // block 0 stays WRITING
        live = sender.handOff(sender.allocate(SENDER), 100, SENDER, ME); // block 1, generation 1
    }

    private long[] stateTable() {
        final long[] words = new long[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            words[i] = receiver.stateWordOf(i);
        }
        return words;
    }

    private int acceptSafely(final long descriptor) {
        try {
            return receiver.accept(descriptor, ME);
        } catch (final RuntimeException ex) {
            return fail("accept of 0x" + Long.toHexString(descriptor) + " threw " + ex);
        }
    }

    private boolean releaseSafely(final long descriptor) {
        try {
            return receiver.release(descriptor, ME);
        } catch (final RuntimeException ex) {
            return fail("release of 0x" + Long.toHexString(descriptor) + " threw " + ex);
        }
    }

    @Test
    void aMillionRandomDescriptorsAreAllRefusedAndCounted() {
        final long[] before = stateTable();
        final SplittableRandom random = new SplittableRandom(0x5EED_DA7AL);
        final int tries = 1_000_000;
        for (int i = 0; i < tries; i++) {
            final long descriptor = random.nextLong();
            if (descriptor == live) {
                continue; // astronomically unlikely, but not malformed
            }
            final int result = acceptSafely(descriptor);
            assertTrue(result < 0, "random descriptor 0x" + Long.toHexString(descriptor) + " accepted at " + result);
            assertFalse(releaseSafely(descriptor), "random descriptor 0x" + Long.toHexString(descriptor) + " released");
            assertFalse(receiver.isHeld(descriptor, ME), "random descriptor held");
        }
        assertEquals(2L * tries, receiver.malformedDescriptorCount(), "refusals counted (accept and release)");
        assertArrayEquals(before, stateTable(), "state table after a million refusals");
        assertTrue(receiver.accept(live, ME) >= 0, "the genuine descriptor is still accepted");
    }

    @Test
    void randomDescriptorsWithinTheIndexRangeAreRefused() {
        final long[] before = stateTable();
        final SplittableRandom random = new SplittableRandom(42);
        final int tries = 1_000_000;
        for (int i = 0; i < tries; i++) {
            // Real indices, any length, generations the blocks have never had: only the checks after the index guard.
            final long descriptor = descriptor(random.nextInt(BLOCKS), random.nextInt(DESCRIPTOR_LENGTH_MASK + 1),
                random.nextInt(1_000, DESCRIPTOR_GENERATION_MASK + 1));
            assertTrue(acceptSafely(descriptor) < 0, "descriptor 0x" + Long.toHexString(descriptor) + " accepted");
            assertFalse(releaseSafely(descriptor), "descriptor 0x" + Long.toHexString(descriptor) + " released");
        }
        assertEquals(2L * tries, receiver.malformedDescriptorCount(), "refusals counted");
        assertArrayEquals(before, stateTable(), "state table unchanged");
    }

    @Test
    void eachKindOfBadDescriptorIsRefusedWithItsReason() {
        final int index = descriptorIndex(live);
        final int generation = descriptorGeneration(live);
        assertEquals(REJECT_GENERATION, acceptSafely(NO_DATA), "descriptor 0 (no data)");
        assertEquals(REJECT_INDEX, acceptSafely(descriptor(BLOCKS, 8, generation)), "index = block count");
        assertEquals(REJECT_INDEX, acceptSafely(descriptor(DESCRIPTOR_INDEX_MASK, 8, generation)), "largest index");
        assertEquals(REJECT_INDEX, acceptSafely(-1L), "all ones");
        assertEquals(REJECT_LENGTH, acceptSafely(descriptor(index, BLOCK_SIZE + 1, generation)), "length = size + 1");
        assertEquals(REJECT_LENGTH, acceptSafely(descriptor(index, DESCRIPTOR_LENGTH_MASK, generation)), "largest length");
        assertEquals(REJECT_GENERATION, acceptSafely(descriptor(index, 100, generation + 1)), "next generation");
        assertEquals(REJECT_GENERATION, acceptSafely(descriptor(index, 100, 0)), "generation 0");
        assertEquals(REJECT_STATE, acceptSafely(descriptor(0, 8, 1)), "a block still being written");
        assertEquals(REJECT_GENERATION, acceptSafely(descriptor(5, 8, 1)), "a never-used block");
        assertEquals(REJECT_PARTY, receiver.accept(live, STRANGER), "another party's descriptor");
        assertEquals(11, receiver.malformedDescriptorCount(), "every refusal counted");
        assertTrue(receiver.accept(live, ME) >= 0, "the genuine descriptor after all that");
        assertTrue(releaseSafely(live), "release");
        assertFalse(releaseSafely(live), "double release");
        assertEquals(REJECT_STATE, acceptSafely(live), "accept after release");
        assertEquals(13, receiver.malformedDescriptorCount(), "double release and late accept counted");
    }

    @Test
    void everySingleBitFlipOfAGenuineDescriptorIsRefusedUnlessItOnlyShortensTheLength() {
        final long[] before = stateTable();
        int refused = 0;
        for (int bit = 0; bit < Long.SIZE; bit++) {
            final long flipped = live ^ (1L << bit);
            final boolean lengthBit = bit >= DESCRIPTOR_LENGTH_SHIFT && bit < DESCRIPTOR_GENERATION_SHIFT;
            if (lengthBit && descriptorLength(flipped) <= BLOCK_SIZE) {
                continue; // a sender may state any length within its block: not malformed
            }
            assertTrue(acceptSafely(flipped) < 0, "bit " + bit + " flipped: 0x" + Long.toHexString(flipped));
            assertFalse(releaseSafely(flipped), "release with bit " + bit + " flipped");
            refused++;
        }
        assertEquals(2L * refused, receiver.malformedDescriptorCount(), "refusals counted");
        assertArrayEquals(before, stateTable(), "state table unchanged by the flips");
        assertTrue(receiver.accept(live, ME) >= 0, "the genuine descriptor is still accepted");
    }

    @Test
    void aStaleDescriptorIsRefusedAfterItsBlockWasReused() {
        assertTrue(receiver.accept(live, ME) >= 0, "accept");
        assertTrue(receiver.release(live, ME), "release");
        long reused = NO_DATA;
        for (int i = 0; i < BLOCKS; i++) { // cycle until block 1 comes round again, in flight to me
            final long next = sender.handOff(sender.allocate(SENDER), 100, SENDER, ME);
            if (descriptorIndex(next) == descriptorIndex(live)) {
                reused = next;
                break;
            }
        }
        assertEquals(descriptorIndex(live), descriptorIndex(reused), "block reused");
        assertEquals(REJECT_GENERATION, acceptSafely(live), "stale descriptor of the reused block");
        assertFalse(releaseSafely(live), "stale release of the reused block");
        assertTrue(receiver.accept(reused, ME) >= 0, "the current descriptor");
    }
}
