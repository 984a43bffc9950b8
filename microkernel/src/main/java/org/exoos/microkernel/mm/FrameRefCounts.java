package org.exoos.microkernel.mm;

import org.exoos.hal.mem.PhysicalMemory;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many address spaces map each frame copy-on-write. A family of address spaces forked from one another
 * shares one instance ({@link #of}, per allocator); {@link FrameAllocator} knows nothing of sharing and frees a frame when told to.
 *
 * <p>A count of 0 means the frame is not shared: its one mapper owns it outright (the common case, so no
 * entry is ever written for a private page). Sharing a frame makes the count 2, a further fork adds one,
 * and each mapper that lets go (unmap, exit, a copy on a write fault) takes one away; the count drops from
 * 2 straight to 0, leaving the last mapper the owner, which then frees the frame itself.
 */
public final class FrameRefCounts {
    /** One table per allocator: every address space drawing on it may share frames with any other. */
    private static final Map<FrameAllocator, FrameRefCounts> BY_ALLOCATOR = Collections.synchronizedMap(new WeakHashMap<>());

    private final AtomicIntegerArray sharers;

    /** The counts for the frames of this allocator. */
    public static FrameRefCounts of(FrameAllocator frames) {
        return BY_ALLOCATOR.computeIfAbsent(frames, f -> new FrameRefCounts(f.memory()));
    }

    /** Counts for every frame of the memory. */
    public FrameRefCounts(PhysicalMemory memory) { this.sharers = new AtomicIntegerArray(memory.frames()); }

    /** One more address space maps the frame at pa. */
    public void share(long pa) {
        int frame = PhysicalMemory.frameOf(pa);
        int n;
        do {
            n = sharers.get(frame);
        } while (!sharers.compareAndSet(frame, n, n == 0 ? 2 : n + 1));
    }

    /**
     * One mapper lets go of the frame at pa. True when that mapper was its only one: the caller frees it.
     * False when others still map it.
     */
    public boolean release(long pa) {
        int frame = PhysicalMemory.frameOf(pa);
        int n;
        do {
            n = sharers.get(frame);
            if (n == 0) return true;
        } while (!sharers.compareAndSet(frame, n, n == 2 ? 0 : n - 1));
        return false;
    }

    /** True when more than one address space maps the frame at pa. */
    public boolean isShared(long pa) { return sharers.get(PhysicalMemory.frameOf(pa)) != 0; }

    /** Address spaces mapping the frame at pa: 1 for a private frame (or a free one). */
    public int mappers(long pa) {
        int n = sharers.get(PhysicalMemory.frameOf(pa));
        return n == 0 ? 1 : n;
    }
}
