package org.exoos.boot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Times a program under qemu-riscv64 (a subprocess): wall time from start to exit, which includes qemu's own
 * start-up of a few tens of milliseconds. The guest gets a fixed, minimal environment.
 */
final class QemuTiming {
    static final String QEMU = System.getProperty("exo.qemu.riscv64", "qemu-riscv64");

    private QemuTiming() {}

    static Measurement run(Path binary, String name, int size) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(QEMU, "-0", name, binary.toString(), Integer.toString(size)))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "LANG", "C"));
        long start = System.nanoTime();
        Process p = builder.start();
        p.getOutputStream().close();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + name + " under qemu", e);
        }
        long nanos = System.nanoTime() - start;
        return new Measurement(status, new String(out, StandardCharsets.UTF_8), nanos, -1);
    }
}
