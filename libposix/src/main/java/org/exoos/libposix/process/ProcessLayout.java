package org.exoos.libposix.process;

import org.exoos.microkernel.mm.AddressSpace;

/**
 * Where a Linux riscv64 process's pieces go in its Sv39 address space, as Linux places them with address
 * randomization off:
 * <pre>
 *   0x40_0000_0000  USER_TOP (256 GiB)
 *                   [stack]      8 MiB, grows down, demand-paged; argv/envp/auxv at its top
 *   0x3f_f800_1000
 *                   [vdso]       one page: the rt_sigreturn trampoline signal handlers return to
 *   0x3f_f800_0000  MMAP_BASE    top-down mmap area starts below here (a 128 MiB gap below the stack top)
 *                   ...
 *   0x2a_aaaa_a000  PIE_BASE     where a static-pie executable is loaded (2/3 of the user space)
 *                   ...
 *   0x1_0000        lowest mappable address (vm.mmap_min_addr); ET_EXEC text usually sits here
 * </pre>
 */
public final class ProcessLayout {
    private ProcessLayout() {}

    public static final long STACK_TOP = AddressSpace.USER_TOP;
    public static final long STACK_SIZE = 8L << 20;
    /** Linux keeps at least 128 MiB between the stack top and the mmap base. */
    public static final long MMAP_BASE = STACK_TOP - (128L << 20);
    /** ELF_ET_DYN_BASE for riscv64 Sv39: 2/3 of the user space, page-aligned. */
    public static final long PIE_BASE = AddressSpace.pageDown(AddressSpace.USER_TOP / 3 * 2);
}
