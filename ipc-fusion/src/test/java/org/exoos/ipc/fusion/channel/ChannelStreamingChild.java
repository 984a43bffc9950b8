package org.exoos.ipc.fusion.channel;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.OneToOneFusionRing;

/**
 * The child JVM of {@link ChannelPeerDeathTest}: attaches with the capability in its first
 * argument and streams the number of requests its second argument says (-1: until killed), in
 * sequence, inline and zero-copy by turns ({@link ChannelPayloads}), parking when the channel is
 * full. Prints "attached" once attached. Exit 0 after a finite stream, 2 on a stall, 3 if the
 * capability ended.
 */
public final class ChannelStreamingChild {
    private static final long PATIENCE = TimeUnit.SECONDS.toNanos(30);

    private ChannelStreamingChild() {
    }

    public static void main(final String[] args) throws Exception {
        final long count = Long.parseLong(args[1]);
        try (ChannelPeer peer = ChannelPeer.attach(args[0])) {
            System.out.println("attached");
            System.out.flush();
            final OneToOneFusionRing out = peer.requests();
            final FusionRingWaiter waiter = FusionRingWaiter.parking(200);
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[ChannelPayloads.MAX_SIZE]);
            for (long sequence = 0; count < 0 || sequence < count; ) {
                final int size = ChannelPayloads.fill(scratch, sequence);
                final OfferStatus status = size <= FusionRingDescriptor.MAX_PAYLOAD_LENGTH
                    ? out.offer(ChannelPayloads.TYPE, sequence, scratch, 0, size)
                    : out.offerData(ChannelPayloads.TYPE, sequence, scratch, 0, size);
                switch (status) {
                    case OK -> sequence++;
                    case FULL, DATA_FULL -> {
                        if (!waiter.awaitFreeSlots(out, 1, PATIENCE) && status == OfferStatus.FULL) {
                            exit(2, "no room for request " + sequence);
                        }
                        if (status == OfferStatus.DATA_FULL) {
                            Thread.yield(); // blocks come back as the owner drains; no doorbell for them
                        }
                    }
                    case REVOKED -> exit(3, "capability ended at request " + sequence + ": " + peer.status());
                    default -> exit(2, "request " + sequence + " answered " + status);
                }
            }
            System.err.println("child: sent " + count + " requests");
        }
    }

    private static void exit(final int status, final String message) {
        System.err.println("child: " + message);
        System.exit(status);
    }
}
