package org.exoos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every test program passes its own checks on the reference, qemu-riscv64: it exits with the expected status
 * and prints no "FAIL" line. This keeps the programs honest, so that a difference under Exo-OS means Exo-OS.
 */
class ProgramsPassOnQemuTest {

    @TestFactory
    Stream<DynamicTest> eachProgramPassesItsOwnChecksUnderQemu() {
        return TestPrograms.names().stream()
                .flatMap(program -> Invocations.of(program).stream())
                .flatMap(invocation -> Stream.of(Libc.values())
                        .map(libc -> DynamicTest.dynamicTest(invocation.displayName(libc),
                                () -> passesUnderQemu(invocation, libc))));
    }

    private static void passesUnderQemu(Invocation invocation, Libc libc) {
        Path binary = TestPrograms.binary(invocation.program(), libc);
        assertTrue(Files.isExecutable(binary), () -> binary + " was not built (see build-riscv-programs.sh)");
        Outcome qemu = QemuUser.run(binary, invocation);
        String failures = qemu.stdoutText().lines()
                .filter(line -> line.startsWith("FAIL "))
                .reduce("", (a, b) -> a + b + "\n");
        assertEquals("", failures, () -> invocation.displayName(libc) + " reports failed checks under qemu");
        assertEquals(invocation.expectedStatus(), qemu.status(),
                () -> invocation.displayName(libc) + " exit status under qemu; " + qemu.summary());
    }
}
