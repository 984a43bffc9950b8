package org.exoos.servers.vfs.procfs;

import java.util.function.LongSupplier;

/**
 * A {@link SystemInfoSource} with a fixed machine (harts, ISA, MMU, memory) and an uptime counted from its
 * creation, for tests and until the kernel reports its own. {@link #memory()} is the template that
 * {@link #memory(MemoryInfo)} copies; change it to report other figures.
 */
public final class FixedSystemInfo implements SystemInfoSource {
    /** RV64GC with the counters and CSR instructions: what the interpreter executes. */
    public static final String DEFAULT_ISA = "rv64imafdc_zicntr_zicsr_zifencei";
    /** VmallocTotal of a riscv64 kernel in Sv39. */
    public static final long SV39_VMALLOC_TOTAL = 67108863L << 10;

    private final int harts;
    private final String isa;
    private final String mmu;
    private final LongSupplier nanoTime;
    private final long bootNanoTime;
    private final MemoryInfo memory = new MemoryInfo().clear();

    /** {@code harts} harts of {@link #DEFAULT_ISA} in Sv39, {@code memoryBytes} of RAM all free. */
    public FixedSystemInfo(int harts, long memoryBytes) {
        this(harts, DEFAULT_ISA, "sv39", memoryBytes, System::nanoTime);
    }

    public FixedSystemInfo(int harts, String isa, String mmu, long memoryBytes, LongSupplier nanoTime) {
        if (harts < 1) {
            throw new IllegalArgumentException("harts must be at least 1: " + harts);
        }
        this.harts = harts;
        this.isa = isa;
        this.mmu = mmu;
        this.nanoTime = nanoTime;
        this.bootNanoTime = nanoTime.getAsLong();
        memory.total = memoryBytes;
        memory.free = memoryBytes;
        memory.available = memoryBytes;
        memory.vmallocTotal = SV39_VMALLOC_TOTAL;
    }

    /** The figures {@link #memory(MemoryInfo)} reports, to change in place. */
    public MemoryInfo memory() {
        return memory;
    }

    @Override
    public long uptimeNanos() {
        return nanoTime.getAsLong() - bootNanoTime;
    }

    /** Nothing is measured: the harts are counted idle all the time. */
    @Override
    public long idleNanos() {
        return uptimeNanos() * harts;
    }

    @Override
    public int hartCount() {
        return harts;
    }

    @Override
    public String isa() {
        return isa;
    }

    @Override
    public String mmu() {
        return mmu;
    }

    @Override
    public void memory(MemoryInfo out) {
        MemoryInfo m = memory;
        out.copyFrom(m);
    }
}
