package org.exoos.microkernel.trap;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.TrapCause;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.microkernel.Personality;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.mm.Vma;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.*;

/** Drives the run loop with a scripted engine: each step acts on the hart as an instruction stream would. */
class TrapDispatcherTest {
    private final PhysicalMemory memory = new PhysicalMemory(64 * PhysicalMemory.PAGE_SIZE);

    @AfterEach
    void returnRamToTheHost() { memory.close(); }
    private final FrameAllocator frames = new FrameAllocator(memory);
    private final AddressSpace space = AddressSpace.create(frames);
    private final Task task = new Task(1, space);
    private final Hart hart = new Hart(0, memory);
    private final Deque<ToIntFunction<Hart>> script = new ArrayDeque<>();
    private final List<String> events = new ArrayList<>();
    private final List<Long> pcsSeen = new ArrayList<>();

    private final ExecutionEngine engine = (h, budget) -> {
        pcsSeen.add(h.pc);
        assertEquals(Hart.USER, h.priv, "engine entered outside user mode");
        assertEquals(space.satp(), h.satp(), "engine entered with another address space");
        ToIntFunction<Hart> step = script.poll();
        if (step == null) fail("engine ran past the end of the script");
        return step.applyAsInt(h);
    };

    private final Personality personality = new Personality() {
        @Override
        public void syscall(Task t) {
            UserContext c = t.context();
            events.add("syscall " + c.syscallNumber() + " pc=0x" + Long.toHexString(c.pc));
            if (c.syscallNumber() == 93) t.exit();
            c.x[UserContext.A0] = 7;
        }

        @Override
        public void fault(Task t, long cause, long tval) {
            events.add("fault " + cause + " at 0x" + Long.toHexString(tval) + " pc=0x" + Long.toHexString(t.context().pc));
            t.exit();
        }

        @Override
        public void outOfMemory(Task t, long va) {
            events.add("oom");
            t.exit();
        }

        @Override
        public void beyondFile(Task t, long va) {
            events.add("beyond file at 0x" + Long.toHexString(va));
            t.exit();
        }
    };

    private static ToIntFunction<Hart> ecall(long pc, long number) {
        return h -> {
            h.pc = pc;
            h.x[17] = number;
            h.trap(TrapCause.ECALL_FROM_U, 0);
            return ExecutionEngine.TRAPPED;
        };
    }

    private static ToIntFunction<Hart> pageFault(long pc, int cause, long va) {
        return h -> {
            h.pc = pc;
            h.trap(cause, va);
            return ExecutionEngine.TRAPPED;
        };
    }

    private void run(long entry) {
        task.context().pc = entry;
        new TrapDispatcher(engine, personality).run(hart, task);
    }

    @Test
    void syscallResumesAfterTheEcallWithTheResultInA0() {
        script.add(ecall(0x10000, 172));
        script.add(h -> {
            assertEquals(7, h.x[10], "a0 after the system call");
            return ecall(0x10008, 93).applyAsInt(h);
        });
        run(0x10000);
        assertEquals(List.of("syscall 172 pc=0x10004", "syscall 93 pc=0x1000c"), events);
        assertEquals(List.of(0x10000L, 0x10004L), pcsSeen, "pcs the engine resumed at");
    }

    @Test
    void demandZeroFaultIsResolvedAndTheSameInstructionRetried() {
        space.map(0x20000, 0x1000, Vma.READ | Vma.WRITE, 0, "");
        script.add(pageFault(0x10000, TrapCause.STORE_PAGE_FAULT, 0x20010));
        script.add(ecall(0x10004, 93));
        run(0x10000);
        assertEquals(List.of(0x10000L, 0x10000L), pcsSeen, "the faulting store was not retried");
        assertEquals(List.of("syscall 93 pc=0x10008"), events, "a resolved fault reached the personality");
    }

    @Test
    void faultOutsideTheMappingsGoesToThePersonality() {
        script.add(pageFault(0x10000, TrapCause.LOAD_PAGE_FAULT, 0x8));
        run(0x10000);
        assertEquals(List.of("fault 13 at 0x8 pc=0x10000"), events);
    }

    @Test
    void sameFaultResolvedTwiceInARowIsTreatedAsFatal() {
        space.map(0x20000, 0x1000, Vma.READ | Vma.WRITE, 0, "");
        script.add(pageFault(0x10000, TrapCause.LOAD_PAGE_FAULT, 0x20000));
        script.add(pageFault(0x10000, TrapCause.LOAD_PAGE_FAULT, 0x20000));
        run(0x10000);
        assertEquals(List.of("fault 13 at 0x20000 pc=0x10000"), events, "a fault loop must not spin forever");
    }

    @Test
    void illegalInstructionGoesToThePersonality() {
        script.add(pageFault(0x10002, TrapCause.ILLEGAL_INSTRUCTION, 0));
        run(0x10000);
        assertEquals(List.of("fault 2 at 0x0 pc=0x10002"), events);
    }

    @Test
    void budgetExhaustionJustContinues() {
        script.add(h -> { h.pc = 0x10040; return ExecutionEngine.BUDGET_EXHAUSTED; });
        script.add(ecall(0x10050, 93));
        run(0x10000);
        assertEquals(List.of(0x10000L, 0x10040L), pcsSeen);
        assertEquals(List.of("syscall 93 pc=0x10054"), events);
    }

    @Test
    void contextIsRestoredOntoTheHartIncludingFloatingPointState() {
        task.context().x[UserContext.SP] = 0x3fff_fff0L;
        task.context().f[3] = Double.doubleToRawLongBits(1.5);
        task.context().frm = 2;
        script.add(h -> {
            assertEquals(0x3fff_fff0L, h.x[2], "sp");
            assertEquals(1.5, Double.longBitsToDouble(h.f[3]), "f3");
            assertEquals(2, h.frm, "frm");
            assertNotEquals(0, h.sstatus & (3L << 13), "FPU left off for the user");
            return ecall(0x10000, 93).applyAsInt(h);
        });
        run(0x10000);
    }

    @Test
    void preemptionIsATimerInterruptThatSavesTheContextAndResumesAtTheSamePc() {
        boolean[] due = {true};
        List<Long> preemptedAt = new ArrayList<>();
        HartSeat seat = new HartSeat() {
            @Override
            public Hart hart() { return hart; }

            @Override
            public ExecutionEngine engine() { return engine; }

            @Override
            public boolean preemptionDue() { return due[0]; }

            @Override
            public void preempted(Task t) {
                due[0] = false;
                assertEquals(TrapCause.INTERRUPT | TrapCause.SUPERVISOR_TIMER_INTERRUPT, hart.scause, "scause");
                preemptedAt.add(t.context().pc);
            }
        };
        script.add(h -> {
            h.pc = 0x10040;
            h.x[5] = 55;
            return ExecutionEngine.BUDGET_EXHAUSTED;
        });
        script.add(h -> {
            assertEquals(55, h.x[5], "t0 after the preemption");
            return ecall(0x10040, 93).applyAsInt(h);
        });
        task.context().pc = 0x10000;
        new TrapDispatcher(personality).run(seat, task);
        assertEquals(List.of(0x10040L), preemptedAt, "pc saved when preempted");
        assertEquals(List.of(0x10000L, 0x10040L), pcsSeen, "pcs the engine resumed at");
        assertEquals(List.of("syscall 93 pc=0x10044"), events);
    }
}
