package org.exoos.microkernel.mm;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.hal.mmu.AccessType;
import org.exoos.hal.mmu.Sv39;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.exoos.hal.mmu.Sv39.*;

/**
 * One user address space: an Sv39 {@link PageTable} plus the {@link Vma}s that say what may be mapped where.
 *
 * <p>Regions are recorded eagerly and backed lazily: a page gets a zeroed frame on its first touch
 * ({@link #handleFault}), whether the toucher is the user (a page fault) or the kernel copying to or from
 * user memory ({@link #copyIn}, {@link #copyOut}). User leaves carry U, the region's R/W/X, and A/D preset
 * so the hardware walk never has to set them.
 *
 * <p>{@link #fork} shares every private page copy-on-write: both spaces map the frame read-only with
 * {@link #PTE_COW} set, {@link FrameRefCounts} counts the sharers, and the first store from either side
 * copies the page (or, once the other side has let go, simply makes it writable again). Shared regions
 * ({@link Vma#SHARED}) are mapped writable by both.
 *
 * <p>After a change that removes or narrows a translation (unmap, protect, a copy-on-write break, fork)
 * every hart registered with {@link #attach} has its TLBs flushed at once, from the calling thread, and the
 * call waits until each of those harts has left guest code or gone through its engine's slow path, past
 * any access in flight (a shootdown with its acknowledgement); a hart that was walking the page table
 * meanwhile walks again ({@code Hart.fillRaced}). {@link #tlbGeneration()} moves on too, and a hart's run
 * loop compares it before resuming user code. Regions and the page table change under this object's lock,
 * so threads (and a vfork parent and child) fault into one space safely.
 */
public final class AddressSpace {
    public static final int PAGE_SIZE = PhysicalMemory.PAGE_SIZE;
    /** First address above user space: the top of the lower canonical half of Sv39 (256 GiB). */
    public static final long USER_TOP = 1L << (VA_BITS - 1);
    /** Lowest address a mapping may start at (Linux's default vm.mmap_min_addr): NULL stays unmapped. */
    public static final long MIN_ADDRESS = 0x1_0000L;
    /** Software PTE bit: the frame is shared copy-on-write; W stays clear until a store breaks the sharing. */
    public static final long PTE_COW = PTE_RSW0;

    private final FrameAllocator frames;
    private final PhysicalMemory memory;
    private final PageTable table;
    private final TreeMap<Long, Vma> vmas = new TreeMap<>();
    private final List<Hart> harts = new CopyOnWriteArrayList<>();
    private final FrameRefCounts sharing;
    /** Moves on with every TLB flush this space asks for; harts compare it before resuming user code. */
    private volatile long tlbGeneration;

    private AddressSpace(FrameAllocator frames, PageTable table) {
        this.frames = frames;
        this.memory = frames.memory();
        this.table = table;
        this.sharing = FrameRefCounts.of(frames);
    }

    /** An empty address space, or null when no frame is left for its root table. */
    public static AddressSpace create(FrameAllocator frames) {
        PageTable table = PageTable.create(frames);
        return table == null ? null : new AddressSpace(frames, table);
    }

    /** The satp value that makes a hart translate through this space (ASID 0: switches flush the TLBs). */
    public long satp() { return Sv39.satp(table.root(), 0); }

    public PageTable pageTable() { return table; }

    public PhysicalMemory memory() { return memory; }

    /** Where this space's frames come from (exec builds the next space from the same allocator). */
    public FrameAllocator frames() { return frames; }

    // ---- harts running this space ----

    /** Registers a hart that now translates through this space, so changes flush its TLBs. */
    public void attach(Hart hart) { if (!harts.contains(hart)) harts.add(hart); }

    public void detach(Hart hart) { harts.remove(hart); }

    /**
     * The shootdown: every hart running this space drops its TLBs, and this returns only when none of them
     * can still reach memory through a dropped entry (each has left guest code or gone through a slow path),
     * so the caller may reuse the frames it unmapped.
     */
    private void flushTlbs() {
        tlbGeneration++; // under the lock: every caller holds it
        for (Hart h : harts) h.flushTlbs();
        for (Hart h : harts) h.awaitShootdown(h.fillEpoch());
    }

