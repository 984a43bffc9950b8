package org.exoos.boot;

import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.fd.Stdio;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LauncherTest {
    private static final Path OUT = Path.of("target/riscv64").toAbsolutePath();

    /** A static glibc program built from the given C source into target/, or the test is skipped. */
    private static Path build(String name, String source) throws Exception {
        Files.createDirectories(OUT);
        Path c = Files.writeString(OUT.resolve(name + ".c"), source);
        Path exe = OUT.resolve(name);
        Process p;
        try {
            p = new ProcessBuilder("riscv64-linux-gnu-gcc", "-static", "-O2", "-o", exe.toString(), c.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("riscv64-linux-gnu-gcc is not installed");
            return null;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "cross compile failed:\n" + log);
        return exe;
    }

    private static RunRequest request(Path program, List<String> args, ByteArrayOutputStream out) {
        return new RunRequest(program, args, Map.of("GREETING", "hi"),
                Stdio.streams(new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream()), 32L << 20);
    }

    @Test
    void runsAProgramWithItsArgumentsAndEnvironmentAndReportsTheStatus() throws Exception {
        Path exe = build("greet", """
                #include <stdio.h>
                #include <stdlib.h>
                int main(int argc, char **argv) { printf("%s %s %s\\n", getenv("GREETING"), argv[1], argv[0]); return 3; }
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResult r = Launcher.run(request(exe, List.of("prog0", "there"), out));
        assertEquals("hi there prog0\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(3, r.status());
        assertTrue(r.instret() > 1000, "instret " + r.instret());
        assertTrue(r.nanos() > 0, "nanos " + r.nanos());
    }

    @Test
    void missingProgramIsNoSuchFile() {
        assertThrows(NoSuchFileException.class,
                () -> Launcher.run(request(Path.of("/no/such/prog"), List.of("x"), new ByteArrayOutputStream())));
    }

    @Test
    void hostBinaryIsAnExecFormatError() {
        Path ls = Path.of("/bin/ls");
        Assumptions.assumeTrue(Files.isReadable(ls));
        ExecFormatException e = assertThrows(ExecFormatException.class,
                () -> Launcher.run(request(ls, List.of("ls"), new ByteArrayOutputStream())));
        assertEquals("not a riscv64 executable (x86-64 ELF)", e.getMessage());
    }
}
