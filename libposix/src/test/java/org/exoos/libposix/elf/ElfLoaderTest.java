package org.exoos.libposix.elf;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.libposix.process.ProcessLayout;
import org.exoos.libposix.support.RiscvPrograms;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.mm.Vma;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

class ElfLoaderTest {
    private static final long LIMIT = ProcessLayout.STACK_TOP - ProcessLayout.STACK_SIZE;
    private final PhysicalMemory memory = new PhysicalMemory(16L << 20);

    @AfterEach
    void returnRamToTheHost() { memory.close(); }
    private final AddressSpace space = AddressSpace.create(new FrameAllocator(memory));

    private LoadedImage load(byte[] file) throws Exception {
        return ElfLoader.load(file, "/test/prog", space, ProcessLayout.PIE_BASE, LIMIT);
    }

    private static byte[] bytes(Path p) throws Exception { return Files.readAllBytes(p); }

    private static List<ProgramHeader> loads(byte[] file) {
        ElfHeader h = ElfHeader.read(file);
        return java.util.stream.IntStream.range(0, h.phnum()).mapToObj(i -> ProgramHeader.read(file, h.phoff(), i))
                .filter(p -> p.type() == ProgramHeader.PT_LOAD).toList();
    }

    @Test
    void staticExecutableLoadsAtItsLinkAddressesWithSegmentPermissions() throws Exception {
        byte[] file = bytes(RiscvPrograms.build("glibc", "hello"));
        LoadedImage image = load(file);
        ElfHeader h = ElfHeader.read(file);
        assertEquals(h.entry(), image.entry(), "ET_EXEC entry must not move");
        assertEquals(0, image.loadBias());
        List<ProgramHeader> loads = loads(file);
        ProgramHeader text = loads.getFirst(), data = loads.getLast();
        Vma textVma = space.find(text.vaddr());
        assertEquals(Vma.READ | Vma.EXEC, textVma.prot(), "text permissions: " + textVma);
        assertEquals(Vma.READ | Vma.WRITE, space.find(data.vaddr()).prot(), "data permissions");
        assertEquals(AddressSpace.pageUp(data.vaddr() + data.memsz()), image.brkStart(), "initial break");
        for (ProgramHeader p : loads) {
            byte[] inMemory = new byte[(int) p.filesz()];
            assertTrue(space.copyIn(p.vaddr(), inMemory, 0, inMemory.length) || (p.flags() & ProgramHeader.PF_R) == 0);
            assertArrayEquals(Arrays.copyOfRange(file, (int) p.offset(), (int) (p.offset() + p.filesz())), inMemory,
                    "segment " + p.index() + " bytes differ from the file");
            byte[] bss = new byte[(int) (p.memsz() - p.filesz())];
            assertTrue(space.copyIn(p.vaddr() + p.filesz(), bss, 0, bss.length));
            assertArrayEquals(new byte[bss.length], bss, "bss of segment " + p.index() + " is not zero");
        }
    }

    @Test
    void atPhdrPointsAtTheProgramHeadersInMemory() throws Exception {
        byte[] file = bytes(RiscvPrograms.build("glibc", "hello"));
        LoadedImage image = load(file);
        ElfHeader h = ElfHeader.read(file);
        byte[] table = new byte[h.phnum() * ProgramHeader.SIZE];
        assertTrue(space.copyIn(image.phdr(), table, 0, table.length), "AT_PHDR is not readable");
        assertArrayEquals(Arrays.copyOfRange(file, (int) h.phoff(), (int) h.phoff() + table.length), table,
                "AT_PHDR does not show the program header table");
        assertEquals(h.phnum(), image.phnum());
        assertEquals(56, image.phent());
    }

