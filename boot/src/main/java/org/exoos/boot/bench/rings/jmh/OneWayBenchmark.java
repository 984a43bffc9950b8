package org.exoos.boot.bench.rings.jmh;

import static org.exoos.boot.bench.rings.jmh.OneWayWire.ECHO_PARTY;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.MAX_SIZE;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.MIN_SIZE;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.NO_DATA;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.SENDER_PARTY;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.SLOTS;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.TYPE_MEASURED;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.TYPE_STOP;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.TYPE_WARMUP;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.FusionMessageHandler;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.SharedFusionRing;
import org.exoos.ipc.fusion.SlotView;
import org.exoos.ipc.fusion.shm.SharedRegion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * One-way latency of the fusion rings: the time from the sender's {@link System#nanoTime()},
 * stamped into the message, to the receiver's, when it drains the message.
 *
 * <p>One message is in flight at a time, so this is latency on an idle ring, not queueing
 * delay: the benchmark thread stamps and sends a request, the {@link OneWayEcho} peer records
 * the forward trip, restamps and echoes, and the benchmark thread records the return trip. Both
 * legs cross the same kind of ring, so both are one-way latencies; they are stored apart as
 * {@code jmh-hdr-oneway-<ring>-<size>-fwd.hgrm} and {@code -ret.hgrm}. A peer JVM stores its
 * forward histogram itself when stopped. JMH's own score is the round trip of the pair, stamps
 * included. Messages over 40 bytes go through a data region ({@link OneWayWire}).
 *
 * <p>{@code ring}: {@code fusion} two threads of one JVM, spinning; {@code fusion_xproc} two
 * JVMs over /dev/shm, spinning; {@code fusion_futex} two JVMs, spinning
 * {@value OneWayEcho#FUTEX_SPINS} times and then parking on the futex doorbells;
 * {@code fusion_futex_nospin} the same, parking at once (the futex path itself).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OneWayBenchmark implements FusionMessageHandler {
    private static final int LIVENESS_CHECK_MASK = (1 << 16) - 1;
    private static final long PARK_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int SPIN_ONLY = -1;
    private static final int UNKNOWN_RING = -2;

    @Param({"fusion", "fusion_xproc", "fusion_futex", "fusion_futex_nospin"})
    public String ring;

    @Param({"8", "32", "40", "64", "256", "4096"})
    public int size;

    private OneToOneFusionRing requests;
    private OneToOneFusionRing replies;
    /** Null: pure spin. */
    private FusionRingWaiter waiter;
    private UnsafeBuffer payload;
    private TrialHistogram returnTrip;
    private int messageType = TYPE_WARMUP;
    private long sequence;
    private long replyCorrelationId;
    private int idleSpins;
    private boolean stallClockStarted;
    private long stallClockStart;

    // In-process peer.
    private TrialHistogram forwardTrip;
    private Thread localThread;
    private volatile Throwable localFailure;

    // Peer JVM: the shared memory is unlinked once it has attached.
    private SharedFusionRing sharedRequests;
    private SharedFusionRing sharedReplies;
    private SharedRegion requestData;
    private SharedRegion replyData;
    private boolean unlinked;
    private PeerJvm peerJvm;
    /** The part file the peer JVM stores its forward histogram in. */
    private Path peerForwardPart;

    /**
     * @return why this ring cannot carry {@code size}-byte messages here, or null if it can
     */
    static String unsupportedReason(final String ring, final int size) {
        if (parkAfterSpins(ring) == UNKNOWN_RING) {
            return "unknown ring '" + ring + "' (fusion, fusion_xproc, fusion_futex, fusion_futex_nospin)";
        }
        if (size < MIN_SIZE) {
            return size + " B cannot hold the 8-byte send stamp";
        }
        if (size > MAX_SIZE) {
            return size + " B exceeds the largest data-region block, " + MAX_SIZE + " B";
        }
        return null;
    }

    /** @return the parking waiter's spin count, {@link #SPIN_ONLY} or {@link #UNKNOWN_RING} */
    private static int parkAfterSpins(final String ring) {
        return switch (ring) {
            case "fusion", "fusion_xproc" -> SPIN_ONLY;
            case "fusion_futex" -> OneWayEcho.FUTEX_SPINS;
            case "fusion_futex_nospin" -> 0;
            default -> UNKNOWN_RING;
        };
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        final String unsupported = unsupportedReason(ring, size);
        if (unsupported != null) {
            throw new IllegalArgumentException("OneWayBenchmark " + ring + "/" + size + ": " + unsupported);
        }
        payload = new UnsafeBuffer(new byte[Math.max(size, FusionRingDescriptor.MAX_PAYLOAD_LENGTH)]);
        returnTrip = new TrialHistogram(histogramKey() + "-ret");
        summary(); // initialises the formatter now, not in the tear-down that -prof gc counts
        try {
            if (ring.equals("fusion")) {
                startThread();
            } else {
                startPeerJvm(parkAfterSpins(ring));
            }
            exchange(TYPE_WARMUP); // the peer is up: from here on each exchange is a timed one
            if (sharedRequests != null) {
                unlink(); // both sides have it all mapped: nothing is left in /dev/shm on a crash
            }
        } catch (final Exception | Error ex) {
            release(); // JMH calls no tear-down after a failed set-up
            throw ex;
        }
    }

    /**
     * Both sides attach ring objects of their own, as two JVMs would: one object shared by two
     * threads puts the producer's and the consumer's fields on the same cache lines.
     */
    private void startThread() throws IOException {
        final UnsafeBuffer requestRing = newRing();
        final UnsafeBuffer replyRing = newRing();
        UnsafeBuffer requestRegion = null;
        UnsafeBuffer replyRegion = null;
        if (OneWayWire.needsData(size)) {
            requestRegion = OneWayWire.offHeap(OneWayWire.dataRegionLength(size));
            replyRegion = OneWayWire.offHeap(OneWayWire.dataRegionLength(size));
            OneWayWire.formatDataRegion(requestRegion, size);
            OneWayWire.formatDataRegion(replyRegion, size);
        }
        requests = OneWayWire.attach(requestRing, requestRegion, SENDER_PARTY, ECHO_PARTY);
        replies = OneWayWire.attach(replyRing, replyRegion, ECHO_PARTY, SENDER_PARTY);
        forwardTrip = new TrialHistogram(histogramKey() + "-fwd");
        final OneWayEcho echo = new OneWayEcho(
            OneWayWire.attach(requestRing, requestRegion, SENDER_PARTY, ECHO_PARTY),
            OneWayWire.attach(replyRing, replyRegion, ECHO_PARTY, SENDER_PARTY),
            null, null, size, forwardTrip.histogram());
        localThread = new Thread(() -> {
            echo.serve();
            echo.acknowledgeStop();
        }, "oneway-echo");
        localThread.setDaemon(true);
        localThread.setUncaughtExceptionHandler((thread, failure) -> localFailure = failure);
        localThread.start();
    }

    private static UnsafeBuffer newRing() {
        final UnsafeBuffer memory = OneWayWire.offHeap(FusionRingDescriptor.requiredCapacity(SLOTS));
        OneToOneFusionRing.format(memory, SLOTS);
        return memory;
    }

    private void startPeerJvm(final int spins) throws IOException {
        final boolean futex = spins != SPIN_ONLY;
        final String base = "exo-jmh-oneway-" + ProcessHandle.current().pid() + "-" + ring + "-" + size;
        sharedRequests = SharedFusionRing.create(base + "-req", SLOTS, futex);
        sharedReplies = SharedFusionRing.create(base + "-rep", SLOTS, futex);
        if (OneWayWire.needsData(size)) {
            requestData = SharedRegion.create(base + "-reqdata", OneWayWire.dataRegionLength(size));
            replyData = SharedRegion.create(base + "-repdata", OneWayWire.dataRegionLength(size));
            OneWayWire.formatDataRegion(requestData.buffer(), size);
            OneWayWire.formatDataRegion(replyData.buffer(), size);
        }
        requests = OneWayWire.attach(sharedRequests.ring().buffer(), requestData == null ? null : requestData.buffer(),
            SENDER_PARTY, ECHO_PARTY);
        replies = OneWayWire.attach(sharedReplies.ring().buffer(), replyData == null ? null : replyData.buffer(),
            ECHO_PARTY, SENDER_PARTY);
        waiter = futex ? FusionRingWaiter.parking(spins) : null;
        peerForwardPart = HistogramFiles.partFile(histogramKey() + "-fwd");
        peerJvm = PeerJvm.start(OneWayEcho.class, base + "-req", base + "-rep", futex ? Integer.toString(spins) : "spin",
            Integer.toString(size), requestData == null ? NO_DATA : base + "-reqdata",
            replyData == null ? NO_DATA : base + "-repdata", peerForwardPart.toString());
    }

    @Setup(Level.Iteration)
    public void startIteration(final IterationParams iteration) {
        messageType = iteration.getType() == IterationType.MEASUREMENT ? TYPE_MEASURED : TYPE_WARMUP;
    }

    @Benchmark
    public long oneWay() {
        return exchange(messageType);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            exchange(TYPE_STOP); // answered once the peer has stored its forward histogram
            if (localThread != null) {
                localThread.join(TimeUnit.SECONDS.toMillis(10));
                forwardTrip.store();
            } else if (!HistogramFiles.runNamed()) {
                HistogramFiles.writeDistribution(histogramKey() + "-fwd"); // RingJmh would add it up
                Files.deleteIfExists(peerForwardPart);
            }
            returnTrip.store();
            System.out.print(summary());
        } finally {
            release();
        }
    }

    private String summary() {
        final Histogram back = returnTrip.histogram();
        return String.format("%n[one-way %s %d B] return trip p50 %d ns p99 %d ns max %d ns (%d messages)%n",
            ring, size, back.getValueAtPercentile(50), back.getValueAtPercentile(99), back.getMaxValue(),
            back.getTotalCount());
    }

    private String histogramKey() {
        return "jmh-hdr-oneway-" + ring + "-" + size;
    }

    /** Stops what {@link #setUp()} started, as far as it got: a peer JVM still running is killed. */
    private void release() throws IOException {
        if (peerJvm != null) {
            peerJvm.close();
        }
        if (!unlinked) {
            unlink();
        }
        for (final AutoCloseable shared : new AutoCloseable[] {sharedRequests, sharedReplies, requestData, replyData}) {
            if (shared != null) {
                try {
                    shared.close();
                } catch (final Exception ex) {
                    throw new IOException("unmapping a ring or data region failed", ex);
                }
            }
        }
    }

    private void unlink() throws IOException {
        unlinked = true;
        if (sharedRequests != null) {
            sharedRequests.unlink();
        }
        if (sharedReplies != null) {
            sharedReplies.unlink();
        }
        if (requestData != null) {
            requestData.unlink();
        }
        if (replyData != null) {
            replyData.unlink();
        }
    }

    /** Sends one stamped request and waits for its echo; records the return trip if measured. */
    private long exchange(final int type) {
        final long id = ++sequence;
        payload.putLong(0, System.nanoTime());
        OneWayWire.send(requests, type, id, payload, size);
        idleSpins = 0;
        stallClockStarted = false;
        while (replies.drain(this, 1) == 0) {
            if (waiter == null) {
                Thread.onSpinWait();
                if ((++idleSpins & LIVENESS_CHECK_MASK) == 0) {
                    checkPeer();
                }
            } else if (!waiter.awaitNotEmpty(replies, PARK_CHECK_NANOS)) {
                checkPeer();
            }
        }
        if (replyCorrelationId != id) {
            throw new IllegalStateException("echo carried id " + replyCorrelationId + ", expected " + id);
        }
        return id;
    }

    @Override
    public void onMessage(final SlotView message) {
        final long now = System.nanoTime();
        replyCorrelationId = message.correlationId();
        if (message.type() == TYPE_MEASURED) {
            returnTrip.record(now - OneWayWire.stamp(message));
        }
    }

    /** The slow path of a wait: a dead or stalled peer fails the trial instead of hanging it. */
    private void checkPeer() {
        if (peerJvm != null) {
            peerJvm.checkAlive();
        } else if (!localThread.isAlive()) {
            throw new IllegalStateException("the echo thread died", localFailure);
        }
        final long now = System.nanoTime();
        if (!stallClockStarted) {
            stallClockStarted = true;
            stallClockStart = now;
        } else if (now - stallClockStart > STALL_NANOS) {
            throw new IllegalStateException("no echo within " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s");
        }
    }
}
