package org.exoos.boot;

import org.exoos.libposix.process.MachinePower;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code exo boot}'s contract before the machine starts, and its exit statuses (booting itself: BootTest). */
class BootCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int exo(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void aMissingArchiveIsOneLineAndStatusTwo(@TempDir Path dir) {
        assertEquals(2, exo("boot", "--initramfs", dir.resolve("none.cpio").toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("exo: boot: initramfs ") && err().contains("none.cpio: No such file"), err());
    }

    @Test
    void aMalformedArchiveIsOneLineWithTheOffsetAndStatusTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.cpio");
        Files.writeString(bad, "070701" + "0".repeat(50));
        assertEquals(2, exo("boot", "--initramfs=" + bad));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("bad.cpio: at offset 0: truncated header"), err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, exo("boot", "--frob"));
        assertTrue(err().contains("unknown boot option --frob"), err());
        assertEquals(2, exo("boot", "--init", "sbin/init"));
        assertTrue(err().contains("--init needs an absolute path"), err());
        assertEquals(2, exo("boot", "--isolation", "vm"));
        assertEquals(2, exo("boot", "--mem"));
    }

    @Test
    void powerOffAndHaltExitZeroRestartExitsThreeAndOtherwiseInitsStatus() {
        RunResult run = new RunResult(0, 0, 0);
        assertEquals(0, BootCommand.status(new Launcher.BootResult(run, MachinePower.Shutdown.POWER_OFF)));
        assertEquals(0, BootCommand.status(new Launcher.BootResult(run, MachinePower.Shutdown.HALT)));
        assertEquals(BootCommand.EXIT_RESTART, BootCommand.status(new Launcher.BootResult(run, MachinePower.Shutdown.RESTART)));
        assertEquals(7, BootCommand.status(new Launcher.BootResult(new RunResult(7, 0, 0), null)));
    }

    @Test
    void initGetsLinuxsMinimalEnvironment() {
        assertEquals("{HOME=/, TERM=linux, PATH=/sbin:/usr/sbin:/bin:/usr/bin}", BootRequest.initEnvironment(null).toString());
        assertEquals("xterm", BootRequest.initEnvironment("xterm").get("TERM"));
    }
}
