package org.exoos.boot.bench.rings;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.agrona.DirectBuffer;
import org.exoos.ipc.fusion.FusionMessageHandler;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.SlotView;

/**
 * The echo side of the fusion transports, in a thread or a child JVM: drains requests and offers
 * each one's bytes straight from its slot (or data block) into the reply ring. A request
 * carrying {@link EchoProtocol#STATS} is answered with this side's park count in the correlation
 * id; one carrying {@link EchoProtocol#STOP} is echoed, then the loop returns.
 */
final class FusionEcho implements FusionMessageHandler {
    private static final int IDLE_CHECK_MASK = (1 << 20) - 1;
    private static final long PARK_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final FusionLink requests;
    private final FusionLink replies;
    /** Null: spin. */
    private final FusionRingWaiter waiter;
    private boolean stopRequested;

    FusionEcho(final FusionLink requests, final FusionLink replies, final FusionRingWaiter waiter) {
        this.requests = requests;
        this.replies = replies;
        this.waiter = waiter;
    }

    /** Echoes until told to stop or, checked when idle, until {@code keepGoing} turns false. */
    void run(final BooleanSupplier keepGoing) {
        int idle = 0;
        while (!stopRequested) {
            if (requests.drain(this, 16) != 0) {
                idle = 0;
                continue;
            }
            if (waiter != null) {
                if (!waiter.awaitNotEmpty(requests.ring(), PARK_SLICE_NANOS) && !keepGoing.getAsBoolean()) {
                    return;
                }
            } else {
                SpinWatch.pause(++idle);
                if ((idle & IDLE_CHECK_MASK) == 0 && !keepGoing.getAsBoolean()) {
                    return;
                }
            }
        }
    }

    @Override
    public void onMessage(final SlotView message) {
        final DirectBuffer bytes = FusionLink.bytes(message);
        final int offset = FusionLink.offset(message);
        final int length = FusionLink.length(message);
        final long sequence = length >= EchoProtocol.MIN_MESSAGE_SIZE ? bytes.getLong(offset) : Long.MIN_VALUE;
        final long correlationId = sequence == EchoProtocol.STATS
            ? (waiter != null ? waiter.parkCount() : 0) : message.correlationId();
        replies.send(correlationId, bytes, offset, length);
        if (sequence == EchoProtocol.STOP) {
            stopRequested = true;
        }
    }
}
