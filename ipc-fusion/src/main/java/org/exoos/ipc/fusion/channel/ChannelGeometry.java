package org.exoos.ipc.fusion.channel;

import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.data.DataRegionDescriptor;

/**
 * The shape of a channel, fixed at creation: slots per ring, whether its rings ring doorbells
 * (so that waiters may park), and the data region's block size and count (0 blocks: none).
 */
public record ChannelGeometry(int slotCount, boolean doorbells, int blockSize, int blockCount) {
    public ChannelGeometry {
        if (!FusionRingDescriptor.isValidSlotCount(slotCount)) {
            throw new IllegalArgumentException("slot count " + slotCount + " is not a power of two in 1.."
                + FusionRingDescriptor.MAX_SLOT_COUNT);
        }
        if (blockCount != 0) {
            DataRegionDescriptor.requiredCapacity(blockSize, blockCount); // throws with the reason
        } else if (blockSize != 0) {
            throw new IllegalArgumentException("block size " + blockSize + " given without blocks");
        }
        if (ChannelDescriptor.channelLength(slotCount, blockSize, blockCount) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a channel of this geometry exceeds 2 GiB - 1");
        }
    }

    /** Rings only, no data region. */
    public static ChannelGeometry rings(final int slotCount, final boolean doorbells) {
        return new ChannelGeometry(slotCount, doorbells, 0, 0);
    }

    public boolean hasDataRegion() {
        return blockCount != 0;
    }

    public int channelLength() {
        return (int) ChannelDescriptor.channelLength(slotCount, blockSize, blockCount);
    }
}