    /** Changes with every flush this space asks for: a hart that saw another value must flush before resuming. */
    public long tlbGeneration() { return tlbGeneration; }

    // ---- regions ----

    public static long pageDown(long va) { return va & -PAGE_SIZE; }

    /** va rounded up to a page boundary; negative on overflow. */
    public static long pageUp(long va) { return (va + PAGE_SIZE - 1) & -PAGE_SIZE; }

    private static boolean validRange(long start, long length) {
        return length > 0 && ((start | length) & (PAGE_SIZE - 1)) == 0
                && start >= 0 && start < USER_TOP && length <= USER_TOP - start;
    }

    /** The VMA containing va, or null. */
    public synchronized Vma find(long va) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(va);
        return e != null && e.getValue().contains(va) ? e.getValue() : null;
    }

    /** A snapshot of the VMAs in address order. */
    public synchronized List<Vma> vmas() { return List.copyOf(vmas.values()); }

    /** True when no VMA overlaps [start, start+length). */
    public synchronized boolean isFree(long start, long length) {
        if (!validRange(start, length)) return false;
        long end = start + length;
        Map.Entry<Long, Vma> below = vmas.lowerEntry(end);
        return below == null || below.getValue().end() <= start;
    }

    /**
     * Records a region [start, start+length). Nothing is backed until touched. Fails with OVERLAP rather
     * than replacing existing mappings: a caller that wants replacement unmaps first.
     */
    public MmStatus map(long start, long length, int prot, int flags, String name) {
        if (!validRange(start, length)) return MmStatus.OUT_OF_RANGE;
        return map(new Vma(start, start + length, prot, flags, name));
    }

    /** Records an area as given (a file-backed one names its {@link Pager}); OVERLAP when its range is not free. */
    public synchronized MmStatus map(Vma area) {
        if (!validRange(area.start(), area.length())) return MmStatus.OUT_OF_RANGE;
        if (!isFree(area.start(), area.length())) return MmStatus.OVERLAP;
        insertMerging(area);
        return MmStatus.OK;
    }

    /** True when every page of [start, start+length) lies in some VMA. */
    public synchronized boolean isMapped(long start, long length) {
        if (!validRange(start, length)) return false;
        long covered = start, end = start + length;
        for (Vma v : overlapping(start, end)) {
            if (v.start() > covered) return false;
            covered = v.end();
        }
        return covered >= end;
    }

    /** Removes every mapping in [start, start+length); holes are fine. Frames go back to the allocator. */
    public synchronized MmStatus unmap(long start, long length) {
        if (!validRange(start, length)) return MmStatus.OUT_OF_RANGE;
        long end = start + length;
        List<Vma> gone = overlapping(start, end);
        cutOut(start, end);
        releaseLeaves(gone, start, end);
        return MmStatus.OK;
    }

    /**
     * Clears the leaves of [start, end) within the given areas (which may no longer be recorded), flushes the
     * TLBs, then lets go of the frames: a shared file page goes back to its pager, any other to the allocator.
     */
    private void releaseLeaves(List<Vma> areas, long start, long end) {
        List<Long> freed = new ArrayList<>();
        List<Object> toPagers = new ArrayList<>(); // (Vma, va, pa) triples, flattened
        for (Vma v : areas) {
            boolean paged = v.mapsPagerFrames();
            table.forEachLeaf(Math.max(start, v.start()), Math.min(end, v.end()), (va, slot, pte) -> {
                table.write(slot, 0);
                if (paged) {
                    toPagers.add(v);
                    toPagers.add(va);
                    toPagers.add(ppnToAddress(pte));
                } else {
                    freed.add(ppnToAddress(pte));
                }
            });
        }
        if (freed.isEmpty() && toPagers.isEmpty()) return;
        flushTlbs(); // no hart may still reach a frame once it is reusable
        for (long pa : freed) letGo(pa);
        for (int i = 0; i < toPagers.size(); i += 3) {
            Vma v = (Vma) toPagers.get(i);
            v.pager().unmap(v.pageIndexOf((Long) toPagers.get(i + 1)), (Long) toPagers.get(i + 2));
        }
    }

    /**
     * madvise(MADV_DONTNEED) on [start, start+length): the private pages are dropped, so they read back as
     * zeros (anonymous memory) or as the file's bytes (a private file mapping). Shared areas keep their
     * pages: their contents belong to every mapper. Holes are skipped.
     */
    public synchronized MmStatus discard(long start, long length) {
        if (!validRange(start, length)) return MmStatus.OUT_OF_RANGE;
        List<Vma> privateAreas = new ArrayList<>();
        for (Vma v : overlapping(start, start + length)) {
            if ((v.flags() & Vma.SHARED) == 0) privateAreas.add(v);
        }
        releaseLeaves(privateAreas, start, start + length);
        return MmStatus.OK;
    }

    /** Changes the protection of [start, start+length), which must be fully mapped (else NOT_MAPPED, unchanged). */
    public synchronized MmStatus protect(long start, long length, int prot) {
        if (!validRange(start, length)) return MmStatus.OUT_OF_RANGE;
        long end = start + length;
        long covered = start;
        for (Vma v : overlapping(start, end)) {
            if (v.start() > covered) return MmStatus.NOT_MAPPED;
            covered = v.end();
        }
        if (covered < end) return MmStatus.NOT_MAPPED;
        List<Vma> changed = new ArrayList<>();
        for (Vma v : overlapping(start, end)) changed.add(v.slice(start, end).withProt(prot));
        cutOut(start, end);
        for (Vma v : changed) insertMerging(v);
        table.forEachLeaf(start, end, (va, slot, pte) -> table.write(slot, entryFor(pte, prot)));
        flushTlbs();
        return MmStatus.OK;
    }

    /**
     * Sets and clears {@link Vma} flags (such as {@link Vma#DONT_FORK}) on the areas in [start, start+length),
     * splitting them at the range's ends; holes are skipped. Translations are untouched.
     */
    public synchronized MmStatus changeFlags(long start, long length, int set, int clear) {
        if (!validRange(start, length)) return MmStatus.OUT_OF_RANGE;
        long end = start + length;
        List<Vma> changed = new ArrayList<>();
        for (Vma v : overlapping(start, end)) changed.add(v.slice(start, end).withFlags((v.flags() | set) & ~clear));
        for (Vma v : changed) v.attachPager(); // held while the old pieces go
        cutOut(start, end);
        for (Vma v : changed) {
            insertMerging(v);
            v.detachPager();
        }
        return MmStatus.OK;
    }

    /**
     * Moves the mappings of [from, from+length) to [to, to+length), pages and all: the frames change
     * address, not contents (mremap). The target must be free; the source must be mapped. NO_MEMORY (and
     * nothing moved) when a page table for the target cannot be allocated.
     */
    public synchronized MmStatus move(long from, long length, long to) {
        if (!validRange(from, length) || !validRange(to, length)) return MmStatus.OUT_OF_RANGE;
        if (!isFree(to, length)) return MmStatus.OVERLAP;
        long end = from + length, delta = to - from;
        List<Vma> moving = new ArrayList<>();
        for (Vma v : overlapping(from, end)) moving.add(v.slice(from, end));
        List<long[]> leaves = new ArrayList<>();
        table.forEachLeaf(from, end, (va, slot, pte) -> leaves.add(new long[] {va, slot, pte}));
        long[] targets = new long[leaves.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = table.slot(leaves.get(i)[0] + delta, true);
            if (targets[i] < 0) return MmStatus.NO_MEMORY; // nothing has moved yet
        }
        for (Vma v : moving) v.attachPager(); // the pager stays known while the area is in flight
        cutOut(from, end);
        for (Vma v : moving) {
            insertMerging(v.movedBy(delta));
            v.detachPager();
        }
        for (int i = 0; i < targets.length; i++) {
            table.write(leaves.get(i)[1], 0);
            table.write(targets[i], leaves.get(i)[2]);
        }
        flushTlbs();
        return MmStatus.OK;
    }

    /**
     * The highest free range of the given length that ends at or below {@code below}, or -1.
     * This is Linux's top-down mmap placement: new mappings grow down from below the stack.
     */
    public synchronized long findFree(long length, long below) {
        if (length <= 0 || (length & (PAGE_SIZE - 1)) != 0) return -1;
        long top = Math.min(pageDown(below), USER_TOP);
        for (Vma v : vmas.headMap(top, false).descendingMap().values()) {
            if (v.end() <= top && top - Math.max(v.end(), MIN_ADDRESS) >= length) return top - length;
            top = Math.min(top, v.start());
        }
        return top - MIN_ADDRESS >= length ? top - length : -1;
    }

    private List<Vma> overlapping(long start, long end) {
        List<Vma> out = new ArrayList<>();
        Map.Entry<Long, Vma> first = vmas.floorEntry(start);
        long from = first != null && first.getValue().end() > start ? first.getKey() : start;
        for (Vma v : vmas.subMap(from, true, end, false).values()) {
            if (v.overlaps(start, end)) out.add(v);
        }
        return out;
    }

    /** Removes [start, end) from the VMA set, keeping the parts of cut VMAs that lie outside it. */
    private void cutOut(long start, long end) {
        for (Vma v : overlapping(start, end)) {
            // Pieces are recorded before the whole goes, so a pager's count of areas never touches 0 midway.
            if (v.end() > end) put(v.slice(end, v.end()));
            if (v.start() < start) put(v.slice(v.start(), start)); // replaces v
            else remove(v.start());
        }
    }

    private void insertMerging(Vma v) {
        Map.Entry<Long, Vma> prev = vmas.lowerEntry(v.start());
        Vma merged = v;
        if (prev != null && prev.getValue().mergeableWith(v)) merged = prev.getValue().withEnd(v.end());
        Vma next = vmas.get(v.end());
        boolean mergeNext = next != null && merged.mergeableWith(next);
        if (mergeNext) merged = merged.withEnd(next.end());
        put(merged); // replaces prev when it merged
        if (mergeNext) remove(next.start());
    }

    /** Records an area (replacing one at the same start), keeping pagers' counts of areas. */
    private void put(Vma v) {
        v.attachPager();
        Vma old = vmas.put(v.start(), v);
        if (old != null) old.detachPager();
    }

    private void remove(long start) {
        Vma old = vmas.remove(start);
        if (old != null) old.detachPager();
    }

    // ---- faults ----

    /** Leaf bits for a protection. RISC-V has no write-only pages (W without R is reserved): W implies R. */
    static long leafFlags(int prot) {
        if ((prot & (Vma.READ | Vma.WRITE | Vma.EXEC)) == 0) return PageTable.PTE_PARKED;
        long f = PTE_V | PTE_U | PTE_A | PTE_D;
        if ((prot & (Vma.READ | Vma.WRITE)) != 0) f |= PTE_R;
        if ((prot & Vma.WRITE) != 0) f |= PTE_W;
        if ((prot & Vma.EXEC) != 0) f |= PTE_X;
        return f;
    }

    private static long withFlags(long pte, long flags) {
        return (pte & PTE_PPN_MASK) | flags;
    }

    /** The entry for a frame under a protection; a copy-on-write frame stays read-only and marked. */
    private static long entryFor(long pte, int prot) {
        long flags = leafFlags(prot);
        if ((pte & PTE_COW) != 0) flags = (flags & ~PTE_W) | PTE_COW;
        return withFlags(pte, flags);
    }

    /** Drops this space's hold on a frame; the frame is freed when no other space maps it. */
    private void letGo(long pa) {
        if (sharing.release(pa)) frames.release(pa);
    }

    /** Whether a VMA's protection admits an access (Linux: a load is fine from a readable or writable area). */
    private static boolean vmaPermits(Vma v, int access) {
        return switch (access) {
            case AccessType.FETCH -> (v.prot() & Vma.EXEC) != 0;
            case AccessType.LOAD -> (v.prot() & (Vma.READ | Vma.WRITE)) != 0;
            default -> (v.prot() & Vma.WRITE) != 0;
        };
    }

    private static boolean ptePermits(long pte, int access) {
        if ((pte & (PTE_V | PTE_U)) != (PTE_V | PTE_U)) return false;
        return switch (access) {
            case AccessType.FETCH -> (pte & PTE_X) != 0;
            case AccessType.LOAD -> (pte & PTE_R) != 0;
            default -> (pte & PTE_W) != 0;
        };
    }

    /**
     * Resolves a user page fault at va for an {@link AccessType}: supplies a zeroed frame for a legal first
     * touch, refreshes a stale entry, or says why the access is illegal.
     */
    public synchronized FaultOutcome handleFault(long va, int access) {
        if (va < 0 || va >= USER_TOP) return FaultOutcome.NO_MAPPING;
        Vma v = find(va);
        if (v == null) return FaultOutcome.NO_MAPPING;
        if (!vmaPermits(v, access)) return FaultOutcome.PROTECTION;
        long slot = table.slot(va, true);
        if (slot < 0) return FaultOutcome.OUT_OF_MEMORY;
        long pte = table.read(slot);
        if (pte != 0) {
            if ((pte & PTE_COW) != 0 && access == AccessType.STORE) return breakSharing(slot, pte, v.prot());
            table.write(slot, entryFor(pte, v.prot())); // entry out of step with its VMA: bring it back in line
            return FaultOutcome.RESOLVED;
        }
        long frame = supply(v, va);
        if (frame == FrameAllocator.NO_FRAME) return FaultOutcome.OUT_OF_MEMORY;
        if (frame == Pager.BEYOND_END) return FaultOutcome.BEYOND_FILE;
        table.write(slot, pte(frame, leafFlags(v.prot())));
        return FaultOutcome.RESOLVED;
    }

    /**
     * A frame for the first touch of va's page in v: zeroed for anonymous memory, the pager's own frame for a
     * shared file mapping, a copy of the pager's frame for a private one; NO_FRAME when out of memory,
     * {@link Pager#BEYOND_END} for a page past the file's end.
     */
    private long supply(Vma v, long va) {
        if (v.pager() == null) return frames.allocate();
        long index = v.pageIndexOf(va);
        if (v.mapsPagerFrames()) return v.pager().map(index, (v.prot() & Vma.WRITE) != 0);
        long source = v.pager().map(index, false);
        if (source == FrameAllocator.NO_FRAME || source == Pager.BEYOND_END) return source;
        long copy = frames.allocate();
        if (copy != FrameAllocator.NO_FRAME) {
            MemorySegment.copy(memory.segment(), PhysicalMemory.offset(source), memory.segment(), PhysicalMemory.offset(copy), PAGE_SIZE);
            memory.noteWrite(copy, PAGE_SIZE);
        }
        v.pager().unmap(index, source);
        return copy;
    }

    /**
     * A store to a copy-on-write page: the page becomes this space's own, copied when another space still
     * maps the frame, or kept as is when this space was the last to map it.
     */
    private FaultOutcome breakSharing(long slot, long pte, int prot) {
        long pa = ppnToAddress(pte);
        if (!sharing.isShared(pa)) {
            table.write(slot, pte(pa, leafFlags(prot)));
            return FaultOutcome.RESOLVED; // no hart can hold a writable entry for it: no flush needed
        }
        long copy = frames.allocate();
        if (copy == FrameAllocator.NO_FRAME) return FaultOutcome.OUT_OF_MEMORY;
        MemorySegment.copy(memory.segment(), PhysicalMemory.offset(pa), memory.segment(), PhysicalMemory.offset(copy), PAGE_SIZE);
        memory.noteWrite(copy, PAGE_SIZE);
        table.write(slot, pte(copy, leafFlags(prot)));
        flushTlbs(); // load and fetch entries still name the shared frame
        letGo(pa);
        return FaultOutcome.RESOLVED;
    }

    // ---- user memory, as the kernel sees it ----

    /**
     * The physical address of user address va for an access made on the user's behalf, faulting in a
     * demand-zero page if needed; -1 when the user could not make this access.
     */
    public long translate(long va, int access) {
        if (va < 0 || va >= USER_TOP) return -1;
        long pte = table.lookup(va);
        if (!ptePermits(pte, access)) {
            if (handleFault(va, access) != FaultOutcome.RESOLVED) return -1;
            pte = table.lookup(va);
            if (!ptePermits(pte, access)) return -1;
        }
        return ppnToAddress(pte) | (va & (PAGE_SIZE - 1));
    }

    /** Copies len bytes from user memory at va into dst; false (dst partly written) if any byte is unreadable. */
    public boolean copyIn(long va, byte[] dst, int off, int len) {
        while (len > 0) {
            long pa = translate(va, AccessType.LOAD);
            if (pa < 0) return false;
            int n = (int) Math.min(len, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
            memory.read(pa, dst, off, n);
            va += n; off += n; len -= n;
        }
        return true;
    }

    /** Copies len bytes of src into user memory at va; false (partly written) if any byte is unwritable. */
    public boolean copyOut(long va, byte[] src, int off, int len) {
        while (len > 0) {
            long pa = translate(va, AccessType.STORE);
            if (pa < 0) return false;
            int n = (int) Math.min(len, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
            memory.write(pa, src, off, n);
            va += n; off += n; len -= n;
        }
        return true;
    }

    /**
     * Reads a NUL-terminated string of at most max bytes including the NUL. Returns its bytes without the
     * NUL; an array of exactly max bytes when no NUL came within max bytes (too long); null on a bad address.
     */
    public byte[] readCString(long va, int max) {
        byte[] buf = new byte[Math.min(max, 256)];
        int n = 0;
        while (n < max) {
            long pa = translate(va + n, AccessType.LOAD);
            if (pa < 0) return null;
            int chunk = (int) Math.min(max - n, PAGE_SIZE - ((va + n) & (PAGE_SIZE - 1)));
            for (int i = 0; i < chunk; i++) {
                byte b = memory.readByte(pa + i);
                if (b == 0) return java.util.Arrays.copyOf(buf, n);
                if (n == buf.length) buf = java.util.Arrays.copyOf(buf, Math.min(max, buf.length * 2));
                buf[n++] = b;
            }
        }
        return java.util.Arrays.copyOf(buf, max);
    }

    /**
     * Writes bytes regardless of page protection, as a loader fills a read-only text segment. The range must
     * lie in VMAs; missing frames are supplied. False when it does not, or when frames ran out.
     */
    public synchronized boolean writeIgnoringProtection(long va, byte[] src, int off, int len) {
        while (len > 0) {
            long pa = backingFrame(va);
            if (pa < 0) return false;
            int pageOff = (int) (va & (PAGE_SIZE - 1));
            int n = Math.min(len, PAGE_SIZE - pageOff);
            memory.write(pa + pageOff, src, off, n);
            va += n; off += n; len -= n;
        }
        return true;
    }

    /** The frame behind va's page, supplying one if absent; -1 outside VMAs or when out of frames. */
    private long backingFrame(long va) {
        Vma v = find(va);
        if (v == null) return -1;
        long slot = table.slot(va, true);
        if (slot < 0) return -1;
        long pte = table.read(slot);
        if (pte == 0) {
            long frame = supply(v, va);
            if (frame == FrameAllocator.NO_FRAME) return -1;
            pte = pte(frame, leafFlags(v.prot()));
            table.write(slot, pte);
        } else if ((pte & PTE_COW) != 0) {
            if (breakSharing(slot, pte, v.prot()) != FaultOutcome.RESOLVED) return -1;
            pte = table.read(slot);
        }
        return ppnToAddress(pte);
    }

    /** Frames backing user pages in [start, end) (a VMA's share of the resident set, in pages). */
    public synchronized long residentPages(long start, long end) {
        long[] n = {0};
        table.forEachLeaf(start, end, (va, slot, pte) -> n[0]++);
        return n[0];
    }

    /** Bytes of address space the VMAs take (VmSize; what RLIMIT_AS limits). */
    public synchronized long mappedBytes() {
        long n = 0;
        for (Vma v : vmas.values()) n += v.length();
        return n;
    }

    /** Frames currently backing user pages (resident set, in pages). */
    public synchronized long residentPages() {
        long[] n = {0};
        table.forEachLeaf(0, USER_TOP, (va, slot, pte) -> n[0]++);
        return n[0];
    }

    // ---- fork ----

    /**
     * A copy of this space for a forked process: the same regions, private pages shared copy-on-write
     * (read-only in both spaces until a store), shared regions mapped by both. Pages of shared regions not
     * yet touched are backed first, so that both sides see the same frames. Null when frames for page tables
     * (or those shared pages) ran out; this space is then still whole.
     */
    public synchronized AddressSpace fork() {
        AddressSpace child = create(frames);
        if (child == null) return null;
        for (Vma v : vmas.values()) {
            // Shared anonymous pages are backed now so both sides hold the same frames; a pager's come from its cache.
            if ((v.flags() & Vma.SHARED) == 0 || v.pager() != null || (v.flags() & Vma.DONT_FORK) != 0) continue;
            for (long va = v.start(); va < v.end(); va += PAGE_SIZE) {
                if (backingFrame(va) < 0) {
                    child.destroy();
                    return null;
                }
            }
        }
        for (Vma v : vmas.values()) {
            if ((v.flags() & Vma.DONT_FORK) == 0) child.put(v);
        }
        boolean[] failed = {false};
        table.forEachLeaf(0, USER_TOP, (va, slot, pte) -> {
            if (failed[0]) return;
            Vma v = find(va);
            if (v != null && (v.flags() & Vma.DONT_FORK) != 0) return; // not in the child
            long childSlot = child.table.slot(va, true);
            if (childSlot < 0) {
                failed[0] = true;
                return;
            }
            long shared = pte;
            if (v == null || (v.flags() & Vma.SHARED) == 0) {
                shared = (pte & ~PTE_W) | PTE_COW;
                table.write(slot, shared);
            }
            if (v != null && v.mapsPagerFrames()) frames.retain(ppnToAddress(pte)); // the child's own hold, given back via the pager
            else sharing.share(ppnToAddress(pte));
            child.table.write(childSlot, shared);
        });
        flushTlbs(); // this space's writable entries for now-shared frames must go
        if (failed[0]) {
            child.destroy(); // lets go of what it shared; this space's marked pages become writable on a store
            return null;
        }
        return child;
    }

    /** Address spaces mapping the frame behind va (1 when private); 0 when nothing backs va. */
    public synchronized int mappersOf(long va) {
        long pte = table.lookup(va);
        return pte == 0 ? 0 : sharing.mappers(ppnToAddress(pte));
    }

    /** The processes using this very space (Linux's mm_users): more than one after clone(CLONE_VM) or vfork. */
    private int users = 1;

    /** clone(CLONE_VM) without CLONE_THREAD, or vfork: one more process uses this space. */
    public synchronized AddressSpace share() {
        if (users <= 0) throw new IllegalStateException("sharing a destroyed address space");
        users++;
        return this;
    }

    /** A process using this space ended or exec'd: the last one destroys it. True when it was destroyed. */
    public boolean release() {
        synchronized (this) {
            if (--users > 0) return false;
        }
        destroy();
        return true;
    }

    /** Releases every frame and table of this space; it must not be used afterwards. */
    public synchronized void destroy() {
        List<Vma> areas = List.copyOf(vmas.values());
        releaseLeaves(areas, 0, USER_TOP);
        flushTlbs(); // before any frame can be reused
        table.forEachLeaf(0, USER_TOP, (va, slot, pte) -> { // leaves outside every area (none expected)
            table.write(slot, 0);
            letGo(ppnToAddress(pte));
        });
        table.destroy();
        for (Vma v : areas) remove(v.start());
        harts.clear();
    }
}
