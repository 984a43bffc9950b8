package org.exoos.servers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.protocol.EchoCodec;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The echo server, hosted in a thread and in its own JVM by the same code, answers 10,000
 * pipelined requests with inline and zero-copy payloads in order and intact, then blocking calls,
 * errors and framework operations; and refuses a client of another protocol version, counting it.
 */
class EchoServerTest {
    private static final int REQUESTS = 10_000;
    private static final int BLOCK = 4096;
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path logs;

    private ServerSpec spec(final Isolation isolation) {
        return ServerSpec.of("echo", isolation).withGeometry(new ChannelGeometry(128, true, BLOCK, 16))
            .withLogFile(logs.resolve("echo.log")).withJvmArguments(java.util.List.of("-Xmx64m"));
    }

    private String log() {
        try {
            return Files.exists(logs.resolve("echo.log")) ? Files.readString(logs.resolve("echo.log")) : "(no log)";
        } catch (final Exception ex) {
            return "(no log: " + ex + ")";
        }
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void answersTenThousandPipelinedRequestsInOrderWithTheirPayloads(final Isolation isolation) throws Exception {
        final EchoChecker checker = new EchoChecker(REQUESTS, BLOCK);
        try (Supervisor supervisor = new Supervisor()) {
            final ServerHandle echo = supervisor.start(spec(isolation), checker);
            assertEquals(isolation == Isolation.PROCESS, echo.pid().isPresent());
            final ServerClient client = echo.client();
            checker.run(client);
            assertNull(checker.error, checker.error + "; server log: " + log());
            assertEquals(REQUESTS, checker.next);
            assertTrue(checker.dataReplies > REQUESTS / 4, "zero-copy replies: " + checker.dataReplies);

            assertEquals(REQUESTS, client.counter(ServerCounter.REPLIES_SENT, TIMEOUT));
            assertEquals(0, client.counter(ServerCounter.MALFORMED_SLOTS, TIMEOUT));
            assertEquals(0, client.counter(ServerCounter.SERVICE_ERRORS, TIMEOUT));
            assertEquals(0, client.malformedReplies());
            assertEquals(0, client.unmatchedReplies());
            assertEquals(0, client.malformedSlots());
            assertEquals(0, client.inFlight());
        }
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void blockingCallsErrorsAndFrameworkOperations(final Isolation isolation) throws Exception {
        try (Supervisor supervisor = new Supervisor()) {
            final ServerClient client = supervisor.start(spec(isolation)).client();
            final long[] seen = new long[1];
            for (long sequence = 0; sequence < 500; sequence++) {
                final int length = new EchoCodec.EchoEncoder().wrap(client.arguments(), 0).sequence(sequence)
                    .encodedLength();
                final long expected = sequence;
                assertEquals(sequence, client.call(EchoCodec.OP_ECHO, length, TIMEOUT,
                    reply -> seen[0] = reply.operation() == EchoCodec.OP_ECHO ? reply.result() : -1));
                assertEquals(expected, seen[0]);
            }
            EchoCodec.encodeErrno(client.arguments(), 0, Errno.ENOENT);
            assertEquals(-Errno.ENOENT, client.call(EchoCodec.OP_FAIL, 4, TIMEOUT, null));
            assertEquals(-Errno.EIO, client.call(EchoCodec.OP_THROW, 0, TIMEOUT, null), "a throwing service answers EIO");
            assertEquals(1, client.counter(ServerCounter.SERVICE_ERRORS, TIMEOUT));
            assertEquals(0, client.nop(TIMEOUT));
            assertEquals(-Errno.EINVAL, client.await(123_456, TIMEOUT, null), "an id never sent is not in flight");
            assertTrue(client.counter(ServerCounter.MESSAGES_RECEIVED, TIMEOUT) >= 504);
        }
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void aClientOfAnotherProtocolVersionIsRefusedWithEprotoAndCounted(final Isolation isolation) throws Exception {
        try (Supervisor supervisor = new Supervisor()) {
            final ServerHandle echo = supervisor.start(spec(isolation));
            final ServerClient outdated = new ServerClient("echo", EchoCodec.PROTOCOL.withVersion(EchoCodec.VERSION + 1),
                null);
            outdated.bind(echo.channel(), "the same channel, for the test");
            final long[] serverVersion = new long[2];
            final int length = new EchoCodec.EchoEncoder().wrap(outdated.arguments(), 0).sequence(1).encodedLength();
            assertEquals(-Errno.EPROTO, outdated.call(EchoCodec.OP_ECHO, length, TIMEOUT, reply -> {
                serverVersion[0] = reply.buffer().getByte(reply.argumentsOffset()) & 0xFF;
                serverVersion[1] = reply.buffer().getByte(reply.argumentsOffset() + 1) & 0xFF;
            }));
            assertEquals(EchoCodec.PROTOCOL.id(), serverVersion[0], "the rejection names the server's protocol");
            assertEquals(EchoCodec.VERSION, serverVersion[1], "and its version");
            assertEquals(-Errno.EPROTO, outdated.call(0x1234, 0, TIMEOUT, null),
                "the version is checked before the operation");

            final ServerClient client = echo.client();
            assertEquals(2, client.counter(ServerCounter.REJECTED_WRONG_VERSION, TIMEOUT));
            assertEquals(0, client.counter(ServerCounter.REJECTED_UNKNOWN_OPERATION, TIMEOUT));
            final int echoLength = new EchoCodec.EchoEncoder().wrap(client.arguments(), 0).sequence(5).encodedLength();
            assertEquals(5, client.call(EchoCodec.OP_ECHO, echoLength, TIMEOUT, null), "the server is still serving");
        }
    }
}
