package org.exoos.ipc.fusion;

import static org.exoos.ipc.fusion.FusionRingDescriptor.CONSUMER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.LAYOUT_VERSION;
import static org.exoos.ipc.fusion.FusionRingDescriptor.LAYOUT_VERSION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAGIC_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.PRODUCER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.RING_FLAGS_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOT_COUNT_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOT_SIZE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.requiredCapacity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class FusionRingAttachTest {
    private static void assertAttachFails(final UnsafeBuffer buffer, final String expectedMessagePart) {
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> new OneToOneFusionRing(buffer));
        assertTrue(ex.getMessage().contains(expectedMessagePart),
            "message '" + ex.getMessage() + "' should mention '" + expectedMessagePart + "'");
    }

    private static UnsafeBuffer formattedThen(final Consumer<UnsafeBuffer> damage) {
        final UnsafeBuffer buffer = TestBuffers.formatted(16);
        damage.accept(buffer);
        return buffer;
    }

    @Test
    void attachesToAFreshlyFormattedRing() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(16));
        assertEquals(16, ring.slotCount(), "slot count");
        assertTrue(ring.isEmpty(), "fresh ring is empty");
    }

    @Test
    void reattachResumesFromTheStoredPositions() {
        final UnsafeBuffer buffer = TestBuffers.formatted(4);
        final OneToOneFusionRing first = new OneToOneFusionRing(buffer);
        for (int i = 0; i < 3; i++) {
            first.offer(1, i, TestBuffers.payload(i), 0, 8);
        }
        first.drain(m -> { }, 1);
        final OneToOneFusionRing second = new OneToOneFusionRing(buffer);
        assertEquals(2, second.size(), "size seen by a second attacher");
        assertEquals(OfferStatus.OK, second.tryClaim(2), "claim of the two free slots");
        second.abort();
        assertEquals(OfferStatus.FULL, second.tryClaim(3), "claim beyond free space");
    }

    @Test
    void rejectsUnformattedBuffer() {
        assertAttachFails(TestBuffers.direct(requiredCapacity(16)), "not a fusion ring");
    }

    @Test
    void rejectsWrongMagic() {
        assertAttachFails(formattedThen(b -> b.putInt(MAGIC_OFFSET, 0x1234_5678)), "magic 0x12345678");
    }

    @Test
    void rejectsWrongLayoutVersion() {
        final int future = LAYOUT_VERSION + 1;
        assertAttachFails(formattedThen(b -> b.putInt(LAYOUT_VERSION_OFFSET, future)), "layout version " + future);
    }

    @Test
    void rejectsTheLayoutBeforeDoorbells() {
        assertAttachFails(formattedThen(b -> b.putInt(LAYOUT_VERSION_OFFSET, 1)), "layout version 1");
    }

    @Test
    void rejectsUnknownRingFlags() {
        assertAttachFails(formattedThen(b -> b.putInt(RING_FLAGS_OFFSET, 0x4)), "flags 0x4");
    }

    @Test
    void doorbellsNeedOffHeapMemory() {
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[requiredCapacity(16)]);
        assertThrows(IllegalArgumentException.class, () -> OneToOneFusionRing.formatWithDoorbells(heap, 16),
            "formatting a byte[] with doorbells");
        final UnsafeBuffer copied = new UnsafeBuffer(new byte[requiredCapacity(16)]);
        final UnsafeBuffer formatted = TestBuffers.direct(requiredCapacity(16));
        OneToOneFusionRing.formatWithDoorbells(formatted, 16);
        copied.putBytes(0, formatted, 0, requiredCapacity(16));
        assertAttachFails(copied, "off-heap");
    }

    @Test
    void ringFormattedWithDoorbellsSaysSo() {
        final UnsafeBuffer buffer = TestBuffers.direct(requiredCapacity(16));
        OneToOneFusionRing.formatWithDoorbells(buffer, 16);
        assertTrue(new OneToOneFusionRing(buffer).hasDoorbells(), "ring formatted with doorbells has them");
        assertFalse(new OneToOneFusionRing(TestBuffers.formatted(16)).hasDoorbells(), "pure-spin ring has none");
    }

    @Test
    void rejectsWrongSlotSize() {
        assertAttachFails(formattedThen(b -> b.putInt(SLOT_SIZE_OFFSET, 128)), "slot size 128");
    }

    @Test
    void rejectsSlotCountThatIsNotAPowerOfTwo() {
        assertAttachFails(formattedThen(b -> b.putInt(SLOT_COUNT_OFFSET, 12)), "slot count 12");
        assertAttachFails(formattedThen(b -> b.putInt(SLOT_COUNT_OFFSET, 0)), "slot count 0");
        assertAttachFails(formattedThen(b -> b.putInt(SLOT_COUNT_OFFSET, -16)), "slot count -16");
    }

    @Test
    void rejectsTruncatedBuffer() {
        final UnsafeBuffer full = TestBuffers.formatted(16);
        assertAttachFails(new UnsafeBuffer(full, 0, requiredCapacity(16) - 64), "truncated");
        assertAttachFails(new UnsafeBuffer(full, 0, 100), "truncated");
    }

    @Test
    void rejectsBufferLargerThanItsGeometry() {
        final UnsafeBuffer big = TestBuffers.direct(requiredCapacity(32));
        OneToOneFusionRing.format(new UnsafeBuffer(big, 0, requiredCapacity(16)), 16);
        assertAttachFails(big, "needs capacity");
    }

    @Test
    void rejectsInconsistentPositions() {
        assertAttachFails(formattedThen(b -> b.putLong(PRODUCER_POSITION_OFFSET, 17)), "positions are inconsistent");
        assertAttachFails(formattedThen(b -> b.putLong(CONSUMER_POSITION_OFFSET, 1)), "positions are inconsistent");
    }

    @Test
    void formatRejectsBadGeometry() {
        assertThrows(IllegalArgumentException.class,
            () -> OneToOneFusionRing.format(TestBuffers.direct(requiredCapacity(16)), 12), "12 slots");
        assertThrows(IllegalArgumentException.class,
            () -> OneToOneFusionRing.format(TestBuffers.direct(requiredCapacity(16)), 0), "0 slots");
        assertThrows(IllegalArgumentException.class,
            () -> OneToOneFusionRing.format(TestBuffers.direct(requiredCapacity(16) - 1), 16), "short buffer");
    }

    @Test
    void formatWipesAnOldRing() {
        final UnsafeBuffer buffer = TestBuffers.formatted(4);
        final OneToOneFusionRing old = new OneToOneFusionRing(buffer);
        old.offer(1, 1, TestBuffers.payload(1), 0, 8);
        OneToOneFusionRing.format(buffer, 4);
        assertTrue(new OneToOneFusionRing(buffer).isEmpty(), "reformatted ring is empty");
    }
}
