package org.exoos.hal.cpu.decode;

import static org.exoos.hal.cpu.decode.Decoded.pack;
import static org.exoos.hal.cpu.decode.Decoded.packF;
import static org.exoos.hal.cpu.decode.Op.*;

/**
 * Decodes RV64GC instructions into the packed {@link Decoded} form. Compressed instructions are expanded to
 * their base equivalents (RISC-V unprivileged spec, chapter "C" Standard Extension), so the interpreter
 * implements each operation once. Pure and stateless: the result depends only on the instruction bits.
 */
public final class Decoder {
    private Decoder() {}

    /** fcvt between FP and integer formats, indexed by the rs2 field (W, WU, L, LU). */
    private static final int[] CVT_TO_INT_S = {FCVT_W_S, FCVT_WU_S, FCVT_L_S, FCVT_LU_S};
    private static final int[] CVT_TO_INT_D = {FCVT_W_D, FCVT_WU_D, FCVT_L_D, FCVT_LU_D};
    private static final int[] CVT_FROM_INT_S = {FCVT_S_W, FCVT_S_WU, FCVT_S_L, FCVT_S_LU};
    private static final int[] CVT_FROM_INT_D = {FCVT_D_W, FCVT_D_WU, FCVT_D_L, FCVT_D_LU};

    /** True when the low 16 bits start a 32-bit instruction. */
    public static boolean isFull(int lowHalf) {
        return (lowHalf & 3) == 3;
    }

    private static long illegal(int insn, boolean compressed) {
        return pack(ILLEGAL, 0, 0, 0, 0, insn, compressed);
    }

    // ---- 32-bit instructions ----

    public static long decode(int insn) {
        int opcode = insn & 0x7f;
        int rd = (insn >>> 7) & 31;
        int f3 = (insn >>> 12) & 7;
        int rs1 = (insn >>> 15) & 31;
        int rs2 = (insn >>> 20) & 31;
        int f7 = insn >>> 25;
        int immI = insn >> 20;
        return switch (opcode) {
            case 0x37 -> pack(LUI, rd, 0, 0, 0, insn & 0xFFFFF000, false);
            case 0x17 -> pack(AUIPC, rd, 0, 0, 0, insn & 0xFFFFF000, false);
            case 0x6f -> pack(JAL, rd, 0, 0, 0, immJ(insn), false);
            case 0x67 -> f3 == 0 ? pack(JALR, rd, rs1, 0, 0, immI, false) : illegal(insn, false);
            case 0x63 -> {
                int op = switch (f3) {
                    case 0 -> BEQ; case 1 -> BNE; case 4 -> BLT; case 5 -> BGE; case 6 -> BLTU; case 7 -> BGEU;
                    default -> ILLEGAL;
                };
                yield op == ILLEGAL ? illegal(insn, false) : pack(op, 0, rs1, rs2, 0, immB(insn), false);
            }
            case 0x03 -> {
                int op = switch (f3) {
                    case 0 -> LB; case 1 -> LH; case 2 -> LW; case 3 -> LD; case 4 -> LBU; case 5 -> LHU; case 6 -> LWU;
                    default -> ILLEGAL;
                };
                yield op == ILLEGAL ? illegal(insn, false) : pack(op, rd, rs1, 0, 0, immI, false);
            }
            case 0x23 -> {
                int op = switch (f3) { case 0 -> SB; case 1 -> SH; case 2 -> SW; case 3 -> SD; default -> ILLEGAL; };
                yield op == ILLEGAL ? illegal(insn, false) : pack(op, 0, rs1, rs2, 0, immS(insn), false);
            }
            case 0x13 -> opImm(insn, rd, f3, rs1, immI);
            case 0x1b -> opImm32(insn, rd, f3, rs1, immI);
            case 0x33 -> op(insn, rd, f3, rs1, rs2, f7);
            case 0x3b -> op32(insn, rd, f3, rs1, rs2, f7);
            case 0x0f -> switch (f3) {
                case 0 -> pack(FENCE, 0, 0, 0, 0, 0, false);
                case 1 -> pack(FENCE_I, 0, 0, 0, 0, 0, false);
                default -> illegal(insn, false);
            };
            case 0x73 -> system(insn, rd, f3, rs1, rs2, f7);
            case 0x2f -> amo(insn, rd, f3, rs1, rs2);
            case 0x07 -> f3 == 2 ? packF(FLW, rd, rs1, 0, 0, immI, false)
                    : f3 == 3 ? packF(FLD, rd, rs1, 0, 0, immI, false) : illegal(insn, false);
            case 0x27 -> f3 == 2 ? pack(FSW, 0, rs1, rs2, 0, immS(insn), false)
                    : f3 == 3 ? pack(FSD, 0, rs1, rs2, 0, immS(insn), false) : illegal(insn, false);
            case 0x43, 0x47, 0x4b, 0x4f -> fma(insn, opcode, rd, f3, rs1, rs2);
            case 0x53 -> opFp(insn, rd, f3, rs1, rs2, f7);
            default -> illegal(insn, false);
        };
    }

