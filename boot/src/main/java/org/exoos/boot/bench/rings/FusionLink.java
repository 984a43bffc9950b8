package org.exoos.boot.bench.rings;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.DataPath;
import org.exoos.ipc.fusion.FusionMessageHandler;
import org.exoos.ipc.fusion.FusionRing;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.ManyToOneFusionRing;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.SlotView;
import org.exoos.ipc.fusion.data.DataRegion;
import org.exoos.ipc.fusion.data.DataRegionDescriptor;

/**
 * One direction of a fusion-ring transport: a one-to-one or a many-to-one ring over the same
 * layout, behind the two calls the benchmark needs. A final field picks the kind, so each call
 * site sees one well-predicted branch rather than an interface.
 *
 * <p>Messages up to {@link FusionRingDescriptor#MAX_PAYLOAD_LENGTH} bytes travel inline in the
 * slot. Larger ones need a one-to-one ring with a {@link DataPath}: the bytes go once into a
 * data-region block and the slot carries its descriptor; the consumer reads the block in place
 * and the ring releases it after the handler.
 */
final class FusionLink {
    /** Slots per ring: the benchmark keeps one message in flight, so size matters little. */
    static final int SLOTS = 256;
    /** Party numbers in the data regions. */
    static final int CLIENT_PARTY = 0;
    static final int ECHO_PARTY = 1;
    /** Data blocks per direction: one is in flight at a time, a few more cover the release lag. */
    static final int DATA_BLOCKS = 16;

    private final OneToOneFusionRing oneToOne;
    private final ManyToOneFusionRing manyToOne;
    private final boolean hasData;

    /** @param dataPath null for inline payloads only (a many-to-one ring has no data path) */
    FusionLink(final AtomicBuffer ring, final boolean manyProducers, final DataPath dataPath) {
        if (manyProducers && dataPath != null) {
            throw new IllegalArgumentException("a many-to-one fusion ring has no data path");
        }
        this.oneToOne = manyProducers ? null : new OneToOneFusionRing(ring, null, dataPath);
        this.manyToOne = manyProducers ? new ManyToOneFusionRing(ring) : null;
        this.hasData = dataPath != null;
    }

    /**
     * A link over a one-to-one ring made elsewhere, e.g. a channel's capability-guarded ring
     * (with the channel's data path, if it has one).
     */
    FusionLink(final OneToOneFusionRing ring, final boolean hasData) {
        this.oneToOne = ring;
        this.manyToOne = null;
        this.hasData = hasData;
    }

    /** Whether {@code size}-byte messages need a data region (they do not fit a slot). */
    static boolean needsData(final int size) {
        return size > FusionRingDescriptor.MAX_PAYLOAD_LENGTH;
    }

    /**
     * Checks that the transport can carry {@code size}-byte messages.
     *
     * @throws UnsupportedOperationException for a many-to-one ring and a message over the inline size
     */
    static int checkSize(final String transport, final int size, final boolean manyProducers) {
        EchoProtocol.checkSize(transport, size);
        if (manyProducers && needsData(size)) {
            throw new UnsupportedOperationException(transport + ": " + size + "-byte messages do not fit a slot"
                + " (inline payloads are at most " + FusionRingDescriptor.MAX_PAYLOAD_LENGTH
                + " bytes) and the many-to-one ring has no data region");
        }
        if (needsData(size) && size > DataRegionDescriptor.MAX_BLOCK_SIZE) {
            throw new UnsupportedOperationException(transport + ": " + size + "-byte messages exceed the largest"
                + " data-region block, " + DataRegionDescriptor.MAX_BLOCK_SIZE + " bytes");
        }
        return size;
    }

    /** The block size for {@code size}-byte messages: a power of two of at least a cache line. */
    static int blockSize(final int size) {
        return Math.max(DataRegionDescriptor.MIN_BLOCK_SIZE, BitUtil.findNextPositivePowerOfTwo(size));
    }

    /** Bytes of a data region for {@code size}-byte messages. */
    static int dataRegionLength(final int size) {
        return DataRegionDescriptor.requiredCapacity(blockSize(size), DATA_BLOCKS);
    }

    /** A formatted in-process ring of {@link #SLOTS} slots, without doorbells. */
    static UnsafeBuffer newRing() {
        final int capacity = FusionRingDescriptor.requiredCapacity(SLOTS);
        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, 2 * CACHE_LINE_LENGTH));
        FusionRing.format(buffer, SLOTS);
        return buffer;
    }

    /** A formatted in-process data region for {@code size}-byte messages. */
    static UnsafeBuffer newDataRegion(final int size) {
        final UnsafeBuffer buffer = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(dataRegionLength(size), 2 * CACHE_LINE_LENGTH));
        DataRegion.format(buffer, 0, blockSize(size), DATA_BLOCKS);
        return buffer;
    }

    /** Offers until the ring takes it (it is never full in a ping-pong; the loop is for safety). */
    void send(final long correlationId, final DirectBuffer src, final int offset, final int length) {
        OfferStatus status;
        while ((status = offer(correlationId, src, offset, length)) != OfferStatus.OK) {
            if (status != OfferStatus.FULL && status != OfferStatus.DATA_FULL) {
                throw new IllegalStateException("fusion ring refused a " + length + "-byte message: " + status);
            }
            Thread.onSpinWait();
        }
    }

    private OfferStatus offer(final long correlationId, final DirectBuffer src, final int offset, final int length) {
        if (oneToOne == null) {
            return manyToOne.offer(EchoProtocol.MESSAGE_TYPE, correlationId, src, offset, length);
        }
        if (hasData && needsData(length)) {
            return oneToOne.offerData(EchoProtocol.MESSAGE_TYPE, correlationId, src, offset, length);
        }
        return oneToOne.offer(EchoProtocol.MESSAGE_TYPE, correlationId, src, offset, length);
    }

    int drain(final FusionMessageHandler handler, final int limit) {
        return oneToOne != null ? oneToOne.drain(handler, limit) : manyToOne.drain(handler, limit);
    }

    /** The ring, for a {@link org.exoos.ipc.fusion.FusionRingWaiter}. */
    FusionRing ring() {
        return oneToOne != null ? oneToOne : manyToOne;
    }

    /** The message's bytes: its data block if it has one, else the slot's inline payload. */
    static DirectBuffer bytes(final SlotView message) {
        return message.data() != null ? message.data() : message.buffer();
    }

    static int offset(final SlotView message) {
        return message.data() != null ? 0 : message.payloadOffset();
    }

    static int length(final SlotView message) {
        return message.data() != null ? message.dataLength() : message.payloadLength();
    }
}
