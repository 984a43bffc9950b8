package org.exoos.ipc.fusion.data;

import static org.exoos.ipc.fusion.data.DataRegionDescriptor.ACCEPTED;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.ALIGNMENT;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.BLOCK_COUNT_OFFSET;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.BLOCK_SIZE_OFFSET;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.DESCRIPTOR_GENERATION_MASK;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.FREE;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.HEADER_LENGTH;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.IN_FLIGHT;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.LAYOUT_VERSION;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.LAYOUT_VERSION_OFFSET;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.MAGIC;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.MAGIC_OFFSET;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.MAX_PARTY;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.NO_PARTY;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.STATE_TABLE_OFFSET;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.STATE_WORD_LENGTH;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.WRITING;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.blocksOffset;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptor;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptorGeneration;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptorIndex;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.descriptorLength;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.describeStateWord;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.freeWord;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.generation;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.geometryProblem;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.holder;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.nextGeneration;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.requiredCapacityLong;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.sender;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.state;
import static org.exoos.ipc.fusion.data.DataRegionDescriptor.stateWord;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Flyweight over a data region laid out by {@link DataRegionDescriptor}: a pool of blocks that
 * parties fill in place and pass between them by a 64-bit descriptor in a ring slot, with the
 * ownership of each block recorded in shared memory so that nothing is ever copied, handed out
 * twice, or lost when a party dies.
 *
 * <p>Sender: {@link #allocate} a block, fill it through {@link #writeView}, claim a ring slot,
 * then {@link #handOff} the block and put the descriptor in the slot and commit. Claiming the
 * slot first means a full ring never strands a handed-off block; if the sender gives up before
 * the hand-off it {@link #abandon}s the block. Receiver: for a slot whose descriptor is not
 * {@link DataRegionDescriptor#NO_DATA}, {@link #accept} it, read {@link #readView}, and
 * {@link #release} it when done. Owner: {@link #reclaim} a dead or revoked party's blocks.
 *
 * <p>Every operation is lock-free and allocation-free, and safe against other threads and
 * processes using their own instances on the same memory. An instance itself belongs to one
 * thread (its views and allocation cursor are not shared), and attaching another is cheap.
 *
 * <p>A descriptor comes from a peer and is trusted for nothing: {@link #accept} and
 * {@link #release} bound-check every field before touching memory and answer any 64-bit value
 * with a rejection, counted in {@link #malformedDescriptorCount()}, rather than an exception.
 * The geometry is read once at attach, so a peer rewriting the header later cannot widen what
 * this instance will touch. What ownership cannot stop is a misbehaving sender that keeps
 * writing into a block it handed off: the shared bytes are both parties' memory, so a receiver
 * copies any field it validates before relying on it.
 */
public final class DataRegion extends org.exoos.ipc.fusion.CacheLinePadding {
    /** {@link #accept}: the index is beyond the block count. */
    public static final int REJECT_INDEX = -1;
    /** {@link #accept}: the length exceeds the block size. */
    public static final int REJECT_LENGTH = -2;
    /** {@link #accept}: generation 0 (no data) or not the block's: stale, reused or forged. */
    public static final int REJECT_GENERATION = -3;
    /** {@link #accept}: the block is not in flight (free, being written, already accepted, just reclaimed). */
    public static final int REJECT_STATE = -4;
    /** {@link #accept}: the block is in flight to another party. */
    public static final int REJECT_PARTY = -5;
    /** {@link #accept(long, int, int)}: the block was sent by another party than expected. */
    public static final int REJECT_SENDER = -6;

    /** A reclaim gives up on a block whose word keeps changing under it after this many tries. */
    private static final int RECLAIM_ATTEMPTS = 16;

    private final AtomicBuffer buffer;
    private final int baseOffset;
    private final int blockSize;
    private final int blockShift;
    private final int blockCount;
    /** Absolute offsets in {@link #buffer}. */
    private final int stateTableOffset;
    private final int blocksOffset;

    private final UnsafeBuffer writeView = new UnsafeBuffer();
    private final UnsafeBuffer readView = new UnsafeBuffer();
    /** Where the next allocation scan starts: just past the last block this instance took. */
    private int cursor;
    private volatile long malformedDescriptorCount;

    /**
     * Attaches to a region prepared by {@link #format} at {@code baseOffset} of {@code buffer}.
     *
     * @throws IllegalArgumentException if {@code baseOffset} is negative or not a multiple of 64
     * @throws IllegalStateException if the buffer holds no data region of this layout version at
     *     that offset, or its geometry is invalid, or the buffer is too short for it (truncated)
     */
    public DataRegion(final AtomicBuffer buffer, final int baseOffset) {
        checkBaseOffset(baseOffset);
        buffer.verifyAlignment();
        final long capacity = buffer.capacity();
        if (capacity < (long) baseOffset + HEADER_LENGTH) {
            throw new IllegalStateException("data region truncated: buffer capacity " + capacity
                + " ends before the header at " + baseOffset + ".." + (baseOffset + HEADER_LENGTH));
        }
        final int magic = buffer.getIntVolatile(baseOffset + MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new IllegalStateException("not a data region at offset " + baseOffset + ": magic 0x"
                + Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC)
                + " (unformatted or foreign buffer)");
        }
        final int version = buffer.getInt(baseOffset + LAYOUT_VERSION_OFFSET);
        if (version != LAYOUT_VERSION) {
            throw new IllegalStateException("data region layout version " + version
                + " is not supported, expected " + LAYOUT_VERSION);
        }
        final int size = buffer.getInt(baseOffset + BLOCK_SIZE_OFFSET);
        final int count = buffer.getInt(baseOffset + BLOCK_COUNT_OFFSET);
        final String problem = geometryProblem(size, count);
        if (problem != null) {
            throw new IllegalStateException("data region geometry is invalid: " + problem);
        }
        final long end = baseOffset + requiredCapacityLong(size, count);
        if (capacity < end) {
            throw new IllegalStateException("data region of " + count + " blocks of " + size + " bytes at offset "
                + baseOffset + " needs capacity " + end + " but the buffer has " + capacity + " (truncated)");
        }
        this.buffer = buffer;
        this.baseOffset = baseOffset;
        this.blockSize = size;
        this.blockShift = Integer.numberOfTrailingZeros(size);
        this.blockCount = count;
        this.stateTableOffset = baseOffset + STATE_TABLE_OFFSET;
        this.blocksOffset = baseOffset + blocksOffset(count);
    }

    /**
     * Initialises a region of {@code blockCount} blocks of {@code blockSize} bytes at
     * {@code baseOffset}, every block free. Bytes outside the region are not touched, and block
     * contents are not cleared. The magic is written last, with release, so an attacher that
     * sees it also sees the geometry and the table.
     *
     * @throws IllegalArgumentException if the geometry is invalid, {@code baseOffset} is not a
     *     non-negative multiple of 64, or the buffer is too short
     */
    public static void format(final AtomicBuffer buffer, final int baseOffset, final int blockSize,
                              final int blockCount) {
        checkBaseOffset(baseOffset);
        DataRegionDescriptor.checkGeometry(blockSize, blockCount);
        final long end = baseOffset + requiredCapacityLong(blockSize, blockCount);
        if (buffer.capacity() < end) {
            throw new IllegalArgumentException("a data region of " + blockCount + " blocks of " + blockSize
                + " bytes at offset " + baseOffset + " needs capacity " + end + ", buffer has " + buffer.capacity());
        }
        buffer.verifyAlignment();
        buffer.putIntRelease(baseOffset + MAGIC_OFFSET, 0);
        buffer.setMemory(baseOffset, blocksOffset(blockCount), (byte) 0);
        buffer.putInt(baseOffset + LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        buffer.putInt(baseOffset + BLOCK_SIZE_OFFSET, blockSize);
        buffer.putInt(baseOffset + BLOCK_COUNT_OFFSET, blockCount);
        final long free = freeWord(0);
        for (int i = 0; i < blockCount; i++) {
            buffer.putLong(baseOffset + STATE_TABLE_OFFSET + i * STATE_WORD_LENGTH, free);
        }
        buffer.putIntRelease(baseOffset + MAGIC_OFFSET, MAGIC);
    }

    private static void checkBaseOffset(final int baseOffset) {
        if (baseOffset < 0 || (baseOffset & (ALIGNMENT - 1)) != 0) {
            throw new IllegalArgumentException("data region base offset " + baseOffset
                + " is not a non-negative multiple of " + ALIGNMENT);
        }
    }

    // ---- sender -----------------------------------------------------------------------------

    /**
     * Takes a free block for {@code party} to write: FREE &rarr; WRITING, advancing the block's
     * generation. Scans from just past this instance's last allocation, so blocks released in
     * FIFO order are found at once; a full region costs one pass over the state table.
     *
     * @return the block index, or -1 if no block is free (back-pressure: nothing is taken over)
     * @throws IllegalArgumentException if {@code party} is outside 0..{@value DataRegionDescriptor#MAX_PARTY}
     */
    public int allocate(final int party) {
        checkParty(party, "allocating party");
        final int count = blockCount;
        int index = cursor;
        for (int scanned = 0; scanned < count; scanned++) {
            final int offset = stateOffset(index);
            final long word = buffer.getLongVolatile(offset);
            final int next = index + 1 == count ? 0 : index + 1;
            if (state(word) == FREE
                && buffer.compareAndSetLong(offset, word,
                    stateWord(nextGeneration(generation(word)), party, party, WRITING))) {
                cursor = next;
                return index;
            }
            index = next;
        }
        return -1;
    }

    /**
     * This instance's write view re-pointed at the whole of block {@code index}, for the writer
     * to fill in place. The same view object is returned on every call.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not a block
     */
    public MutableDirectBuffer writeView(final int index) {
        writeView.wrap(buffer, blockOffset(index), blockSize);
        return writeView;
    }

    /**
     * Passes block {@code index}, whose first {@code length} bytes {@code fromParty} has written,
     * to {@code toParty}: WRITING &rarr; IN_FLIGHT. A compare-and-set, not a plain release
     * store, so that a block reclaimed meanwhile is not brought back; it is also the release
     * that publishes the block's bytes to the reader.
     *
     * @return the descriptor to put in the ring slot (never {@link DataRegionDescriptor#NO_DATA})
     * @throws IllegalArgumentException for a bad index, party or length
     * @throws IllegalStateException if {@code fromParty} is not writing the block (never allocated
     *     it, handed it off already, or it was reclaimed)
     */
    public long handOff(final int index, final int length, final int fromParty, final int toParty) {
        checkIndex(index);
        checkParty(fromParty, "sending party");
        checkParty(toParty, "receiving party");
        if (length < 0 || length > blockSize) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + blockSize + " (the block size)");
        }
        final int offset = stateOffset(index);
        final long word = buffer.getLongVolatile(offset);
        if (state(word) != WRITING || holder(word) != fromParty) {
            throw new IllegalStateException("party " + fromParty + " cannot hand off block " + index
                + ": it is " + describeStateWord(word) + ", not WRITING by " + fromParty);
        }
        final int generation = generation(word);
        if (!buffer.compareAndSetLong(offset, word, stateWord(generation, fromParty, toParty, IN_FLIGHT))) {
            throw new IllegalStateException("block " + index + " changed during its hand-off by party "
                + fromParty + " (reclaimed?): now " + describeStateWord(buffer.getLongVolatile(offset)));
        }
        return descriptor(index, length, generation);
    }

    /**
     * Gives back a block {@code party} is writing without handing it off: WRITING &rarr; FREE.
     *
     * @return false, changing nothing, if {@code party} was not writing it (e.g. it was reclaimed)
     */
    public boolean abandon(final int index, final int party) {
        checkIndex(index);
        checkParty(party, "abandoning party");
        final int offset = stateOffset(index);
        final long word = buffer.getLongVolatile(offset);
        return state(word) == WRITING && holder(word) == party
            && buffer.compareAndSetLong(offset, word, freeWord(generation(word)));
    }

    // ---- receiver ---------------------------------------------------------------------------

    /**
     * Validates a descriptor from a peer and takes the block for reading: IN_FLIGHT to
     * {@code party} &rarr; ACCEPTED. Index, length and generation are checked before any state
     * word is read, so no 64-bit value leads outside the region. On success {@link #readView()}
     * covers the descriptor's bytes. A duplicated descriptor is refused the second time.
     *
     * @return the block's offset in {@link #buffer()} (at least 0), or a negative REJECT_ code,
     *     counted in {@link #malformedDescriptorCount()}
     * @throws IllegalArgumentException if {@code party} (the caller's own id) is invalid
     */
    public int accept(final long descriptor, final int party) {
        checkParty(party, "accepting party");
        return acceptFrom(descriptor, party, NO_PARTY);
    }

    /**
     * Like {@link #accept(long, int)}, and the block must have been sent by {@code fromParty}:
     * where more than two parties share a region, a peer that read another's descriptor off the
     * shared state table cannot pass that block off as its own.
     */
    public int accept(final long descriptor, final int party, final int fromParty) {
        checkParty(party, "accepting party");
        checkParty(fromParty, "expected sender");
        return acceptFrom(descriptor, party, fromParty);
    }

    private int acceptFrom(final long descriptor, final int party, final int fromParty) {
        final int reason = validate(descriptor);
        if (reason < 0) {
            return reject(reason);
        }
        final int index = descriptorIndex(descriptor);
        final int offset = stateOffset(index);
        final long word = buffer.getLongVolatile(offset);
        if (!sameGeneration(word, descriptor)) {
            return reject(REJECT_GENERATION);
        }
        if (state(word) != IN_FLIGHT) {
            return reject(REJECT_STATE);
        }
        if (holder(word) != party) {
            return reject(REJECT_PARTY);
        }
        if (fromParty != NO_PARTY && sender(word) != fromParty) {
            return reject(REJECT_SENDER);
        }
        // One attempt: the only rightful competitor is a reclaim, after which the block is not ours.
        if (!buffer.compareAndSetLong(offset, word, stateWord(generation(word), sender(word), party, ACCEPTED))) {
            return reject(REJECT_STATE);
        }
        final int blockOffset = blockOffset(index);
        readView.wrap(buffer, blockOffset, descriptorLength(descriptor));
        return blockOffset;
    }

    /** The bytes of the block last accepted by this instance; the same view object every time. */
    public DirectBuffer readView() {
        return readView;
    }

    /**
     * Whether {@code party} still holds the accepted block of {@code descriptor}: a reader that
     * may have been revoked checks this after reading and before acting on what it read.
     */
    public boolean isHeld(final long descriptor, final int party) {
        if (validate(descriptor) < 0) {
            return false;
        }
        final long word = buffer.getLongVolatile(stateOffset(descriptorIndex(descriptor)));
        return sameGeneration(word, descriptor) && state(word) == ACCEPTED && holder(word) == party;
    }

    /**
     * Frees a block {@code party} holds, accepted or still in flight to it (a receiver may drop
     * a message without reading it): &rarr; FREE, keeping the generation.
     *
     * @return false, changing nothing and counting a malformed descriptor, for a stale, forged
     *     or already released descriptor, or a block held by someone else
     */
    public boolean release(final long descriptor, final int party) {
        checkParty(party, "releasing party");
        final int reason = validate(descriptor);
        if (reason < 0) {
            reject(reason);
            return false;
        }
        final int offset = stateOffset(descriptorIndex(descriptor));
        final long word = buffer.getLongVolatile(offset);
        final int state = state(word);
        if (sameGeneration(word, descriptor) && (state == ACCEPTED || state == IN_FLIGHT) && holder(word) == party
            && buffer.compareAndSetLong(offset, word, freeWord(generation(word)))) {
            return true;
        }
        reject(REJECT_STATE);
        return false;
    }

    // ---- owner ------------------------------------------------------------------------------

    /**
     * Takes back, after {@code party} died or was revoked, every block it was writing, every
     * block in flight to it or accepted by it, and every block it sent that no one has accepted
     * yet; all become FREE, keeping their generation, so the party's descriptors are refused
     * from now on. Blocks it sent that a reader already accepted are left to that reader.
     *
     * @return how many blocks were taken back
     */
    public int reclaim(final int party) {
        checkParty(party, "party to reclaim from");
        int reclaimed = 0;
        for (int index = 0; index < blockCount; index++) {
            final int offset = stateOffset(index);
            for (int attempt = 0; attempt < RECLAIM_ATTEMPTS; attempt++) {
                final long word = buffer.getLongVolatile(offset);
                if (!isReclaimable(word, party)) {
                    break;
                }
                if (buffer.compareAndSetLong(offset, word, freeWord(generation(word)))) {
                    reclaimed++;
                    break;
                }
            }
        }
        return reclaimed;
    }

    private static boolean isReclaimable(final long word, final int party) {
        return switch (state(word)) {
            case WRITING, ACCEPTED -> holder(word) == party;
            case IN_FLIGHT -> holder(word) == party || sender(word) == party;
            default -> false;
        };
    }

    /**
     * Frees every block that is not already free, whatever its state word says (so it also
     * repairs a scribbled table). Only for a reset, while no party uses the region.
     *
     * @return how many blocks were not free
     */
    public int reclaimAll() {
        int reclaimed = 0;
        for (int index = 0; index < blockCount; index++) {
            final int offset = stateOffset(index);
            final long word = buffer.getLongVolatile(offset);
            final long free = freeWord(generation(word));
            if (word != free) {
                buffer.putLongVolatile(offset, free);
                reclaimed++;
            }
        }
        return reclaimed;
    }

    // ---- accounting (any thread) ------------------------------------------------------------

    /** Blocks free at the time of the scan. */
    public int freeBlocks() {
        int free = 0;
        for (int index = 0; index < blockCount; index++) {
            if (state(buffer.getLongVolatile(stateOffset(index))) == FREE) {
                free++;
            }
        }
        return free;
    }

    /** Blocks {@code party} is writing, or that are in flight to it or accepted by it. */
    public int blocksHeldBy(final int party) {
        checkParty(party, "party");
        int held = 0;
        for (int index = 0; index < blockCount; index++) {
            final long word = buffer.getLongVolatile(stateOffset(index));
            final int state = state(word);
            if ((state == WRITING || state == IN_FLIGHT || state == ACCEPTED) && holder(word) == party) {
                held++;
            }
        }
        return held;
    }

    /** Descriptors this instance refused in {@link #accept} or {@link #release}. */
    public long malformedDescriptorCount() {
        return malformedDescriptorCount;
    }

    /** Block {@code index}'s raw state word, decoded by {@link DataRegionDescriptor}'s helpers. */
    public long stateWordOf(final int index) {
        checkIndex(index);
        return buffer.getLongVolatile(stateOffset(index));
    }

    /**
     * Offset of block {@code index} in {@link #buffer()}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not a block
     */
    public int blockOffset(final int index) {
        checkIndex(index);
        return blocksOffset + (index << blockShift);
    }

    public int blockSize() {
        return blockSize;
    }

    public int blockCount() {
        return blockCount;
    }

    public int baseOffset() {
        return baseOffset;
    }

    public AtomicBuffer buffer() {
        return buffer;
    }

    // ---- internals --------------------------------------------------------------------------

    /** 0 if every field of {@code descriptor} is within the region's geometry, else a REJECT_ code. */
    private int validate(final long descriptor) {
        if (descriptorIndex(descriptor) >= blockCount) {
            return REJECT_INDEX;
        }
        if (descriptorLength(descriptor) > blockSize) {
            return REJECT_LENGTH;
        }
        if (descriptorGeneration(descriptor) == 0) {
            return REJECT_GENERATION;
        }
        return 0;
    }

    private static boolean sameGeneration(final long word, final long descriptor) {
        return (generation(word) & DESCRIPTOR_GENERATION_MASK) == descriptorGeneration(descriptor);
    }

    private int reject(final int reason) {
        malformedDescriptorCount++; // single writer: the thread that owns this instance
        return reason;
    }

    private int stateOffset(final int index) {
        return stateTableOffset + index * STATE_WORD_LENGTH;
    }

    private void checkIndex(final int index) {
        if (index < 0 || index >= blockCount) {
            throw new IndexOutOfBoundsException("block " + index + " outside 0.." + (blockCount - 1));
        }
    }

    private static void checkParty(final int party, final String role) {
        if (party < 0 || party > MAX_PARTY) {
            throw new IllegalArgumentException(role + " " + party + " outside 0.." + MAX_PARTY
                + " (" + NO_PARTY + " means none)");
        }
    }

    /** For logs: what a negative {@link #accept} result means. */
    public static String describeRejection(final int reason) {
        return switch (reason) {
            case REJECT_INDEX -> "block index out of range";
            case REJECT_LENGTH -> "length exceeds the block size";
            case REJECT_GENERATION -> "stale or forged generation";
            case REJECT_STATE -> "block not in flight";
            case REJECT_PARTY -> "block in flight to another party";
            case REJECT_SENDER -> "block sent by another party";
            default -> reason >= 0 ? "accepted" : "unknown rejection " + reason;
        };
    }
}