    static int immS(int insn) {
        return ((insn >> 25) << 5) | ((insn >>> 7) & 0x1f);
    }

    static int immB(int insn) {
        return ((insn >> 31) << 12) | (((insn >>> 7) & 1) << 11) | (((insn >>> 25) & 0x3f) << 5) | (((insn >>> 8) & 0xf) << 1);
    }

    static int immJ(int insn) {
        return ((insn >> 31) << 20) | (((insn >>> 12) & 0xff) << 12) | (((insn >>> 20) & 1) << 11) | (((insn >>> 21) & 0x3ff) << 1);
    }

    private static long opImm(int insn, int rd, int f3, int rs1, int immI) {
        int shamt = immI & 0x3f;
        int f6 = (insn >>> 26);
        return switch (f3) {
            case 0 -> pack(ADDI, rd, rs1, 0, 0, immI, false);
            case 2 -> pack(SLTI, rd, rs1, 0, 0, immI, false);
            case 3 -> pack(SLTIU, rd, rs1, 0, 0, immI, false);
            case 4 -> pack(XORI, rd, rs1, 0, 0, immI, false);
            case 6 -> pack(ORI, rd, rs1, 0, 0, immI, false);
            case 7 -> pack(ANDI, rd, rs1, 0, 0, immI, false);
            case 1 -> f6 == 0 ? pack(SLLI, rd, rs1, 0, 0, shamt, false) : illegal(insn, false);
            case 5 -> f6 == 0 ? pack(SRLI, rd, rs1, 0, 0, shamt, false)
                    : f6 == 0x10 ? pack(SRAI, rd, rs1, 0, 0, shamt, false) : illegal(insn, false);
            default -> illegal(insn, false);
        };
    }

    private static long opImm32(int insn, int rd, int f3, int rs1, int immI) {
        int shamt = immI & 0x1f;
        int f7 = insn >>> 25;
        return switch (f3) {
            case 0 -> pack(ADDIW, rd, rs1, 0, 0, immI, false);
            case 1 -> f7 == 0 ? pack(SLLIW, rd, rs1, 0, 0, shamt, false) : illegal(insn, false);
            case 5 -> f7 == 0 ? pack(SRLIW, rd, rs1, 0, 0, shamt, false)
                    : f7 == 0x20 ? pack(SRAIW, rd, rs1, 0, 0, shamt, false) : illegal(insn, false);
            default -> illegal(insn, false);
        };
    }

    private static long op(int insn, int rd, int f3, int rs1, int rs2, int f7) {
        int op;
        if (f7 == 0) {
            op = switch (f3) {
                case 0 -> ADD; case 1 -> SLL; case 2 -> SLT; case 3 -> SLTU;
                case 4 -> XOR; case 5 -> SRL; case 6 -> OR; default -> AND;
            };
        } else if (f7 == 0x20) {
            op = f3 == 0 ? SUB : f3 == 5 ? SRA : ILLEGAL;
        } else if (f7 == 1) {
            op = switch (f3) {
                case 0 -> MUL; case 1 -> MULH; case 2 -> MULHSU; case 3 -> MULHU;
                case 4 -> DIV; case 5 -> DIVU; case 6 -> REM; default -> REMU;
            };
        } else {
            op = ILLEGAL;
        }
        return op == ILLEGAL ? illegal(insn, false) : pack(op, rd, rs1, rs2, 0, 0, false);
    }

