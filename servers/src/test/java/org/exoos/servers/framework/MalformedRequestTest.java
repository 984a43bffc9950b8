package org.exoos.servers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.protocol.EchoCodec;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.MessageHeaderDescriptor;
import org.exoos.servers.protocol.ProtocolIds;
import org.junit.jupiter.api.Test;

/**
 * Whatever the kernel side writes on the ring, the server answers or skips it, counts it, and goes
 * on serving: wrong protocol, wrong version, unknown operation, bad length, data where none is
 * expected, and a slot the ring itself refuses (a forged data descriptor).
 */
class MalformedRequestTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final int ECHO_FLAGS = EchoCodec.PROTOCOL.flags();

    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
    private final FusionRingWaiter waiter = FusionRingWaiter.parking(100);
    private long result;
    private int replyOperation;
    private int replyFlags;
    private final int[] replyArguments = new int[2];

    /** Offers one raw request and takes its reply off the raw reply ring. */
    private void rawCall(final OneToOneFusionRing toServer, final OneToOneFusionRing fromServer, final int operation,
                         final int flags, final int length, final boolean withData) {
        assertEquals(OfferStatus.OK, toServer.tryClaim(1));
        if (withData) {
            toServer.claimData(0, 16);
        }
        toServer.claimedSlot(0).type(operation).flags(flags).correlationId(77).payload(payload, 0, length);
        toServer.commit();
        assertTrue(waiter.awaitNotEmpty(fromServer, TIMEOUT), "no reply to operation " + operation);
        assertEquals(1, fromServer.drain(reply -> {
            assertEquals(77, reply.correlationId());
            replyOperation = reply.type();
            replyFlags = reply.flags();
            result = reply.buffer().getLong(reply.payloadOffset(), MessageHeaderDescriptor.BYTE_ORDER);
            replyArguments[0] = reply.buffer().getByte(reply.payloadOffset() + 8) & 0xFF;
            replyArguments[1] = reply.buffer().getByte(reply.payloadOffset() + 9) & 0xFF;
        }, 1));
    }

    @Test
    void malformedRequestsAreAnsweredWithAnErrnoAndCountedAndTheServerGoesOn() throws Exception {
        try (Supervisor supervisor = new Supervisor()) {
            final ServerHandle echo = supervisor.start(ServerSpec.of("echo", Isolation.THREAD)
                .withGeometry(new ChannelGeometry(64, true, 4096, 8)));
            final OneToOneFusionRing toServer = echo.channel().replies();
            final OneToOneFusionRing fromServer = echo.channel().requests();

            rawCall(toServer, fromServer, EchoCodec.OP_ECHO, MessageHeaderDescriptor.flags(ProtocolIds.VFS, 1), 8, false);
            assertEquals(-Errno.EPROTO, result, "a vfs request on the echo channel");
            assertEquals(EchoCodec.OP_ECHO, replyOperation, "the reply echoes the operation");
            assertEquals(MessageHeaderDescriptor.flags(ProtocolIds.VFS, 1), replyFlags, "and the flags");
            assertEquals(ProtocolIds.ECHO, replyArguments[0], "and names the server's protocol");
            assertEquals(EchoCodec.VERSION, replyArguments[1], "and version");

            rawCall(toServer, fromServer, EchoCodec.OP_ECHO, MessageHeaderDescriptor.flags(ProtocolIds.ECHO, 9), 8, false);
            assertEquals(-Errno.EPROTO, result, "another version");
            rawCall(toServer, fromServer, 0x4242, ECHO_FLAGS, 0, false);
            assertEquals(-Errno.ENOSYS, result, "an unknown operation");
            rawCall(toServer, fromServer, EchoCodec.OP_FAIL, ECHO_FLAGS, 9, false);
            assertEquals(-Errno.EINVAL, result, "arguments too long");
            rawCall(toServer, fromServer, EchoCodec.OP_ECHO, ECHO_FLAGS, 3, false);
            assertEquals(-Errno.EINVAL, result, "arguments too short");
            rawCall(toServer, fromServer, EchoCodec.OP_FAIL, ECHO_FLAGS, 4, true);
            assertEquals(-Errno.EINVAL, result, "data where none is expected");
            rawCall(toServer, fromServer, 0xFFFF, ECHO_FLAGS, 0, false);
            assertEquals(-Errno.ENOSYS, result, "an operation in the framework's range that does not exist");

            // A slot naming a data block that was never handed over: the ring refuses it, no reply.
            assertEquals(OfferStatus.OK, toServer.tryClaim(1));
            toServer.claimedSlot(0).type(EchoCodec.OP_ECHO).flags(ECHO_FLAGS).correlationId(78)
                .descriptor(0x0123_4567_89AB_CDEFL).payload(payload, 0, 8);
            toServer.commit();

            final ServerClient client = echo.client();
            assertEquals(0, client.nop(TIMEOUT), "the server still answers");
            assertEquals(1, client.counter(ServerCounter.REJECTED_WRONG_PROTOCOL, TIMEOUT));
            assertEquals(1, client.counter(ServerCounter.REJECTED_WRONG_VERSION, TIMEOUT));
            assertEquals(2, client.counter(ServerCounter.REJECTED_UNKNOWN_OPERATION, TIMEOUT));
            assertEquals(2, client.counter(ServerCounter.REJECTED_BAD_LENGTH, TIMEOUT));
            assertEquals(1, client.counter(ServerCounter.REJECTED_UNEXPECTED_DATA, TIMEOUT));
            assertEquals(0, client.counter(ServerCounter.REJECTED_MISSING_DATA, TIMEOUT));
            assertEquals(1, client.counter(ServerCounter.MALFORMED_SLOTS, TIMEOUT), "the forged slot");
            assertEquals(1, client.counter(ServerCounter.MALFORMED_DESCRIPTORS, TIMEOUT));
            assertEquals(0, client.counter(ServerCounter.SERVICE_ERRORS, TIMEOUT), "the service saw none of it");
            final int length = new EchoCodec.EchoEncoder().wrap(client.arguments(), 0).sequence(11).encodedLength();
            assertEquals(11, client.call(EchoCodec.OP_ECHO, length, TIMEOUT, null));
            assertEquals(8, echo.channel().dataRegion().freeBlocks(), "every block came back");
        }
    }
}
