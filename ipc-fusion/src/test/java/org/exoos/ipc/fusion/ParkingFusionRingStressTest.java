package org.exoos.ipc.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Both sides of a small ring wait through the parking path while random pauses make each of
 * them fall asleep often. A lost wake-up shows as a wait that runs into its timeout while the
 * peer still has work: the test then fails at once, naming the side and the position.
 */
class ParkingFusionRingStressTest {
    private static final long MESSAGES = 10_000_000;
    private static final int SLOTS = 256;
    private static final int TYPE = 5;
    private static final int MAX_BATCH = 8;
    /** Short, so both sides park instead of spinning through the peer's pauses. */
    private static final long SPINS_BEFORE_PARKING = 200;
    /** One message in this many is followed by a real sleep (~50 µs, longer on a loaded box). */
    private static final int SLEEP_ONE_IN = 50_000;
    private static final long SLEEP_NANOS = 50_000;
    /** No single wait should come near this while the peer is running; reaching it is a lost wake-up. */
    private static final long WAIT_BOUND_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long TEST_BOUND_SECONDS = 25;

    @Test
    void tenMillionMessagesPassWithBothSidesParkingAndNoWakeUpLost() throws InterruptedException {
        final OneToOneFusionRing producerSide = new OneToOneFusionRing(TestBuffers.formattedWithDoorbells(SLOTS));
        final OneToOneFusionRing consumerSide = new OneToOneFusionRing(producerSide.buffer());
        final FusionRingWaiter producerWaiter = FusionRingWaiter.parking(SPINS_BEFORE_PARKING);
        final FusionRingWaiter consumerWaiter = FusionRingWaiter.parking(SPINS_BEFORE_PARKING);
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();

        final Thread producer = new Thread(() -> {
            final SplittableRandom random = new SplittableRandom(1);
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[Long.BYTES]);
            for (long sequence = 0; sequence < MESSAGES && !stop.get(); ) {
                // Batches of 1..MAX_BATCH, one commit and so at most one wake each.
                final int count = (int) Math.min(1 + random.nextInt(MAX_BATCH), MESSAGES - sequence);
                if (producerSide.tryClaim(count) == OfferStatus.OK) {
                    for (int i = 0; i < count; i++) {
                        payload.putLong(0, sequence + i);
                        producerSide.claimedSlot(i).type(TYPE).correlationId(sequence + i).payload(payload, 0, Long.BYTES);
                    }
                    producerSide.commit();
                    sequence += count;
                    sent.lazySet(sequence);
                    pause(random);
                } else if (!producerWaiter.awaitFreeSlots(producerSide, count, WAIT_BOUND_NANOS)) {
                    firstError.compareAndSet(null, "producer waited " + WAIT_BOUND_NANOS + " ns for " + count
                        + " free slots at message " + sequence + " with the consumer at " + received.get()
                        + ": lost wake-up");
                    stop.set(true);
                }
            }
        }, "fusion-stress-producer");

        final Thread consumer = new Thread(() -> {
            final SplittableRandom random = new SplittableRandom(2);
            final long[] expected = {0};
            final FusionMessageHandler handler = m -> {
                final long value = m.buffer().getLong(m.payloadOffset());
                if (value != expected[0] || m.correlationId() != expected[0] || m.type() != TYPE) {
                    firstError.compareAndSet(null, "expected message " + expected[0] + " but got payload " + value
                        + ", correlation id " + m.correlationId() + ", type " + m.type());
                    stop.set(true);
                }
                expected[0]++;
                pause(random);
            };
            while (expected[0] < MESSAGES && !stop.get()) {
                if (!consumerWaiter.awaitNotEmpty(consumerSide, WAIT_BOUND_NANOS)) {
                    firstError.compareAndSet(null, "consumer waited " + WAIT_BOUND_NANOS + " ns for message "
                        + expected[0] + " with the producer at " + sent.get() + ": lost wake-up");
                    stop.set(true);
                    return;
                }
                consumerSide.drain(handler, SLOTS);
                received.lazySet(expected[0]);
            }
        }, "fusion-stress-consumer");

        producer.setDaemon(true);
        consumer.setDaemon(true);
        final long start = System.nanoTime();
        consumer.start();
        producer.start();
        consumer.join(TimeUnit.SECONDS.toMillis(TEST_BOUND_SECONDS));
        producer.join(Math.max(1, TimeUnit.SECONDS.toMillis(TEST_BOUND_SECONDS)
            - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        if (consumer.isAlive() || producer.isAlive()) {
            stop.set(true);
            fail("timed out after " + TEST_BOUND_SECONDS + " s with " + sent.get() + " sent and " + received.get()
                + " of " + MESSAGES + " received; first error: " + firstError.get());
        }
        assertNull(firstError.get(), "first error");
        assertEquals(MESSAGES, received.get(), "messages received");
        assertEquals(0L, consumerSide.malformedSlotCount(), "malformed slots");
        assertTrue(consumerWaiter.parkCount() > 0, "the consumer never parked: the parking path went untested");
        assertTrue(producerWaiter.parkCount() > 0, "the producer never parked: the parking path went untested");
    }

    /** Rarely a real sleep, otherwise a few spins, so that each side sometimes falls behind. */
    private static void pause(final SplittableRandom random) {
        if (random.nextInt(SLEEP_ONE_IN) == 0) {
            LockSupport.parkNanos(SLEEP_NANOS);
        } else {
            for (int i = random.nextInt(8); i > 0; i--) {
                Thread.onSpinWait();
            }
        }
    }
}
