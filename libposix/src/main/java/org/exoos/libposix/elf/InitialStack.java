package org.exoos.libposix.elf;

import org.exoos.libposix.process.Credentials;
import org.exoos.microkernel.mm.AddressSpace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.exoos.libposix.elf.AuxVector.*;

/**
 * Builds the stack a Linux riscv64 program starts with, as the kernel's exec does (fs/exec.c and
 * create_elf_tables in fs/binfmt_elf.c):
 * <pre>
 *   top       8 bytes of zero
 *             AT_EXECFN string, then the environment strings, then the argument strings, downwards
 *             (so argv[0]'s bytes are lowest)
 *             padding to 16 bytes
 *             16 random bytes (AT_RANDOM)
 *             padding so that sp is 16-byte aligned
 *   sp ->     argc, argv[0..argc-1], NULL, envp[0..], NULL, auxv pairs ..., AT_NULL 0
 * </pre>
 */
public final class InitialStack {
    private InitialStack() {}

    /** Linux's limit on argument and environment strings together: a quarter of the 8 MiB stack limit. */
    public static final long ARG_MAX = 2L << 20;

    /**
     * Writes the initial stack below {@code top} (in a mapped, writable stack VMA) and returns sp.
     *
     * @throws IOException when the strings exceed {@link #ARG_MAX} ("argument list too long") or memory runs out
     */
    public static long build(AddressSpace space, long top, List<String> argv, List<String> envp, String execfn,
                             LoadedImage image, Credentials credentials, byte[] random16) throws IOException {
        List<byte[]> args = encode(argv), envs = encode(envp);
        byte[] fn = cString(execfn);
        long total = fn.length;
        for (byte[] s : args) total += s.length + 8;
        for (byte[] s : envs) total += s.length + 8;
        if (total > ARG_MAX) throw new IOException("argument list too long");

        StackWriter w = new StackWriter(space, top - 8); // the top word stays zero
        long execfnAddr = w.pushBytes(fn);
        long[] envAddr = new long[envs.size()];
        for (int i = envs.size() - 1; i >= 0; i--) envAddr[i] = w.pushBytes(envs.get(i));
        long[] argAddr = new long[args.size()];
        for (int i = args.size() - 1; i >= 0; i--) argAddr[i] = w.pushBytes(args.get(i));
        w.alignDown(16);
        long randomAddr = w.pushBytes(random16);

        List<long[]> aux = new ArrayList<>();
        aux.add(new long[] {AT_HWCAP, HWCAP_RV64GC});
        aux.add(new long[] {AT_PAGESZ, AddressSpace.PAGE_SIZE});
        aux.add(new long[] {AT_CLKTCK, CLOCK_TICKS});
        aux.add(new long[] {AT_PHDR, image.phdr()});
        aux.add(new long[] {AT_PHENT, image.phent()});
        aux.add(new long[] {AT_PHNUM, image.phnum()});
        aux.add(new long[] {AT_BASE, 0}); // no interpreter: static programs only
        aux.add(new long[] {AT_FLAGS, 0});
        aux.add(new long[] {AT_ENTRY, image.entry()});
        aux.add(new long[] {AT_UID, credentials.uid()});
        aux.add(new long[] {AT_EUID, credentials.euid()});
        aux.add(new long[] {AT_GID, credentials.gid()});
        aux.add(new long[] {AT_EGID, credentials.egid()});
        aux.add(new long[] {AT_SECURE, 0});
        aux.add(new long[] {AT_RANDOM, randomAddr});
        aux.add(new long[] {AT_EXECFN, execfnAddr});
        aux.add(new long[] {AT_NULL, 0});

        int words = 1 + argAddr.length + 1 + envAddr.length + 1 + aux.size() * 2;
        ByteBuffer table = ByteBuffer.allocate(words * 8).order(ByteOrder.LITTLE_ENDIAN);
        table.putLong(argAddr.length);
        for (long a : argAddr) table.putLong(a);
        table.putLong(0);
        for (long e : envAddr) table.putLong(e);
        table.putLong(0);
        for (long[] pair : aux) table.putLong(pair[0]).putLong(pair[1]);
        long sp = (w.position() - (long) words * 8) & -16L;
        if (!space.copyOut(sp, table.array(), 0, table.capacity())) throw new IOException("not enough memory for the stack");
        return sp;
    }

    private static List<byte[]> encode(List<String> strings) {
        List<byte[]> out = new ArrayList<>(strings.size());
        for (String s : strings) out.add(cString(s));
        return out;
    }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[b.length + 1];
        System.arraycopy(b, 0, c, 0, b.length);
        return c;
    }

    /** Pushes byte strings downwards from a starting address. */
    private static final class StackWriter {
        private final AddressSpace space;
        private long p;

        StackWriter(AddressSpace space, long start) {
            this.space = space;
            this.p = start;
        }

        long pushBytes(byte[] b) throws IOException {
            p -= b.length;
            if (!space.copyOut(p, b, 0, b.length)) throw new IOException("not enough memory for the stack");
            return p;
        }

        void alignDown(int alignment) { p &= -alignment; }

        long position() { return p; }
    }
}
