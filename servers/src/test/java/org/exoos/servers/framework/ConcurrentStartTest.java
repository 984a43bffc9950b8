package org.exoos.servers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.exoos.servers.framework.echo.EchoService;
import org.exoos.servers.protocol.EchoCodec;
import org.exoos.servers.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The supervisor starts servers side by side (the boot starts the tty while the vfs unpacks the initramfs): a server
 * whose service is slow to create holds up neither another server's start nor the supervisor, and a name is still
 * started once.
 */
class ConcurrentStartTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    /** An echo service whose creation waits for {@code release}. */
    private static ServiceFactory slow(final CountDownLatch creating, final CountDownLatch release) {
        return new ServiceFactory() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public Protocol protocol() {
                return EchoCodec.PROTOCOL;
            }

            @Override
            public Service create(final Map<String, String> options) {
                creating.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new EchoService();
            }
        };
    }

    @Test
    @Timeout(30) // a supervisor that held its lock through a start would block the echo start until then
    void aSlowServerDoesNotHoldUpAnotherOrStartTwice() throws Exception {
        final CountDownLatch creating = new CountDownLatch(1), release = new CountDownLatch(1);
        final ServiceRegistry registry = ServiceRegistry.discovered().register(slow(creating, release));
        try (Supervisor supervisor = new Supervisor(registry)) {
            final CompletableFuture<ServerHandle> slowStart = CompletableFuture.supplyAsync(() -> {
                try {
                    return supervisor.start(ServerSpec.of("slow", Isolation.THREAD));
                } catch (final java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertTrue(creating.await(10, TimeUnit.SECONDS), "the slow service is being created");

            final ServerClient echo = supervisor.start(ServerSpec.of("echo", Isolation.THREAD)).client();
            assertEquals(0, echo.nop(TIMEOUT), "echo started and answers while slow is still starting");
            assertThrows(IllegalStateException.class, () -> supervisor.start(ServerSpec.of("slow", Isolation.THREAD)),
                "a name being started is taken");

            release.countDown();
            final ServerHandle slowHandle = slowStart.get(10, TimeUnit.SECONDS);
            assertEquals(0, slowHandle.client().nop(TIMEOUT));
            assertEquals(2, supervisor.servers().size());
        }
    }
}
