package org.exoos.hal.cpu.exec;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.hal.testing.Assembler;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two harts on two host threads hammer one word: AMOs and LR/SC loops must lose no update. */
class CrossHartAtomicsTest {
    private static final long COUNTER = PhysicalMemory.BASE + 0x8_0000;
    private static final int ITERATIONS = 200_000;

    private static long runOnTwoHarts(String asm) throws Exception {
        PhysicalMemory memory = new PhysicalMemory(1 << 20);
        byte[] code = Assembler.assemble(asm);
        memory.write(PhysicalMemory.BASE, code, 0, code.length);
        Interpreter engine = new Interpreter(memory);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] runs = new Future<?>[2];
            for (int i = 0; i < 2; i++) {
                Hart h = new Hart(i, memory);
                h.priv = Hart.USER;
                h.pc = PhysicalMemory.BASE;
                runs[i] = pool.submit(() -> {
                    // Small budgets, so the two harts interleave even on a busy machine.
                    while (engine.run(h, 10_000) != ExecutionEngine.TRAPPED) { }
                    assertEquals(TrapCause.ECALL_FROM_U, h.scause, "hart " + h.id + " ends at its ecall");
                    return null;
                });
            }
            for (Future<?> r : runs) r.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        return memory.readLong(COUNTER);
    }

    @Test
    void amoaddFromTwoHartsLosesNothing() throws Exception {
        long total = runOnTwoHarts("""
                li s0, 0x80080000
                li t0, %d
                li t1, 1
            1:  amoadd.d zero, t1, (s0)
                addi t0, t0, -1
                bnez t0, 1b
                ecall
                """.formatted(ITERATIONS));
        assertEquals(2L * ITERATIONS, total);
    }

    @Test
    void lrScIncrementLoopsFromTwoHartsLoseNothing() throws Exception {
        long total = runOnTwoHarts("""
                li s0, 0x80080000
                li t0, %d
            1:  lr.d t2, (s0)
                addi t2, t2, 1
                sc.d t3, t2, (s0)
                bnez t3, 1b
                addi t0, t0, -1
                bnez t0, 1b
                ecall
                """.formatted(ITERATIONS));
        assertEquals(2L * ITERATIONS, total);
    }
}
