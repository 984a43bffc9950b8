package org.exoos.servers.vfs.procfs;

/**
 * What /proc/meminfo shows, in bytes (Linux prints kB), filled in place by {@link SystemInfoSource#memory}.
 * Derived lines (Active, Inactive, Slab, KReclaimable, CommitLimit) are computed from these.
 */
public final class MemoryInfo {
    public long total;
    public long free;
    public long available;
    public long buffers;
    public long cached;
    public long swapCached;
    public long activeAnon;
    public long inactiveAnon;
    public long activeFile;
    public long inactiveFile;
    public long unevictable;
    public long mlocked;
    public long swapTotal;
    public long swapFree;
    public long dirty;
    public long writeback;
    public long anonPages;
    public long mapped;
    public long shmem;
    public long slabReclaimable;
    public long slabUnreclaimable;
    public long kernelStack;
    public long pageTables;
    public long committed;
    public long vmallocTotal;
    public long vmallocUsed;
    public long percpu;
    public long hugePageSize;

    public MemoryInfo clear() {
        total = free = available = buffers = cached = swapCached = 0;
        activeAnon = inactiveAnon = activeFile = inactiveFile = unevictable = mlocked = 0;
        swapTotal = swapFree = dirty = writeback = anonPages = mapped = shmem = 0;
        slabReclaimable = slabUnreclaimable = kernelStack = pageTables = committed = 0;
        vmallocTotal = vmallocUsed = percpu = 0;
        hugePageSize = 2L << 20;
        return this;
    }

    /** Takes every figure of {@code from}. */
    public void copyFrom(MemoryInfo from) {
        this.total = from.total;
        this.free = from.free;
        this.available = from.available;
        this.buffers = from.buffers;
        this.cached = from.cached;
        this.swapCached = from.swapCached;
        this.activeAnon = from.activeAnon;
        this.inactiveAnon = from.inactiveAnon;
        this.activeFile = from.activeFile;
        this.inactiveFile = from.inactiveFile;
        this.unevictable = from.unevictable;
        this.mlocked = from.mlocked;
        this.swapTotal = from.swapTotal;
        this.swapFree = from.swapFree;
        this.dirty = from.dirty;
        this.writeback = from.writeback;
        this.anonPages = from.anonPages;
        this.mapped = from.mapped;
        this.shmem = from.shmem;
        this.slabReclaimable = from.slabReclaimable;
        this.slabUnreclaimable = from.slabUnreclaimable;
        this.kernelStack = from.kernelStack;
        this.pageTables = from.pageTables;
        this.committed = from.committed;
        this.vmallocTotal = from.vmallocTotal;
        this.vmallocUsed = from.vmallocUsed;
        this.percpu = from.percpu;
        this.hugePageSize = from.hugePageSize;
    }
}
