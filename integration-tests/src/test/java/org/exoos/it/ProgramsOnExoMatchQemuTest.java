package org.exoos.it;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.exoos.servers.framework.Isolation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential test: each program, built for each libc, run with the same argv, environment and stdin
 * under qemu-riscv64 and on Exo-OS, must write the same stdout (byte for byte), the same stderr (unless the
 * invocation says the reference adds its own), and exit with the same status. Every run on Exo-OS happens in
 * both isolation modes: servers in threads of the kernel's JVM, and servers in JVMs of their own; qemu runs once.
 */
class ProgramsOnExoMatchQemuTest {
    /** qemu's outcome of each (invocation, libc), shared by the two isolation modes' tests. */
    private static final Map<String, Outcome> QEMU = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> eachProgramBehavesOnExoAsUnderQemu() {
        return TestPrograms.names().stream()
                .flatMap(program -> Invocations.of(program).stream())
                .flatMap(invocation -> Stream.of(Libc.values())
                        .flatMap(libc -> Stream.of(Isolation.values())
                                .map(isolation -> DynamicTest.dynamicTest(
                                        invocation.displayName(libc) + " (" + isolation.name().toLowerCase() + ")",
                                        () -> sameAsQemu(invocation, libc, isolation)))));
    }

    private static void sameAsQemu(Invocation invocation, Libc libc, Isolation isolation) {
        Path binary = TestPrograms.binary(invocation.program(), libc);
        assertTrue(Files.isExecutable(binary), () -> binary + " was not built (see build-riscv-programs.sh)");
        Outcome qemu = QEMU.computeIfAbsent(invocation.displayName(libc), k -> QemuUser.run(binary, invocation));
        Outcome exo = ExoInProcess.run(binary, invocation, isolation);

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
            fail(invocation.displayName(libc) + " on Exo-OS (" + isolation + ") differs from qemu-riscv64:\n" + problems);
        }
    }
}
