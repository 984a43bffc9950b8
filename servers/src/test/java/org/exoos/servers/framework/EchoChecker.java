package org.exoos.servers.framework;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.protocol.EchoCodec;

/**
 * Sends ECHO requests whose contents are a function of their sequence number (inline bytes of
 * 0..32, a data block on every third), and checks each reply: arrival order, request id,
 * result, inline bytes and data, byte for byte.
 */
final class EchoChecker implements ReplyHandler {
    static final int WINDOW = 48;

    private final EchoCodec.EchoEncoder encoder = new EchoCodec.EchoEncoder();
    private final UnsafeBuffer inline = new UnsafeBuffer(new byte[EchoCodec.MAX_INLINE_BYTES]);
    private final long[] ids;
    private final int dataLimit;
    long sent;
    long next;
    long dataReplies;
    String error;

    EchoChecker(final int count, final int dataLimit) {
        this.ids = new long[count];
        this.dataLimit = dataLimit;
    }

    static int inlineLength(final long sequence) {
        return (int) (sequence % (EchoCodec.MAX_INLINE_BYTES + 1));
    }

    static byte inlineByte(final long sequence, final int index) {
        return (byte) (sequence * 31 + index);
    }

    /** 0 for no data block; otherwise its length, 1..dataLimit. */
    int dataLength(final long sequence) {
        return sequence % 3 == 0 ? (int) ((sequence * 97) % dataLimit) + 1 : 0;
    }

    static byte dataByte(final long sequence, final int index) {
        return (byte) (sequence ^ index * 7);
    }

    /** Sends request {@code sent}; returns the client's answer (an id, or -errno). */
    long sendNext(final ServerClient client) {
        final long sequence = sent;
        final int length = inlineLength(sequence);
        for (int i = 0; i < length; i++) {
            inline.putByte(i, inlineByte(sequence, i));
        }
        final int dataLength = dataLength(sequence);
        if (dataLength > 0) {
            final MutableDirectBuffer block = client.claimData(dataLength);
            if (block == null) {
                return -1;
            }
            for (int i = 0; i < dataLength; i++) {
                block.putByte(i, dataByte(sequence, i));
            }
        }
        final int argumentsLength = encoder.wrap(client.arguments(), 0).sequence(sequence).bytes(inline, 0, length)
            .encodedLength();
        final long id = client.send(EchoCodec.OP_ECHO, argumentsLength);
        if (id > 0) {
            ids[(int) sequence] = id;
            sent++;
        }
        return id;
    }

    /** Sends and checks {@code ids.length} requests, keeping up to {@link #WINDOW} in flight. */
    void run(final ServerClient client) {
        while (next < ids.length && error == null) {
            while (sent < ids.length && sent - next < WINDOW) {
                final long id = sendNext(client);
                if (id < 0) {
                    error = "send of request " + sent + " failed: " + id;
                    return;
                }
            }
            final long result = client.await(ids[(int) next], 10_000_000_000L, this);
            if (result < 0 && result != -org.exoos.servers.protocol.Errno.EINVAL) { // EINVAL: delivered already
                error = error != null ? error : "request " + next + " failed: " + result;
            }
        }
    }

    @Override
    public void onReply(final ReplyView reply) {
        if (error != null) {
            return;
        }
        final long sequence = next;
        if (reply.requestId() != ids[(int) sequence]) {
            error = "reply " + sequence + " has request id " + reply.requestId() + ", expected " + ids[(int) sequence];
        } else if (reply.result() != sequence) {
            error = "reply " + sequence + " has result " + reply.result();
        } else if (reply.argumentsLength() != inlineLength(sequence)) {
            error = "reply " + sequence + " has " + reply.argumentsLength() + " inline bytes, expected "
                + inlineLength(sequence);
        } else {
            final DirectBuffer buffer = reply.buffer();
            for (int i = 0; i < reply.argumentsLength() && error == null; i++) {
                if (buffer.getByte(reply.argumentsOffset() + i) != inlineByte(sequence, i)) {
                    error = "reply " + sequence + " inline byte " + i + " differs";
                }
            }
            final int dataLength = dataLength(sequence);
            if (error == null && reply.dataLength() != dataLength) {
                error = "reply " + sequence + " has " + reply.dataLength() + " data bytes, expected " + dataLength;
            }
            for (int i = 0; i < dataLength && error == null; i++) {
                if (reply.data().getByte(i) != dataByte(sequence, i)) {
                    error = "reply " + sequence + " data byte " + i + " differs";
                }
            }
            if (dataLength > 0) {
                dataReplies++;
            }
        }
        next++;
    }
}
