package org.exoos.boot.bench.rings.jmh;

import static org.exoos.boot.bench.rings.jmh.OneWayWire.ECHO_PARTY;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.NO_DATA;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.SENDER_PARTY;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.TYPE_MEASURED;
import static org.exoos.boot.bench.rings.jmh.OneWayWire.TYPE_STOP;

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
import org.exoos.ipc.fusion.data.DataRegionDescriptor;
import org.exoos.ipc.fusion.shm.SharedRegion;

/**
 * The far side of {@link OneWayBenchmark}: takes each request off one ring, records how long it
 * travelled (its own {@link System#nanoTime()} minus the sender's stamp), restamps it and sends
 * it back, same type, id and length, on the other ring.
 *
 * <p>The stamps compare across processes because HotSpot's nanoTime is Linux's
 * CLOCK_MONOTONIC, one clock for every process of the host. Only measured requests are
 * recorded, so warm-up stays out of the histogram. A stop request ends {@link #serve()}
 * unanswered: the owner stores the histogram, then calls {@link #acknowledgeStop()}, so the
 * sender sees the histogram complete when the answer arrives.
 *
 * <p>Runs as a thread of the benchmark's JVM, or through {@link #main} as a JVM of its own on
 * rings in /dev/shm, which then gives up if its parent dies.
 */
public final class OneWayEcho implements FusionMessageHandler {
    /**
     * Spins before parking in {@code fusion_futex}: the round-trip transport's count (about 2 µs
     * here), so both benchmarks mean the same mode; {@code fusion_futex_nospin} parks at once.
     */
    static final int FUTEX_SPINS = 200;
    private static final int LIVENESS_CHECK_MASK = (1 << 20) - 1;
    private static final long PARK_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final OneToOneFusionRing requests;
    private final OneToOneFusionRing replies;
    /** Null: pure spin. */
    private final FusionRingWaiter waiter;
    /** Null in-process; in a peer JVM, the benchmark's JVM. */
    private final ProcessHandle parent;
    private final Histogram forward;
    private final UnsafeBuffer scratch;
    private int type;
    private long correlationId;
    private int length;

    /**
     * @param size the message size, for the scratch copy
     * @param forward where the forward trips go, pre-allocated by the owner
     */
    OneWayEcho(final OneToOneFusionRing requests, final OneToOneFusionRing replies, final FusionRingWaiter waiter,
               final ProcessHandle parent, final int size, final Histogram forward) {
        this.requests = requests;
        this.replies = replies;
        this.waiter = waiter;
        this.parent = parent;
        this.scratch = new UnsafeBuffer(new byte[Math.max(size, FusionRingDescriptor.MAX_PAYLOAD_LENGTH)]);
        this.forward = forward;
    }

    /** Echoes requests until a stop request arrives, which it leaves unanswered. */
    void serve() {
        long idle = 0;
        while (true) {
            if (requests.drain(this, 1) == 0) {
                if (waiter == null) {
                    Thread.onSpinWait();
                    if ((++idle & LIVENESS_CHECK_MASK) == 0) {
                        checkParent();
                    }
                } else if (!waiter.awaitNotEmpty(requests, PARK_CHECK_NANOS)) {
                    checkParent();
                }
                continue;
            }
            if (type == TYPE_STOP) {
                return;
            }
            scratch.putLong(0, System.nanoTime());
            OneWayWire.send(replies, type, correlationId, scratch, length);
        }
    }

    /** Answers the stop request; call once the histogram is stored. */
    void acknowledgeStop() {
        OneWayWire.send(replies, type, correlationId, scratch, length);
    }

    @Override
    public void onMessage(final SlotView message) {
        final long now = System.nanoTime();
        type = message.type();
        correlationId = message.correlationId();
        if (type == TYPE_MEASURED) {
            HistogramFiles.record(forward, now - OneWayWire.stamp(message));
        }
        length = OneWayWire.copyPayload(message, scratch);
    }

    private void checkParent() {
        if (parent != null && !parent.isAlive()) {
            throw new IllegalStateException("the benchmark JVM (pid " + parent.pid() + ") is gone");
        }
    }

    /**
     * {@code REQUEST_RING REPLY_RING WAIT SIZE REQUEST_DATA REPLY_DATA HISTOGRAM_FILE}: WAIT is
     * {@code spin} or the parking waiter's spin count, a data region {@value OneWayWire#NO_DATA}
     * if there is none. Serves until stopped, then stores the forward histogram in
     * HISTOGRAM_FILE (the benchmark's part file for it) before answering the stop.
     */
    public static void main(final String[] args) throws Exception {
        if (args.length != 7 || !(args[2].equals("spin") || args[2].matches("[0-9]+"))) {
            System.err.println("usage: OneWayEcho REQUEST_RING REPLY_RING spin|PARK_AFTER_SPINS SIZE"
                + " REQUEST_DATA|- REPLY_DATA|- HISTOGRAM_FILE");
            System.exit(2);
        }
        final ProcessHandle parent = ProcessHandle.current().parent()
            .orElseThrow(() -> new IllegalStateException("no parent process to serve"));
        final int size = Integer.parseInt(args[3]);
        try (SharedFusionRing requestRing = SharedFusionRing.open(args[0]);
             SharedFusionRing replyRing = SharedFusionRing.open(args[1]);
             SharedRegion requestData = openData(args[4]);
             SharedRegion replyData = openData(args[5])) {
            final FusionRingWaiter waiter = args[2].equals("spin") ? null : FusionRingWaiter.parking(Long.parseLong(args[2]));
            final Histogram forward = HistogramFiles.newHistogram();
            final OneWayEcho echo = new OneWayEcho(
                OneWayWire.attach(requestRing.ring().buffer(), requestData == null ? null : requestData.buffer(),
                    SENDER_PARTY, ECHO_PARTY),
                OneWayWire.attach(replyRing.ring().buffer(), replyData == null ? null : replyData.buffer(),
                    ECHO_PARTY, SENDER_PARTY),
                waiter, parent, size, forward);
            echo.serve();
            HistogramFiles.write(Path.of(args[6]), forward);
            echo.acknowledgeStop();
        }
    }

    private static SharedRegion openData(final String name) throws Exception {
        return name.equals(NO_DATA) ? null : SharedRegion.open(name, DataRegionDescriptor.HEADER_LENGTH);
    }
}