    private static long op32(int insn, int rd, int f3, int rs1, int rs2, int f7) {
        int op;
        if (f7 == 0) {
            op = switch (f3) { case 0 -> ADDW; case 1 -> SLLW; case 5 -> SRLW; default -> ILLEGAL; };
        } else if (f7 == 0x20) {
            op = f3 == 0 ? SUBW : f3 == 5 ? SRAW : ILLEGAL;
        } else if (f7 == 1) {
            op = switch (f3) { case 0 -> MULW; case 4 -> DIVW; case 5 -> DIVUW; case 6 -> REMW; case 7 -> REMUW; default -> ILLEGAL; };
        } else {
            op = ILLEGAL;
        }
        return op == ILLEGAL ? illegal(insn, false) : pack(op, rd, rs1, rs2, 0, 0, false);
    }

    private static long system(int insn, int rd, int f3, int rs1, int rs2, int f7) {
        int csr = insn >>> 20;
        return switch (f3) {
            case 0 -> {
                if (rd != 0) yield illegal(insn, false);
                if (f7 == 0x09) yield pack(SFENCE_VMA, 0, rs1, rs2, 0, 0, false);
                if (rs1 != 0) yield illegal(insn, false);
                yield switch (csr) {
                    case 0x000 -> pack(ECALL, 0, 0, 0, 0, 0, false);
                    case 0x001 -> pack(EBREAK, 0, 0, 0, 0, 0, false);
                    case 0x102 -> pack(SRET, 0, 0, 0, 0, 0, false);
                    case 0x105 -> pack(WFI, 0, 0, 0, 0, 0, false);
                    default -> illegal(insn, false);
                };
            }
            case 1 -> pack(CSRRW, rd, rs1, 0, 0, csr, false);
            case 2 -> pack(CSRRS, rd, rs1, 0, 0, csr, false);
            case 3 -> pack(CSRRC, rd, rs1, 0, 0, csr, false);
            case 5 -> pack(CSRRWI, rd, rs1, 0, 0, csr, false);
            case 6 -> pack(CSRRSI, rd, rs1, 0, 0, csr, false);
            case 7 -> pack(CSRRCI, rd, rs1, 0, 0, csr, false);
            default -> illegal(insn, false);
        };
    }

    private static long amo(int insn, int rd, int f3, int rs1, int rs2) {
        if (f3 != 2 && f3 != 3) return illegal(insn, false);
        boolean d = f3 == 3;
        int f5 = insn >>> 27;
        int op = switch (f5) {
            case 0x02 -> rs2 == 0 ? (d ? LR_D : LR_W) : ILLEGAL;
            case 0x03 -> d ? SC_D : SC_W;
            case 0x01 -> d ? AMOSWAP_D : AMOSWAP_W;
            case 0x00 -> d ? AMOADD_D : AMOADD_W;
            case 0x04 -> d ? AMOXOR_D : AMOXOR_W;
            case 0x0c -> d ? AMOAND_D : AMOAND_W;
            case 0x08 -> d ? AMOOR_D : AMOOR_W;
            case 0x10 -> d ? AMOMIN_D : AMOMIN_W;
            case 0x14 -> d ? AMOMAX_D : AMOMAX_W;
            case 0x18 -> d ? AMOMINU_D : AMOMINU_W;
            case 0x1c -> d ? AMOMAXU_D : AMOMAXU_W;
            default -> ILLEGAL;
        };
        return op == ILLEGAL ? illegal(insn, false) : pack(op, rd, rs1, rs2, 0, 0, false);
    }

    private static boolean badRm(int rm) {
        return rm == 5 || rm == 6;
    }

