package org.exoos.ipc.fusion.data;

import static org.exoos.ipc.fusion.data.DataRegionDescriptor.generation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Four parties, each with its own instance, allocate from a region too small for all of them,
 * hold blocks for a while, then pass them on or abandon them. An independent ownership table
 * catches any block handed to two parties at once; each holder's stamp in its block catches
 * a second writer.
 */
class ConcurrentAllocationTest {
    private static final int PARTIES = 4;
    private static final int BLOCKS = 16;
    private static final int MAX_HELD = 8;
    private static final int OPERATIONS = 200_000;
    private static final int NOBODY = -1;

    @Test
    void concurrentAllocatorsNeverShareABlock() throws InterruptedException {
        final UnsafeBuffer buffer = DataRegionBuffers.formatted(64, BLOCKS);
        final AtomicIntegerArray owners = new AtomicIntegerArray(BLOCKS);
        for (int i = 0; i < BLOCKS; i++) {
            owners.set(i, NOBODY);
        }
        final AtomicLong allocations = new AtomicLong();
        final AtomicLong exhausted = new AtomicLong();
        final AtomicReference<String> failure = new AtomicReference<>();
        final CountDownLatch start = new CountDownLatch(1);
        final Thread[] threads = new Thread[PARTIES];
        for (int t = 0; t < PARTIES; t++) {
            final int party = t + 1;
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                    run(new DataRegion(buffer, 0), party, owners, allocations, exhausted, failure);
                } catch (final Throwable ex) {
                    failure.compareAndSet(null, "party " + party + " threw " + ex);
                }
            }, "allocator-" + party);
            threads[t].start();
        }
        start.countDown();
        for (final Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(15));
            assertTrue(!thread.isAlive(), thread.getName() + " still running");
        }
        assertNull(failure.get(), failure.get());
        final DataRegion region = new DataRegion(buffer, 0);
        assertEquals(BLOCKS, region.freeBlocks(), "every block free at the end");
        long generations = 0;
        for (int i = 0; i < BLOCKS; i++) {
            generations += generation(region.stateWordOf(i));
        }
        assertEquals(allocations.get(), generations, "successful allocations = sum of generation advances");
        assertTrue(exhausted.get() > 0, "the region ran out at times (it is smaller than what the parties hold)");
    }

    private static void run(final DataRegion region, final int party, final AtomicIntegerArray owners,
                            final AtomicLong allocations, final AtomicLong exhausted,
                            final AtomicReference<String> failure) {
        final SplittableRandom random = new SplittableRandom(party);
        final int[] held = new int[MAX_HELD];
        final long[] stamps = new long[MAX_HELD];
        int count = 0;
        for (int op = 0; op < OPERATIONS && failure.get() == null; op++) {
            if (count < MAX_HELD && (count == 0 || random.nextBoolean())) {
                final int block = region.allocate(party);
                if (block < 0) {
                    exhausted.incrementAndGet();
                    continue;
                }
                allocations.incrementAndGet();
                if (!owners.compareAndSet(block, NOBODY, party)) {
                    failure.compareAndSet(null, "block " + block + " allocated to party " + party
                        + " while party " + owners.get(block) + " holds it");
                    return;
                }
                final long stamp = (long) party << 32 | op;
                region.writeView(block).putLong(0, stamp);
                held[count] = block;
                stamps[count++] = stamp;
            } else {
                final int pick = random.nextInt(count);
                final int block = held[pick];
                final MutableDirectBuffer view = region.writeView(block);
                if (view.getLong(0) != stamps[pick]) {
                    failure.compareAndSet(null, "party " + party + "'s block " + block + " was overwritten: 0x"
                        + Long.toHexString(view.getLong(0)));
                    return;
                }
                held[pick] = held[--count];
                stamps[pick] = stamps[count];
                owners.set(block, NOBODY); // before the region frees it, or a fast allocator would seem to steal it
                if (random.nextBoolean()) {
                    final long descriptor = region.handOff(block, Long.BYTES, party, party);
                    if (region.accept(descriptor, party) < 0 || !region.release(descriptor, party)) {
                        failure.compareAndSet(null, "party " + party + " could not pass block " + block + " to itself");
                        return;
                    }
                } else if (!region.abandon(block, party)) {
                    failure.compareAndSet(null, "party " + party + " could not abandon block " + block);
                    return;
                }
            }
        }
        for (int i = 0; i < count; i++) {
            owners.set(held[i], NOBODY);
            region.abandon(held[i], party);
        }
    }
}
