package org.exoos.boot.bench.rings;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.exoos.ipc.fusion.shm.SharedRegion;

/**
 * {@code agrona} and {@code agrona_mpsc}: Agrona's OneToOneRingBuffer (or ManyToOneRingBuffer)
 * between two JVMs, a request and a reply ring back to back in one /dev/shm region, both sides
 * spinning. Agrona's rings need zeroed memory and no formatting, which a new region is.
 *
 * <p>Agrona's {@code read()} returns 0 when it only skipped the padding record at the wrap, so
 * both sides loop until their handler saw a message, never on the return value.
 */
final class AgronaCrossProcess implements RoundTripTransport {
    /** Bytes of each ring's data area (records are 8-byte aligned, header included). */
    static final int RING_CAPACITY = 16 * 1024;
    private static final int RING_LENGTH = RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;
    private static final int REGION_LENGTH = 2 * RING_LENGTH;

    private final String name;
    private final int messageSize;
    private final boolean manyProducers;
    private final UnsafeBuffer message;
    private final ReplyHandler replyHandler;
    private SharedRegion region;
    private RingBuffer requests;
    private RingBuffer replies;
    private EchoChild child;
    private SpinWatch watch;
    private boolean unlinked;

    AgronaCrossProcess(final String name, final int messageSize, final boolean manyProducers) {
        this.name = name;
        this.messageSize = EchoProtocol.checkSize(name, messageSize);
        this.manyProducers = manyProducers;
        this.message = new UnsafeBuffer(EchoProtocol.newMessage(messageSize));
        this.replyHandler = new ReplyHandler(messageSize);
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
    public void start() throws IOException {
        region = SharedRegion.create("exo-bench-" + ProcessHandle.current().pid() + "-" + name, REGION_LENGTH);
        requests = ring(region, 0, manyProducers);
        replies = ring(region, 1, manyProducers);
        if (messageSize > requests.maxMsgLength()) {
            throw new IllegalArgumentException(name + ": " + messageSize
                + "-byte messages exceed the ring's maximum of " + requests.maxMsgLength());
        }
        child = EchoChild.start(name, false, region.name(), Boolean.toString(manyProducers));
        watch = new SpinWatch(child);
        ChildHandshake.hello(this, watch);
        unlinked = true;
        region.unlink();
    }

    private static RingBuffer ring(final SharedRegion region, final int index, final boolean manyProducers) {
        final UnsafeBuffer buffer = new UnsafeBuffer(region.buffer(), index * RING_LENGTH, RING_LENGTH);
        return manyProducers ? new ManyToOneRingBuffer(buffer) : new OneToOneRingBuffer(buffer);
    }

    @Override
    public long roundTrip(final long sequence) {
        message.putLong(0, sequence);
        while (!requests.write(EchoProtocol.MESSAGE_TYPE, message, 0, messageSize)) {
            Thread.onSpinWait();
        }
        final ReplyHandler reply = replyHandler;
        reply.received = false;
        watch.reset();
        while (!reply.received) {
            if (replies.read(reply, 1) == 0 && !reply.received) {
                watch.idle();
            }
        }
        return reply.sequence;
    }

    @Override
    public void close() {
        if (child != null) {
            child.stop(this, watch);
        }
        if (region != null) {
            if (!unlinked) {
                try {
                    region.unlink();
                } catch (final IOException e) {
                    // best effort: the name carries this pid
                }
            }
            region.close();
        }
    }

    private static final class ReplyHandler implements MessageHandler {
        private final int expectedLength;
        boolean received;
        long sequence;

        ReplyHandler(final int expectedLength) {
            this.expectedLength = expectedLength;
        }

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index,
                              final int length) {
            sequence = length == expectedLength ? buffer.getLong(index) : Long.MIN_VALUE;
            received = true;
        }
    }

    /** The child's side: {@code REGION MANY_PRODUCERS}. */
    static void echoMain(final String[] args) throws IOException {
        final boolean manyProducers = Boolean.parseBoolean(args[2]);
        try (SharedRegion region = SharedRegion.open(args[1], REGION_LENGTH)) {
            echo(ring(region, 0, manyProducers), ring(region, 1, manyProducers), ChildHandshake::parentAlive);
        }
    }

    /** Echoes each request's bytes from the request ring straight into the reply ring until STOP. */
    static void echo(final RingBuffer requests, final RingBuffer replies, final BooleanSupplier keepGoing) {
        final class Echo implements MessageHandler {
            boolean stop;

            @Override
            public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index,
                                  final int length) {
                while (!replies.write(msgTypeId, buffer, index, length)) {
                    Thread.onSpinWait();
                }
                if (length >= EchoProtocol.MIN_MESSAGE_SIZE && buffer.getLong(index) == EchoProtocol.STOP) {
                    stop = true;
                }
            }
        }
        final Echo handler = new Echo();
        int idle = 0;
        while (!handler.stop) {
            // 0 may also mean "skipped the wrap's padding": just poll again.
            if (requests.read(handler, 16) == 0) {
                SpinWatch.pause(++idle);
                if ((idle & ((1 << 20) - 1)) == 0 && !keepGoing.getAsBoolean()) {
                    return;
                }
            } else {
                idle = 0;
            }
        }
    }
}
