package org.exoos.servers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.cap.Rights;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.ipc.fusion.channel.ChannelPeer;
import org.exoos.ipc.fusion.channel.FusionChannel;
import org.exoos.servers.protocol.EchoCodec;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.MessageHeaderDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's client trusts no reply: against a hand-driven fake server it fails a request whose
 * reply is malformed with EIO, drops replies to nothing in flight, and times out, cancelling.
 */
class ServerClientTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(5);

    private FusionChannel channel;
    private ChannelPeer fakeServer;
    private ServerClient client;
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
    private final FusionRingWaiter waiter = FusionRingWaiter.parking(100);
    private final List<long[]> received = new ArrayList<>();

    @BeforeEach
    void bind() throws Exception {
        channel = FusionChannel.create(TestNames.channel("client"), new ChannelGeometry(16, true, 256, 4));
        fakeServer = ChannelPeer.attach(channel.issue(Rights.SEND_RECEIVE).encode());
        client = new ServerClient("fake", EchoCodec.PROTOCOL, null);
        client.bind(channel, "the test");
    }

    @AfterEach
    void close() {
        fakeServer.close();
        channel.close();
    }

    /** Takes the requests the client sent: {operation, flags, request id, argument length}. */
    private void takeRequests() {
        assertTrue(waiter.awaitNotEmpty(fakeServer.replies(), TIMEOUT));
        fakeServer.replies().drain(m -> received.add(new long[] {m.type(), m.flags(), m.correlationId(),
            m.payloadLength()}), 16);
    }

    private void reply(final int operation, final int flags, final long id, final long result, final int length) {
        payload.putLong(0, result, MessageHeaderDescriptor.BYTE_ORDER);
        assertEquals(OfferStatus.OK, fakeServer.requests().tryClaim(1));
        fakeServer.requests().claimedSlot(0).type(operation).flags(flags).correlationId(id).payload(payload, 0, length);
        fakeServer.requests().commit();
    }

    private long sendEcho(final long sequence) {
        final int length = new EchoCodec.EchoEncoder().wrap(client.arguments(), 0).sequence(sequence).encodedLength();
        return client.send(EchoCodec.OP_ECHO, length);
    }

    @Test
    void requestsCarryOperationProtocolAndIncreasingIds() {
        final long first = sendEcho(1);
        final long second = sendEcho(2);
        takeRequests();
        assertEquals(2, received.size());
        assertEquals(EchoCodec.OP_ECHO, received.get(0)[0]);
        assertEquals(EchoCodec.PROTOCOL.flags(), received.get(0)[1]);
        assertEquals(first, received.get(0)[2]);
        assertEquals(second, received.get(1)[2]);
        assertTrue(second > first);
        assertEquals(8, received.get(0)[3]);
        reply(EchoCodec.OP_ECHO, EchoCodec.PROTOCOL.flags(), second, 2, 8);
        reply(EchoCodec.OP_ECHO, EchoCodec.PROTOCOL.flags(), first, 1, 8);
        assertEquals(1, client.await(first, TIMEOUT, null), "replies may come in any order");
        assertEquals(2, client.await(second, TIMEOUT, null), "the other one's result was kept");
    }

    @Test
    void malformedRepliesFailTheirRequestWithEioAndStrayRepliesAreDropped() {
        final int flags = EchoCodec.PROTOCOL.flags();
        final long wrongFlags = sendEcho(1);
        final long wrongOperation = sendEcho(2);
        final long tooShort = sendEcho(3);
        final long good = sendEcho(4);
        takeRequests();
        reply(EchoCodec.OP_ECHO, flags + 1, wrongFlags, 1, 8);
        reply(EchoCodec.OP_FAIL, flags, wrongOperation, 2, 8);
        reply(EchoCodec.OP_ECHO, flags, tooShort, 3, 4);
        reply(EchoCodec.OP_ECHO, flags, 9_999, 5, 8);
        reply(EchoCodec.OP_ECHO, flags, good, 4, 8);
        assertEquals(-Errno.EIO, client.await(wrongFlags, TIMEOUT, null));
        assertEquals(-Errno.EIO, client.await(wrongOperation, TIMEOUT, null));
        assertEquals(-Errno.EIO, client.await(tooShort, TIMEOUT, null));
        assertEquals(4, client.await(good, TIMEOUT, null));
        assertEquals(3, client.malformedReplies());
        assertEquals(1, client.unmatchedReplies());
        assertEquals(0, client.inFlight());
    }

    @Test
    void aTimedOutRequestIsCancelledAndItsLateReplyDropped() {
        final long id = sendEcho(1);
        assertEquals(-Errno.ETIMEDOUT, client.await(id, TimeUnit.MILLISECONDS.toNanos(20), null));
        takeRequests();
        assertEquals(2, received.size());
        assertEquals(MessageHeaderDescriptor.OP_CANCEL, received.get(1)[0], "the client cancelled it");
        assertEquals(id, received.get(1)[2], "naming the request");
        reply(EchoCodec.OP_ECHO, EchoCodec.PROTOCOL.flags(), id, 1, 8);
        assertEquals(0, client.poll(), "the late reply is delivered to no one");
        assertEquals(1, client.unmatchedReplies());
        assertEquals(1, client.timedOutRequests());
    }

    @Test
    void aHolderThatLeavesFailsWhatIsInFlight() {
        final long id = sendEcho(1);
        fakeServer.close(); // the entry turns DEAD, as when a server's process exits
        assertEquals(-Errno.EIO, client.await(id, TIMEOUT, null));
        assertEquals(1, client.failedRequests());
        assertEquals(-Errno.EIO, sendEcho(2), "nothing more is sent");
    }
}
