package org.exoos.boot.bench.rings;

import org.exoos.ipc.fusion.FusionMessageHandler;
import org.exoos.ipc.fusion.SlotView;

/** The client's handler for echoes: keeps the sequence and correlation id of the last one. */
final class FusionReplyHandler implements FusionMessageHandler {
    private final int expectedLength;
    boolean received;
    long sequence;
    long correlationId;

    FusionReplyHandler(final int expectedLength) {
        this.expectedLength = expectedLength;
    }

    @Override
    public void onMessage(final SlotView message) {
        // A truncated echo cannot carry the sequence: report it as one that matches nothing.
        sequence = FusionLink.length(message) == expectedLength
            ? FusionLink.bytes(message).getLong(FusionLink.offset(message)) : Long.MIN_VALUE;
        correlationId = message.correlationId();
        received = true;
    }
}
