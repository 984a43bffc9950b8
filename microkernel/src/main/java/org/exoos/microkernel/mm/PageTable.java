package org.exoos.microkernel.mm;

import org.exoos.hal.mem.PhysicalMemory;

import java.lang.foreign.MemorySegment;

import static org.exoos.hal.mmu.Sv39.*;

/**
 * An Sv39 page table in physical memory, built from frames of a {@link FrameAllocator}: three levels of
 * 512 eight-byte entries, 4 KiB leaves only. This class knows the hardware format and nothing of regions
 * or protection policy; {@link AddressSpace} decides what to map.
 *
 * <p>Entries are read and written with volatile accesses because harts walk the table concurrently and
 * set A/D with a compare-and-set. Table frames never hold code, so these writes need no decoded-instruction
 * invalidation (the frames were zero-filled through {@link PhysicalMemory#fill} when allocated).
 */
public final class PageTable {
    /** Visits one leaf that holds a frame: its virtual address, the physical address of its entry and the entry. */
    @FunctionalInterface
    public interface LeafVisitor {
        void visit(long va, long slot, long pte);
    }

    /**
     * Marks a leaf whose frame is kept while its VMA is inaccessible (PROT_NONE): V is clear so every access
     * faults, and the PPN still names the frame so a later mprotect can bring it back.
     */
    public static final long PTE_PARKED = PTE_RSW1;

    private static final int ENTRIES = 1 << VPN_BITS;

    private final FrameAllocator frames;
    private final MemorySegment ram;
    private final long root;

    private PageTable(FrameAllocator frames, long root) {
        this.frames = frames;
        this.ram = frames.memory().segment();
        this.root = root;
    }

    /** A new empty table, or null when no frame is left for its root. */
    public static PageTable create(FrameAllocator frames) {
        long root = frames.allocate();
        return root == FrameAllocator.NO_FRAME ? null : new PageTable(frames, root);
    }

    /** Physical address of the root table (what satp points at). */
    public long root() { return root; }

    public long read(long slot) {
        return (long) PhysicalMemory.ATOMIC_LONG.getVolatile(ram, PhysicalMemory.offset(slot));
    }

    public void write(long slot, long pte) {
        PhysicalMemory.ATOMIC_LONG.setVolatile(ram, PhysicalMemory.offset(slot), pte);
    }

    /**
     * Physical address of the leaf entry for va. Missing intermediate tables are created when create is
     * set; returns -1 when one is missing and not created, or when no frame is left to create it.
     */
    public long slot(long va, boolean create) {
        long table = root;
        for (int level = LEVELS - 1; level > 0; level--) {
            long slot = table + (long) vpn(va, level) * PTE_SIZE;
            long pte = read(slot);
            if ((pte & PTE_V) == 0) {
                if (!create) return -1;
                long next = frames.allocate();
                if (next == FrameAllocator.NO_FRAME) return -1;
                pte = pte(next, PTE_V); // a pointer entry: V set, R/W/X clear
                write(slot, pte);
            }
            table = ppnToAddress(pte);
        }
        return table + (long) vpn(va, 0) * PTE_SIZE;
    }

    /** The leaf entry for va, or 0 when nothing is mapped there. */
    public long lookup(long va) {
        long slot = slot(va, false);
        return slot < 0 ? 0 : read(slot);
    }

    /** Maps the page at va to the frame at pa with the given flags (V is added). False when out of frames. */
    public boolean map(long va, long pa, long flags) {
        long slot = slot(va, true);
        if (slot < 0) return false;
        write(slot, pte(pa, flags | PTE_V));
        return true;
    }

    /** Visits every leaf in [start, end) that holds a frame (mapped or parked), skipping absent subtrees. */
    public void forEachLeaf(long start, long end, LeafVisitor visitor) {
        walkRange(root, LEVELS - 1, 0, start, end, visitor);
    }

    private void walkRange(long table, int level, long base, long start, long end, LeafVisitor visitor) {
        long span = 1L << (12 + VPN_BITS * level);
        int first = start <= base ? 0 : (int) ((start - base) / span);
        for (int i = first; i < ENTRIES; i++) {
            long va = base + i * span;
            if (va >= end) return;
            long slot = table + (long) i * PTE_SIZE;
            long pte = read(slot);
            if (level == 0) {
                if (pte != 0 && va >= start) visitor.visit(va, slot, pte);
            } else if ((pte & PTE_V) != 0) {
                walkRange(ppnToAddress(pte), level - 1, va, start, end, visitor);
            }
        }
    }

    /** Frees every table frame. Leaves must have been unmapped (their frames released) by the caller. */
    public void destroy() {
        freeTables(root, LEVELS - 1);
    }

    private void freeTables(long table, int level) {
        if (level > 0) {
            for (int i = 0; i < ENTRIES; i++) {
                long pte = read(table + (long) i * PTE_SIZE);
                if ((pte & PTE_V) != 0) freeTables(ppnToAddress(pte), level - 1);
            }
        }
        frames.release(table);
    }
}
