package org.exoos.servers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.exoos.ipc.fusion.cap.CapabilityState;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.protocol.EchoCodec;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process-isolated server killed with SIGKILL while requests are in flight: every one of them
 * completes with -EIO within seconds (no hang), later requests too, and a restart on the same
 * channel serves again.
 */
class ServerDeathTest {
    private static final int WAITING = 20;
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path logs;

    @Test
    void killMinusNineFailsInFlightRequestsWithEioPromptlyAndARestartServesAgain() throws Exception {
        final ServerSpec spec = ServerSpec.of("echo", Isolation.PROCESS)
            .withGeometry(new ChannelGeometry(64, true, 4096, 8)).withLogFile(logs.resolve("echo.log"))
            .withJvmArguments(List.of("-Xmx64m"));
        try (Supervisor supervisor = new Supervisor()) {
            final ServerHandle echo = supervisor.start(spec);
            final ServerClient client = echo.client();
            final long firstPid = echo.pid().orElseThrow();

            final long[] waiting = new long[WAITING];
            for (int i = 0; i < WAITING; i++) {
                EchoCodec.encodeSequence(client.arguments(), 0, i);
                waiting[i] = client.send(EchoCodec.OP_WAIT, Long.BYTES);
                assertTrue(waiting[i] > 0, "send " + i + ": " + waiting[i]);
            }
            assertEquals(WAITING, client.counter(ServerCounter.REQUESTS_DEFERRED, TIMEOUT),
                "the server holds every WAIT; log: " + log());
            assertEquals(WAITING, client.inFlight());

            final Thread killer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(200); // the test thread is parked in await by then
                } catch (final InterruptedException e) {
                    return;
                }
                ProcessHandle.of(firstPid).ifPresent(ProcessHandle::destroyForcibly);
            });
            final long start = System.nanoTime();
            assertEquals(-Errno.EIO, client.await(waiting[0], TimeUnit.SECONDS.toNanos(30), null),
                "a request in flight when its server dies");
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            killer.join();
            System.out.println("in-flight request failed " + millis + " ms after the await began (kill at 200 ms)");
            assertTrue(millis < 5_000, "EIO took " + millis + " ms");
            for (int i = 1; i < WAITING; i++) {
                assertEquals(-Errno.EIO, client.await(waiting[i], TIMEOUT, null), "request " + i);
            }
            assertEquals(WAITING, client.failedRequests());
            assertEquals(0, client.inFlight());
            assertEquals(CapabilityState.DEAD, echo.channel().capabilityState());
            assertFalse(client.isConnected());
            final int echoLength = new EchoCodec.EchoEncoder().wrap(client.arguments(), 0).sequence(7).encodedLength();
            assertEquals(-Errno.EIO, client.call(EchoCodec.OP_ECHO, echoLength, TIMEOUT, null),
                "a new request to a dead server");

            echo.restart();
            assertEquals(2, echo.starts());
            assertNotEquals(firstPid, echo.pid().orElseThrow());
            assertTrue(client.isConnected());
            new EchoCodec.EchoEncoder().wrap(client.arguments(), 0).sequence(7);
            assertEquals(7, client.call(EchoCodec.OP_ECHO, echoLength, TIMEOUT, null), "log: " + log());
            for (int i = 0; i < 200; i++) {
                final int length = 1 + i * 13;
                final org.agrona.MutableDirectBuffer block = client.claimData(length);
                for (int k = 0; k < length; k++) {
                    block.putByte(k, (byte) (i + k));
                }
                final int arguments = new EchoCodec.EchoEncoder().wrap(client.arguments(), 0).sequence(i).encodedLength();
                final int request = i;
                final String[] error = new String[1];
                assertEquals(i, client.call(EchoCodec.OP_ECHO, arguments, TIMEOUT, reply -> {
                    for (int k = 0; k < length; k++) {
                        if (reply.dataLength() != length || reply.data().getByte(k) != (byte) (request + k)) {
                            error[0] = "reply " + request + " data differs at " + k;
                            return;
                        }
                    }
                }));
                assertEquals(null, error[0]);
            }
            assertEquals(0, client.counter(ServerCounter.REQUESTS_DEFERRED, TIMEOUT), "a fresh server");
        }
    }

    private String log() {
        try {
            return Files.readString(logs.resolve("echo.log"));
        } catch (final Exception ex) {
            return "(no log: " + ex + ")";
        }
    }
}
