package org.exoos.microkernel.mm.alloc;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.microkernel.mm.FrameAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SlabCacheTest {
    private final PhysicalMemory memory = new PhysicalMemory(8 * PhysicalMemory.PAGE_SIZE);
    private final FrameAllocator frames = new FrameAllocator(memory);

    @AfterEach
    void returnRamToTheHost() { memory.close(); }

    @Test
    void objectsAreDistinctAlignedZeroedAndCarvedFromOneFrame() {
        SlabCache cache = new SlabCache("rec256", frames, 256);
        assertEquals(16, cache.objectsPerSlab());
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            long pa = cache.allocate();
            assertNotEquals(SlabCache.NO_OBJECT, pa);
            assertEquals(0, (pa - PhysicalMemory.BASE) % 256, "misaligned object");
            assertTrue(seen.add(pa), "object handed out twice");
            for (int b = 0; b < 256; b += 8) assertEquals(0, memory.readLong(pa + b), "object not zeroed");
            memory.writeLong(pa, 0xdead_beefL);
        }
        assertEquals(1, cache.slabs(), "16 objects of 256 bytes fit one frame");
        assertEquals(7, frames.freeFrames(), "the slab's frame is counted as used");
        assertEquals(1, seen.stream().map(pa -> pa & -PhysicalMemory.PAGE_SIZE).distinct().count());
        cache.allocate();
        assertEquals(2, cache.slabs());
    }

    @Test
    void aFreedObjectIsReusedZeroedAndEmptySlabsGoBack() {
        SlabCache cache = new SlabCache("rec64", frames, 64);
        long[] objects = new long[130]; // 64 per slab: three slabs
        for (int i = 0; i < objects.length; i++) objects[i] = cache.allocate();
        assertEquals(3, cache.slabs());
        memory.writeLong(objects[70], 42);
        cache.free(objects[70]);
        assertEquals(objects[70], cache.allocate(), "the freed slot was not reused");
        assertEquals(0, memory.readLong(objects[70]), "a reused object is not zeroed");

        for (long pa : objects) cache.free(pa);
        assertEquals(0, cache.objectsInUse());
        assertEquals(1, cache.slabs(), "one empty slab is kept, the others go back");
        assertEquals(7, frames.freeFrames());
    }

    @Test
    void doubleFreeAndForeignAddressesAreRefused() {
        SlabCache cache = new SlabCache("rec128", frames, 128);
        long pa = cache.allocate();
        long other = cache.allocate();
        cache.free(pa);
        assertThrows(IllegalStateException.class, () -> cache.free(pa), "double free");
        assertThrows(IllegalArgumentException.class, () -> cache.free(other + 8), "inside an object");
        long frame = frames.allocate();
        assertThrows(IllegalArgumentException.class, () -> cache.free(frame), "a frame that is not a slab");
        assertEquals(1, cache.objectsInUse());
    }

    @Test
    void runningOutOfFramesIsNoObjectNotAnError() {
        SlabCache cache = new SlabCache("big", frames, 2048);
        for (int i = 0; i < 16; i++) assertNotEquals(SlabCache.NO_OBJECT, cache.allocate());
        assertEquals(SlabCache.NO_OBJECT, cache.allocate());
        assertEquals(0, frames.freeFrames());
    }

    @Test
    void unsupportedSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SlabCache("tiny", frames, 32));
        assertThrows(IllegalArgumentException.class, () -> new SlabCache("odd", frames, 100));
        assertThrows(IllegalArgumentException.class, () -> new SlabCache("huge", frames, 4096));
    }
}
