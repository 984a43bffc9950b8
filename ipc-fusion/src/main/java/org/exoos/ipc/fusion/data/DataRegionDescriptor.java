package org.exoos.ipc.fusion.data;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Shared-memory layout of a fusion data region: a pool of fixed-size blocks that carry messages
 * too large for a ring slot's inline payload, passed zero-copy by putting a 64-bit
 * <em>data descriptor</em> in the slot's descriptor word. All multi-byte fields are in the
 * buffer's native byte order; offsets are relative to the region's base offset {@code B},
 * which is a multiple of 64 so that a region can follow a ring in the same mapping.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  B+0  header
 *  |              Magic ("EXOD", little-endian bytes)              |
 *  +---------------------------------------------------------------+  B+4
 *  |                         Layout Version                        |
 *  +---------------------------------------------------------------+  B+8
 *  |            Block Size (power of two, 64..1 MiB)               |
 *  +---------------------------------------------------------------+  B+12
 *  |                    Block Count (1..2^20)                      |
 *  +---------------------------------------------------------------+  B+16
 *  |                  Reserved (zero) to 64 bytes ...              |
 *  +---------------------------------------------------------------+  B+64  block-state table
 *  |                 Block 0 State Word (64 bits)                  |
 *  +---------------------------------------------------------------+  B+72
 *  |                 Block 1 State Word (64 bits)                  |
 *  |                              ...                              |
 *  +---------------------------------------------------------------+
 *  |              Padding to a multiple of 64 bytes ...            |
 *  +---------------------------------------------------------------+  B+blocksOffset(count)
 *  |                 Block 0 (Block Size bytes) ...                |
 *  +---------------------------------------------------------------+  + Block Size
 *  |                 Block 1 (Block Size bytes) ...                |
 *  |                              ...                              |
 *  +---------------------------------------------------------------+  B+requiredCapacity
 * </pre>
 *
 * The header is written once by {@code format} and cached by each attacher, so a peer that
 * later scribbles on it changes nothing an attached reader relies on. The state table is dense
 * (eight words a cache line) so that the allocator's scan is cheap; blocks are at least one
 * cache line long and start on one.
 *
 * <h2>Block state word</h2>
 * Changed only by compare-and-set, so every transition is decided exactly once even when a
 * reclaim races the party that holds the block.
 * <pre>
 *   63                              32 31      24 23      16 15       8 7        0
 *  +----------------------------------+----------+----------+----------+----------+
 *  |         Generation (32 bits)     | Reserved |  Sender  |  Holder  |  State   |
 *  +----------------------------------+----------+----------+----------+----------+
 * </pre>
 * Parties are ids 0..{@value #MAX_PARTY} assigned by the region's user (say 0 for the
 * channel's owner, 1..N for peers); {@value #NO_PARTY} means none.
 * <ul>
 *   <li>{@link #FREE}: holder and sender none. {@code allocate(p)} moves it to WRITING and
 *       advances the generation, so every descriptor of the block's earlier uses goes stale.</li>
 *   <li>{@link #WRITING}: holder = sender = the writer {@code p}, which fills the block.
 *       {@code handOff(i, len, p, q)} moves it to IN_FLIGHT; {@code abandon(i, p)} back to FREE.</li>
 *   <li>{@link #IN_FLIGHT}: sender {@code p}, holder the recipient {@code q}; the descriptor is
 *       on its way through a ring. {@code accept(d, q)} moves it to ACCEPTED.</li>
 *   <li>{@link #ACCEPTED}: holder {@code q} is reading it. {@code release(d, q)} frees it.</li>
 * </ul>
 * {@code reclaim(x)} frees every block that party {@code x} writes or holds, and every block
 * it sent that its recipient has not accepted yet (the descriptor may have died with the
 * sender's ring, or between hand-off and commit); a block {@code x} sent that was already
 * accepted stays with its reader, who releases it.
 *
 * <h2>Data descriptor</h2>
 * <pre>
 *   63                    41 40                    20 19                     0
 *  +------------------------+------------------------+------------------------+
 *  |  Generation (23 bits)  |    Length (21 bits)    |  Block Index (20 bits) |
 *  +------------------------+------------------------+------------------------+
 * </pre>
 * Length takes 21 bits because a full 1 MiB block holds 2^20 bytes; the generation gets what
 * is left, the low 23 bits of the block's generation. A block's generation never has those 23
 * bits all zero (its first allocation makes it 1, and the increment skips such values), so
 * descriptor 0 is never valid and means "no data". A descriptor goes stale only after its block
 * was reallocated 2^23 - 1 times more, far beyond any ring's depth.
 */
public final class DataRegionDescriptor {
    /** "EXOD" read as a little-endian int; a zeroed or foreign buffer never matches. */
    public static final int MAGIC = 0x444F_5845;
    /** Bumped on any incompatible change to this layout. */
    public static final int LAYOUT_VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 4;
    public static final int BLOCK_SIZE_OFFSET = 8;
    public static final int BLOCK_COUNT_OFFSET = 12;
    public static final int HEADER_LENGTH = CACHE_LINE_LENGTH;
    /** Offset of block 0's state word. */
    public static final int STATE_TABLE_OFFSET = HEADER_LENGTH;
    public static final int STATE_WORD_LENGTH = Long.BYTES;

    /** The region's base offset, and so every block, starts on a cache line. */
    public static final int ALIGNMENT = CACHE_LINE_LENGTH;

    public static final int MIN_BLOCK_SIZE = CACHE_LINE_LENGTH;
    public static final int MAX_BLOCK_SIZE = 1 << 20;
    public static final int MAX_BLOCK_COUNT = 1 << 20;

    // ---- block states (the low byte of a state word) ---------------------------------------

    /** 0 is no state, so a zeroed table has no free block and cannot be allocated from. */
    public static final int FREE = 1;
    public static final int WRITING = 2;
    public static final int IN_FLIGHT = 3;
    public static final int ACCEPTED = 4;

    public static final int MAX_PARTY = 254;
    public static final int NO_PARTY = 255;

    public static final int STATE_MASK = 0xFF;
    public static final int HOLDER_SHIFT = 8;
    public static final int SENDER_SHIFT = 16;
    public static final int PARTY_MASK = 0xFF;
    public static final int GENERATION_SHIFT = 32;

    // ---- data descriptor --------------------------------------------------------------------

    public static final int DESCRIPTOR_INDEX_BITS = 20;
    public static final int DESCRIPTOR_LENGTH_BITS = 21;
    public static final int DESCRIPTOR_GENERATION_BITS = 23;
    public static final int DESCRIPTOR_LENGTH_SHIFT = DESCRIPTOR_INDEX_BITS;
    public static final int DESCRIPTOR_GENERATION_SHIFT = DESCRIPTOR_INDEX_BITS + DESCRIPTOR_LENGTH_BITS;
    public static final int DESCRIPTOR_INDEX_MASK = (1 << DESCRIPTOR_INDEX_BITS) - 1;
    public static final int DESCRIPTOR_LENGTH_MASK = (1 << DESCRIPTOR_LENGTH_BITS) - 1;
    public static final int DESCRIPTOR_GENERATION_MASK = (1 << DESCRIPTOR_GENERATION_BITS) - 1;
    /** The slot value that carries no data. */
    public static final long NO_DATA = 0L;

    private DataRegionDescriptor() {
    }

    public static boolean isValidBlockSize(final int blockSize) {
        return blockSize >= MIN_BLOCK_SIZE && blockSize <= MAX_BLOCK_SIZE && Integer.bitCount(blockSize) == 1;
    }

    public static boolean isValidBlockCount(final int blockCount) {
        return blockCount >= 1 && blockCount <= MAX_BLOCK_COUNT;
    }

    /** Offset of block 0 from the region's base: header plus the padded state table. */
    public static int blocksOffset(final int blockCount) {
        final int table = blockCount * STATE_WORD_LENGTH;
        return STATE_TABLE_OFFSET + ((table + ALIGNMENT - 1) & -ALIGNMENT);
    }

    /** Length of the whole region as a long, so that a geometry too large for an int shows as such. */
    public static long requiredCapacityLong(final int blockSize, final int blockCount) {
        return blocksOffset(blockCount) + (long) blockSize * blockCount;
    }

    /**
     * Bytes a region of this geometry occupies from its base offset.
     *
     * @throws IllegalArgumentException if the geometry is invalid or the region exceeds 2 GiB - 1
     */
    public static int requiredCapacity(final int blockSize, final int blockCount) {
        checkGeometry(blockSize, blockCount);
        return (int) requiredCapacityLong(blockSize, blockCount);
    }

    /** Null if the geometry is valid, else why not (shared by format and attach). */
    static String geometryProblem(final int blockSize, final int blockCount) {
        if (!isValidBlockSize(blockSize)) {
            return "block size " + blockSize + " is not a power of two in " + MIN_BLOCK_SIZE + ".." + MAX_BLOCK_SIZE;
        }
        if (!isValidBlockCount(blockCount)) {
            return "block count " + blockCount + " is outside 1.." + MAX_BLOCK_COUNT;
        }
        final long capacity = requiredCapacityLong(blockSize, blockCount);
        if (capacity > Integer.MAX_VALUE) {
            return blockCount + " blocks of " + blockSize + " bytes need " + capacity
                + " bytes, more than an AtomicBuffer can address";
        }
        return null;
    }

    static void checkGeometry(final int blockSize, final int blockCount) {
        final String problem = geometryProblem(blockSize, blockCount);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    // ---- state word ---------------------------------------------------------------------------

    public static long stateWord(final int generation, final int sender, final int holder, final int state) {
        return (long) generation << GENERATION_SHIFT | sender << SENDER_SHIFT | holder << HOLDER_SHIFT | state;
    }

    /** A free block's word; it keeps the generation so that the next allocation advances it. */
    public static long freeWord(final int generation) {
        return stateWord(generation, NO_PARTY, NO_PARTY, FREE);
    }

    public static int state(final long word) {
        return (int) word & STATE_MASK;
    }

    public static int holder(final long word) {
        return (int) (word >>> HOLDER_SHIFT) & PARTY_MASK;
    }

    public static int sender(final long word) {
        return (int) (word >>> SENDER_SHIFT) & PARTY_MASK;
    }

    public static int generation(final long word) {
        return (int) (word >>> GENERATION_SHIFT);
    }

    /** The generation after {@code generation}, skipping any whose descriptor bits would be 0. */
    public static int nextGeneration(final int generation) {
        final int next = generation + 1;
        return (next & DESCRIPTOR_GENERATION_MASK) == 0 ? next + 1 : next;
    }

    public static String stateName(final int state) {
        return switch (state) {
            case FREE -> "FREE";
            case WRITING -> "WRITING";
            case IN_FLIGHT -> "IN_FLIGHT";
            case ACCEPTED -> "ACCEPTED";
            default -> "unknown state " + state;
        };
    }

    /** For error messages: e.g. "IN_FLIGHT gen 7 sender 1 holder 0". */
    public static String describeStateWord(final long word) {
        return stateName(state(word)) + " gen " + Integer.toUnsignedString(generation(word))
            + " sender " + partyName(sender(word)) + " holder " + partyName(holder(word));
    }

    private static String partyName(final int party) {
        return party == NO_PARTY ? "none" : Integer.toString(party);
    }

    // ---- data descriptor ----------------------------------------------------------------------

    /** Packs a descriptor; the generation is truncated to its low 23 bits. */
    public static long descriptor(final int index, final int length, final int generation) {
        return (long) (generation & DESCRIPTOR_GENERATION_MASK) << DESCRIPTOR_GENERATION_SHIFT
            | (long) (length & DESCRIPTOR_LENGTH_MASK) << DESCRIPTOR_LENGTH_SHIFT
            | (index & DESCRIPTOR_INDEX_MASK);
    }

    public static int descriptorIndex(final long descriptor) {
        return (int) descriptor & DESCRIPTOR_INDEX_MASK;
    }

    public static int descriptorLength(final long descriptor) {
        return (int) (descriptor >>> DESCRIPTOR_LENGTH_SHIFT) & DESCRIPTOR_LENGTH_MASK;
    }

    public static int descriptorGeneration(final long descriptor) {
        return (int) (descriptor >>> DESCRIPTOR_GENERATION_SHIFT) & DESCRIPTOR_GENERATION_MASK;
    }

    /** For logs: "block 3 length 900 gen 12". */
    public static String describeDescriptor(final long descriptor) {
        return "block " + descriptorIndex(descriptor) + " length " + descriptorLength(descriptor)
            + " gen " + descriptorGeneration(descriptor);
    }
}
