package org.exoos.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the riscv64 test programs and the repository live, as the module's pom tells surefire.
 *
 * <p>The list of programs comes from the C sources, not from the build output, so a program that failed to build
 * is a failing test rather than a missing one.
 */
public final class TestPrograms {
    private TestPrograms() {}

    /** The repository root (holds bin/exo, tools/, jvm.options). */
    public static Path repoRoot() {
        return pathProperty("exo.repo.root", "..");
    }

    /** The directory of the C test programs. */
    public static Path sources() {
        return pathProperty("exo.it.c.sources", "src/test/c");
    }

    /** The built executable for one program and libc. */
    public static Path binary(String program, Libc libc) {
        return pathProperty("exo.it.programs", "target/riscv64").resolve(libc.dirName()).resolve(program);
    }

    /** The names of all C test programs (file names without ".c"), sorted. */
    public static List<String> names() {
        return namesIn(sources());
    }

    /** The directory of the Exo-only programs: those that cannot run under qemu-riscv64 (mount, the tty server). */
    public static Path exoOnlySources() {
        return sources().resolve("exo");
    }

    /** The names of the Exo-only programs, sorted; built as "exo/NAME" beside the others. */
    public static List<String> exoOnlyNames() {
        return Files.isDirectory(exoOnlySources()) ? namesIn(exoOnlySources()) : List.of();
    }

    /** The built executable of an Exo-only program. */
    public static Path exoOnlyBinary(String program, Libc libc) {
        return binary("exo/" + program, libc);
    }

    private static List<String> namesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".c"))
                    .map(n -> n.substring(0, n.length() - 2))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the C test programs in " + directory, e);
        }
    }

    private static Path pathProperty(String name, String fallback) {
        return Path.of(System.getProperty(name, fallback)).toAbsolutePath().normalize();
    }
}
