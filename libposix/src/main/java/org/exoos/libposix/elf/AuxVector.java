package org.exoos.libposix.elf;

/** Auxiliary vector keys (linux/auxvec.h) and the riscv64 values libposix reports. */
public final class AuxVector {
    private AuxVector() {}

    public static final int AT_NULL = 0, AT_IGNORE = 1, AT_EXECFD = 2, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5,
            AT_PAGESZ = 6, AT_BASE = 7, AT_FLAGS = 8, AT_ENTRY = 9, AT_NOTELF = 10, AT_UID = 11, AT_EUID = 12,
            AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23,
            AT_BASE_PLATFORM = 24, AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31, AT_SYSINFO_EHDR = 33;

    /** The ISA letters of the hart, one bit each at (letter - 'a'), as riscv Linux reports them in AT_HWCAP. */
    public static final long HWCAP_RV64GC = isaBits("imafdc");

    /** sysconf(_SC_CLK_TCK): Linux's USER_HZ. */
    public static final long CLOCK_TICKS = 100;

    public static long isaBits(String letters) {
        long bits = 0;
        for (char c : letters.toCharArray()) bits |= 1L << (c - 'a');
        return bits;
    }
}
