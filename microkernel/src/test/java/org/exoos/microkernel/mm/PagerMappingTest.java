package org.exoos.microkernel.mm;

import org.exoos.hal.mem.PhysicalMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.exoos.microkernel.mm.Vma.*;
import static org.junit.jupiter.api.Assertions.*;

/** File-backed areas: shared ones map the pager's frames in every space, private ones copy at first touch. */
class PagerMappingTest {
    private static final int PAGE = AddressSpace.PAGE_SIZE;
    private static final long AT = 0x10000, ELSEWHERE = 0x200000;
    private final PhysicalMemory memory = new PhysicalMemory(64 * PAGE);
    private final FrameAllocator frames = new FrameAllocator(memory);
    private final int freeAtStart = frames.freeFrames();
    private final CountingPager pager = new CountingPager();

    /** A pager whose page i starts holding the byte i+1; it frees a page when no mapping holds it. */
    private final class CountingPager implements Pager {
        final Map<Long, Long> pages = new HashMap<>();
        int areas, unmaps;

        @Override
        public long map(long pageIndex, boolean writable) {
            long pa = pages.computeIfAbsent(pageIndex, i -> {
                long f = frames.allocate();
                memory.writeByte(f, (byte) (i + 1));
                return f;
            });
            frames.retain(pa);
            return pa;
        }

        @Override
        public void unmap(long pageIndex, long pa) {
            unmaps++;
            frames.release(pa);
            if (frames.refCount(pa) == 1) {
                pages.remove(pageIndex);
                frames.release(pa);
            }
        }

        @Override
        public void attach() { areas++; }

        @Override
        public void detach() { areas--; }
    }

    @AfterEach
    void returnRamToTheHost() { memory.close(); }

    private static byte load(AddressSpace space, long va) {
        byte[] b = new byte[1];
        assertTrue(space.copyIn(va, b, 0, 1), "load at 0x" + Long.toHexString(va) + " refused");
        return b[0];
    }

    private static void store(AddressSpace space, long va, int value) {
        assertTrue(space.copyOut(va, new byte[] {(byte) value}, 0, 1), "store at 0x" + Long.toHexString(va) + " refused");
    }

    private AddressSpace mapped(int flags, long pageOffset) {
        AddressSpace space = AddressSpace.create(frames);
        assertEquals(MmStatus.OK, space.map(new Vma(AT, AT + 4 * PAGE, READ | WRITE, flags, "f", pager, pageOffset)));
        return space;
    }

    @Test
    void sharedAreasInTwoSpacesAndAForkSeeOneFrame() {
        AddressSpace a = mapped(SHARED, 2), b = mapped(SHARED, 2);
        assertEquals(3, load(a, AT), "page 2 of the file is at the area's start");
        store(a, AT + PAGE + 5, 77);
        assertEquals(77, load(b, AT + PAGE + 5), "a store through one space is not seen through the other");
        AddressSpace child = a.fork();
        assertNotNull(child);
        store(child, AT + 9, 42);
        assertEquals(42, load(a, AT + 9));
        assertEquals(42, load(b, AT + 9));
        a.destroy();
        child.destroy();
        assertEquals(77, load(b, AT + PAGE + 5), "the last mapper lost the page");
        b.destroy();
        assertEquals(0, pager.areas, "areas attached and detached do not balance");
        assertTrue(pager.pages.isEmpty(), "pages still held after every mapping went");
        assertEquals(freeAtStart, frames.freeFrames(), "frames leaked");
    }

    @Test
    void splittingMovingAndUnmappingKeepTheAreaCountAndFileOffsets() {
        AddressSpace a = mapped(SHARED, 0);
        assertEquals(MmStatus.OK, a.protect(AT + PAGE, PAGE, READ));
        assertEquals(3, a.vmas().size());
        assertEquals(3, pager.areas);
        assertEquals(2, load(a, AT + PAGE), "the middle piece lost its file offset");
        assertEquals(MmStatus.OK, a.protect(AT + PAGE, PAGE, READ | WRITE));
        assertEquals(1, pager.areas, "pieces did not merge back");
        assertEquals(MmStatus.OK, a.move(AT + 2 * PAGE, 2 * PAGE, ELSEWHERE));
        assertEquals(3, load(a, ELSEWHERE), "a moved piece lost its file offset");
        assertEquals(4, load(a, ELSEWHERE + PAGE));
        assertEquals(2, pager.areas);
        assertEquals(1, load(a, AT));
        a.unmap(AT, PAGE);
        assertEquals(1, pager.unmaps, "an unmapped shared page was not given back to its pager");
        a.destroy();
        assertEquals(0, pager.areas);
        assertEquals(freeAtStart, frames.freeFrames(), "frames leaked");
    }

    @Test
    void privateAreasCopyAtFirstTouchAndDiscardRevertsToTheFile() {
        AddressSpace a = mapped(0, 0), b = mapped(SHARED, 0);
        store(a, AT, 99);
        assertEquals(1, load(b, AT), "a private store reached the file's page");
        store(b, AT + PAGE, 55);
        assertEquals(55, load(a, AT + PAGE), "an untouched private page does not show the file's current bytes");
        assertEquals(MmStatus.OK, a.discard(AT, PAGE));
        assertEquals(1, load(a, AT), "a discarded private page does not read the file again");
        assertEquals(MmStatus.OK, b.discard(AT + PAGE, PAGE));
        assertEquals(55, load(b, AT + PAGE), "a shared page lost its bytes to a discard");
        a.destroy();
        b.destroy();
        assertEquals(freeAtStart, frames.freeFrames(), "frames leaked");
    }
}
