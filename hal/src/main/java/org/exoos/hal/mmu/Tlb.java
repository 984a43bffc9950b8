package org.exoos.hal.mmu;

import org.exoos.hal.mem.WritableFrameCache;

import java.util.Arrays;

/**
 * A direct-mapped software TLB for one access type. An entry maps a virtual page number to the host offset
 * of its frame in RAM, so a hit costs one compare and one add. Entries are only filled for translations that
 * already passed every permission check for the access type, at the privilege level in force when filled;
 * a privilege, satp or sstatus.SUM/MXR change flushes the hart's TLBs.
 */
public final class Tlb implements WritableFrameCache {
    public static final int ENTRIES = 512;
    public static final int MASK = ENTRIES - 1;
    /** A tag no canonical Sv39 virtual page number equals. */
    public static final long INVALID = -1L;

    /** Virtual page number (va >>> 12) per slot, or {@link #INVALID}. */
    public final long[] tag = new long[ENTRIES];
    /** Host offset of the frame (physical page address - RAM base) per slot. */
    public final long[] host = new long[ENTRIES];

    public Tlb() { flush(); }

    public static int slot(long vpn) { return (int) vpn & MASK; }

    public void fill(long vpn, long hostOffset) {
        int s = slot(vpn);
        tag[s] = vpn;
        host[s] = hostOffset;
    }

    public void flush() { Arrays.fill(tag, INVALID); }

    public void flushPage(long vpn) {
        int s = slot(vpn);
        if (tag[s] == vpn) tag[s] = INVALID;
    }

    @Override
    public void forgetFrame(long hostOffset) { flushHost(hostOffset); }

    /** Drops every entry that maps to the frame at this host offset. */
    public void flushHost(long hostOffset) {
        for (int s = 0; s < ENTRIES; s++) {
            if (tag[s] != INVALID && host[s] == hostOffset) tag[s] = INVALID;
        }
    }
}
