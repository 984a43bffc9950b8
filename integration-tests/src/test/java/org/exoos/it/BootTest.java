package org.exoos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.exoos.boot.BootRequest;
import org.exoos.boot.Launcher;
import org.exoos.libposix.fd.Stdio;
import org.exoos.libposix.process.MachinePower;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exo boot}: the root filled from a cpio newc archive built here around boot_init.c as /sbin/init, which
 * checks what init gets (pid 1, root, env, cwd, a file of the archive), reboot(2)'s errors, and powers off.
 */
class BootTest {
    private static final ExecutorService RUNNER = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().daemon().name("exo-boot-", 0).factory());

    @TempDir
    Path dir;

    private record Booted(Launcher.BootResult result, String stdout, String stderr) {}

    private Booted boot(byte[] archive, String init) throws Exception {
        Path cpio = dir.resolve("initramfs.cpio");
        Files.write(cpio, archive);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        BootRequest request = new BootRequest(cpio, Stdio.streams(new ByteArrayInputStream(new byte[0]), out, err))
                .withInit(init).withMemBytes(ExoInProcess.MEM_BYTES);
        Future<Launcher.BootResult> run = RUNNER.submit(() -> Launcher.boot(request));
        try {
            Launcher.BootResult result = run.get(60, TimeUnit.SECONDS);
            return new Booted(result, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    private static byte[] initArchive(Libc libc, boolean withScript) throws IOException {
        Path binary = TestPrograms.exoOnlyBinary("boot_init", libc);
        assertTrue(Files.isExecutable(binary), () -> binary + " was not built (see build-riscv-programs.sh)");
        Newc a = new Newc().dir("sbin", 0755).dir("etc", 0755)
                .file("sbin/init", 0755, Files.readAllBytes(binary))
                .file("etc/motd", 0644, "welcome to exo\n".getBytes(StandardCharsets.UTF_8));
        if (withScript) a.file("sbin/rc", 0755, "#!/sbin/init\n".getBytes(StandardCharsets.UTF_8));
        return a.finish();
    }

    private static void assertPoweredOff(Booted b) {
        String failed = b.stdout().lines().filter(l -> l.startsWith("FAIL ")).reduce("", (x, y) -> x + y + "\n");
        assertTrue(failed.isEmpty(), () -> "failed checks:\n" + failed + "stdout:\n" + b.stdout() + "stderr:\n" + b.stderr());
        assertEquals(MachinePower.Shutdown.POWER_OFF, b.result().shutdown(),
                () -> "init did not power off; stdout:\n" + b.stdout() + "stderr:\n" + b.stderr());
        assertEquals(0, b.result().run().status(), "init's status after power off");
        assertTrue(b.stdout().contains("exo init: powering off"), b.stdout());
    }

    @Test
    void initFromTheInitramfsRunsAsPidOneAndPowersOff() throws Exception {
        for (Libc libc : new Libc[] {Libc.MUSL, Libc.GLIBC}) {
            Booted b = boot(initArchive(libc, false), "/sbin/init");
            assertPoweredOff(b);
            assertTrue(b.stdout().contains("exo init: hello from pid 1\n"), () -> libc + ": " + b.stdout());
            assertTrue(b.stdout().contains("motd: welcome to exo\n"), () -> libc + ": " + b.stdout());
            assertTrue(b.stdout().contains("exo init: argc 1, last argument /sbin/init\n"), () -> libc + ": " + b.stdout());
        }
    }

    /** boot_init, started through the script, powers off from a vfork child as busybox init does. */
    @Test
    void aScriptInitIsExecedThroughItsInterpreterAsExecveDoes() throws Exception {
        Booted b = boot(initArchive(Libc.MUSL, true), "/sbin/rc");
        assertPoweredOff(b);
        assertTrue(b.stdout().contains("exo init: argc 2, last argument /sbin/rc\n"), b.stdout());
    }

    @Test
    void aMissingInitIsNoSuchFile() throws Exception {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> boot(initArchive(Libc.MUSL, false), "/sbin/none"));
        assertTrue(e.getMessage().contains("/sbin/none"), e.getMessage());
    }

    /** A tiny cpio newc writer: a header of 13 hex fields, the name and the data, each padded to 4. */
    private static final class Newc {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int ino = 1;

        Newc dir(String name, int mode) { return entry(name, 0040000 | mode, new byte[0]); }

        Newc file(String name, int mode, byte[] data) { return entry(name, 0100000 | mode, data); }

        byte[] finish() {
            entry("TRAILER!!!", 0, new byte[0]);
            return out.toByteArray();
        }

        private Newc entry(String name, int mode, byte[] data) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            StringBuilder h = new StringBuilder("070701");
            for (long v : new long[] {ino++, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, n.length + 1, 0}) {
                h.append(String.format("%08x", v));
            }
            out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(n);
            out.write(0);
            pad();
            out.writeBytes(data);
            pad();
            return this;
        }

        private void pad() {
            while (out.size() % 4 != 0) out.write(0);
        }
    }
}
