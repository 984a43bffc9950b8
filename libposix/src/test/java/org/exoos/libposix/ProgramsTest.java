package org.exoos.libposix;

import org.exoos.libposix.support.Guest;
import org.exoos.libposix.support.RiscvPrograms;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Whole programs, built with each C library, run on the interpreter under the Linux personality. */
class ProgramsTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"glibc", "musl", "musl-pie"})
    void helloWorldPrintsAndExitsZero(String libc) throws Exception {
        Guest.Result r = Guest.run(RiscvPrograms.build(libc, "hello"), List.of(), List.of(), "");
        assertEquals("hello\n", r.stdout(), "stdout");
        assertEquals(0, r.status(), "exit status; stderr: " + r.stderr());
        assertTrue(r.instret() > 100, "retired instructions not counted: " + r.instret());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"glibc", "musl", "musl-pie"})
    void personalitySelfTestPassesEveryCheck(String libc) throws Exception {
        Guest.Result r = Guest.run(RiscvPrograms.build(libc, "personality"), List.of("a", "b c"),
                List.of("EXO_TEST_VAR=hi", "OTHER=1"), "");
        assertTrue(r.stdout().contains("ALL OK"), "self-test output:\n" + r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("argc=3 [a] [b c]\n"), "argv as the program saw it:\n" + r.stdout());
        assertTrue(r.stdout().contains("EXO_TEST_VAR=hi\n"), "environment as the program saw it:\n" + r.stdout());
        assertTrue(r.stdout().contains("AT_PAGESZ=4096 AT_CLKTCK=100 AT_SECURE=0 AT_HWCAP=0x112d"), r.stdout());
        assertEquals(42, r.status(), "exit status");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"glibc", "musl"})
    void exitStatusKeepsTheLowEightBits(String libc) throws Exception {
        Guest.Result r = Guest.run(RiscvPrograms.build(libc, "exit_code"), List.of("300"), List.of(), "");
        assertEquals("exiting with 300\n", r.stdout());
        assertEquals(300 & 0xff, r.status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"glibc", "musl", "musl-pie"})
    void abortKillsWithSigabrt(String libc) throws Exception {
        Guest.Result r = Guest.run(RiscvPrograms.build(libc, "abort"), List.of(), List.of(), "");
        assertEquals("x\n", r.stdout(), "output before abort()");
        assertEquals(128 + 6, r.status(), "status after abort()");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"glibc", "musl"})
    void storeToAnUnmappedAddressKillsWithSigsegv(String libc) throws Exception {
        Guest.Result r = Guest.run(RiscvPrograms.build(libc, "segv"), List.of(), List.of(), "");
        assertEquals(128 + 11, r.status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"glibc", "musl"})
    void stdinIsCopiedToStdoutIntact(String libc) throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 5000; i++) input.append("line ").append(i).append('\n');
        Guest.Result r = Guest.run(RiscvPrograms.build(libc, "echo_stdin"), List.of(), List.of(), input.toString());
        assertEquals(input.toString(), r.stdout(), "stdout differs from stdin");
        assertEquals(input.length() + " bytes\n", r.stderr());
        assertEquals(0, r.status());
    }
}
