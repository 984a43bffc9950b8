package org.exoos.hal.cpu.decode;

import org.exoos.hal.testing.Assembler;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every compressed instruction must decode exactly as the 32-bit instruction it expands to (RISC-V spec,
 * "C" chapter). The assembler (not our code) produces both encodings of each pair.
 */
class CompressedExpansionTest {
    /** {compressed, its 32-bit expansion}; branches and jumps use offsets relative to their own pc. */
    private static final String[][] PAIRS = {
            {"c.addi4spn a0, sp, 1020", "addi a0, sp, 1020"},
            {"c.fld fa0, 248(a1)", "fld fa0, 248(a1)"},
            {"c.lw a2, 124(a3)", "lw a2, 124(a3)"},
            {"c.ld a4, 248(a5)", "ld a4, 248(a5)"},
            {"c.fsd fa1, 8(s0)", "fsd fa1, 8(s0)"},
            {"c.sw s1, 64(a0)", "sw s1, 64(a0)"},
            {"c.sd a1, 128(a2)", "sd a1, 128(a2)"},
            {"c.nop", "addi zero, zero, 0"},
            {"c.addi t0, -32", "addi t0, t0, -32"},
            {"c.addiw t1, 31", "addiw t1, t1, 31"},
            {"c.li t2, -1", "addi t2, zero, -1"},
            {"c.addi16sp sp, -512", "addi sp, sp, -512"},
            {"c.addi16sp sp, 496", "addi sp, sp, 496"},
            {"c.lui s2, 0xfffe0", "lui s2, 0xfffe0"},
            {"c.lui s3, 0x1f", "lui s3, 0x1f"},
            {"c.srli a0, 63", "srli a0, a0, 63"},
            {"c.srai a1, 1", "srai a1, a1, 1"},
            {"c.andi a2, -7", "andi a2, a2, -7"},
            {"c.sub a3, a4", "sub a3, a3, a4"},
            {"c.xor a3, a4", "xor a3, a3, a4"},
            {"c.or a3, a4", "or a3, a3, a4"},
            {"c.and a3, a4", "and a3, a3, a4"},
            {"c.subw a5, s0", "subw a5, a5, s0"},
            {"c.addw a5, s1", "addw a5, a5, s1"},
            {"c.j .-2048", "jal zero, .-2048"},
            {"c.j .+2046", "jal zero, .+2046"},
            {"c.beqz a0, .-256", "beq a0, zero, .-256"},
            {"c.bnez s1, .+254", "bne s1, zero, .+254"},
            {"c.slli t3, 33", "slli t3, t3, 33"},
            {"c.fldsp ft0, 504(sp)", "fld ft0, 504(sp)"},
            {"c.lwsp t4, 252(sp)", "lw t4, 252(sp)"},
            {"c.ldsp t5, 504(sp)", "ld t5, 504(sp)"},
            {"c.jr ra", "jalr zero, 0(ra)"},
            {"c.mv t6, a0", "add t6, zero, a0"},
            {"c.ebreak", "ebreak"},
            {"c.jalr a1", "jalr ra, 0(a1)"},
            {"c.add s4, s5", "add s4, s4, s5"},
            {"c.fsdsp fs0, 504(sp)", "fsd fs0, 504(sp)"},
            {"c.swsp s6, 252(sp)", "sw s6, 252(sp)"},
            {"c.sdsp s7, 504(sp)", "sd s7, 504(sp)"},
    };

    @Test
    void everyCompressedFormDecodesAsItsExpansion() {
        // Each pair is assembled separately at the same address, so pc-relative operands agree.
        List<String> failures = new ArrayList<>();
        for (String[] p : PAIRS) {
            ByteBuffer c = ByteBuffer.wrap(Assembler.assemble(".option rvc\n" + p[0], 0x8000_0000L)).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer f = ByteBuffer.wrap(Assembler.assemble(".option norvc\n" + p[1], 0x8000_0000L)).order(ByteOrder.LITTLE_ENDIAN);
            int half = c.getShort(0) & 0xFFFF;
            assertTrue(!Decoder.isFull(half), p[0] + " assembled to a 32-bit instruction");
            long dc = Decoder.decodeCompressed(half);
            long df = Decoder.decode(f.getInt(0));
            if ((dc & ~Decoded.COMPRESSED) != df) {
                failures.add(p[0] + " -> " + Decoded.toString(dc) + " but " + p[1] + " -> " + Decoded.toString(df));
            }
            assertEquals(2, Decoded.length(dc));
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void reservedCompressedEncodingsAreIllegal() {
        int[] reserved = {
                0x0000,            // all zeros
                0x6101 & ~0x107C,  // c.addi16sp with nzimm = 0
                0x6081 & ~0x107C,  // c.lui x1 with imm = 0
                0x2001 & ~0x0F80,  // c.addiw with rd = 0
                0x4002 & ~0x0F80,  // c.lwsp with rd = 0
                0x8002,            // c.jr with rs1 = 0
                0x9C41 | 0x0040,   // c.subw/addw space: funct2 = 10 is reserved
        };
        for (int c : reserved) {
            assertEquals(Op.ILLEGAL, Decoded.op(Decoder.decodeCompressed(c)), "0x" + Integer.toHexString(c) + " must be illegal");
        }
    }
}
