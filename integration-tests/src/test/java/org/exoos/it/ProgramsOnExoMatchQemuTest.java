package org.exoos.it;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential test: each program, built for each libc, run with the same argv, environment and stdin
 * under qemu-riscv64 and on Exo-OS, must write the same stdout (byte for byte), the same stderr (unless the
 * invocation says the reference adds its own), and exit with the same status.
 */
class ProgramsOnExoMatchQemuTest {

    @TestFactory
    Stream<DynamicTest> eachProgramBehavesOnExoAsUnderQemu() {
        return TestPrograms.names().stream()
                .flatMap(program -> Invocations.of(program).stream())
                .flatMap(invocation -> Stream.of(Libc.values())
                        .map(libc -> DynamicTest.dynamicTest(invocation.displayName(libc),
                                () -> sameAsQemu(invocation, libc))));
    }

    private static void sameAsQemu(Invocation invocation, Libc libc) {
        Path binary = TestPrograms.binary(invocation.program(), libc);
        assertTrue(Files.isExecutable(binary), () -> binary + " was not built (see build-riscv-programs.sh)");
        Outcome qemu = QemuUser.run(binary, invocation);
        Outcome exo = ExoInProcess.run(binary, invocation);

        StringBuilder problems = new StringBuilder();
        if (exo.status() != qemu.status()) {
            problems.append("exit status: qemu ").append(qemu.status()).append(", Exo-OS ").append(exo.status())
                    .append('\n');
        }
        String stdoutDiff = OutputDiff.describe("qemu stdout", qemu.stdout(), "Exo-OS stdout", exo.stdout());
        if (!stdoutDiff.isEmpty()) {
            problems.append("stdout differs:\n").append(stdoutDiff);
        }
        if (invocation.compareStderr()) {
            String stderrDiff = OutputDiff.describe("qemu stderr", qemu.stderr(), "Exo-OS stderr", exo.stderr());
            if (!stderrDiff.isEmpty()) {
                problems.append("stderr differs:\n").append(stderrDiff);
            }
        }
        if (!problems.isEmpty()) {
            String failedChecks = exo.stdoutText().lines().filter(l -> l.startsWith("FAIL ")).collect(joining("\n"));
            if (!failedChecks.isEmpty()) {
                problems.append("checks the program reported failed on Exo-OS:\n").append(failedChecks.indent(4));
            }
            if (!invocation.compareStderr() || stdoutDiff.isEmpty()) {
                problems.append("Exo-OS stderr:\n").append(exo.stderrText().indent(4));
            }
            fail(invocation.displayName(libc) + " on Exo-OS differs from qemu-riscv64:\n" + problems);
        }
    }
}
