package org.exoos.microkernel.mm;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.microkernel.mm.alloc.HartFrameCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The facade with per-hart caches: several threads allocating at once, accounting, reclaim. */
class FrameAllocatorHartsTest {
    private static final int FRAMES = 1024;
    private final PhysicalMemory memory = new PhysicalMemory(FRAMES * (long) PhysicalMemory.PAGE_SIZE);
    private final FrameAllocator frames = new FrameAllocator(memory);

    @AfterEach
    void cleanUp() {
        frames.detachHart();
        memory.close();
    }

    @Test
    void anAttachedThreadAllocatesFromItsCacheAndCachedFramesCountAsFree() {
        HartFrameCache cache = frames.attachHart(3);
        assertEquals(3, frames.currentHartId());
        long pa = frames.allocate();
        assertNotEquals(FrameAllocator.NO_FRAME, pa);
        assertEquals(PhysicalMemory.BASE, pa, "the lowest frame comes first");
        assertEquals(HartFrameCache.BATCH - 1, cache.cachedFrames(), "one batch refilled, one frame taken");
        assertEquals(FRAMES - 1, frames.freeFrames());
        frames.release(pa);
        assertEquals(HartFrameCache.BATCH, cache.cachedFrames(), "the last release goes back to the cache");
        assertEquals(pa, frames.allocate(), "LIFO: the frame just freed comes back first");
        frames.release(pa);
        frames.detachHart();
        assertEquals(-1, frames.currentHartId());
        assertEquals(0, cache.cachedFrames(), "detach drains the cache");
        assertEquals(FRAMES, frames.freeFrames());
    }

    @Test
    void aHartIdIsHeldByOneLiveThreadAtATime() throws Exception {
        frames.attachHart(0);
        assertThrows(IllegalStateException.class, () -> frames.attachHart(1), "attached twice");
        AtomicReference<Throwable> other = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                frames.attachHart(0);
            } catch (Throwable e) {
                other.set(e);
            }
        });
        t.join();
        assertInstanceOf(IllegalStateException.class, other.get(), "hart 0 attached to two threads");
    }

    @Test
    void doubleFreeOnAHartIsRefusedAndTheCacheStaysSound() {
        frames.attachHart(0);
        long pa = frames.allocate();
        frames.release(pa);
        int free = frames.freeFrames();
        assertThrows(IllegalStateException.class, () -> frames.release(pa));
        assertEquals(free, frames.freeFrames(), "a refused release changed the count");
        long a = frames.allocate(), b = frames.allocate();
        assertNotEquals(a, b, "the refused frame was cached twice");
    }

    @Test
    void framesCachedByAThreadThatDiedAreReclaimedBeforeRunningOut() throws Exception {
        Thread t = Thread.ofPlatform().start(() -> {
            frames.attachHart(7);
            frames.release(frames.allocate()); // leaves a batch in its cache, and never detaches
        });
        t.join();
        assertEquals(FRAMES, frames.freeFrames(), "a dead hart's cached frames are still free frames");
        int got = 0;
        while (frames.allocate() != FrameAllocator.NO_FRAME) got++;
        assertEquals(FRAMES, got, "frames stranded in a dead hart's cache");
        assertEquals(0, frames.freeFrames());
    }

    @Test
    void noFrameIsHandedOutTwiceUnderAConcurrentStormAndAccountingEndsExact() throws Exception {
        AtomicIntegerArray owner = new AtomicIntegerArray(FRAMES); // 0: free, else hart + 1
        ConcurrentLinkedQueue<Long> crossing = new ConcurrentLinkedQueue<>(); // freed by the other hart
        CyclicBarrier start = new CyclicBarrier(3);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int[] exhausted = new int[2];
        List<List<Long>> kept = List.of(new ArrayList<>(), new ArrayList<>());
        Thread[] harts = new Thread[2];
        for (int h = 0; h < 2; h++) {
            int hart = h;
            harts[h] = Thread.ofPlatform().name("hart-" + h).start(() -> {
                try {
                    frames.attachHart(hart);
                    start.await();
                    SplittableRandom random = new SplittableRandom(hart);
                    List<Long> held = kept.get(hart);
                    for (int round = 0; round < 20_000; round++) {
                        if (held.size() < 600 && random.nextInt(3) != 0) {
                            long pa = frames.allocate();
                            if (pa == FrameAllocator.NO_FRAME) { exhausted[hart]++; continue; }
                            int frame = PhysicalMemory.frameOf(pa);
                            if (!owner.compareAndSet(frame, 0, hart + 1)) {
                                throw new AssertionError("frame " + frame + " handed to hart " + hart
                                        + " while hart " + (owner.get(frame) - 1) + " holds it");
                            }
                            if (memory.readLong(pa) != 0) throw new AssertionError("frame " + frame + " not zeroed");
                            memory.writeLong(pa, hart + 1);
                            held.add(pa);
                        } else if (!held.isEmpty()) {
                            long pa = held.remove(random.nextInt(held.size()));
                            if (memory.readLong(pa) != hart + 1) throw new AssertionError("frame overwritten by another hart");
                            if (random.nextInt(4) == 0) {
                                crossing.add(pa); // the other hart releases it into its own cache
                            } else {
                                owner.set(PhysicalMemory.frameOf(pa), 0);
                                frames.release(pa);
                            }
                        }
                        Long foreign = crossing.poll();
                        if (foreign != null) {
                            owner.set(PhysicalMemory.frameOf(foreign), 0);
                            frames.release(foreign);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        start.await();
        for (Thread t : harts) t.join(15_000);
        if (failure.get() != null) throw new AssertionError("storm failed", failure.get());
        assertTrue(exhausted[0] + exhausted[1] > 0, "the storm never ran out of frames: make it tighter");

        int held = kept.get(0).size() + kept.get(1).size() + crossing.size();
        assertEquals(FRAMES - held, frames.freeFrames(), "free + held is not the total after the storm");
        for (List<Long> list : kept) for (long pa : list) frames.release(pa);
        for (long pa : crossing) frames.release(pa);
        assertEquals(FRAMES, frames.freeFrames(), "frames lost in the storm");
        int got = 0;
        while (frames.allocate() != FrameAllocator.NO_FRAME) got++;
        assertEquals(FRAMES, got, "every frame can be allocated again (the dead harts' caches included)");
    }
}
