package org.exoos.libposix.syscall;

import org.exoos.libposix.process.ProcessLayout;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.microkernel.mm.Vma;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.exoos.servers.protocol.Errno.*;
import static org.exoos.libposix.syscall.SysMemory.*;
import static org.exoos.libposix.support.SyscallHarness.BRK_START;
import static org.junit.jupiter.api.Assertions.*;

class MemorySyscallsTest {
    private final SyscallHarness h = new SyscallHarness();

    @AfterEach
    void returnRamToTheHost() { h.close(); }
    private static final int RW = PROT_READ | PROT_WRITE, ANON = MAP_PRIVATE | MAP_ANONYMOUS;

    @Test
    void brkZeroReportsTheStartAndGrowingGivesZeroedHeap() {
        assertEquals(BRK_START, h.call("brk", 0));
        assertEquals(BRK_START + 10000, h.call("brk", BRK_START + 10000));
        assertArrayEquals(new byte[10000], h.get(BRK_START, 10000), "new heap is not zero");
        assertEquals("[heap]", h.space.find(BRK_START).name());
        assertEquals(BRK_START + 10000, h.call("brk", 0), "brk(0) after growing");
    }

    @Test
    void brkShrinksAndRefusesToGoBelowItsStart() {
        h.call("brk", BRK_START + 3 * 4096);
        assertEquals(BRK_START + 4096, h.call("brk", BRK_START + 4096));
        assertNull(h.space.find(BRK_START + 2 * 4096), "shrunk heap still mapped");
        assertEquals(BRK_START + 4096, h.call("brk", BRK_START - 4096), "brk below the start must leave the break");
    }

    @Test
    void brkDoesNotGrowIntoAnotherMapping() {
        assertEquals(BRK_START + 0x10000, h.call("mmap", BRK_START + 0x10000, 4096, RW, ANON | MAP_FIXED, -1, 0));
        assertEquals(BRK_START, h.call("brk", BRK_START + 0x20000), "the break moved over a mapping");
    }

    @Test
    void anonymousMmapReturnsZeroedPagesBelowTheMmapBase() {
        long a = h.call("mmap", 0, 10000, RW, ANON, -1, 0);
        assertEquals(0, a & 0xfff, "not page-aligned: 0x" + Long.toHexString(a));
        assertTrue(a < ProcessLayout.MMAP_BASE && a >= ProcessLayout.MMAP_BASE - 0x10000, "placed at 0x" + Long.toHexString(a));
        assertArrayEquals(new byte[12288], h.get(a, 12288));
        long b = h.call("mmap", 0, 4096, PROT_READ, ANON, -1, 0);
        assertEquals(a - 4096, b, "second mapping should sit right below the first");
    }

    @Test
    void mmapArgumentErrorsFollowLinux() {
        assertEquals(-EINVAL, h.call("mmap", 0, 0, RW, ANON, -1, 0), "zero length");
        assertEquals(-EINVAL, h.call("mmap", 0, 4096, RW, MAP_ANONYMOUS, -1, 0), "neither shared nor private");
        assertEquals(-EINVAL, h.call("mmap", 0, 4096, RW, ANON, -1, 100), "unaligned offset");
        assertEquals(-EINVAL, h.call("mmap", 0x30_0001, 4096, RW, ANON | MAP_FIXED, -1, 0), "unaligned fixed address");
        assertEquals(-EBADF, h.call("mmap", 0, 4096, RW, MAP_PRIVATE, 77, 0), "file mapping of a closed fd");
        assertEquals(-ENODEV, h.call("mmap", 0, 4096, RW, MAP_PRIVATE, 0, 0), "file mapping of a pipe");
        assertEquals(-ENOMEM, h.call("mmap", 0, -4096L, RW, ANON, -1, 0), "length wrapping around");
        assertEquals(-EPERM, h.call("mmap", 0x1000, 4096, RW, ANON | MAP_FIXED, -1, 0), "below mmap_min_addr");
        assertEquals(-EOPNOTSUPP, h.call("mmap", 0, 4096, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | 0x400, -1, 0));
    }

