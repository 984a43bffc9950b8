package org.exoos.libposix.process;

import org.exoos.microkernel.mm.AddressSpace;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class AddressLayoutChoiceTest {
    private static final long GIB = 1L << 30, MIB = 1L << 20;

    @Test
    void withoutRandomizationTheLayoutIsProcessLayouts() {
        AddressLayout l = AddressLayout.choose(false, 8 * MIB, new SplittableRandom(1));
        assertEquals(ProcessLayout.STACK_TOP, l.stackTop());
        assertEquals(ProcessLayout.STACK_TOP, l.stackPointer());
        assertEquals(ProcessLayout.STACK_SIZE, l.stackSize());
        assertEquals(ProcessLayout.MMAP_BASE, l.mmapBase());
        assertEquals(ProcessLayout.PIE_BASE, l.pieBase());
        assertEquals(0, l.brkOffset());
    }

    @Test
    void randomizedPlacesStayWithinLinuxRangesAndApart() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            AddressLayout l = AddressLayout.choose(true, 8 * MIB, random);
            assertTrue(l.stackTop() <= ProcessLayout.STACK_TOP && l.stackTop() > ProcessLayout.STACK_TOP - GIB);
            assertEquals(0, l.stackTop() & (AddressSpace.PAGE_SIZE - 1));
            assertTrue(l.stackPointer() <= l.stackTop() && l.stackPointer() >= l.stackTop() - 8192);
            assertEquals(0, l.stackPointer() & 15);
            assertTrue(l.mmapBase() + AddressSpace.PAGE_SIZE <= l.stackBottom(), "the vdso page meets the stack");
            assertTrue(l.mmapBase() >= ProcessLayout.STACK_TOP - 128 * MIB - 2 * GIB);
            assertTrue(l.pieBase() >= ProcessLayout.PIE_BASE && l.pieBase() < ProcessLayout.PIE_BASE + GIB);
            assertTrue(l.brkOffset() >= 0 && l.brkOffset() < GIB && (l.brkOffset() & 0xfff) == 0);
        }
    }

    @Test
    void theStackIsRlimitStackLong() {
        SplittableRandom random = new SplittableRandom(3);
        assertEquals(64 * MIB, AddressLayout.choose(true, 64 * MIB, random).stackSize());
        assertEquals(AddressLayout.MIN_STACK, AddressLayout.choose(true, 4096, random).stackSize());
        assertEquals(ProcessLayout.STACK_SIZE, AddressLayout.choose(true, ResourceLimits.RLIM_INFINITY, random).stackSize());
        AddressLayout big = AddressLayout.choose(false, 512 * MIB, random);
        assertEquals(512 * MIB, big.stackSize());
        assertTrue(big.mmapBase() + AddressSpace.PAGE_SIZE <= big.stackBottom(), "the mmap area overlaps a large stack");
    }
}
