package org.exoos.ipc.fusion.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.FusionMessageHandler;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.SlotView;
import org.exoos.ipc.fusion.cap.Capability;
import org.exoos.ipc.fusion.cap.Rights;
import org.exoos.ipc.fusion.data.DataRegionDescriptor;
import org.junit.jupiter.api.Test;

/**
 * A peer thread streams requests of random sizes, inline (up to 40 bytes) and zero-copy (up to
 * a block), through a small channel, so positions wrap and blocks are reused thousands of
 * times; the owner thread checks every message arrives once, in order, with its exact bytes.
 */
class ChannelStreamTest {
    private static final int MESSAGES = 200_000;
    private static final int SLOTS = 64;
    private static final int BLOCK_SIZE = 4096;
    private static final int BLOCKS = 8;
    private static final int TYPE = 9;

    /** The bytes of message {@code sequence}: a function of it alone, so the reader can check. */
    private static byte expectedByte(final long sequence, final int index) {
        return (byte) (sequence * 31 + index * 7);
    }

    private static int sizeOf(final long sequence) {
        final SplittableRandom random = new SplittableRandom(sequence);
        return random.nextInt(4) == 0 ? random.nextInt(FusionRingDescriptor.MAX_PAYLOAD_LENGTH + 1)
            : random.nextInt(BLOCK_SIZE + 1);
    }

