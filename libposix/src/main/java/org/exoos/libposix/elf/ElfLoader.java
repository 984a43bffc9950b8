package org.exoos.libposix.elf;

import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.MmStatus;
import org.exoos.microkernel.mm.Vma;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.exoos.libposix.elf.ElfHeader.*;
import static org.exoos.libposix.elf.ProgramHeader.*;
import static org.exoos.microkernel.mm.AddressSpace.PAGE_SIZE;
import static org.exoos.microkernel.mm.AddressSpace.pageDown;
import static org.exoos.microkernel.mm.AddressSpace.pageUp;

/**
 * Loads a static riscv64 ELF executable into an address space: ET_EXEC at its link addresses, or a
 * static-pie ET_DYN (no PT_INTERP) at a base address. Every PT_LOAD becomes a VMA with the segment's
 * permissions; the file bytes are copied in, the rest (bss) is demand-zero. PT_TLS is the C library's
 * business. A file that is not such a program is rejected with an {@link ExecFormatException} before
 * anything is mapped.
 */
public final class ElfLoader {
    private ElfLoader() {}

    static final String OUT_OF_MEMORY = "not enough memory to load the program (see --mem)";

    /**
     * Validates the file and maps it.
     *
     * @param file    the whole executable
     * @param name    the VMA name of its segments (the program's path)
     * @param space   an address space with nothing mapped where the program goes
     * @param pieBase where an ET_DYN image's lowest segment goes
     * @param limit   the first address the image must stay below (the stack and mmap area start above)
     * @throws IOException when physical memory runs out while copying the image in
     */
    public static LoadedImage load(byte[] file, String name, AddressSpace space, long pieBase, long limit)
            throws ExecFormatException, IOException {
        ElfHeader h = checkHeader(file);
        List<ProgramHeader> phdrs = new ArrayList<>();
        for (int i = 0; i < h.phnum(); i++) phdrs.add(ProgramHeader.read(file, h.phoff(), i));
        for (ProgramHeader p : phdrs) {
            if (p.type() == PT_INTERP) throw new ExecFormatException("dynamically linked programs are not supported yet");
        }
        List<ProgramHeader> loads = phdrs.stream().filter(p -> p.type() == PT_LOAD)
                .sorted(Comparator.comparingLong(ProgramHeader::vaddr)).toList();
        if (loads.isEmpty()) throw new ExecFormatException("no loadable segments");
        for (ProgramHeader p : loads) checkSegment(p, file.length);
        for (int i = 1; i < loads.size(); i++) {
            ProgramHeader a = loads.get(i - 1), b = loads.get(i);
            if (a.end() > b.vaddr()) {
                throw new ExecFormatException("segments " + a.index() + " and " + b.index() + " overlap");
            }
        }

        long bias = h.type() == ET_DYN ? pieBase - pageDown(loads.getFirst().vaddr()) : 0;
        long low = pageDown(loads.getFirst().vaddr()) + bias;
        long high = pageUp(loads.getLast().end()) + bias;
        if (low < AddressSpace.MIN_ADDRESS) {
            throw new ExecFormatException(String.format("segment %d lies below 0x%x", loads.getFirst().index(), AddressSpace.MIN_ADDRESS));
        }
        if (high > limit || high < low) {
            throw new ExecFormatException("the image does not fit in the user address space");
        }
        if (loads.stream().noneMatch(p -> p.executable() && h.entry() >= p.vaddr() && h.entry() < p.end())) {
            throw new ExecFormatException(String.format("entry point 0x%x is outside the executable segments", h.entry()));
        }

        mapSegments(file, name, space, loads, bias);

        boolean execStack = phdrs.stream().anyMatch(p -> p.type() == PT_GNU_STACK && p.executable());
        return new LoadedImage(h.entry() + bias, phdrAddress(h, phdrs, loads) + bias, ProgramHeader.SIZE,
                h.phnum(), bias, high, execStack);
    }

