package org.exoos.hal.cpu.exec;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.cpu.decode.Decoder;
import org.exoos.hal.cpu.fpu.Fpu;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.hal.mmu.Tlb;

import java.lang.foreign.MemorySegment;

import static org.exoos.hal.cpu.decode.Op.*;

/**
 * The RV64GC interpreter: a loop over the decoded shadow of the current code page.
 *
 * <p>Shape (after Sedna's trace loop): the outer loop translates pc to a frame through the fetch TLB and takes
 * that frame's {@link DecodedPage}; the inner loop runs instructions from it while pc stays in the page,
 * decoding a parcel only the first time it executes. Leaving the page (a taken branch elsewhere, or falling
 * into the {@link DecodedPage#PAGE_END} sentinel), a store that went down the slow path (it may have dropped
 * decoded code), or a budget check on a taken branch return to the outer loop.
 *
 * <p>The pc lives in a local; {@code hart.pc} is written back when the run ends and before any slow path that
 * can trap, so traps are precise.
 */
public final class Interpreter implements ExecutionEngine {
    private final PhysicalMemory memory;
    private final MemoryPath mem;

    public Interpreter(PhysicalMemory memory) {
        this.memory = memory;
        this.mem = new MemoryPath(memory);
    }

    @Override
    public int run(Hart h, long budget) {
        h.watchStores();
        h.enterGuest();
        try {
            return runGuest(h, budget);
        } finally {
            h.leaveGuest(); // a shootdown waiting for this hart may go on
        }
    }

