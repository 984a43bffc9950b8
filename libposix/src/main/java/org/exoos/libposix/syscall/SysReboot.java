package org.exoos.libposix.syscall;

import org.exoos.libposix.process.MachinePower;
import org.exoos.servers.protocol.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * reboot(2), as Linux's kernel/reboot.c: EPERM without CAP_SYS_BOOT (an effective uid of 0 here), EINVAL
 * unless magic1 is {@link #LINUX_REBOOT_MAGIC1} and magic2 one of the four magics. Power off, halt and restart
 * end the machine ({@link MachinePower#shutdown}: every process ends, then the machine with its init) and do
 * not return to the caller; CAD_ON and CAD_OFF set the Ctrl-Alt-Del flag. Other commands (SW_SUSPEND,
 * KEXEC: nothing to resume or load) are EINVAL.
 */
final class SysReboot {
    private SysReboot() {}

    private static final Logger log = LoggerFactory.getLogger(SysReboot.class);

    /** linux/reboot.h. */
    static final int LINUX_REBOOT_MAGIC1 = 0xfee1dead, LINUX_REBOOT_MAGIC2 = 672274793,
            LINUX_REBOOT_MAGIC2A = 85072278, LINUX_REBOOT_MAGIC2B = 369367448, LINUX_REBOOT_MAGIC2C = 537993216;
    static final int LINUX_REBOOT_CMD_RESTART = 0x01234567, LINUX_REBOOT_CMD_HALT = 0xCDEF0123,
            LINUX_REBOOT_CMD_CAD_ON = 0x89ABCDEF, LINUX_REBOOT_CMD_CAD_OFF = 0x00000000,
            LINUX_REBOOT_CMD_POWER_OFF = 0x4321FEDC, LINUX_REBOOT_CMD_RESTART2 = 0xA1B2C3D4;
    /** RESTART2's command string is read into a buffer of this size, NUL included (kernel/reboot.c). */
    static final int RESTART2_BUFFER = 256;

    static void register(SyscallTable t) {
        t.addPartial("reboot", "power off, halt and restart end the machine (restart: bin/exo boot exits 3); "
                + "SW_SUSPEND and KEXEC are EINVAL", SysReboot::reboot);
    }

    static long reboot(SyscallContext c) {
        int magic1 = c.argInt(0), magic2 = c.argInt(1), cmd = c.argInt(2);
        if (c.process().credentials().euid() != 0) return -Errno.EPERM; // CAP_SYS_BOOT, checked first as Linux does
        if (magic1 != LINUX_REBOOT_MAGIC1 || (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A
                && magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C)) {
            return -Errno.EINVAL;
        }
        MachinePower power = c.linux().power();
        switch (cmd) {
            case LINUX_REBOOT_CMD_CAD_ON -> power.setCtrlAltDelRestarts(true);
            case LINUX_REBOOT_CMD_CAD_OFF -> power.setCtrlAltDelRestarts(false);
            case LINUX_REBOOT_CMD_POWER_OFF -> shutdown(c, MachinePower.Shutdown.POWER_OFF, null);
            case LINUX_REBOOT_CMD_HALT -> shutdown(c, MachinePower.Shutdown.HALT, null);
            case LINUX_REBOOT_CMD_RESTART -> shutdown(c, MachinePower.Shutdown.RESTART, null);
            case LINUX_REBOOT_CMD_RESTART2 -> {
                byte[] arg = c.space().readCString(c.arg(3), RESTART2_BUFFER - 1);
                if (arg == null) return -Errno.EFAULT;
                shutdown(c, MachinePower.Shutdown.RESTART, new String(arg, StandardCharsets.UTF_8));
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
        return 0;
    }

    private static void shutdown(SyscallContext c, MachinePower.Shutdown what, String restartCommand) {
        log.info("pid {}: reboot: {}{}", c.process().pid(), what,
                restartCommand == null ? "" : " (command '" + restartCommand + "')");
        c.linux().kernelLog().append(KernelLog.EMERG, switch (what) { // kernel/reboot.c's pr_emerg lines
            case POWER_OFF -> "reboot: Power down";
            case HALT -> "reboot: System halted";
            default -> restartCommand == null ? "reboot: Restarting system"
                    : "reboot: Restarting system with command '" + restartCommand + "'";
        });
        c.linux().power().shutdown(what, c.linux().processTree()); // the caller's process ends too: no return
    }
}
