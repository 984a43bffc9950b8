package org.exoos.ipc.fusion.data;

import static org.exoos.ipc.fusion.data.DataRegionDescriptor.generation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.FusionMessageHandler;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.SlotView;
import org.junit.jupiter.api.Test;

/**
 * A producer thread sends inline and zero-copy messages of random sizes through a fusion ring
 * whose data region follows it in the same buffer; the consumer checks every byte. Far more
 * messages than blocks, so each block is reused thousands of times.
 */
class TwoThreadZeroCopyTest {
    private static final int PRODUCER = 1;
    private static final int CONSUMER = 0;
    private static final int INLINE_TYPE = 1;
    private static final int DATA_TYPE = 2;
    private static final int SLOTS = 64;
    private static final int BLOCK_SIZE = 4096;
    private static final int BLOCKS = 32;
    private static final long MESSAGES = 300_000;
    private static final long BOUND_SECONDS = 15;

    /** A deterministic 64-bit mix of the message sequence and a word index. */
    private static long content(final long sequence, final int word) {
        long z = sequence * 0x9E37_79B9_7F4A_7C15L + word * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 29);
    }

    /** Message {@code sequence}'s length: about one in five inline, the rest 0..4096 bytes in a block. */
    private static int lengthOf(final long sequence) {
        final long mix = content(sequence, -1) >>> 1;
        return mix % 5 == 0 ? (int) (mix % (FusionRingDescriptor.MAX_PAYLOAD_LENGTH + 1))
            : (int) ((mix >>> 8) % (BLOCK_SIZE + 1));
    }

    private static boolean isInline(final long sequence) {
        return (content(sequence, -1) >>> 1) % 5 == 0;
    }

    private static void fill(final MutableDirectBuffer dst, final int offset, final long sequence, final int length) {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            dst.putLong(offset + i, content(sequence, i));
        }
        final long tail = content(sequence, i);
        for (int k = 0; i < length; i++, k++) {
            dst.putByte(offset + i, (byte) (tail >>> (8 * k)));
        }
    }

    /** Null if the bytes are those of message {@code sequence}, else where they differ. */
    private static String verify(final DirectBuffer src, final int offset, final long sequence, final int length) {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if (src.getLong(offset + i) != content(sequence, i)) {
                return "message " + sequence + ": word at byte " + i + " of " + length + " differs";
            }
        }
        final long tail = content(sequence, i);
        for (int k = 0; i < length; i++, k++) {
            if (src.getByte(offset + i) != (byte) (tail >>> (8 * k))) {
                return "message " + sequence + ": byte " + i + " of " + length + " differs";
            }
        }
        return null;
    }

    @Test
    void threeHundredThousandMessagesThroughThirtyTwoBlocksArriveInOrderAndIntact() throws InterruptedException {
        final int ringLength = FusionRingDescriptor.requiredCapacity(SLOTS);
        final UnsafeBuffer shared = DataRegionBuffers.direct(ringLength + DataRegionDescriptor.requiredCapacity(BLOCK_SIZE, BLOCKS));
        final UnsafeBuffer ringBuffer = new UnsafeBuffer(shared, 0, ringLength);
        OneToOneFusionRing.format(ringBuffer, SLOTS);
        DataRegion.format(shared, ringLength, BLOCK_SIZE, BLOCKS);
        final AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);

        final Thread producer = new Thread(() -> {
            try {
                final OneToOneFusionRing ring = new OneToOneFusionRing(ringBuffer);
                final DataRegion region = new DataRegion(shared, ringLength);
                final UnsafeBuffer inline = new UnsafeBuffer(new byte[FusionRingDescriptor.MAX_PAYLOAD_LENGTH]);
                for (long sequence = 0; sequence < MESSAGES; sequence++) {
                    final int length = lengthOf(sequence);
                    if (isInline(sequence)) {
                        fill(inline, 0, sequence, length);
                        while (ring.offer(INLINE_TYPE, sequence, inline, 0, length) == OfferStatus.FULL) {
                            backOff(deadline, "ring full at inline message " + sequence);
                        }
                        continue;
                    }
                    int block;
                    while ((block = region.allocate(PRODUCER)) < 0) {
                        backOff(deadline, "no free block for message " + sequence);
                    }
                    fill(region.writeView(block), 0, sequence, length);
                    while (ring.tryClaim(1) == OfferStatus.FULL) {
                        backOff(deadline, "ring full at message " + sequence);
                    }
                    final long descriptor = region.handOff(block, length, PRODUCER, CONSUMER);
                    ring.claimedSlot(0).type(DATA_TYPE).correlationId(sequence).descriptor(descriptor);
                    ring.commit();
                }
            } catch (final Throwable t) {
                producerFailure.set(t);
            }
        }, "zero-copy-producer");

        final OneToOneFusionRing ring = new OneToOneFusionRing(ringBuffer);
        final DataRegion region = new DataRegion(shared, ringLength);
        final long[] expected = {0};
        final String[] failure = {null};
        final FusionMessageHandler handler = (SlotView m) -> {
            if (failure[0] != null) {
                return;
            }
            final long sequence = expected[0]++;
            if (m.correlationId() != sequence) {
                failure[0] = "expected message " + sequence + ", got " + m.correlationId() + " (loss, duplicate or reorder)";
                return;
            }
            final int length = lengthOf(sequence);
            if (isInline(sequence)) {
                failure[0] = m.type() != INLINE_TYPE || m.descriptor() != DataRegionDescriptor.NO_DATA
                    ? "message " + sequence + " should be inline" : verify(m.buffer(), m.payloadOffset(), sequence, length);
                return;
            }
            final long descriptor = m.descriptor();
            final int offset = region.accept(descriptor, CONSUMER);
            if (m.type() != DATA_TYPE || offset < 0) {
                failure[0] = "message " + sequence + " of type " + m.type() + ": descriptor "
                    + DataRegionDescriptor.describeDescriptor(descriptor) + " refused: " + DataRegion.describeRejection(offset);
                return;
            }
            failure[0] = region.readView().capacity() != length
                ? "message " + sequence + " length " + region.readView().capacity() + ", expected " + length
                : verify(region.readView(), 0, sequence, length);
            if (!region.release(descriptor, CONSUMER)) {
                failure[0] = "release of message " + sequence + " refused";
            }
        };

        producer.start();
        try {
            while (expected[0] < MESSAGES && failure[0] == null && producerFailure.get() == null) {
                if (ring.drain(handler, SLOTS) == 0) {
                    if (System.nanoTime() - deadline > 0) {
                        fail("timed out after " + expected[0] + " of " + MESSAGES + " messages");
                    }
                    Thread.yield(); // two cores, two busy threads: let the producer run
                }
            }
        } finally {
            producer.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        }
        assertNull(producerFailure.get(), () -> "producer failed: " + producerFailure.get());
        assertNull(failure[0], failure[0]);
        assertEquals(MESSAGES, expected[0], "messages received");
        assertTrue(ring.isEmpty(), "nothing left in the ring");
        assertEquals(0, ring.malformedSlotCount(), "malformed slots");
        assertEquals(0, region.malformedDescriptorCount(), "refused descriptors");
        assertEquals(BLOCKS, region.freeBlocks(), "every block returned");
        long allocations = 0;
        for (int i = 0; i < BLOCKS; i++) {
            allocations += generation(region.stateWordOf(i));
        }
        long dataMessages = 0;
        for (long sequence = 0; sequence < MESSAGES; sequence++) {
            dataMessages += isInline(sequence) ? 0 : 1;
        }
        assertEquals(dataMessages, allocations, "one allocation per zero-copy message (sum of block generations)");
        assertTrue(allocations > 1000L * BLOCKS, "each block reused many times: " + allocations + " allocations");
    }

    private static void backOff(final long deadline, final String what) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("timed out: " + what);
        }
        Thread.yield();
    }
}
