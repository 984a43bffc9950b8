package org.exoos.servers.framework;

import org.agrona.DirectBuffer;
import org.exoos.ipc.fusion.SlotView;
import org.exoos.servers.protocol.MessageHeaderDescriptor;

/**
 * One validated request, as a flyweight over its ring slot and data block: arguments and data
 * are read in place, never copied. Valid only during {@link Service#onRequest}.
 */
public final class Request {
    private SlotView slot;
    private int endpoint;

    Request wrap(final SlotView slot, final int endpoint) {
        this.slot = slot;
        this.endpoint = endpoint;
        return this;
    }

    /** Which of the server's channels it came on (0 for a server with one); replies go back there. */
    public int endpoint() {
        return endpoint;
    }

    /** The client's id for the request; its reply carries it back. */
    public long requestId() {
        return slot.correlationId();
    }

    /** The operation code (the slot's type). */
    public int operation() {
        return slot.type();
    }

    /** The buffer holding the inline arguments, at {@link #argumentsOffset()}. */
    public DirectBuffer buffer() {
        return slot.buffer();
    }

    /** Offset of the inline arguments in {@link #buffer()}; fields at codec offsets from here. */
    public int argumentsOffset() {
        return slot.payloadOffset();
    }

    /** Inline argument bytes, within the operation's table entry, at most {@value MessageHeaderDescriptor#MAX_ARGUMENTS_LENGTH}. */
    public int argumentsLength() {
        return slot.payloadLength();
    }

    /** The data block, read in place (zero-copy), or null if the request has none. */
    public DirectBuffer data() {
        return slot.data();
    }

    /** Bytes in the data block; 0 if none. */
    public int dataLength() {
        return slot.dataLength();
    }

    /**
     * Keeps the data block after the handler returns, for a deferred request: read it later with
     * {@link ServiceContext#retainedData} and give it back with {@link ServiceContext#releaseData}.
     *
     * @return the block's descriptor
     * @throws IllegalStateException if the request has no data block
     */
    public long retainData() {
        return slot.retainData();
    }
}
