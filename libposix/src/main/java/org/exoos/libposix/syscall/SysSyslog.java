package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.Waiter;
import org.exoos.servers.protocol.Errno;

/**
 * syslog(2) (glibc's klogctl), as kernel/printk/printk.c's do_syslog over the machine's {@link KernelLog}.
 * Permissions follow check_syslog_permissions with dmesg_restrict 0 (the kernel's default): READ_ALL and
 * SIZE_BUFFER are open to everyone, every other action (an unknown one included) needs CAP_SYSLOG, an
 * effective uid of 0 here, else EPERM. READ sleeps until a record is unread (EINTR when a signal comes).
 */
final class SysSyslog {
    private SysSyslog() {}

    /** SYSLOG_ACTION_* of include/linux/syslog.h. */
    static final int CLOSE = 0, OPEN = 1, READ = 2, READ_ALL = 3, READ_CLEAR = 4, CLEAR = 5, CONSOLE_OFF = 6,
            CONSOLE_ON = 7, CONSOLE_LEVEL = 8, SIZE_UNREAD = 9, SIZE_BUFFER = 10;

    static void register(SyscallTable t) {
        t.addPartial("syslog", "the console level is recorded only (the console is the host's); dmesg_restrict is 0",
                SysSyslog::syslog);
    }

    static long syslog(SyscallContext c) {
        int type = c.argInt(0), len = c.argInt(2);
        long buf = c.arg(1);
        if (restricted(type) && !c.process().credentials().isPrivileged()) return -Errno.EPERM;
        KernelLog log = c.linux().kernelLog();
        switch (type) {
            case CLOSE, OPEN -> { return 0; }
            case READ -> {
                if (buf == 0 || len < 0) return -Errno.EINVAL;
                if (len == 0) return 0;
                return read(c, log, buf, len);
            }
            case READ_ALL, READ_CLEAR -> {
                if (buf == 0 || len < 0) return -Errno.EINVAL;
                if (len == 0) return 0;
                byte[] text = log.readAll(len, type == READ_CLEAR);
                c.copyOut(buf, text);
                return text.length;
            }
            case CLEAR -> {
                log.clear();
                return 0;
            }
            case CONSOLE_OFF -> {
                log.consoleOff();
                return 0;
            }
            case CONSOLE_ON -> {
                log.consoleOn();
                return 0;
            }
            case CONSOLE_LEVEL -> {
                if (len < 1 || len > 8) return -Errno.EINVAL;
                log.setConsoleLevel(len);
                return 0;
            }
            case SIZE_UNREAD -> { return log.unreadBytes(); }
            case SIZE_BUFFER -> { return KernelLog.LOG_BUF_LEN; }
            default -> { return -Errno.EINVAL; }
        }
    }

    /** syslog_action_restricted with dmesg_restrict 0: all but "read all" and "buffer size" need CAP_SYSLOG. */
    static boolean restricted(int type) { return type != READ_ALL && type != SIZE_BUFFER; }

    /** syslog_print: waits for an unread record, then returns what of the unread records fits. */
    private static long read(SyscallContext c, KernelLog log, long buf, int len) {
        Waiter w = c.thread().waiter();
        boolean waiting = false;
        try {
            for (;;) {
                byte[] text = log.readUnread(len);
                if (text != null) {
                    c.copyOut(buf, text); // a fault loses the records, as Linux's copy_to_user after the advance
                    return text.length;
                }
                if (!waiting) {
                    waiting = true;
                    w.begin();
                    log.readers().add(w);
                    continue; // recheck now that a new record cannot be missed
                }
                if (w.interrupted()) return -Errno.EINTR;
                w.park(Waiter.FOREVER, false);
            }
        } finally {
            if (waiting) log.readers().remove(w);
        }
    }
}
