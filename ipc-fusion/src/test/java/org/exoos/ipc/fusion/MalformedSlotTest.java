package org.exoos.ipc.fusion;

import static org.exoos.ipc.fusion.FusionRingDescriptor.PRODUCER_POSITION_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOTS_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.SLOT_SIZE;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.TYPE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.publishedState;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The consumer must survive whatever a faulty or hostile producer leaves in a slot. */
class MalformedSlotTest {
    private static final int SLOTS = 8;
    private static final int SLOT_SHIFT = 3;

    /** Publishes ids 0..3 in slots 0..3, then rewrites slot 1's state word with {@code corrupt}. */
    private static List<Long> drainWithCorruptSecondSlot(final IntUnaryOperator corrupt, final long[] malformed) {
        final UnsafeBuffer buffer = TestBuffers.formatted(SLOTS);
        final OneToOneFusionRing ring = new OneToOneFusionRing(buffer);
        for (long id = 0; id < 4; id++) {
            ring.offer(5, id, TestBuffers.payload(id), 0, Long.BYTES);
        }
        final int stateOffset = SLOTS_OFFSET + SLOT_SIZE + STATE_OFFSET;
        buffer.putInt(stateOffset, corrupt.applyAsInt(buffer.getInt(stateOffset)));
        final List<Long> delivered = new ArrayList<>();
        // A drain stops before a slot that does not look published; a later one finds it below
        // the producer position and skips it as malformed. Bounded: the interval, plus a margin.
        int consumed = 0;
        for (int i = 0; i < 4 * OneToOneFusionRing.POSITION_CHECK_INTERVAL && !ring.isEmpty(); i++) {
            consumed += ring.drain(m -> delivered.add(m.correlationId()), 100);
        }
        assertEquals(4, consumed, "slots consumed, malformed included");
        malformed[0] = ring.malformedSlotCount();
        return delivered;
    }

    private static void assertSecondSlotSkipped(final String what, final IntUnaryOperator corrupt) {
        final long[] malformed = new long[1];
        final List<Long> delivered = drainWithCorruptSecondSlot(corrupt, malformed);
        assertEquals(List.of(0L, 2L, 3L), delivered, what + ": delivered ids");
        assertEquals(1L, malformed[0], what + ": malformed count");
    }

    @Test
    void skipsAndCountsLengthBeyondTheInlinePayload() {
        assertSecondSlotSkipped("length 41", s -> publishedState(1, SLOT_SHIFT, 41));
        assertSecondSlotSkipped("length 255", s -> publishedState(1, SLOT_SHIFT, 255));
    }

    @Test
    void skipsAndCountsSlotWithoutThePublishedBit() {
        assertSecondSlotSkipped("unpublished", s -> s & ~FusionRingDescriptor.STATE_PUBLISHED);
        assertSecondSlotSkipped("zero state", s -> 0);
    }

    @Test
    void skipsAndCountsStaleSlotFromAnEarlierLap() {
        assertSecondSlotSkipped("lap tag of lap 1 in lap 0", s -> publishedState(1 + SLOTS, SLOT_SHIFT, 8));
    }

    @Test
    void skipsAndCountsGarbageStateWords() {
        assertSecondSlotSkipped("all ones", s -> -1);
        assertSecondSlotSkipped("0xDEADBEEF", s -> 0xDEAD_BEEF);
        assertSecondSlotSkipped("negative length bits", s -> s | 0x80);
    }

    @Test
    void skipsAndCountsReservedMessageTypeZero() {
        final UnsafeBuffer buffer = TestBuffers.formatted(SLOTS);
        final OneToOneFusionRing ring = new OneToOneFusionRing(buffer);
        ring.offer(5, 0, TestBuffers.payload(0), 0, Long.BYTES);
        ring.offer(5, 1, TestBuffers.payload(1), 0, Long.BYTES);
        buffer.putShort(SLOTS_OFFSET + TYPE_OFFSET, (short) 0);
        final List<Long> delivered = new ArrayList<>();
        ring.drain(m -> delivered.add(m.correlationId()), 100);
        assertEquals(List.of(1L), delivered, "delivered ids");
        assertEquals(1L, ring.malformedSlotCount(), "malformed count");
    }

    @Test
    void survivesRandomGarbageInEverySlotWithoutThrowingOrReadingOutOfBounds() {
        final SplittableRandom random = new SplittableRandom(0x5EED);
        final UnsafeBuffer buffer = TestBuffers.formatted(SLOTS);
        final OneToOneFusionRing ring = new OneToOneFusionRing(buffer);
        long consumedTotal = 0;
        long deliveredTotal = 0;
        for (int round = 0; round < 200; round++) {
            for (int offset = SLOTS_OFFSET; offset < buffer.capacity(); offset += Long.BYTES) {
                buffer.putLong(offset, random.nextLong());
            }
            // A producer that claims a full ring's worth of slots it never wrote.
            buffer.putLongRelease(PRODUCER_POSITION_OFFSET, (long) (round + 1) * SLOTS);
            final long[] delivered = {0};
            final FusionMessageHandler handler = m -> {
                final int length = m.payloadLength();
                if (length < 0 || length > FusionRingDescriptor.MAX_PAYLOAD_LENGTH) {
                    throw new AssertionError("handler saw length " + length);
                }
                m.getPayload(new UnsafeBuffer(new byte[FusionRingDescriptor.MAX_PAYLOAD_LENGTH]), 0);
                delivered[0]++;
            };
            for (int i = 0; i < 4 * OneToOneFusionRing.POSITION_CHECK_INTERVAL && !ring.isEmpty(); i++) {
                consumedTotal += ring.drain(handler, 1000);
            }
            deliveredTotal += delivered[0];
        }
        assertEquals(200L * SLOTS, consumedTotal, "slots consumed");
        assertEquals(consumedTotal - deliveredTotal, ring.malformedSlotCount(), "every undelivered slot is counted malformed");
        assertEquals(0L, deliveredTotal, "random state words that pass validation (odds about 2^-32 each)");
    }
}
