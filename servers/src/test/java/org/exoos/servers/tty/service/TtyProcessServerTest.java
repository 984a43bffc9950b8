package org.exoos.servers.tty.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerHandle;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.ServiceRegistry;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.tty.TtyIoctl;
import org.exoos.servers.tty.WinSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tty server in its own JVM, found through META-INF/services, on a memory backend chosen by
 * option (nothing can be typed at it from here): ioctls, writes and non-blocking reads cross the
 * process boundary.
 */
class TtyProcessServerTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path logs;

    @Test
    void answersIoctlsWritesAndReadsFromItsOwnProcess() throws Exception {
        final ServiceRegistry registry = new ServiceRegistry().register(new TtyServiceFactory());
        try (Supervisor supervisor = new Supervisor(registry)) {
            final ServerHandle handle = supervisor.start(ServerSpec.of("tty", Isolation.PROCESS)
                .withGeometry(TtyServiceTest.GEOMETRY)
                .withOptions(Map.of(TtyServiceFactory.OPTION_BACKEND, TtyServiceFactory.BACKEND_MEMORY,
                    "rows", "30", "cols", "100"))
                .withLogFile(logs.resolve("tty.log")).withJvmArguments(List.of("-Xmx64m")));
            assertTrue(handle.pid().isPresent());
            final TtyClient tty = new TtyClient(handle.client());

            final WinSize size = new WinSize();
            assertEquals(0, tty.getWindowSize(size, TIMEOUT));
            assertEquals(new WinSize(30, 100), size);
            final byte[] text = "x\n".getBytes(StandardCharsets.US_ASCII);
            assertEquals(2, tty.write(new UnsafeBuffer(text), 0, 2, false, TIMEOUT));
            assertEquals(-Errno.EAGAIN, tty.read(new UnsafeBuffer(new byte[16]), 0, 16, true, TIMEOUT));
            assertEquals(0, tty.ioctl(TtyIoctl.FIONREAD, 0, TIMEOUT));
        }
    }
}
