package org.exoos.servers.procinfo;

import org.exoos.servers.vfs.procfs.MemoryInfo;

/**
 * What the kernel says about its machine in one {@link ProcInfoCodec#OP_SYSTEM} reply: the body of a
 * system record, filled in place on either side.
 */
public final class SystemFacts {
    /** Most harts a record describes. */
    public static final int MAX_HARTS = 1024;

    public long uptimeNanos;
    /** Summed over harts. */
    public long idleNanos;
    public long mvendorid;
    public long marchid;
    public long mimpid;
    public int hartCount;
    /** cpuid_to_hartid_map: the first {@link #hartCount} are meaningful. */
    public final long[] hartIds = new long[MAX_HARTS];
    /** The "isa" line of /proc/cpuinfo. */
    public String isa = "";
    /** "sv39", "sv48" or "sv57". */
    public String mmu = "";
    public final MemoryInfo memory = new MemoryInfo().clear();
}
