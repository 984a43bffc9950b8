package org.exoos.libposix.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds riscv64 test programs from the C sources in src/test/c at test time, into target/riscv64/LIBC/,
 * with the repository's tools/riscv-cc.sh. Tests that need one are skipped when the cross compiler is missing.
 */
public final class RiscvPrograms {
    private RiscvPrograms() {}

    public static final Path MODULE = Path.of("").toAbsolutePath();
    public static final Path SOURCES = MODULE.resolve("src/test/c");
    public static final Path OUT = MODULE.resolve("target/riscv64");

    /** The repository root: the nearest directory upwards that holds tools/riscv-cc.sh. */
    public static Path repoRoot() {
        for (Path p = MODULE; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tools/riscv-cc.sh"))) return p;
        }
        throw new IllegalStateException("no tools/riscv-cc.sh above " + MODULE);
    }

    public static boolean compilerAvailable() {
        try {
            return new ProcessBuilder("riscv64-linux-gnu-gcc", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** src/test/c/NAME.c built for libc (glibc, musl or musl-pie); skips the test without a cross compiler. */
    public static Path build(String libc, String name) {
        Assumptions.assumeTrue(compilerAvailable(), "riscv64-linux-gnu-gcc is not installed");
        Path out = OUT.resolve(libc).resolve(name);
        run(List.of("bash", repoRoot().resolve("tools/riscv-cc.sh").toString(), libc, out.toString(),
                SOURCES.resolve(name + ".c").toString()));
        return out;
    }

    /** Runs riscv64-linux-gnu-gcc with the given arguments (for files riscv-cc.sh does not make: .o, dynamic). */
    public static Path gcc(String outName, String... args) {
        Assumptions.assumeTrue(compilerAvailable(), "riscv64-linux-gnu-gcc is not installed");
        Path out = OUT.resolve("gcc").resolve(outName);
        List<String> cmd = new ArrayList<>(List.of("riscv64-linux-gnu-gcc"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-o", out.toString()));
        run(cmd);
        return out;
    }

    private static void run(List<String> cmd) {
        try {
            Files.createDirectories(OUT.resolve("gcc"));
            for (String s : cmd) if (s.startsWith(OUT.toString())) Files.createDirectories(Path.of(s).getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("build failed: " + String.join(" ", cmd) + "\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
