package org.exoos.microkernel.mm;

import org.exoos.hal.mem.PhysicalMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class FrameAllocatorTest {
    private final PhysicalMemory memory = new PhysicalMemory(16 * PhysicalMemory.PAGE_SIZE);

    @AfterEach
    void returnRamToTheHost() { memory.close(); }
    private final FrameAllocator frames = new FrameAllocator(memory);

    @Test
    void allocatedFramesAreDistinctAlignedAndInsideRam() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            long pa = frames.allocate();
            assertNotEquals(FrameAllocator.NO_FRAME, pa, "allocation " + i + " of 16 failed");
            assertEquals(0, pa & 0xfff, "frame 0x" + Long.toHexString(pa) + " is not page-aligned");
            assertTrue(memory.contains(pa, PhysicalMemory.PAGE_SIZE), "frame outside RAM: 0x" + Long.toHexString(pa));
            assertTrue(seen.add(pa), "frame 0x" + Long.toHexString(pa) + " handed out twice");
        }
    }

    @Test
    void runningOutReturnsNoFrameInsteadOfThrowing() {
        for (int i = 0; i < 16; i++) frames.allocate();
        assertEquals(FrameAllocator.NO_FRAME, frames.allocate(), "a 17th frame out of 16");
        assertEquals(0, frames.freeFrames());
    }

    @Test
    void reusedFrameComesBackZeroed() {
        for (int i = 0; i < 15; i++) frames.allocate();
        long pa = frames.allocate();
        memory.fill(pa, PhysicalMemory.PAGE_SIZE, (byte) 0x5a);
        frames.release(pa);
        long again = frames.allocate();
        assertEquals(pa, again, "the only free frame was not reused");
        for (int i = 0; i < PhysicalMemory.PAGE_SIZE; i++) {
            assertEquals(0, memory.readByte(again + i), "byte " + i + " of a reused frame is not zero");
        }
    }

    @Test
    void frameIsFreedOnlyByItsLastReference() {
        long pa = frames.allocate();
        frames.retain(pa);
        assertEquals(2, frames.refCount(pa));
        frames.release(pa);
        assertEquals(15, frames.freeFrames(), "frame freed while still referenced");
        frames.release(pa);
        assertEquals(16, frames.freeFrames(), "frame not freed by its last release");
    }

    @Test
    void releasingAFreeFrameIsAnError() {
        long pa = frames.allocate();
        frames.release(pa);
        assertThrows(IllegalStateException.class, () -> frames.release(pa));
    }
}
