package org.exoos.servers.framework;

import org.agrona.DirectBuffer;
import org.exoos.servers.protocol.MessageHeaderDescriptor;

/**
 * A reply's arguments and data block copied out of the ring before its slot and block go back, for a client
 * that decodes them after the call returns. A request failed without a reply (its server died: -EIO) has no
 * buffer and copies as empty. The data array grows to the largest block seen and is reused.
 */
public final class ReplyCopy implements ReplyHandler {
    private final byte[] arguments = new byte[MessageHeaderDescriptor.MAX_REPLY_ARGUMENTS_LENGTH];
    private int argumentsLength;
    private byte[] data;
    private int dataLength;

    /** A copy whose data array starts at {@code dataCapacity} bytes. */
    public ReplyCopy(final int dataCapacity) {
        this.data = new byte[Math.max(0, dataCapacity)];
    }

    /** Forgets the last reply (before a call); returns this, to pass as the call's handler. */
    public ReplyCopy reset() {
        argumentsLength = 0;
        dataLength = 0;
        return this;
    }

    @Override
    public void onReply(final ReplyView reply) {
        final DirectBuffer buffer = reply.buffer();
        argumentsLength = buffer == null ? 0 : Math.min(reply.argumentsLength(), arguments.length);
        if (argumentsLength > 0) {
            buffer.getBytes(reply.argumentsOffset(), arguments, 0, argumentsLength);
        }
        final DirectBuffer block = reply.data();
        dataLength = block == null ? 0 : reply.dataLength();
        if (dataLength > data.length) {
            data = new byte[Math.max(dataLength, 2 * data.length)];
        }
        if (dataLength > 0) {
            block.getBytes(0, data, 0, dataLength);
        }
    }

    /** The reply's argument bytes (valid up to {@link #argumentsLength}). */
    public byte[] arguments() {
        return arguments;
    }

    public int argumentsLength() {
        return argumentsLength;
    }

    /** The data block's bytes (valid up to {@link #dataLength}). */
    public byte[] data() {
        return data;
    }

    public int dataLength() {
        return dataLength;
    }

    /** The little-endian int argument at {@code offset}, or 0 if the reply's arguments are shorter. */
    public int argumentInt(final int offset) {
        return offset + 4 > argumentsLength ? 0 : littleEndianInt(arguments, offset);
    }

    /** The {@code index}-th little-endian int of the data block (the caller checks {@link #dataLength}). */
    public int dataInt(final int index) {
        return littleEndianInt(data, 4 * index);
    }

    private static int littleEndianInt(final byte[] bytes, final int offset) {
        return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8
            | (bytes[offset + 2] & 0xff) << 16 | (bytes[offset + 3] & 0xff) << 24;
    }
}
