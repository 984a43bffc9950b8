package org.exoos.hal.mmu;

import org.exoos.hal.mem.PhysicalMemory;

import java.lang.foreign.MemorySegment;

import static org.exoos.hal.mmu.Sv39.*;

/**
 * The hardware page-table walk of Sv39, with the A and D bits updated by the walker (Svadu behaviour)
 * through a compare-and-set on the PTE, so that two harts walking the same table agree.
 */
public final class PageWalker {
    /** Result of a failed walk. The fault kind is given by {@link #lastFault}. */
    public static final long FAULT = -1L;
    public static final int FAULT_PAGE = 1;
    public static final int FAULT_ACCESS = 2;

    private final PhysicalMemory memory;
    private final MemorySegment ram;
    /** Why the last {@link #walk} returned {@link #FAULT}. */
    public int lastFault;

    public PageWalker(PhysicalMemory memory) {
        this.memory = memory;
        this.ram = memory.segment();
    }

    /**
     * Translates va for one access. user: the access is made at U privilege. sum/mxr: sstatus bits.
     * Returns the physical address, or {@link #FAULT}.
     */
    public long walk(long satp, long va, int access, boolean user, boolean sum, boolean mxr) {
        if (satpMode(satp) == SATP_MODE_BARE) {
            if (!memory.contains(va, 1)) { lastFault = FAULT_ACCESS; return FAULT; }
            return va;
        }
        if (!isCanonical(va)) { lastFault = FAULT_PAGE; return FAULT; }
        long table = satpRoot(satp);
        for (int level = LEVELS - 1; level >= 0; level--) {
            long pteAddr = table + (long) vpn(va, level) * PTE_SIZE;
            if (!memory.contains(pteAddr, PTE_SIZE)) { lastFault = FAULT_ACCESS; return FAULT; }
            long off = PhysicalMemory.offset(pteAddr);
            long pte = (long) PhysicalMemory.ATOMIC_LONG.getVolatile(ram, off);
            if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0) || (pte & PTE_RESERVED_MASK) != 0) {
                lastFault = FAULT_PAGE;
                return FAULT;
            }
            if ((pte & (PTE_R | PTE_X)) == 0) { // pointer to the next level
                if ((pte & (PTE_A | PTE_D | PTE_U)) != 0) { lastFault = FAULT_PAGE; return FAULT; }
                table = ppnToAddress(pte);
                continue;
            }
            // A leaf: check permissions.
            if (!permitted(pte, access, user, sum, mxr)) { lastFault = FAULT_PAGE; return FAULT; }
            // A superpage must be aligned: its low PPN fields are zero.
            long ppn = (pte & PTE_PPN_MASK) >>> PTE_PPN_SHIFT;
            if (level > 0 && (ppn & ((1L << (VPN_BITS * level)) - 1)) != 0) { lastFault = FAULT_PAGE; return FAULT; }
            // Set A (and D on a store) atomically; retry if another hart changed the PTE meanwhile.
            long want = pte | PTE_A | (access == AccessType.STORE ? PTE_D : 0);
            while (want != pte) {
                if (PhysicalMemory.ATOMIC_LONG.compareAndSet(ram, off, pte, want)) break;
                pte = (long) PhysicalMemory.ATOMIC_LONG.getVolatile(ram, off);
                if ((pte & PTE_V) == 0 || !permitted(pte, access, user, sum, mxr)) { lastFault = FAULT_PAGE; return FAULT; }
                want = pte | PTE_A | (access == AccessType.STORE ? PTE_D : 0);
            }
            long pageMask = (1L << (12 + VPN_BITS * level)) - 1;
            long pa = (ppn << 12 & ~pageMask) | (va & pageMask);
            if (!memory.contains(pa, 1)) { lastFault = FAULT_ACCESS; return FAULT; }
            return pa;
        }
        lastFault = FAULT_PAGE;
        return FAULT;
    }

    private static boolean permitted(long pte, int access, boolean user, boolean sum, boolean mxr) {
        boolean u = (pte & PTE_U) != 0;
        if (user) {
            if (!u) return false;
        } else if (u && (access == AccessType.FETCH || !sum)) {
            return false;
        }
        return switch (access) {
            case AccessType.FETCH -> (pte & PTE_X) != 0;
            case AccessType.LOAD -> (pte & PTE_R) != 0 || (mxr && (pte & PTE_X) != 0);
            default -> (pte & PTE_W) != 0;
        };
    }
}
