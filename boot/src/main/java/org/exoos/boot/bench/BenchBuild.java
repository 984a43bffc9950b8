package org.exoos.boot.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the benchmark programs (glibc, static, -O2) with tools/riscv-cc.sh into boot/target/bench/riscv64/,
 * and, for those also run natively, with the host's compiler into boot/target/bench/host/; both rebuild only
 * what changed. The repository is found through the system property {@code exo.home}, the
 * environment variable {@code EXO_HOME}, or else from where this class was loaded (boot/target/classes or a jar
 * in boot/target).
 */
final class BenchBuild {
    private static final long BUILD_TIMEOUT_SECONDS = 300;

    private final Path repo;

    private BenchBuild(Path repo) {
        this.repo = repo;
    }

    /** Finds the repository; throws IOException with a one-line reason when it cannot. */
    static BenchBuild locate() throws IOException {
        for (String candidate : new String[] {System.getProperty("exo.home"), System.getenv("EXO_HOME")}) {
            if (candidate != null && !candidate.isBlank() && isRepo(Path.of(candidate))) {
                return new BenchBuild(Path.of(candidate).toAbsolutePath().normalize());
            }
        }
        try {
            Path code = Path.of(BenchBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                if (isRepo(p)) return new BenchBuild(p.toAbsolutePath().normalize());
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // Fall through to the error below.
        }
        throw new IOException("cannot find the Exo-OS repository (set EXO_HOME or -Dexo.home)");
    }

    private static boolean isRepo(Path p) {
        return Files.isRegularFile(p.resolve("tools/riscv-cc.sh")) && Files.isDirectory(p.resolve("boot/src/main/c/bench"));
    }

    /** Builds the program if needed and returns the executable's path. */
    Path build(BenchProgram program) throws IOException {
        Path source = source(program);
        Path out = repo.resolve("boot/target/bench/riscv64").resolve(program.name());
        // riscv-cc.sh's defaults are the suite's flags: -O2 -Wall, static.
        run(List.of("bash", repo.resolve("tools/riscv-cc.sh").toString(), "glibc", out.toString(), source.toString()),
                program.name());
        return out;
    }

    /**
     * Builds the program for the host with the host's C compiler ({@code exo.host.cc}, else gcc), static, -O2,
     * if the source is newer than the executable; returns the executable's path.
     */
    Path buildHost(BenchProgram program) throws IOException {
        Path source = source(program);
        Path out = repo.resolve("boot/target/bench/host").resolve(program.name());
        if (Files.isRegularFile(out)
                && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return out;
        }
        Files.createDirectories(out.getParent());
        Path tmp = out.resolveSibling(program.name() + ".tmp." + ProcessHandle.current().pid());
        try {
            run(List.of(System.getProperty("exo.host.cc", "gcc"), "-static", "-O2", "-Wall", "-o", tmp.toString(),
                    source.toString(), "-lm"), program.name() + " for the host");
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return out;
    }

    private Path source(BenchProgram program) throws IOException {
        Path source = repo.resolve("boot/src/main/c/bench").resolve(program.name() + ".c");
        if (!Files.isRegularFile(source)) throw new IOException("missing benchmark source " + source);
        return source;
    }

    private static void run(List<String> command, String what) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] log;
        try (var in = p.getInputStream()) {
            log = in.readAllBytes();
        }
        try {
            if (!p.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("building " + what + " timed out");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building " + what, e);
        }
        if (p.exitValue() != 0) {
            String text = new String(log, StandardCharsets.UTF_8).strip();
            throw new IOException("building " + what + " failed: " + text.lines().reduce((a, b) -> b).orElse(""));
        }
    }
}
