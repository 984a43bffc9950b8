package org.exoos.ipc.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class FusionRingWaiterTest {
    private static final long BOUND = TimeUnit.SECONDS.toNanos(10);
    private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(20);

    private static OneToOneFusionRing ringWithDoorbells(final int slots) {
        return new OneToOneFusionRing(TestBuffers.formattedWithDoorbells(slots));
    }

    private static Thread after(final long millis, final Runnable action) {
        final Thread thread = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (final InterruptedException e) {
                return;
            }
            action.run();
        }, "fusion-waiter-test-peer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void spinningWaiterTimesOutOnAnEmptyRing() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(4));
        final long start = System.nanoTime();
        assertFalse(FusionRingWaiter.spinning().awaitNotEmpty(ring, SHORT), "await on an empty ring");
        assertTrue(System.nanoTime() - start >= SHORT, "returned before the timeout");
    }

    @Test
    void spinningWaiterReturnsAtOnceWhenSomethingIsPublished() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(4));
        ring.offer(1, 1, TestBuffers.payload(1), 0, 8);
        assertTrue(FusionRingWaiter.spinning().awaitNotEmpty(ring, 0), "check of a non-empty ring");
    }

    @Test
    void parkingWaiterRefusesARingWithoutDoorbells() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(4));
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> FusionRingWaiter.parking(10).awaitNotEmpty(ring, SHORT));
        assertTrue(ex.getMessage().contains("doorbells"), "message: " + ex.getMessage());
    }

    @Test
    void parkingWaiterTimesOutOnAQuietRing() {
        final FusionRingWaiter waiter = FusionRingWaiter.parking(10);
        assertFalse(waiter.awaitNotEmpty(ringWithDoorbells(4), SHORT), "await on a quiet ring");
        assertTrue(waiter.parkCount() >= 1, "parked " + waiter.parkCount() + " times");
    }

    @Test
    void parkedConsumerIsWokenByACommitFromAnotherThread() throws InterruptedException {
        final OneToOneFusionRing consumer = ringWithDoorbells(4);
        final OneToOneFusionRing producer = new OneToOneFusionRing(consumer.buffer());
        final FusionRingWaiter waiter = FusionRingWaiter.parking(10);
        final Thread peer = after(50, () -> producer.offer(1, 7, TestBuffers.payload(7), 0, 8));
        assertTrue(waiter.awaitNotEmpty(consumer, BOUND), "woken by the offer within the bound");
        assertEquals(1, consumer.size(), "published slots");
        assertTrue(waiter.parkCount() >= 1, "consumer should have parked, parked " + waiter.parkCount());
        peer.join(TimeUnit.NANOSECONDS.toMillis(BOUND));
    }

    @Test
    void parkedProducerIsWokenByADrainFromAnotherThread() throws InterruptedException {
        final OneToOneFusionRing producer = ringWithDoorbells(2);
        final OneToOneFusionRing consumer = new OneToOneFusionRing(producer.buffer());
        producer.offer(1, 1, TestBuffers.payload(1), 0, 8);
        producer.offer(1, 2, TestBuffers.payload(2), 0, 8);
        final FusionRingWaiter waiter = FusionRingWaiter.parking(10);
        assertFalse(waiter.awaitFreeSlots(producer, 1, 0), "full ring has room");
        final Thread peer = after(50, () -> consumer.drain(m -> { }, 1));
        assertTrue(waiter.awaitFreeSlots(producer, 1, BOUND), "woken by the drain within the bound");
        assertEquals(1, producer.freeSlots(), "free slots after one drained");
        assertTrue(waiter.parkCount() >= 1, "producer should have parked, parked " + waiter.parkCount());
        peer.join(TimeUnit.NANOSECONDS.toMillis(BOUND));
    }

    @Test
    void awaitFreeSlotsRejectsMoreThanTheRingHolds() {
        assertThrows(IllegalArgumentException.class,
            () -> FusionRingWaiter.parking(0).awaitFreeSlots(ringWithDoorbells(4), 5, 0));
    }

    @Test
    void pureSpinRingNeverRingsItsDoorbells() {
        final OneToOneFusionRing ring = new OneToOneFusionRing(TestBuffers.formatted(4));
        ring.offer(1, 1, TestBuffers.payload(1), 0, 8);
        ring.drain(m -> { }, 4);
        assertEquals(0, ring.buffer().getInt(FusionRingDescriptor.NOT_EMPTY_DOORBELL_OFFSET), "not-empty sequence");
        assertEquals(0, ring.buffer().getInt(FusionRingDescriptor.NOT_FULL_DOORBELL_OFFSET), "not-full sequence");
    }

    @Test
    void ringWithDoorbellsRingsOncePerCommitAndOncePerDrain() {
        final OneToOneFusionRing ring = ringWithDoorbells(8);
        ring.offer(1, 1, TestBuffers.payload(1), 0, 8);
        ring.tryClaim(3);
        for (int i = 0; i < 3; i++) {
            ring.claimedSlot(i).type(1);
        }
        ring.commit();
        ring.drain(m -> { }, 8);
        ring.drain(m -> { }, 8); // nothing left: no ring
        assertEquals(2, ring.buffer().getInt(FusionRingDescriptor.NOT_EMPTY_DOORBELL_OFFSET), "not-empty sequence");
        assertEquals(1, ring.buffer().getInt(FusionRingDescriptor.NOT_FULL_DOORBELL_OFFSET), "not-full sequence");
    }
}
