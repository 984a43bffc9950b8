package org.exoos.ipc.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class OneToOneFusionRingTest {
    /** What a handler saw, copied out of the flyweight. */
    record Message(int type, int flags, long correlationId, long descriptor, String payload) {
    }

    private static final class Recorder implements FusionMessageHandler {
        final List<Message> messages = new ArrayList<>();

        @Override
        public void onMessage(final SlotView m) {
            final byte[] bytes = new byte[m.payloadLength()];
            m.buffer().getBytes(m.payloadOffset(), bytes);
            messages.add(new Message(m.type(), m.flags(), m.correlationId(), m.descriptor(),
                new String(bytes, StandardCharsets.US_ASCII)));
        }
    }

    private static UnsafeBuffer ascii(final String text) {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static OfferStatus offer(final OneToOneFusionRing ring, final int type, final long id, final String text) {
        return ring.offer(type, id, ascii(text), 0, text.length());
    }

    @Test
    void deliversMessagesInOrderWithTheirContent() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(8));
        final Recorder recorder = new Recorder();
        // 20 messages through 8 slots: wraps the ring twice.
        for (int i = 0; i < 20; i++) {
            assertEquals(OfferStatus.OK, offer(ring, 1 + i, 1000L + i, "msg-" + i), "offer " + i);
            assertEquals(1, ring.drain(recorder, 10), "drain after offer " + i);
        }
        offer(ring, 0xFFFF, -1L, "");
        offer(ring, 7, 42L, "x".repeat(FusionRingDescriptor.MAX_PAYLOAD_LENGTH));
        assertEquals(2, ring.drain(recorder, 10), "slots consumed by the last drain");

        for (int i = 0; i < 20; i++) {
            assertEquals(new Message(1 + i, 0, 1000L + i, 0L, "msg-" + i), recorder.messages.get(i), "message " + i);
        }
        assertEquals(new Message(0xFFFF, 0, -1L, 0L, ""), recorder.messages.get(20), "empty payload, top type");
        assertEquals(new Message(7, 0, 42L, 0L, "x".repeat(40)), recorder.messages.get(21), "full 40-byte payload");
        assertEquals(22, recorder.messages.size(), "messages delivered");
        assertEquals(0, ring.malformedSlotCount(), "malformed slots");
        assertEquals(0, ring.drain(recorder, 10), "drain of an empty ring");
    }

    @Test
    void answersFullWithoutOverwritingThenRecoversAfterDrain() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(4));
        for (int i = 0; i < 4; i++) {
            assertEquals(OfferStatus.OK, offer(ring, 1, i, "m" + i), "offer " + i + " into free space");
        }
        assertEquals(OfferStatus.FULL, offer(ring, 1, 99, "dropped?"), "offer into a full ring");
        assertEquals(OfferStatus.FULL, ring.tryClaim(1), "claim on a full ring");
        assertEquals(4, ring.size(), "size of a full ring");

        final Recorder recorder = new Recorder();
        assertEquals(1, ring.drain(recorder, 1), "drain limited to one slot");
        assertEquals(OfferStatus.OK, offer(ring, 1, 4, "m4"), "offer after one slot was freed");
        assertEquals(OfferStatus.FULL, offer(ring, 1, 5, "m5"), "ring full again");
        assertEquals(4, ring.drain(recorder, 100), "drain of the rest");

        final List<Long> ids = recorder.messages.stream().map(Message::correlationId).toList();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ids, "correlation ids: none lost, none overwritten");
    }

    @Test
    void batchBecomesVisibleOnlyOnCommitAndAllAtOnce() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(8));
        final Recorder recorder = new Recorder();
        assertEquals(OfferStatus.OK, ring.tryClaim(3), "claim of 3");
        for (int i = 0; i < 3; i++) {
            ring.claimedSlot(i).type(2).flags(0x8001).correlationId(10 + i).descriptor(0xABCDL + i)
                .payload(ascii("b" + i), 0, 2);
        }
        assertEquals(0, ring.drain(recorder, 10), "slots consumed before commit");
        assertEquals(0, ring.size(), "size before commit");

        ring.commit();
        assertEquals(3, ring.size(), "size after commit");
        assertEquals(3, ring.drain(recorder, 10), "slots consumed after commit");
        for (int i = 0; i < 3; i++) {
            assertEquals(new Message(2, 0x8001, 10 + i, 0xABCDL + i, "b" + i), recorder.messages.get(i), "batch slot " + i);
        }
    }

    @Test
    void abortedClaimPublishesNothingAndFreesTheSlots() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(2));
        assertEquals(OfferStatus.OK, ring.tryClaim(2), "claim of the whole ring");
        ring.claimedSlot(0).type(1).correlationId(666);
        ring.abort();
        assertEquals(OfferStatus.OK, offer(ring, 1, 1, "a"), "offer after abort");
        final Recorder recorder = new Recorder();
        assertEquals(1, ring.drain(recorder, 10), "slots consumed");
        assertEquals(1L, recorder.messages.getFirst().correlationId(), "only the committed message");
    }

    @Test
    void rejectsPayloadOverFortyBytesWithoutTouchingTheRing() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(4));
        assertEquals(OfferStatus.TOO_LARGE, offer(ring, 1, 1, "y".repeat(41)), "offer of 41 bytes");
        assertEquals(0, ring.size(), "size after TOO_LARGE");

        assertEquals(OfferStatus.OK, ring.tryClaim(1), "claim");
        final SlotWriter slot = ring.claimedSlot(0).type(1);
        assertEquals(OfferStatus.TOO_LARGE, slot.payload(ascii("z".repeat(64)), 0, 64), "claimed slot payload of 64 bytes");
        assertEquals(OfferStatus.OK, slot.payload(ascii("fits"), 0, 4), "retry with a payload that fits");
        ring.commit();
        final Recorder recorder = new Recorder();
        ring.drain(recorder, 10);
        assertEquals("fits", recorder.messages.getFirst().payload(), "payload after a rejected attempt");
    }

    @Test
    void drainRespectsItsLimitAndAdvancesTheConsumerOnce() {
        final UnsafeBuffer buffer = TestBuffers.formatted(16);
        final OneToOneFusionRing ring = new OneToOneFusionRing(buffer);
        for (int i = 0; i < 10; i++) {
            offer(ring, 1, i, "");
        }
        final long[] consumerPositionSeenByHandler = new long[10];
        final int[] calls = {0};
        final int consumed = ring.drain(m -> consumerPositionSeenByHandler[calls[0]++] =
            buffer.getLongVolatile(FusionRingDescriptor.CONSUMER_POSITION_OFFSET), 7);
        assertEquals(7, consumed, "slots consumed with limit 7");
        for (int i = 0; i < 7; i++) {
            assertEquals(0L, consumerPositionSeenByHandler[i], "consumer position during handler call " + i);
        }
        assertEquals(7L, buffer.getLongVolatile(FusionRingDescriptor.CONSUMER_POSITION_OFFSET), "consumer position after drain");
        assertEquals(3, ring.size(), "left in the ring");
    }

    @Test
    void aPeerRefillingDuringADrainNeverFindsTheDrainedRingFull() {
        // The consumer polls state words, so one drain keeps finding what a fast peer publishes
        // while it runs; it must still hand slots back before the producer runs out of them.
        final UnsafeBuffer buffer = TestBuffers.formatted(8);
        final OneToOneFusionRing producer = new OneToOneFusionRing(buffer);
        final OneToOneFusionRing consumer = new OneToOneFusionRing(buffer);
        final UnsafeBuffer payload = TestBuffers.payload(0);
        assertEquals(OfferStatus.OK, producer.offer(1, 0, payload, 0, 8));
        final long[] next = {1};
        final FusionMessageHandler refill = m -> {
            if (next[0] < 100) {
                assertEquals(OfferStatus.OK, producer.offer(1, next[0], payload, 0, 8),
                    "offer of " + next[0] + " while the consumer drains the one before");
                next[0]++;
            }
        };
        long consumed = 0;
        for (int drains = 0; consumed < 100 && drains < 1000; drains++) {
            consumed += consumer.drain(refill, 1000);
        }
        assertEquals(100, consumed);
    }

    @Test
    void handlerExceptionConsumesUpToTheThrowingMessage() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(8));
        for (int i = 0; i < 4; i++) {
            offer(ring, 1, i, "");
        }
        assertThrows(IllegalStateException.class, () -> ring.drain(m -> {
            if (m.correlationId() == 1) {
                throw new IllegalStateException("handler failure");
            }
        }, 10));
        final Recorder recorder = new Recorder();
        ring.drain(recorder, 10);
        assertEquals(List.of(2L, 3L), recorder.messages.stream().map(Message::correlationId).toList(),
            "messages left after the handler threw on id 1");
    }

    @Test
    void rejectsProgrammingErrorsClearly() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(4));
        assertThrows(IllegalArgumentException.class, () -> offer(ring, 0, 1, ""), "type 0 is reserved");
        assertThrows(IllegalArgumentException.class, () -> offer(ring, 0x10000, 1, ""), "type over 16 bits");
        assertThrows(IllegalArgumentException.class, () -> ring.tryClaim(5), "claim larger than the ring");
        assertEquals(OfferStatus.OK, ring.tryClaim(1), "claim");
        assertThrows(IllegalStateException.class, () -> ring.tryClaim(1), "second pending claim");
        assertThrows(IllegalStateException.class, ring::commit, "commit of a slot without a type");
        ring.abort();
        assertThrows(IllegalStateException.class, ring::commit, "commit without a claim");
        assertThrows(IndexOutOfBoundsException.class, () -> ring.claimedSlot(0), "slot of no claim");
        assertThrows(IndexOutOfBoundsException.class,
            () -> ring.offer(1, 1, new UnsafeBuffer(new byte[4]), 2, 8), "source out of bounds");
        assertEquals(OfferStatus.OK, offer(ring, 1, 1, "ok"), "offer after a failed one: no claim left pending");
    }
}
