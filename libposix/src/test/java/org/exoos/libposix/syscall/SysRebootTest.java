package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.MachinePower;
import org.exoos.libposix.support.SyscallHarness;
import org.junit.jupiter.api.Test;

import static org.exoos.libposix.syscall.SysReboot.LINUX_REBOOT_CMD_CAD_OFF;
import static org.exoos.libposix.syscall.SysReboot.LINUX_REBOOT_CMD_CAD_ON;
import static org.exoos.libposix.syscall.SysReboot.LINUX_REBOOT_CMD_HALT;
import static org.exoos.libposix.syscall.SysReboot.LINUX_REBOOT_CMD_POWER_OFF;
import static org.exoos.libposix.syscall.SysReboot.LINUX_REBOOT_CMD_RESTART;
import static org.exoos.libposix.syscall.SysReboot.LINUX_REBOOT_CMD_RESTART2;
import static org.exoos.libposix.syscall.SysReboot.LINUX_REBOOT_MAGIC1;
import static org.exoos.libposix.syscall.SysReboot.LINUX_REBOOT_MAGIC2;
import static org.exoos.libposix.syscall.SysReboot.LINUX_REBOOT_MAGIC2B;
import static org.exoos.servers.protocol.Errno.EFAULT;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysRebootTest {
    private static final Credentials ROOT = new Credentials(0, 0, 0, 0);

    private static SyscallHarness asInit(Credentials cred) {
        SyscallHarness h = new SyscallHarness("", cred);
        // the harness's process is init already (the first registered with procmgr)
        return h;
    }

    /** reboot's int arguments as a 64-bit register holds them (sign-extended). */
    private static long reg(int v) { return v; }

    @Test
    void aNonRootCallerIsEpermBeforeTheMagicIsLookedAt() {
        try (SyscallHarness h = asInit(new Credentials(1000, 1000, 1000, 1000))) {
            assertEquals(-EPERM, h.call("reboot", reg(LINUX_REBOOT_MAGIC1), LINUX_REBOOT_MAGIC2, reg(LINUX_REBOOT_CMD_POWER_OFF)));
            assertEquals(-EPERM, h.call("reboot", 0, 0, 0));
            assertNull(h.linux.power().requested(), "nothing requested");
            assertTrue(h.task.isAlive());
        }
    }

    @Test
    void badMagicsAndUnknownCommandsAreEinval() {
        try (SyscallHarness h = asInit(ROOT)) {
            assertEquals(-EINVAL, h.call("reboot", 0x1234, LINUX_REBOOT_MAGIC2, reg(LINUX_REBOOT_CMD_POWER_OFF)), "magic1");
            assertEquals(-EINVAL, h.call("reboot", reg(LINUX_REBOOT_MAGIC1), 42, reg(LINUX_REBOOT_CMD_POWER_OFF)), "magic2");
            assertEquals(-EINVAL, h.call("reboot", reg(LINUX_REBOOT_MAGIC1), LINUX_REBOOT_MAGIC2, 0x11111111), "command");
            assertEquals(-EINVAL, h.call("reboot", reg(LINUX_REBOOT_MAGIC1), LINUX_REBOOT_MAGIC2, 0x45584543), "KEXEC");
            assertEquals(-EFAULT, h.call("reboot", reg(LINUX_REBOOT_MAGIC1), LINUX_REBOOT_MAGIC2,
                    reg(LINUX_REBOOT_CMD_RESTART2), 0), "RESTART2 with a bad pointer");
            assertNull(h.linux.power().requested(), "nothing requested");
            assertTrue(h.task.isAlive());
        }
    }

    @Test
    void ctrlAltDelOnAndOffSetTheFlag() {
        try (SyscallHarness h = asInit(ROOT)) {
            assertTrue(h.linux.power().ctrlAltDelRestarts(), "Linux boots with C_A_D on");
            assertEquals(0, h.call("reboot", reg(LINUX_REBOOT_MAGIC1), LINUX_REBOOT_MAGIC2B, LINUX_REBOOT_CMD_CAD_OFF));
            assertFalse(h.linux.power().ctrlAltDelRestarts());
            assertEquals(0, h.call("reboot", reg(LINUX_REBOOT_MAGIC1), LINUX_REBOOT_MAGIC2B, reg(LINUX_REBOOT_CMD_CAD_ON)));
            assertTrue(h.linux.power().ctrlAltDelRestarts());
            assertTrue(h.task.isAlive());
        }
    }

    @Test
    void powerOffHaltAndRestartEndTheMachineThroughInit() {
        int[] commands = {LINUX_REBOOT_CMD_POWER_OFF, LINUX_REBOOT_CMD_HALT, LINUX_REBOOT_CMD_RESTART};
        MachinePower.Shutdown[] expected = {MachinePower.Shutdown.POWER_OFF, MachinePower.Shutdown.HALT,
                MachinePower.Shutdown.RESTART};
        for (int i = 0; i < commands.length; i++) {
            try (SyscallHarness h = asInit(ROOT)) {
                h.call("reboot", reg(LINUX_REBOOT_MAGIC1), LINUX_REBOOT_MAGIC2, reg(commands[i]));
                assertEquals(expected[i], h.linux.power().requested());
                assertFalse(h.task.isAlive(), "init ended, and the machine with it");
                assertEquals(0, h.process.shellStatus(), "init's status");
            }
        }
    }

    @Test
    void restart2ReadsItsCommandString() {
        try (SyscallHarness h = asInit(ROOT)) {
            h.putString(SyscallHarness.SCRATCH, "firmware");
            h.call("reboot", reg(LINUX_REBOOT_MAGIC1), LINUX_REBOOT_MAGIC2, reg(LINUX_REBOOT_CMD_RESTART2), SyscallHarness.SCRATCH);
            assertEquals(MachinePower.Shutdown.RESTART, h.linux.power().requested());
            assertFalse(h.task.isAlive());
        }
    }
}
