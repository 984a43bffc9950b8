package org.exoos.servers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.protocol.EchoCodec;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.Test;

/**
 * A thread-isolated server is stopped and started the same way as a process: stop revokes its
 * capability (deferred requests fail with EIO, later ones too), restart serves again; deferred
 * requests complete later or on cancel.
 */
class ThreadServerLifecycleTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    private static int echoArguments(final ServerClient client, final long sequence) {
        return new EchoCodec.EchoEncoder().wrap(client.arguments(), 0).sequence(sequence).encodedLength();
    }

    private static long sendWait(final ServerClient client, final long sequence) {
        EchoCodec.encodeSequence(client.arguments(), 0, sequence);
        return client.send(EchoCodec.OP_WAIT, Long.BYTES);
    }

    @Test
    void deferredRequestsCompleteLaterOrOnCancel() throws Exception {
        try (Supervisor supervisor = new Supervisor()) {
            final ServerClient client = supervisor.start(ServerSpec.of("echo", Isolation.THREAD)
                .withGeometry(new ChannelGeometry(64, true, 4096, 8))).client();
            final long first = sendWait(client, 100);
            final long second = sendWait(client, 200);
            final long third = sendWait(client, 300);
            assertEquals(-Errno.ETIMEDOUT, client.await(third, TimeUnit.MILLISECONDS.toNanos(50), null),
                "nothing completes a WAIT by itself");
            assertEquals(1, client.timedOutRequests());
            // the timed-out request was cancelled: the service answered it -EINTR, a reply nobody awaits
            assertTrue(client.cancel(second));
            assertEquals(-Errno.EINTR, client.await(second, TIMEOUT, null));
            assertEquals(1, client.call(EchoCodec.OP_RELEASE, 0, TIMEOUT, null), "one WAIT was left to release");
            assertEquals(100, client.await(first, TIMEOUT, null));
            assertEquals(1, client.unmatchedReplies(), "the late reply to the timed-out request");
            assertEquals(2, client.counter(ServerCounter.CANCELS_RECEIVED, TIMEOUT));
        }
    }

    @Test
    void stopFailsWhatIsInFlightAndRestartServesAgain() throws Exception {
        try (Supervisor supervisor = new Supervisor()) {
            final ServerHandle echo = supervisor.start(ServerSpec.of("echo", Isolation.THREAD)
                .withGeometry(new ChannelGeometry(64, true, 4096, 8)));
            final ServerClient client = echo.client();
            assertTrue(echo.threadLoop().isPresent());
            assertEquals(1, client.call(EchoCodec.OP_ECHO, echoArguments(client, 1), TIMEOUT, null));
            final long waiting = sendWait(client, 5);
            assertEquals(1, client.counter(ServerCounter.REQUESTS_DEFERRED, TIMEOUT));

            echo.stop();
            assertFalse(echo.isRunning());
            assertEquals(-Errno.EIO, client.await(waiting, TIMEOUT, null), "a deferred request of a stopped server");
            assertEquals(-Errno.EIO, client.call(EchoCodec.OP_ECHO, echoArguments(client, 2), TIMEOUT, null));
            assertFalse(client.isConnected());

            echo.restart();
            assertTrue(echo.isRunning());
            assertEquals(2, echo.starts());
            assertEquals(3, client.call(EchoCodec.OP_ECHO, echoArguments(client, 3), TIMEOUT, null));
            assertEquals(0, client.counter(ServerCounter.REQUESTS_DEFERRED, TIMEOUT), "a new service instance");

            echo.restart(); // from a running server: stop, then start
            assertEquals(3, echo.starts());
            assertEquals(4, client.call(EchoCodec.OP_ECHO, echoArguments(client, 4), TIMEOUT, null));
            final ServerLoop loop = echo.threadLoop().orElseThrow();
            assertEquals(1, loop.counter(ServerCounter.REPLIES_SENT), "counters are readable in place too");
        }
    }

    @Test
    void closingTheSupervisorUnderAnAwaitingThreadFailsItWithEio() throws Exception {
        final Supervisor supervisor = new Supervisor();
        final ServerClient client = supervisor.start(ServerSpec.of("echo", Isolation.THREAD)).client();
        final long id = sendWait(client, 1);
        final long[] result = {1};
        final Thread caller = Thread.ofPlatform().start(() -> result[0] = client.await(id, TIMEOUT, null));
        Thread.sleep(50); // parked on the reply ring by now, most likely
        supervisor.close(); // stops the server, then unmaps the channel: the caller must be off it
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(caller.isAlive());
        assertEquals(-Errno.EIO, result[0]);
        assertEquals(-Errno.EIO, client.call(EchoCodec.OP_ECHO, echoArguments(client, 1), TIMEOUT, null));
    }

    @Test
    void aQuietServerParksInsteadOfSpinning() throws Exception {
        try (Supervisor supervisor = new Supervisor()) {
            final ServerHandle echo = supervisor.start(ServerSpec.of("echo", Isolation.THREAD));
            final ServerLoop loop = echo.threadLoop().orElseThrow();
            final long deadline = System.nanoTime() + TIMEOUT;
            while (loop.parks() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(loop.parks() > 0, "the idle loop never parked");
            final long parks = loop.parks();
            Thread.sleep(200);
            assertTrue(loop.parks() - parks < 20, "an idle loop woke " + (loop.parks() - parks) + " times in 200 ms");
            assertEquals(0, echo.client().nop(TIMEOUT), "and a request wakes it");
        }
    }
}
