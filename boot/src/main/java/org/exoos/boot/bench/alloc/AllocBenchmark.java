package org.exoos.boot.bench.alloc;

import java.util.concurrent.TimeUnit;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.mm.alloc.BuddyAllocator;
import org.exoos.microkernel.mm.alloc.HartFrameCache;
import org.exoos.microkernel.mm.alloc.SlabCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One allocate + free per operation at each level of the microkernel's allocator, beside a baseline
 * measured in the same run: a plain int-array stack pop + push, the least an allocator's fast path can do.
 *
 * <ul>
 *   <li>{@code baselineArrayStack}: pop + push on an {@code int[]} stack;</li>
 *   <li>{@code hartCacheFrame}: the fast path proper, {@link HartFrameCache#allocate}/{@link HartFrameCache#free}
 *       (frame indices: an array pop and push, no lock);</li>
 *   <li>{@code facadeHartFrame}: {@link FrameAllocator#allocate}/{@link FrameAllocator#release} on an attached
 *       hart: adds the thread's cache lookup, the reference count (a CAS on release) and zeroing 4 KiB;</li>
 *   <li>{@code facadeSharedFrame}: the same from a thread that is no hart's: the buddy under its lock;</li>
 *   <li>{@code buddyFrame}: {@link BuddyAllocator} order 0 with a free order-0 buddy ready (no split, no merge);</li>
 *   <li>{@code buddyFrameSplitMerge}: order 0 out of a whole order-10 block: ten splits, then ten merges;</li>
 *   <li>{@code slabObject}: a 64-byte object from {@link SlabCache} (its lock, a bit scan, zeroing 64 bytes);</li>
 *   <li>{@code zeroFrame}: zeroing one 4 KiB frame alone, the part of the facade's time that is not allocation.</li>
 * </ul>
 * Each benchmark's state belongs to its thread (JMH runs setup on it), so the hart attached in setup is the
 * measuring thread. Run by {@link AllocJmh} ({@code make bench-alloc}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AllocBenchmark {
    private static final int FRAMES = 16 * 1024; // 64 MiB: well above the low watermark

    private PhysicalMemory memory;
    private PhysicalMemory sharedMemory;
    private FrameAllocator hartFrames;
    private FrameAllocator sharedFrames;
    private HartFrameCache cache;
    private BuddyAllocator buddy;
    private BuddyAllocator wholeBuddy;
    private SlabCache slab;
    private final int[] stack = new int[64];
    private int depth;

    @Setup(Level.Trial)
    public void setUp() {
        memory = new PhysicalMemory((long) FRAMES * PhysicalMemory.PAGE_SIZE);
        hartFrames = new FrameAllocator(memory);
        hartFrames.attachHart(0);
        sharedMemory = new PhysicalMemory((long) FRAMES * PhysicalMemory.PAGE_SIZE);
        sharedFrames = new FrameAllocator(sharedMemory);

        cache = new HartFrameCache(1, Thread.currentThread(), new BuddyAllocator(FRAMES));
        cache.free(cache.allocate()); // warm: a batch is cached

        buddy = new BuddyAllocator(FRAMES);
        buddy.allocate(0); // frame 0 stays taken, so frame 1 waits on the order-0 list
        wholeBuddy = new BuddyAllocator(1 << BuddyAllocator.MAX_ORDER);

        slab = new SlabCache("bench64", sharedFrames, 64);
        slab.allocate(); // keeps the slab partial, so alloc/free never returns its frame

        for (int i = 0; i < 32; i++) stack[i] = i;
        depth = 32;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        hartFrames.detachHart();
        memory.close();
        sharedMemory.close();
    }

    @Benchmark
    public int baselineArrayStack() {
        int value = stack[--depth];
        stack[depth++] = value;
        return value;
    }

    @Benchmark
    public int hartCacheFrame() {
        int frame = cache.allocate();
        cache.free(frame);
        return frame;
    }

    @Benchmark
    public long facadeHartFrame() {
        long pa = hartFrames.allocate();
        hartFrames.release(pa);
        return pa;
    }

    @Benchmark
    public long facadeSharedFrame() {
        long pa = sharedFrames.allocate();
        sharedFrames.release(pa);
        return pa;
    }

    @Benchmark
    public int buddyFrame() {
        int frame = buddy.allocate(0);
        buddy.free(frame, 0);
        return frame;
    }

    @Benchmark
    public int buddyFrameSplitMerge() {
        int frame = wholeBuddy.allocate(0);
        wholeBuddy.free(frame, 0);
        return frame;
    }

    @Benchmark
    public long zeroFrame() {
        long pa = PhysicalMemory.BASE + PhysicalMemory.PAGE_SIZE;
        sharedMemory.fill(pa, PhysicalMemory.PAGE_SIZE, (byte) 0);
        return pa;
    }

    @Benchmark
    public long slabObject() {
        long pa = slab.allocate();
        slab.free(pa);
        return pa;
    }
}
