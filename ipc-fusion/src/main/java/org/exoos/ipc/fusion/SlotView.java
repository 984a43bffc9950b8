package org.exoos.ipc.fusion;

import static org.exoos.ipc.fusion.FusionRingDescriptor.CORRELATION_ID_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.DESCRIPTOR_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.FLAGS_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.PAYLOAD_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.TYPE_OFFSET;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Read-only flyweight over one validated slot, handed to a {@link FusionMessageHandler}.
 * The ring re-points it at each slot, so draining allocates nothing.
 */
public final class SlotView extends CacheLinePadding {
    private DirectBuffer buffer;
    private int slotOffset;
    private int payloadLength;
    private DirectBuffer data;
    private long dataDescriptor;
    private boolean dataRetained;

    SlotView wrap(final DirectBuffer buffer, final int slotOffset, final int payloadLength) {
        this.buffer = buffer;
        this.slotOffset = slotOffset;
        this.payloadLength = payloadLength;
        this.data = null;
        this.dataDescriptor = 0;
        this.dataRetained = false;
        return this;
    }

    SlotView withData(final DirectBuffer data, final long descriptor) {
        this.data = data;
        this.dataDescriptor = descriptor;
        return this;
    }

    boolean dataRetained() {
        return dataRetained;
    }

    /**
     * The message's data-region payload, read in place (zero-copy), or null if the message has
     * none. Valid during the call only, unless retained.
     */
    public DirectBuffer data() {
        return data;
    }

    /** Length of the data-region payload; 0 if none. */
    public int dataLength() {
        return data == null ? 0 : data.capacity();
    }

    /**
     * Keeps the data block past this call: ownership passes to the handler, which must later
     * give it back with {@code OneToOneFusionRing.releaseData(descriptor)}. The view from
     * {@link #data()} is reused; to read the block later, keep the descriptor and use the
     * data region's own views.
     *
     * @return the block's descriptor
     * @throws IllegalStateException if the message has no data payload
     */
    public long retainData() {
        if (data == null) {
            throw new IllegalStateException("the message has no data-region payload");
        }
        dataRetained = true;
        return dataDescriptor;
    }

    /** Message type, unsigned 16 bits. */
    public int type() {
        return buffer.getShort(slotOffset + TYPE_OFFSET) & 0xFFFF;
    }

    /** Flags, unsigned 16 bits. */
    public int flags() {
        return buffer.getShort(slotOffset + FLAGS_OFFSET) & 0xFFFF;
    }

    public long correlationId() {
        return buffer.getLong(slotOffset + CORRELATION_ID_OFFSET);
    }

    /** The descriptor word: 0, or a validated reference to the message's data-region block. */
    public long descriptor() {
        return buffer.getLong(slotOffset + DESCRIPTOR_OFFSET);
    }

    /** Inline payload length, 0..{@link FusionRingDescriptor#MAX_PAYLOAD_LENGTH}. */
    public int payloadLength() {
        return payloadLength;
    }

    /** The ring's buffer, for zero-copy reads at {@link #payloadOffset()}. */
    public DirectBuffer buffer() {
        return buffer;
    }

    /** Offset of the inline payload within {@link #buffer()}. */
    public int payloadOffset() {
        return slotOffset + PAYLOAD_OFFSET;
    }

    /** Copies the payload into {@code dst} at {@code dstOffset}; returns the bytes copied. */
    public int getPayload(final MutableDirectBuffer dst, final int dstOffset) {
        dst.putBytes(dstOffset, buffer, slotOffset + PAYLOAD_OFFSET, payloadLength);
        return payloadLength;
    }
}
