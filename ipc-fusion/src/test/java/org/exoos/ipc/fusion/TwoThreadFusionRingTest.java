package org.exoos.ipc.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class TwoThreadFusionRingTest {
    private static final long MESSAGES = 1_000_000;
    private static final int TYPE = 3;
    /** Generous for a loaded 2-core machine; the run normally takes well under a second. */
    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void producerAndConsumerThreadsPassEverySequenceNumberOnceInOrder() throws InterruptedException {
        final OneToOneFusionRing producerSide = new OneToOneFusionRing(TestBuffers.formatted(1024));
        // The consumer attaches separately, as another process would.
        final OneToOneFusionRing consumerSide = new OneToOneFusionRing(producerSide.buffer());
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final AtomicLong received = new AtomicLong();

        final Thread producer = new Thread(() -> {
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[Long.BYTES]);
            long sequence = 0;
            int batch = 0;
            while (sequence < MESSAGES && !stop.get()) {
                // Alternate single offers and batches of up to 8 to exercise both paths.
                if ((batch++ & 1) == 0) {
                    payload.putLong(0, sequence);
                    if (producerSide.offer(TYPE, sequence, payload, 0, Long.BYTES) == OfferStatus.OK) {
                        sequence++;
                    } else {
                        Thread.yield();
                    }
                } else {
                    final int count = (int) Math.min(8, MESSAGES - sequence);
                    if (producerSide.tryClaim(count) == OfferStatus.OK) {
                        for (int i = 0; i < count; i++) {
                            payload.putLong(0, sequence + i);
                            producerSide.claimedSlot(i).type(TYPE).correlationId(sequence + i)
                                .payload(payload, 0, Long.BYTES);
                        }
                        producerSide.commit();
                        sequence += count;
                    } else {
                        Thread.yield();
                    }
                }
            }
        }, "fusion-producer");

        final Thread consumer = new Thread(() -> {
            final long[] expected = {0};
            final FusionMessageHandler handler = m -> {
                final long sequence = m.buffer().getLong(m.payloadOffset());
                if (firstError.get() == null && (sequence != expected[0] || m.correlationId() != expected[0]
                    || m.type() != TYPE || m.payloadLength() != Long.BYTES)) {
                    firstError.set("expected sequence " + expected[0] + " but got payload " + sequence
                        + ", correlation id " + m.correlationId() + ", type " + m.type()
                        + ", length " + m.payloadLength());
                }
                expected[0]++;
            };
            while (expected[0] < MESSAGES && !stop.get()) {
                if (consumerSide.drain(handler, 256) == 0) {
                    Thread.yield();
                }
                received.lazySet(expected[0]);
            }
        }, "fusion-consumer");

        producer.setDaemon(true);
        consumer.setDaemon(true);
        consumer.start();
        producer.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        consumer.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        producer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (consumer.isAlive() || producer.isAlive()) {
            stop.set(true);
            fail("timed out after " + TIMEOUT_SECONDS + " s with " + received.get() + " of " + MESSAGES
                + " messages received");
        }
        assertEquals(null, firstError.get(), "first out-of-order or corrupt message");
        assertEquals(MESSAGES, received.get(), "messages received");
        assertEquals(0L, consumerSide.malformedSlotCount(), "malformed slots");
        assertEquals(0, consumerSide.size(), "slots left in the ring");
    }
}
