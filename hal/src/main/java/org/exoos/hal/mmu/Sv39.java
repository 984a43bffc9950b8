package org.exoos.hal.mmu;

/**
 * Sv39 layout constants (RISC-V privileged spec, section "Sv39: Page-Based 39-bit Virtual-Memory System").
 *
 * <pre>
 *  virtual address  | 63..39 sign-extension of bit 38 | VPN[2] 38..30 | VPN[1] 29..21 | VPN[0] 20..12 | offset 11..0 |
 *  PTE              | 63..54 reserved/N/PBMT | PPN[2] 53..28 | PPN[1] 27..19 | PPN[0] 18..10 | RSW 9..8 | D A G U X W R V |
 *  satp             | MODE 63..60 (8 = Sv39) | ASID 59..44 | PPN 43..0 |
 * </pre>
 */
public final class Sv39 {
    private Sv39() {}

    public static final long PTE_V = 1L << 0;
    public static final long PTE_R = 1L << 1;
    public static final long PTE_W = 1L << 2;
    public static final long PTE_X = 1L << 3;
    public static final long PTE_U = 1L << 4;
    public static final long PTE_G = 1L << 5;
    public static final long PTE_A = 1L << 6;
    public static final long PTE_D = 1L << 7;
    /** Software-reserved bits (RSW); the microkernel uses bit 8 to mark copy-on-write pages. */
    public static final long PTE_RSW0 = 1L << 8;
    public static final long PTE_RSW1 = 1L << 9;
    public static final int PTE_PPN_SHIFT = 10;
    public static final long PTE_PPN_MASK = ((1L << 44) - 1) << PTE_PPN_SHIFT;
    /** Bits 63..54 must be zero without Svnapot/Svpbmt. */
    public static final long PTE_RESERVED_MASK = 0xFFC0_0000_0000_0000L;

    public static final int LEVELS = 3;
    public static final int VPN_BITS = 9;
    public static final int VA_BITS = 39;
    public static final int PTE_SIZE = 8;

    public static final long SATP_MODE_SHIFT = 60;
    public static final long SATP_MODE_BARE = 0;
    public static final long SATP_MODE_SV39 = 8;
    public static final long SATP_PPN_MASK = (1L << 44) - 1;
    public static final int SATP_ASID_SHIFT = 44;

    /** True when bits 63..39 all equal bit 38. */
    public static boolean isCanonical(long va) {
        return (va << (64 - VA_BITS)) >> (64 - VA_BITS) == va;
    }

    public static int vpn(long va, int level) {
        return (int) (va >>> (12 + VPN_BITS * level)) & ((1 << VPN_BITS) - 1);
    }

    public static long ppnToAddress(long pte) {
        return ((pte & PTE_PPN_MASK) >>> PTE_PPN_SHIFT) << 12;
    }

    public static long pte(long pa, long flags) {
        return ((pa >>> 12) << PTE_PPN_SHIFT) | flags;
    }

    public static long satp(long rootPa, int asid) {
        return (SATP_MODE_SV39 << SATP_MODE_SHIFT) | ((long) asid << SATP_ASID_SHIFT) | (rootPa >>> 12);
    }

    public static long satpRoot(long satp) {
        return (satp & SATP_PPN_MASK) << 12;
    }

    public static long satpMode(long satp) {
        return satp >>> SATP_MODE_SHIFT;
    }
}
