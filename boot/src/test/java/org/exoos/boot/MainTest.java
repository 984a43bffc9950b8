package org.exoos.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The command line's contract: exit statuses and one-line errors, never a stack trace. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int exo(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void noArgumentsOrAnUnknownCommandPrintUsageAndExitTwo() {
        assertEquals(2, exo());
        assertTrue(err().contains("usage: exo"), err());
        assertEquals(2, exo("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
    }

    @Test
    void helpGoesToStdoutAndSucceeds() {
        assertEquals(0, exo("help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("run [--mem SIZE] [--cpus N] [--isolation thread|process] [--no-tty] [--no-aslr] PROGRAM"));
    }

    @Test
    void syscallsListsTheTableWithSupportLevelsAndACount() {
        assertEquals(0, exo("syscalls"));
        String listing = out.toString(StandardCharsets.UTF_8);
        assertTrue(listing.lines().anyMatch(l -> l.matches("\\s*64\\s+write\\s+full\\s*")), listing);
        assertTrue(listing.lines().anyMatch(l -> l.matches("\\s*222\\s+mmap\\s+partial\\s+\\S.*")), "partial entries carry a note: " + listing);
        assertTrue(listing.lines().reduce((a, b) -> b).orElseThrow()
                .matches("\\d+ syscalls implemented \\(\\d+ full, \\d+ partial\\); every other number returns ENOSYS"), listing);
        assertEquals(2, exo("syscalls", "extra"));
    }

    @Test
    void runWithoutAProgramOrWithABadOptionIsAUsageError() {
        assertEquals(2, exo("run"));
        assertEquals(2, exo("run", "--mem"));
        assertEquals(2, exo("run", "--mem", "12Q", "x"));
        assertEquals(2, exo("run", "--frob", "x"));
    }

    @Test
    void missingProgramExits127WithOneLine() {
        assertEquals(127, exo("run", "/no/such/program"));
        assertEquals("exo: /no/such/program: No such file or directory\n", err());
    }

    @Test
    void nonElfFileExits126WithOneLine(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        assertEquals(126, exo("run", script.toString()));
        assertEquals("exo: " + script + ": not an ELF executable\n", err());
    }

    @Test
    void directoryExits126(@TempDir Path dir) {
        assertEquals(126, exo("run", dir.toString()));
        assertEquals("exo: " + dir + ": is a directory\n", err());
    }

    @Test
    void memorySizesTakeBinarySuffixes() {
        assertEquals(256L << 20, MemorySize.parse("256M"));
        assertEquals(1L << 30, MemorySize.parse("1g"));
        assertEquals(2048L << 10, MemorySize.parse("2048K"));
        assertEquals(8L << 20, MemorySize.parse(String.valueOf(8L << 20)));
        assertEquals(-1, MemorySize.parse("12KB"));
        assertEquals(-1, MemorySize.parse("100"), "below 1M");
        assertEquals(-1, MemorySize.parse("1048577"), "not a multiple of 4K");
        assertEquals(-1, MemorySize.parse("M"));
        assertEquals(-1, MemorySize.parse(""));
    }
}
