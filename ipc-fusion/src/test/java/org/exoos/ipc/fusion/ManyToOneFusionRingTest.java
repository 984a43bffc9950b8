package org.exoos.ipc.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ManyToOneFusionRingTest {
    private static final int PRODUCERS = 2;
    private static final long MESSAGES_PER_PRODUCER = 1_000_000;
    private static final int TYPE = 9;
    private static final int PRODUCER_SHIFT = 40;
    private static final long TIMEOUT_SECONDS = 30;

    @Test
    void consumerStopsAtAClaimedButUnpublishedSlotAndResumesOncePublished() {
        final UnsafeBuffer buffer = TestBuffers.formatted(8);
        // A producer that claimed position 0 and has not published it yet.
        buffer.putLong(FusionRingDescriptor.PRODUCER_POSITION_OFFSET, 1);
        final ManyToOneFusionRing ring = new ManyToOneFusionRing(buffer);
        assertEquals(OfferStatus.OK, ring.offer(TYPE, 1, TestBuffers.payload(1), 0, 8), "offer after the claim");
        final List<Long> seen = new ArrayList<>();
        assertEquals(0, ring.drain(m -> seen.add(m.correlationId()), 8), "slots drained past the unpublished one");
        final int slot0 = FusionRingDescriptor.slotOffset(0, 7);
        buffer.putShort(slot0 + FusionRingDescriptor.TYPE_OFFSET, (short) TYPE);
        buffer.putLong(slot0 + FusionRingDescriptor.CORRELATION_ID_OFFSET, 0);
        buffer.putIntRelease(slot0 + FusionRingDescriptor.STATE_OFFSET, FusionRingDescriptor.publishedState(0, 3, 0));
        assertEquals(2, ring.drain(m -> seen.add(m.correlationId()), 8), "slots drained once slot 0 is published");
        assertEquals(List.of(0L, 1L), seen, "correlation ids in position order");
    }

    @Test
    void fullRingRefusesAnOfferAndAcceptsOneAfterADrain() {
        final ManyToOneFusionRing ring = new ManyToOneFusionRing(TestBuffers.formatted(2));
        assertEquals(OfferStatus.OK, ring.offer(TYPE, 1, TestBuffers.payload(1), 0, 8), "first offer");
        assertEquals(OfferStatus.OK, ring.offer(TYPE, 2, TestBuffers.payload(2), 0, 8), "second offer");
        assertEquals(OfferStatus.FULL, ring.offer(TYPE, 3, TestBuffers.payload(3), 0, 8), "offer to a full ring");
        assertEquals(1, ring.drain(m -> { }, 1), "drained");
        assertEquals(OfferStatus.OK, ring.offer(TYPE, 3, TestBuffers.payload(3), 0, 8), "offer after a drain");
        assertEquals(2, ring.size(), "size");
    }

    @Test
    void twoProducerThreadsDeliverEveryMessageOnceInEachProducersOrder() throws InterruptedException {
        final UnsafeBuffer buffer = TestBuffers.formatted(256);
        final ManyToOneFusionRing consumerSide = new ManyToOneFusionRing(buffer);
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final AtomicLong received = new AtomicLong();
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            final long producerId = p;
            // Each producer attaches on its own, as another process would.
            final ManyToOneFusionRing producerSide = new ManyToOneFusionRing(buffer);
            threads.add(new Thread(() -> {
                final UnsafeBuffer payload = new UnsafeBuffer(new byte[Long.BYTES]);
                for (long sequence = 0; sequence < MESSAGES_PER_PRODUCER && !stop.get(); ) {
                    final long id = producerId << PRODUCER_SHIFT | sequence;
                    payload.putLong(0, id);
                    if (producerSide.offer(TYPE, id, payload, 0, Long.BYTES) == OfferStatus.OK) {
                        sequence++;
                    } else {
                        Thread.yield();
                    }
                }
            }, "fusion-mpsc-producer-" + p));
        }
        final long total = PRODUCERS * MESSAGES_PER_PRODUCER;
        threads.add(new Thread(() -> {
            final long[] next = new long[PRODUCERS];
            final long[] count = {0};
            final FusionMessageHandler handler = m -> {
                final long id = m.correlationId();
                final int producer = (int) (id >>> PRODUCER_SHIFT);
                final long sequence = id & ((1L << PRODUCER_SHIFT) - 1);
                final long value = m.buffer().getLong(m.payloadOffset());
                if (producer < 0 || producer >= PRODUCERS || sequence != next[producer] || value != id
                    || m.type() != TYPE) {
                    firstError.compareAndSet(null, "message " + count[0] + ": correlation id 0x" + Long.toHexString(id)
                        + ", payload 0x" + Long.toHexString(value) + ", type " + m.type() + "; expected producer "
                        + producer + "'s sequence " + (producer >= 0 && producer < PRODUCERS ? next[producer] : -1));
                    stop.set(true);
                } else {
                    next[producer]++;
                }
                count[0]++;
            };
            while (count[0] < total && !stop.get()) {
                if (consumerSide.drain(handler, 256) == 0) {
                    Thread.yield();
                }
                received.lazySet(count[0]);
            }
        }, "fusion-mpsc-consumer"));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (final Thread thread : threads) {
            thread.setDaemon(true);
            thread.start();
        }
        for (final Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                stop.set(true);
                fail(thread.getName() + " still running after " + TIMEOUT_SECONDS + " s with " + received.get()
                    + " of " + total + " received; first error: " + firstError.get());
            }
        }
        assertNull(firstError.get(), "first lost, duplicated or reordered message");
        assertEquals(total, received.get(), "messages received");
        assertEquals(0L, consumerSide.malformedSlotCount(), "malformed slots");
        assertEquals(0, consumerSide.size(), "slots left in the ring");
    }
}