    @Test
    void fixedMappingReplacesAndNoReplaceRefuses() {
        long a = h.call("mmap", 0, 8192, RW, ANON, -1, 0);
        h.put(a, new byte[] {9});
        assertEquals(-EEXIST, h.call("mmap", a, 4096, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0));
        assertEquals(9, h.get(a, 1)[0], "NOREPLACE disturbed the mapping");
        assertEquals(a, h.call("mmap", a, 4096, PROT_READ, ANON | MAP_FIXED, -1, 0));
        assertEquals(0, h.get(a, 1)[0], "MAP_FIXED did not replace the page");
        assertEquals(Vma.READ, h.space.find(a).prot());
    }

    @Test
    void hintIsHonouredWhenFree() {
        assertEquals(0x7000_0000L, h.call("mmap", 0x7000_0000L, 4096, RW, ANON, -1, 0));
        long other = h.call("mmap", 0x7000_0000L, 4096, RW, ANON, -1, 0);
        assertNotEquals(0x7000_0000L, other, "a busy hint must not be replaced without MAP_FIXED");
    }

    @Test
    void munmapAndMprotectCheckTheirArguments() {
        long a = h.call("mmap", 0, 3 * 4096, RW, ANON, -1, 0);
        assertEquals(-EINVAL, h.call("munmap", a + 1, 4096));
        assertEquals(-EINVAL, h.call("munmap", a, 0));
        assertEquals(0, h.call("munmap", a + 4096, 4096));
        assertEquals(0, h.call("munmap", a + 4096, 4096), "unmapping a hole is fine");
        assertEquals(-ENOMEM, h.call("mprotect", a, 3 * 4096, PROT_READ), "mprotect across a hole");
        assertEquals(-EINVAL, h.call("mprotect", a + 1, 4096, PROT_READ));
        assertEquals(-EINVAL, h.call("mprotect", a, 4096, 0x80), "unknown prot bit");
        assertEquals(0, h.call("mprotect", a, 0, PROT_READ), "zero length");
        assertEquals(0, h.call("mprotect", a, 4096, PROT_READ));
        assertEquals(Vma.READ, h.space.find(a).prot());
    }

    @Test
    void kernelWritesToAReadOnlyMappingFail() {
        long a = h.call("mmap", 0, 4096, PROT_READ, ANON, -1, 0);
        assertEquals(-EFAULT, h.call("clock_gettime", 0, a), "kernel wrote into a read-only page");
    }

    @Test
    void mremapShrinksGrowsInPlaceAndMovesWithTheContents() {
        long a = h.call("mmap", 0, 3 * 4096, RW, ANON, -1, 0);
        h.put(a, new byte[] {1});
        h.put(a + 2 * 4096, new byte[] {3});
        assertEquals(a, h.call("mremap", a, 3 * 4096, 2 * 4096, 0, 0), "shrink in place");
        assertNull(h.space.find(a + 2 * 4096), "shrunk tail still mapped");
        assertEquals(a, h.call("mremap", a, 2 * 4096, 3 * 4096, 0, 0), "grow into the free page after it");
        h.call("mmap", a + 3 * 4096, 4096, RW, ANON | MAP_FIXED, -1, 0); // now blocked above
        assertEquals(-ENOMEM, h.call("mremap", a, 3 * 4096, 8 * 4096, 0, 0), "cannot grow in place without MAYMOVE");
        long b = h.call("mremap", a, 3 * 4096, 8 * 4096, MREMAP_MAYMOVE, 0);
        assertNotEquals(a, b, "should have moved");
        assertEquals(1, h.get(b, 1)[0], "contents did not move");
        assertArrayEquals(new byte[5 * 4096], h.get(b + 3 * 4096, 5 * 4096), "grown part not zero");
        assertNull(h.space.find(a), "old range still mapped after the move");
        assertEquals(-EINVAL, h.call("mremap", b + 1, 4096, 8192, MREMAP_MAYMOVE, 0));
        assertEquals(-EINVAL, h.call("mremap", b, 4096, 8192, MREMAP_FIXED, 0x7000_0000L), "FIXED needs MAYMOVE");
        assertEquals(-EFAULT, h.call("mremap", 0x7700_0000L, 4096, 8192, MREMAP_MAYMOVE, 0), "nothing mapped there");
        assertEquals(0x7000_0000L, h.call("mremap", b, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, 0x7000_0000L));
        assertEquals(1, h.get(0x7000_0000L, 1)[0], "MREMAP_FIXED lost the contents");
    }
}
