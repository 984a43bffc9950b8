package org.exoos.hal.cpu.exec;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.hal.mmu.AccessType;
import org.exoos.hal.mmu.Tlb;

import java.lang.foreign.MemorySegment;

import static org.exoos.hal.mem.PhysicalMemory.*;

/**
 * A hart's loads, stores and atomics: the TLB hit path (one compare, one add, one access) and the slow path
 * (page walk, TLB fill, page-crossing and misaligned accesses, decoded-code invalidation).
 *
 * <p>Misaligned loads and stores are performed, as Linux user space expects (the kernel emulates them on
 * hardware that traps); misaligned atomics raise an address-misaligned exception, which Linux turns into SIGBUS.
 * Every method that can trap sets {@code hart.pc} first, so the trap is precise.
 */
final class MemoryPath {
    private final PhysicalMemory memory;
    private final MemorySegment ram;
    MemoryPath(PhysicalMemory memory) {
        this.memory = memory;
        this.ram = memory.segment();
    }

    // ---- loads ----

    /** Loads size (1, 2, 4, 8) bytes, zero-extended; on a trap returns 0 with hart.trapRaised set. */
    long load(Hart h, long va, int size, long pc) {
        long vpn = va >>> 12;
        int s = Tlb.slot(vpn);
        int off = (int) va & 0xFFF;
        if (h.loadTlb.tag[s] == vpn && off <= PAGE_SIZE - size) {
            return read(h.loadTlb.host[s] + off, size);
        }
        return loadSlow(h, va, size, pc);
    }

    private long read(long host, int size) {
        return switch (size) {
            case 1 -> ram.get(BYTE, host) & 0xFFL;
            case 2 -> ram.get(SHORT, host) & 0xFFFFL;
            case 4 -> ram.get(INT, host) & 0xFFFF_FFFFL;
            default -> ram.get(LONG, host);
        };
    }

    private long loadSlow(Hart h, long va, int size, long pc) {
        h.pc = pc;
        int off = (int) va & 0xFFF;
        if (off <= PAGE_SIZE - size) {
            long host = loadPage(h, va);
            return host < 0 ? 0 : read(host + off, size);
        }
        // Straddles two pages: translate both before reading, so a fault leaves nothing half done.
        long first = loadPage(h, va);
        if (first < 0) return 0;
        long second = loadPage(h, va + size - 1);
        if (second < 0) return 0;
        long v = 0;
        for (int i = 0; i < size; i++) {
            long a = va + i;
            long host = ((a ^ va) >>> 12) == 0 ? first + (a & 0xFFF) : second + (a & 0xFFF);
            v |= (ram.get(BYTE, host) & 0xFFL) << (8 * i);
        }
        return v;
    }

    /** Host offset of the page holding va for a load, filling the load TLB; -1 after a trap. */
    private long loadPage(Hart h, long va) {
        long pa = fill(h, h.loadTlb, va, AccessType.LOAD);
        return pa < 0 ? -1 : PhysicalMemory.offset(pa);
    }

    /**
     * Translates va's page for the access and caches it in the TLB: the frame's physical address, or -1 after a
     * trap. A shootdown during the walk makes it walk again ({@link #refill}); the hart then acknowledges every
     * shootdown so far, since any access through a dropped entry has completed by now.
     */
    private static long fill(Hart h, Tlb tlb, long va, int access) {
        long pa, epoch;
        do {
            epoch = h.fillEpoch();
            pa = h.translate(va & ~0xFFFL, access);
            if (pa < 0) { h.stval = va; return -1; }
            tlb.fill(va >>> 12, PhysicalMemory.offset(pa));
        } while (refill(h, tlb, va, epoch));
        h.acknowledgeShootdowns();
        return pa;
    }

    /**
     * After a fill: true (the entry dropped, walk again) when a shootdown ran during the walk, since the
     * translation may be one the kernel has just taken away; the new walk sees the page table as it is now.
     */
    private static boolean refill(Hart h, Tlb tlb, long va, long epoch) {
        if (!h.fillRaced(epoch)) return false;
        tlb.flushPage(va >>> 12);
        return true;
    }

    // ---- stores ----

