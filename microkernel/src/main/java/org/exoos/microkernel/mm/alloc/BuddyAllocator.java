package org.exoos.microkernel.mm.alloc;

import java.util.Arrays;

/**
 * The bottom level of the frame allocator: a binary buddy system over frame indices [0, frames), blocks of
 * 2^order frames for order 0..{@link #MAX_ORDER}, each aligned to its own size.
 *
 * <p>All bookkeeping lives in primitive arrays indexed by frame, nothing per block is an object:
 * <pre>
 *   state[f]  the first frame of a block: FREE_HEAD | order or USED_HEAD | order; every other frame: INSIDE
 *   next[f]   free-list links, meaningful only while f heads a free block; the lists are doubly linked so a
 *   prev[f]   buddy can be taken off its list in O(1) when it coalesces
 *   head[o]   first free block of order o, or {@link #NONE}
 * </pre>
 * Freeing checks the state byte, so a double free, a frame that was never handed out, the inside of a block
 * or the wrong order are refused with an exception before anything changes.
 *
 * <p>One lock (this object's monitor) guards everything: the per-hart caches above keep it off the fast path
 * and come here in batches ({@link #allocateBatch}, {@link #freeBatch}). {@link #freeFrameCount} is published
 * through a volatile so accounting reads it without the lock.
 */
public final class BuddyAllocator {
    /** Largest block: 2^10 frames (4 MiB), as Linux's default MAX_ORDER. */
    public static final int MAX_ORDER = 10;
    /** No frame: an empty list, or an allocation that failed. */
    public static final int NONE = -1;

    private static final byte INSIDE = 0;
    private static final byte FREE_HEAD = 0x40;
    private static final byte USED_HEAD = 0x20;
    private static final byte ORDER_MASK = 0x1f;

    private final int frames;
    private final byte[] state;
    private final int[] next;
    private final int[] prev;
    private final int[] head = new int[MAX_ORDER + 1];
    private final int[] freeBlocks = new int[MAX_ORDER + 1];
    /** Below this many free frames the caches above stop hoarding (see {@link #isLow}). */
    private final int lowWatermark;
    private volatile int freeFrames;
    private volatile boolean low;

    /** Every frame in [0, frames) starts free, carved into the largest aligned blocks that fit. */
    public BuddyAllocator(int frames) {
        if (frames <= 0) throw new IllegalArgumentException("no frames to manage: " + frames);
        this.frames = frames;
        this.state = new byte[frames];
        this.next = new int[frames];
        this.prev = new int[frames];
        Arrays.fill(head, NONE);
        this.lowWatermark = Math.clamp(frames / 64, 64, 4096);
        // Highest blocks pushed first, so the lowest frames head the lists and allocation walks RAM upwards.
        int[] starts = new int[64 + MAX_ORDER];
        int[] orders = new int[starts.length];
        int blocks = 0;
        for (int f = 0; f < frames; ) {
            int order = Math.min(MAX_ORDER, Integer.numberOfTrailingZeros(f == 0 ? Integer.MIN_VALUE : f));
            while (f + (1 << order) > frames) order--;
            if (blocks == starts.length) {
                starts = Arrays.copyOf(starts, blocks * 2);
                orders = Arrays.copyOf(orders, blocks * 2);
            }
            starts[blocks] = f;
            orders[blocks++] = order;
            f += 1 << order;
        }
        for (int b = blocks - 1; b >= 0; b--) push(starts[b], orders[b]);
        freeFrames = frames;
        low = frames < lowWatermark;
    }

    public int frames() { return frames; }

    /** Free frames held here (not counting what the caches above hold). Lock-free read. */
    public int freeFrameCount() { return freeFrames; }

    /** True while free frames are below the low watermark: caches should give frames back, not keep them. */
    public boolean isLow() { return low; }

    /** Free blocks of the given order (what /proc/buddyinfo prints). */
    public synchronized int freeBlocks(int order) { return freeBlocks[checkOrder(order)]; }

