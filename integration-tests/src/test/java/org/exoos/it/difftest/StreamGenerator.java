package org.exoos.it.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random instruction streams over all of RV64GC: integer (I, M, W forms), atomics (A), single and double
 * floating point (F, D) with every rounding mode, Zicsr on fflags/frm/fcsr, counters, fences, misaligned
 * and page-crossing memory accesses, compressed forms (when the case enables RVC) and bounded control
 * flow (forward branches over blocks, counted loops, jal/jalr to local labels, calls and returns).
 *
 * <p>Invariants that keep every stream safe on any engine that is correct: sp (x2) and gp (x3) are never
 * written; every memory access first derives its base from sp and lands in the scratch window
 * [sp-2048, sp+2048); atomics are naturally aligned; loops count down a register their body cannot write;
 * jumps go only to the unit's own labels; frm always holds a valid rounding mode between units.
 */
final class StreamGenerator {
    private static final String[] ROUNDING = {"", ", rne", ", rtz", ", rdn", ", rup", ", rmm", ", dyn"};
    private static final String[] AMO_OPS = {"amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"};
    private static final String[] ORDERING = {"", ".aq", ".rl", ".aqrl"};
    private static final String[] IMM_OPS = {"addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"};
    private static final String[] SHIFT_IMM_OPS = {"slli", "srli", "srai"};
    private static final String[] SHIFT_IMM_W_OPS = {"slliw", "srliw", "sraiw"};
    private static final String[] REG_OPS = {"add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
            "addw", "subw", "sllw", "srlw", "sraw"};
    private static final String[] MUL_DIV_OPS = {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
            "mulw", "divw", "divuw", "remw", "remuw"};
    private static final String[] BRANCHES = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};
    private static final String[] FP_ARITH = {"fadd", "fsub", "fmul", "fdiv"};
    private static final String[] FP_FMA = {"fmadd", "fmsub", "fnmsub", "fnmadd"};
    private static final String[] FP_NO_ROUNDING = {"fmin", "fmax", "fsgnj", "fsgnjn", "fsgnjx"};
    private static final String[] FP_COMPARE = {"feq", "flt", "fle"};
    private static final String[] INT_FORMATS = {"w", "wu", "l", "lu"};
    private static final String[] FP_CSRS = {"fflags", "frm", "fcsr"};
    private static final String[] COUNTERS = {"rdcycle", "rdtime", "rdinstret"};
    private static final String[] FENCES = {"fence", "fence rw, rw", "fence r, r", "fence w, w", "fence r, w",
            "fence iorw, iorw", "fence.tso", "fence.i"};
    private static final String[] C_REG_OPS = {"c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw"};

    /** Registers a stream may write: all but x0 (writable, but rarely chosen), sp and gp. */
    private static final int WRITABLE = ~((1 << 0) | (1 << 2) | (1 << 3));
    private static final int MAX_DEPTH = 2;

    private enum Kind {
        INT_IMM(10), INT_SHIFT_IMM(5), INT_REG(12), LUI_AUIPC(3), LOAD_CONSTANT(5), MUL_DIV(9),
        LOAD(7), STORE(7), AMO(4), LR_SC(3),
        FP_ARITH(8), FP_FMA(5), FP_SQRT(2), FP_NO_ROUNDING(5), FP_COMPARE(4), FP_CLASS(2), FP_CONVERT(8),
        FP_MOVE(4), FP_CONSTANT(6), FP_LOAD_STORE(5),
        FP_CSR(5), COUNTER(1), FENCE(1),
        C_ALU(10), C_MEMORY(6), C_SP_MEMORY(4),
        BRANCH_OVER(4), LOOP(3), JAL_OVER(2), CALL(2), JALR(2), C_JUMP(3);

        final int weight;

        Kind(int weight) { this.weight = weight; }

        boolean compressedOnly() { return name().startsWith("C_"); }

        boolean controlFlow() {
            return this == BRANCH_OVER || this == LOOP || this == JAL_OVER || this == CALL || this == JALR || this == C_JUMP;
        }
    }

    private final RandomGenerator rng;
    private final boolean compressed;
    private int nextLabel;
    /** Per f register: whether it last received a single (a guess; control flow may skip the write). */
    private final boolean[] single = new boolean[32];

    /** @param initialF the case's initial f registers, to tell boxed singles from doubles */
    StreamGenerator(RandomGenerator rng, boolean compressed, long[] initialF) {
        this.rng = rng;
        this.compressed = compressed;
        for (int i = 0; i < 32; i++) single[i] = initialF[i] >>> 32 == 0xffffffffL;
    }

    /** A stream of about {@code lines} assembly lines. */
    List<Unit> stream(int lines) {
        List<Unit> units = new ArrayList<>();
        int n = 0;
        while (n < lines) {
            Unit u = unit(0, 0);
            units.add(u);
            n += u.size();
        }
        return units;
    }

    /** One random unit; {@code excluded} is a mask of registers it must not write. */
    Unit unit(int excluded, int depth) {
        while (true) {
            Kind kind = pickKind();
            if (kind.compressedOnly() && !compressed) continue;
            if (kind.controlFlow() && depth >= MAX_DEPTH) continue;
            Unit u = build(kind, excluded, depth);
            if (u != null) return u;
        }
    }

    private Kind pickKind() {
        int total = 0;
        for (Kind k : Kind.values()) total += k.weight;
        int r = rng.nextInt(total);
        for (Kind k : Kind.values()) {
            if ((r -= k.weight) < 0) return k;
        }
        throw new AssertionError();
    }

    private Unit build(Kind kind, int ex, int depth) {
        return switch (kind) {
            case INT_IMM -> intImmediate(ex);
            case INT_SHIFT_IMM -> shiftImmediate(ex);
            case INT_REG -> Unit.of(op3(pick(REG_OPS), dest(ex), src(), src()));
            case LUI_AUIPC -> Unit.of((rng.nextBoolean() ? "lui x" : "auipc x") + dest(ex) + ", " + upperImmediate());
            case LOAD_CONSTANT -> Unit.of("li x" + dest(ex) + ", " + GuestValues.integer(rng));
            case MUL_DIV -> mulDiv(ex);
            case LOAD -> load(ex);
            case STORE -> store(ex);
            case AMO -> amo(ex);
            case LR_SC -> lrSc(ex);
            case FP_ARITH -> fpOp(pick(FP_ARITH), 2, true);
            case FP_FMA -> fpOp(pick(FP_FMA), 3, true);
            case FP_SQRT -> fpOp("fsqrt", 1, true);
            case FP_NO_ROUNDING -> fpOp(pick(FP_NO_ROUNDING), 2, false);
            case FP_COMPARE -> {
                String p = precision();
                String a = frIn(p), b = frIn(p);
                yield Unit.of(pick(FP_COMPARE) + "." + p + " x" + dest(ex) + ", " + a + ", " + b);
            }
            case FP_CLASS -> {
                String p = precision();
                yield Unit.of("fclass." + p + " x" + dest(ex) + ", " + frIn(p));
            }
            case FP_CONVERT -> convert(ex);
            case FP_MOVE -> fpMove(ex);
            case FP_CONSTANT -> fpConstant(ex);
            case FP_LOAD_STORE -> fpLoadStore(ex);
            case FP_CSR -> fpCsr(ex);
            case COUNTER -> counter(ex);
            case FENCE -> Unit.of(pick(FENCES));
            case C_ALU -> compressedAlu(ex);
            case C_MEMORY -> compressedMemory(ex);
            case C_SP_MEMORY -> compressedSpMemory(ex);
            case BRANCH_OVER -> branchOver(ex, depth);
            case LOOP -> loop(ex, depth);
            case JAL_OVER -> jalOver(ex, depth);
            case CALL -> call(ex, depth);
            case JALR -> jalr(ex, depth);
            case C_JUMP -> compressedJump(ex, depth);
        };
    }

    // ---- integer ----

    private Unit intImmediate(int ex) {
        return Unit.of(pick(IMM_OPS) + " x" + dest(ex) + ", x" + src() + ", " + imm12());
    }

    private Unit shiftImmediate(int ex) {
        boolean word = rng.nextInt(3) == 0;
        int shamt = word ? pickShift(31) : pickShift(63);
        return Unit.of((word ? pick(SHIFT_IMM_W_OPS) : pick(SHIFT_IMM_OPS)) + " x" + dest(ex) + ", x" + src() + ", " + shamt);
    }

    private int pickShift(int max) {
        return switch (rng.nextInt(4)) {
            case 0 -> 0;
            case 1 -> max;
            case 2 -> max / 2 + rng.nextInt(2);
            default -> rng.nextInt(max + 1);
        };
    }

    /** Multiply/divide, half the time on freshly loaded interesting operands (limits, zero, -1). */
    private Unit mulDiv(int ex) {
        String op = pick(MUL_DIV_OPS);
        if (rng.nextBoolean()) return Unit.of(op3(op, dest(ex), src(), src()));
        int a = destNonZero(ex), b = destNonZero(ex);
        return Unit.of("li x" + a + ", " + GuestValues.INTEGER_PAIRS[rng.nextInt(GuestValues.INTEGER_PAIRS.length)],
                "li x" + b + ", " + GuestValues.INTEGER_PAIRS[rng.nextInt(GuestValues.INTEGER_PAIRS.length)],
                op3(op, dest(ex), a, b));
    }

    // ---- memory ----

    private static final String[] LOADS = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"};
    private static final int[] LOAD_SIZES = {1, 2, 4, 8, 1, 2, 4};
    private static final String[] STORES = {"sb", "sh", "sw", "sd"};
    private static final int[] STORE_SIZES = {1, 2, 4, 8};

    private Unit load(int ex) {
        int i = rng.nextInt(LOADS.length);
        int base = destNonZero(ex);
        int t = target(LOAD_SIZES[i], false);
        int off = secondOffset(t);
        return Unit.of("addi x" + base + ", x2, " + (t - off), LOADS[i] + " x" + dest(ex) + ", " + off + "(x" + base + ")");
    }

    private Unit store(int ex) {
        int i = rng.nextInt(STORES.length);
        int base = destNonZero(ex);
        int t = target(STORE_SIZES[i], false);
        int off = secondOffset(t);
        return Unit.of("addi x" + base + ", x2, " + (t - off), STORES[i] + " x" + src() + ", " + off + "(x" + base + ")");
    }

    private Unit fpLoadStore(int ex) {
        boolean dbl = rng.nextBoolean(), isLoad = rng.nextBoolean();
        int size = dbl ? 8 : 4;
        int base = destNonZero(ex);
        int t = target(size, false);
        int off = secondOffset(t);
        String op = (isLoad ? "fl" : "fs") + (dbl ? "d" : "w");
        String data = isLoad ? frOut(dbl ? "d" : "s") : frIn(dbl ? "d" : "s");
        return Unit.of("addi x" + base + ", x2, " + (t - off), op + " " + data + ", " + off + "(x" + base + ")");
    }

    private Unit amo(int ex) {
        boolean dbl = rng.nextBoolean();
        int base = destNonZero(ex);
        int t = target(dbl ? 8 : 4, true);
        String op = pick(AMO_OPS) + (dbl ? ".d" : ".w") + pick(ORDERING);
        return Unit.of("addi x" + base + ", x2, " + t, op + " x" + dest(ex) + ", x" + src() + ", (x" + base + ")");
    }

    /**
     * LR then SC. A pair on one address with only register arithmetic between succeeds; an SC to another
     * 64-byte block, or without any LR, must fail. Every unit ends with an SC, so no reservation outlives it.
     */
    private Unit lrSc(int ex) {
        String w = rng.nextBoolean() ? ".d" : ".w";
        int size = w.equals(".d") ? 8 : 4;
        int base = destNonZero(ex);
        int t = target(size, true);
        List<String> lines = new ArrayList<>();
        lines.add("addi x" + base + ", x2, " + t);
        switch (rng.nextInt(3)) {
            case 0 -> { // succeeds
                lines.add("lr" + w + pick(ORDERING) + " x" + dest(ex | bit(base)) + ", (x" + base + ")");
                for (int i = rng.nextInt(3); i > 0; i--) lines.add(op3(pick(REG_OPS), dest(ex | bit(base)), src(), src()));
                lines.add("sc" + w + pick(ORDERING) + " x" + dest(ex) + ", x" + src() + ", (x" + base + ")");
            }
            case 1 -> { // fails: SC to a different reservation set
                lines.add("lr" + w + pick(ORDERING) + " x" + dest(ex | bit(base)) + ", (x" + base + ")");
                int other = t + 512 <= 2048 - size ? t + 512 : t - 512;
                lines.add("addi x" + base + ", x2, " + other);
                lines.add("sc" + w + pick(ORDERING) + " x" + dest(ex) + ", x" + src() + ", (x" + base + ")");
            }
            default -> // fails: no reservation
                    lines.add("sc" + w + pick(ORDERING) + " x" + dest(ex) + ", x" + src() + ", (x" + base + ")");
        }
        return new Unit(lines);
    }

    /**
     * An offset from sp for an access of {@code size} bytes inside the window; a quarter of them straddle
     * or touch the page boundary at sp, and unless {@code aligned} about half are misaligned.
     */
    private int target(int size, boolean aligned) {
        int t = rng.nextInt(4) == 0 ? rng.nextInt(-size - 1, 2) : rng.nextInt(-2048, 2048 - size + 1);
        if (aligned || rng.nextBoolean()) t = Math.floorDiv(t, size) * size;
        return Math.max(-2048, Math.min(2048 - size, t));
    }

    /** The load/store immediate, chosen so the base setup {@code addi base, sp, t - off} stays in range. */
    private int secondOffset(int t) {
        if (rng.nextInt(3) == 0) return 0;
        return rng.nextInt(Math.max(-2048, t - 2047), Math.min(2047, t + 2048) + 1);
    }

    // ---- floating point ----

    private Unit convert(int ex) {
        String p = precision();
        return switch (rng.nextInt(4)) {
            case 0 -> {
                String in = frIn(p);
                yield Unit.of("fcvt." + pick(INT_FORMATS) + "." + p + " x" + dest(ex) + ", " + in + rounding());
            }
            case 1 -> {
                String from = pick(INT_FORMATS);
                boolean exact = p.equals("d") && from.startsWith("w");
                yield Unit.of("fcvt." + p + "." + from + " " + frOut(p) + ", x" + src() + (exact ? "" : rounding()));
            }
            case 2 -> {
                String in = frIn("d");
                yield Unit.of("fcvt.s.d " + frOut("s") + ", " + in + rounding());
            }
            default -> {
                String in = frIn("s");
                yield Unit.of("fcvt.d.s " + frOut("d") + ", " + in);
            }
        };
    }

    private Unit fpMove(int ex) {
        return switch (rng.nextInt(4)) {
            case 0 -> Unit.of("fmv.x.w x" + dest(ex) + ", " + frIn("s"));
            case 1 -> Unit.of("fmv.x.d x" + dest(ex) + ", f" + fr());
            case 2 -> Unit.of("fmv.w.x " + frOut("s") + ", x" + src());
            default -> Unit.of("fmv.d.x " + frOut("d") + ", x" + src());
        };
    }

    /** Puts a special value into an f register: a double, a boxed single, or a single with broken boxing. */
    private Unit fpConstant(int ex) {
        int t = destNonZero(ex);
        return switch (rng.nextInt(3)) {
            case 0 -> Unit.of("li x" + t + ", " + ProgramWriter.hex(GuestValues.doubleBits(rng)), "fmv.d.x " + frOut("d") + ", x" + t);
            case 1 -> Unit.of("li x" + t + ", " + ProgramWriter.hex(GuestValues.floatBits(rng) & 0xffffffffL), "fmv.w.x " + frOut("s") + ", x" + t);
            default -> Unit.of("li x" + t + ", " + ProgramWriter.hex(GuestValues.unboxedSingle(rng)), "fmv.d.x " + frOut("d") + ", x" + t);
        };
    }

    /**
     * fflags/frm/fcsr through every Zicsr form and the F pseudo-instructions. A write that may leave an
     * invalid rounding mode is followed by reading frm and restoring a valid one.
     */
    private Unit fpCsr(int ex) {
        List<String> lines = new ArrayList<>();
        switch (rng.nextInt(8)) {
            case 0 -> lines.add(pick(new String[] {"frflags", "frrm", "frcsr"}) + " x" + dest(ex));
            case 1 -> lines.add("fsflags x" + dest(ex) + ", x" + src());
            case 2 -> lines.add("fsflagsi x" + dest(ex) + ", " + rng.nextInt(32));
            case 3 -> lines.add("fsrmi x" + dest(ex) + ", " + rng.nextInt(5));
            case 4 -> {
                int t = destNonZero(ex);
                lines.add("li x" + t + ", " + rng.nextInt(5));
                lines.add("fsrm x" + dest(ex) + ", x" + t);
            }
            case 5 -> {
                int t = destNonZero(ex);
                long garbage = rng.nextBoolean() ? 0 : (long) rng.nextInt() << 8;
                lines.add("li x" + t + ", " + (garbage | rng.nextInt(5) << 5 | rng.nextInt(32)));
                lines.add("fscsr x" + dest(ex) + ", x" + t);
            }
            default -> {
                String csr = pick(FP_CSRS);
                String op = pick(new String[] {"csrrw", "csrrs", "csrrc"});
                if (rng.nextBoolean()) {
                    lines.add(op + "i x" + dest(ex) + ", " + csr + ", " + (rng.nextInt(4) == 0 ? 0 : rng.nextInt(32)));
                } else {
                    int t = destNonZero(ex);
                    int rs = rng.nextInt(4) == 0 ? 0 : t;
                    if (rs != 0) lines.add("li x" + t + ", " + GuestValues.integer(rng));
                    lines.add(op + " x" + dest(ex) + ", " + csr + ", x" + rs);
                }
                if (!csr.equals("fflags")) {
                    lines.add("frrm x" + dest(ex));
                    lines.add("fsrmi x0, " + rng.nextInt(5));
                }
            }
        }
        return new Unit(lines);
    }

    /** Counters differ between engines by nature; check only that two reads are monotonic, then clear them. */
    private Unit counter(int ex) {
        int a = destNonZero(ex), b = destNonZero(ex | bit(a)), c = dest(ex);
        String counter = pick(COUNTERS);
        return Unit.of(counter + " x" + a, counter + " x" + b, "sltu x" + c + ", x" + b + ", x" + a,
                "li x" + a + ", 0", "li x" + b + ", 0");
    }

    // ---- compressed ----

    private Unit compressedAlu(int ex) {
        return switch (rng.nextInt(14)) {
            case 0 -> Unit.of("c.addi x" + destNonZero(ex) + ", " + nonZero(rng.nextInt(-32, 32)));
            case 1 -> Unit.of("c.addiw x" + destNonZero(ex) + ", " + rng.nextInt(-32, 32));
            case 2 -> Unit.of("c.li x" + destNonZero(ex) + ", " + rng.nextInt(-32, 32));
            case 3 -> Unit.of("c.lui x" + destNonZero(ex) + ", " + (rng.nextBoolean() ? rng.nextInt(1, 32) : rng.nextInt(0xfffe0, 0x100000)));
            case 4 -> Unit.of("c.slli x" + destNonZero(ex) + ", " + rng.nextInt(1, 64));
            case 5 -> Unit.of("c.srli x" + destC(ex) + ", " + rng.nextInt(1, 64));
            case 6 -> Unit.of("c.srai x" + destC(ex) + ", " + rng.nextInt(1, 64));
            case 7 -> Unit.of("c.andi x" + destC(ex) + ", " + rng.nextInt(-32, 32));
            case 8 -> Unit.of("c.mv x" + destNonZero(ex) + ", x" + srcNonZero());
            case 9 -> Unit.of("c.add x" + destNonZero(ex) + ", x" + srcNonZero());
            case 10, 11 -> Unit.of(pick(C_REG_OPS) + " x" + destC(ex) + ", x" + rng.nextInt(8, 16));
            case 12 -> Unit.of("c.addi4spn x" + destC(ex) + ", x2, " + 4 * rng.nextInt(1, 256));
            default -> Unit.of("c.nop");
        };
    }

    /** c.lw/c.ld/c.sw/c.sd/c.fld/c.fsd: base in x8..x15 derived from sp, possibly misaligned. */
    private Unit compressedMemory(int ex) {
        int kind = rng.nextInt(6);
        String op = new String[] {"c.lw", "c.ld", "c.sw", "c.sd", "c.fld", "c.fsd"}[kind];
        int size = kind == 0 || kind == 2 ? 4 : 8;
        int base = destC(ex);
        String setup;
        int off;
        if (rng.nextBoolean()) {
            int imm = 4 * rng.nextInt(1, 256);
            off = size * rng.nextInt(32);
            setup = "c.addi4spn x" + base + ", x2, " + imm;
            if (imm + off > 2048 - size) off = 0;
        } else {
            int t = target(size, false);
            int maxSlots = Math.min(31, (t + 2048) / size);
            off = size * rng.nextInt(maxSlots + 1);
            setup = "addi x" + base + ", x2, " + (t - off);
        }
        String data = switch (kind) {
            case 0, 1 -> "x" + destC(ex);
            case 2, 3 -> "x" + rng.nextInt(8, 16);
            default -> "f" + rng.nextInt(8, 16);
        };
        return Unit.of(setup, op + " " + data + ", " + off + "(x" + base + ")");
    }

    /** sp-relative compressed loads and stores, sometimes inside a c.addi16sp adjust and its undo. */
    private Unit compressedSpMemory(int ex) {
        List<String> lines = new ArrayList<>();
        int adjust = rng.nextBoolean() ? 16 * nonZero(rng.nextInt(-31, 32)) : 0;
        if (adjust != 0) lines.add("c.addi16sp x2, " + adjust);
        for (int i = rng.nextInt(1, 4); i > 0; i--) {
            int kind = rng.nextInt(6);
            int size = kind == 0 || kind == 2 ? 4 : 8;
            int off = size * rng.nextInt(64); // c.lwsp/c.swsp reach 252, the 8-byte forms 504
            lines.add(switch (kind) {
                case 0 -> "c.lwsp x" + destNonZero(ex) + ", " + off + "(x2)";
                case 1 -> "c.ldsp x" + destNonZero(ex) + ", " + off + "(x2)";
                case 2 -> "c.swsp x" + src() + ", " + off + "(x2)";
                case 3 -> "c.sdsp x" + src() + ", " + off + "(x2)";
                case 4 -> "c.fldsp " + frOut("d") + ", " + off + "(x2)";
                default -> "c.fsdsp " + frIn("d") + ", " + off + "(x2)";
            });
        }
        if (adjust != 0) lines.add("c.addi16sp x2, " + -adjust);
        return new Unit(lines);
    }

    // ---- control flow ----

    private Unit branchOver(int ex, int depth) {
        List<String> lines = new ArrayList<>();
        String skip = label();
        int a = src(), b = src();
        if (compressed && rng.nextInt(3) == 0) {
            lines.add((rng.nextBoolean() ? "c.beqz x" : "c.bnez x") + rng.nextInt(8, 16) + ", " + skip);
            lines.addAll(leafBody(ex, rng.nextInt(1, 3)));
        } else {
            lines.add(pick(BRANCHES) + " x" + a + ", x" + b + ", " + skip);
            lines.addAll(body(ex, depth, rng.nextInt(1, 4)));
        }
        lines.add(skip + ":");
        return new Unit(lines);
    }

    /** A counted loop: the counter is excluded from the body, so it runs exactly {@code count} times. */
    private Unit loop(int ex, int depth) {
        List<String> lines = new ArrayList<>();
        String top = label();
        boolean compact = compressed && rng.nextBoolean();
        int counter = compact ? destC(ex) : destNonZero(ex);
        int count = rng.nextInt(1, 7);
        lines.add("li x" + counter + ", " + count);
        lines.add(top + ":");
        if (compact) {
            lines.addAll(leafBody(ex | bit(counter), rng.nextInt(1, 3)));
            lines.add("c.addi x" + counter + ", -1");
            lines.add("c.bnez x" + counter + ", " + top);
        } else {
            lines.addAll(body(ex | bit(counter), depth, rng.nextInt(1, 4)));
            lines.add("addi x" + counter + ", x" + counter + ", -1");
            lines.add(switch (rng.nextInt(4)) {
                case 0 -> "bnez x" + counter + ", " + top;
                case 1 -> "blt x0, x" + counter + ", " + top;
                case 2 -> "bne x" + counter + ", x0, " + top;
                default -> "bltu x0, x" + counter + ", " + top;
            });
        }
        return new Unit(lines);
    }

    /** jal forward over instructions that never run; rd gets the return address (or x0). */
    private Unit jalOver(int ex, int depth) {
        String skip = label();
        List<String> lines = new ArrayList<>();
        lines.add("jal x" + dest(ex) + ", " + skip);
        lines.addAll(body(ex, depth, rng.nextInt(1, 3)));
        lines.add(skip + ":");
        return new Unit(lines);
    }

    /** A call to a local subroutine and its return through the link register. */
    private Unit call(int ex, int depth) {
        String sub = label(), after = label();
        int link = rng.nextInt(3) == 0 ? 1 : destNonZero(ex);
        if ((ex & bit(link)) != 0) link = destNonZero(ex);
        List<String> lines = new ArrayList<>();
        lines.add(link == 1 && rng.nextBoolean() ? "call " + sub : "jal x" + link + ", " + sub);
        lines.add("j " + after);
        lines.add(sub + ":");
        lines.addAll(body(ex | bit(link), depth, rng.nextInt(1, 4)));
        lines.add(link == 1 && rng.nextBoolean() ? "ret" : "jalr x0, 0(x" + link + ")");
        lines.add(after + ":");
        return new Unit(lines);
    }

    /** jalr to a local label through a register: with an offset, with bit 0 set (cleared by jalr), rd = rs1. */
    private Unit jalr(int ex, int depth) {
        String target = label();
        int through = destNonZero(ex);
        int rd = rng.nextInt(4) == 0 ? through : dest(ex);
        List<String> lines = new ArrayList<>();
        switch (rng.nextInt(3)) {
            case 0 -> {
                lines.add("lla x" + through + ", " + target);
                lines.add("jalr x" + rd + ", 0(x" + through + ")");
            }
            case 1 -> {
                int offset = rng.nextInt(-2048, 2048);
                lines.add("lla x" + through + ", " + target + (offset < 0 ? " + " + -offset : " - " + offset));
                lines.add("jalr x" + rd + ", " + offset + "(x" + through + ")");
            }
            default -> {
                lines.add("lla x" + through + ", " + target + " + 1");
                lines.add("jalr x" + rd + ", 0(x" + through + ")");
            }
        }
        lines.addAll(body(ex, depth, rng.nextInt(1, 3)));
        lines.add(target + ":");
        return new Unit(lines);
    }

    /** c.j, c.jr over dead code, or a c.jalr call returning with c.jr. */
    private Unit compressedJump(int ex, int depth) {
        List<String> lines = new ArrayList<>();
        String target = label();
        switch (rng.nextInt(3)) {
            case 0 -> {
                lines.add("c.j " + target);
                lines.addAll(leafBody(ex, rng.nextInt(1, 3)));
                lines.add(target + ":");
            }
            case 1 -> {
                int through = destNonZero(ex);
                lines.add("lla x" + through + ", " + target);
                lines.add("c.jr x" + through);
                lines.addAll(leafBody(ex, rng.nextInt(1, 3)));
                lines.add(target + ":");
            }
            default -> {
                if ((ex & bit(1)) != 0) return null; // c.jalr writes ra
                int through = destNonZero(ex | bit(1));
                String after = label();
                lines.add("lla x" + through + ", " + target);
                lines.add("c.jalr x" + through);
                lines.add("c.j " + after);
                lines.add(target + ":");
                lines.addAll(leafBody(ex | bit(1), rng.nextInt(1, 3)));
                lines.add("c.jr x1");
                lines.add(after + ":");
            }
        }
        return new Unit(lines);
    }

    private List<String> body(int ex, int depth, int units) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < units; i++) lines.addAll(unit(ex, depth + 1).lines());
        return lines;
    }

    /** A body without control flow, short enough for the ±256-byte reach of c.beqz/c.bnez. */
    private List<String> leafBody(int ex, int units) {
        return body(ex, MAX_DEPTH - 1, units);
    }

    private String label() { return "{L" + nextLabel++ + "}"; }

    // ---- operands ----

    private static int bit(int reg) { return 1 << reg; }

    /** A destination: any writable register not excluded; x0 now and then. */
    private int dest(int ex) {
        if (rng.nextInt(20) == 0) return 0;
        return destNonZero(ex);
    }

    private int destNonZero(int ex) {
        int allowed = WRITABLE & ~ex & ~1;
        while (true) {
            int r = rng.nextInt(1, 32);
            if ((allowed & bit(r)) != 0) return r;
        }
    }

    /** A destination among x8..x15 (the compressed register set). */
    private int destC(int ex) {
        int allowed = WRITABLE & ~ex & 0xff00;
        if (allowed == 0) throw new IllegalStateException("no compressed register left to write");
        while (true) {
            int r = rng.nextInt(8, 16);
            if ((allowed & bit(r)) != 0) return r;
        }
    }

    private int src() {
        return rng.nextInt(12) == 0 ? 0 : rng.nextInt(1, 32);
    }

    private int srcNonZero() { return rng.nextInt(1, 32); }

    private int fr() { return rng.nextInt(32); }

    /**
     * A source register that probably holds a value of precision {@code p} ("s" or "d"), going by what the
     * stream last wrote there; without this most single-precision operations would read doubles, see
     * broken NaN-boxing and only ever produce the canonical NaN. One time in seven any register goes.
     */
    private String frIn(String p) {
        boolean wantSingle = p.equals("s");
        if (rng.nextInt(7) != 0) {
            for (int tries = 0; tries < 16; tries++) {
                int r = rng.nextInt(32);
                if (single[r] == wantSingle) return "f" + r;
            }
        }
        return "f" + fr();
    }

    /** A destination register, now holding precision {@code p}. */
    private String frOut(String p) {
        int r = fr();
        single[r] = p.equals("s");
        return "f" + r;
    }

    /** One arithmetic operation of {@code sources} operands in a random precision, maybe with a rounding mode. */
    private Unit fpOp(String op, int sources, boolean rounds) {
        String p = precision();
        StringBuilder operands = new StringBuilder();
        for (int i = 0; i < sources; i++) operands.append(", ").append(frIn(p));
        return Unit.of(op + "." + p + " " + frOut(p) + operands + (rounds ? rounding() : ""));
    }

    private String precision() { return rng.nextBoolean() ? "s" : "d"; }

    private String rounding() { return ROUNDING[rng.nextInt(ROUNDING.length)]; }

    private int imm12() {
        return rng.nextBoolean() ? GuestValues.IMMEDIATES[rng.nextInt(GuestValues.IMMEDIATES.length)] : rng.nextInt(-2048, 2048);
    }

    private int upperImmediate() {
        return switch (rng.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 0xfffff;
            case 2 -> 0x80000;
            default -> rng.nextInt(0x100000);
        };
    }

    private static int nonZero(int v) { return v == 0 ? 1 : v; }

    private String pick(String[] options) { return options[rng.nextInt(options.length)]; }

    private static String op3(String op, int rd, int rs1, int rs2) {
        return op + " x" + rd + ", x" + rs1 + ", x" + rs2;
    }
}
