package org.exoos.microkernel.mm;

import org.exoos.hal.mem.PhysicalMemory;

/**
 * Hands out the 4 KiB frames of {@link PhysicalMemory}, zeroed, and counts references to each so that
 * a frame shared by several address spaces (copy-on-write, later) is freed by its last user only.
 *
 * <p>Free frames sit on a stack of frame indices: allocation and release are O(1) and allocate nothing.
 * Running out is an ordinary result ({@link #NO_FRAME}), never an exception: the caller turns it into
 * ENOMEM or an out-of-memory kill. Methods are synchronized; they are short and rarely contended.
 */
public final class FrameAllocator {
    /** Returned by {@link #allocate} when every frame is in use. */
    public static final long NO_FRAME = -1L;

    private final PhysicalMemory memory;
    private final int[] freeStack;
    private int freeCount;
    /** References per frame; 0 means free. */
    private final int[] refs;

    /** Manages every frame of the given memory. */
    public FrameAllocator(PhysicalMemory memory) {
        this.memory = memory;
        int frames = memory.frames();
        this.freeStack = new int[frames];
        this.refs = new int[frames];
        // Lowest frames on top, so allocation walks RAM upwards (easier to read in dumps).
        for (int f = frames - 1; f >= 0; f--) freeStack[freeCount++] = f;
    }

    public PhysicalMemory memory() { return memory; }

    /** A zeroed frame with one reference: its physical address, or {@link #NO_FRAME}. */
    public long allocate() {
        int frame;
        synchronized (this) {
            if (freeCount == 0) return NO_FRAME;
            frame = freeStack[--freeCount];
            refs[frame] = 1;
        }
        long pa = PhysicalMemory.frameAddress(frame);
        // fill() goes through noteWrite, so a decoded-instruction shadow of the frame's old life is dropped too.
        memory.fill(pa, PhysicalMemory.PAGE_SIZE, (byte) 0);
        return pa;
    }

    /** Adds a reference to an allocated frame (a second mapping of it). */
    public synchronized void retain(long pa) {
        int frame = checkedFrame(pa);
        if (refs[frame] == 0) throw new IllegalStateException("retain of a free frame at 0x" + Long.toHexString(pa));
        refs[frame]++;
    }

    /** Drops a reference; the frame becomes free with the last one. */
    public synchronized void release(long pa) {
        int frame = checkedFrame(pa);
        if (refs[frame] == 0) throw new IllegalStateException("release of a free frame at 0x" + Long.toHexString(pa));
        if (--refs[frame] == 0) freeStack[freeCount++] = frame;
    }

    public synchronized int refCount(long pa) { return refs[checkedFrame(pa)]; }

    public synchronized int freeFrames() { return freeCount; }

    public int totalFrames() { return refs.length; }

    private int checkedFrame(long pa) {
        if ((pa & (PhysicalMemory.PAGE_SIZE - 1)) != 0 || !memory.contains(pa, PhysicalMemory.PAGE_SIZE)) {
            throw new IllegalArgumentException("not a frame address: 0x" + Long.toHexString(pa));
        }
        return PhysicalMemory.frameOf(pa);
    }
}