    @Test
    void everyMessageInlineOrZeroCopyArrivesOnceInOrderIntact() throws Exception {
        try (FusionChannel channel = FusionChannel.create(TestChannels.uniqueName("stream"),
            new ChannelGeometry(SLOTS, true, BLOCK_SIZE, BLOCKS))) {
            final Capability cap = channel.issue(Rights.SEND_RECEIVE);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread producer = new Thread(() -> {
                try (ChannelPeer peer = ChannelPeer.attach(cap.encode())) {
                    produce(peer.requests());
                } catch (final Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "stream-producer");
            producer.start();
            channel.awaitAttached(java.time.Duration.ofSeconds(10));
            final Checker checker = new Checker();
            final OneToOneFusionRing requests = channel.requests();
            long lastProgress = System.nanoTime();
            while (checker.next < MESSAGES && failure.get() == null && checker.error == null) {
                if (requests.drain(checker, 16) == 0) {
                    Thread.yield(); // a 2-core box: let the producer run
                    if (System.nanoTime() - lastProgress > 20_000_000_000L) {
                        final StringBuilder blocks = new StringBuilder();
                        for (int i = 0; i < BLOCKS; i++) {
                            blocks.append(' ').append(DataRegionDescriptor.describeStateWord(
                                channel.dataRegion().stateWordOf(i)));
                        }
                        throw new AssertionError("no progress for 20 s at message " + checker.next + ": ring size "
                            + requests.size() + ", free blocks " + channel.dataRegion().freeBlocks() + ":" + blocks);
                    }
                } else {
                    lastProgress = System.nanoTime();
                }
            }
            producer.join(10_000);
            assertNull(failure.get());
            assertNull(checker.error, checker.error);
            assertEquals(MESSAGES, checker.next);
            assertEquals(0, requests.malformedSlotCount());
            assertEquals(0, requests.malformedDescriptorCount());
            assertEquals(BLOCKS, channel.dataRegion().freeBlocks(), "every block came back");
        }
    }

    private static void produce(final OneToOneFusionRing ring) {
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[BLOCK_SIZE]);
        for (long sequence = 0; sequence < MESSAGES; ) {
            final int size = sizeOf(sequence);
            final OfferStatus status;
            if (size <= FusionRingDescriptor.MAX_PAYLOAD_LENGTH && (sequence & 1) == 0) {
                for (int i = 0; i < size; i++) {
                    scratch.putByte(i, expectedByte(sequence, i));
                }
                status = ring.offer(TYPE, sequence, scratch, 0, size);
            } else if ((sequence & 2) == 0) {
                for (int i = 0; i < size; i++) {
                    scratch.putByte(i, expectedByte(sequence, i));
                }
                status = ring.offerData(TYPE, sequence, scratch, 0, size);
            } else {
                status = zeroCopy(ring, sequence, size);
            }
            if (status == OfferStatus.OK) {
                sequence++;
            } else if (status == OfferStatus.FULL || status == OfferStatus.DATA_FULL) {
                Thread.yield();
            } else {
                throw new AssertionError("offer of " + sequence + " answered " + status);
            }
        }
    }

    /** Fills the block in place: the path a server writing a large reply takes. */
    private static OfferStatus zeroCopy(final OneToOneFusionRing ring, final long sequence, final int size) {
        final OfferStatus claim = ring.tryClaim(1);
        if (claim != OfferStatus.OK) {
            return claim;
        }
        final MutableDirectBuffer block = ring.claimData(0, size);
        if (block == null) {
            ring.abort();
            return OfferStatus.DATA_FULL;
        }
        for (int i = 0; i < size; i++) {
            block.putByte(i, expectedByte(sequence, i));
        }
        ring.claimedSlot(0).type(TYPE).correlationId(sequence);
        ring.commit();
        return OfferStatus.OK;
    }

    @Test
    void forgedDescriptorsFromAPeerAreRejectedCountedAndSkipped() throws Exception {
        try (FusionChannel channel = FusionChannel.create(TestChannels.uniqueName("forged"),
            new ChannelGeometry(SLOTS, false, BLOCK_SIZE, BLOCKS))) {
            final Capability cap = channel.issue(Rights.SEND_RECEIVE);
            try (ChannelPeer peer = ChannelPeer.attach(cap.encode())) {
                final OneToOneFusionRing out = peer.requests();
                final SplittableRandom random = new SplittableRandom(42);
                final UnsafeBuffer data = new UnsafeBuffer(new byte[100]);
                // A real message whose descriptor a hostile peer replays afterwards.
                assertEquals(OfferStatus.OK, out.offerData(TYPE, 0, data, 0, 100));
                final long[] replay = new long[1];
                assertEquals(1, channel.requests().drain(m -> replay[0] = m.descriptor(), 1));
                int forged = 0;
                long expectedValid = 1;
                for (int round = 0; round < 20_000; round++) {
                    final long descriptor = switch (round % 4) {
                        case 0 -> random.nextLong();
                        case 1 -> replay[0]; // released already: stale
                        case 2 -> DataRegionDescriptor.descriptor(random.nextInt(1 << 20), random.nextInt(1 << 21),
                            random.nextInt(1 << 23));
                        default -> 0L;
                    };
                    if (out.tryClaim(1) != OfferStatus.OK) {
                        throw new AssertionError("ring full: the owner drains every round");
                    }
                    out.claimedSlot(0).type(TYPE).correlationId(round).descriptor(descriptor);
                    out.commit();
                    if (descriptor != 0) {
                        forged++;
                    } else {
                        expectedValid++;
                    }
                    channel.requests().drain(m -> { }, 4);
                }
                assertEquals(forged, channel.requests().malformedSlotCount());
                assertEquals(forged, channel.requests().malformedDescriptorCount());
                assertEquals(1 + 20_000 - forged, expectedValid);
                assertEquals(OfferStatus.OK, out.offerData(TYPE, 1, data, 0, 100), "the channel still works");
                final int[] got = {0};
                assertEquals(1, channel.requests().drain(m -> got[0] = m.dataLength(), 1));
                assertEquals(100, got[0]);
                assertEquals(BLOCKS, channel.dataRegion().freeBlocks());
            }
        }
    }

    private static final class Checker implements FusionMessageHandler {
        long next;
        String error;

        @Override
        public void onMessage(final SlotView message) {
            final long sequence = message.correlationId();
            if (sequence != next) {
                error = "expected message " + next + ", got " + sequence;
                return;
            }
            final int size = sizeOf(sequence);
            final DirectBuffer data = message.data();
            final boolean inline = data == null;
            final int length = inline ? message.payloadLength() : message.dataLength();
            if (length != size) {
                error = "message " + sequence + " has " + length + " bytes, expected " + size;
                return;
            }
            for (int i = 0; i < size; i++) {
                final byte b = inline ? message.buffer().getByte(message.payloadOffset() + i) : data.getByte(i);
                if (b != expectedByte(sequence, i)) {
                    error = "message " + sequence + " byte " + i + " corrupt";
                    return;
                }
            }
            if (!inline && message.descriptor() == DataRegionDescriptor.NO_DATA) {
                error = "zero-copy message " + sequence + " without a descriptor";
                return;
            }
            next++;
        }
    }
}
