package org.exoos.it.difftest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link GuestProgram} as GNU assembler text: {@code _start}, then per case: reset the scratch
 * window, load every register and fcsr from the case's table, run the stream, dump the record with
 * write(2); finally exit(0). The layout is {@link DumpLayout}'s.
 *
 * <p>sp points at the scratch base and gp at the record for the whole program; streams never write them.
 * Linker relaxation is off because gp is ours, not {@code __global_pointer$}.
 */
final class ProgramWriter {
    private ProgramWriter() {}

    private static final Pattern LABEL = Pattern.compile("\\{L(\\d+)}");

    static String assembly(GuestProgram program) {
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("# Exo-OS differential test program ").append(program.name()).append(": ")
                .append(program.cases().size()).append(" cases\n");
        s.append("""
                    .option norelax
                    .option norvc
                    .text
                    .globl _start
                _start:
                    lla gp, dt_area + %d
                """.formatted(DumpLayout.AREA_RECORD_OFFSET));
        for (int i = 0; i < program.cases().size(); i++) writeCase(s, i, program.cases().get(i));
        if (program.faultingEnd() != null) {
            s.append("# faulting end: must not return\n");
            for (String line : program.faultingEnd().lines()) s.append("    ").append(line).append('\n');
        }
        s.append("""
                    li a0, 0
                    li a7, 93
                    ecall
                """);
        writeResetWindow(s);
        writeDump(s);
        writeData(s, program);
        return s.toString();
    }

    /** The stream lines of one case as they appear in the program (labels resolved), for reports. */
    static String streamText(GuestCase c, int caseIndex) {
        StringBuilder s = new StringBuilder();
        for (String line : c.lines()) s.append(resolveLabels(line, caseIndex)).append('\n');
        return s.toString();
    }

    private static String resolveLabels(String line, int caseIndex) {
        Matcher m = LABEL.matcher(line);
        return m.find() ? m.replaceAll(".Lc" + caseIndex + "_$1") : line;
    }

    private static void writeCase(StringBuilder s, int index, GuestCase c) {
        s.append("# case ").append(index).append(": ").append(c.name()).append('\n');
        s.append("    jal ra, dt_reset_window\n");
        s.append("    lla sp, dt_area + ").append(DumpLayout.AREA_BASE_OFFSET).append('\n');
        s.append("    lla x31, dt_init_").append(index).append('\n');
        s.append("    ld x1, ").append(DumpLayout.INIT_FCSR_OFFSET).append("(x31)\n");
        s.append("    fscsr x0, x1\n");
        for (int j = 0; j < 32; j++) {
            s.append("    fld f").append(j).append(", ").append(DumpLayout.INIT_F_OFFSET + 8 * j).append("(x31)\n");
        }
        for (int i = 1; i < 31; i++) {
            if (i == 2 || i == 3) continue;
            s.append("    ld x").append(i).append(", ").append(8 * i).append("(x31)\n");
        }
        s.append("    ld x31, ").append(8 * 31).append("(x31)\n");
        if (c.compressed()) s.append("    .option rvc\n");
        for (String line : c.lines()) s.append("    ").append(resolveLabels(line, index)).append('\n');
        if (c.compressed()) s.append("    .option norvc\n");
        s.append("    sd ra, ").append(DumpLayout.xOffset(1)).append("(gp)\n");
        s.append("    jal ra, dt_dump\n");
    }

    private static void writeResetWindow(StringBuilder s) {
        s.append("""
                # Copies the window's initial content into the scratch window (4 dwords per iteration).
                dt_reset_window:
                    lla t0, dt_window_init
                    lla t1, dt_area + %d
                    li t2, %d
                1:  ld t3, 0(t0)
                    ld t4, 8(t0)
                    ld t5, 16(t0)
                    ld t6, 24(t0)
                    sd t3, 0(t1)
                    sd t4, 8(t1)
                    sd t5, 16(t1)
                    sd t6, 24(t1)
                    addi t0, t0, 32
                    addi t1, t1, 32
                    addi t2, t2, -1
                    bnez t2, 1b
                    ret
                """.formatted(DumpLayout.AREA_BASE_OFFSET + DumpLayout.WINDOW_START_FROM_BASE, DumpLayout.WINDOW_BYTES / 32));
    }

    /** The caller has stored ra in the record already; ra is the only register this routine needs intact. */
    private static void writeDump(StringBuilder s) {
        s.append("# Dumps x2..x31, f0..f31, fcsr and the window, then write(1, gp, RECORD_BYTES).\n");
        s.append("dt_dump:\n");
        for (int i = 2; i < 32; i++) s.append("    sd x").append(i).append(", ").append(DumpLayout.xOffset(i)).append("(gp)\n");
        for (int j = 0; j < 32; j++) s.append("    fsd f").append(j).append(", ").append(DumpLayout.fOffset(j)).append("(gp)\n");
        s.append("""
                    frcsr t0
                    sd t0, %d(gp)
                    lla t1, dt_case_counter
                    ld t0, 0(t1)
                    sd t0, %d(gp)
                    addi t0, t0, 1
                    sd t0, 0(t1)
                    li t0, 0x%x
                    sd t0, %d(gp)
                    li a0, 1
                    mv a1, gp
                    li a2, %d
                    li a7, 64
                    ecall
                    ret
                """.formatted(DumpLayout.FCSR_OFFSET, DumpLayout.CASE_INDEX_OFFSET, DumpLayout.MAGIC,
                DumpLayout.MAGIC_OFFSET, DumpLayout.RECORD_BYTES));
    }

    private static void writeData(StringBuilder s, GuestProgram program) {
        s.append("    .data\n    .balign 8\ndt_case_counter:\n    .dword 0\ndt_window_init:\n");
        long[] window = program.windowContent();
        for (int i = 0; i < window.length; i += 4) {
            s.append("    .dword ").append(hex(window[i])).append(", ").append(hex(window[i + 1])).append(", ")
                    .append(hex(window[i + 2])).append(", ").append(hex(window[i + 3])).append('\n');
        }
        for (int c = 0; c < program.cases().size(); c++) {
            InitialState init = program.cases().get(c).initial();
            s.append("dt_init_").append(c).append(":\n");
            for (int i = 0; i < 32; i += 4) {
                s.append("    .dword ").append(hex(xInit(init, i))).append(", ").append(hex(xInit(init, i + 1)))
                        .append(", ").append(hex(xInit(init, i + 2))).append(", ").append(hex(xInit(init, i + 3))).append('\n');
            }
            for (int j = 0; j < 32; j += 4) {
                s.append("    .dword ").append(hex(init.f()[j])).append(", ").append(hex(init.f()[j + 1])).append(", ")
                        .append(hex(init.f()[j + 2])).append(", ").append(hex(init.f()[j + 3])).append('\n');
            }
            s.append("    .dword ").append(hex(init.fcsr())).append('\n');
        }
        s.append("    .bss\n    .balign 4096\ndt_area:\n    .skip ").append(DumpLayout.AREA_BYTES).append('\n');
    }

    private static long xInit(InitialState init, int reg) {
        return reg == 0 || reg == 2 || reg == 3 ? 0 : init.x()[reg];
    }

    static String hex(long v) { return "0x" + Long.toHexString(v); }
}
