package org.exoos.ipc.fusion.shm;

/** The region shared by {@link CrossProcessDoorbellTest} and {@link DoorbellPongChild}. */
final class PingPongLayout {
    /** Parent to child: "a new request word is ready". */
    static final int PING_DOORBELL_OFFSET = 0;
    /** Child to parent: "the reply word is ready". */
    static final int PONG_DOORBELL_OFFSET = DoorbellDescriptor.RECOMMENDED_SPACING;
    static final int REQUEST_OFFSET = DoorbellDescriptor.RECOMMENDED_SPACING * 2;
    static final int REPLY_OFFSET = DoorbellDescriptor.RECOMMENDED_SPACING * 3;
    static final int SIZE = DoorbellDescriptor.RECOMMENDED_SPACING * 4;
    static final int ROUND_TRIPS = 1_000;
    /** The child's reply to request {@code r}. */
    static long replyTo(final long request) {
        return request * 31 + 7;
    }

    private PingPongLayout() {
    }
}
