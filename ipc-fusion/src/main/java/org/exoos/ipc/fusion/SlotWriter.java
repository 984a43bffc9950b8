package org.exoos.ipc.fusion;

import static org.exoos.ipc.fusion.FusionRingDescriptor.CORRELATION_ID_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.DESCRIPTOR_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.FLAGS_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAX_FLAGS;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAX_MESSAGE_TYPE;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MAX_PAYLOAD_LENGTH;
import static org.exoos.ipc.fusion.FusionRingDescriptor.MIN_MESSAGE_TYPE;
import static org.exoos.ipc.fusion.FusionRingDescriptor.PAYLOAD_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.STATE_OFFSET;
import static org.exoos.ipc.fusion.FusionRingDescriptor.TYPE_OFFSET;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Write flyweight over one claimed, not yet committed slot. Until commit the slot's state
 * word holds only the payload length, without the published bit, so nothing here is visible
 * to the consumer: the ring's commit writes the state word last.
 */
public final class SlotWriter extends CacheLinePadding {
    private AtomicBuffer buffer;
    private int slotOffset;

    SlotWriter wrap(final AtomicBuffer buffer, final int slotOffset) {
        this.buffer = buffer;
        this.slotOffset = slotOffset;
        return this;
    }

    /** Sets the message type, {@value FusionRingDescriptor#MIN_MESSAGE_TYPE}..0xFFFF. */
    public SlotWriter type(final int type) {
        checkType(type);
        buffer.putShort(slotOffset + TYPE_OFFSET, (short) type);
        return this;
    }

    /** The caller's mistake, not the peer's: an out-of-range message type. */
    static void checkType(final int type) {
        if (type < MIN_MESSAGE_TYPE || type > MAX_MESSAGE_TYPE) {
            throw new IllegalArgumentException("message type " + type + " outside "
                + MIN_MESSAGE_TYPE + ".." + MAX_MESSAGE_TYPE);
        }
    }

    /** {@link OfferStatus#TOO_LARGE} for a payload over the inline size, OK otherwise; a negative length throws. */
    static OfferStatus checkLength(final int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative payload length " + length);
        }
        return length > MAX_PAYLOAD_LENGTH ? OfferStatus.TOO_LARGE : OfferStatus.OK;
    }

    /**
     * Writes every field of a slot but its state word, for producers that publish it themselves
     * (the many-to-one ring, where a shared flyweight would race between producer threads).
     * The caller has checked type and length.
     */
    static void fill(final AtomicBuffer buffer, final int slotOffset, final int type, final long correlationId,
                     final DirectBuffer src, final int offset, final int length) {
        buffer.putShort(slotOffset + TYPE_OFFSET, (short) type);
        buffer.putShort(slotOffset + FLAGS_OFFSET, (short) 0);
        buffer.putLong(slotOffset + CORRELATION_ID_OFFSET, correlationId);
        buffer.putLong(slotOffset + DESCRIPTOR_OFFSET, 0L);
        buffer.putBytes(slotOffset + PAYLOAD_OFFSET, src, offset, length);
    }

    /** Sets the 16 flag bits. */
    public SlotWriter flags(final int flags) {
        if ((flags & ~MAX_FLAGS) != 0) {
            throw new IllegalArgumentException("flags 0x" + Integer.toHexString(flags) + " exceed 16 bits");
        }
        buffer.putShort(slotOffset + FLAGS_OFFSET, (short) flags);
        return this;
    }

    public SlotWriter correlationId(final long correlationId) {
        buffer.putLong(slotOffset + CORRELATION_ID_OFFSET, correlationId);
        return this;
    }

    /**
     * Sets the descriptor word directly: rings without a data path carry it as an opaque 64-bit
     * value; on a ring with one, use {@code claimData}, since the consumer validates any non-zero
     * descriptor against its data region.
     */
    public SlotWriter descriptor(final long descriptor) {
        buffer.putLong(slotOffset + DESCRIPTOR_OFFSET, descriptor);
        return this;
    }

    /**
     * Copies {@code length} bytes of {@code src} from {@code offset} into the inline payload.
     *
     * @return {@link OfferStatus#TOO_LARGE}, writing nothing, when {@code length} exceeds
     *     {@value FusionRingDescriptor#MAX_PAYLOAD_LENGTH}; otherwise {@link OfferStatus#OK}
     */
    public OfferStatus payload(final DirectBuffer src, final int offset, final int length) {
        if (checkLength(length) != OfferStatus.OK) {
            return OfferStatus.TOO_LARGE;
        }
        buffer.putBytes(slotOffset + PAYLOAD_OFFSET, src, offset, length);
        buffer.putInt(slotOffset + STATE_OFFSET, length);
        return OfferStatus.OK;
    }

    /** Resets every field of the slot so a claim never republishes an earlier message. */
    void clear() {
        buffer.putInt(slotOffset + STATE_OFFSET, 0);
        buffer.putInt(slotOffset + TYPE_OFFSET, 0);
        buffer.putLong(slotOffset + CORRELATION_ID_OFFSET, 0L);
        buffer.putLong(slotOffset + DESCRIPTOR_OFFSET, 0L);
    }
}
