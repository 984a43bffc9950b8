package org.exoos.it.difftest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hand-picked edge cases per instruction class, each result stored to the window with the flags it
 * raised. Groups are returned separately so that a group that kills the program (a trap the engine gets
 * wrong) does not hide the others.
 */
final class DirectedCases {
    private static final String[] ROUNDING = {"rne", "rtz", "rdn", "rup", "rmm", "dyn"};
    private static final String[] REG_OPS = {"add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
            "addw", "subw", "sllw", "srlw", "sraw", "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
            "mulw", "divw", "divuw", "remw", "remuw"};
    private static final String[] BRANCHES = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};
    private static final String[] AMO_OPS = {"amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"};
    private static final String[] ORDERING = {"", ".aq", ".rl", ".aqrl"};
    private static final String[] INT_FORMATS = {"w", "wu", "l", "lu"};

    private final SplittableRandom rng;

    DirectedCases(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** Named groups of directed cases, in a fixed order. */
    record Group(String name, List<GuestCase> cases) {}

    List<Group> all() {
        return List.of(
                new Group("int-register-pairs", integerPairs()),
                new Group("int-immediates", integerImmediates()),
                new Group("loads-stores", loadsAndStores()),
                new Group("atomics", atomics()),
                new Group("fp-binary-d", fpBinary(true)),
                new Group("fp-binary-s", fpBinary(false)),
                new Group("fp-fma", fpFusedMultiplyAdd()),
                new Group("fp-unary", fpUnary()),
                new Group("fp-from-int", fpFromInteger()),
                new Group("fp-nan-boxing", nanBoxing()),
                new Group("fp-csr", fpCsr()),
                new Group("compressed", compressed()),
                new Group("control-flow", controlFlow()),
                new Group("fence-counters", fencesAndCounters()),
                new Group("self-modifying-code", selfModifyingCode()),
                new Group("hints-and-branch-reach", List.of(hints(), branchReach())));
    }

    private InitialState initial() {
        InitialState s = InitialState.random(rng);
        return new InitialState(s.x(), s.f(), s.fcsr() & 0xe0);
    }

    private GuestCase gcase(String name, boolean compressed, ResultSink sink) {
        return new GuestCase(name, compressed, initial(), sink.units());
    }

    // ---- integer ----

    /** Every register-register op (I, M, W forms) and every branch on each pair of edge values. */
    List<GuestCase> integerPairs() {
        List<GuestCase> cases = new ArrayList<>();
        for (long a : GuestValues.INTEGER_PAIRS) {
            for (long b : GuestValues.INTEGER_PAIRS) {
                ResultSink s = new ResultSink();
                for (String op : REG_OPS) {
                    s.add("li x5, " + a, "li x6, " + b, op + " x7, x5, x6");
                    s.storeX(7, op + " " + a + ", " + b);
                    s.endUnit();
                }
                for (String br : BRANCHES) {
                    String skip = s.label();
                    s.add("li x5, " + a, "li x6, " + b, "li x7, 1", br + " x5, x6, " + skip, "li x7, 0", skip + ":");
                    s.storeX(7, br + " " + a + ", " + b + " taken");
                    s.endUnit();
                }
                cases.add(gcase("int pair a=" + a + " b=" + b, false, s));
            }
        }
        return cases;
    }

    /** Immediate forms at the edges of their immediates, lui/auipc, and shifts by 0, 1, 31, 32, 63. */
    List<GuestCase> integerImmediates() {
        List<GuestCase> cases = new ArrayList<>();
        String[] immOps = {"addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"};
        int[] imms = {0, 1, -1, 2047, -2048, 0x555, -0x556};
        for (long a : GuestValues.INTEGERS) {
            ResultSink s = new ResultSink();
            for (String op : immOps) {
                for (int imm : imms) {
                    s.add("li x5, " + a, op + " x7, x5, " + imm);
                    s.storeX(7, op + " " + a + ", " + imm);
                    s.endUnit();
                }
            }
            for (String op : new String[] {"slli", "srli", "srai"}) {
                for (int sh : new int[] {0, 1, 31, 32, 63}) {
                    s.add("li x5, " + a, op + " x7, x5, " + sh);
                    s.storeX(7, op + " " + a + ", " + sh);
                    s.endUnit();
                }
            }
            for (String op : new String[] {"slliw", "srliw", "sraiw"}) {
                for (int sh : new int[] {0, 1, 16, 31}) {
                    s.add("li x5, " + a, op + " x7, x5, " + sh);
                    s.storeX(7, op + " " + a + ", " + sh);
                    s.endUnit();
                }
            }
            s.add("li x5, " + a, "add x0, x5, x5", "addi x0, x5, 1");
            s.storeX(0, "x0 after writes");
            s.endUnit();
            cases.add(gcase("int immediates a=" + a, false, s));
        }
        // auipc results are absolute addresses: both engines load the program at its link address.
        ResultSink s = new ResultSink();
        for (int imm : new int[] {0, 1, 0x7ffff, 0x80000, 0xfffff, 0x12345}) {
            s.add("lui x7, " + imm);
            s.storeX(7, "lui " + imm);
            s.add("auipc x7, " + imm);
            s.storeX(7, "auipc " + imm);
            s.endUnit();
        }
        cases.add(gcase("lui/auipc", false, s));
        return cases;
    }

    /**
     * Stores then loads of every width at every offset around the page boundary at sp (misaligned and
     * page-crossing), sign and zero extension, and the same for the FP loads and stores.
     */
    List<GuestCase> loadsAndStores() {
        List<GuestCase> cases = new ArrayList<>();
        long[] patterns = {0x8081828384858687L, 0x7f7e7d7c7b7a7978L, 0xfedcba9876543210L};
        String[] stores = {"sb", "sh", "sw", "sd"};
        String[] loads = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"};
        for (long pattern : patterns) {
            for (int o = -9; o <= 8; o++) {
                ResultSink s = new ResultSink();
                for (String st : stores) {
                    s.add("li x5, " + pattern, "li x6, " + ~pattern, "addi x8, x2, " + (o - 8),
                            "sd x6, 0(x8)", "sd x6, 8(x8)", "sd x6, 16(x8)", st + " x5, 8(x8)");
                    for (String ld : loads) {
                        s.add(ld + " x7, 8(x8)");
                        s.storeX(7, st + " then " + ld + " at sp" + (o >= 0 ? "+" : "") + o);
                    }
                    s.add("ld x7, 0(x8)");
                    s.storeX(7, "bytes before the " + st);
                    s.add("ld x7, 16(x8)");
                    s.storeX(7, "bytes after the " + st);
                    s.endUnit();
                }
                s.add("li x5, " + pattern, "addi x8, x2, " + o, "sd x5, 0(x8)", "fld f1, 0(x8)", "flw f2, 0(x8)",
                        "flw f3, 4(x8)", "fsw f1, 0(x8)", "fsd f2, 8(x8)");
                s.storeF(1, "fld at sp" + o);
                s.storeF(2, "flw at sp" + o);
                s.storeF(3, "flw at sp" + (o + 4));
                s.add("ld x7, 0(x8)");
                s.storeX(7, "fsw at sp" + o);
                s.add("ld x7, 8(x8)");
                s.storeX(7, "fsd at sp" + (o + 8));
                s.endUnit();
                s.add("addi x8, x2, " + o, "li x5, " + pattern, "sd x5, 0(x8)", "ld x8, 0(x8)");
                s.storeX(8, "ld into its own base register");
                s.add("addi x8, x2, " + o, "sd x0, 0(x8)", "ld x7, 0(x8)");
                s.storeX(7, "sd x0");
                s.endUnit();
                cases.add(gcase("loads/stores pattern=" + ProgramWriter.hex(pattern) + " at sp" + (o >= 0 ? "+" : "") + o, false, s));
            }
        }
        return cases;
    }

    /** Every AMO on edge values in memory and register, LR/SC success and the SCs that must fail. */
    List<GuestCase> atomics() {
        List<GuestCase> cases = new ArrayList<>();
        long[] values = {0L, 1L, -1L, 0x7fffffffL, 0x80000000L, 0x7fffffffffffffffL, 0x8000000000000000L, 0xffffffff00000001L};
        for (String op : AMO_OPS) {
            for (String w : new String[] {".w", ".d"}) {
                ResultSink s = new ResultSink();
                int slot = 0, k = 0;
                for (long m : values) {
                    for (long r : values) {
                        if (!s.hasRoomFor(2)) break;
                        int address = slot;
                        slot = (slot + 8) % 1024;
                        s.add("addi x8, x2, " + address, "li x5, " + m, "sd x5, 0(x8)", "li x6, " + r,
                                op + w + ORDERING[k++ % 4] + " x7, x6, (x8)", "ld x9, 0(x8)");
                        s.storeX(7, op + w + " old value (mem=" + m + ", reg=" + r + ")");
                        s.storeX(9, op + w + " memory after (mem=" + m + ", reg=" + r + ")");
                        s.endUnit();
                    }
                }
                s.add("addi x8, x2, 1000", "li x5, 0x123456789", "sd x5, 0(x8)", "li x7, 5", op + w + " x7, x7, (x8)", "ld x9, 0(x8)");
                s.storeX(7, op + w + " rd=rs2");
                s.storeX(9, op + w + " rd=rs2 memory");
                s.add("addi x8, x2, 1000", op + w + " x8, x5, (x8)");
                s.storeX(8, op + w + " rd=rs1");
                s.add("addi x8, x2, 1000", op + w + " x0, x5, (x8)", "ld x9, 0(x8)");
                s.storeX(9, op + w + " rd=x0 memory");
                s.endUnit();
                cases.add(gcase(op + w, false, s));
            }
        }
        ResultSink s = new ResultSink();
        for (String w : new String[] {".w", ".d"}) {
            s.add("addi x8, x2, 64", "li x5, 0xffffffff87654321", "sd x5, 0(x8)", "li x6, 0x1122334455667788",
                    "lr" + w + " x7, (x8)", "sc" + w + " x9, x6, (x8)", "ld x10, 0(x8)");
            s.storeX(7, "lr" + w + " value");
            s.storeX(9, "sc" + w + " after lr: 0 = success");
            s.storeX(10, "memory after successful sc" + w);
            s.endUnit();
            s.add("addi x8, x2, 64", "sc" + w + " x9, x6, (x8)", "ld x10, 0(x8)");
            s.storeX(9, "second sc" + w + " without lr: nonzero = failure");
            s.storeX(10, "memory after failed sc" + w);
            s.endUnit();
            s.add("addi x8, x2, 128", "addi x11, x2, 1024", "lr" + w + ".aq x7, (x8)", "li x6, 77", "sc" + w + ".rl x9, x6, (x11)", "ld x10, 0(x11)");
            s.storeX(9, "sc" + w + " to another block: nonzero = failure");
            s.storeX(10, "memory after sc" + w + " to another block");
            s.add("sc" + w + " x9, x6, (x8)");
            s.storeX(9, "sc" + w + " after the failed sc: reservation gone");
            s.endUnit();
            s.add("addi x8, x2, 256", "lr" + w + ".aqrl x8, (x8)");
            s.storeX(8, "lr" + w + " into its own address register");
            s.add("addi x8, x2, 256", "sc" + w + " x0, x8, (x8)");
            s.endUnit();
        }
        cases.add(gcase("lr/sc", false, s));
        return cases;
    }

    // ---- floating point ----

    private static void loadD(ResultSink s, int freg, long bits) {
        s.add("li x5, " + ProgramWriter.hex(bits), "fmv.d.x f" + freg + ", x5");
    }

    private static void loadS(ResultSink s, int freg, int bits) {
        s.add("li x5, " + ProgramWriter.hex(bits & 0xffffffffL), "fmv.w.x f" + freg + ", x5");
    }

    private static void load(ResultSink s, boolean dbl, int freg, long bits) {
        if (dbl) loadD(s, freg, bits);
        else loadS(s, freg, (int) bits);
    }

    private static String hexOf(boolean dbl, long bits) {
        return dbl ? ProgramWriter.hex(bits) : ProgramWriter.hex(bits & 0xffffffffL);
    }

    /** fadd/fsub/fmul/fdiv in every rounding mode, fmin/fmax, sign injection and compares on each pair. */
    List<GuestCase> fpBinary(boolean dbl) {
        List<GuestCase> cases = new ArrayList<>();
        String p = dbl ? "d" : "s";
        long[] values = dbl ? GuestValues.DOUBLE_PAIRS : toLongs(GuestValues.FLOAT_PAIRS);
        for (long a : values) {
            for (long b : values) {
                ResultSink s = new ResultSink();
                String operands = hexOf(dbl, a) + ", " + hexOf(dbl, b);
                for (String op : new String[] {"fadd", "fsub", "fmul", "fdiv"}) {
                    for (String rm : ROUNDING) {
                        load(s, dbl, 1, a);
                        load(s, dbl, 2, b);
                        s.add("fsflags x0", op + "." + p + " f3, f1, f2, " + rm);
                        s.storeF(3, op + "." + p + " " + operands + " " + rm);
                        s.storeFlags(op + "." + p + " " + rm);
                        s.endUnit();
                    }
                }
                for (String op : new String[] {"fmin", "fmax", "fsgnj", "fsgnjn", "fsgnjx"}) {
                    load(s, dbl, 1, a);
                    load(s, dbl, 2, b);
                    s.add("fsflags x0", op + "." + p + " f3, f1, f2");
                    s.storeF(3, op + "." + p + " " + operands);
                    s.storeFlags(op + "." + p);
                    s.endUnit();
                }
                for (String op : new String[] {"feq", "flt", "fle"}) {
                    load(s, dbl, 1, a);
                    load(s, dbl, 2, b);
                    s.add("fsflags x0", op + "." + p + " x7, f1, f2");
                    s.storeX(7, op + "." + p + " " + operands);
                    s.storeFlags(op + "." + p);
                    s.endUnit();
                }
                cases.add(gcase("fp binary ." + p + " " + operands, false, s));
            }
        }
        return cases;
    }

    /** The four fused multiply-adds in every rounding mode, on special triples and sampled ones. */
    List<GuestCase> fpFusedMultiplyAdd() {
        List<GuestCase> cases = new ArrayList<>();
        long inf = GuestValues.bits(Double.POSITIVE_INFINITY), qnan = 0x7ff8000000000000L, one = GuestValues.bits(1.0);
        int finf = GuestValues.fbits(Float.POSITIVE_INFINITY), fqnan = 0x7fc00000, fone = GuestValues.fbits(1f);
        List<long[]> doubles = new ArrayList<>(List.of(
                new long[] {inf, 0, qnan}, new long[] {0, inf, qnan}, new long[] {inf, 0, one},
                new long[] {one, one, GuestValues.bits(-1.0)}, new long[] {inf, one, GuestValues.bits(Double.NEGATIVE_INFINITY)},
                new long[] {0x7fefffffffffffffL, GuestValues.bits(2.0), GuestValues.bits(Double.NEGATIVE_INFINITY)},
                new long[] {0x0000000000000001L, GuestValues.bits(0.5), 0}, new long[] {GuestValues.bits(-0.0), one, 0},
                new long[] {0x7ff0000000000001L, one, one}, new long[] {GuestValues.bits(0.1), GuestValues.bits(10.0), GuestValues.bits(-1.0)}));
        List<long[]> floats = new ArrayList<>(List.of(
                new long[] {finf, 0, fqnan}, new long[] {0, finf, fqnan}, new long[] {finf, 0, fone},
                new long[] {fone, fone, GuestValues.fbits(-1f)}, new long[] {finf, fone, GuestValues.fbits(Float.NEGATIVE_INFINITY)},
                new long[] {0x7f7fffff, GuestValues.fbits(2f), GuestValues.fbits(Float.NEGATIVE_INFINITY)},
                new long[] {0x00000001, GuestValues.fbits(0.5f), 0}, new long[] {GuestValues.fbits(-0f), fone, 0},
                new long[] {0x7f800001, fone, fone}, new long[] {GuestValues.fbits(0.1f), GuestValues.fbits(10f), GuestValues.fbits(-1f)}));
        for (int i = 0; i < 90; i++) {
            doubles.add(new long[] {pick(GuestValues.DOUBLES), pick(GuestValues.DOUBLES), pick(GuestValues.DOUBLES)});
            floats.add(new long[] {GuestValues.FLOATS[rng.nextInt(GuestValues.FLOATS.length)],
                    GuestValues.FLOATS[rng.nextInt(GuestValues.FLOATS.length)], GuestValues.FLOATS[rng.nextInt(GuestValues.FLOATS.length)]});
        }
        for (boolean dbl : new boolean[] {true, false}) {
            String p = dbl ? "d" : "s";
            for (long[] t : dbl ? doubles : floats) {
                ResultSink s = new ResultSink();
                String operands = hexOf(dbl, t[0]) + ", " + hexOf(dbl, t[1]) + ", " + hexOf(dbl, t[2]);
                for (String op : new String[] {"fmadd", "fmsub", "fnmsub", "fnmadd"}) {
                    for (String rm : ROUNDING) {
                        load(s, dbl, 1, t[0]);
                        load(s, dbl, 2, t[1]);
                        load(s, dbl, 3, t[2]);
                        s.add("fsflags x0", op + "." + p + " f4, f1, f2, f3, " + rm);
                        s.storeF(4, op + "." + p + " " + operands + " " + rm);
                        s.storeFlags(op + "." + p + " " + rm);
                        s.endUnit();
                    }
                }
                cases.add(gcase("fp fma ." + p + " " + operands, false, s));
            }
        }
        return cases;
    }

    /** fsqrt, fclass, conversions to integers and to the other precision, moves, on every special value. */
    List<GuestCase> fpUnary() {
        List<GuestCase> cases = new ArrayList<>();
        for (boolean dbl : new boolean[] {true, false}) {
            String p = dbl ? "d" : "s";
            for (long v : dbl ? GuestValues.DOUBLES : toLongs(GuestValues.FLOATS)) {
                ResultSink s = new ResultSink();
                String value = hexOf(dbl, v);
                for (String rm : ROUNDING) {
                    load(s, dbl, 1, v);
                    s.add("fsflags x0", "fsqrt." + p + " f3, f1, " + rm);
                    s.storeF(3, "fsqrt." + p + " " + value + " " + rm);
                    s.storeFlags("fsqrt." + p + " " + rm);
                    s.endUnit();
                }
                for (String to : INT_FORMATS) {
                    for (String rm : ROUNDING) {
                        load(s, dbl, 1, v);
                        s.add("fsflags x0", "fcvt." + to + "." + p + " x7, f1, " + rm);
                        s.storeX(7, "fcvt." + to + "." + p + " " + value + " " + rm);
                        s.storeFlags("fcvt." + to + "." + p + " " + rm);
                        s.endUnit();
                    }
                }
                if (dbl) {
                    for (String rm : ROUNDING) {
                        load(s, true, 1, v);
                        s.add("fsflags x0", "fcvt.s.d f3, f1, " + rm);
                        s.storeF(3, "fcvt.s.d " + value + " " + rm);
                        s.storeFlags("fcvt.s.d " + rm);
                        s.endUnit();
                    }
                } else {
                    load(s, false, 1, v);
                    s.add("fsflags x0", "fcvt.d.s f3, f1");
                    s.storeF(3, "fcvt.d.s " + value);
                    s.storeFlags("fcvt.d.s");
                    s.endUnit();
                }
                load(s, dbl, 1, v);
                s.add("fsflags x0", "fclass." + p + " x7, f1");
                s.storeX(7, "fclass." + p + " " + value);
                s.add("fmv.x." + (dbl ? "d" : "w") + " x7, f1");
                s.storeX(7, "fmv.x." + (dbl ? "d" : "w") + " " + value);
                s.add("fneg." + p + " f3, f1", "fabs." + p + " f4, f1", "fmv." + p + " f5, f1");
                s.storeF(3, "fneg." + p + " " + value);
                s.storeF(4, "fabs." + p + " " + value);
                s.storeF(5, "fmv." + p + " " + value);
                s.storeFlags("fclass/fmv/fneg/fabs (must raise nothing)");
                s.endUnit();
                cases.add(gcase("fp unary ." + p + " " + value, false, s));
            }
        }
        return cases;
    }

    /** Integer to floating point in every rounding mode, and the raw moves. */
    List<GuestCase> fpFromInteger() {
        List<GuestCase> cases = new ArrayList<>();
        for (long v : GuestValues.INTEGERS) {
            ResultSink s = new ResultSink();
            for (String p : new String[] {"s", "d"}) {
                for (String from : INT_FORMATS) {
                    boolean exact = p.equals("d") && from.startsWith("w");
                    for (String rm : exact ? new String[] {""} : ROUNDING) {
                        s.add("li x5, " + v, "fsflags x0", "fcvt." + p + "." + from + " f3, x5" + (exact ? "" : ", " + rm));
                        s.storeF(3, "fcvt." + p + "." + from + " " + v + " " + rm);
                        s.storeFlags("fcvt." + p + "." + from + " " + rm);
                        s.endUnit();
                    }
                }
            }
            s.add("li x5, " + v, "fmv.w.x f3, x5", "fmv.d.x f4, x5");
            s.storeF(3, "fmv.w.x " + v);
            s.storeF(4, "fmv.d.x " + v);
            s.endUnit();
            cases.add(gcase("fp from int " + v, false, s));
        }
        return cases;
    }

    /** Single-precision operations on registers whose upper half is not all ones see the canonical NaN. */
    List<GuestCase> nanBoxing() {
        List<GuestCase> cases = new ArrayList<>();
        long[] unboxed = {0x000000003f800000L, 0x7fffffff3f800000L, 0xfffffffe3f800000L, 0x00000000ff800000L,
                0xffffffff3f800000L /* properly boxed, for reference */, GuestValues.bits(1.0), 0x7ff8000000000000L,
                0x00000000_7f800001L};
        for (long v : unboxed) {
            ResultSink s = new ResultSink();
            String name = ProgramWriter.hex(v);
            String[][] ops = {
                    {"fadd.s f3, f1, f2", "f"}, {"fadd.s f3, f2, f1", "f"}, {"fmul.s f3, f1, f2", "f"},
                    {"fsqrt.s f3, f1", "f"}, {"fmin.s f3, f1, f2", "f"}, {"fmax.s f3, f2, f1", "f"},
                    {"fsgnj.s f3, f1, f2", "f"}, {"fsgnj.s f3, f2, f1", "f"}, {"fsgnjn.s f3, f1, f1", "f"},
                    {"fsgnjx.s f3, f2, f1", "f"}, {"fmadd.s f3, f1, f2, f2", "f"}, {"fmadd.s f3, f2, f2, f1", "f"},
                    {"fcvt.d.s f3, f1", "f"}, {"fmv.s f3, f1", "f"},
                    {"fclass.s x7, f1", "x"}, {"feq.s x7, f1, f1", "x"}, {"flt.s x7, f1, f2", "x"},
                    {"fle.s x7, f2, f1", "x"}, {"fcvt.w.s x7, f1", "x"}, {"fcvt.lu.s x7, f1", "x"},
                    {"fmv.x.w x7, f1", "x"},
            };
            for (String[] op : ops) {
                s.add("li x5, " + name, "fmv.d.x f1, x5", "li x5, 0x3fc00000", "fmv.w.x f2, x5", "fsflags x0", op[0]);
                if (op[1].equals("f")) s.storeF(3, op[0] + " with f1=" + name);
                else s.storeX(7, op[0] + " with f1=" + name);
                s.storeFlags(op[0]);
                s.endUnit();
            }
            s.add("li x5, " + name, "fmv.d.x f1, x5", "fsw f1, -200(x2)", "lw x7, -200(x2)");
            s.storeX(7, "fsw of " + name + " stores the low half unchecked");
            s.add("sd x5, -200(x2)", "flw f3, -200(x2)");
            s.storeF(3, "flw boxes the loaded word");
            s.endUnit();
            cases.add(gcase("nan boxing " + name, false, s));
        }
        return cases;
    }

    /** fflags, frm and fcsr through every Zicsr form, reserved bits, invalid frm values read back. */
    List<GuestCase> fpCsr() {
        List<GuestCase> cases = new ArrayList<>();
        for (String csr : new String[] {"fflags", "frm", "fcsr"}) {
            ResultSink s = new ResultSink();
            for (long v : new long[] {0, 1, 0x1f, 0x20, 0x7f, 0xff, 0x1ff, -1L, 0x85, 0x60}) {
                for (String op : new String[] {"csrrw", "csrrs", "csrrc"}) {
                    s.add("li x5, 0x9a", "fscsr x0, x5", "li x5, " + v, op + " x7, " + csr + ", x5", "frcsr x9");
                    s.storeX(7, op + " " + csr + ", " + v + " old value");
                    s.storeX(9, op + " " + csr + ", " + v + " fcsr after");
                    s.add("fsrmi x0, 0");
                    s.endUnit();
                }
            }
            for (int imm : new int[] {0, 1, 4, 5, 7, 0x1f}) {
                for (String op : new String[] {"csrrwi", "csrrsi", "csrrci"}) {
                    s.add("li x5, 0x9a", "fscsr x0, x5", op + " x7, " + csr + ", " + imm, "frcsr x9");
                    s.storeX(7, op + " " + csr + ", " + imm + " old value");
                    s.storeX(9, op + " " + csr + ", " + imm + " fcsr after");
                    s.add("fsrmi x0, 0");
                    s.endUnit();
                }
            }
            s.add("li x5, 0x9a", "fscsr x0, x5", "li x5, 0", "csrrs x7, " + csr + ", x0", "csrrc x8, " + csr + ", x0",
                    "csrrsi x9, " + csr + ", 0", "frcsr x10");
            s.storeX(7, "csrrs " + csr + " x0 (read only)");
            s.storeX(8, "csrrc " + csr + " x0 (read only)");
            s.storeX(9, "csrrsi " + csr + " 0 (read only)");
            s.storeX(10, "fcsr unchanged by read-only forms");
            s.add("fsrmi x0, 0");
            s.endUnit();
            cases.add(gcase("fp csr " + csr, false, s));
        }
        ResultSink s = new ResultSink();
        s.add("fscsr x0, x0", "li x5, 0x3f800000", "fmv.w.x f1, x5", "li x5, 0x40400000", "fmv.w.x f2, x5",
                "fdiv.s f3, f1, f2", "frflags x7", "fdiv.s f3, f1, f0", "frflags x8", "fsqrt.s f3, f1", "frflags x9");
        s.storeX(7, "flags after 1/3 (NX)");
        s.storeX(8, "flags accumulate: still set after the next op");
        s.storeX(9, "flags still set after exact sqrt(1)");
        s.endUnit();
        for (int rm = 0; rm < 5; rm++) {
            s.add("fsrmi x7, " + rm, "frrm x8", "li x5, 0x3f800000", "fmv.w.x f1, x5", "li x5, 0x40400000", "fmv.w.x f2, x5",
                    "fdiv.s f3, f1, f2", "fdiv.s f4, f1, f2, dyn", "fsflagsi x9, 0", "frcsr x10");
            s.storeX(8, "frrm after fsrmi " + rm);
            s.storeF(3, "1/3 in frm=" + rm + " (default rm)");
            s.storeF(4, "1/3 in frm=" + rm + " (dyn)");
            s.storeX(10, "fcsr with frm=" + rm);
            s.endUnit();
        }
        cases.add(gcase("fp csr semantics", false, s));
        return cases;
    }

    // ---- compressed ----

    /** Every c.* form with edge immediates, results stored through full-size stores. */
    List<GuestCase> compressed() {
        List<GuestCase> cases = new ArrayList<>();
        long[] operands = {0L, 1L, -1L, 0x7fffffffL, 0x80000000L, 0x7fffffffffffffffL, 0x8000000000000000L, 0x0123456789abcdefL};
        for (long a : operands) {
            ResultSink s = new ResultSink();
            long b = operands[rng.nextInt(operands.length)];
            for (String op : new String[] {"c.addi x8, 31", "c.addi x8, -32", "c.addiw x8, 0", "c.addiw x8, -32",
                    "c.addiw x8, 31", "c.li x8, -32", "c.li x8, 31", "c.lui x8, 1", "c.lui x8, 31", "c.lui x8, 0xfffe0",
                    "c.lui x8, 0xfffff", "c.slli x8, 1", "c.slli x8, 32", "c.slli x8, 63", "c.srli x8, 1", "c.srli x8, 32",
                    "c.srli x8, 63", "c.srai x8, 1", "c.srai x8, 32", "c.srai x8, 63", "c.andi x8, -32", "c.andi x8, 31",
                    "c.andi x8, 0", "c.mv x8, x9", "c.add x8, x9", "c.sub x8, x9", "c.xor x8, x9", "c.or x8, x9",
                    "c.and x8, x9", "c.subw x8, x9", "c.addw x8, x9", "c.addi4spn x8, x2, 4", "c.addi4spn x8, x2, 1020",
                    "c.nop", "c.addi x17, 5", "c.mv x31, x8", "c.add x1, x8"}) {
                s.add("li x8, " + a, "li x9, " + b, op);
                String[] words = op.split("[ ,]+");
                int rd = words.length > 1 ? Integer.parseInt(words[1].substring(1)) : 8;
                s.storeX(rd, op + " with x8=" + a + " x9=" + b);
                s.endUnit();
            }
            s.add("li x8, " + a, "c.addi16sp x2, -512", "c.sdsp x8, 504(x2)", "c.swsp x8, 0(x2)",
                    "c.ldsp x9, 8(x2)", "c.lwsp x10, 252(x2)", "c.fsdsp f1, 16(x2)", "c.fldsp f2, 496(x2)",
                    "c.addi16sp x2, 496", "c.addi16sp x2, 16");
            s.storeX(9, "c.ldsp");
            s.storeX(10, "c.lwsp");
            s.storeF(2, "c.fldsp");
            s.endUnit();
            s.add("li x9, " + a, "addi x8, x2, -2", "c.sd x9, 248(x8)", "c.sw x9, 124(x8)", "c.ld x10, 248(x8)",
                    "c.lw x11, 124(x8)", "c.lw x12, 0(x8)", "c.fsd f8, 8(x8)", "c.fld f9, 0(x8)");
            s.storeX(10, "c.ld misaligned base");
            s.storeX(11, "c.lw misaligned base");
            s.storeX(12, "c.lw page-crossing");
            s.storeF(9, "c.fld page-crossing");
            s.endUnit();
            String beqz = s.label(), bnez = s.label(), jump = s.label();
            s.add("li x8, " + a, "li x9, 0", "c.beqz x8, " + beqz, "c.addi x9, 1", beqz + ":", "c.bnez x8, " + bnez,
                    "c.addi x9, 2", bnez + ":", "c.j " + jump, "c.addi x9, 4", jump + ":");
            s.storeX(9, "c.beqz/c.bnez/c.j path bits with x8=" + a);
            s.endUnit();
            String sub = s.label(), next = s.label(), end = s.label();
            s.add("lla x10, " + sub, "c.jalr x10", next + ":", "lla x11, " + next, "sub x11, x1, x11", "c.j " + end,
                    sub + ":", "c.jr x1", end + ":");
            s.storeX(11, "c.jalr link minus the address after it (0)");
            s.endUnit();
            cases.add(gcase("compressed x8=" + a, true, s));
        }
        return cases;
    }

    // ---- control flow, fences, counters ----

    /** Link values of jal/jalr, jalr clearing bit 0, rd = rs1, nested calls, counted loops. */
    List<GuestCase> controlFlow() {
        ResultSink s = new ResultSink();
        String[] l = new String[12];
        for (int i = 0; i < l.length; i++) l[i] = s.label();
        s.add("jal x7, " + l[0], l[1] + ":", "li x7, 0", l[0] + ":", "lla x8, " + l[1], "sub x7, x7, x8");
        s.storeX(7, "jal link minus the address after it (0)");
        s.endUnit();
        s.add("lla x8, " + l[2] + " + 1", "jalr x7, 0(x8)", l[3] + ":", "li x7, 0", l[2] + ":", "lla x8, " + l[3], "sub x7, x7, x8");
        s.storeX(7, "jalr to target+1 lands on target; link - next (0)");
        s.endUnit();
        s.add("lla x7, " + l[4] + " - 100", "jalr x7, 100(x7)", l[5] + ":", "li x7, 0", l[4] + ":", "lla x8, " + l[5], "sub x7, x7, x8");
        s.storeX(7, "jalr rd = rs1 with offset; link - next (0)");
        s.endUnit();
        s.add("li x9, 0", "jal x1, " + l[6], "j " + l[7], l[6] + ":", "addi x9, x9, 1", "jal x5, " + l[8], "j " + l[9],
                l[8] + ":", "addi x9, x9, 10", "jr x5", l[9] + ":", "ret", l[7] + ":");
        s.storeX(9, "nested calls through ra and t0 (11)");
        s.endUnit();
        s.add("li x9, 0", "li x10, 5", l[10] + ":", "li x11, 7", l[11] + ":", "addi x9, x9, 1", "addi x11, x11, -1",
                "bnez x11, " + l[11], "addi x10, x10, -1", "bgtz x10, " + l[10]);
        s.storeX(9, "nested loop count (35)");
        s.endUnit();
        String crossing = s.label(), far = s.label(), back = s.label();
        s.add("li x10, 0", "j " + crossing, ".balign 4096, 0", ".skip 4088, 0", crossing + ":", ".option push", ".option rvc",
                "c.addi x10, 1", "c.addi x10, 2", "c.addi x10, 4", ".option norvc", "addi x10, x10, 8",
                ".option pop", "addi x10, x10, 16");
        s.storeX(10, "a 32-bit instruction straddling two code pages (31)");
        s.endUnit();
        s.add("li x10, 0", "jal x1, " + far, "addi x10, x10, 1", "j " + back, ".skip 70000, 0", far + ":",
                "addi x10, x10, 2", "ret", back + ":");
        s.storeX(10, "jal over 70000 bytes and back (3)");
        s.endUnit();
        for (String br : new String[] {"bgt", "ble", "bgtu", "bleu", "beqz", "bnez", "blez", "bgez", "bltz", "bgtz"}) {
            for (long v : new long[] {-1L, 0L, 1L}) {
                boolean unary = br.endsWith("z");
                String skip = s.label();
                s.add("li x5, " + v, "li x7, 1", br + " x5, " + (unary ? "" : "x0, ") + skip, "li x7, 0", skip + ":");
                s.storeX(7, br + " " + v + (unary ? "" : ", 0") + " taken");
                s.endUnit();
            }
        }
        return List.of(gcase("control flow", false, s));
    }

    /**
     * Code rewritten at run time, then fence.i: a patched routine called again, a compressed instruction
     * patched, and an instruction patched just ahead of the pc in its own page. Catches decoded-instruction
     * caches that miss the store. The routines live in a writable and executable section.
     */
    List<GuestCase> selfModifyingCode() {
        List<GuestCase> cases = new ArrayList<>();
        for (int variant = 0; variant < 4; variant++) {
            ResultSink s = new ResultSink();
            String routine = s.label(), compact = s.label(), ahead = s.label(), patched = s.label();
            s.add(".pushsection .exo_smc, \"awx\"", ".balign 4", routine + ":", "addi x10, x10, 1", "ret",
                    ".option push", ".option rvc", compact + ":", "c.nop", "c.jr x1", ".option pop",
                    ".balign 4", ahead + ":", "lla x6, " + patched, "sw x5, 0(x6)", "fence.i", patched + ":",
                    "addi x10, x10, 0", "ret", ".popsection");
            s.endUnit();
            for (int imm : new int[] {7 + variant, -2048, 2047 - variant, 0}) {
                s.add("lla x6, " + routine, "li x5, " + ProgramWriter.hex(addiX10(imm)), "sw x5, 0(x6)", "fence.i",
                        "li x10, 100", "lla x6, " + routine, "jalr x1, 0(x6)");
                s.storeX(10, "routine patched to addi x10, x10, " + imm);
                s.endUnit();
            }
            for (int imm : new int[] {5, -32, 31 - variant}) {
                s.add("lla x6, " + compact, "li x5, " + ProgramWriter.hex(cAddiX10(imm)), "sh x5, 0(x6)", "fence.i",
                        "li x10, 100", "lla x6, " + compact, "jalr x1, 0(x6)");
                s.storeX(10, "compressed routine patched to c.addi x10, " + imm);
                s.endUnit();
            }
            for (int imm : new int[] {3, -3 - variant, 1000}) {
                s.add("li x5, " + ProgramWriter.hex(addiX10(imm)), "li x10, 100", "lla x6, " + ahead, "jalr x1, 0(x6)");
                s.storeX(10, "instruction ahead patched to addi x10, x10, " + imm);
                s.endUnit();
            }
            cases.add(gcase("self-modifying code #" + variant, false, s));
        }
        return cases;
    }

    /**
     * Encodings the ISA defines as HINTs or reserved-but-ignored fields, which must run as no-ops:
     * compressed forms writing x0, RV64 shifts by 0, fences with unused fields set. Written as raw
     * parcels, since the assembler would not emit most of them.
     */
    GuestCase hints() {
        ResultSink s = new ResultSink();
        String[][] hints = {
                {".half 0x0015", "c.addi x0, 5"}, {".half 0x400d", "c.li x0, 3"}, {".half 0x6005", "c.lui x0, 1"},
                {".half 0x8016", "c.mv x0, x5"}, {".half 0x9016", "c.add x0, x5"}, {".half 0x0006", "c.slli x0, 1"},
                {".half 0x0282", "c.slli x5, 0 (slli64)"}, {".half 0x8001", "c.srli x8, 0 (srli64)"},
                {".half 0x8401", "c.srai x8, 0 (srai64)"}, {".half 0x0001", "c.nop"},
                {".word 0x0010000f", "fence with pred 0"}, {".word " + ProgramWriter.hex(0x123L << 20 | 5 << 15 | 1 << 12 | 6 << 7 | 0x0f),
                "fence.i with its reserved fields set"}, {".word " + ProgramWriter.hex(0x0ffL << 20 | 5 << 15 | 6 << 7 | 0x0f),
                "fence with rs1 and rd set"}, {"addi x0, x5, 7", "addi to x0"}, {"lui x0, 0x12345", "lui to x0"},
        };
        for (String[] h : hints) {
            s.add("li x5, 0x1234", "li x6, 0x5678", "li x8, -1000", ".option push", ".option rvc", ".balign 4", h[0],
                    ".option pop", "add x7, x5, x6");
            s.storeX(5, "x5 after " + h[1]);
            s.storeX(8, "x8 after " + h[1]);
            s.storeX(7, "x5 + x6 after " + h[1]);
            s.endUnit();
        }
        return gcase("hints", false, s);
    }

    /** Branches and jumps near the ends of their reach, both directions, so every immediate bit is used. */
    GuestCase branchReach() {
        ResultSink s = new ResultSink();
        String[][] shapes = {
                // forward: jump, padding, target
                {"beq x0, x0, %s", "4084", "4 KiB branch forward"},
                {"bgeu x5, x0, %s", "4000", "bgeu forward"},
                {"c.j %s", "2040", "c.j forward"},
                {"c.beqz x8, %s", "250", "c.beqz forward"},
                {"jal x0, %s", "300000", "jal 300 KB forward"},
        };
        for (String[] shape : shapes) {
            String target = s.label();
            s.add("li x10, 1", "li x5, 1", "li x8, 0", ".option push", ".option rvc", shape[0].formatted(target),
                    "li x10, 99", ".skip " + shape[1] + ", 0", target + ":", ".option pop");
            s.storeX(10, shape[2] + " (1 when taken)");
            s.endUnit();
        }
        String[][] backward = {
                {"beq x0, x0, %s", "4070", "4 KiB branch backward"},
                {"c.j %s", "2030", "c.j backward"},
                {"c.bnez x8, %s", "240", "c.bnez backward"},
                {"jal x0, %s", "300000", "jal 300 KB backward"},
        };
        for (String[] shape : backward) {
            String start = s.label(), back = s.label(), done = s.label();
            s.add("li x10, 1", "li x8, 1", "j " + start, ".option push", ".option rvc", back + ":", "addi x10, x10, 2",
                    "j " + done, ".skip " + shape[1] + ", 0", start + ":", shape[0].formatted(back), "li x10, 99",
                    done + ":", ".option pop");
            s.storeX(10, shape[2] + " (3 when taken)");
            s.endUnit();
        }
        return gcase("branch reach", false, s);
    }

    /** The encoding of addi x10, x10, imm. */
    static long addiX10(int imm) {
        return ((long) (imm & 0xfff) << 20) | 10 << 15 | 10 << 7 | 0x13;
    }

    /** The encoding of c.addi x10, imm (imm in -32..31, not 0). */
    static long cAddiX10(int imm) {
        return ((imm >> 5) & 1) << 12 | 10 << 7 | (imm & 0x1f) << 2 | 0b01;
    }

    List<GuestCase> fencesAndCounters() {
        ResultSink s = new ResultSink();
        s.add("fence", "fence rw, rw", "fence r, r", "fence w, w", "fence iorw, iorw", "fence.tso", "fence.i",
                "addi x8, x2, -100", "li x5, 42", "sd x5, 0(x8)", "fence.i", "ld x7, 0(x8)");
        s.storeX(7, "memory survives the fences");
        s.endUnit();
        for (String counter : new String[] {"rdcycle", "rdtime", "rdinstret"}) {
            s.add(counter + " x5", "addi x9, x0, 0", counter + " x6", "sltu x7, x6, x5");
            s.storeX(7, counter + " went backwards (must be 0)");
            s.add("li x5, 0", "li x6, 0");
            s.endUnit();
        }
        return List.of(gcase("fences and counters", false, s));
    }

    /**
     * Instructions that must kill a Linux process, by name: misaligned atomics (SIGBUS), illegal and
     * reserved encodings, a dynamic rounding mode while frm is invalid, writes to read-only CSRs (SIGILL),
     * ebreak (SIGTRAP), and accesses or jumps to unmapped memory (SIGSEGV).
     */
    static Map<String, Unit> faultingEnds() {
        Map<String, Unit> ends = new LinkedHashMap<>();
        ends.put("misaligned-amo", Unit.of("addi x5, x2, 2", "amoadd.w x6, x7, (x5)"));
        ends.put("misaligned-lr", Unit.of("addi x5, x2, 4", "lr.d x6, (x5)"));
        ends.put("illegal-zero", Unit.of(".word 0"));
        ends.put("illegal-ones", Unit.of(".word 0xffffffff"));
        ends.put("compressed-unimp", Unit.of(".half 0"));
        ends.put("invalid-frm", Unit.of("fsrmi x0, 5", "fadd.d f0, f1, f2, dyn"));
        ends.put("write-cycle", Unit.of("csrw cycle, x0"));
        ends.put("missing-csr", Unit.of("csrr x5, sstatus"));
        ends.put("ebreak", Unit.of("ebreak"));
        ends.put("load-null", Unit.of("ld x5, 0(x0)"));
        ends.put("store-null", Unit.of("sd x5, 8(x0)"));
        ends.put("jump-null", Unit.of("jalr x0, 0(x0)"));
        return ends;
    }

    private long pick(long[] values) { return values[rng.nextInt(values.length)]; }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i] & 0xffffffffL;
        return out;
    }
}
