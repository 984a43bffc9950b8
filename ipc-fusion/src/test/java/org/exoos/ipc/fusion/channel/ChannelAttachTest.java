package org.exoos.ipc.fusion.channel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.function.Consumer;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.cap.Capability;
import org.exoos.ipc.fusion.cap.Rights;
import org.exoos.ipc.fusion.shm.SharedRegion;
import org.junit.jupiter.api.Test;

/** Attaching to a wrong, truncated or corrupt channel file fails with a clear error, never a crash. */
class ChannelAttachTest {
    private static final ChannelGeometry GEOMETRY = new ChannelGeometry(16, true, 1024, 4);

    @Test
    void aMissingChannelIsAnIoError() {
        final Capability cap = Capability.issue(TestChannels.uniqueName("missing"), 1, Rights.SEND);
        final IOException missing = assertThrows(IOException.class, () -> ChannelPeer.attach(cap.encode()));
        assertTrue(missing.getMessage().contains("ENOENT"), missing.getMessage());
    }

    @Test
    void aForeignFileIsNotAChannel() throws Exception {
        final String name = TestChannels.uniqueName("foreign");
        try (SharedRegion region = SharedRegion.create(name, GEOMETRY.channelLength())) {
            region.buffer().setMemory(0, 4096, (byte) 0x5A);
            final Capability cap = Capability.issue(name, 1, Rights.SEND);
            expectRefusal(cap, "is not a fusion channel");
        } finally {
            SharedRegion.open(name, 1).unlink();
        }
    }

    @Test
    void corruptHeadersAreRefusedWithTheReason() throws Exception {
        corrupt("layout version", b -> b.putInt(ChannelDescriptor.LAYOUT_VERSION_OFFSET, 99));
        corrupt("corrupt geometry", b -> b.putInt(ChannelDescriptor.SLOT_COUNT_OFFSET, 17));
        corrupt("corrupt geometry", b -> b.putInt(ChannelDescriptor.BLOCK_SIZE_OFFSET, 1000));
        corrupt("length mismatch", b -> b.putInt(ChannelDescriptor.SLOT_COUNT_OFFSET, 32));
        corrupt("undefined bits", b -> b.putInt(ChannelDescriptor.RING_FLAGS_OFFSET, 0x80));
        corrupt("request ring", b -> b.putInt(ChannelDescriptor.REQUEST_RING_OFFSET + FusionRingDescriptor.MAGIC_OFFSET, 0));
        corrupt("reply ring", b -> b.putLong(ChannelDescriptor.replyRingOffset(16)
            + FusionRingDescriptor.CONSUMER_POSITION_OFFSET, 1_000));
        corrupt("data region", b -> b.putInt(ChannelDescriptor.dataRegionOffset(16), 0x1234));
    }

    @Test
    void aTruncatedChannelIsRefused() throws Exception {
        try (FusionChannel channel = FusionChannel.create(TestChannels.uniqueName("short"), GEOMETRY)) {
            final Capability cap = channel.issue(Rights.SEND);
            try (RandomAccessFile file = new RandomAccessFile(SharedRegion.pathOf(channel.name()).toFile(), "rw")) {
                file.setLength(GEOMETRY.channelLength() - 64);
            }
            expectRefusal(cap, "truncated");
            try (RandomAccessFile file = new RandomAccessFile(SharedRegion.pathOf(channel.name()).toFile(), "rw")) {
                file.setLength(100);
            }
            expectRefusal(cap, "truncated");
        }
    }

    private static void corrupt(final String expected, final Consumer<UnsafeBuffer> damage) throws Exception {
        try (FusionChannel channel = FusionChannel.create(TestChannels.uniqueName("corrupt"), GEOMETRY)) {
            final Capability cap = channel.issue(Rights.SEND);
            try (SharedRegion raw = SharedRegion.open(channel.name(), 1)) {
                damage.accept(raw.buffer());
            }
            expectRefusal(cap, expected);
        }
    }

    private static void expectRefusal(final Capability cap, final String expected) {
        final Exception refused = assertThrows(Exception.class, () -> ChannelPeer.attach(cap.encode()).close());
        assertTrue(refused instanceof IllegalStateException || refused instanceof IOException,
            "unexpected " + refused);
        assertTrue(refused.getMessage().contains(expected),
            "expected '" + expected + "' in: " + refused.getMessage());
    }
}
