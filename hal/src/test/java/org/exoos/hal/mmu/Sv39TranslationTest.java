package org.exoos.hal.mmu;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.hal.cpu.exec.Interpreter;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.hal.testing.Assembler;
import org.junit.jupiter.api.Test;

import static org.exoos.hal.mmu.Sv39.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Runs user code through hand-built Sv39 page tables: permissions, A/D updates, precise page faults. */
class Sv39TranslationTest {
    private static final long CODE_VA = 0x1_0000L, DATA_VA = 0x4000_0000L;
    private final PhysicalMemory memory = new PhysicalMemory(4 << 20);
    private final Hart hart = new Hart(0, memory);
    private final Interpreter engine = new Interpreter(memory);
    private long nextFrame = PhysicalMemory.BASE + 0x10_0000;

    private long frame() {
        long pa = nextFrame;
        nextFrame += PhysicalMemory.PAGE_SIZE;
        return pa;
    }

    private final long root = frame();

    /** Maps one 4 KiB page, creating intermediate tables as needed; returns the leaf PTE's address. */
    private long map(long va, long pa, long flags) {
        long table = root;
        for (int level = 2; level > 0; level--) {
            long pteAddr = table + 8L * vpn(va, level);
            long pte = memory.readLong(pteAddr);
            if ((pte & PTE_V) == 0) {
                long next = frame();
                memory.writeLong(pteAddr, Sv39.pte(next, PTE_V));
                table = next;
            } else {
                table = ppnToAddress(pte);
            }
        }
        long leaf = table + 8L * vpn(va, 0);
        memory.writeLong(leaf, Sv39.pte(pa, flags | PTE_V));
        return leaf;
    }

    private void loadCode(String asm) {
        long pa = frame();
        byte[] code = Assembler.assemble(asm, CODE_VA);
        memory.write(pa, code, 0, code.length);
        map(CODE_VA, pa, PTE_R | PTE_X | PTE_U);
        hart.setSatp(Sv39.satp(root, 0));
        hart.returnToUser(CODE_VA);
    }

    private void runToTrap() {
        assertEquals(ExecutionEngine.TRAPPED, engine.run(hart, 1_000_000), "the program traps");
    }

    @Test
    void userLoadAndStoreSetAccessedAndDirty() {
        long data = frame();
        long leaf = map(DATA_VA, data, PTE_R | PTE_W | PTE_U);
        loadCode("li t0, 0x40000000\nld a0, 8(t0)\nli a1, 42\nsd a1, 16(t0)\necall");
        memory.writeLong(data + 8, 0x1234);
        runToTrap();
        assertEquals(TrapCause.ECALL_FROM_U, hart.scause);
        assertEquals(0x1234L, hart.x[10]);
        assertEquals(42L, memory.readLong(data + 16));
        long pte = memory.readLong(leaf);
        assertNotEquals(0L, pte & PTE_A, "accessed bit set by the walk");
        assertNotEquals(0L, pte & PTE_D, "dirty bit set by the store");
    }

    @Test
    void storeToReadOnlyPageIsAPreciseStorePageFault() {
        map(DATA_VA, frame(), PTE_R | PTE_U);
        loadCode("li t0, 0x40000000\nli a0, 7\nsd a0, 24(t0)\nli a0, 8\necall");
        runToTrap();
        assertEquals(TrapCause.STORE_PAGE_FAULT, hart.scause);
        assertEquals(DATA_VA + 24, hart.stval, "stval is the faulting address");
        assertEquals(7L, hart.x[10], "the instruction after the fault did not run");
        assertEquals(Hart.SUPERVISOR, hart.priv);
    }

    @Test
    void unmappedAndSupervisorPagesFaultFromUserMode() {
        map(DATA_VA, frame(), PTE_R | PTE_W); // no U bit
        loadCode("li t0, 0x40000000\nld a0, 0(t0)\necall");
        runToTrap();
        assertEquals(TrapCause.LOAD_PAGE_FAULT, hart.scause, "U-mode may not touch a supervisor page");
        loadCode("li t0, 0x50000000\nld a0, 0(t0)\necall");
        runToTrap();
        assertEquals(TrapCause.LOAD_PAGE_FAULT, hart.scause);
        assertEquals(0x5000_0000L, hart.stval);
    }

    @Test
    void executeOnlyPagesCannotBeReadAndDataPagesCannotBeExecuted() {
        map(DATA_VA, frame(), PTE_R | PTE_W | PTE_U);
        loadCode("li t0, 0x10000\nld a0, 0(t0)\necall");
        // Make the code page execute-only.
        long leaf = map(CODE_VA, ppnToAddress(memory.readLong(walkLeaf(CODE_VA))), PTE_X | PTE_U);
        hart.flushTlbs();
        runToTrap();
        assertEquals(TrapCause.LOAD_PAGE_FAULT, hart.scause, "reading an X-only page");
        assertNotEquals(0L, memory.readLong(leaf) & PTE_A);
        hart.returnToUser(DATA_VA);
        runToTrap();
        assertEquals(TrapCause.INSTRUCTION_PAGE_FAULT, hart.scause, "jumping to a non-X page");
        assertEquals(DATA_VA, hart.sepc);
        assertEquals(DATA_VA, hart.stval);
    }

    @Test
    void nonCanonicalAddressesFault() {
        loadCode("li t0, 1\nslli t0, t0, 40\nld a0, 0(t0)\necall");
        runToTrap();
        assertEquals(TrapCause.LOAD_PAGE_FAULT, hart.scause);
        assertEquals(1L << 40, hart.stval);
    }

    @Test
    void instructionStraddlingIntoAnUnmappedPageFaultsAtTheInstruction() {
        // A 4-byte instruction in the last 2 bytes of the code page: its second half is on an unmapped page.
        // Only the first page is mapped (loadCode maps CODE_VA alone).
        loadCode(".option norvc\nj 1f\n.skip 4090\n1: addi a0, zero, 1\n");
        runToTrap();
        assertEquals(TrapCause.INSTRUCTION_PAGE_FAULT, hart.scause);
        assertEquals(CODE_VA + 4094, hart.sepc, "the fault is reported at the instruction");
        assertEquals(CODE_VA + 4096, hart.stval, "stval names the missing page");
    }

    private long walkLeaf(long va) {
        long table = root;
        for (int level = 2; level > 0; level--) table = ppnToAddress(memory.readLong(table + 8L * vpn(va, level)));
        return table + 8L * vpn(va, 0);
    }
}
