package org.exoos.ipc.fusion.cap;

import org.agrona.concurrent.AtomicBuffer;

/**
 * What a ring endpoint checks on every operation: that the capability it was attached under is
 * still the same generation and still issued or attached. One volatile load of a word that only
 * changes on attach, revoke, death or reset, so the line stays shared in every cache and the check
 * costs about a nanosecond. Revocation is therefore seen by the very next operation.
 */
public final class CapabilityGuard {
    private final AtomicBuffer buffer;
    private final int wordOffset;
    private final int generation;
    private final boolean drainsAfterEnd;

    /**
     * The holder's guard on the state word at {@code wordOffset} of {@code buffer}, for
     * {@code generation}: every operation fails once the capability is no longer live.
     */
    public CapabilityGuard(final AtomicBuffer buffer, final int wordOffset, final int generation) {
        this(buffer, wordOffset, generation, false);
    }

    /**
     * A guard whose rings may still drain after the capability ended (revoked, or its holder
     * gone), until the owner resets the channel: the owner's guard, so that what a peer fully
     * published before closing or dying is not lost. Offers fail as soon as it ends.
     */
    public static CapabilityGuard forOwner(final AtomicBuffer buffer, final int wordOffset, final int generation) {
        return new CapabilityGuard(buffer, wordOffset, generation, true);
    }

    private CapabilityGuard(final AtomicBuffer buffer, final int wordOffset, final int generation,
                            final boolean drainsAfterEnd) {
        if ((generation & ~CapabilityState.GENERATION_MASK) != 0 || generation == 0) {
            throw new IllegalArgumentException("capability generation " + generation + " outside 1..2^24-1");
        }
        buffer.boundsCheck(wordOffset, Integer.BYTES);
        this.buffer = buffer;
        this.wordOffset = wordOffset;
        this.generation = generation;
        this.drainsAfterEnd = drainsAfterEnd;
    }

    /**
     * Whether a drain may go on: while live, and for an owner's guard also after the capability
     * ended, until a reset frees the entry or a new generation replaces it.
     */
    public boolean mayDrain() {
        if (!drainsAfterEnd) {
            return isLive();
        }
        final int word = buffer.getIntVolatile(wordOffset);
        return word >>> CapabilityState.GENERATION_SHIFT == generation
            && (word & CapabilityState.STATE_MASK) != CapabilityState.FREE;
    }

    /** Whether the capability is still the one attached and neither revoked nor dead. */
    public boolean isLive() {
        final int word = buffer.getIntVolatile(wordOffset);
        final int state = word & CapabilityState.STATE_MASK;
        return word >>> CapabilityState.GENERATION_SHIFT == generation
            && (state == CapabilityState.ISSUED || state == CapabilityState.ATTACHED);
    }

    /** Why the guard fails now, for an error message (not a hot path). */
    public String describe() {
        final int word = buffer.getIntVolatile(wordOffset);
        final int current = CapabilityState.generation(word);
        if (current != generation) {
            return "capability generation " + generation + " was replaced by generation " + current
                + " (the channel was reset)";
        }
        return "capability generation " + generation + " is " + CapabilityState.name(CapabilityState.state(word));
    }

    public int generation() {
        return generation;
    }
}
