package org.exoos.hal.cpu;

import org.exoos.hal.cpu.fpu.Fpu;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.hal.mmu.AccessType;
import org.exoos.hal.mmu.PageWalker;
import org.exoos.hal.mmu.Sv39;
import org.exoos.hal.mmu.Tlb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One RV64GC hardware thread: its architectural state, its supervisor CSRs and its TLBs.
 *
 * <p>The supervisor of this machine is the hosted microkernel (Java code), not guest code: a trap sets
 * sepc/scause/stval and sstatus as the hardware would, switches to S-mode and makes the execution engine
 * return to the kernel, which handles it and resumes the user context with {@link #returnToUser}.
 */
public final class Hart {
    /** Privilege levels. */
    public static final int USER = 0, SUPERVISOR = 1;
    /** Index of the sink register: the decoder maps writes to x0 here, so x[0] stays zero for free. */
    public static final int X_SINK = 32;

    public final int id;
    public final PhysicalMemory memory;
    /** Integer registers x0..x31, plus the write sink at {@link #X_SINK}. */
    public final long[] x = new long[33];
    /** Floating-point registers as raw 64-bit patterns (singles NaN-boxed). */
    public final long[] f = new long[32];
    public final Fpu fpu = new Fpu();
    public long pc;
    public int priv = SUPERVISOR;
    public int frm;

    // Supervisor CSRs.
    public long sstatus = Csr.SSTATUS_UXL_64;
    public long stvec, sscratch, sepc, scause, stval, sie, sip, scounteren, senvcfg;
    private long satp;

    /** Retired instructions (the instret CSR); engines add to it when they return. */
    public long instret;

    /** LR/SC reservation: the physical address reserved (or -1) and the value loaded by LR. */
    public long reservationAddress = -1;
    public long reservationValue;

    public final Tlb fetchTlb = new Tlb(), loadTlb = new Tlb(), storeTlb = new Tlb();
    /**
     * The privilege the TLB entries were filled at. The hosted supervisor never runs guest code through the
     * TLBs, so a U -> S -> U round trip for a syscall keeps them; engines flush when they run at another level.
     */
    public int tlbPriv = USER;
    /** Frame index per fetch-TLB slot, for the decoded-instruction shadow. */
    public final int[] fetchFrame = new int[Tlb.ENTRIES];
    public final PageWalker walker;

    private boolean storesWatched;
    /** Moves with every {@link #flushTlbs}, by whichever thread calls it. */
    private volatile long shootdowns;
    /** The epoch this hart's engine last confirmed it is past ({@link #awaitShootdown}). */
    private volatile long acknowledged;
    /** True while an engine runs this hart's guest code. */
    private volatile boolean inGuest;
    private static final VarHandle SHOOTDOWNS;

    static {
        try {
            SHOOTDOWNS = MethodHandles.lookup().findVarHandle(Hart.class, "shootdowns", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Set by an engine's slow path when it raised a trap that the fast path must notice. */
    public boolean trapRaised;

    public Hart(int id, PhysicalMemory memory) {
        this.id = id;
        this.memory = memory;
        this.walker = new PageWalker(memory);
    }

    public long satp() { return satp; }

    /**
     * Puts this hart's store TLB on the machine's list of writable caches (once), so a frame that becomes
     * code on any hart is forgotten here too. Engines call it before running the hart.
     */
    public void watchStores() {
        if (storesWatched) return;
        memory.attachWritableCache(storeTlb);
        storesWatched = true;
    }

    /** The hart will run no more: it leaves the machine's lists. */
    public void retire() {
        memory.detachWritableCache(storeTlb);
        storesWatched = false;
    }

    public void setSatp(long value) {
        long mode = Sv39.satpMode(value);
        if (mode != Sv39.SATP_MODE_BARE && mode != Sv39.SATP_MODE_SV39) return; // WARL: unsupported modes ignored
        satp = value;
        flushTlbs();
    }

    /**
     * Drops every TLB entry. Another thread may call this (a shootdown: the kernel narrowed a mapping this hart
     * may have cached); the epoch moves first, so a fill that walked the page table meanwhile sees it moved and
     * walks again ({@link #fillRaced}) instead of keeping a translation the kernel has already taken away.
     * Returns the epoch to wait for with {@link #awaitShootdown}.
     */
    public long flushTlbs() {
        long epoch = (long) SHOOTDOWNS.getAndAdd(this, 1L) + 1;
        fetchTlb.flush();
        loadTlb.flush();
        storeTlb.flush();
        return epoch;
    }

    /**
     * Waits until this hart can no longer reach memory through a translation dropped by the flush that
     * returned {@code epoch}: it is not running guest code, or it has since been through an engine's slow
     * path (every access after the flush misses, and the access in flight when it came has completed by then).
     * The kernel calls it before reusing the frames of a mapping it took away, as a real kernel waits for the
     * other harts to answer its shootdown interrupt.
     */
    public void awaitShootdown(long epoch) {
        while (inGuest && acknowledged < epoch) Thread.onSpinWait();
    }

    /** True while an engine runs this hart's guest code (user mode): what a tick samples to charge time. */
    public boolean inGuest() { return inGuest; }

    /** An engine starts running this hart's guest code. */
    public void enterGuest() { inGuest = true; }

    /** The engine returns to the kernel: whatever it had in flight is done. */
    public void leaveGuest() {
        acknowledged = shootdowns;
        inGuest = false;
    }

    /** The engine is in a slow path, past any access made through an entry a shootdown dropped. */
    public void acknowledgeShootdowns() {
        long s = shootdowns;
        if (acknowledged != s) acknowledged = s;
    }

    /** The flush epoch, read before a page walk whose result will be cached ({@link #fillRaced}). */
    public long fillEpoch() { return shootdowns; }

    /**
     * True when a flush ran since {@code epoch} was read, so the entry just filled may come from a page table
     * entry the kernel cleared: the caller drops it and walks again. The fence orders the fill's store before
     * the epoch's load (a store-load pair that x86 would otherwise reorder): either the flusher's later
     * invalidation overwrites the entry, or this load sees the flusher's epoch.
     */
    public boolean fillRaced(long epoch) {
        VarHandle.fullFence();
        return shootdowns != epoch;
    }

    /** Raises a synchronous exception: the state a real hart would leave for the supervisor. */
    public void trap(int cause, long tval) {
        sepc = pc;
        scause = cause;
        stval = tval;
        enterSupervisor();
    }

    /** Takes an interrupt (cause without the interrupt bit). */
    public void interrupt(int cause) {
        sepc = pc;
        scause = TrapCause.INTERRUPT | cause;
        stval = 0;
        enterSupervisor();
    }

    private void enterSupervisor() {
        long s = sstatus & ~(Csr.SSTATUS_SPP | Csr.SSTATUS_SPIE | Csr.SSTATUS_SIE);
        if (priv == SUPERVISOR) s |= Csr.SSTATUS_SPP;
        if ((sstatus & Csr.SSTATUS_SIE) != 0) s |= Csr.SSTATUS_SPIE;
        sstatus = s;
        priv = SUPERVISOR;
        reservationAddress = -1;
        trapRaised = true;
    }

    /** sret: back to the privilege in sstatus.SPP at sepc. */
    public void sret() {
        int to = (sstatus & Csr.SSTATUS_SPP) != 0 ? SUPERVISOR : USER;
        long s = sstatus & ~(Csr.SSTATUS_SPP | Csr.SSTATUS_SIE);
        if ((sstatus & Csr.SSTATUS_SPIE) != 0) s |= Csr.SSTATUS_SIE;
        s |= Csr.SSTATUS_SPIE;
        sstatus = s;
        priv = to;
        pc = sepc;
        reservationAddress = -1;
    }

    /** The kernel's way back to a user context: pc = the given address, U-mode. */
    public void returnToUser(long userPc) {
        sepc = userPc;
        sstatus &= ~Csr.SSTATUS_SPP;
        sret();
    }

    /** Translates a virtual address for this hart's current privilege; -1 after raising the fault. */
    public long translate(long va, int access) {
        long pa = walker.walk(satp, va, access, priv == USER,
                (sstatus & Csr.SSTATUS_SUM) != 0, (sstatus & Csr.SSTATUS_MXR) != 0);
        if (pa == PageWalker.FAULT) {
            trap(walker.lastFault == PageWalker.FAULT_PAGE ? AccessType.pageFault(access) : AccessType.accessFault(access), va);
            return -1;
        }
        return pa;
    }

    /** fcsr as the CSR reads it. */
    public int fcsr() { return (frm << 5) | fpu.fflags; }

    public void markFpDirty() { sstatus |= Csr.SSTATUS_FS_DIRTY | Csr.SSTATUS_SD; }
}
