package org.exoos.libposix.elf;

/**
 * Where the loader put a program: what the initial stack's auxiliary vector and the process need.
 *
 * @param entry           the (relocated) entry point
 * @param phdr            user address of the program headers (AT_PHDR)
 * @param phent           size of one program header (AT_PHENT)
 * @param phnum           number of program headers (AT_PHNUM)
 * @param loadBias        what was added to every p_vaddr (0 for ET_EXEC)
 * @param brkStart        the initial program break: the end of the image, page-aligned
 * @param executableStack PT_GNU_STACK asked for an executable stack
 */
public record LoadedImage(long entry, long phdr, int phent, int phnum, long loadBias, long brkStart,
                          boolean executableStack) {}
