package org.exoos.libposix.fd;

import org.exoos.libposix.signal.SigAction;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerHandle;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.ServiceRegistry;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.tty.TtyIoctl;
import org.exoos.servers.tty.service.MemoryBackend;
import org.exoos.servers.tty.service.TtyClient;
import org.exoos.servers.tty.service.TtyServiceFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.exoos.servers.protocol.Errno.EFAULT;
import static org.exoos.servers.protocol.Errno.ENOTTY;
import static org.exoos.servers.protocol.Errno.ESRCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's side of the terminal, through the system calls, against a tty server in a thread on an
 * in-memory device: the terminal ioctls, reads, and the signals its line discipline raises reaching the process.
 */
class TtyDeviceTest {
    private static final int TTY_FD = 5;

    private final SyscallHarness h = new SyscallHarness();
    private final MemoryBackend device = new MemoryBackend(24, 80);
    private Supervisor supervisor;
    private TtyDevice terminal;

    @BeforeEach
    void attachATerminal() throws Exception {
        supervisor = new Supervisor(new ServiceRegistry().register(new TtyServiceFactory(options -> device)));
        terminal = new TtyDevice(DeviceSwitch.CONSOLE);
        ServerHandle server = supervisor.start(ServerSpec.of(TtyServiceFactory.NAME, Isolation.THREAD), terminal);
        terminal.bind(new TtyClient(server.client()));
        h.linux.devices().attachConsole(terminal);
        h.process.fds().installAt(TTY_FD, h.linux.devices().openConsole(null), false);
        assertEquals(0, terminal.makeControlling(h.process));
    }

    @AfterEach
    void stop() {
        terminal.close();
        supervisor.close();
        h.close();
    }

    @Test
    void termiosAndProcessGroupThroughIoctl() {
        assertEquals(0, h.call("ioctl", TTY_FD, TtyIoctl.TCGETS, SCRATCH));
        int lflag = h.getInt(SCRATCH + 12);
        assertTrue((lflag & 2) != 0, "ICANON by default");
        assertEquals(0, h.call("ioctl", TTY_FD, TtyIoctl.TIOCGPGRP, SCRATCH));
        assertEquals(h.process.pid(), h.getInt(SCRATCH), "the process's group is in the foreground");
        h.putLongs(SCRATCH, 424242);
        assertEquals(-ESRCH, h.call("ioctl", TTY_FD, TtyIoctl.TIOCSPGRP, SCRATCH));
        assertEquals(0, h.call("ioctl", TTY_FD, TtyIoctl.FIONREAD, SCRATCH));
        assertEquals(0, h.getInt(SCRATCH));
        assertEquals(-EFAULT, h.call("ioctl", TTY_FD, TtyIoctl.TCGETS, 8));
        assertEquals(-ENOTTY, h.call("ioctl", TTY_FD, 0x54ff, SCRATCH), "unknown request");
        assertEquals(-ENOTTY, h.call("ioctl", 1, TtyIoctl.TCGETS, SCRATCH), "a pipe is no terminal");
    }

    @Test
    void writesGoThroughOutputProcessing() {
        h.putString(SCRATCH, "hi\n");
        assertEquals(3, h.call("write", TTY_FD, SCRATCH, 3));
        assertEquals("hi\r\n", device.outputText(), "ONLCR");
    }

    @Test
    void aCanonicalReadReturnsTheEditedLine() {
        device.feed("ab\u007fc\n");
        assertEquals(3, h.call("read", TTY_FD, SCRATCH, 100));
        assertEquals("ac\n", new String(h.get(SCRATCH, 3), StandardCharsets.UTF_8));
    }

    @Test
    void controlCInterruptsABlockedReadAndKillsTheProcess() throws Exception {
        CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> h.call("read", TTY_FD, SCRATCH, 100));
        await(terminal::readBlocked, "the read blocks in the server");
        device.feed("\u0003");
        read.get(5, TimeUnit.SECONDS);
        assertTrue(h.process.hasExited(), "SIGINT's default action");
        assertEquals(Signal.SIGINT, h.process.termSignal());
    }

    @Test
    void controlCReachesAProcessThatDoesNotTouchTheTerminal() throws Exception {
        device.feed("\u0003");
        // the kernel thread sends it to the foreground group at once, as kill(2) from elsewhere would
        await(() -> (h.process.signals().pending().mask() & Signal.bit(Signal.SIGINT)) != 0,
                "the kernel thread makes SIGINT pending");
        assertFalse(h.process.hasExited());
        h.call("getpid");
        assertEquals(Signal.SIGINT, h.process.termSignal(), "delivered as the next system call returns");
    }

    @Test
    void aReadInterruptedBySignalsTheProcessIgnoresGoesOn() throws Exception {
        h.process.signals().setAction(Signal.SIGINT, new SigAction(SigAction.SIG_IGN, 0, 0));
        CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> h.call("read", TTY_FD, SCRATCH, 100));
        await(terminal::readBlocked, "the read blocks in the server");
        device.feed("\u0003");
        await(() -> !terminal.hasSignals() && terminal.readBlocked(), "the read is sent again");
        device.feed("ok\n");
        assertEquals(3L, read.get(5, TimeUnit.SECONDS));
        assertFalse(h.process.hasExited());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("not within 5 s: " + what);
            Thread.sleep(2);
        }
    }
}
