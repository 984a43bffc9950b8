package org.exoos.libposix.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One ELF64 program header.
 * <pre>
 *  0 p_type u32  4 p_flags u32  8 p_offset u64  16 p_vaddr u64  24 p_paddr u64  32 p_filesz u64
 * 40 p_memsz u64  48 p_align u64                                                       (56 bytes)
 * </pre>
 */
public record ProgramHeader(int index, long type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {
    public static final int SIZE = 56;
    public static final long PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_PHDR = 6,
            PT_TLS = 7, PT_GNU_STACK = 0x6474e551L, PT_GNU_RELRO = 0x6474e552L;
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;

    public static ProgramHeader read(byte[] file, long phoff, int index) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) (phoff + (long) index * SIZE);
        return new ProgramHeader(index, Integer.toUnsignedLong(b.getInt(at)), b.getInt(at + 4), b.getLong(at + 8),
                b.getLong(at + 16), b.getLong(at + 32), b.getLong(at + 40), b.getLong(at + 48));
    }

    /** One past the last byte in memory; the caller has checked it does not overflow. */
    public long end() { return vaddr + memsz; }

    public boolean executable() { return (flags & PF_X) != 0; }
}
