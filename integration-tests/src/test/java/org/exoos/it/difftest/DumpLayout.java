package org.exoos.it.difftest;

/**
 * Where things live in a difftest guest program, and the byte layout of the record each case writes to
 * stdout.
 *
 * <pre>
 * dt_area (.bss, 4 KiB aligned, 3 pages)
 *   +0      page 0 (unused guard)
 *   +5616   record (gp points here during a case)  -----------------+
 *   +6144   scratch window start = base - 2048                       | one write(1, gp, 4624)
 *   +8192   base (sp): a page boundary, so accesses near it straddle |
 *   +10240  scratch window end = base + 2048  -----------------------+
 *
 * record, little-endian u64 fields:
 *   0     magic "EXODIFF1"
 *   8     case index (counted by the harness)
 *   16    x1..x31   (x[i] at 16 + 8*(i-1))
 *   264   f0..f31   raw 64-bit (f[j] at 264 + 8*j)
 *   520   fcsr
 *   528   scratch window, 4096 bytes (window byte k is address base - 2048 + k)
 * </pre>
 *
 * Streams address memory only relative to sp = base, with effective offsets in [-2048, 2048).
 */
final class DumpLayout {
    private DumpLayout() {}

    static final long MAGIC = 0x31464649444f5845L; // the bytes "EXODIFF1"
    static final int MAGIC_OFFSET = 0;
    static final int CASE_INDEX_OFFSET = 8;
    static final int X_OFFSET = 16;
    static final int F_OFFSET = 264;
    static final int FCSR_OFFSET = 520;
    static final int WINDOW_OFFSET = 528;
    static final int WINDOW_BYTES = 4096;
    static final int RECORD_BYTES = WINDOW_OFFSET + WINDOW_BYTES;

    /** Offset of the window's first byte relative to base (sp). */
    static final int WINDOW_START_FROM_BASE = -2048;

    static final int AREA_BYTES = 3 * 4096;
    static final int AREA_BASE_OFFSET = 8192;
    static final int AREA_RECORD_OFFSET = AREA_BASE_OFFSET + WINDOW_START_FROM_BASE - WINDOW_OFFSET;

    /** Initial-state table per case (.data): x[i] at 8*i, f[j] at 256 + 8*j, fcsr at 512. */
    static final int INIT_F_OFFSET = 256;
    static final int INIT_FCSR_OFFSET = 512;
    static final int INIT_BYTES = 520;

    static int xOffset(int reg) { return X_OFFSET + 8 * (reg - 1); }

    static int fOffset(int reg) { return F_OFFSET + 8 * reg; }
}
