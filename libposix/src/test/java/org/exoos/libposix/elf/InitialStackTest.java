package org.exoos.libposix.elf;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.ProcessLayout;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.mm.Vma;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.exoos.libposix.elf.AuxVector.*;
import static org.junit.jupiter.api.Assertions.*;

/** Builds an initial stack and reads it back the way a C runtime's _start does. */
class InitialStackTest {
    private static final long TOP = ProcessLayout.STACK_TOP;
    private final PhysicalMemory memory = new PhysicalMemory(16L << 20);

    @AfterEach
    void returnRamToTheHost() { memory.close(); }
    private final AddressSpace space = AddressSpace.create(new FrameAllocator(memory));
    private final LoadedImage image = new LoadedImage(0x10abc, 0x10040, 56, 7, 0, 0x80000, false);
    private final Credentials creds = new Credentials(1000, 1001, 100, 101);
    private final byte[] random = new byte[16];

    @BeforeEach
    void mapStack() {
        space.map(TOP - ProcessLayout.STACK_SIZE, ProcessLayout.STACK_SIZE, Vma.READ | Vma.WRITE, Vma.GROWS_DOWN, "[stack]");
        for (int i = 0; i < 16; i++) random[i] = (byte) (i * 7 + 1);
    }

    private long word(long va) {
        byte[] b = new byte[8];
        assertTrue(space.copyIn(va, b, 0, 8), "stack word at 0x" + Long.toHexString(va) + " unreadable");
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private String string(long va) {
        return new String(space.readCString(va, 4096), StandardCharsets.UTF_8);
    }

    @Test
    void layoutIsWhatAStartRoutineExpects() throws IOException {
        List<String> argv = List.of("/bin/prog", "one", "twö");
        List<String> envp = List.of("A=1", "HOME=/root");
        long sp = InitialStack.build(space, TOP, argv, envp, "prog", image, creds, random);
        assertEquals(0, sp & 15, "sp is not 16-byte aligned");

        assertEquals(3, word(sp), "argc");
        long p = sp + 8;
        List<String> seenArgs = new ArrayList<>();
        for (long a; (a = word(p)) != 0; p += 8) seenArgs.add(string(a));
        assertEquals(argv, seenArgs, "argv");
        p += 8;
        List<String> seenEnv = new ArrayList<>();
        for (long e; (e = word(p)) != 0; p += 8) seenEnv.add(string(e));
        assertEquals(envp, seenEnv, "envp");
        p += 8;
        Map<Long, Long> aux = new LinkedHashMap<>();
        while (true) {
            long key = word(p), value = word(p + 8);
            p += 16;
            if (key == AT_NULL) break;
            assertNull(aux.put(key, value), "auxv key " + key + " twice");
        }
        assertEquals(image.phdr(), aux.get((long) AT_PHDR));
        assertEquals(56L, aux.get((long) AT_PHENT));
        assertEquals(7L, aux.get((long) AT_PHNUM));
        assertEquals(4096L, aux.get((long) AT_PAGESZ));
        assertEquals(0L, aux.get((long) AT_BASE));
        assertEquals(0L, aux.get((long) AT_FLAGS));
        assertEquals(image.entry(), aux.get((long) AT_ENTRY));
        assertEquals(1000L, aux.get((long) AT_UID));
        assertEquals(1001L, aux.get((long) AT_EUID));
        assertEquals(100L, aux.get((long) AT_GID));
        assertEquals(101L, aux.get((long) AT_EGID));
        assertEquals(0x112dL, aux.get((long) AT_HWCAP), "RV64IMAFDC letters as bits");
        assertEquals(100L, aux.get((long) AT_CLKTCK));
        assertEquals(0L, aux.get((long) AT_SECURE));
        assertEquals("prog", string(aux.get((long) AT_EXECFN)));
        byte[] r = new byte[16];
        assertTrue(space.copyIn(aux.get((long) AT_RANDOM), r, 0, 16));
        assertArrayEquals(random, r, "AT_RANDOM bytes");
    }

    @Test
    void stringsSitAtTheTopInLinuxOrder() throws IOException {
        long sp = InitialStack.build(space, TOP, List.of("a0", "a1"), List.of("E=1"), "fn", image, creds, random);
        long argv0 = word(sp + 8), argv1 = word(sp + 16), env0 = word(sp + 32);
        assertTrue(argv0 < argv1 && argv1 < env0, "argv strings should lie below envp strings, in order");
        assertEquals(0, word(TOP - 8), "top word should be zero");
        assertTrue(TOP - env0 < 64, "strings are not at the top of the stack");
    }

    @Test
    void tooLongArgumentListIsRefused() {
        String big = "x".repeat(1 << 20);
        IOException e = assertThrows(IOException.class,
                () -> InitialStack.build(space, TOP, List.of("p", big, big, big), List.of(), "p", image, creds, random));
        assertEquals("argument list too long", e.getMessage());
    }
}
