package org.exoos.microkernel.mm;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.hal.mmu.AccessType;
import org.exoos.hal.mmu.PageWalker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.exoos.microkernel.mm.Vma.*;
import static org.junit.jupiter.api.Assertions.*;

class CopyOnWriteForkTest {
    private static final int PAGE = AddressSpace.PAGE_SIZE;
    private static final long DATA = 0x10000;
    private final PhysicalMemory memory = new PhysicalMemory(64 * PAGE);
    private final FrameAllocator frames = new FrameAllocator(memory);
    private final int freeAtStart = frames.freeFrames();
    private final AddressSpace parent = AddressSpace.create(frames);
    private final PageWalker walker = new PageWalker(memory);

    @AfterEach
    void returnRamToTheHost() { memory.close(); }

    private static void store(AddressSpace space, long va, long value) {
        assertTrue(space.copyOut(va, longBytes(value), 0, 8), "store at 0x" + Long.toHexString(va) + " refused");
    }

    private static long load(AddressSpace space, long va) {
        byte[] b = new byte[8];
        assertTrue(space.copyIn(va, b, 0, 8), "load at 0x" + Long.toHexString(va) + " refused");
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @Test
    void forkSharesPagesReadOnlyAndAWriteOnEitherSideStaysOnThatSide() {
        parent.map(DATA, 2 * PAGE, READ | WRITE, 0, "data");
        store(parent, DATA, 1);
        store(parent, DATA + PAGE, 10);
        int usedBeforeFork = freeAtStart - frames.freeFrames();
        AddressSpace child = parent.fork();
        assertNotNull(child);
        assertEquals(2, parent.mappersOf(DATA), "the page is not shared after fork");
        assertEquals(PageWalker.FAULT, walker.walk(parent.satp(), DATA, AccessType.STORE, true, false, false),
                "the parent can still write a shared page without a fault");
        assertEquals(PageWalker.FAULT, walker.walk(child.satp(), DATA, AccessType.STORE, true, false, false),
                "the child can write a shared page without a fault");
        assertEquals(walker.walk(parent.satp(), DATA, AccessType.LOAD, true, false, false),
                walker.walk(child.satp(), DATA, AccessType.LOAD, true, false, false), "data pages were copied at fork");
        assertTrue(freeAtStart - frames.freeFrames() - usedBeforeFork <= 3, "fork copied more than page tables");

        store(child, DATA, 2);
        assertEquals(1, load(parent, DATA), "the child's write is seen by the parent");
        assertEquals(2, load(child, DATA));
        assertEquals(1, parent.mappersOf(DATA), "after the copy the parent's page is its own");
        store(parent, DATA + PAGE, 20);
        assertEquals(10, load(child, DATA + PAGE), "the parent's write is seen by the child");
        assertEquals(20, load(parent, DATA + PAGE));

        child.destroy();
        parent.destroy();
        assertEquals(freeAtStart, frames.freeFrames(), "frames leaked or freed twice after both ended");
    }

    @Test
    void theLastSharerWritesInPlaceWithoutCopying() {
        parent.map(DATA, PAGE, READ | WRITE, 0, "data");
        store(parent, DATA, 5);
        AddressSpace child = parent.fork();
        long shared = walker.walk(parent.satp(), DATA, AccessType.LOAD, true, false, false);
        child.destroy();
        int free = frames.freeFrames();
        assertEquals(FaultOutcome.RESOLVED, parent.handleFault(DATA, AccessType.STORE));
        assertEquals(free, frames.freeFrames(), "a page no one else maps was copied");
        assertEquals(shared, walker.walk(parent.satp(), DATA, AccessType.STORE, true, false, false));
        assertEquals(5, load(parent, DATA));
        parent.destroy();
        assertEquals(freeAtStart, frames.freeFrames());
    }

    @Test
    void aForkOfAForkCountsEverySharerAndFreesWithTheLast() {
        parent.map(DATA, PAGE, READ | WRITE, 0, "data");
        store(parent, DATA, 7);
        AddressSpace child = parent.fork();
        AddressSpace grandchild = child.fork();
        assertEquals(3, parent.mappersOf(DATA));
        store(grandchild, DATA, 8);
        assertEquals(2, parent.mappersOf(DATA));
        parent.destroy();
        assertEquals(7, load(child, DATA));
        assertEquals(1, child.mappersOf(DATA));
        child.destroy();
        grandchild.destroy();
        assertEquals(freeAtStart, frames.freeFrames());
    }

    @Test
    void sharedMappingsStayWritableAndSharedEvenWhereUntouchedAtFork() {
        parent.map(DATA, 2 * PAGE, READ | WRITE, SHARED, "shm");
        store(parent, DATA, 1);
        AddressSpace child = parent.fork();
        store(child, DATA, 2);
        store(child, DATA + PAGE, 3); // never touched before the fork
        assertEquals(2, load(parent, DATA), "a shared mapping was copied on write");
        assertEquals(3, load(parent, DATA + PAGE), "an untouched shared page was not shared");
        child.destroy();
        parent.destroy();
        assertEquals(freeAtStart, frames.freeFrames());
    }

    @Test
    void protectionChangesKeepTheSharingUntilAWrite() {
        parent.map(DATA, PAGE, READ | WRITE, 0, "data");
        store(parent, DATA, 1);
        AddressSpace child = parent.fork();
        assertEquals(MmStatus.OK, child.protect(DATA, PAGE, READ));
        assertEquals(MmStatus.OK, child.protect(DATA, PAGE, READ | WRITE));
        assertEquals(PageWalker.FAULT, walker.walk(child.satp(), DATA, AccessType.STORE, true, false, false),
                "mprotect made a shared page writable");
        store(child, DATA, 2);
        assertEquals(1, load(parent, DATA));
        child.destroy();
        parent.destroy();
        assertEquals(freeAtStart, frames.freeFrames());
    }

    @Test
    void runningOutOfFramesDuringACopyIsOutOfMemoryAndLeavesBothSidesIntact() {
        parent.map(DATA, PAGE, READ | WRITE, 0, "data");
        store(parent, DATA, 1);
        AddressSpace child = parent.fork();
        java.util.List<Long> hog = new java.util.ArrayList<>();
        for (long f; (f = frames.allocate()) != FrameAllocator.NO_FRAME; ) hog.add(f);
        assertEquals(FaultOutcome.OUT_OF_MEMORY, child.handleFault(DATA, AccessType.STORE));
        assertEquals(1, load(child, DATA));
        for (long f : hog) frames.release(f);
        store(child, DATA, 2);
        assertEquals(1, load(parent, DATA));
        child.destroy();
        parent.destroy();
        assertEquals(freeAtStart, frames.freeFrames());
    }

    @Test
    void forkWithoutFramesForPageTablesFailsAndTheParentLivesOn() {
        parent.map(DATA, PAGE, READ | WRITE, 0, "data");
        store(parent, DATA, 1);
        java.util.List<Long> hog = new java.util.ArrayList<>();
        for (long f; (f = frames.allocate()) != FrameAllocator.NO_FRAME; ) hog.add(f);
        frames.release(hog.removeLast()); // room for a root table only
        assertNull(parent.fork(), "fork succeeded without frames for its page tables");
        for (long f : hog) frames.release(f);
        store(parent, DATA, 2);
        assertEquals(2, load(parent, DATA));
        parent.destroy();
        assertEquals(freeAtStart, frames.freeFrames(), "a failed fork leaked frames");
    }

    @Test
    void aCopyOnWriteBreakFlushesTheTlbsOfHartsRunningTheSpace() {
        parent.map(DATA, PAGE, READ | WRITE, 0, "data");
        store(parent, DATA, 1);
        Hart hart = new Hart(0, memory);
        parent.attach(hart);
        long generation = parent.tlbGeneration();
        AddressSpace child = parent.fork();
        assertNotEquals(generation, parent.tlbGeneration(), "fork narrowed the parent's rights without a flush");
        generation = parent.tlbGeneration();
        hart.loadTlb.fill(DATA >>> 12, 0);
        store(parent, DATA, 2);
        assertNotEquals(generation, parent.tlbGeneration(), "the copy moved the page without a flush");
        assertEquals(org.exoos.hal.mmu.Tlb.INVALID, hart.loadTlb.tag[org.exoos.hal.mmu.Tlb.slot(DATA >>> 12)]);
        child.destroy();
        parent.destroy();
    }
}
