package org.exoos.hal.testing;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.hal.cpu.exec.Interpreter;
import org.exoos.hal.mem.PhysicalMemory;

/** One hart and 1 MiB of RAM, code at the start of RAM, for instruction tests: runs until the first trap. */
public final class BareMachine {
    public static final long CODE = PhysicalMemory.BASE;
    public static final long DATA = PhysicalMemory.BASE + 0x8_0000;

    public final PhysicalMemory memory = new PhysicalMemory(1 << 20);
    public final Hart hart = new Hart(0, memory);
    public final Interpreter engine = new Interpreter(memory);

    public BareMachine load(String asm) {
        byte[] code = Assembler.assemble(asm);
        memory.write(CODE, code, 0, code.length);
        hart.pc = CODE;
        hart.priv = Hart.USER;
        return this;
    }

    /** Runs until the hart traps (a test program ends with ecall); fails if it never does. */
    public Hart run() {
        int r = engine.run(hart, 2_000_000_000L);
        if (r != ExecutionEngine.TRAPPED) throw new AssertionError("program did not trap within its budget, pc=" + Long.toHexString(hart.pc));
        return hart;
    }

    public long x(int i) { return hart.x[i]; }
}
