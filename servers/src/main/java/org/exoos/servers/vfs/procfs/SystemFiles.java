package org.exoos.servers.vfs.procfs;

/**
 * The text of the machine-wide /proc files in Linux 6.18's formats: uptime (fs/proc/uptime.c), stat, loadavg, meminfo
 * (fs/proc/meminfo.c, for a riscv64 kernel without zswap, transparent huge pages or CMA) and cpuinfo
 * (arch/riscv/kernel/cpu.c c_show).
 */
final class SystemFiles {
    private SystemFiles() {}

    /** "%lu.%02lu %lu.%02lu\n": seconds and hundredths, truncated, of uptime and of idle time. */
    static void uptime(ProcText out, long uptimeNanos, long idleNanos) {
        seconds(out, uptimeNanos);
        out.put(' ');
        seconds(out, idleNanos);
        out.put('\n');
    }

    private static void seconds(ProcText out, long nanos) {
        long n = Math.max(0, nanos);
        long hundredths = n / 10_000_000L % 100;
        out.unsigned(n / 1_000_000_000L).put('.');
        if (hundredths < 10) {
            out.put('0');
        }
        out.unsigned(hundredths);
    }

    /** Clock ticks per second (USER_HZ), the unit of /proc/stat's times. */
    static final long USER_HZ = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / USER_HZ;
    /** /proc/stat's cpu columns: user nice system idle iowait irq softirq steal guest guest_nice. */
    private static final int CPU_COLUMNS = 10;
    /** The softirq kinds /proc/stat counts (NR_SOFTIRQS). */
    private static final int SOFTIRQS = 10;

    /**
     * fs/proc/stat.c show_stat. The kernel keeps no per-hart busy time yet, so only idle has a value (the
     * source's idle time, shared evenly over the harts); the interrupt, context-switch and fork counters it
     * does not keep are 0, as on a kernel built without them.
     */
    static void stat(ProcText out, int harts, long idleNanos, long bootTimeSeconds, int running, int blocked) {
        int n = Math.max(1, harts);
        out.put("cpu ");
        cpuColumns(out, idleNanos);
        for (int cpu = 0; cpu < n; cpu++) {
            out.put("cpu").unsigned(cpu);
            cpuColumns(out, idleNanos / n);
        }
        out.put("intr 0\nctxt 0\nbtime ").unsigned(bootTimeSeconds);
        out.put("\nprocesses 0\nprocs_running ").unsigned(running);
        out.put("\nprocs_blocked ").unsigned(blocked);
        out.put("\nsoftirq 0");
        for (int i = 0; i < SOFTIRQS; i++) {
            out.put(" 0");
        }
        out.put('\n');
    }

    private static void cpuColumns(ProcText out, long idleNanos) {
        for (int column = 0; column < CPU_COLUMNS; column++) {
            out.put(' ').unsigned(column == 3 ? Math.max(0, idleNanos) / NANOS_PER_TICK : 0);
        }
        out.put('\n');
    }

    /**
     * fs/proc/loadavg.c: "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n". The averages are 0.00: the scheduler keeps
     * no run-queue averages. The last field is the most recently allocated pid, which procfs is not told; the
     * highest live pid stands in for it.
     */
    static void loadavg(ProcText out, int running, int tasks, int lastPid) {
        out.put("0.00 0.00 0.00 ").unsigned(running).put('/').unsigned(tasks).put(' ').unsigned(lastPid).put('\n');
    }

    static void meminfo(ProcText out, MemoryInfo m) {
        kb(out, "MemTotal:", m.total);
        kb(out, "MemFree:", m.free);
        kb(out, "MemAvailable:", m.available);
        kb(out, "Buffers:", m.buffers);
        kb(out, "Cached:", m.cached);
        kb(out, "SwapCached:", m.swapCached);
        kb(out, "Active:", m.activeAnon + m.activeFile);
        kb(out, "Inactive:", m.inactiveAnon + m.inactiveFile);
        kb(out, "Active(anon):", m.activeAnon);
        kb(out, "Inactive(anon):", m.inactiveAnon);
        kb(out, "Active(file):", m.activeFile);
        kb(out, "Inactive(file):", m.inactiveFile);
        kb(out, "Unevictable:", m.unevictable);
        kb(out, "Mlocked:", m.mlocked);
        kb(out, "SwapTotal:", m.swapTotal);
        kb(out, "SwapFree:", m.swapFree);
        kb(out, "Dirty:", m.dirty);
        kb(out, "Writeback:", m.writeback);
        kb(out, "AnonPages:", m.anonPages);
        kb(out, "Mapped:", m.mapped);
        kb(out, "Shmem:", m.shmem);
        kb(out, "KReclaimable:", m.slabReclaimable);
        kb(out, "Slab:", m.slabReclaimable + m.slabUnreclaimable);
        kb(out, "SReclaimable:", m.slabReclaimable);
        kb(out, "SUnreclaim:", m.slabUnreclaimable);
        kb(out, "KernelStack:", m.kernelStack);
        kb(out, "PageTables:", m.pageTables);
        kb(out, "SecPageTables:", 0);
        kb(out, "NFS_Unstable:", 0);
        kb(out, "Bounce:", 0);
        kb(out, "WritebackTmp:", 0);
        kb(out, "CommitLimit:", m.total / 2 + m.swapTotal); // vm.overcommit_ratio 50
        kb(out, "Committed_AS:", m.committed);
        kb(out, "VmallocTotal:", m.vmallocTotal);
        kb(out, "VmallocUsed:", m.vmallocUsed);
        kb(out, "VmallocChunk:", 0);
        kb(out, "Percpu:", m.percpu);
        kb(out, "Balloon:", 0);
        count(out, "HugePages_Total:", 0);
        count(out, "HugePages_Free:", 0);
        count(out, "HugePages_Rsvd:", 0);
        count(out, "HugePages_Surp:", 0);
        kb(out, "Hugepagesize:", m.hugePageSize);
        kb(out, "Hugetlb:", 0);
    }

    /** show_val_kb: the label padded to 16 columns, the value in kB right-aligned in 8. */
    private static void kb(ProcText out, String label, long bytes) {
        label(out, label, 16).padded(bytes >>> 10, 8).put(" kB\n");
    }

    /** hugetlb_report_meminfo's counts: the label padded to 19 columns, the value right-aligned in 5. */
    private static void count(ProcText out, String label, long value) {
        label(out, label, 19).padded(value, 5).put('\n');
    }

    private static ProcText label(ProcText out, String label, int width) {
        out.put(label);
        for (int i = label.length(); i < width; i++) {
            out.put(' ');
        }
        return out;
    }

    static void cpuinfo(ProcText out, SystemInfoSource system) {
        String isa = system.isa();
        for (int cpu = 0; cpu < system.hartCount(); cpu++) {
            out.put("processor\t: ").unsigned(cpu).put('\n');
            out.put("hart\t\t: ").unsigned(system.hartId(cpu)).put('\n');
            out.put("isa\t\t: ").put(isa).put('\n');
            out.put("mmu\t\t: ").put(system.mmu()).put('\n');
            out.put("mvendorid\t: 0x").hex(system.mvendorid(), 1).put('\n');
            out.put("marchid\t\t: 0x").hex(system.marchid(), 1).put('\n');
            out.put("mimpid\t\t: 0x").hex(system.mimpid(), 1).put('\n');
            out.put("hart isa\t: ").put(isa).put('\n');
            out.put('\n');
        }
    }
}
