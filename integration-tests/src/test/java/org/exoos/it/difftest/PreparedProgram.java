package org.exoos.it.difftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A program written to {@code <dir>/<name>.S}, built to {@code <name>.elf} and run once under qemu-riscv64. */
record PreparedProgram(GuestProgram program, Path source, Path elf, GuestRun reference) {
    static final long QEMU_TIMEOUT_SECONDS = 120;

    static PreparedProgram prepare(GuestProgram program, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path source = dir.resolve(program.name() + ".S");
        Path elf = dir.resolve(program.name() + ".elf");
        Files.writeString(source, ProgramWriter.assembly(program));
        Toolchain.build(source, elf);
        return new PreparedProgram(program, source, elf, QemuRunner.run(elf, QEMU_TIMEOUT_SECONDS));
    }
}
