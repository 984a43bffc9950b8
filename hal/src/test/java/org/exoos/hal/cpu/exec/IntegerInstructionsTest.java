package org.exoos.hal.cpu.exec;

import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.testing.BareMachine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IntegerInstructionsTest {

    @Test
    void registerImmediateAndWordFormsSignExtend() {
        var m = new BareMachine().load("""
                auipc s5, 0
                li a0, -1
                addiw a1, a0, 0
                li t0, 0x7fffffff
                addiw a2, t0, 1
                slli a3, a0, 63
                srli a4, a3, 63
                srai a5, a3, 63
                li t1, 0x80000000
                srliw a6, t1, 4
                sraiw a7, t1, 4
                sltiu s2, zero, 1
                slti s3, a0, 0
                lui s4, 0xfffff
                ecall
                """);
        m.run();
        assertEquals(-1L, m.x(11), "addiw keeps -1");
        assertEquals(0xFFFF_FFFF_8000_0000L, m.x(12), "addiw overflow wraps and sign-extends");
        assertEquals(Long.MIN_VALUE, m.x(13));
        assertEquals(1L, m.x(14));
        assertEquals(-1L, m.x(15));
        assertEquals(0x0800_0000L, m.x(16), "srliw is logical on 32 bits");
        assertEquals(0xFFFF_FFFF_F800_0000L, m.x(17), "sraiw is arithmetic on 32 bits");
        assertEquals(1L, m.x(18));
        assertEquals(1L, m.x(19));
        assertEquals(0xFFFF_FFFF_FFFF_F000L, m.x(20), "lui sign-extends");
        assertEquals(BareMachine.CODE, m.x(21), "auipc is relative to its own pc");
    }

    @Test
    void writesToX0AreDiscarded() {
        var m = new BareMachine().load("""
                li t0, 5
                add zero, t0, t0
                addi zero, zero, 1
                mv a0, zero
                ecall
                """);
        m.run();
        assertEquals(0L, m.x(0));
        assertEquals(0L, m.x(10));
    }

    @Test
    void divisionFollowsRiscvRulesWithoutTrapping() {
        var m = new BareMachine().load("""
                li t0, 7
                li t1, 0
                div a0, t0, t1
                divu a1, t0, t1
                rem a2, t0, t1
                remu a3, t0, t1
                li t2, 1
                slli t2, t2, 63
                li t3, -1
                div a4, t2, t3
                rem a5, t2, t3
                li t4, 0x80000000
                divw a6, t4, t3
                remw a7, t4, t3
                divuw s2, t0, t1
                remuw s3, t4, t1
                ecall
                """);
        m.run();
        assertEquals(-1L, m.x(10), "div by zero");
        assertEquals(-1L, m.x(11), "divu by zero");
        assertEquals(7L, m.x(12), "rem by zero");
        assertEquals(7L, m.x(13), "remu by zero");
        assertEquals(Long.MIN_VALUE, m.x(14), "MIN/-1 overflows to MIN");
        assertEquals(0L, m.x(15), "MIN%-1 is 0");
        assertEquals((long) Integer.MIN_VALUE, m.x(16));
        assertEquals(0L, m.x(17));
        assertEquals(-1L, m.x(18), "divuw by zero is all ones, sign-extended");
        assertEquals((long) Integer.MIN_VALUE, m.x(19), "remuw by zero returns the sign-extended dividend");
    }

    @Test
    void highMultipliesMatch128BitProducts() {
        var m = new BareMachine().load("""
                li t0, -3
                li t1, 5
                mulh a0, t0, t1
                mulhu a1, t0, t1
                mulhsu a2, t0, t1
                mulhsu a3, t1, t0
                mulw a4, t0, t1
                ecall
                """);
        m.run();
        assertEquals(-1L, m.x(10));
        assertEquals(4L, m.x(11), "(2^64-3)*5 >> 64");
        assertEquals(-1L, m.x(12), "-3 * 5 (unsigned) high part");
        assertEquals(4L, m.x(13), "5 * (2^64-3) high part");
        assertEquals(-15L, m.x(14));
    }

    @Test
    void branchesAndJumpsLinkAndLoop() {
        var m = new BareMachine().load("""
                li a0, 0
                li t0, 10
            1:  addi a0, a0, 3
                addi t0, t0, -1
                bnez t0, 1b
                jal ra, 2f
                li a1, 99
                ecall
            2:  li a2, -1
                bltu a2, zero, 3f
                blt a2, zero, 4f
            3:  li a3, 1
            4:  jr ra
                """);
        m.run();
        assertEquals(30L, m.x(10));
        assertEquals(99L, m.x(11), "returned through ra");
        assertEquals(0L, m.x(13), "bltu treats -1 as the largest value");
    }

    @Test
    void illegalInstructionTrapsPreciselyWithItsBits() {
        var m = new BareMachine().load("""
                li a0, 1
                .word 0xffffffff
                li a0, 2
                """);
        var h = m.run();
        assertEquals(TrapCause.ILLEGAL_INSTRUCTION, h.scause);
        assertEquals(BareMachine.CODE + 2, h.sepc, "sepc names the illegal instruction (after a compressed li)");
        assertEquals(0xFFFF_FFFFL, h.stval);
        assertEquals(1L, m.x(10), "nothing after the trap ran");
        assertEquals(1L, h.instret, "only the retired li counts");
    }

    @Test
    void supervisorOnlyInstructionsAreIllegalInUserMode() {
        for (String insn : new String[] {"sret", "sfence.vma", "wfi", "csrr a0, sstatus", "csrw satp, a0"}) {
            var h = new BareMachine().load(insn).run();
            assertEquals(TrapCause.ILLEGAL_INSTRUCTION, h.scause, insn + " from U-mode");
        }
    }

    @Test
    void ecallAndEbreakReportTheirCauses() {
        var h = new BareMachine().load("ecall").run();
        assertEquals(TrapCause.ECALL_FROM_U, h.scause);
        assertEquals(BareMachine.CODE, h.sepc);
        h = new BareMachine().load("nop\nebreak").run();
        assertEquals(TrapCause.BREAKPOINT, h.scause);
        assertEquals(BareMachine.CODE + 2, h.sepc);
    }

    @Test
    void instretCountsRetiredInstructions() {
        var m = new BareMachine().load("""
                li t0, 100
            1:  addi t0, t0, -1
                bnez t0, 1b
                rdinstret a0
                ecall
                """);
        var h = m.run();
        assertEquals(201L, m.x(10), "li + 200 loop instructions retired before rdinstret");
        assertEquals(202L, h.instret);
    }
}
