package org.exoos.hal.cpu.decode;

import org.exoos.hal.cpu.Hart;

/**
 * The packed form of one decoded instruction: a single long, so a cache slot is written atomically and
 * the interpreter reads every field from a register.
 *
 * <pre>
 *  63                32 31   28 27 26  24 23  19 18  14 13   8 7      0
 * |  imm (signed int)  | spare |C | rm  | rs2 | rs1 |  rd  |   op   |
 * </pre>
 * rd is 6 bits: a write to x0 is decoded as a write to {@link Hart#X_SINK}. C marks a 2-byte (compressed)
 * instruction. For R4-type (fused multiply-add) instructions imm holds rs3; for CSR instructions imm holds
 * the CSR number and rs1 the register or the 5-bit immediate; for {@link Op#ILLEGAL} imm holds the raw bits.
 * Zero is never a valid packing ({@link Op#UNDECODED} is 0 and marks an empty cache slot).
 */
public final class Decoded {
    private Decoded() {}

    public static final long COMPRESSED = 1L << 27;

    public static long pack(int op, int rd, int rs1, int rs2, int rm, int imm, boolean compressed) {
        return (op & 0xFFL)
                | ((long) (rd == 0 ? Hart.X_SINK : rd) << 8)
                | ((long) rs1 << 14)
                | ((long) rs2 << 19)
                | ((long) rm << 24)
                | (compressed ? COMPRESSED : 0)
                | ((long) imm << 32);
    }

    /** Packs an instruction whose rd names an FP register (no x0 sink mapping). */
    public static long packF(int op, int rd, int rs1, int rs2, int rm, int imm, boolean compressed) {
        return (op & 0xFFL)
                | ((long) rd << 8)
                | ((long) rs1 << 14)
                | ((long) rs2 << 19)
                | ((long) rm << 24)
                | (compressed ? COMPRESSED : 0)
                | ((long) imm << 32);
    }

    public static int op(long d) { return (int) d & 0xFF; }
    public static int rd(long d) { return (int) (d >>> 8) & 0x3F; }
    public static int rs1(long d) { return (int) (d >>> 14) & 0x1F; }
    public static int rs2(long d) { return (int) (d >>> 19) & 0x1F; }
    public static int rm(long d) { return (int) (d >>> 24) & 0x7; }
    public static int imm(long d) { return (int) (d >>> 32); }
    /** Instruction length in bytes: 2 or 4. */
    public static int length(long d) { return (d & COMPRESSED) != 0 ? 2 : 4; }

    public static String toString(long d) {
        return Op.name(op(d)) + " rd=" + rd(d) + " rs1=" + rs1(d) + " rs2=" + rs2(d) + " rm=" + rm(d)
                + " imm=" + imm(d) + (length(d) == 2 ? " (c)" : "");
    }
}
