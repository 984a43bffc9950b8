package org.exoos.ipc.fusion.cap;

/**
 * The life of a capability, as stored in its entry's state word in shared memory:
 * {@code generation << 8 | state}. Only the owner moves an entry to ISSUED, REVOKED, DEAD or FREE;
 * only the holder moves it from ISSUED to ATTACHED (by CAS, so a token attaches at most once).
 *
 * <pre>
 *   FREE --issue--&gt; ISSUED --attach--&gt; ATTACHED
 *                     |                    |
 *                     +--revoke--&gt; REVOKED &lt;--revoke--+
 *                                          |
 *                     ATTACHED --holder died--&gt; DEAD
 *   REVOKED, DEAD --reset--&gt; FREE (then issue again, with the next generation)
 * </pre>
 */
public final class CapabilityState {
    public static final int FREE = 0;
    public static final int ISSUED = 1;
    public static final int ATTACHED = 2;
    public static final int REVOKED = 3;
    public static final int DEAD = 4;

    public static final int STATE_MASK = 0xFF;
    public static final int GENERATION_SHIFT = 8;
    /** Generations are 24 bits and never 0, so a zeroed entry matches no capability. */
    public static final int GENERATION_MASK = 0xFF_FFFF;

    private CapabilityState() {
    }

    public static int word(final int generation, final int state) {
        return generation << GENERATION_SHIFT | state;
    }

    public static int generation(final int word) {
        return word >>> GENERATION_SHIFT;
    }

    public static int state(final int word) {
        return word & STATE_MASK;
    }

    /** The generation after {@code generation}, skipping 0. */
    public static int nextGeneration(final int generation) {
        final int next = (generation + 1) & GENERATION_MASK;
        return next == 0 ? 1 : next;
    }

    public static String name(final int state) {
        return switch (state) {
            case FREE -> "free";
            case ISSUED -> "issued";
            case ATTACHED -> "attached";
            case REVOKED -> "revoked";
            case DEAD -> "dead (holder exited)";
            default -> "corrupt state " + state;
        };
    }
}
