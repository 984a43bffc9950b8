package org.exoos.ipc.fusion.channel;

import static org.exoos.ipc.fusion.channel.ChannelDescriptor.BLOCK_COUNT_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.BLOCK_SIZE_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CHANNEL_LENGTH_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.LAYOUT_VERSION;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.LAYOUT_VERSION_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.MAGIC;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.MAGIC_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.REQUEST_RING_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.RING_FLAGS_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.SLOT_COUNT_OFFSET;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.DataPath;
import org.exoos.ipc.fusion.FusionRing;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.data.DataRegion;
import org.exoos.ipc.fusion.shm.SharedRegion;

/**
 * A channel's parts as buffers over one mapping: the control block, the two rings and the data
 * region. Made by the owner when it formats, or by a peer after checking every header.
 */
final class ChannelLayout {
    final AtomicBuffer control;
    final ChannelGeometry geometry;
    final UnsafeBuffer requestRing;
    final UnsafeBuffer replyRing;
    /** Null when the channel has no data region. */
    final AtomicBuffer dataBuffer;
    final int dataBase;

    private ChannelLayout(final SharedRegion region, final ChannelGeometry geometry) {
        this.control = region.buffer();
        this.geometry = geometry;
        final int ringLength = ChannelDescriptor.ringLength(geometry.slotCount());
        this.requestRing = new UnsafeBuffer(region.address() + REQUEST_RING_OFFSET, ringLength);
        this.replyRing = new UnsafeBuffer(region.address() + ChannelDescriptor.replyRingOffset(geometry.slotCount()),
            ringLength);
        this.dataBuffer = geometry.hasDataRegion() ? control : null;
        this.dataBase = ChannelDescriptor.dataRegionOffset(geometry.slotCount());
    }

    /** Requests carry data from the peer to the owner; null without a data region. */
    DataPath requestDataPath() {
        return dataBuffer == null ? null
            : new DataPath(dataBuffer, dataBase, ChannelDescriptor.PEER_PARTY, ChannelDescriptor.OWNER_PARTY);
    }

    /** Replies carry data from the owner to the peer; null without a data region. */
    DataPath replyDataPath() {
        return dataBuffer == null ? null
            : new DataPath(dataBuffer, dataBase, ChannelDescriptor.OWNER_PARTY, ChannelDescriptor.PEER_PARTY);
    }

    /** Writes the control block and formats both rings and the data region; the magic goes last. */
    static ChannelLayout format(final SharedRegion region, final ChannelGeometry geometry,
                                final long ownerPid, final long ownerStartTime) {
        final AtomicBuffer control = region.buffer();
        if (control.capacity() != geometry.channelLength()) {
            throw new IllegalArgumentException("region of " + control.capacity() + " bytes for a channel of "
                + geometry.channelLength());
        }
        control.putIntRelease(MAGIC_OFFSET, 0);
        control.setMemory(0, REQUEST_RING_OFFSET, (byte) 0);
        control.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        control.putInt(SLOT_COUNT_OFFSET, geometry.slotCount());
        control.putInt(RING_FLAGS_OFFSET, geometry.doorbells() ? FusionRingDescriptor.FLAG_DOORBELLS : 0);
        control.putInt(BLOCK_SIZE_OFFSET, geometry.blockSize());
        control.putInt(BLOCK_COUNT_OFFSET, geometry.blockCount());
        control.putLong(CHANNEL_LENGTH_OFFSET, geometry.channelLength());
        control.putLong(ChannelDescriptor.OWNER_PID_OFFSET, ownerPid);
        control.putLong(ChannelDescriptor.OWNER_START_TIME_OFFSET, ownerStartTime);
        final ChannelLayout layout = new ChannelLayout(region, geometry);
        if (geometry.doorbells()) {
            FusionRing.formatWithDoorbells(layout.requestRing, geometry.slotCount());
            FusionRing.formatWithDoorbells(layout.replyRing, geometry.slotCount());
        } else {
            FusionRing.format(layout.requestRing, geometry.slotCount());
            FusionRing.format(layout.replyRing, geometry.slotCount());
        }
        if (geometry.hasDataRegion()) {
            DataRegion.format(control, layout.dataBase, geometry.blockSize(), geometry.blockCount());
        }
        control.putIntRelease(MAGIC_OFFSET, MAGIC);
        return layout;
    }

    /**
     * Checks a mapped channel written by someone else: the control block, the size, both ring
     * headers and the data region's.
     *
     * @throws IllegalStateException naming the first check that failed
     */
    static ChannelLayout verify(final SharedRegion region) {
        final String name = region.name();
        if (region.size() < REQUEST_RING_OFFSET) {
            throw new IllegalStateException("channel '" + name + "' truncated: " + region.size()
                + " bytes, below the control block's " + REQUEST_RING_OFFSET);
        }
        final AtomicBuffer control = region.buffer();
        final int magic = control.getIntAcquire(MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new IllegalStateException("'" + name + "' is not a fusion channel: magic 0x"
                + Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC));
        }
        final int version = control.getInt(LAYOUT_VERSION_OFFSET);
        if (version != LAYOUT_VERSION) {
            throw new IllegalStateException("channel '" + name + "' has layout version " + version
                + ", this side supports " + LAYOUT_VERSION);
        }
        final int flags = control.getInt(RING_FLAGS_OFFSET);
        if ((flags & ~FusionRingDescriptor.KNOWN_RING_FLAGS) != 0) {
            throw new IllegalStateException("channel '" + name + "' ring flags 0x" + Integer.toHexString(flags)
                + " carry undefined bits");
        }
        final ChannelGeometry geometry;
        try {
            geometry = new ChannelGeometry(control.getInt(SLOT_COUNT_OFFSET), flags != 0,
                control.getInt(BLOCK_SIZE_OFFSET), control.getInt(BLOCK_COUNT_OFFSET));
        } catch (final IllegalArgumentException ex) {
            throw new IllegalStateException("channel '" + name + "' has a corrupt geometry: " + ex.getMessage(), ex);
        }
        final long declared = control.getLong(CHANNEL_LENGTH_OFFSET);
        if (declared != geometry.channelLength() || region.size() != declared) {
            throw new IllegalStateException("channel '" + name + "' length mismatch: header says " + declared
                + ", geometry needs " + geometry.channelLength() + ", file is " + region.size()
                + (region.size() < geometry.channelLength() ? " (truncated)" : ""));
        }
        final ChannelLayout layout = new ChannelLayout(region, geometry);
        checkRing(name, "request", layout.requestRing, geometry);
        checkRing(name, "reply", layout.replyRing, geometry);
        if (geometry.hasDataRegion()) {
            try {
                new DataRegion(control, layout.dataBase);
            } catch (final IllegalStateException ex) {
                throw new IllegalStateException("channel '" + name + "' data region: " + ex.getMessage(), ex);
            }
        }
        return layout;
    }

    private static void checkRing(final String name, final String which, final AtomicBuffer ring,
                                  final ChannelGeometry geometry) {
        try {
            if (FusionRing.verifyLayout(ring) != geometry.slotCount()) {
                throw new IllegalStateException("slot count differs from the control block's " + geometry.slotCount());
            }
            final boolean doorbells = (ring.getInt(FusionRingDescriptor.RING_FLAGS_OFFSET)
                & FusionRingDescriptor.FLAG_DOORBELLS) != 0;
            if (doorbells != geometry.doorbells()) {
                throw new IllegalStateException("doorbell mode differs from the control block's");
            }
        } catch (final IllegalStateException ex) {
            throw new IllegalStateException("channel '" + name + "' " + which + " ring: " + ex.getMessage(), ex);
        }
    }
}
