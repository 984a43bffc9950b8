package org.exoos.ipc.fusion.shm;

import java.util.concurrent.TimeUnit;

/**
 * The child JVM of {@link CrossProcessDoorbellTest}: opens the region named by its argument and
 * answers {@link PingPongLayout#ROUND_TRIPS} pings. Exit status 0 on success, 2 if the parent went
 * quiet, 3 on a bad request; details go to stderr, which the parent captures to a file.
 */
public final class DoorbellPongChild {
    private static final long PATIENCE = TimeUnit.SECONDS.toNanos(20);

    private DoorbellPongChild() {
    }

    public static void main(final String[] args) throws Exception {
        try (SharedRegion region = SharedRegion.open(args[0], PingPongLayout.SIZE)) {
            final Doorbell ping = new Doorbell(region.segment(), PingPongLayout.PING_DOORBELL_OFFSET);
            final Doorbell pong = new Doorbell(region.segment(), PingPongLayout.PONG_DOORBELL_OFFSET);
            long seen = 0;
            for (int i = 1; i <= PingPongLayout.ROUND_TRIPS; i++) {
                final long now = ping.await(seen, 100, PATIENCE);
                if (now == seen) {
                    System.err.println("child: no ping " + i + " within " + PATIENCE + " ns");
                    System.exit(2);
                }
                seen = now;
                final long request = region.buffer().getLongVolatile(PingPongLayout.REQUEST_OFFSET);
                if (request != i) {
                    System.err.println("child: ping " + i + " carried request " + request);
                    System.exit(3);
                }
                region.buffer().putLongVolatile(PingPongLayout.REPLY_OFFSET, PingPongLayout.replyTo(request));
                pong.ring();
            }
        }
    }
}
