package org.exoos.microkernel.mm;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.microkernel.mm.alloc.BuddyAllocator;
import org.exoos.microkernel.mm.alloc.FrameSource;
import org.exoos.microkernel.mm.alloc.HartFrameCache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Hands out the 4 KiB frames of {@link PhysicalMemory}, zeroed, and counts references to each so that
 * a frame shared by several address spaces (copy-on-write) is freed by its last user only.
 *
 * <p>The facade over the allocator's levels (package {@code mm.alloc}):
 * <pre>
 *   hart thread ──▶ HartFrameCache (per hart, LIFO array, no lock) ──batches──▶ BuddyAllocator (one lock)
 *   other thread ──────────────────────────────────────────────────────────────▶ BuddyAllocator
 *   kernel objects ──▶ SlabCache (per object size) ──frames──▶ this facade
 * </pre>
 * A thread becomes a hart's with {@link #attachHart} and stops with {@link #detachHart}; a thread that never
 * attached (the launcher, a server, a test) takes the shared path straight to the buddy.
 *
 * <p>Running out is an ordinary result ({@link #NO_FRAME}), never an exception: the caller turns it into
 * ENOMEM or an out-of-memory kill. Before giving up, the frames cached by harts whose thread has ended are
 * taken back. Reference counts are updated with atomics (harts release shared frames concurrently); a
 * release of a frame with no reference, a double free included, is refused with an exception.
 *
 * <p>Accounting: a frame is free while it is in the buddy or in a hart's cache, used while it has a
 * reference. {@link #freeFrames} is exact whenever no allocation is in flight.
 */
public final class FrameAllocator implements FrameSource {
    /** Returned by {@link #allocate} when every frame is in use. */
    public static final long NO_FRAME = -1L;

    private static final VarHandle REFS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final HartFrameCache[] NO_HARTS = new HartFrameCache[0];

    private final PhysicalMemory memory;
    private final BuddyAllocator buddy;
    /** References per frame; 0 means free (in the buddy or in a hart's cache). */
    private final int[] refs;
    private final ThreadLocal<HartFrameCache> currentHart = new ThreadLocal<>();
    /** Every attached hart's cache, for accounting and reclaim; replaced (never changed) under harts' lock. */
    private volatile HartFrameCache[] harts = NO_HARTS;
    private final Object hartsLock = new Object();

    /** Manages every frame of the given memory. */
    public FrameAllocator(PhysicalMemory memory) {
        this.memory = memory;
        this.buddy = new BuddyAllocator(memory.frames());
        this.refs = new int[memory.frames()];
    }

    @Override
    public PhysicalMemory memory() { return memory; }

    /** A zeroed frame with one reference: its physical address, or {@link #NO_FRAME}. */
    @Override
    public long allocate() {
        HartFrameCache cache = currentHart.get();
        int frame = cache != null ? cache.allocate() : buddy.allocate(0);
        if (frame == BuddyAllocator.NONE && reclaimDeadHarts() > 0) {
            frame = cache != null ? cache.allocate() : buddy.allocate(0);
        }
        if (frame == BuddyAllocator.NONE) return NO_FRAME;
        REFS.setRelease(refs, frame, 1);
        long pa = PhysicalMemory.frameAddress(frame);
        // fill() goes through noteWrite, so a decoded-instruction shadow of the frame's old life is dropped too.
        memory.fill(pa, PhysicalMemory.PAGE_SIZE, (byte) 0);
        return pa;
    }

    /** Adds a reference to an allocated frame (a second mapping of it). */
    public void retain(long pa) {
        int frame = checkedFrame(pa);
        int r;
        do {
            r = (int) REFS.getVolatile(refs, frame);
            if (r == 0) throw new IllegalStateException("retain of a free frame at 0x" + Long.toHexString(pa));
        } while (!REFS.compareAndSet(refs, frame, r, r + 1));
    }

    /** Drops a reference; the frame becomes free with the last one. */
    @Override
    public void release(long pa) {
        int frame = checkedFrame(pa);
        int r;
        do {
            r = (int) REFS.getVolatile(refs, frame);
            if (r == 0) throw new IllegalStateException("release of a free frame at 0x" + Long.toHexString(pa));
        } while (!REFS.compareAndSet(refs, frame, r, r - 1));
        if (r > 1) return;
        HartFrameCache cache = currentHart.get();
        if (cache != null) cache.free(frame); else buddy.free(frame, 0);
    }

    public int refCount(long pa) { return (int) REFS.getVolatile(refs, checkedFrame(pa)); }

    /** Frames not in use: in the buddy or cached by a hart. */
    public int freeFrames() {
        int free = buddy.freeFrameCount();
        for (HartFrameCache cache : harts) free += cache.cachedFrames();
        return free;
    }

    public int totalFrames() { return refs.length; }

    // ---- harts ----

    /**
     * Makes the calling thread hart hartId's: from now on its allocations and last releases go through a
     * frame cache of its own. Returns that cache (for inspection; the facade finds it by thread).
     *
     * @throws IllegalStateException the thread is already a hart's, or a live thread holds hartId
     */
    public HartFrameCache attachHart(int hartId) {
        if (hartId < 0) throw new IllegalArgumentException("hart id " + hartId);
        Thread self = Thread.currentThread();
        HartFrameCache mine = currentHart.get();
        if (mine != null) {
            throw new IllegalStateException(self.getName() + " is already attached as hart " + mine.hartId());
        }
        reclaimDeadHarts();
        HartFrameCache cache = new HartFrameCache(hartId, self, buddy);
        synchronized (hartsLock) {
            HartFrameCache[] now = harts;
            for (HartFrameCache other : now) {
                if (other.hartId() == hartId) {
                    throw new IllegalStateException("hart " + hartId + " is attached to " + other.owner().getName());
                }
            }
            HartFrameCache[] grown = Arrays.copyOf(now, now.length + 1);
            grown[now.length] = cache;
            harts = grown;
        }
        currentHart.set(cache);
        return cache;
    }

    /** Gives the calling thread's cached frames back and returns it to the shared path. No-op if not attached. */
    public void detachHart() {
        HartFrameCache cache = currentHart.get();
        if (cache == null) return;
        cache.drain(); // before removal, so its frames are always counted once
        remove(cache);
        currentHart.remove();
    }

    /** The hart the calling thread is attached as, or -1. */
    public int currentHartId() {
        HartFrameCache cache = currentHart.get();
        return cache == null ? -1 : cache.hartId();
    }

    /**
     * Takes back the frames of harts whose thread ended without detaching; returns how many. Safe without
     * the owner's cooperation: a thread seen terminated has finished every access to its cache.
     */
    private int reclaimDeadHarts() {
        boolean anyDead = false;
        for (HartFrameCache cache : harts) anyDead |= !cache.owner().isAlive();
        if (!anyDead) return 0;
        int reclaimed = 0;
        synchronized (hartsLock) { // drained before removal, so the frames are always counted once
            HartFrameCache[] now = harts;
            HartFrameCache[] alive = new HartFrameCache[now.length];
            int kept = 0;
            for (HartFrameCache cache : now) {
                if (cache.owner().isAlive()) {
                    alive[kept++] = cache;
                } else {
                    reclaimed += cache.cachedFrames();
                    cache.drain();
                }
            }
            harts = Arrays.copyOf(alive, kept);
        }
        return reclaimed;
    }

    private void remove(HartFrameCache cache) {
        synchronized (hartsLock) {
            HartFrameCache[] now = harts;
            for (int i = 0; i < now.length; i++) {
                if (now[i] != cache) continue;
                HartFrameCache[] shrunk = new HartFrameCache[now.length - 1];
                System.arraycopy(now, 0, shrunk, 0, i);
                System.arraycopy(now, i + 1, shrunk, i, now.length - i - 1);
                harts = shrunk;
                return;
            }
        }
    }

    private int checkedFrame(long pa) {
        if ((pa & (PhysicalMemory.PAGE_SIZE - 1)) != 0 || !memory.contains(pa, PhysicalMemory.PAGE_SIZE)) {
            throw new IllegalArgumentException("not a frame address: 0x" + Long.toHexString(pa));
        }
        return PhysicalMemory.frameOf(pa);
    }
}
