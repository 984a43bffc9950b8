package org.exoos.ipc.fusion;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The child JVM of {@link CrossProcessFusionRingTest}: opens the request ring and the reply ring
 * named by its first two arguments and answers as many requests as the third says, each with
 * the request's correlation id and {@link #replyTo} of its payload, parking while idle. Exit
 * status 0 on success, 2 if the parent went quiet, 3 on a bad request; details go to stderr.
 */
public final class FusionRingEchoChild {
    static final int REQUEST_TYPE = 10;
    static final int REPLY_TYPE = 11;
    static final long SPINS_BEFORE_PARKING = 1000;
    private static final long PATIENCE = TimeUnit.SECONDS.toNanos(20);

    private FusionRingEchoChild() {
    }

    /** The child's reply to a request carrying {@code value}. */
    static long replyTo(final long value) {
        return value * 31 + 7;
    }

    public static void main(final String[] args) throws Exception {
        final long requests = Long.parseLong(args[2]);
        try (SharedFusionRing requestRing = SharedFusionRing.open(args[0]);
             SharedFusionRing replyRing = SharedFusionRing.open(args[1])) {
            final OneToOneFusionRing in = requestRing.ring();
            final OneToOneFusionRing out = replyRing.ring();
            final FusionRingWaiter inWaiter = FusionRingWaiter.parking(SPINS_BEFORE_PARKING);
            final FusionRingWaiter outWaiter = FusionRingWaiter.parking(SPINS_BEFORE_PARKING);
            final UnsafeBuffer reply = new UnsafeBuffer(new byte[Long.BYTES]);
            final long[] answered = {0};
            final FusionMessageHandler handler = m -> {
                final long value = m.buffer().getLong(m.payloadOffset());
                if (m.type() != REQUEST_TYPE || m.payloadLength() != Long.BYTES || value != m.correlationId()) {
                    exit(3, "request " + answered[0] + " is type " + m.type() + ", length " + m.payloadLength()
                        + ", value " + value + ", correlation id " + m.correlationId());
                }
                reply.putLong(0, replyTo(value));
                while (out.offer(REPLY_TYPE, m.correlationId(), reply, 0, Long.BYTES) != OfferStatus.OK) {
                    if (!outWaiter.awaitFreeSlots(out, 1, PATIENCE)) {
                        exit(2, "no room for reply " + answered[0] + " within " + PATIENCE + " ns");
                    }
                }
                answered[0]++;
            };
            while (answered[0] < requests) {
                if (!inWaiter.awaitNotEmpty(in, PATIENCE)) {
                    exit(2, "no request " + answered[0] + " within " + PATIENCE + " ns");
                }
                in.drain(handler, in.slotCount());
            }
            System.err.println("child: answered " + answered[0] + " requests, parked " + inWaiter.parkCount()
                + " times waiting for them");
        }
    }

    private static void exit(final int status, final String message) {
        System.err.println("child: " + message);
        System.exit(status);
    }
}
