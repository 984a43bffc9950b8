package org.exoos.ipc.fusion.shm;

/**
 * Layout of a {@link Doorbell}: two 32-bit words in native byte order.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |            Sequence (unsigned, wraps; the futex word)         |
 *  +---------------------------------------------------------------+  4
 *  |            Sleepers (threads between "I sleep" and awake)     |
 *  +---------------------------------------------------------------+  8
 * </pre>
 *
 * The doorbell's offset must be 4-byte aligned. Both words are written by both sides on the
 * slow path, so they share one line; give the doorbell a cache-line pair of its own
 * ({@link #RECOMMENDED_SPACING} bytes) so that ringing it does not disturb ring positions.
 */
public final class DoorbellDescriptor {
    public static final int SEQUENCE_OFFSET = 0;
    public static final int SLEEPERS_OFFSET = 4;
    /** Bytes a doorbell occupies. */
    public static final int LENGTH = 8;
    /** Alignment the doorbell's offset needs (futex words are 4-byte aligned). */
    public static final int ALIGNMENT = 4;
    /** Two 64-byte lines: x86 adjacent-line prefetch moves lines in pairs. */
    public static final int RECOMMENDED_SPACING = 128;

    private DoorbellDescriptor() {
    }
}
