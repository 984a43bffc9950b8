package org.exoos.boot.bench.rings;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.cap.Rights;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.ipc.fusion.channel.ChannelPeer;
import org.exoos.ipc.fusion.channel.FusionChannel;

/**
 * Fusion rings between two JVMs, as Exo-OS components use them: one {@link FusionChannel} in
 * /dev/shm (its two rings, and a data region for messages over 40 bytes), created by this side,
 * which issues a capability; the echo child attaches with it ({@link ChannelPeer}), so every ring
 * operation on both sides pays the capability check. Directions are the channel's: this side
 * sends on the owner-to-peer ring ({@code replies()}) and receives on the peer-to-owner ring.
 * <ul>
 *   <li>{@code fusion_xproc}: rings without doorbells, both sides spin on drain.</li>
 *   <li>{@code fusion_futex}: rings with doorbells, both sides wait with
 *       {@link FusionRingWaiter#parking} after {@link #FUTEX_SPINS} spins.</li>
 *   <li>{@code fusion_futex_nospin}: the same with no spinning: every wait that finds the ring
 *       empty parks, so this one measures the futex path itself.</li>
 * </ul>
 */
final class FusionCrossProcess implements RoundTripTransport, ParkCounting {
    /**
     * Spins before parking in {@code fusion_futex}: about 4 µs on this project's 2-core AMD EPYC
     * VM (see RingBench's spin calibration line), well above a spinning round trip and far below
     * a futex wake.
     */
    static final int FUTEX_SPINS = 100;
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final int messageSize;
    /** -1: spin; otherwise the parking waiter's spin count. */
    private final int spins;
    private final UnsafeBuffer message;
    private final FusionReplyHandler replyHandler;
    private final FusionRingWaiter waiter;
    private FusionChannel channel;
    private FusionLink requests;
    private FusionLink replies;
    private EchoChild child;
    private SpinWatch watch;
    private boolean unlinked;

    /** @param spins -1 for pure spin on rings without doorbells, else the parking waiters' spin count */
    FusionCrossProcess(final String name, final int messageSize, final int spins) {
        this.name = name;
        this.messageSize = FusionLink.checkSize(name, messageSize, false);
        this.spins = spins;
        this.message = new UnsafeBuffer(EchoProtocol.newMessage(messageSize));
        this.replyHandler = new FusionReplyHandler(messageSize);
        this.waiter = spins < 0 ? null : FusionRingWaiter.parking(spins);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int messageSize() {
        return messageSize;
    }

    @Override
    public void start() throws IOException {
        final String prefix = "exo-bench-" + ProcessHandle.current().pid() + "-" + name;
        final boolean data = FusionLink.needsData(messageSize);
        channel = FusionChannel.create(prefix, new ChannelGeometry(FusionLink.SLOTS, waiter != null,
            data ? FusionLink.blockSize(messageSize) : 0, data ? FusionLink.DATA_BLOCKS : 0));
        final String capability = channel.issue(Rights.SEND_RECEIVE).encode();
        requests = new FusionLink(channel.replies(), data);
        replies = new FusionLink(channel.requests(), data);
        child = EchoChild.start(name, false, capability, Integer.toString(spins));
        watch = new SpinWatch(child);
        ChildHandshake.hello(this, watch);
        unlink(); // both sides have mapped them: leave nothing in /dev/shm if either dies
    }

    @Override
    public long roundTrip(final long sequence) {
        message.putLong(0, sequence);
        requests.send(sequence, message, 0, messageSize);
        final FusionReplyHandler reply = replyHandler;
        reply.received = false;
        watch.reset();
        if (waiter == null) {
            while (!reply.received) {
                if (replies.drain(reply, 1) == 0) {
                    watch.idle();
                }
            }
        } else {
            while (!reply.received) {
                if (replies.drain(reply, 1) == 0 && !waiter.awaitNotEmpty(replies.ring(), WAIT_SLICE_NANOS)) {
                    watch.check();
                }
            }
        }
        return reply.sequence;
    }

    @Override
    public boolean parks() {
        return waiter != null;
    }

    @Override
    public long clientParks() {
        return waiter != null ? waiter.parkCount() : 0;
    }

    @Override
    public long echoParks() {
        final long echoed = roundTrip(EchoProtocol.STATS);
        if (echoed != EchoProtocol.STATS) {
            throw new IllegalStateException(name + ": the park-count query was answered with sequence " + echoed);
        }
        return replyHandler.correlationId;
    }

    @Override
    public void close() {
        if (child != null) {
            child.stop(this, watch);
        }
        if (channel != null) {
            channel.close();
        }
    }

    /** Removes the channel's /dev/shm name once the child has attached: nothing is left if either dies. */
    private void unlink() throws IOException {
        if (!unlinked) {
            unlinked = true;
            channel.unlink();
        }
    }

    /** The child's side: {@code CAPABILITY SPINS}. */
    static void echoMain(final String[] args) throws IOException {
        final int spins = Integer.parseInt(args[2]);
        try (ChannelPeer peer = ChannelPeer.attach(args[1])) {
            final boolean data = peer.dataRegion() != null;
            final FusionEcho echo = new FusionEcho(new FusionLink(peer.replies(), data),
                new FusionLink(peer.requests(), data), spins < 0 ? null : FusionRingWaiter.parking(spins));
            echo.run(ChildHandshake::parentAlive);
        }
    }
}
