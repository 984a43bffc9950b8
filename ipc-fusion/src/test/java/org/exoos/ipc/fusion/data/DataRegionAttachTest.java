package org.exoos.ipc.fusion.data;

import static org.exoos.ipc.fusion.data.DataRegionDescriptor.BLOCK_COUNT_OFFSET;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.BLOCK_SIZE_OFFSET;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.LAYOUT_VERSION;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.LAYOUT_VERSION_OFFSET;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.MAGIC_OFFSET;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.requiredCapacity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class DataRegionAttachTest {
    private static void assertAttachFails(final UnsafeBuffer buffer, final int baseOffset, final String expectedPart) {
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> new DataRegion(buffer, baseOffset));
        assertTrue(ex.getMessage().contains(expectedPart),
            "message '" + ex.getMessage() + "' should mention '" + expectedPart + "'");
    }

    private static UnsafeBuffer formattedThen(final Consumer<UnsafeBuffer> damage) {
        final UnsafeBuffer buffer = DataRegionBuffers.formatted(256, 16);
        damage.accept(buffer);
        return buffer;
    }

    @Test
    void requiredCapacityIsHeaderPlusPaddedTablePlusBlocks() {
        assertEquals(64 + 64 + 64, requiredCapacity(64, 1), "one 64-byte block");
        assertEquals(64 + 128 + 16 * 4096, requiredCapacity(4096, 16), "16 blocks of 4 KiB: 128-byte table");
        assertEquals(64 + 192 + 17 * 4096, requiredCapacity(4096, 17), "17 words pad the table to 192 bytes");
    }

    @Test
    void attachesToAFreshlyFormattedRegionWithEveryBlockFree() {
        final DataRegion region = DataRegionBuffers.region(256, 16);
        assertEquals(256, region.blockSize(), "block size");
        assertEquals(16, region.blockCount(), "block count");
        assertEquals(16, region.freeBlocks(), "free blocks");
        for (int i = 0; i < 16; i++) {
            assertEquals(0, region.blockOffset(i) % 64, "block " + i + " is cache-line aligned");
        }
        assertEquals(256, region.blockOffset(1) - region.blockOffset(0), "block stride");
    }

    @Test
    void formatAtABaseOffsetLeavesTheBytesAroundTheRegionAlone() {
        final int base = 640;
        final int length = requiredCapacity(128, 8);
        final UnsafeBuffer buffer = DataRegionBuffers.direct(base + length + 64);
        buffer.setMemory(0, buffer.capacity(), (byte) 0x5A);
        DataRegion.format(buffer, base, 128, 8);
        for (int i = 0; i < base; i++) {
            assertEquals((byte) 0x5A, buffer.getByte(i), "byte " + i + " before the region");
        }
        for (int i = base + length; i < buffer.capacity(); i++) {
            assertEquals((byte) 0x5A, buffer.getByte(i), "byte " + i + " after the region");
        }
        final DataRegion region = new DataRegion(buffer, base);
        assertEquals(base, region.baseOffset(), "base offset");
        assertEquals(base + length - 128, region.blockOffset(7), "last block ends where the region ends");
        final int block = region.allocate(3);
        region.writeView(block).putLong(0, 42L);
        final long descriptor = region.handOff(block, 8, 3, 4);
        assertTrue(region.accept(descriptor, 4) >= 0, "accept at a base offset");
        assertEquals(42L, region.readView().getLong(0), "bytes read back");
    }

    @Test
    void worksOnAByteArrayBuffer() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[requiredCapacity(64, 4)]);
        DataRegion.format(buffer, 0, 64, 4);
        final DataRegion region = new DataRegion(buffer, 0);
        final int block = region.allocate(0);
        region.writeView(block).putInt(60, 7);
        final long descriptor = region.handOff(block, 64, 0, 1);
        assertTrue(region.accept(descriptor, 1) >= 0, "accept on a byte[]");
        assertEquals(7, region.readView().getInt(60), "last word of the block");
        assertTrue(region.release(descriptor, 1), "release on a byte[]");
    }

    @Test
    void rejectsAnUnformattedBuffer() {
        assertAttachFails(DataRegionBuffers.direct(requiredCapacity(256, 16)), 0, "not a data region");
    }

    @Test
    void rejectsWrongMagic() {
        assertAttachFails(formattedThen(b -> b.putInt(MAGIC_OFFSET, 0x1234_5678)), 0, "magic 0x12345678");
    }

    @Test
    void rejectsARingWhereARegionIsExpected() {
        assertAttachFails(formattedThen(b -> b.putInt(MAGIC_OFFSET, 0x464F_5845)), 0, "magic 0x464f5845");
    }

    @Test
    void rejectsWrongLayoutVersion() {
        final int future = LAYOUT_VERSION + 1;
        assertAttachFails(formattedThen(b -> b.putInt(LAYOUT_VERSION_OFFSET, future)), 0,
            "layout version " + future);
    }

    @Test
    void rejectsBlockSizesThatAreNotPowersOfTwoInRange() {
        for (final int size : new int[] {0, 32, 96, 1000, 1 << 21, -256}) {
            assertAttachFails(formattedThen(b -> b.putInt(BLOCK_SIZE_OFFSET, size)), 0, "block size " + size);
        }
    }

    @Test
    void rejectsBlockCountsOutOfRange() {
        for (final int count : new int[] {0, -1, (1 << 20) + 1}) {
            assertAttachFails(formattedThen(b -> b.putInt(BLOCK_COUNT_OFFSET, count)), 0, "block count " + count);
        }
    }

    @Test
    void rejectsAGeometryLargerThanTheBuffer() {
        assertAttachFails(formattedThen(b -> b.putInt(BLOCK_COUNT_OFFSET, 17)), 0, "truncated");
    }

    @Test
    void rejectsATruncatedBuffer() {
        final UnsafeBuffer whole = DataRegionBuffers.formatted(256, 16);
        final UnsafeBuffer truncated = new UnsafeBuffer(whole, 0, whole.capacity() - 1);
        assertAttachFails(truncated, 0, "needs capacity " + whole.capacity());
    }

    @Test
    void rejectsABufferEndingInsideTheHeader() {
        final UnsafeBuffer whole = DataRegionBuffers.formatted(256, 16);
        assertAttachFails(new UnsafeBuffer(whole, 0, 32), 0, "truncated");
        assertAttachFails(whole, whole.capacity(), "truncated"); // a region said to start at the very end
    }

    @Test
    void rejectsAMisalignedBaseOffset() {
        final UnsafeBuffer buffer = DataRegionBuffers.direct(4096);
        assertThrows(IllegalArgumentException.class, () -> new DataRegion(buffer, 8), "attach at 8");
        assertThrows(IllegalArgumentException.class, () -> new DataRegion(buffer, -64), "attach at -64");
        assertThrows(IllegalArgumentException.class, () -> DataRegion.format(buffer, 32, 64, 4), "format at 32");
    }

    @Test
    void formatRejectsBadGeometryAndShortBuffers() {
        final UnsafeBuffer buffer = DataRegionBuffers.direct(1 << 16);
        assertThrows(IllegalArgumentException.class, () -> DataRegion.format(buffer, 0, 48, 4), "block size 48");
        assertThrows(IllegalArgumentException.class, () -> DataRegion.format(buffer, 0, 100, 4), "block size 100");
        assertThrows(IllegalArgumentException.class, () -> DataRegion.format(buffer, 0, 64, 0), "no blocks");
        assertThrows(IllegalArgumentException.class, () -> DataRegion.format(buffer, 0, 4096, 16), "too short");
        final IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
            () -> requiredCapacity(1 << 20, 4096), "4 GiB region");
        assertTrue(huge.getMessage().contains("more than an AtomicBuffer"), "message: " + huge.getMessage());
    }
}