    private static long fma(int insn, int opcode, int rd, int rm, int rs1, int rs2) {
        int fmt = (insn >>> 25) & 3;
        int rs3 = insn >>> 27;
        if (fmt > 1 || badRm(rm)) return illegal(insn, false);
        boolean d = fmt == 1;
        int op = switch (opcode) {
            case 0x43 -> d ? FMADD_D : FMADD_S;
            case 0x47 -> d ? FMSUB_D : FMSUB_S;
            case 0x4b -> d ? FNMSUB_D : FNMSUB_S;
            default -> d ? FNMADD_D : FNMADD_S;
        };
        return packF(op, rd, rs1, rs2, rm, rs3, false);
    }

    private static long opFp(int insn, int rd, int f3, int rs1, int rs2, int f7) {
        int rm = f3;
        return switch (f7) {
            case 0x00 -> fArith(insn, FADD_S, rd, rs1, rs2, rm);
            case 0x01 -> fArith(insn, FADD_D, rd, rs1, rs2, rm);
            case 0x04 -> fArith(insn, FSUB_S, rd, rs1, rs2, rm);
            case 0x05 -> fArith(insn, FSUB_D, rd, rs1, rs2, rm);
            case 0x08 -> fArith(insn, FMUL_S, rd, rs1, rs2, rm);
            case 0x09 -> fArith(insn, FMUL_D, rd, rs1, rs2, rm);
            case 0x0c -> fArith(insn, FDIV_S, rd, rs1, rs2, rm);
            case 0x0d -> fArith(insn, FDIV_D, rd, rs1, rs2, rm);
            case 0x2c -> rs2 == 0 ? fArith(insn, FSQRT_S, rd, rs1, 0, rm) : illegal(insn, false);
            case 0x2d -> rs2 == 0 ? fArith(insn, FSQRT_D, rd, rs1, 0, rm) : illegal(insn, false);
            case 0x10 -> f3 <= 2 ? packF(f3 == 0 ? FSGNJ_S : f3 == 1 ? FSGNJN_S : FSGNJX_S, rd, rs1, rs2, 0, 0, false) : illegal(insn, false);
            case 0x11 -> f3 <= 2 ? packF(f3 == 0 ? FSGNJ_D : f3 == 1 ? FSGNJN_D : FSGNJX_D, rd, rs1, rs2, 0, 0, false) : illegal(insn, false);
            case 0x14 -> f3 <= 1 ? packF(f3 == 0 ? FMIN_S : FMAX_S, rd, rs1, rs2, 0, 0, false) : illegal(insn, false);
            case 0x15 -> f3 <= 1 ? packF(f3 == 0 ? FMIN_D : FMAX_D, rd, rs1, rs2, 0, 0, false) : illegal(insn, false);
            case 0x20 -> rs2 == 1 ? fArith(insn, FCVT_S_D, rd, rs1, 0, rm) : illegal(insn, false);
            case 0x21 -> rs2 == 0 ? fArith(insn, FCVT_D_S, rd, rs1, 0, rm) : illegal(insn, false);
            case 0x50 -> f3 <= 2 ? pack(f3 == 0 ? FLE_S : f3 == 1 ? FLT_S : FEQ_S, rd, rs1, rs2, 0, 0, false) : illegal(insn, false);
            case 0x51 -> f3 <= 2 ? pack(f3 == 0 ? FLE_D : f3 == 1 ? FLT_D : FEQ_D, rd, rs1, rs2, 0, 0, false) : illegal(insn, false);
            case 0x60 -> rs2 <= 3 && !badRm(rm)
                    ? pack(CVT_TO_INT_S[rs2], rd, rs1, 0, rm, 0, false) : illegal(insn, false);
            case 0x61 -> rs2 <= 3 && !badRm(rm)
                    ? pack(CVT_TO_INT_D[rs2], rd, rs1, 0, rm, 0, false) : illegal(insn, false);
            case 0x68 -> rs2 <= 3 && !badRm(rm)
                    ? packF(CVT_FROM_INT_S[rs2], rd, rs1, 0, rm, 0, false) : illegal(insn, false);
            case 0x69 -> rs2 <= 3 && !badRm(rm)
                    ? packF(CVT_FROM_INT_D[rs2], rd, rs1, 0, rm, 0, false) : illegal(insn, false);
            case 0x70 -> rs2 != 0 ? illegal(insn, false)
                    : f3 == 0 ? pack(FMV_X_W, rd, rs1, 0, 0, 0, false)
                    : f3 == 1 ? pack(FCLASS_S, rd, rs1, 0, 0, 0, false) : illegal(insn, false);
            case 0x71 -> rs2 != 0 ? illegal(insn, false)
                    : f3 == 0 ? pack(FMV_X_D, rd, rs1, 0, 0, 0, false)
                    : f3 == 1 ? pack(FCLASS_D, rd, rs1, 0, 0, 0, false) : illegal(insn, false);
            case 0x78 -> rs2 == 0 && f3 == 0 ? packF(FMV_W_X, rd, rs1, 0, 0, 0, false) : illegal(insn, false);
            case 0x79 -> rs2 == 0 && f3 == 0 ? packF(FMV_D_X, rd, rs1, 0, 0, 0, false) : illegal(insn, false);
            default -> illegal(insn, false);
        };
    }

