package org.exoos.boot.bench.rings;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.DataPath;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.SharedFusionRing;
import org.exoos.ipc.fusion.data.DataRegion;
import org.exoos.ipc.fusion.data.DataRegionDescriptor;
import org.exoos.ipc.fusion.shm.SharedRegion;

/**
 * Fusion rings between two JVMs: a request and a reply {@link SharedFusionRing}, each in its own
 * /dev/shm region (plus a data region per direction for messages over 40 bytes), the echo in a
 * child JVM.
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
    private static final long STOP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The child's argument for "no data region". */
    private static final String NO_DATA = "-";

    private final String name;
    private final int messageSize;
    /** -1: spin; otherwise the parking waiter's spin count. */
    private final int spins;
    private final UnsafeBuffer message;
    private final FusionReplyHandler replyHandler;
    private final FusionRingWaiter waiter;
    private SharedFusionRing requestRegion;
    private SharedFusionRing replyRegion;
    /** Data regions, one per direction, only for messages over the inline size. */
    private SharedRegion requestData;
    private SharedRegion replyData;
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
        requestRegion = SharedFusionRing.create(prefix + "-req", FusionLink.SLOTS, waiter != null);
        replyRegion = SharedFusionRing.create(prefix + "-rep", FusionLink.SLOTS, waiter != null);
        if (FusionLink.needsData(messageSize)) {
            requestData = newDataRegion(prefix + "-reqdata", messageSize);
            replyData = newDataRegion(prefix + "-repdata", messageSize);
        }
        requests = link(requestRegion, requestData, FusionLink.CLIENT_PARTY, FusionLink.ECHO_PARTY);
        replies = link(replyRegion, replyData, FusionLink.ECHO_PARTY, FusionLink.CLIENT_PARTY);
        child = EchoChild.start(name, false, requestRegion.region().name(), replyRegion.region().name(),
            Integer.toString(spins), requestData != null ? requestData.name() : NO_DATA,
            replyData != null ? replyData.name() : NO_DATA);
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
            if (child.process().isAlive()) {
                watch.timeoutNanos(STOP_TIMEOUT_NANOS);
                try {
                    roundTrip(EchoProtocol.STOP);
                } catch (final RuntimeException e) {
                    child.kill();
                }
            }
            child.close();
        }
        try {
            unlink();
        } catch (final IOException e) {
            // best effort: a leftover /dev/shm name is harmless and named after this pid
        }
        if (requestRegion != null) {
            requestRegion.close();
        }
        if (replyRegion != null) {
            replyRegion.close();
        }
        if (requestData != null) {
            requestData.close();
        }
        if (replyData != null) {
            replyData.close();
        }
    }

    private void unlink() throws IOException {
        if (!unlinked) {
            unlinked = true;
            for (final SharedRegion region : new SharedRegion[] {
                requestRegion != null ? requestRegion.region() : null,
                replyRegion != null ? replyRegion.region() : null, requestData, replyData}) {
                if (region != null) {
                    region.unlink();
                }
            }
        }
    }

    private static SharedRegion newDataRegion(final String name, final int messageSize) throws IOException {
        final SharedRegion region = SharedRegion.create(name, FusionLink.dataRegionLength(messageSize));
        DataRegion.format(region.buffer(), 0, FusionLink.blockSize(messageSize), FusionLink.DATA_BLOCKS);
        return region;
    }

    /** A one-to-one link over a shared ring, with a data path if {@code data} is not null. */
    private static FusionLink link(final SharedFusionRing ring, final SharedRegion data, final int producerParty,
                                   final int consumerParty) {
        return new FusionLink(ring.ring().buffer(), false,
            data != null ? new DataPath(data.buffer(), 0, producerParty, consumerParty) : null);
    }

    private static SharedRegion openData(final String name) throws IOException {
        return name.equals(NO_DATA) ? null : SharedRegion.open(name, DataRegionDescriptor.HEADER_LENGTH);
    }

    /** The child's side: {@code REQUEST_RING REPLY_RING SPINS REQUEST_DATA REPLY_DATA} ({@value #NO_DATA}: none). */
    static void echoMain(final String[] args) throws IOException {
        final int spins = Integer.parseInt(args[3]);
        try (SharedFusionRing requestRing = SharedFusionRing.open(args[1]);
             SharedFusionRing replyRing = SharedFusionRing.open(args[2]);
             SharedRegion requestData = openData(args[4]);
             SharedRegion replyData = openData(args[5])) {
            final FusionEcho echo = new FusionEcho(
                link(requestRing, requestData, FusionLink.CLIENT_PARTY, FusionLink.ECHO_PARTY),
                link(replyRing, replyData, FusionLink.ECHO_PARTY, FusionLink.CLIENT_PARTY),
                spins < 0 ? null : FusionRingWaiter.parking(spins));
            echo.run(ChildHandshake::parentAlive);
        }
    }
}
