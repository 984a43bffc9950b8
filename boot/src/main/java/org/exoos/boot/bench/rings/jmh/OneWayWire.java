package org.exoos.boot.bench.rings.jmh;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.DataPath;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.SlotView;
import org.exoos.ipc.fusion.data.DataRegion;
import org.exoos.ipc.fusion.data.DataRegionDescriptor;

/**
 * What both sides of {@link OneWayBenchmark} agree on: message types, ring and data-region
 * geometry, and how a stamped message is sent and read.
 *
 * <p>A message's first 8 bytes are the sender's {@link System#nanoTime()}. Up to 40 bytes it
 * travels inline in its slot; above, through a data region per direction: the sender copies it
 * once into a block ({@link OneToOneFusionRing#offerData}) and the receiver reads the block in
 * place, the ring releasing it after the handler.
 */
final class OneWayWire {
    static final int TYPE_WARMUP = 1;
    static final int TYPE_MEASURED = 2;
    /** Ends the peer's loop; answered once the peer has stored its histogram. */
    static final int TYPE_STOP = 3;
    /** Data-region party numbers. */
    static final int SENDER_PARTY = 0;
    static final int ECHO_PARTY = 1;
    /** One message is in flight at a time: a few slots and blocks are plenty. */
    static final int SLOTS = 64;
    static final int DATA_BLOCKS = 16;
    static final int MIN_SIZE = Long.BYTES;
    static final int MAX_SIZE = DataRegionDescriptor.MAX_BLOCK_SIZE;
    /** The peer JVM's argument for "no data region". */
    static final String NO_DATA = "-";

    private OneWayWire() {
    }

    static boolean needsData(final int size) {
        return size > FusionRingDescriptor.MAX_PAYLOAD_LENGTH;
    }

    static int dataRegionLength(final int size) {
        return DataRegionDescriptor.requiredCapacity(blockSize(size), DATA_BLOCKS);
    }

    static void formatDataRegion(final AtomicBuffer buffer, final int size) {
        DataRegion.format(buffer, 0, blockSize(size), DATA_BLOCKS);
    }

    private static int blockSize(final int size) {
        return Math.max(DataRegionDescriptor.MIN_BLOCK_SIZE, BitUtil.findNextPositivePowerOfTwo(size));
    }

    /** Cache-line aligned off-heap memory, for in-process rings and regions. */
    static UnsafeBuffer offHeap(final int capacity) {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, 2 * BitUtil.CACHE_LINE_LENGTH));
    }

    /** One side's view of a ring, with a data path over {@code data} unless it is null. */
    static OneToOneFusionRing attach(final AtomicBuffer ring, final AtomicBuffer data, final int producerParty,
                                     final int consumerParty) {
        return new OneToOneFusionRing(ring, null,
            data == null ? null : new DataPath(data, 0, producerParty, consumerParty));
    }

    /**
     * Sends the first {@code length} bytes of {@code src}, inline or through the data region.
     * Back-pressure cannot last with one message in flight, so it spins through it.
     */
    static void send(final OneToOneFusionRing ring, final int type, final long id, final DirectBuffer src,
                     final int length) {
        final boolean data = needsData(length);
        OfferStatus status;
        while ((status = data ? ring.offerData(type, id, src, 0, length) : ring.offer(type, id, src, 0, length))
            != OfferStatus.OK) {
            if (status != OfferStatus.FULL && status != OfferStatus.DATA_FULL) {
                throw new IllegalStateException("a " + length + "-byte message was refused: " + status);
            }
            Thread.onSpinWait();
        }
    }

    /** The sender's stamp: the payload's first 8 bytes. */
    static long stamp(final SlotView message) {
        final DirectBuffer data = message.data();
        return data != null ? data.getLong(0) : message.buffer().getLong(message.payloadOffset());
    }

    /** Copies the payload to the start of {@code dst}; returns its length. */
    static int copyPayload(final SlotView message, final MutableDirectBuffer dst) {
        final DirectBuffer data = message.data();
        if (data == null) {
            return message.getPayload(dst, 0);
        }
        final int length = message.dataLength();
        dst.putBytes(0, data, 0, length);
        return length;
    }
}
