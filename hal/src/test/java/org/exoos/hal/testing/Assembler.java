package org.exoos.hal.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Assembles riscv64 snippets with the Debian cross binutils, at test time, into raw machine code. */
public final class Assembler {
    private Assembler() {}

    /** Assembles and links source so that its first instruction sits at physical/virtual address base. */
    public static byte[] assemble(String source) {
        return assemble(source, 0x8000_0000L);
    }

    public static byte[] assemble(String source, long base) {
        try {
            Path dir = Files.createTempDirectory("exo-asm");
            Path s = dir.resolve("t.s"), o = dir.resolve("t.o"), elf = dir.resolve("t.elf"), bin = dir.resolve("t.bin");
            Files.writeString(s, ".option norelax\n.text\n.globl _start\n_start:\n" + source + "\n");
            run(List.of("riscv64-linux-gnu-as", "-march=rv64gc", "-mabi=lp64d", "-o", o.toString(), s.toString()));
            // Link, so pc-relative pairs (la, call) are resolved for the load address.
            run(List.of("riscv64-linux-gnu-ld", "--no-relax", "-Ttext=0x" + Long.toHexString(base), "-e", "_start",
                    "-o", elf.toString(), o.toString()));
            run(List.of("riscv64-linux-gnu-objcopy", "-O", "binary", "-j", ".text", elf.toString(), bin.toString()));
            byte[] code = Files.readAllBytes(bin);
            for (Path p : List.of(s, o, elf, bin)) Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
            return code;
        } catch (IOException e) {
            throw new IllegalStateException("riscv64 cross binutils needed (make deps): " + e.getMessage(), e);
        }
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
