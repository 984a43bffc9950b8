package org.exoos.libposix.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The ELF64 file header (the fields a loader needs), read from the start of a file.
 * <pre>
 *  0 e_ident[16]: 7f 'E' 'L' 'F', class, data, version, OS ABI ...
 * 16 e_type u16   18 e_machine u16  20 e_version u32  24 e_entry u64  32 e_phoff u64  40 e_shoff u64
 * 48 e_flags u32  52 e_ehsize u16   54 e_phentsize u16  56 e_phnum u16  58.. section header fields (64 bytes)
 * </pre>
 */
public record ElfHeader(int elfClass, int data, int identVersion, int type, int machine, long version,
                        long entry, long phoff, long flags, int phentsize, int phnum) {
    public static final int SIZE = 64;
    public static final int ELFCLASS32 = 1, ELFCLASS64 = 2;
    public static final int ELFDATA2LSB = 1, ELFDATA2MSB = 2;
    public static final int EV_CURRENT = 1;
    public static final int ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;
    public static final int EM_386 = 3, EM_ARM = 40, EM_X86_64 = 62, EM_AARCH64 = 183, EM_RISCV = 243;
    /** e_flags of RISC-V: compressed code, the float ABI field, and the embedded (RVE) base. */
    public static final int EF_RISCV_RVC = 0x1, EF_RISCV_FLOAT_ABI = 0x6, EF_RISCV_FLOAT_ABI_QUAD = 0x6,
            EF_RISCV_RVE = 0x8;

    /** True when the file starts with the ELF magic. */
    public static boolean hasMagic(byte[] file) {
        return file.length >= 4 && file[0] == 0x7f && file[1] == 'E' && file[2] == 'L' && file[3] == 'F';
    }

    /** Reads the header; the caller has checked the magic and that at least {@link #SIZE} bytes exist. */
    public static ElfHeader read(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file, 0, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        return new ElfHeader(file[4], file[5], file[6], Short.toUnsignedInt(b.getShort(16)),
                Short.toUnsignedInt(b.getShort(18)), Integer.toUnsignedLong(b.getInt(20)), b.getLong(24),
                b.getLong(32), Integer.toUnsignedLong(b.getInt(48)), Short.toUnsignedInt(b.getShort(54)),
                Short.toUnsignedInt(b.getShort(56)));
    }

    /** A readable name for a machine that is not ours, for the error message. */
    public static String machineName(int elfClass, int machine) {
        return switch (machine) {
            case EM_386 -> "i386";
            case EM_ARM -> "32-bit ARM";
            case EM_X86_64 -> "x86-64";
            case EM_AARCH64 -> "aarch64";
            case EM_RISCV -> elfClass == ELFCLASS32 ? "riscv32" : "riscv";
            default -> "machine " + machine;
        };
    }
}
