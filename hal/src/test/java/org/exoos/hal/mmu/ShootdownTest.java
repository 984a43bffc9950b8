package org.exoos.hal.mmu;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.mem.PhysicalMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hart's side of a TLB shootdown: remote flushes, the fill race, the acknowledgement, and store-TLB registry. */
class ShootdownTest {
    private final PhysicalMemory memory = new PhysicalMemory(1 << 20);
    private final Hart hart = new Hart(0, memory);

    @AfterEach
    void close() { memory.close(); }

    @Test
    void aFlushDuringAWalkMakesTheFillWalkAgain() {
        long epoch = hart.fillEpoch();
        hart.loadTlb.fill(5, 0x3000);
        assertFalse(hart.fillRaced(epoch), "no flush ran: the entry stays");
        long before = hart.fillEpoch();
        hart.flushTlbs(); // as another thread would, between the walk and the check
        assertTrue(hart.fillRaced(before), "a flush ran during the walk");
        assertEquals(Tlb.INVALID, hart.loadTlb.tag[Tlb.slot(5)]);
    }

    @Test
    void aShootdownOfAHartOutsideGuestCodeNeedsNoAnswer() {
        long epoch = hart.flushTlbs();
        hart.awaitShootdown(epoch); // returns at once: the hart is in the kernel
    }

    @Test
    void aShootdownWaitsUntilTheHartInGuestCodeAcknowledges() throws Exception {
        hart.enterGuest();
        long epoch = hart.flushTlbs();
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        Thread flusher = Thread.ofPlatform().start(() -> {
            hart.awaitShootdown(epoch);
            returned.set(true);
            done.countDown();
        });
        assertFalse(done.await(100, TimeUnit.MILLISECONDS), "returned while the hart could still use a dropped entry");
        hart.acknowledgeShootdowns(); // the hart's next access missed and went down the slow path
        assertTrue(done.await(5, TimeUnit.SECONDS), "the acknowledgement did not release the flusher");
        assertTrue(returned.get());
        flusher.join();
        hart.leaveGuest();
    }

    @Test
    void leavingGuestCodeAnswersAPendingShootdown() throws Exception {
        hart.enterGuest();
        long epoch = hart.flushTlbs();
        Thread flusher = Thread.ofPlatform().start(() -> hart.awaitShootdown(epoch));
        flusher.join(100);
        assertTrue(flusher.isAlive(), "the flusher did not wait");
        hart.leaveGuest();
        flusher.join(5_000);
        assertFalse(flusher.isAlive(), "leaving guest code did not release the flusher");
    }

    @Test
    void aFrameThatBecomesCodeIsForgottenByEveryHartsStoreTlb() {
        Hart other = new Hart(1, memory);
        hart.watchStores();
        other.watchStores();
        long host = 0x7000;
        hart.storeTlb.fill(9, host);
        other.storeTlb.fill(10, host);
        memory.forgetWritable(host);
        assertEquals(Tlb.INVALID, hart.storeTlb.tag[Tlb.slot(9)]);
        assertEquals(Tlb.INVALID, other.storeTlb.tag[Tlb.slot(10)]);
        other.retire();
        other.storeTlb.fill(10, host);
        memory.forgetWritable(host);
        assertEquals(10, other.storeTlb.tag[Tlb.slot(10)], "a retired hart is no longer on the machine's list");
    }
}
