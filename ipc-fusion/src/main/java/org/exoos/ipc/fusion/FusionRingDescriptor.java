package org.exoos.ipc.fusion;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Shared-memory layout of a fusion ring: a header, two padded positions, two padded doorbells,
 * then a power-of-two number of fixed 64-byte slots. All multi-byte fields are in the buffer's native byte order.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0  header
 *  |              Magic ("EXOF", little-endian bytes)              |
 *  +---------------------------------------------------------------+  4
 *  |                         Layout Version                        |
 *  +---------------------------------------------------------------+  8
 *  |                   Slot Count (power of two)                   |
 *  +---------------------------------------------------------------+ 12
 *  |                        Slot Size (64)                         |
 *  +---------------------------------------------------------------+ 16
 *  |             Ring Flags (bit 0: doorbells in use)              |
 *  +---------------------------------------------------------------+ 20
 *  |                  Padding to 2 cache lines ...                 |
 *  +---------------------------------------------------------------+ 128 producer position
 *  |                  Producer Position (64 bits)                  |
 *  |                  Padding to 2 cache lines ...                 |
 *  +---------------------------------------------------------------+ 256 consumer position
 *  |                  Consumer Position (64 bits)                  |
 *  |                  Padding to 2 cache lines ...                 |
 *  +---------------------------------------------------------------+ 384 "not empty" doorbell
 *  |        Sequence (the futex word; rung by the producer)        |
 *  +---------------------------------------------------------------+ +4
 *  |                           Sleepers                            |
 *  +---------------------------------------------------------------+ +8
 *  |                  Padding to 2 cache lines ...                 |
 *  +---------------------------------------------------------------+ 512 "not full" doorbell
 *  |        Sequence (the futex word; rung by the consumer)        |
 *  +---------------------------------------------------------------+ +4
 *  |                           Sleepers                            |
 *  +---------------------------------------------------------------+ +8
 *  |                  Padding to 2 cache lines ...                 |
 *  +---------------------------------------------------------------+ 640 slot 0
 *  |                     Slot 0 (64 bytes) ...                     |
 *  +---------------------------------------------------------------+ 704 slot 1
 *  |                            ...                                |
 *  +---------------------------------------------------------------+ 640 + N * 64
 * </pre>
 *
 * Each region is padded to two cache lines, not one, because adjacent-line prefetch on x86
 * pulls lines in pairs: the producer's and consumer's positions must never share a pair, and
 * ringing a doorbell (an atomic add on its line) must not disturb either position.
 *
 * <p>The doorbells ({@link org.exoos.ipc.fusion.shm.DoorbellDescriptor} layout) are always
 * reserved, but used only when the ring was formatted with {@link #FLAG_DOORBELLS}: then the
 * producer rings "not empty" once per commit, after storing its position, and the consumer
 * rings "not full" once per drain, after storing its position, so that a
 * {@link FusionRingWaiter} may park. Without the flag neither side touches them (pure spin).
 *
 * <p>One slot:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+---------------------------------------------+---------------+  0
 *  |P|            Lap Tag (23 bits)                | Length (8)    |  state word
 *  +-+-----------------------------+---------------+---------------+  4
 *  |      Message Type (16)        |          Flags (16)           |
 *  +-------------------------------+-------------------------------+  8
 *  |                    Correlation Id (64 bits)                   |
 *  +---------------------------------------------------------------+ 16
 *  |          Descriptor (64 bits, reserved: shared-region ref)    |
 *  +---------------------------------------------------------------+ 24
 *  |                 Inline Payload (40 bytes) ...                 |
 *  +---------------------------------------------------------------+ 64
 * </pre>
 * The diagram shows the state word's bits by value ({@code P} is bit 31), not by byte.
 *
 * <h2>Publication protocol</h2>
 * Positions are monotonic 64-bit message counts; slot index = position &amp; (slotCount - 1)
 * and lap = position &gt;&gt;&gt; log2(slotCount).
 * <ol>
 *   <li>The producer reads the consumer position with acquire and claims {@code k} slots only
 *       if {@code producer + k - consumer <= slotCount}; it never overwrites unconsumed slots.</li>
 *   <li>It writes type, flags, correlation id, descriptor and payload with plain stores.</li>
 *   <li>It writes each slot's state word <em>last</em>, with release, last slot of the batch
 *       first: {@code P | (lap & LAP_TAG_MASK) << 8 | length}.</li>
 *   <li>It writes the producer position once per batch, with release.</li>
 *   <li>The one-to-one consumer polls the state word of the slot at its position: carrying
 *       {@code P} and the tag of its own lap, it is published (and so is the rest of its batch,
 *       published before it). This costs one cache-line transfer per hand-off, as the producer
 *       position is not on that path. Only when a drain finds nothing does the consumer read the
 *       producer position (acquire): a slot below it that still lacks its lap's published state,
 *       or that has a length over {@link #MAX_PAYLOAD_LENGTH} or a type outside
 *       {@link #MIN_MESSAGE_TYPE}..{@link #MAX_MESSAGE_TYPE}, is counted as malformed and
 *       skipped. (The many-to-one consumer stops at the first unpublished slot instead: there the
 *       position says "claimed", not "published".)</li>
 *   <li>After a drain the consumer writes its position once, with release, handing every
 *       consumed slot back to the producer.</li>
 * </ol>
 * The lap tag makes a stale slot from an earlier lap (a producer that advanced its position
 * without writing the slot) detectable, without the consumer having to clear slots.
 */
public final class FusionRingDescriptor {
    /** "EXOF" read as a little-endian int; a zeroed or foreign buffer never matches. */
    public static final int MAGIC = 0x464F_5845;
    /** Bumped on any incompatible change to this layout. */
    public static final int LAYOUT_VERSION = 2;

    /** Each region below is padded to this length to keep producer and consumer apart. */
    public static final int REGION_PADDING = CACHE_LINE_LENGTH * 2;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 4;
    public static final int SLOT_COUNT_OFFSET = 8;
    public static final int SLOT_SIZE_OFFSET = 12;
    public static final int RING_FLAGS_OFFSET = 16;
    public static final int PRODUCER_POSITION_OFFSET = REGION_PADDING;
    public static final int CONSUMER_POSITION_OFFSET = REGION_PADDING * 2;
    /** Rung by the producer after it publishes; awaited by a consumer with nothing to read. */
    public static final int NOT_EMPTY_DOORBELL_OFFSET = REGION_PADDING * 3;
    /** Rung by the consumer after it frees slots; awaited by a producer facing a full ring. */
    public static final int NOT_FULL_DOORBELL_OFFSET = REGION_PADDING * 4;
    /** Offset of slot 0; also the length of everything before the slots. */
    public static final int SLOTS_OFFSET = REGION_PADDING * 5;

    /** Ring flag: both sides ring the doorbells, so waiters may park (needs off-heap memory). */
    public static final int FLAG_DOORBELLS = 1;
    /** Every ring flag this layout version defines; an attacher rejects any other bit. */
    public static final int KNOWN_RING_FLAGS = FLAG_DOORBELLS;

    /** One slot is one cache line. */
    public static final int SLOT_SIZE = 64;
    public static final int SLOT_SIZE_SHIFT = 6;

    public static final int STATE_OFFSET = 0;
    public static final int TYPE_OFFSET = 4;
    public static final int FLAGS_OFFSET = 6;
    public static final int CORRELATION_ID_OFFSET = 8;
    public static final int DESCRIPTOR_OFFSET = 16;
    public static final int PAYLOAD_OFFSET = 24;
    public static final int MAX_PAYLOAD_LENGTH = SLOT_SIZE - PAYLOAD_OFFSET;

    /** Type 0 is reserved so that a zeroed slot is never a valid message. */
    public static final int MIN_MESSAGE_TYPE = 1;
    public static final int MAX_MESSAGE_TYPE = 0xFFFF;
    public static final int MAX_FLAGS = 0xFFFF;

    public static final int STATE_PUBLISHED = 0x8000_0000;
    public static final int STATE_LENGTH_MASK = 0xFF;
    public static final int STATE_LAP_TAG_SHIFT = 8;
    public static final int LAP_TAG_MASK = 0x7F_FFFF;

    /** Keeps {@link #requiredCapacity(int)} within an int. */
    public static final int MAX_SLOT_COUNT = 1 << 24;

    private FusionRingDescriptor() {
    }

    /** Exact buffer length for a ring of {@code slotCount} slots. */
    public static int requiredCapacity(final int slotCount) {
        return SLOTS_OFFSET + (slotCount << SLOT_SIZE_SHIFT);
    }

    /** Whether {@code slotCount} is a slot count this layout allows. */
    public static boolean isValidSlotCount(final int slotCount) {
        return slotCount > 0 && slotCount <= MAX_SLOT_COUNT && Integer.bitCount(slotCount) == 1;
    }

    /** Buffer offset of the slot holding {@code position}. */
    public static int slotOffset(final long position, final int slotMask) {
        return SLOTS_OFFSET + (((int) position & slotMask) << SLOT_SIZE_SHIFT);
    }

    /** The state word a correctly published slot at {@code position} carries. */
    public static int publishedState(final long position, final int slotShift, final int length) {
        final int lapTag = (int) (position >>> slotShift) & LAP_TAG_MASK;
        return STATE_PUBLISHED | lapTag << STATE_LAP_TAG_SHIFT | length;
    }
}
