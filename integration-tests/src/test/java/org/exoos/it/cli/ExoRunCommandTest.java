package org.exoos.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.exoos.it.Libc;
import org.exoos.it.Outcome;
import org.exoos.it.TestPrograms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code bin/exo run} contract, through the real launcher script: the program's stdout and exit status come
 * through unchanged; a file that is not a static riscv64 executable gives status 126 and a single line on stderr,
 * never a stack trace; a missing file gives 127.
 */
class ExoRunCommandTest {
    private static final int EXIT_CANNOT_EXECUTE = 126;
    private static final int EXIT_NOT_FOUND = 127;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void launcherExists() {
        assumeTrue(ExoCommand.exists(), () -> ExoCommand.script() + " is missing or not executable");
    }

    @ParameterizedTest
    @EnumSource(value = Libc.class, names = {"GLIBC", "MUSL"})
    void helloWorldPrintsItsLineAndExitsZero(Libc libc) {
        Outcome run = ExoCommand.run("run", TestPrograms.binary("hello", libc).toString());
        assertEquals("Hello, Exo-OS!\n", run.stdoutText(), () -> "stdout of hello [" + libc + "]; " + run.summary());
        assertEquals(0, run.status(), () -> "exit status of hello [" + libc + "]; " + run.summary());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 42, 255})
    void exitStatusOfTheProgramIsTheStatusOfExoRun(int code) {
        for (Libc libc : new Libc[] {Libc.GLIBC, Libc.MUSL}) {
            Outcome run = ExoCommand.run("run", TestPrograms.binary("exit_code", libc).toString(), Integer.toString(code));
            assertEquals("exiting with " + code + " via exit\n", run.stdoutText(),
                    () -> "stdout of exit_code " + code + " [" + libc + "]; " + run.summary());
            assertEquals(code, run.status(), () -> "status of exit_code " + code + " [" + libc + "]; " + run.summary());
        }
    }

    @Test
    void aTextFileIsRefusedWith126AndOneLine() throws IOException {
        Path text = Files.writeString(scratch.resolve("notes.txt"), "this is not a program\n");
        cannotExecute(text);
    }

    @Test
    void anX86ProgramIsRefusedWith126AndOneLine() {
        Path x86 = Path.of("/bin/true");
        assumeTrue(Files.isRegularFile(x86), "/bin/true is needed as a non-riscv64 ELF");
        cannotExecute(x86);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 63, 64 + 56, 4096})
    void aTruncatedRiscvProgramIsRefusedWith126AndOneLine(int length) throws IOException {
        byte[] whole = Files.readAllBytes(TestPrograms.binary("hello", Libc.MUSL));
        Path truncated = scratch.resolve("hello-truncated-" + length);
        Files.write(truncated, Arrays.copyOf(whole, length));
        cannotExecute(truncated);
    }

    @Test
    void anEmptyFileIsRefusedWith126AndOneLine() throws IOException {
        cannotExecute(Files.write(scratch.resolve("empty"), new byte[0]));
    }

    @Test
    void aMissingFileGives127AndOneLine() {
        Path missing = scratch.resolve("no-such-program");
        Outcome run = ExoCommand.run("run", missing.toString());
        assertEquals(EXIT_NOT_FOUND, run.status(), () -> "status for a missing program; " + run.summary());
        assertOneLine(run, missing);
    }

    private static void cannotExecute(Path file) {
        Outcome run = ExoCommand.run("run", file.toString());
        assertEquals(EXIT_CANNOT_EXECUTE, run.status(), () -> "status for " + file + "; " + run.summary());
        assertOneLine(run, file);
    }

    /** Exactly one newline-terminated line on stderr, naming the file; nothing on stdout. */
    private static void assertOneLine(Outcome run, Path file) {
        String err = run.stderrText();
        assertEquals(0, run.stdout().length, () -> "stdout should be empty for " + file + "; " + run.summary());
        assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1,
                () -> "stderr should be exactly one line for " + file + ", was:\n" + err);
        assertTrue(err.contains(file.getFileName().toString()),
                () -> "the error line should name " + file.getFileName() + ": " + err);
        assertTrue(!err.contains("Exception") && !err.contains("\tat "),
                () -> "no Java stack trace or exception name on stderr: " + err);
    }
}
