package org.exoos.microkernel.mm.alloc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The top level of the frame allocator: one hart's small LIFO stack of free frame indices, used by that
 * hart's thread only, so taking or returning a frame is an array pop or push with no lock and no atomic.
 * The most recently freed frame is handed out first, while it is still warm in the host's caches.
 *
 * <p>It talks to the {@link BuddyAllocator} in batches: an empty stack is refilled with up to {@link #BATCH}
 * frames under one lock acquisition, a full one gives {@link #BATCH} back. While the buddy is low on frames
 * the cache stops hoarding: refills shrink to what the buddy can spare and every free goes back down, so
 * memory stranded in caches stays small when it matters. What remains stranded on an idle hart is at most
 * {@link #CAPACITY} frames, and {@link #drain} (a hart going away) returns it all.
 *
 * <p>Only the count is read by other threads (accounting, {@link #cachedFrames}); the owner publishes it with
 * an opaque store, a plain move on the hosts we run on.
 */
public final class HartFrameCache {
    /** Frames one hart may keep. */
    public static final int CAPACITY = 64;
    /** Frames moved to or from the buddy at a time. */
    public static final int BATCH = 32;

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(HartFrameCache.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int hartId;
    private final Thread owner;
    private final BuddyAllocator buddy;
    private final int[] stack = new int[CAPACITY];
    private int count;

    /** A cache for the given hart, used by the given thread only. */
    public HartFrameCache(int hartId, Thread owner, BuddyAllocator buddy) {
        this.hartId = hartId;
        this.owner = owner;
        this.buddy = buddy;
    }

    public int hartId() { return hartId; }

    /** The one thread allowed to use this cache. */
    public Thread owner() { return owner; }

    /** Frames held right now; may be read from any thread. */
    public int cachedFrames() { return (int) COUNT.getOpaque(this); }

    /** A free frame index (the buddy's view: allocated, order 0), or {@link BuddyAllocator#NONE} when none is left. */
    public int allocate() {
        int n = count;
        if (n == 0) {
            n = refill();
            if (n == 0) return BuddyAllocator.NONE;
        }
        int frame = stack[--n];
        COUNT.setOpaque(this, n);
        return frame;
    }

    /** Takes back a frame this level or the buddy handed out (not checked here: the caller's refcount is). */
    public void free(int frame) {
        int n = count;
        if (n == CAPACITY || buddy.isLow()) {
            n = spill(n);
            if (buddy.isLow()) { // under pressure: nothing stays here
                buddy.free(frame, 0);
                return;
            }
        }
        stack[n] = frame;
        COUNT.setOpaque(this, n + 1);
    }

    /** Returns every frame held to the buddy (the hart is going away, or memory is short). */
    public void drain() {
        int n = count;
        if (n == 0) return;
        buddy.freeBatch(stack, 0, n);
        COUNT.setOpaque(this, 0);
    }

    private int refill() {
        int want = Math.clamp(buddy.freeFrameCount() / 16, 1, BATCH);
        int got = buddy.allocateBatch(stack, 0, want);
        // Batch order is ascending; reverse it so the lowest frame is popped first (RAM fills upwards).
        for (int i = 0, j = got - 1; i < j; i++, j--) {
            int t = stack[i];
            stack[i] = stack[j];
            stack[j] = t;
        }
        COUNT.setOpaque(this, got);
        return got;
    }

    /** Gives the oldest frames back: BATCH of them when full, all of them when the buddy is low. */
    private int spill(int n) {
        int give = buddy.isLow() ? n : Math.min(BATCH, n);
        if (give == 0) return n;
        buddy.freeBatch(stack, 0, give);
        System.arraycopy(stack, give, stack, 0, n - give);
        int left = n - give;
        COUNT.setOpaque(this, left);
        return left;
    }
}
