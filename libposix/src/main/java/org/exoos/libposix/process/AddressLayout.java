package org.exoos.libposix.process;

import org.exoos.microkernel.mm.AddressSpace;

import java.util.random.RandomGenerator;

/**
 * Where one execve puts the stack, the mmap area, a static-pie image and the heap: {@link ProcessLayout}'s
 * places, moved by random amounts when address space layout randomization is on, with Linux riscv64's ranges
 * (randomize_va_space = 2):
 * <ul>
 *   <li>stack top: down by up to 2^18 pages (STACK_RND_MASK 0x3ffff, 1 GiB), then the initial stack pointer
 *       down by up to 8 KiB more (arch_align_stack);</li>
 *   <li>mmap base: below the highest stack top by a gap of RLIMIT_STACK plus the stack guard gap and the stack's
 *       random range (clamped to 128 MiB .. 5/6 of user space), then down by up to 2^18 pages (mmap_rnd_bits 18,
 *       the riscv64 default), as mm/util.c's mmap_base;</li>
 *   <li>static-pie load address: ELF_ET_DYN_BASE up by the same mmap random amount;</li>
 *   <li>program break: up by up to 1 GiB past the end of the data (arch_randomize_brk, 64-bit).</li>
 * </ul>
 * The stack area itself is RLIMIT_STACK long (ulimit -s; at most 1 GiB here, 8 MiB when unlimited), since
 * stack areas do not grow here.
 *
 * @param stackTop     the top of the stack area (exclusive)
 * @param stackSize    the stack area's length
 * @param stackPointer where argv, envp and auxv are built down from (at or below stackTop)
 * @param mmapBase     where the top-down mmap area starts (the "[vdso]" page sits there)
 * @param pieBase      where a static-pie executable is loaded
 * @param brkOffset    how far past the end of the data the heap starts (a multiple of the page size)
 */
public record AddressLayout(long stackTop, long stackSize, long stackPointer, long mmapBase, long pieBase,
                            long brkOffset) {
    static final int PAGE_SHIFT = 12;
    /** STACK_RND_MASK on 64-bit riscv: 18 bits of pages. */
    static final long STACK_RND_MASK = 0x3ffffL;
    /** mmap_rnd_bits: riscv64's CONFIG_ARCH_MMAP_RND_BITS default (its minimum for Sv39). */
    static final int MMAP_RND_BITS = 18;
    /** arch_randomize_brk's range for a 64-bit task. */
    static final long BRK_RANGE = 1L << 30;
    /** The stack pointer's extra random offset (arch_align_stack). */
    static final long SP_RANGE = 8192;
    static final long MIN_GAP = 128L << 20;
    /** stack_guard_gap: 256 pages kept free below a stack. */
    static final long STACK_GUARD_GAP = 256L << PAGE_SHIFT;
    static final long MAX_GAP = AddressSpace.USER_TOP / 6 * 5;
    /** The largest stack area made here; also its size when RLIMIT_STACK is unlimited... */
    static final long MAX_STACK = 1L << 30;
    /** ...except that unlimited gives Linux's default 8 MiB: a 1 GiB reservation would only crowd the mmap area. */
    static final long UNLIMITED_STACK = ProcessLayout.STACK_SIZE;
    /** The smallest stack area: enough for argv, envp and auxv of a large exec plus a little. */
    static final long MIN_STACK = 128L << 10;

    /**
     * The layout for an execve.
     *
     * @param randomize  address space layout randomization is on
     * @param stackLimit the soft RLIMIT_STACK (RLIM_INFINITY for unlimited)
     */
    public static AddressLayout choose(boolean randomize, long stackLimit, RandomGenerator random) {
        long stackSize = stackLimit == ResourceLimits.RLIM_INFINITY || Long.compareUnsigned(stackLimit, MAX_STACK) > 0
                ? (stackLimit == ResourceLimits.RLIM_INFINITY ? UNLIMITED_STACK : MAX_STACK)
                : Math.max(MIN_STACK, AddressSpace.pageUp(stackLimit));
        long stackRandom = randomize ? (random.nextLong() & STACK_RND_MASK) << PAGE_SHIFT : 0;
        long stackTop = ProcessLayout.STACK_TOP - stackRandom;
        long sp = randomize ? (stackTop - random.nextLong(SP_RANGE)) & ~0xfL : stackTop;
        long pad = STACK_GUARD_GAP + (randomize ? STACK_RND_MASK << PAGE_SHIFT : 0);
        long gap = Math.clamp(stackSize + pad, MIN_GAP, MAX_GAP);
        long mmapRandom = randomize ? (random.nextLong() & ((1L << MMAP_RND_BITS) - 1)) << PAGE_SHIFT : 0;
        long mmapBase = AddressSpace.pageDown(ProcessLayout.STACK_TOP - gap - mmapRandom);
        long pieBase = ProcessLayout.PIE_BASE + mmapRandom;
        long brkOffset = randomize ? random.nextLong(BRK_RANGE >>> PAGE_SHIFT) << PAGE_SHIFT : 0;
        return new AddressLayout(stackTop, stackSize, sp, mmapBase, pieBase, brkOffset);
    }

    /** The lowest address of the stack area. */
    public long stackBottom() { return stackTop - stackSize; }
}