    /**
     * Stores the low size bytes of value. Returns true when it took the slow path, which may have dropped
     * decoded code (the interpreter then re-fetches its page); on a trap hart.trapRaised is set.
     */
    boolean store(Hart h, long va, int size, long value, long pc) {
        long vpn = va >>> 12;
        int s = Tlb.slot(vpn);
        int off = (int) va & 0xFFF;
        if (h.storeTlb.tag[s] == vpn && off <= PAGE_SIZE - size) {
            write(h.storeTlb.host[s] + off, size, value);
            return false;
        }
        storeSlow(h, va, size, value, pc);
        return true;
    }

    private void write(long host, int size, long v) {
        switch (size) {
            case 1 -> ram.set(BYTE, host, (byte) v);
            case 2 -> ram.set(SHORT, host, (short) v);
            case 4 -> ram.set(INT, host, (int) v);
            default -> ram.set(LONG, host, v);
        }
    }

    private void storeSlow(Hart h, long va, int size, long value, long pc) {
        h.pc = pc;
        int off = (int) va & 0xFFF;
        if (off <= PAGE_SIZE - size) {
            long host = storePage(h, va);
            if (host >= 0) write(host + off, size, value);
            return;
        }
        long first = storePage(h, va);
        if (first < 0) return;
        long second = storePage(h, va + size - 1);
        if (second < 0) return;
        for (int i = 0; i < size; i++) {
            long a = va + i;
            long host = ((a ^ va) >>> 12) == 0 ? first + (a & 0xFFF) : second + (a & 0xFFF);
            ram.set(BYTE, host, (byte) (value >>> (8 * i)));
        }
    }

    /** Host offset of the page holding va for a store: drops decoded code there, fills the store TLB; -1 after a trap. */
    private long storePage(Hart h, long va) {
        long pa = fill(h, h.storeTlb, va, AccessType.STORE);
        if (pa < 0) return -1;
        // After the fill: a hart that decodes the frame from now on makes this entry forgotten (forgetWritable).
        memory.noteWrite(pa, PAGE_SIZE);
        return PhysicalMemory.offset(pa);
    }

    // ---- atomics ----

    /** Host offset for an AMO or SC of size bytes at va (write permission needed), or -1 after a trap. */
    long atomicAddress(Hart h, long va, int size, long pc, boolean forStore) {
        if ((va & (size - 1)) != 0) {
            h.pc = pc;
            h.trap(forStore ? TrapCause.STORE_ADDRESS_MISALIGNED : TrapCause.LOAD_ADDRESS_MISALIGNED, va);
            return -1;
        }
        long vpn = va >>> 12;
        int s = Tlb.slot(vpn);
        Tlb tlb = forStore ? h.storeTlb : h.loadTlb;
        if (tlb.tag[s] == vpn) return tlb.host[s] + (va & 0xFFF);
        h.pc = pc;
        long host = forStore ? storePage(h, va) : loadPage(h, va);
        return host < 0 ? -1 : host + (va & 0xFFF);
    }

    MemorySegment ram() { return ram; }

    // ---- instruction fetch ----

    /** Frame index of the page holding pc for execution, filling the fetch TLB; -1 after a trap. */
    int fetchFrame(Hart h, long pc) {
        long vpn = pc >>> 12;
        int s = Tlb.slot(vpn);
        if (h.fetchTlb.tag[s] == vpn) return h.fetchFrame[s];
        h.pc = pc;
        long pa = fill(h, h.fetchTlb, pc, AccessType.FETCH);
        if (pa < 0) return -1;
        int frame = PhysicalMemory.frameOf(pa);
        h.fetchFrame[s] = frame; // only this hart's thread reads it, after its next tag hit
        return frame;
    }

    /** The decoded shadow of a frame, created empty when missing. */
    long[] decodedFrame(int frame) {
        long[] page = memory.decodedFrame(frame);
        if (page != null) return page;
        page = new long[DecodedPage.SLOTS];
        DecodedPage.init(page);
        // From now on stores into this frame must take the slow path, which drops the shadow.
        memory.forgetWritable((long) frame << PAGE_SHIFT); // every hart's, whichever engine runs it
        memory.setDecodedFrame(frame, page);
        return page;
    }

    /** Reads the 16-bit parcel at va for execution (used for instructions that straddle pages); -1 after a trap. */
    int fetchParcel(Hart h, long va, long pc) {
        int frame = fetchFrame(h, va);
        if (frame < 0) {
            h.sepc = pc; // the fault is reported at the instruction, with stval = the missing parcel's address
            return -1;
        }
        return ram.get(SHORT, ((long) frame << PAGE_SHIFT) + (va & 0xFFF)) & 0xFFFF;
    }
}