    private static long fArith(int insn, int op, int rd, int rs1, int rs2, int rm) {
        return badRm(rm) ? illegal(insn, false) : packF(op, rd, rs1, rs2, rm, 0, false);
    }

    // ---- 16-bit (compressed) instructions ----

    private static int bit(int v, int b) {
        return (v >>> b) & 1;
    }

    private static int bits(int v, int hi, int lo) {
        return (v >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    /** Sign-extends the low n bits of v. */
    private static int sext(int v, int n) {
        return (v << (32 - n)) >> (32 - n);
    }

    public static long decodeCompressed(int c) {
        c &= 0xFFFF;
        int quadrant = c & 3;
        int f3 = c >>> 13;
        int rdp = bits(c, 4, 2) + 8;   // rd' / rs2'
        int rs1p = bits(c, 9, 7) + 8;  // rs1' / rd'
        int rd = bits(c, 11, 7);
        int rs2 = bits(c, 6, 2);
        int imm6 = sext((bit(c, 12) << 5) | bits(c, 6, 2), 6);
        switch (quadrant) {
            case 0 -> {
                switch (f3) {
                    case 0 -> { // C.ADDI4SPN
                        int uimm = (bits(c, 12, 11) << 4) | (bits(c, 10, 7) << 6) | (bit(c, 6) << 2) | (bit(c, 5) << 3);
                        return uimm == 0 ? illegal(c, true) : pack(ADDI, rdp, 2, 0, 0, uimm, true);
                    }
                    case 1 -> { return packF(FLD, rdp, rs1p, 0, 0, (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6), true); }
                    case 2 -> { return pack(LW, rdp, rs1p, 0, 0, (bits(c, 12, 10) << 3) | (bit(c, 6) << 2) | (bit(c, 5) << 6), true); }
                    case 3 -> { return pack(LD, rdp, rs1p, 0, 0, (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6), true); }
                    case 5 -> { return pack(FSD, 0, rs1p, rdp, 0, (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6), true); }
                    case 6 -> { return pack(SW, 0, rs1p, rdp, 0, (bits(c, 12, 10) << 3) | (bit(c, 6) << 2) | (bit(c, 5) << 6), true); }
                    case 7 -> { return pack(SD, 0, rs1p, rdp, 0, (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6), true); }
                    default -> { return illegal(c, true); }
                }
            }
            case 1 -> {
                switch (f3) {
                    case 0 -> { return pack(ADDI, rd, rd, 0, 0, imm6, true); } // C.ADDI (rd=0: C.NOP)
                    case 1 -> { return rd == 0 ? illegal(c, true) : pack(ADDIW, rd, rd, 0, 0, imm6, true); }
                    case 2 -> { return pack(ADDI, rd, 0, 0, 0, imm6, true); } // C.LI
                    case 3 -> {
                        if (rd == 2) { // C.ADDI16SP
                            int nz = sext((bit(c, 12) << 9) | (bit(c, 6) << 4) | (bit(c, 5) << 6) | (bits(c, 4, 3) << 7) | (bit(c, 2) << 5), 10);
                            return nz == 0 ? illegal(c, true) : pack(ADDI, 2, 2, 0, 0, nz, true);
                        }
                        return imm6 == 0 ? illegal(c, true) : pack(LUI, rd, 0, 0, 0, imm6 << 12, true);
                    }
                    case 4 -> {
                        int shamt = (bit(c, 12) << 5) | bits(c, 6, 2);
                        switch (bits(c, 11, 10)) {
                            case 0 -> { return pack(SRLI, rs1p, rs1p, 0, 0, shamt, true); }
                            case 1 -> { return pack(SRAI, rs1p, rs1p, 0, 0, shamt, true); }
                            case 2 -> { return pack(ANDI, rs1p, rs1p, 0, 0, imm6, true); }
                            default -> {
                                int f2 = bits(c, 6, 5);
                                if (bit(c, 12) == 0) {
                                    int op = switch (f2) { case 0 -> SUB; case 1 -> XOR; case 2 -> OR; default -> AND; };
                                    return pack(op, rs1p, rs1p, rdp, 0, 0, true);
                                }
                                if (f2 == 0) return pack(SUBW, rs1p, rs1p, rdp, 0, 0, true);
                                if (f2 == 1) return pack(ADDW, rs1p, rs1p, rdp, 0, 0, true);
                                return illegal(c, true);
                            }
                        }
                    }
                    case 5 -> { // C.J
                        int imm = sext((bit(c, 12) << 11) | (bit(c, 11) << 4) | (bits(c, 10, 9) << 8) | (bit(c, 8) << 10)
                                | (bit(c, 7) << 6) | (bit(c, 6) << 7) | (bits(c, 5, 3) << 1) | (bit(c, 2) << 5), 12);
                        return pack(JAL, 0, 0, 0, 0, imm, true);
                    }
                    default -> { // C.BEQZ / C.BNEZ
                        int imm = sext((bit(c, 12) << 8) | (bits(c, 11, 10) << 3) | (bits(c, 6, 5) << 6)
                                | (bits(c, 4, 3) << 1) | (bit(c, 2) << 5), 9);
                        return pack(f3 == 6 ? BEQ : BNE, 0, rs1p, 0, 0, imm, true);
                    }
                }
            }
            case 2 -> {
                switch (f3) {
                    case 0 -> { return pack(SLLI, rd, rd, 0, 0, (bit(c, 12) << 5) | bits(c, 6, 2), true); }
                    case 1 -> { return packF(FLD, rd, 2, 0, 0, (bit(c, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6), true); }
                    case 2 -> {
                        return rd == 0 ? illegal(c, true)
                                : pack(LW, rd, 2, 0, 0, (bit(c, 12) << 5) | (bits(c, 6, 4) << 2) | (bits(c, 3, 2) << 6), true);
                    }
                    case 3 -> {
                        return rd == 0 ? illegal(c, true)
                                : pack(LD, rd, 2, 0, 0, (bit(c, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6), true);
                    }
                    case 4 -> {
                        if (bit(c, 12) == 0) {
                            if (rs2 == 0) return rd == 0 ? illegal(c, true) : pack(JALR, 0, rd, 0, 0, 0, true); // C.JR
                            return pack(ADD, rd, 0, rs2, 0, 0, true); // C.MV
                        }
                        if (rs2 == 0) {
                            return rd == 0 ? pack(EBREAK, 0, 0, 0, 0, 0, true) : pack(JALR, 1, rd, 0, 0, 0, true); // C.EBREAK / C.JALR
                        }
                        return pack(ADD, rd, rd, rs2, 0, 0, true); // C.ADD
                    }
                    case 5 -> { return pack(FSD, 0, 2, rs2, 0, (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6), true); }
                    case 6 -> { return pack(SW, 0, 2, rs2, 0, (bits(c, 12, 9) << 2) | (bits(c, 8, 7) << 6), true); }
                    default -> { return pack(SD, 0, 2, rs2, 0, (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6), true); }
                }
            }
            default -> { return illegal(c, true); } // quadrant 3 is a 32-bit instruction, not ours
        }
    }
}