    private static ElfHeader checkHeader(byte[] file) throws ExecFormatException {
        if (!ElfHeader.hasMagic(file)) throw new ExecFormatException("not an ELF executable");
        if (file.length < 6) throw new ExecFormatException("truncated ELF header");
        int elfClass = file[4], data = file[5];
        if (file.length >= 20) {
            int machine = data == ELFDATA2MSB ? ((file[18] & 0xff) << 8) | (file[19] & 0xff)
                    : (file[18] & 0xff) | ((file[19] & 0xff) << 8);
            if (machine != EM_RISCV || elfClass != ELFCLASS64 || data != ELFDATA2LSB) {
                String what = machine == EM_RISCV && data == ELFDATA2MSB ? "big-endian riscv"
                        : ElfHeader.machineName(elfClass, machine);
                throw new ExecFormatException("not a riscv64 executable (" + what + " ELF)");
            }
        } else if (elfClass != ELFCLASS64 || data != ELFDATA2LSB) {
            throw new ExecFormatException("not a riscv64 executable");
        }
        if (file.length < ElfHeader.SIZE) throw new ExecFormatException("truncated ELF header");
        ElfHeader h = ElfHeader.read(file);
        if (h.identVersion() != EV_CURRENT || h.version() != EV_CURRENT) {
            throw new ExecFormatException("unsupported ELF version " + h.version());
        }
        switch (h.type()) {
            case ET_EXEC, ET_DYN -> { }
            case ET_REL -> throw new ExecFormatException("a relocatable object file, not an executable");
            case ET_CORE -> throw new ExecFormatException("a core dump, not an executable");
            default -> throw new ExecFormatException("unknown ELF file type " + h.type());
        }
        if ((h.flags() & EF_RISCV_RVE) != 0) throw new ExecFormatException("an RV64E executable (only RV64GC is supported)");
        if ((h.flags() & EF_RISCV_FLOAT_ABI) == EF_RISCV_FLOAT_ABI_QUAD) {
            throw new ExecFormatException("built for the quad-precision float ABI (only RV64GC is supported)");
        }
        if (h.phentsize() != ProgramHeader.SIZE) throw new ExecFormatException("bad program header size " + h.phentsize());
        if (h.phnum() == 0) throw new ExecFormatException("no program headers");
        long tableSize = (long) h.phnum() * ProgramHeader.SIZE;
        if (tableSize > 65536) throw new ExecFormatException("too many program headers");
        if (h.phoff() < 0 || h.phoff() > file.length - tableSize) {
            throw new ExecFormatException("program headers lie outside the file");
        }
        return h;
    }

    private static void checkSegment(ProgramHeader p, long fileLength) throws ExecFormatException {
        String seg = "segment " + p.index();
        if (Long.compareUnsigned(p.filesz(), p.memsz()) > 0) {
            throw new ExecFormatException(seg + ": file size exceeds memory size");
        }
        if (p.offset() < 0 || p.filesz() < 0 || p.filesz() > fileLength - p.offset()) {
            throw new ExecFormatException(seg + " lies outside the file (truncated file?)");
        }
        if (p.vaddr() < 0 || p.memsz() < 0 || p.vaddr() >= AddressSpace.USER_TOP
                || p.memsz() > AddressSpace.USER_TOP - p.vaddr()) {
            throw new ExecFormatException(seg + " does not fit in the user address space");
        }
        if (((p.vaddr() - p.offset()) & (PAGE_SIZE - 1)) != 0) {
            throw new ExecFormatException(seg + ": address and file offset disagree modulo the page size");
        }
    }

    /**
     * Maps each segment's pages, then copies its bytes. A page two segments share takes the later
     * segment's protection, as with Linux's successive mmaps; its bytes come from both.
     */
    private static void mapSegments(byte[] file, String name, AddressSpace space, List<ProgramHeader> loads, long bias)
            throws IOException {
        for (ProgramHeader p : loads) {
            if (p.memsz() == 0) continue;
            long start = pageDown(p.vaddr() + bias), end = pageUp(p.end() + bias);
            space.unmap(start, end - start); // only ever the shared page of the previous segment
            MmStatus s = space.map(start, end - start, protOf(p.flags()), 0, name);
            if (s != MmStatus.OK) throw new IllegalStateException("mapping segment " + p.index() + ": " + s);
        }
        for (ProgramHeader p : loads) {
            if (p.memsz() == 0) continue;
            // Like Linux's file mmap, the page holding the segment start shows the file from its page start.
            long va = p.vaddr() + bias;
            long lead = va & (PAGE_SIZE - 1);
            if (!space.writeIgnoringProtection(va - lead, file, (int) (p.offset() - lead), (int) (lead + p.filesz()))) {
                throw new IOException(OUT_OF_MEMORY);
            }
            // Zero the rest of the last file page inside the segment (an earlier segment may have written there).
            long fileEnd = va + p.filesz();
            long zeroTo = Math.min(pageUp(fileEnd), va + p.memsz());
            if (zeroTo > fileEnd && !space.writeIgnoringProtection(fileEnd, new byte[(int) (zeroTo - fileEnd)], 0,
                    (int) (zeroTo - fileEnd))) {
                throw new IOException(OUT_OF_MEMORY);
            }
        }
    }

    private static int protOf(int pflags) {
        return ((pflags & PF_R) != 0 ? Vma.READ : 0) | ((pflags & PF_W) != 0 ? Vma.WRITE : 0)
                | ((pflags & PF_X) != 0 ? Vma.EXEC : 0);
    }

    /**
     * AT_PHDR, before relocation: PT_PHDR when present, else where the PT_LOAD containing the program
     * header table maps it (what Linux does), else where the first segment would map the file offset.
     */
    private static long phdrAddress(ElfHeader h, List<ProgramHeader> phdrs, List<ProgramHeader> loads) {
        for (ProgramHeader p : phdrs) if (p.type() == PT_PHDR) return p.vaddr();
        for (ProgramHeader p : loads) {
            if (h.phoff() >= p.offset() && h.phoff() - p.offset() < p.filesz()) {
                return h.phoff() - p.offset() + p.vaddr();
            }
        }
        ProgramHeader first = loads.getFirst();
        return first.vaddr() - first.offset() + h.phoff();
    }
}
