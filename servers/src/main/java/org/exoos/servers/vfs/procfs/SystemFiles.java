package org.exoos.servers.vfs.procfs;

/**
 * The text of the machine-wide /proc files in Linux 6.18's formats: uptime (fs/proc/uptime.c), meminfo
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
