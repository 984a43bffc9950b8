package org.exoos.microkernel.mm;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.hal.mmu.AccessType;
import org.exoos.hal.mmu.PageWalker;
import org.exoos.hal.mmu.Tlb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.exoos.microkernel.mm.Vma.*;
import static org.junit.jupiter.api.Assertions.*;

class AddressSpaceTest {
    private static final int PAGE = AddressSpace.PAGE_SIZE;
    private final PhysicalMemory memory = new PhysicalMemory(64 * PAGE);

    @AfterEach
    void returnRamToTheHost() { memory.close(); }
    private final FrameAllocator frames = new FrameAllocator(memory);
    private final AddressSpace space = AddressSpace.create(frames);
    private final PageWalker walker = new PageWalker(memory);

    private long walkAsUser(long va, int access) {
        return walker.walk(space.satp(), va, access, true, false, false);
    }

    @Test
    void demandZeroFaultMapsAZeroedUserPageTheHardwareWalkAccepts() {
        assertEquals(MmStatus.OK, space.map(0x10000, 2 * PAGE, READ | WRITE, 0, "data"));
        assertEquals(PageWalker.FAULT, walkAsUser(0x10008, AccessType.LOAD), "page present before first touch");
        assertEquals(FaultOutcome.RESOLVED, space.handleFault(0x10008, AccessType.STORE));
        long pa = walkAsUser(0x10008, AccessType.STORE);
        assertNotEquals(PageWalker.FAULT, pa, "walker still faults after the fault was resolved");
        assertEquals(0x008, pa & 0xfff, "page offset lost in translation");
        assertEquals(0, memory.readLong(pa), "demand-zero page is not zero");
        assertEquals(PageWalker.FAULT, walker.walk(space.satp(), 0x10008, AccessType.LOAD, false, false, false),
                "supervisor without SUM reached a user page: PTE_U missing?");
    }

    @Test
    void faultOutsideAnyVmaOrAgainstItsProtectionIsNotResolved() {
        space.map(0x10000, PAGE, READ, 0, "ro");
        assertEquals(FaultOutcome.NO_MAPPING, space.handleFault(0x20000, AccessType.LOAD));
        assertEquals(FaultOutcome.PROTECTION, space.handleFault(0x10000, AccessType.STORE));
        assertEquals(FaultOutcome.PROTECTION, space.handleFault(0x10000, AccessType.FETCH));
        assertEquals(FaultOutcome.NO_MAPPING, space.handleFault(-8, AccessType.LOAD));
    }

    @Test
    void writeOnlyRegionIsReadableBecauseRiscvHasNoWriteOnlyPages() {
        space.map(0x10000, PAGE, WRITE, 0, "w");
        assertEquals(FaultOutcome.RESOLVED, space.handleFault(0x10000, AccessType.LOAD));
        assertNotEquals(PageWalker.FAULT, walkAsUser(0x10000, AccessType.LOAD));
        assertNotEquals(PageWalker.FAULT, walkAsUser(0x10000, AccessType.STORE));
    }

    @Test
    void overlappingMapIsRefusedAndAdjacentEqualRegionsMerge() {
        assertEquals(MmStatus.OK, space.map(0x10000, PAGE, READ | WRITE, 0, ""));
        assertEquals(MmStatus.OVERLAP, space.map(0x10000, 2 * PAGE, READ, 0, ""));
        assertEquals(MmStatus.OK, space.map(0x11000, PAGE, READ | WRITE, 0, ""));
        assertEquals(1, space.vmas().size(), "adjacent identical regions were not merged: " + space.vmas());
        assertEquals(MmStatus.OUT_OF_RANGE, space.map(0x10001, PAGE, READ, 0, ""));
        assertEquals(MmStatus.OUT_OF_RANGE, space.map(AddressSpace.USER_TOP - PAGE, 2 * PAGE, READ, 0, ""));
    }

    @Test
    void unmapOfTheMiddleSplitsTheRegionAndFreesItsFrame() {
        space.map(0x10000, 3 * PAGE, READ | WRITE, 0, "");
        for (int i = 0; i < 3; i++) space.handleFault(0x10000 + (long) i * PAGE, AccessType.STORE);
        int free = frames.freeFrames();
        assertEquals(MmStatus.OK, space.unmap(0x11000, PAGE));
        assertEquals(free + 1, frames.freeFrames(), "unmapped page's frame was not released");
        assertEquals(2, space.vmas().size(), "unmapping the middle page should leave two regions: " + space.vmas());
        assertEquals(PageWalker.FAULT, walkAsUser(0x11000, AccessType.LOAD), "unmapped page still translates");
        assertNotEquals(PageWalker.FAULT, walkAsUser(0x12000, AccessType.LOAD), "neighbour page lost");
    }

    @Test
    void unmapFlushesTheTlbsOfAttachedHarts() {
        Hart hart = new Hart(0, memory);
        space.attach(hart);
        space.map(0x10000, PAGE, READ | WRITE, 0, "");
        space.handleFault(0x10000, AccessType.STORE);
        hart.loadTlb.fill(0x10, 0);
        space.unmap(0x10000, PAGE);
        assertEquals(Tlb.INVALID, hart.loadTlb.tag[Tlb.slot(0x10)], "stale TLB entry survived munmap");
    }

    @Test
    void protectChangesPresentPagesAndRefusesHoles() {
        space.map(0x10000, 2 * PAGE, READ | WRITE, 0, "");
        space.handleFault(0x10000, AccessType.STORE);
        assertEquals(MmStatus.OK, space.protect(0x10000, PAGE, READ));
        assertEquals(PageWalker.FAULT, walkAsUser(0x10000, AccessType.STORE), "store allowed after mprotect(PROT_READ)");
        assertNotEquals(PageWalker.FAULT, walkAsUser(0x10000, AccessType.LOAD));
        assertEquals(MmStatus.NOT_MAPPED, space.protect(0x10000, 3 * PAGE, READ), "protect across a hole succeeded");
        assertEquals(READ | WRITE, space.find(0x11000).prot(), "failed protect changed a region");
    }

