package org.exoos.hal.cpu.exec;

import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.testing.BareMachine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MemoryInstructionsTest {
    private static final String DATA = "li s0, 0x80080000\n";

    @Test
    void loadsSignOrZeroExtend() {
        var m = new BareMachine().load(DATA + """
                li t0, -2
                sd t0, 0(s0)
                lb a0, 0(s0)
                lbu a1, 0(s0)
                lh a2, 0(s0)
                lhu a3, 0(s0)
                lw a4, 0(s0)
                lwu a5, 0(s0)
                ld a6, 0(s0)
                ecall
                """);
        m.run();
        assertEquals(-2L, m.x(10));
        assertEquals(0xFEL, m.x(11));
        assertEquals(-2L, m.x(12));
        assertEquals(0xFFFEL, m.x(13));
        assertEquals(-2L, m.x(14));
        assertEquals(0xFFFF_FFFEL, m.x(15));
        assertEquals(-2L, m.x(16));
    }

    @Test
    void misalignedAndPageCrossingAccessesWork() {
        var m = new BareMachine().load(DATA + """
                li t0, 0x1122334455667788
                sd t0, 3(s0)
                ld a0, 3(s0)
                li t1, 0x0ffd
                add t1, s0, t1
                sd t0, 0(t1)
                ld a1, 0(t1)
                lw a2, 1(t1)
                lhu a3, 2(t1)
                ecall
                """);
        m.run();
        assertEquals(0x1122334455667788L, m.x(10), "misaligned within a page");
        assertEquals(0x1122334455667788L, m.x(11), "straddling two pages");
        assertEquals(0x44556677L, m.x(12));
        assertEquals(0x5566L, m.x(13));
    }

    @Test
    void storesIntoCodeAreSeenByLaterFetches() {
        // Overwrite the instruction at label 1 (li a0, 1 -> li a0, 2) after it has been executed once.
        var m = new BareMachine().load("""
                .option norvc
                li t2, 2
            2:  la t0, 1f
                li a1, 0
            1:  addi a0, zero, 1
                addi t2, t2, -1
                beqz t2, 3f
                la t1, 4f
                lw t1, 0(t1)
                sw t1, 0(t0)
                fence.i
                j 2b
            3:  ecall
            4:  addi a0, zero, 2
                """);
        var h = m.run();
        assertEquals(TrapCause.ECALL_FROM_U, h.scause, "ended at its ecall");
        assertEquals(0L, m.x(7), "both passes ran");
        assertEquals(2L, m.x(10), "the rewritten instruction ran on the second pass");
    }

    @Test
    void accessOutsideRamIsAnAccessFault() {
        var h = new BareMachine().load("li t0, 0x10\nld a0, 0(t0)\necall").run();
        assertEquals(TrapCause.LOAD_ACCESS_FAULT, h.scause);
        assertEquals(0x10L, h.stval);
        h = new BareMachine().load("li t0, 0x10\nsd a0, 0(t0)\necall").run();
        assertEquals(TrapCause.STORE_ACCESS_FAULT, h.scause);
    }

    @Test
    void atomicsReturnOldValuesAndLrScPairs() {
        var m = new BareMachine().load(DATA + """
                addi s1, s0, 8
                li t0, 10
                sd t0, 0(s0)
                li t1, 5
                amoadd.d a0, t1, (s0)
                ld a1, 0(s0)
                li t2, -1
                amomaxu.w a2, t2, (s0)
                lw a3, 0(s0)
                sw zero, 8(s0)
                lr.w a4, (s0)
                sc.w a5, t1, (s0)
                lw a6, 0(s0)
                sc.w a7, t1, (s0)
                amomin.w s2, zero, (s0)
                amoswap.d s3, zero, (s1)
                ecall
                """.replace("8(s0)", "(s1)"));
        m.run();
        assertEquals(10L, m.x(10));
        assertEquals(15L, m.x(11));
        assertEquals(15L, m.x(12));
        assertEquals(-1L, m.x(13), "amomaxu.w stored 0xffffffff");
        assertEquals(-1L, m.x(14), "lr.w sign-extends");
        assertEquals(0L, m.x(15), "sc after lr succeeds");
        assertEquals(5L, m.x(16));
        assertEquals(1L, m.x(17), "sc without reservation fails");
        assertEquals(5L, m.x(18));
    }

    @Test
    void misalignedAtomicsTrap() {
        var h = new BareMachine().load(DATA + "amoadd.w a0, a0, (s0)\naddi s0, s0, 2\namoadd.w a0, a0, (s0)\necall").run();
        assertEquals(TrapCause.STORE_ADDRESS_MISALIGNED, h.scause);
        h = new BareMachine().load(DATA + "addi s0, s0, 4\nlr.d a0, (s0)\necall").run();
        assertEquals(TrapCause.LOAD_ADDRESS_MISALIGNED, h.scause);
    }

    @Test
    void compressedInstructionsExpandCorrectly() {
        var m = new BareMachine().load(DATA + """
                .option rvc
                c.li a0, -5
                c.addi a0, 3
                c.mv a1, a0
                c.add a1, a0
                c.slli a1, 4
                mv a2, s0
                c.sd a1, 8(a2)
                c.ld a3, 8(a2)
                c.lui a4, 0x1f
                c.srai a4, 1
                addi sp, s0, 64
                c.addi16sp sp, -32
                c.sdsp a0, 0(sp)
                c.ldsp a5, 0(sp)
                c.addi4spn s1, sp, 16
                c.andi a5, 7
                c.bnez a2, 1f
                c.li a6, 1
            1:  c.li a7, 9
                c.addiw a7, -10
                ecall
                """);
        m.run();
        assertEquals(-2L, m.x(10));
        assertEquals(-64L, m.x(11));
        assertEquals(-64L, m.x(13));
        assertEquals(0xF800L, m.x(14));
        assertEquals(6L, m.x(15), "-2 & 7");
        assertEquals(BareMachine.DATA + 64 - 32 + 16, m.x(9));
        assertEquals(0L, m.x(16), "c.bnez skipped");
        assertEquals(-1L, m.x(17));
    }
}
