package org.exoos.it;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.exoos.servers.framework.Isolation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The programs of src/test/c/exo: what qemu-riscv64 cannot be the reference for, because the host kernel would
 * do it to the host (mount) or because it needs Exo-OS's own servers. Each checks its own results, so each must
 * exit with status 0 and report no failed check, with each libc and in both isolation modes.
 */
class ExoOnlyProgramsTest {

    @TestFactory
    Stream<DynamicTest> eachExoOnlyProgramPassesOnExo() {
        return TestPrograms.exoOnlyNames().stream()
                .flatMap(program -> Stream.of(Libc.values())
                        .flatMap(libc -> Stream.of(Isolation.values())
                                .map(isolation -> DynamicTest.dynamicTest(
                                        program + " [" + libc + "] (" + isolation.name().toLowerCase() + ")",
                                        () -> passes(program, libc, isolation)))));
    }

    private static void passes(String program, Libc libc, Isolation isolation) {
        Path binary = TestPrograms.exoOnlyBinary(program, libc);
        assertTrue(Files.isExecutable(binary), () -> binary + " was not built (see build-riscv-programs.sh)");
        Invocation invocation = Invocations.of(program).getFirst();
        Outcome exo = ExoInProcess.run(binary, invocation, isolation);
        String failed = exo.stdoutText().lines().filter(l -> l.startsWith("FAIL ")).collect(joining("\n"));
        if (exo.status() != invocation.expectedStatus() || !failed.isEmpty()) {
            fail(program + " [" + libc + "] (" + isolation + ") exited with " + exo.status() + " (expected "
                    + invocation.expectedStatus() + ")"
                    + (failed.isEmpty() ? "" : "; failed checks:\n" + failed.indent(4))
                    + "stdout:\n" + exo.stdoutText().indent(4) + "stderr:\n" + exo.stderrText().indent(4));
        }
    }
}
