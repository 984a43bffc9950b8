package org.exoos.it.difftest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a guest program under qemu-riscv64, the reference. */
final class QemuRunner {
    private QemuRunner() {}

    static GuestRun run(Path elf, long timeoutSeconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        // In the program's directory, so a core dump from a faulting program lands under target/.
        Process p = new ProcessBuilder(List.of(Toolchain.QEMU, elf.toAbsolutePath().toString())).directory(elf.toAbsolutePath().getParent().toFile()).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new GuestRun("qemu", -1, out.join(), text(err.join()), -1, System.nanoTime() - start,
                    "qemu-riscv64 did not finish within " + timeoutSeconds + " s");
        }
        return new GuestRun("qemu", p.exitValue(), out.join(), text(err.join()), -1, System.nanoTime() - start, null);
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }, Thread::startVirtualThread);
    }

    private static String text(byte[] bytes) { return new String(bytes, StandardCharsets.UTF_8); }
}
