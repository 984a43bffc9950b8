package org.exoos.microkernel.mm.alloc;

import org.exoos.hal.mem.PhysicalMemory;

/** Where a {@link SlabCache} gets its frames: zeroed 4 KiB frames of {@link #memory()}, by physical address. */
public interface FrameSource {
    /** Returned by {@link #allocate} when no frame is left. */
    long NO_FRAME = -1L;

    /** A zeroed frame's physical address, or {@link #NO_FRAME}. */
    long allocate();

    /** Gives back a frame from {@link #allocate}. */
    void release(long pa);

    PhysicalMemory memory();
}
