package org.exoos.servers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.exoos.servers.framework.echo.EchoService;
import org.exoos.servers.framework.relay.RelayServiceFactory;
import org.exoos.servers.protocol.EchoCodec;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server granted an upstream channel calls the kernel on it, in both isolation modes, while the kernel's
 * own caller waits for that server's reply: the kernel answers on the upstream loop's thread, never the
 * waiting one. The channel survives a restart of the server and ends with it.
 */
class UpstreamChannelTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path logs;

    /** The kernel side: echo, counting what it answers and on which thread. */
    private static final class KernelEcho implements Service {
        final EchoService echo = new EchoService();
        final AtomicInteger answered = new AtomicInteger();
        volatile String thread;

        @Override
        public Protocol protocol() {
            return EchoCodec.PROTOCOL;
        }

        @Override
        public void onStart(final ServiceContext context) {
            echo.onStart(context);
        }

        @Override
        public long onRequest(final Request request, final Reply reply) {
            answered.incrementAndGet();
            thread = Thread.currentThread().getName();
            return echo.onRequest(request, reply);
        }
    }

    private ServerSpec spec(final Isolation isolation, final KernelEcho kernel) {
        return ServerSpec.of(RelayServiceFactory.NAME, isolation).withLogFile(logs.resolve("relay.log"))
            .withJvmArguments(List.of("-Xmx64m")).withUpstream(RelayServiceFactory.UPSTREAM, kernel);
    }

    private long echo(final ServerClient client, final long sequence) {
        final int length = new EchoCodec.EchoEncoder().wrap(client.arguments(), 0).sequence(sequence).encodedLength();
        return client.call(EchoCodec.OP_ECHO, length, TIMEOUT, null);
    }

    private String log() throws Exception {
        final Path log = logs.resolve("relay.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void aServerCallsTheKernelOnItsUpstreamChannelWhileTheKernelWaitsForIt(final Isolation isolation)
        throws Exception {
        final KernelEcho kernel = new KernelEcho();
        try (Supervisor supervisor = new Supervisor()) {
            final ServerHandle relay = supervisor.start(spec(isolation, kernel));
            for (long sequence = 0; sequence < 200; sequence++) {
                assertEquals(sequence + 1, echo(relay.client(), sequence), log());
            }
            assertEquals(200, kernel.answered.get());
            assertTrue(kernel.thread.startsWith("kernel-"), kernel.thread);
            assertTrue(relay.upstreamLoop(RelayServiceFactory.UPSTREAM).isPresent());
            assertEquals(200, relay.upstreamLoop(RelayServiceFactory.UPSTREAM).get()
                .counter(ServerCounter.REPLIES_SENT));
            // an upstream the spec did not name is not there
            assertEquals(-Errno.ENODEV, relay.client().call(EchoCodec.OP_FAIL,
                EchoCodec.encodeErrno(relay.client().arguments(), 0, 1), TIMEOUT, null));
        }
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void theUpstreamChannelIsGrantedAgainOnRestartAndEndsWithTheServer(final Isolation isolation) throws Exception {
        final KernelEcho kernel = new KernelEcho();
        try (Supervisor supervisor = new Supervisor()) {
            final ServerHandle relay = supervisor.start(spec(isolation, kernel));
            assertEquals(8, echo(relay.client(), 7));
            final ServerLoop first = relay.upstreamLoop(RelayServiceFactory.UPSTREAM).orElseThrow();
            relay.restart();
            assertTrue(!first.isRunning(), "the first incarnation's kernel loop ended");
            assertEquals(43, echo(relay.client(), 42), log());
            relay.stop();
            assertTrue(relay.upstreamLoop(RelayServiceFactory.UPSTREAM).isEmpty());
        }
    }

    @Test
    void upstreamNamesAreChecked() {
        assertThrows(IllegalArgumentException.class,
            () -> ServerSpec.of("relay", Isolation.THREAD).withUpstream("a=b", new KernelEcho()));
        assertThrows(IllegalArgumentException.class,
            () -> ServerSpec.of("relay", Isolation.THREAD).withUpstream("", new KernelEcho()));
    }
}