    /** The first frame of a free block of 2^order frames, now allocated, or {@link #NONE}. */
    public synchronized int allocate(int order) {
        checkOrder(order);
        int o = order;
        while (o <= MAX_ORDER && head[o] == NONE) o++;
        if (o > MAX_ORDER) return NONE;
        int block = head[o];
        unlink(block, o);
        while (o > order) { // split: the upper half goes back, the lower half is split further
            o--;
            push(block + (1 << o), o);
        }
        state[block] = (byte) (USED_HEAD | order);
        account(-(1 << order));
        return block;
    }

    /**
     * Up to count single frames into dst[offset..]: how many were taken (0 when none is free). One lock
     * acquisition for the batch.
     */
    public synchronized int allocateBatch(int[] dst, int offset, int count) {
        int taken = 0;
        while (taken < count) {
            int o = 0;
            while (o <= MAX_ORDER && head[o] == NONE) o++;
            if (o > MAX_ORDER) break;
            int block = head[o];
            unlink(block, o);
            while (o > 0) {
                o--;
                push(block + (1 << o), o);
            }
            state[block] = USED_HEAD; // order 0
            dst[offset + taken++] = block;
        }
        if (taken > 0) account(-taken);
        return taken;
    }

    /**
     * Frees a block allocated with the same order, merging it with its buddy as far as it goes.
     *
     * @throws IllegalArgumentException frame out of range, or order out of range
     * @throws IllegalStateException    frame does not head an allocated block of that order (a double free,
     *                                  a frame never allocated, or the wrong order)
     */
    public synchronized void free(int frame, int order) {
        checkOrder(order);
        checkAllocated(frame, order);
        release(frame, order);
        account(1 << order);
    }

    /** Frees count single frames from src[offset..] under one lock acquisition; each is checked as by free. */
    public synchronized void freeBatch(int[] src, int offset, int count) {
        int freed = 0;
        try {
            for (int i = 0; i < count; i++) {
                int frame = src[offset + i];
                checkAllocated(frame, 0);
                release(frame, 0);
                freed++;
            }
        } finally {
            account(freed);
        }
    }

    /** True when frame heads an allocated block (of any order). */
    public synchronized boolean isAllocated(int frame) {
        return frame >= 0 && frame < frames && (state[frame] & USED_HEAD) != 0;
    }

    private void checkAllocated(int frame, int order) {
        if (frame < 0 || frame >= frames) {
            throw new IllegalArgumentException("frame " + frame + " outside [0, " + frames + ")");
        }
        byte s = state[frame];
        if (s == (byte) (USED_HEAD | order)) return;
        if ((s & FREE_HEAD) != 0) throw new IllegalStateException("double free of frame " + frame);
        if ((s & USED_HEAD) != 0) {
            throw new IllegalStateException("frame " + frame + " was allocated with order " + (s & ORDER_MASK)
                    + ", freed with order " + order);
        }
        throw new IllegalStateException("frame " + frame + " is not the start of an allocated block");
    }

    private void release(int frame, int order) {
        int block = frame;
        int o = order;
        state[block] = INSIDE;
        while (o < MAX_ORDER) {
            int buddy = block ^ (1 << o);
            if (buddy >= frames || state[buddy] != (byte) (FREE_HEAD | o)) break;
            unlink(buddy, o);
            state[buddy] = INSIDE;
            block = Math.min(block, buddy);
            o++;
        }
        push(block, o);
    }

    private void push(int block, int order) {
        int first = head[order];
        next[block] = first;
        prev[block] = NONE;
        if (first != NONE) prev[first] = block;
        head[order] = block;
        state[block] = (byte) (FREE_HEAD | order);
        freeBlocks[order]++;
    }

    private void unlink(int block, int order) {
        int n = next[block], p = prev[block];
        if (p == NONE) head[order] = n; else next[p] = n;
        if (n != NONE) prev[n] = p;
        state[block] = INSIDE;
        freeBlocks[order]--;
    }

    private void account(int delta) {
        int free = freeFrames + delta; // written only under the lock
        freeFrames = free;
        boolean nowLow = free < lowWatermark;
        if (nowLow != low) low = nowLow;
    }

    private static int checkOrder(int order) {
        if (order < 0 || order > MAX_ORDER) throw new IllegalArgumentException("order " + order + " outside 0.." + MAX_ORDER);
        return order;
    }
}
