package org.exoos.microkernel.mm.alloc;

import org.exoos.hal.mem.PhysicalMemory;

import java.util.Arrays;

/**
 * Fixed-size kernel objects in physical memory, carved from frames: each slab is one 4 KiB frame cut into
 * {@code PAGE_SIZE / objectSize} objects (at most 64, so an object is 64 bytes or more, and at most half a
 * frame). Objects come back zeroed; their physical address is their handle.
 *
 * <p>Per-slab state is in primitive arrays indexed by a slab slot, nothing per object or slab is an object:
 * <pre>
 *   slabFrame[s]    physical address of slab s's frame
 *   freeBits[s]     bit i set: object i of slab s is free (so a double free is one bit test)
 *   nextPartial[s]  doubly linked list of slabs with at least one free object; allocation takes its head
 *   prevPartial[s]  (a retired slot's nextPartial links the list of reusable slots instead)
 *   slotOfFrame[f]  slab slot + 1 of frame f, 0 when f is not one of this cache's slabs
 * </pre>
 * One empty slab is kept for the next allocation; a second one goes back to the {@link FrameSource}.
 * A cache's methods take its own lock: objects are few and short-lived next to frames.
 */
public final class SlabCache {
    /** Returned by {@link #allocate} when no frame is left for a new slab. */
    public static final long NO_OBJECT = -1L;
    /** Smallest object: 64 objects per slab fit the 64-bit free mask. */
    public static final int MIN_OBJECT_SIZE = PhysicalMemory.PAGE_SIZE / Long.SIZE;
    public static final int MAX_OBJECT_SIZE = PhysicalMemory.PAGE_SIZE / 2;

    private static final int NONE = -1;

    private final String name;
    private final FrameSource frames;
    private final PhysicalMemory memory;
    private final int objectSize;
    private final int objectsPerSlab;
    private final long fullMask;
    private final int[] slotOfFrame;

    private long[] slabFrame = new long[8];
    private long[] freeBits = new long[8];
    private int[] nextPartial = new int[8];
    private int[] prevPartial = new int[8];
    private int slotsUsed;
    private int partialHead = NONE;
    private int retiredSlots = NONE;
    private int slabs;
    private int emptySlabs;
    private long objectsInUse;

    /** A cache of objectSize-byte objects (a multiple of 8 in [64, 2048]) taking its frames from frames. */
    public SlabCache(String name, FrameSource frames, int objectSize) {
        if (objectSize < MIN_OBJECT_SIZE || objectSize > MAX_OBJECT_SIZE || (objectSize & 7) != 0) {
            throw new IllegalArgumentException(name + ": object size " + objectSize + " is not a multiple of 8 in ["
                    + MIN_OBJECT_SIZE + ", " + MAX_OBJECT_SIZE + "]");
        }
        this.name = name;
        this.frames = frames;
        this.memory = frames.memory();
        this.objectSize = objectSize;
        this.objectsPerSlab = PhysicalMemory.PAGE_SIZE / objectSize;
        this.fullMask = objectsPerSlab == Long.SIZE ? -1L : (1L << objectsPerSlab) - 1;
        this.slotOfFrame = new int[memory.frames()];
    }

    public String name() { return name; }

    public int objectSize() { return objectSize; }

    public int objectsPerSlab() { return objectsPerSlab; }

    /** Frames this cache holds as slabs (counted as used by the frame allocator). */
    public synchronized int slabs() { return slabs; }

    public synchronized long objectsInUse() { return objectsInUse; }

    /** A zeroed object's physical address, or {@link #NO_OBJECT} when no frame is left for a new slab. */
    public synchronized long allocate() {
        int s = partialHead;
        if (s == NONE) {
            s = grow();
            if (s == NONE) return NO_OBJECT;
        }
        long bits = freeBits[s];
        if (bits == fullMask) emptySlabs--;
        int index = Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        freeBits[s] = bits;
        if (bits == 0) unlinkPartial(s);
        objectsInUse++;
        long pa = slabFrame[s] + (long) index * objectSize;
        memory.fill(pa, objectSize, (byte) 0);
        return pa;
    }

    /**
     * Gives an object back.
     *
     * @throws IllegalArgumentException pa is not the start of an object of this cache
     * @throws IllegalStateException    the object is already free (a double free)
     */
    public synchronized void free(long pa) {
        int s = slotOf(pa);
        long offset = pa - slabFrame[s];
        if (offset % objectSize != 0 || offset / objectSize >= objectsPerSlab) {
            throw new IllegalArgumentException(name + ": 0x" + Long.toHexString(pa) + " is not the start of an object");
        }
        long bit = 1L << (offset / objectSize);
        long bits = freeBits[s];
        if ((bits & bit) != 0) throw new IllegalStateException(name + ": double free of 0x" + Long.toHexString(pa));
        if (bits == 0) pushPartial(s);
        bits |= bit;
        freeBits[s] = bits;
        objectsInUse--;
        if (bits == fullMask && ++emptySlabs > 1) retire(s);
    }

    private int slotOf(long pa) {
        if (!memory.contains(pa, objectSize)) {
            throw new IllegalArgumentException(name + ": 0x" + Long.toHexString(pa) + " is outside RAM");
        }
        int s = slotOfFrame[PhysicalMemory.frameOf(pa)] - 1;
        if (s < 0) throw new IllegalArgumentException(name + ": 0x" + Long.toHexString(pa) + " is not in one of its slabs");
        return s;
    }

    /** A new all-free slab on the partial list, or NONE when the frame source is out of frames. */
    private int grow() {
        long frame = frames.allocate();
        if (frame == FrameSource.NO_FRAME) return NONE;
        int s = retiredSlots;
        if (s != NONE) {
            retiredSlots = nextPartial[s];
        } else {
            if (slotsUsed == slabFrame.length) {
                int n = slotsUsed * 2;
                slabFrame = Arrays.copyOf(slabFrame, n);
                freeBits = Arrays.copyOf(freeBits, n);
                nextPartial = Arrays.copyOf(nextPartial, n);
                prevPartial = Arrays.copyOf(prevPartial, n);
            }
            s = slotsUsed++;
        }
        slabFrame[s] = frame;
        freeBits[s] = fullMask;
        slotOfFrame[PhysicalMemory.frameOf(frame)] = s + 1;
        pushPartial(s);
        slabs++;
        emptySlabs++;
        return s;
    }

    private void retire(int s) {
        unlinkPartial(s);
        long frame = slabFrame[s];
        slotOfFrame[PhysicalMemory.frameOf(frame)] = 0;
        nextPartial[s] = retiredSlots;
        retiredSlots = s;
        slabs--;
        emptySlabs--;
        frames.release(frame);
    }

    private void pushPartial(int s) {
        nextPartial[s] = partialHead;
        prevPartial[s] = NONE;
        if (partialHead != NONE) prevPartial[partialHead] = s;
        partialHead = s;
    }

    private void unlinkPartial(int s) {
        int n = nextPartial[s], p = prevPartial[s];
        if (p == NONE) partialHead = n; else nextPartial[p] = n;
        if (n != NONE) prevPartial[n] = p;
    }
}
