package org.exoos.ipc.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Batches on the many-producer ring: claim N with one CAS, publish last-first, cancel, and park. */
class ManyToOneBatchTest {
    private static final int TYPE = 5;

    @Test
    void aBatchBecomesVisibleOnlyWhenCommittedAndWholly() {
        final ManyToOneFusionRing ring = new ManyToOneFusionRing(TestBuffers.formatted(16));
        final SlotWriter writer = new SlotWriter();
        final long first = ring.tryClaim(4);
        assertEquals(0, first);
        for (int i = 0; i < 4; i++) {
            ring.claimedSlot(writer, first, i).type(TYPE).correlationId(10 + i).payload(TestBuffers.payload(i), 0, 8);
        }
        final List<Long> seen = new ArrayList<>();
        assertEquals(0, ring.drain(m -> seen.add(m.correlationId()), 16), "visible before the commit");
        ring.commit(first, 4);
        assertEquals(4, ring.drain(m -> seen.add(m.correlationId()), 16));
        assertEquals(List.of(10L, 11L, 12L, 13L), seen);
    }

    @Test
    void cancelledAndUntypedClaimsAreSkippedNotStalled() {
        final ManyToOneFusionRing ring = new ManyToOneFusionRing(TestBuffers.formatted(8));
        final SlotWriter writer = new SlotWriter();
        ring.cancel(ring.tryClaim(2), 2);
        final long untyped = ring.tryClaim(1);
        ring.claimedSlot(writer, untyped, 0).correlationId(5);
        assertThrows(IllegalStateException.class, () -> ring.commit(untyped, 1));
        assertEquals(OfferStatus.OK, ring.offer(TYPE, 77, TestBuffers.payload(1), 0, 8));
        final List<Long> seen = new ArrayList<>();
        assertEquals(4, ring.drain(m -> seen.add(m.correlationId()), 8));
        assertEquals(List.of(77L), seen);
        assertEquals(3, ring.cancelledSlotCount());
        assertEquals(0, ring.malformedSlotCount());
    }

    @Test
    void aFullRingRefusesTheWholeBatch() {
        final ManyToOneFusionRing ring = new ManyToOneFusionRing(TestBuffers.formatted(4));
        assertEquals(0, ring.tryClaim(3));
        assertEquals(ManyToOneFusionRing.CLAIM_FULL, ring.tryClaim(2));
        assertEquals(3, ring.tryClaim(1));
    }

    @Test
    void threeProducersBatchingIntoAParkingConsumerLoseNothingAndKeepEachOrder() throws Exception {
        final int producers = 3;
        final long perProducer = 300_000;
        final ManyToOneFusionRing ring = new ManyToOneFusionRing(TestBuffers.formattedWithDoorbells(64));
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            final int producer = p;
            final Thread thread = new Thread(() -> {
                final SlotWriter writer = new SlotWriter();
                final UnsafeBuffer payload = new UnsafeBuffer(new byte[8]);
                final FusionRingWaiter waiter = FusionRingWaiter.parking(100);
                final java.util.SplittableRandom random = new java.util.SplittableRandom(producer);
                try {
                    for (long sequence = 0; sequence < perProducer; ) {
                        final int batch = (int) Math.min(1 + random.nextInt(8), perProducer - sequence);
                        final long first = ring.tryClaim(batch);
                        if (first < 0) {
                            waiter.awaitFreeSlots(ring, batch, TimeUnit.SECONDS.toNanos(30));
                            continue;
                        }
                        for (int i = 0; i < batch; i++) {
                            payload.putLong(0, sequence + i);
                            ring.claimedSlot(writer, first, i).type(TYPE).correlationId(producer).payload(payload, 0, 8);
                        }
                        ring.commit(first, batch);
                        sequence += batch;
                    }
                } catch (final Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "batch-producer-" + p);
            threads.add(thread);
            thread.start();
        }
        final long[] next = new long[producers];
        final String[] error = {null};
        final FusionRingWaiter waiter = FusionRingWaiter.parking(100);
        long received = 0;
        while (received < producers * perProducer && failure.get() == null && error[0] == null) {
            assertTrue(waiter.awaitNotEmpty(ring, TimeUnit.SECONDS.toNanos(30)), "stalled after " + received);
            received += ring.drain(m -> {
                final int producer = (int) m.correlationId();
                final long value = m.buffer().getLong(m.payloadOffset());
                if (value != next[producer]) {
                    error[0] = "producer " + producer + " sent " + value + ", expected " + next[producer];
                }
                next[producer]++;
            }, 32);
        }
        for (final Thread thread : threads) {
            thread.join(10_000);
        }
        assertNull(failure.get());
        assertNull(error[0], error[0]);
        for (int p = 0; p < producers; p++) {
            assertEquals(perProducer, next[p]);
        }
        assertEquals(0, ring.malformedSlotCount());
    }
}