    private int runGuest(Hart h, long budget) {
        if (h.tlbPriv != h.priv) {
            h.flushTlbs();
            h.tlbPriv = h.priv;
        }
        h.trapRaised = false;
        final long[] x = h.x;
        final MemoryPath mem = this.mem;
        final MemorySegment ram = mem.ram();
        final long[] loadTag = h.loadTlb.tag, loadHost = h.loadTlb.host;
        final long[] storeTag = h.storeTlb.tag, storeHost = h.storeTlb.host;
        long pc = h.pc;
        long n = 0; // instructions started in this run (the trapping one is taken back)

        outer:
        while (n < budget) {
            int frame = mem.fetchFrame(h, pc);
            if (frame < 0) break;
            final long[] page = mem.decodedFrame(frame);
            final long pageBase = pc & ~0xFFFL;
            final long frameHost = (long) frame << PhysicalMemory.PAGE_SHIFT;

            while (true) {
                int slot = (int) (pc - pageBase) >>> 1;
                long d = page[slot];
                int op = (int) d & 0xFF;
                if (op < ILLEGAL) {
                    if (op == PAGE_END) continue outer;
                    if (op == UNDECODED) {
                        d = decodeSlot(ram, frameHost, slot);
                        page[slot] = d;
                        op = (int) d & 0xFF;
                    }
                    if (op == CROSS_PAGE) {
                        d = decodeCrossPage(h, ram, frameHost, pc);
                        if (d == 0) break outer;
                        op = (int) d & 0xFF;
                    }
                }
                n++;
                final int rd = (int) (d >>> 8) & 0x3F;
                final int rs1 = (int) (d >>> 14) & 0x1F;
                final int rs2 = (int) (d >>> 19) & 0x1F;
                final int imm = (int) (d >>> 32);
                final int len = 4 - ((int) (d >>> 26) & 2); // 2 when Decoded.COMPRESSED (bit 27) is set. Branch-free: RVC code mixes lengths unpredictably

                switch (op) {
                    // ---- RV64I: upper immediates and jumps ----
                    case LUI -> x[rd] = imm;
                    case AUIPC -> x[rd] = pc + imm;
                    case JAL -> {
                        x[rd] = pc + len;
                        pc += imm;
                        if (((pc - pageBase) >>> 12) != 0 || n >= budget) continue outer;
                        continue;
                    }
                    case JALR -> {
                        long target = (x[rs1] + imm) & ~1L;
                        x[rd] = pc + len;
                        pc = target;
                        if (((pc - pageBase) >>> 12) != 0 || n >= budget) continue outer;
                        continue;
                    }
                    case BEQ -> { if (x[rs1] == x[rs2]) { pc += imm; if (((pc - pageBase) >>> 12) != 0 || n >= budget) continue outer; continue; } }
                    case BNE -> { if (x[rs1] != x[rs2]) { pc += imm; if (((pc - pageBase) >>> 12) != 0 || n >= budget) continue outer; continue; } }
                    case BLT -> { if (x[rs1] < x[rs2]) { pc += imm; if (((pc - pageBase) >>> 12) != 0 || n >= budget) continue outer; continue; } }
                    case BGE -> { if (x[rs1] >= x[rs2]) { pc += imm; if (((pc - pageBase) >>> 12) != 0 || n >= budget) continue outer; continue; } }
                    case BLTU -> { if (Long.compareUnsigned(x[rs1], x[rs2]) < 0) { pc += imm; if (((pc - pageBase) >>> 12) != 0 || n >= budget) continue outer; continue; } }
                    case BGEU -> { if (Long.compareUnsigned(x[rs1], x[rs2]) >= 0) { pc += imm; if (((pc - pageBase) >>> 12) != 0 || n >= budget) continue outer; continue; } }
                    // ---- loads and stores: the TLB hit inline, everything else in MemoryPath. One case per width,
                    // written out rather than shared: each compiles to a single access with no second dispatch. ----
                    case LB -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        long v;
                        if (loadTag[ts] == vpn && off <= 4095) {
                            v = (byte) ram.get(PhysicalMemory.BYTE, loadHost[ts] + off);
                        } else {
                            v = mem.load(h, va, 1, pc);
                            if (h.trapRaised) { n--; break outer; }
                            v = (byte) v;
                        }
                        x[rd] = v;
                    }
                    case LBU -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        long v;
                        if (loadTag[ts] == vpn && off <= 4095) {
                            v = (ram.get(PhysicalMemory.BYTE, loadHost[ts] + off) & 0xFFL);
                        } else {
                            v = mem.load(h, va, 1, pc);
                            if (h.trapRaised) { n--; break outer; }
                            v = (v & 0xFFL);
                        }
                        x[rd] = v;
                    }
                    case LH -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        long v;
                        if (loadTag[ts] == vpn && off <= 4094) {
                            v = (short) ram.get(PhysicalMemory.SHORT, loadHost[ts] + off);
                        } else {
                            v = mem.load(h, va, 2, pc);
                            if (h.trapRaised) { n--; break outer; }
                            v = (short) v;
                        }
                        x[rd] = v;
                    }
                    case LHU -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        long v;
                        if (loadTag[ts] == vpn && off <= 4094) {
                            v = (ram.get(PhysicalMemory.SHORT, loadHost[ts] + off) & 0xFFFFL);
                        } else {
                            v = mem.load(h, va, 2, pc);
                            if (h.trapRaised) { n--; break outer; }
                            v = (v & 0xFFFFL);
                        }
                        x[rd] = v;
                    }
                    case LW -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        long v;
                        if (loadTag[ts] == vpn && off <= 4092) {
                            v = (int) ram.get(PhysicalMemory.INT, loadHost[ts] + off);
                        } else {
                            v = mem.load(h, va, 4, pc);
                            if (h.trapRaised) { n--; break outer; }
                            v = (int) v;
                        }
                        x[rd] = v;
                    }
                    case LWU -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        long v;
                        if (loadTag[ts] == vpn && off <= 4092) {
                            v = (ram.get(PhysicalMemory.INT, loadHost[ts] + off) & 0xFFFF_FFFFL);
                        } else {
                            v = mem.load(h, va, 4, pc);
                            if (h.trapRaised) { n--; break outer; }
                            v = (v & 0xFFFF_FFFFL);
                        }
                        x[rd] = v;
                    }
                    case LD -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        long v;
                        if (loadTag[ts] == vpn && off <= 4088) {
                            v = ram.get(PhysicalMemory.LONG, loadHost[ts] + off);
                        } else {
                            v = mem.load(h, va, 8, pc);
                            if (h.trapRaised) { n--; break outer; }
                            v = v;
                        }
                        x[rd] = v;
                    }
                    case SB -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        if (storeTag[ts] == vpn && off <= 4095) {
                            ram.set(PhysicalMemory.BYTE, storeHost[ts] + off, (byte) x[rs2]);
                        } else {
                            mem.store(h, va, 1, x[rs2], pc);
                            if (h.trapRaised) { n--; break outer; }
                            pc += len;
                            continue outer; // the slow path may have dropped this page's decoded code
                        }
                    }
                    case SH -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        if (storeTag[ts] == vpn && off <= 4094) {
                            ram.set(PhysicalMemory.SHORT, storeHost[ts] + off, (short) x[rs2]);
                        } else {
                            mem.store(h, va, 2, x[rs2], pc);
                            if (h.trapRaised) { n--; break outer; }
                            pc += len;
                            continue outer; // the slow path may have dropped this page's decoded code
                        }
                    }
                    case SW -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        if (storeTag[ts] == vpn && off <= 4092) {
                            ram.set(PhysicalMemory.INT, storeHost[ts] + off, (int) x[rs2]);
                        } else {
                            mem.store(h, va, 4, x[rs2], pc);
                            if (h.trapRaised) { n--; break outer; }
                            pc += len;
                            continue outer; // the slow path may have dropped this page's decoded code
                        }
                    }
                    case SD -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        if (storeTag[ts] == vpn && off <= 4088) {
                            ram.set(PhysicalMemory.LONG, storeHost[ts] + off, x[rs2]);
                        } else {
                            mem.store(h, va, 8, x[rs2], pc);
                            if (h.trapRaised) { n--; break outer; }
                            pc += len;
                            continue outer; // the slow path may have dropped this page's decoded code
                        }
                    }
                    case FLD -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        long v;
                        if (loadTag[ts] == vpn && off <= 4088) {
                            v = ram.get(PhysicalMemory.LONG, loadHost[ts] + off);
                        } else {
                            v = mem.load(h, va, 8, pc);
                            if (h.trapRaised) { n--; break outer; }
                        }
                        h.f[rd] = v;
                    }
                    case FSD -> {
                        final long va = x[rs1] + imm;
                        final long vpn = va >>> 12;
                        final int ts = (int) vpn & Tlb.MASK;
                        final int off = (int) va & 0xFFF;
                        if (storeTag[ts] == vpn && off <= 4088) {
                            ram.set(PhysicalMemory.LONG, storeHost[ts] + off, h.f[rs2]);
                        } else {
                            mem.store(h, va, 8, h.f[rs2], pc);
                            if (h.trapRaised) { n--; break outer; }
                            pc += len;
                            continue outer;
                        }
                    }
                    // ---- F and D operations that round: one dispatch here, then the FPU ----
                    case FADD_S, FSUB_S, FMUL_S, FDIV_S, FSQRT_S, FMADD_S, FMSUB_S, FNMSUB_S, FNMADD_S, FADD_D, FSUB_D, FMUL_D, FDIV_D, FSQRT_D, FMADD_D, FMSUB_D, FNMSUB_D, FNMADD_D, FCVT_W_S, FCVT_WU_S, FCVT_L_S, FCVT_LU_S, FCVT_W_D, FCVT_WU_D, FCVT_L_D, FCVT_LU_D, FCVT_S_W, FCVT_S_WU, FCVT_S_L, FCVT_S_LU, FCVT_D_W, FCVT_D_WU, FCVT_D_L, FCVT_D_LU, FCVT_S_D -> {
                        int rm = (int) (d >>> 24) & 7;
                        if (rm == 7) {
                            rm = h.frm;
                            if (rm > Fpu.RMM) { illegal(h, pc, 0); n--; break outer; }
                        }
                        FloatOps.execute(op, rd, rs1, rs2, imm, rm, x, h.f, h.fpu);
                    }
                    // ---- integer register-immediate ----
                    case ADDI -> x[rd] = x[rs1] + imm;
                    case SLTI -> x[rd] = x[rs1] < imm ? 1 : 0;
                    case SLTIU -> x[rd] = Long.compareUnsigned(x[rs1], imm) < 0 ? 1 : 0;
                    case XORI -> x[rd] = x[rs1] ^ imm;
                    case ORI -> x[rd] = x[rs1] | imm;
                    case ANDI -> x[rd] = x[rs1] & imm;
                    case SLLI -> x[rd] = x[rs1] << imm;
                    case SRLI -> x[rd] = x[rs1] >>> imm;
                    case SRAI -> x[rd] = x[rs1] >> imm;
                    case ADDIW -> x[rd] = (int) x[rs1] + imm;
                    case SLLIW -> x[rd] = (int) x[rs1] << imm;
                    case SRLIW -> x[rd] = (int) x[rs1] >>> imm;
                    case SRAIW -> x[rd] = (int) x[rs1] >> imm;
                    // ---- integer register-register ----
                    case ADD -> x[rd] = x[rs1] + x[rs2];
                    case SUB -> x[rd] = x[rs1] - x[rs2];
                    case SLL -> x[rd] = x[rs1] << x[rs2];
                    case SLT -> x[rd] = x[rs1] < x[rs2] ? 1 : 0;
                    case SLTU -> x[rd] = Long.compareUnsigned(x[rs1], x[rs2]) < 0 ? 1 : 0;
                    case XOR -> x[rd] = x[rs1] ^ x[rs2];
                    case SRL -> x[rd] = x[rs1] >>> x[rs2];
                    case SRA -> x[rd] = x[rs1] >> x[rs2];
                    case OR -> x[rd] = x[rs1] | x[rs2];
                    case AND -> x[rd] = x[rs1] & x[rs2];
                    case ADDW -> x[rd] = (int) x[rs1] + (int) x[rs2];
                    case SUBW -> x[rd] = (int) x[rs1] - (int) x[rs2];
                    case SLLW -> x[rd] = (int) x[rs1] << x[rs2];
                    case SRLW -> x[rd] = (int) x[rs1] >>> x[rs2];
                    case SRAW -> x[rd] = (int) x[rs1] >> x[rs2];
                    // ---- M ----
                    case MUL -> x[rd] = x[rs1] * x[rs2];
                    case MULH -> x[rd] = Math.multiplyHigh(x[rs1], x[rs2]);
                    case MULHSU -> x[rd] = IntegerOps.mulhsu(x[rs1], x[rs2]);
                    case MULHU -> x[rd] = Math.unsignedMultiplyHigh(x[rs1], x[rs2]);
                    case DIV -> x[rd] = IntegerOps.div(x[rs1], x[rs2]);
                    case DIVU -> x[rd] = IntegerOps.divu(x[rs1], x[rs2]);
                    case REM -> x[rd] = IntegerOps.rem(x[rs1], x[rs2]);
                    case REMU -> x[rd] = IntegerOps.remu(x[rs1], x[rs2]);
                    case MULW -> x[rd] = (int) x[rs1] * (int) x[rs2];
                    case DIVW -> x[rd] = IntegerOps.divw(x[rs1], x[rs2]);
                    case DIVUW -> x[rd] = IntegerOps.divuw(x[rs1], x[rs2]);
                    case REMW -> x[rd] = IntegerOps.remw(x[rs1], x[rs2]);
                    case REMUW -> x[rd] = IntegerOps.remuw(x[rs1], x[rs2]);
                    case FENCE -> { }
                    default -> {
                        // System, atomic and floating-point instructions run outside this method, which
                        // stays small enough for the JIT to compile quickly and allocate registers well.
                        int next = ColdOps.execute(h, mem, d, op, pc, n - 1);
                        if (next == ColdOps.NEXT) break;
                        if (next == ColdOps.TRAP) { n--; break outer; }
                        pc = next == ColdOps.REFETCH ? pc + len : h.pc;
                        continue outer;
                    }
                }
                pc += len;
            }
        }
        h.instret += n;
        if (!h.trapRaised) {
            h.pc = pc;
            return BUDGET_EXHAUSTED;
        }
        return TRAPPED;
    }

    private static void illegal(Hart h, long pc, int bits) {
        h.pc = pc;
        h.trap(TrapCause.ILLEGAL_INSTRUCTION, bits & 0xFFFF_FFFFL);
    }

    /** Decodes the parcel at slot of a page (frameHost = host offset of its frame). */
    private static long decodeSlot(MemorySegment ram, long frameHost, int slot) {
        int low = ram.get(PhysicalMemory.SHORT, frameHost + 2L * slot) & 0xFFFF;
        if (!Decoder.isFull(low)) return Decoder.decodeCompressed(low);
        if (slot == DecodedPage.PARCELS - 1) return DecodedPage.CROSS_PAGE;
        return Decoder.decode(ram.get(PhysicalMemory.INT, frameHost + 2L * slot));
    }

    /** Decodes a 32-bit instruction whose upper parcel is on the next page; 0 after a fetch fault. */
    private long decodeCrossPage(Hart h, MemorySegment ram, long frameHost, long pc) {
        int low = ram.get(PhysicalMemory.SHORT, frameHost + 0xFFE) & 0xFFFF;
        int high = mem.fetchParcel(h, pc + 2, pc);
        if (high < 0) return 0;
        return Decoder.decode(low | (high << 16));
    }
}
