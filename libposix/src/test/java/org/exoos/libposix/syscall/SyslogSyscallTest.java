package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.support.SyscallHarness;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.exoos.libposix.syscall.SysSyslog.*;
import static org.exoos.servers.protocol.Errno.EFAULT;
import static org.exoos.servers.protocol.Errno.EINTR;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyslogSyscallTest {
    private static final Credentials ROOT = new Credentials(0, 0, 0, 0), USER = new Credentials(1000, 1000, 1000, 1000);

    @Test
    void readAllShowsTheBootBanner() {
        try (SyscallHarness h = new SyscallHarness("", USER)) {
            assertEquals(KernelLog.LOG_BUF_LEN, h.call("syslog", SIZE_BUFFER, 0, 0));
            long n = h.call("syslog", READ_ALL, SCRATCH, 4096);
            assertTrue(n > 0, "READ_ALL " + n);
            String text = new String(h.get(SCRATCH, (int) n));
            assertTrue(text.startsWith("<5>[") && text.contains("] Linux version ") && text.contains("Exo-OS"), text);
        }
    }

    @Test
    void argumentErrors() {
        try (SyscallHarness h = new SyscallHarness("", ROOT)) {
            assertEquals(-EINVAL, h.call("syslog", READ_ALL, 0, 10), "NULL buffer");
            assertEquals(-EINVAL, h.call("syslog", READ_ALL, SCRATCH, -1), "negative length");
            assertEquals(-EINVAL, h.call("syslog", READ, SCRATCH, -1), "negative length for READ");
            assertEquals(0, h.call("syslog", READ_ALL, SCRATCH, 0), "nothing asked");
            assertEquals(-EFAULT, h.call("syslog", READ_ALL, 8, 4096), "a bad buffer");
            assertEquals(-EINVAL, h.call("syslog", 11, 0, 0), "unknown action");
            assertEquals(-EINVAL, h.call("syslog", -1, 0, 0), "negative action");
            assertEquals(-EINVAL, h.call("syslog", CONSOLE_LEVEL, 0, 0), "level 0");
            assertEquals(-EINVAL, h.call("syslog", CONSOLE_LEVEL, 0, 9), "level 9");
            assertEquals(0, h.call("syslog", CONSOLE_LEVEL, 0, 3));
            assertEquals(3, h.linux.kernelLog().consoleLevel());
            assertEquals(0, h.call("syslog", CONSOLE_OFF, 0, 0));
            assertEquals(0, h.call("syslog", CONSOLE_ON, 0, 0));
            assertEquals(3, h.linux.kernelLog().consoleLevel());
            assertEquals(0, h.call("syslog", OPEN, 0, 0));
            assertEquals(0, h.call("syslog", CLOSE, 0, 0));
        }
    }

    @Test
    void withoutCapSyslogOnlyReadAllAndSizeBufferAreAllowed() {
        try (SyscallHarness h = new SyscallHarness("", USER)) {
            for (int action : new int[] {CLOSE, OPEN, READ, READ_CLEAR, CLEAR, CONSOLE_OFF, CONSOLE_ON, CONSOLE_LEVEL,
                    SIZE_UNREAD, 11}) {
                assertEquals(-EPERM, h.call("syslog", action, SCRATCH, 100), "action " + action);
            }
            assertTrue(h.call("syslog", READ_ALL, SCRATCH, 4096) > 0, "READ_ALL");
        }
    }

    @Test
    void readConsumesWhatSizeUnreadCounts() {
        try (SyscallHarness h = new SyscallHarness("", ROOT)) {
            long unread = h.call("syslog", SIZE_UNREAD, 0, 0);
            assertTrue(unread > 0);
            assertEquals(unread, h.call("syslog", READ, SCRATCH, 4096));
            assertEquals(0, h.call("syslog", SIZE_UNREAD, 0, 0));
            long all = h.call("syslog", READ_CLEAR, SCRATCH, 4096);
            assertEquals(unread, all, "READ does not clear READ_ALL's records");
            assertEquals(0, h.call("syslog", READ_ALL, SCRATCH, 4096), "READ_CLEAR cleared");
            h.linux.kernelLog().append("after");
            assertEquals(0, h.call("syslog", CLEAR, 0, 0));
            assertEquals(0, h.call("syslog", READ_ALL, SCRATCH, 4096), "CLEAR cleared");
            assertTrue(h.call("syslog", SIZE_UNREAD, 0, 0) > 0, "CLEAR leaves READ's records");
        }
    }

    @Test
    void readSleepsUntilARecordComes() throws Exception {
        try (SyscallHarness h = new SyscallHarness("", ROOT)) {
            h.call("syslog", READ, SCRATCH, 4096); // the banner
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> h.call("syslog", READ, SCRATCH, 4096));
            for (int i = 0; i < 200 && !h.thread.waiter().isAsleep(); i++) Thread.sleep(5);
            assertFalse(read.isDone(), "READ waits");
            h.linux.kernelLog().append("wake up");
            long n = read.get(10, TimeUnit.SECONDS);
            assertTrue(new String(h.get(SCRATCH, (int) n)).endsWith("] wake up\n"));
        }
    }

    @Test
    void aSignalEndsTheWaitWithEintr() {
        try (SyscallHarness h = new SyscallHarness("", ROOT)) {
            h.call("syslog", READ, SCRATCH, 4096);
            h.thread.pending().add(SigInfo.user(Signal.SIGWINCH, 1, 0));
            assertEquals(-EINTR, h.call("syslog", READ, SCRATCH, 4096));
        }
    }
}
