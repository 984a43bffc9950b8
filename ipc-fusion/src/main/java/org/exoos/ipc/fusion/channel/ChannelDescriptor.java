package org.exoos.ipc.fusion.channel;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.data.DataRegionDescriptor;

/**
 * Shared-memory layout of a fusion channel: one owner (a server, the kernel), one peer attached
 * under a capability, a request ring (peer to owner), a reply ring (owner to peer) and an
 * optional data region for payloads too large for a slot. One file in /dev/shm holds it all, so
 * one mapping serves both rings, and the file's size vouches for the geometry.
 *
 * <pre>
 *  +------------------------------------------------+  0  control block (2 cache lines)
 *  | magic "EXOC" | layout version | slot count     |
 *  | ring flags   | block size     | block count    |
 *  | channel length (64)                            |
 *  | owner pid (64) | owner start time (64)         |
 *  +------------------------------------------------+ 128 capability entry (2 cache lines)
 *  | state word: generation (24) | state (8)        |  read by every guarded ring operation
 *  | rights       | digest of the token (128 bits)  |
 *  | holder pid (64) | holder start time (64)       |
 *  | resets                                         |
 *  +------------------------------------------------+ 256 request ring (peer -&gt; owner)
 *  |            FusionRingDescriptor layout          |
 *  +------------------------------------------------+ 256 + R reply ring (owner -&gt; peer)
 *  |            FusionRingDescriptor layout          |
 *  +------------------------------------------------+ 256 + 2R data region (if block count &gt; 0)
 *  |            DataRegionDescriptor layout          |
 *  +------------------------------------------------+ channel length
 * </pre>
 * R is {@link FusionRingDescriptor#requiredCapacity(int)} of the slot count, a multiple of 64,
 * so every part starts on a cache line. All fields are in native byte order.
 *
 * <p>Party numbers in the data region: {@link #OWNER_PARTY} and {@link #PEER_PARTY}.
 */
public final class ChannelDescriptor {
    /** "EXOC" read as a little-endian int. */
    public static final int MAGIC = 0x434F_5845;
    public static final int LAYOUT_VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 4;
    public static final int SLOT_COUNT_OFFSET = 8;
    public static final int RING_FLAGS_OFFSET = 12;
    public static final int BLOCK_SIZE_OFFSET = 16;
    public static final int BLOCK_COUNT_OFFSET = 20;
    public static final int CHANNEL_LENGTH_OFFSET = 24;
    public static final int OWNER_PID_OFFSET = 32;
    public static final int OWNER_START_TIME_OFFSET = 40;

    public static final int CAPABILITY_OFFSET = CACHE_LINE_LENGTH * 2;
    public static final int CAP_STATE_WORD_OFFSET = CAPABILITY_OFFSET;
    public static final int CAP_RIGHTS_OFFSET = CAPABILITY_OFFSET + 4;
    public static final int CAP_DIGEST_OFFSET = CAPABILITY_OFFSET + 8;
    public static final int CAP_HOLDER_PID_OFFSET = CAPABILITY_OFFSET + 24;
    public static final int CAP_HOLDER_START_TIME_OFFSET = CAPABILITY_OFFSET + 32;
    public static final int CAP_RESETS_OFFSET = CAPABILITY_OFFSET + 40;

    public static final int REQUEST_RING_OFFSET = CACHE_LINE_LENGTH * 4;

    /** The owner's party number in the data region. */
    public static final int OWNER_PARTY = 0;
    /** The peer's party number in the data region. */
    public static final int PEER_PARTY = 1;

    private ChannelDescriptor() {
    }

    public static int ringLength(final int slotCount) {
        return FusionRingDescriptor.requiredCapacity(slotCount);
    }

    public static int replyRingOffset(final int slotCount) {
        return REQUEST_RING_OFFSET + ringLength(slotCount);
    }

    public static int dataRegionOffset(final int slotCount) {
        return REQUEST_RING_OFFSET + 2 * ringLength(slotCount);
    }

    /** Total length of a channel; {@code blockCount} 0 means no data region. */
    public static long channelLength(final int slotCount, final int blockSize, final int blockCount) {
        final long rings = (long) dataRegionOffset(slotCount);
        return blockCount == 0 ? rings : rings + DataRegionDescriptor.requiredCapacityLong(blockSize, blockCount);
    }
}
