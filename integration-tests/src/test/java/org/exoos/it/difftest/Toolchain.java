package org.exoos.it.difftest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host tools the campaign depends on: the riscv64 cross compiler that assembles the guest programs
 * and qemu-riscv64, the reference CPU. Missing tools are an error with a remedy, never a silent skip.
 */
final class Toolchain {
    static final String GCC = System.getProperty("exo.difftest.gcc", "riscv64-linux-gnu-gcc");
    static final String QEMU = System.getProperty("exo.difftest.qemu", "qemu-riscv64");

    private Toolchain() {}

    /** Throws with a remedy when a tool is missing. */
    static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        if (!onPath(GCC)) missing.add(GCC + " (Debian package gcc-riscv64-linux-gnu)");
        if (!onPath(QEMU)) missing.add(QEMU + " (Debian package qemu-user)");
        if (!missing.isEmpty()) {
            throw new IllegalStateException("CPU differential testing needs " + String.join(" and ", missing)
                    + " on the PATH; run `make deps` to install them");
        }
    }

    private static boolean onPath(String tool) {
        if (tool.contains("/")) return Files.isExecutable(Path.of(tool));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Assembles and links {@code source} into the static ELF {@code elf}. */
    static void build(Path source, Path elf) throws IOException, InterruptedException {
        List<String> cmd = List.of(GCC, "-nostdlib", "-static", "-march=rv64gc", "-mabi=lp64d",
                "-Wl,--no-relax", "-Wl,--build-id=none", "-o", elf.toString(), source.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            String text = new String(output, StandardCharsets.UTF_8);
            throw new IOException("building " + source + " failed (" + String.join(" ", cmd) + "):\n"
                    + (text.length() > 4000 ? text.substring(0, 4000) + "..." : text));
        }
    }

    static String buildCommand(Path source, Path elf) {
        return GCC + " -nostdlib -static -march=rv64gc -mabi=lp64d -Wl,--no-relax -o " + elf + " " + source;
    }
}
