package org.exoos.boot.bench.rings;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.DataPath;

/**
 * {@code fusion} and {@code fusion_mpsc}: two threads of this JVM, a request ring and a reply ring
 * (one-to-one, or many-to-one with a single producer each), formatted without doorbells; both
 * sides spin on drain. Messages over 40 bytes go through a data region per direction (one-to-one only).
 *
 * <p>Each thread attaches its own ring instances to the shared memory, as two processes would:
 * one instance shared by producer and consumer threads would put the producer's position field
 * and the fields the consumer reads on every drain in one cache line of one Java object, and the
 * benchmark would measure that false sharing instead of the ring.
 */
final class FusionInProcess implements RoundTripTransport {
    private final String name;
    private final int messageSize;
    private final FusionLink requests;
    private final FusionLink replies;
    private final UnsafeBuffer message;
    private final FusionReplyHandler replyHandler;
    private final EchoThread echo;
    private final SpinWatch watch;

    FusionInProcess(final String name, final int messageSize, final boolean manyProducers) {
        this.name = name;
        this.messageSize = FusionLink.checkSize(name, messageSize, manyProducers);
        final boolean data = FusionLink.needsData(messageSize);
        final UnsafeBuffer requestRing = FusionLink.newRing();
        final UnsafeBuffer replyRing = FusionLink.newRing();
        final DataPath requestData = data ? new DataPath(FusionLink.newDataRegion(messageSize), 0,
            FusionLink.CLIENT_PARTY, FusionLink.ECHO_PARTY) : null;
        final DataPath replyData = data ? new DataPath(FusionLink.newDataRegion(messageSize), 0,
            FusionLink.ECHO_PARTY, FusionLink.CLIENT_PARTY) : null;
        this.requests = new FusionLink(requestRing, manyProducers, requestData);
        this.replies = new FusionLink(replyRing, manyProducers, replyData);
        this.message = new UnsafeBuffer(EchoProtocol.newMessage(messageSize));
        this.replyHandler = new FusionReplyHandler(messageSize);
        // The echo's objects are made on its own thread, in its own allocation buffer: next to the
        // client's on the heap, they would share cache lines with fields the client writes.
        this.echo = new EchoThread(name, thread -> new FusionEcho(
            new FusionLink(requestRing, manyProducers, requestData),
            new FusionLink(replyRing, manyProducers, replyData), null).run(thread::running));
        this.watch = new SpinWatch(echo);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int messageSize() {
        return messageSize;
    }

    @Override
    public void start() {
        echo.start();
    }

    @Override
    public long roundTrip(final long sequence) {
        message.putLong(0, sequence);
        requests.send(sequence, message, 0, messageSize);
        final FusionReplyHandler reply = replyHandler;
        reply.received = false;
        watch.reset();
        while (!reply.received) {
            if (replies.drain(reply, 1) == 0) {
                watch.idle();
            }
        }
        return reply.sequence;
    }

    @Override
    public void close() {
        echo.stop();
    }
}