    @Test
    void protNoneKeepsTheContentsForALaterProtect() {
        space.map(0x10000, PAGE, READ | WRITE, 0, "");
        assertTrue(space.copyOut(0x10000, new byte[] {42}, 0, 1));
        space.protect(0x10000, PAGE, 0);
        assertEquals(PageWalker.FAULT, walkAsUser(0x10000, AccessType.LOAD), "PROT_NONE page readable");
        assertEquals(FaultOutcome.PROTECTION, space.handleFault(0x10000, AccessType.LOAD));
        space.protect(0x10000, PAGE, READ);
        byte[] b = new byte[1];
        assertTrue(space.copyIn(0x10000, b, 0, 1));
        assertEquals(42, b[0], "contents lost across PROT_NONE");
    }

    @Test
    void findFreePlacesTopDownBelowTheLimitAndSkipsRegions() {
        long top = 0x40_0000_0000L - (128L << 20);
        long a = space.findFree(2 * PAGE, top);
        assertEquals(top - 2 * PAGE, a);
        space.map(a, 2 * PAGE, READ, 0, "");
        long b = space.findFree(PAGE, top);
        assertEquals(a - PAGE, b, "second placement does not sit right below the first");
        space.map(top - 10 * PAGE, PAGE, READ, 0, "");
        assertEquals(top - 10 * PAGE - 4 * PAGE, space.findFree(4 * PAGE, top - 9 * PAGE));
    }

    @Test
    void copiesCrossPageBoundariesAndFailOnUnmappedOrReadOnlyMemory() {
        space.map(0x10000, 2 * PAGE, READ | WRITE, 0, "");
        space.map(0x12000, PAGE, READ, 0, "");
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        assertTrue(space.copyOut(0x11000 - 50, data, 0, 100), "copy across a page boundary failed");
        byte[] back = new byte[100];
        assertTrue(space.copyIn(0x11000 - 50, back, 0, 100));
        assertArrayEquals(data, back, "bytes differ after a round trip across pages");
        assertFalse(space.copyOut(0x12000, data, 0, 1), "kernel wrote to a read-only user page for the user");
        assertFalse(space.copyIn(0x13000 - 1, back, 0, 2), "copy into an unmapped page succeeded");
    }

    @Test
    void readCStringStopsAtNulAndReportsTooLongAndBadAddresses() {
        space.map(0x10000, 2 * PAGE, READ | WRITE, 0, "");
        byte[] s = "hello\0".getBytes(StandardCharsets.US_ASCII);
        space.copyOut(0x11000 - 3, s, 0, s.length);
        assertEquals("hello", new String(space.readCString(0x11000 - 3, 4096), StandardCharsets.US_ASCII));
        assertEquals(4, space.readCString(0x11000 - 3, 4).length, "no NUL within max should give max bytes");
        assertNull(space.readCString(0x20000, 10), "bad address should give null");
    }

    @Test
    void writeIgnoringProtectionFillsReadOnlyPages() {
        space.map(0x10000, PAGE, READ | EXEC, 0, "text");
        assertTrue(space.writeIgnoringProtection(0x10010, new byte[] {1, 2, 3}, 0, 3));
        byte[] b = new byte[3];
        assertTrue(space.copyIn(0x10010, b, 0, 3));
        assertArrayEquals(new byte[] {1, 2, 3}, b);
        assertFalse(space.writeIgnoringProtection(0x20000, new byte[1], 0, 1), "wrote outside every VMA");
    }

    @Test
    void destroyReturnsEveryFrame() {
        int before = frames.freeFrames();
        AddressSpace other = AddressSpace.create(frames);
        other.map(0x10000, 8 * PAGE, READ | WRITE, 0, "");
        for (int i = 0; i < 8; i++) other.handleFault(0x10000 + (long) i * PAGE, AccessType.STORE);
        other.destroy();
        assertEquals(before, frames.freeFrames(), "frames leaked by destroy");
    }

    @Test
    void runningOutOfFramesIsReportedAsOutOfMemory() {
        space.map(0x10000, 128 * PAGE, READ | WRITE, 0, "");
        FaultOutcome last = FaultOutcome.RESOLVED;
        for (int i = 0; i < 128 && last == FaultOutcome.RESOLVED; i++) {
            last = space.handleFault(0x10000 + (long) i * PAGE, AccessType.STORE);
        }
        assertEquals(FaultOutcome.OUT_OF_MEMORY, last, "64 frames backed 128 pages?");
        assertEquals(-1, space.translate(0x10000 + 127L * PAGE, AccessType.STORE));
    }

    @Test
    void moveCarriesPagesAndRegionsToTheNewAddress() {
        space.map(0x10000, 2 * PAGE, READ | WRITE, 0, "m");
        assertTrue(space.copyOut(0x11000, new byte[] {77}, 0, 1));
        int free = frames.freeFrames();
        assertEquals(MmStatus.OK, space.move(0x10000, 2 * PAGE, 0x50000));
        assertNull(space.find(0x10000), "source still mapped");
        assertEquals(READ | WRITE, space.find(0x51000).prot());
        byte[] b = new byte[1];
        assertTrue(space.copyIn(0x51000, b, 0, 1));
        assertEquals(77, b[0], "page contents did not follow");
        assertTrue(frames.freeFrames() <= free, "move should not free data frames");
        assertEquals(MmStatus.OVERLAP, space.move(0x50000, PAGE, 0x51000));
    }
}
