package org.exoos.servers.framework;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.REPLY_ARGUMENTS_OFFSET;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.RESULT_OFFSET;

import org.agrona.DirectBuffer;
import org.exoos.ipc.fusion.SlotView;

/** A reply as a {@link ReplyHandler} sees it: a flyweight over its slot and data block. */
public final class ReplyView {
    private long requestId;
    private int operation;
    private long result;
    private DirectBuffer buffer;
    private int argumentsOffset;
    private int argumentsLength;
    private DirectBuffer data;

    /** A well-formed reply: the result and the arguments are read from the slot. */
    ReplyView wrap(final SlotView slot) {
        this.requestId = slot.correlationId();
        this.operation = slot.type();
        this.buffer = slot.buffer();
        this.result = buffer.getLong(slot.payloadOffset() + RESULT_OFFSET, BYTE_ORDER);
        this.argumentsOffset = slot.payloadOffset() + REPLY_ARGUMENTS_OFFSET;
        this.argumentsLength = slot.payloadLength() - REPLY_ARGUMENTS_OFFSET;
        this.data = slot.data();
        return this;
    }

    /** A request that ended without a usable reply: only a result. */
    ReplyView failure(final long requestId, final int operation, final long result) {
        this.requestId = requestId;
        this.operation = operation;
        this.result = result;
        this.buffer = null;
        this.argumentsOffset = 0;
        this.argumentsLength = 0;
        this.data = null;
        return this;
    }

    public long requestId() {
        return requestId;
    }

    public int operation() {
        return operation;
    }

    /** {@code >= 0}: success (the operation says what it counts); negative: {@code -errno}. */
    public long result() {
        return result;
    }

    /** The buffer holding the reply arguments at {@link #argumentsOffset()}; null if none. */
    public DirectBuffer buffer() {
        return buffer;
    }

    public int argumentsOffset() {
        return argumentsOffset;
    }

    public int argumentsLength() {
        return argumentsLength;
    }

    /** The reply's data block, read in place, or null. */
    public DirectBuffer data() {
        return data;
    }

    public int dataLength() {
        return data == null ? 0 : data.capacity();
    }
}
