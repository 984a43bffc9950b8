package org.exoos.servers.vfs.procfs;

/**
 * Where procfs learns about the machine, for /proc/uptime, /proc/cpuinfo and /proc/meminfo: implemented by
 * the kernel; {@link FixedSystemInfo} is a simple one.
 */
public interface SystemInfoSource {
    /** Time since boot. */
    long uptimeNanos();

    /** Time the harts have spent idle since boot, summed over harts (so it may exceed the uptime). */
    long idleNanos();

    /** Harts online; /proc/cpuinfo shows processors 0 to this minus one. */
    int hartCount();

    /** The hart id of processor {@code processor} (cpuid_to_hartid_map). */
    default long hartId(int processor) {
        return processor;
    }

    /** The ISA string cpuinfo's "isa" line shows: "rv64imafdc_zicntr_zicsr_zifencei". */
    String isa();

    /** The address-translation mode: "sv39", "sv48" or "sv57". */
    String mmu();

    default long mvendorid() {
        return 0;
    }

    default long marchid() {
        return 0;
    }

    default long mimpid() {
        return 0;
    }

    /** Fills {@code out} (cleared first by the caller). */
    void memory(MemoryInfo out);
}
