package org.exoos.ipc.fusion.shm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class DoorbellTest {
    private static final int RINGS = 200_000;
    /** Longer than the producer's patience, so a lost wake-up cannot be hidden by a timeout. */
    private static final long CONSUMER_PARK_LIMIT = TimeUnit.SECONDS.toNanos(20);
    private static final long PRODUCER_PATIENCE = TimeUnit.SECONDS.toNanos(8);

    @Test
    void ringingWithNobodyAsleepMakesNoSyscall() {
        try (Arena arena = Arena.ofConfined()) {
            final Doorbell doorbell = new Doorbell(arena.allocate(DoorbellDescriptor.LENGTH, 4), 0);
            for (int i = 1; i <= 1000; i++) {
                assertEquals(i, doorbell.ring(), "sequence after ring " + i);
            }
            assertEquals(0, doorbell.wakesIssued(), "no waiter ever slept, yet wakes were issued");
            assertEquals(1000, doorbell.await(999, 0, 0), "await on an old sequence returns at once");
            assertEquals(1000, doorbell.await(1000, 10, TimeUnit.MILLISECONDS.toNanos(5)), "timed-out await");
            assertTrue(doorbell.parks() >= 1, "the timed-out await should have parked, parks: " + doorbell.parks());
        }
    }

    /**
     * The producer rings in random bursts and, after each burst, waits (bounded) until the consumer
     * reports the burst's last sequence. The consumer parks without a practical limit, so a lost
     * wake-up leaves the producer waiting and fails the test instead of being papered over.
     */
    @Test
    void anAwaitingConsumerObservesEveryRingWithoutALostWakeUp() throws InterruptedException {
        try (Arena arena = Arena.ofShared()) {
            final MemorySegment words = arena.allocate(DoorbellDescriptor.RECOMMENDED_SPACING, 64);
            final Doorbell producerSide = new Doorbell(words, 0);
            final Doorbell consumerSide = new Doorbell(words, 0);
            final AtomicLong observed = new AtomicLong();
            final AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
            final Thread consumer = Thread.ofPlatform().daemon().name("doorbell-consumer").start(() -> {
                try {
                    final SplittableRandom random = new SplittableRandom(2);
                    long seen = 0;
                    while (seen < RINGS) {
                        final long now = consumerSide.await(seen, random.nextInt(200), CONSUMER_PARK_LIMIT);
                        if (now == seen) {
                            throw new AssertionError("consumer parked " + CONSUMER_PARK_LIMIT + " ns at " + seen);
                        }
                        seen = now;
                        observed.set(seen);
                        pause(random);
                    }
                } catch (final Throwable t) {
                    consumerFailure.set(t);
                }
            });
            try {
                final SplittableRandom random = new SplittableRandom(1);
                long rung = 0;
                while (rung < RINGS) {
                    final int burst = (int) Math.min(1 + random.nextInt(64), RINGS - rung);
                    for (int i = 0; i < burst; i++) {
                        rung = producerSide.ring();
                    }
                    pause(random);
                    final long deadline = System.nanoTime() + PRODUCER_PATIENCE;
                    while (observed.get() != rung) {
                        if (System.nanoTime() - deadline > 0 || consumerFailure.get() != null) {
                            fail("consumer stuck at sequence " + observed.get() + " after ring " + rung
                                    + " (lost wake-up?), consumer failure: " + consumerFailure.get());
                        }
                        Thread.yield();
                    }
                }
                consumer.join(TimeUnit.SECONDS.toMillis(10));
                assertEquals(null, consumerFailure.get(), "consumer failed");
                assertEquals(RINGS, observed.get(), "last sequence the consumer reported");
                assertTrue(consumerSide.parks() > 0, "the consumer never parked, so the futex path went untested");
                assertTrue(producerSide.wakesIssued() > 0 && producerSide.wakesIssued() <= RINGS,
                        "wakes issued: " + producerSide.wakesIssued());
            } finally {
                if (consumer.isAlive()) {
                    producerSide.ring();
                    consumer.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        }
    }

    /** Mostly nothing, sometimes a short spin, rarely a park long enough that the other side sleeps. */
    private static void pause(final SplittableRandom random) {
        final int dice = random.nextInt(64);
        if (dice == 0) {
            LockSupport.parkNanos(20_000);
        } else if (dice < 8) {
            for (int i = random.nextInt(500); i > 0; i--) {
                Thread.onSpinWait();
            }
        }
    }
}
