package org.exoos.hal.mem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The machine's RAM: one off-heap segment at physical address {@link #BASE}, as on QEMU's virt board.
 *
 * <p>Harts reach it through their TLBs (host offsets into {@link #segment()}); the kernel reaches it through
 * the typed accessors here. Every kernel write goes through {@link #noteWrite} so that the decoded-instruction
 * shadow of a frame never outlives a change to its bytes.
 */
public final class PhysicalMemory implements AutoCloseable {
    /** Physical address of the first byte of RAM. */
    public static final long BASE = 0x8000_0000L;
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;

    public static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Aligned views for atomics (AMOs, LR/SC, PTE A/D updates): VarHandles with (segment, offset) coordinates. */
    public static final VarHandle ATOMIC_INT =
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    public static final VarHandle ATOMIC_LONG =
            ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private final Arena arena;
    private final MemorySegment ram;
    private final long size;
    private final int frames;
    /** Decoded-instruction shadow per frame (null when the frame holds no decoded code). See hal.cpu.exec. */
    private final long[][] decoded;
    /** Every hart's store TLB on this machine, whatever engine runs it: see {@link #forgetWritable}. */
    private final CopyOnWriteArrayList<WritableFrameCache> writableCaches = new CopyOnWriteArrayList<>();

    public PhysicalMemory(long size) {
        if (size < PAGE_SIZE || (size & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("memory size must be a positive multiple of 4 KiB: " + size);
        }
        if (size / PAGE_SIZE > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("memory size too large: " + size);
        }
        this.size = size;
        this.frames = (int) (size >>> PAGE_SHIFT);
        // A shared arena: harts on several threads touch it. The pages come zeroed and lazily from the host.
        this.arena = Arena.ofShared();
        this.ram = AnonymousMapping.map(size, arena);
        this.decoded = new long[frames][];
    }

    public MemorySegment segment() { return ram; }

    /** Returns the RAM to the host. No hart may run on this memory afterwards. */
    @Override
    public void close() { arena.close(); }

    public long size() { return size; }

    public int frames() { return frames; }

    /** True when [pa, pa+len) lies inside RAM. */
    public boolean contains(long pa, long len) {
        long off = pa - BASE;
        return off >= 0 && len >= 0 && off <= size - len;
    }

    /** Host offset (into {@link #segment()}) of a physical address; the caller has checked {@link #contains}. */
    public static long offset(long pa) { return pa - BASE; }

    public static int frameOf(long pa) { return (int) ((pa - BASE) >>> PAGE_SHIFT); }

    public static long frameAddress(int frame) { return BASE + ((long) frame << PAGE_SHIFT); }

    // ---- kernel accessors (physical addresses) ----

    public byte readByte(long pa) { return ram.get(BYTE, pa - BASE); }
    public short readShort(long pa) { return ram.get(SHORT, pa - BASE); }
    public int readInt(long pa) { return ram.get(INT, pa - BASE); }
    public long readLong(long pa) { return ram.get(LONG, pa - BASE); }

    public void writeByte(long pa, byte v) { ram.set(BYTE, pa - BASE, v); noteWrite(pa, 1); }
    public void writeShort(long pa, short v) { ram.set(SHORT, pa - BASE, v); noteWrite(pa, 2); }
    public void writeInt(long pa, int v) { ram.set(INT, pa - BASE, v); noteWrite(pa, 4); }
    public void writeLong(long pa, long v) { ram.set(LONG, pa - BASE, v); noteWrite(pa, 8); }

    public void read(long pa, byte[] dst, int dstOff, int len) {
        MemorySegment.copy(ram, BYTE, pa - BASE, dst, dstOff, len);
    }

    public void write(long pa, byte[] src, int srcOff, int len) {
        MemorySegment.copy(src, srcOff, ram, BYTE, pa - BASE, len);
        noteWrite(pa, len);
    }

    public void fill(long pa, long len, byte value) {
        ram.asSlice(pa - BASE, len).fill(value);
        noteWrite(pa, len);
    }

    /** A slice of RAM for bulk host I/O (read(2)/write(2) straight into guest frames). Callers must noteWrite. */
    public MemorySegment slice(long pa, long len) { return ram.asSlice(pa - BASE, len); }

    // ---- decoded-instruction shadow ----

    /** The decoded shadow of a frame, or null. */
    public long[] decodedFrame(int frame) { return decoded[frame]; }

    public void setDecodedFrame(int frame, long[] shadow) { decoded[frame] = shadow; }

    public boolean hasDecoded(int frame) { return decoded[frame] != null; }

    /** Registers a hart's store TLB, until {@link #detachWritableCache} (the hart retires). */
    public void attachWritableCache(WritableFrameCache cache) { writableCaches.addIfAbsent(cache); }

    public void detachWritableCache(WritableFrameCache cache) { writableCaches.remove(cache); }

    /**
     * Makes every hart forget its writable translations to the frame at this host offset: called when the
     * frame gets a decoded shadow, so that stores to it from any hart take the slow path that drops it.
     */
    public void forgetWritable(long hostOffset) {
        for (WritableFrameCache c : writableCaches) c.forgetFrame(hostOffset);
    }

    /** Drops the decoded shadow of every frame that [pa, pa+len) touches. */
    public void noteWrite(long pa, long len) {
        if (len <= 0) return;
        int first = frameOf(pa), last = frameOf(pa + len - 1);
        for (int f = first; f <= last; f++) {
            if (decoded[f] != null) decoded[f] = null;
        }
    }

    /** Drops every decoded shadow (fence.i from a hart that cannot prove coherence). */
    public void dropAllDecoded() {
        java.util.Arrays.fill(decoded, null);
    }
}
