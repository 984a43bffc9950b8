package org.exoos.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a riscv64 program under qemu-riscv64, the reference nobody here wrote. The guest sees exactly the
 * invocation's environment (the child's environment is replaced, so qemu passes nothing else through) and
 * exactly its argv, argv[0] included (qemu's -0).
 */
public final class QemuUser {
    /** The qemu-user binary; override with -Dexo.qemu.riscv64=PATH. */
    public static final String QEMU = System.getProperty("exo.qemu.riscv64", "qemu-riscv64");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private QemuUser() {}

    public static Outcome run(Path binary, Invocation invocation) {
        List<String> command = new ArrayList<>();
        command.add(QEMU);
        command.add("-0");
        command.add(invocation.program());
        command.add(binary.toString());
        command.addAll(invocation.args());
        return Subprocess.run(command, invocation.env(), workingDirectory(), invocation.stdin(), TIMEOUT);
    }

    /** Somewhere harmless: a program killed by a signal may leave a qemu core file in its working directory. */
    private static Path workingDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