    @Test
    void staticPieLoadsAtThePieBase() throws Exception {
        byte[] file = bytes(RiscvPrograms.build("musl-pie", "hello"));
        LoadedImage image = load(file);
        assertEquals(ElfHeader.ET_DYN, ElfHeader.read(file).type());
        assertEquals(ProcessLayout.PIE_BASE, image.loadBias(), "static-pie load bias");
        assertEquals(ElfHeader.read(file).entry() + ProcessLayout.PIE_BASE, image.entry());
        assertNotNull(space.find(ProcessLayout.PIE_BASE), "nothing mapped at the PIE base");
        byte[] magic = new byte[4];
        assertTrue(space.copyIn(ProcessLayout.PIE_BASE, magic, 0, 4));
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, magic, "the first page should show the ELF header");
    }

    // ---- rejections: one line, nothing mapped ----

    private void assertRejected(byte[] file, String messagePart) {
        ExecFormatException e = assertThrows(ExecFormatException.class, () -> load(file));
        assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' lacks '" + messagePart + "'");
        assertFalse(e.getMessage().contains("\n"), "message is more than one line");
        assertTrue(space.vmas().isEmpty(), "a rejected file left mappings: " + space.vmas());
    }

    private static byte[] patched(byte[] file, Consumer<ByteBuffer> patch) {
        byte[] copy = file.clone();
        patch.accept(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
        return copy;
    }

    private static int phdrAt(byte[] file, int index) {
        return (int) ElfHeader.read(file).phoff() + index * ProgramHeader.SIZE;
    }

    private static int loadIndex(byte[] file, int n) { return loads(file).get(n).index(); }

    @Test
    void nonElfFilesAreRejected() {
        assertRejected("#!/bin/sh\necho hi\n".getBytes(), "not an ELF executable");
        assertRejected(new byte[0], "not an ELF executable");
    }

    @Test
    void truncatedHeaderIsRejected() throws Exception {
        byte[] file = bytes(RiscvPrograms.build("musl", "hello"));
        assertRejected(Arrays.copyOf(file, 40), "truncated ELF header");
    }

    @Test
    void otherMachinesAndClassesAreNotRiscv64() throws Exception {
        byte[] file = bytes(RiscvPrograms.build("musl", "hello"));
        assertRejected(patched(file, b -> b.putShort(18, (short) ElfHeader.EM_X86_64)), "not a riscv64 executable (x86-64 ELF)");
        assertRejected(patched(file, b -> b.put(4, (byte) ElfHeader.ELFCLASS32)), "not a riscv64 executable (riscv32 ELF)");
        assertRejected(patched(file, b -> b.put(5, (byte) ElfHeader.ELFDATA2MSB)), "not a riscv64 executable");
    }

    @Test
    void hostExecutableIsNotRiscv64() throws Exception {
        Path ls = Path.of("/bin/ls");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(ls));
        byte[] file = bytes(ls);
        assertRejected(file, "not a riscv64 executable");
    }

    @Test
    void objectFilesAndCoreDumpsAreNotExecutables() throws Exception {
        byte[] object = bytes(RiscvPrograms.gcc("hello.o", "-c", RiscvPrograms.SOURCES.resolve("hello.c").toString()));
        assertRejected(object, "relocatable");
        byte[] file = bytes(RiscvPrograms.build("musl", "hello"));
        assertRejected(patched(file, b -> b.putShort(16, (short) ElfHeader.ET_CORE)), "core dump");
    }

    @Test
    void dynamicallyLinkedProgramsAreRefusedWithAClearMessage() throws Exception {
        byte[] file = bytes(RiscvPrograms.gcc("hello-dynamic", RiscvPrograms.SOURCES.resolve("hello.c").toString()));
        assertRejected(file, "dynamically linked programs are not supported yet");
    }

    @Test
    void overlappingSegmentsAreRejected() throws Exception {
        byte[] file = bytes(RiscvPrograms.build("musl", "hello"));
        long firstVaddr = loads(file).getFirst().vaddr();
        long firstOffset = loads(file).getFirst().offset();
        int second = phdrAt(file, loadIndex(file, 1));
        // Same address as the first segment, with a congruent offset so only the overlap is wrong.
        assertRejected(patched(file, b -> b.putLong(second + 16, firstVaddr + 0x10).putLong(second + 8, firstOffset + 0x10)),
                "overlap");
    }

    @Test
    void segmentsReachingPastTheEndOfTheFileAreRejected() throws Exception {
        byte[] file = bytes(RiscvPrograms.build("musl", "hello"));
        ProgramHeader last = loads(file).getLast();
        assertRejected(Arrays.copyOf(file, (int) (last.offset() + last.filesz() - 1)), "outside the file");
    }

    @Test
    void absurdSegmentSizesAreRejected() throws Exception {
        byte[] file = bytes(RiscvPrograms.build("musl", "hello"));
        int second = phdrAt(file, loadIndex(file, 1));
        assertRejected(patched(file, b -> b.putLong(second + 40, 1L << 60)), "does not fit");
        assertRejected(patched(file, b -> b.putLong(second + 32, 1L << 40)), "file size exceeds memory size");
    }

    @Test
    void entryPointOutsideTheExecutableSegmentsIsRejected() throws Exception {
        byte[] file = bytes(RiscvPrograms.build("musl", "hello"));
        long dataVaddr = loads(file).getLast().vaddr();
        assertRejected(patched(file, b -> b.putLong(24, dataVaddr)), "entry point");
    }

    @Test
    void programHeaderTableOutsideTheFileIsRejected() throws Exception {
        byte[] file = bytes(RiscvPrograms.build("musl", "hello"));
        assertRejected(patched(file, b -> b.putLong(32, file.length - 8L)), "program headers lie outside the file");
        assertRejected(patched(file, b -> b.putShort(54, (short) 32)), "bad program header size");
    }
}
