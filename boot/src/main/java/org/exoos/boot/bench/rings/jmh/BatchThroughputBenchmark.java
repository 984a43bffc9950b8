package org.exoos.boot.bench.rings.jmh;

import java.util.concurrent.TimeUnit;

import org.agrona.BufferUtil;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.exoos.ipc.fusion.FusionMessageHandler;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.ManyToOneFusionRing;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.SlotWriter;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of 32-byte messages between two threads of one JVM, one producer and one
 * consumer, with batches of {@code batch} messages: the fusion rings against Agrona's ring
 * buffers and JCTools' queues.
 *
 * <p>Each JMH group is one way of sending:
 * <ul>
 *   <li>{@code fusion_offer}: {@code batch} single {@link OneToOneFusionRing#offer}s;</li>
 *   <li>{@code fusion_claim}: {@link OneToOneFusionRing#tryClaim tryClaim(batch)}, fill the
 *       slots, one {@link OneToOneFusionRing#commit commit};</li>
 *   <li>{@code fusion_mpsc_offer}, {@code fusion_mpsc_claim}: the same on a
 *       {@link ManyToOneFusionRing} (CAS claims), with a single producer;</li>
 *   <li>{@code agrona_write}, {@code agrona_claim}: {@code batch} writes, or tryClaim and
 *       commit per message, on an Agrona {@link OneToOneRingBuffer}; {@code agrona_mpsc_write}
 *       on a {@link ManyToOneRingBuffer};</li>
 *   <li>{@code jctools_spsc}, {@code jctools_mpsc}: {@code batch} offers on an
 *       {@link SpscArrayQueue} or {@link MpscArrayQueue}. These pass a reference to a
 *       pre-allocated object rather than copying 32 bytes: the usual way to use them.</li>
 * </ul>
 * and every consumer drains up to {@code batch} messages per call. Nothing blocks: a full ring
 * or an empty one ends the call, so JMH's own ops/s counts calls, empty ones included. The
 * figures are the {@code sent} and {@code received} counters: messages per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchThroughputBenchmark {
    static final int MESSAGE_SIZE = 32;
    static final int MESSAGE_TYPE = 1;
    /** 64 KiB of slots or of records: deep enough that neither side waits on the other's cache misses alone. */
    static final int RING_BYTES = 64 * 1024;
    static final int FUSION_SLOTS = RING_BYTES / FusionRingDescriptor.SLOT_SIZE;
    static final int QUEUE_CAPACITY = 1024;

    /** Messages moved by each thread in the current iteration: JMH reports them per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Messages {
        public long sent;
        public long received;

        @Setup(Level.Iteration)
        public void reset() {
            sent = 0;
            received = 0;
        }
    }

    /** What every ring state shares: the batch size, the message to send and the consumer's sink. */
    @State(Scope.Group)
    public abstract static class Batch {
        /** Index of the consumer's sum in {@link #sink}: 8 longs, one cache line, each side. */
        static final int SINK = 8;

        @Param({"1", "8", "32"})
        public int batch;

        final UnsafeBuffer payload = new UnsafeBuffer(BufferUtil.allocateDirectAligned(MESSAGE_SIZE, 8));
        /**
         * The consumer adds each message's first long here, so that no message goes unread. It
         * writes the middle of the array, a cache line away from anything else: as a field it
         * would share a line with the fields the producer reads on every call.
         */
        final long[] sink = new long[2 * SINK + 1];

        static UnsafeBuffer offHeap(final int capacity) {
            return new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, 64));
        }
    }

    /**
     * Each side attaches a ring object of its own, as in two JVMs: a fusion ring object keeps
     * its producer's and its consumer's fields side by side, and one object shared by two
     * threads makes them false-share cache lines.
     */
    @State(Scope.Group)
    public static class FusionSpsc extends Batch {
        OneToOneFusionRing producer;
        OneToOneFusionRing consumer;
        FusionMessageHandler handler;

        @Setup(Level.Trial)
        public void setUp() {
            final UnsafeBuffer memory = offHeap(FusionRingDescriptor.requiredCapacity(FUSION_SLOTS));
            OneToOneFusionRing.format(memory, FUSION_SLOTS);
            producer = new OneToOneFusionRing(memory);
            consumer = new OneToOneFusionRing(memory);
            handler = message -> sink[SINK] += message.buffer().getLong(message.payloadOffset());
        }

        @TearDown(Level.Trial)
        public void check() {
            checkNoneMalformed(consumer.malformedSlotCount());
        }
    }

    /** Separate producer and consumer objects, as {@link FusionSpsc}. */
    @State(Scope.Group)
    public static class FusionMpsc extends Batch {
        ManyToOneFusionRing producer;
        ManyToOneFusionRing consumer;
        FusionMessageHandler handler;
        /** The one producer thread's flyweight. */
        final SlotWriter writer = new SlotWriter();

        @Setup(Level.Trial)
        public void setUp() {
            final UnsafeBuffer memory = offHeap(FusionRingDescriptor.requiredCapacity(FUSION_SLOTS));
            OneToOneFusionRing.format(memory, FUSION_SLOTS);
            producer = new ManyToOneFusionRing(memory);
            consumer = new ManyToOneFusionRing(memory);
            handler = message -> sink[SINK] += message.buffer().getLong(message.payloadOffset());
        }

        @TearDown(Level.Trial)
        public void check() {
            checkNoneMalformed(consumer.malformedSlotCount());
        }
    }

    @State(Scope.Group)
    public static class AgronaSpsc extends Batch {
        RingBuffer ring;
        MessageHandler handler;

        @Setup(Level.Trial)
        public void setUp() {
            ring = new OneToOneRingBuffer(offHeap(RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH));
            handler = (type, buffer, index, length) -> sink[SINK] += buffer.getLong(index);
        }
    }

    @State(Scope.Group)
    public static class AgronaMpsc extends Batch {
        RingBuffer ring;
        MessageHandler handler;

        @Setup(Level.Trial)
        public void setUp() {
            ring = new ManyToOneRingBuffer(offHeap(RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH));
            handler = (type, buffer, index, length) -> sink[SINK] += buffer.getLong(index);
        }
    }

    /** The object JCTools' queues pass around: one, reused, so that sending allocates nothing. */
    static final class Message {
        long value = 42;
    }

    @State(Scope.Group)
    public static class JctoolsSpsc extends Batch {
        final Message message = new Message();
        MessagePassingQueue<Message> queue;
        MessagePassingQueue.Consumer<Message> handler;

        @Setup(Level.Trial)
        public void setUp() {
            queue = new SpscArrayQueue<>(QUEUE_CAPACITY);
            handler = m -> sink[SINK] += m.value;
        }
    }

    @State(Scope.Group)
    public static class JctoolsMpsc extends Batch {
        final Message message = new Message();
        MessagePassingQueue<Message> queue;
        MessagePassingQueue.Consumer<Message> handler;

        @Setup(Level.Trial)
        public void setUp() {
            queue = new MpscArrayQueue<>(QUEUE_CAPACITY);
            handler = m -> sink[SINK] += m.value;
        }
    }

    static void checkNoneMalformed(final long malformed) {
        if (malformed != 0) {
            throw new IllegalStateException(malformed + " slots were malformed: the ring is broken");
        }
    }

    // ---- fusion, one-to-one --------------------------------------------------------------------

    @Benchmark
    @Group("fusion_offer")
    @GroupThreads(1)
    public void fusionOfferProducer(final FusionSpsc s, final Messages messages) {
        for (int i = 0; i < s.batch; i++) {
            if (s.producer.offer(MESSAGE_TYPE, i, s.payload, 0, MESSAGE_SIZE) != OfferStatus.OK) {
                return;
            }
            messages.sent++;
        }
    }

    @Benchmark
    @Group("fusion_offer")
    @GroupThreads(1)
    public void fusionOfferConsumer(final FusionSpsc s, final Messages messages) {
        messages.received += s.consumer.drain(s.handler, s.batch);
    }

    @Benchmark
    @Group("fusion_claim")
    @GroupThreads(1)
    public void fusionClaimProducer(final FusionSpsc s, final Messages messages) {
        final int n = s.batch;
        if (s.producer.tryClaim(n) != OfferStatus.OK) {
            return;
        }
        for (int i = 0; i < n; i++) {
            s.producer.claimedSlot(i).type(MESSAGE_TYPE).correlationId(i).payload(s.payload, 0, MESSAGE_SIZE);
        }
        s.producer.commit();
        messages.sent += n;
    }

    @Benchmark
    @Group("fusion_claim")
    @GroupThreads(1)
    public void fusionClaimConsumer(final FusionSpsc s, final Messages messages) {
        messages.received += s.consumer.drain(s.handler, s.batch);
    }

    // ---- fusion, many-to-one -------------------------------------------------------------------

    @Benchmark
    @Group("fusion_mpsc_offer")
    @GroupThreads(1)
    public void fusionMpscOfferProducer(final FusionMpsc s, final Messages messages) {
        for (int i = 0; i < s.batch; i++) {
            if (s.producer.offer(MESSAGE_TYPE, i, s.payload, 0, MESSAGE_SIZE) != OfferStatus.OK) {
                return;
            }
            messages.sent++;
        }
    }

    @Benchmark
    @Group("fusion_mpsc_offer")
    @GroupThreads(1)
    public void fusionMpscOfferConsumer(final FusionMpsc s, final Messages messages) {
        messages.received += s.consumer.drain(s.handler, s.batch);
    }

    @Benchmark
    @Group("fusion_mpsc_claim")
    @GroupThreads(1)
    public void fusionMpscClaimProducer(final FusionMpsc s, final Messages messages) {
        final int n = s.batch;
        final long first = s.producer.tryClaim(n);
        if (first < 0) {
            return; // CLAIM_FULL (no guard here, so never CLAIM_REVOKED)
        }
        for (int i = 0; i < n; i++) {
            s.producer.claimedSlot(s.writer, first, i).type(MESSAGE_TYPE).correlationId(i)
                .payload(s.payload, 0, MESSAGE_SIZE);
        }
        s.producer.commit(first, n);
        messages.sent += n;
    }

    @Benchmark
    @Group("fusion_mpsc_claim")
    @GroupThreads(1)
    public void fusionMpscClaimConsumer(final FusionMpsc s, final Messages messages) {
        messages.received += s.consumer.drain(s.handler, s.batch);
    }

    // ---- Agrona ----------------------------------------------------------------------------------

    @Benchmark
    @Group("agrona_write")
    @GroupThreads(1)
    public void agronaWriteProducer(final AgronaSpsc s, final Messages messages) {
        for (int i = 0; i < s.batch; i++) {
            if (!s.ring.write(MESSAGE_TYPE, s.payload, 0, MESSAGE_SIZE)) {
                return;
            }
            messages.sent++;
        }
    }

    @Benchmark
    @Group("agrona_write")
    @GroupThreads(1)
    public void agronaWriteConsumer(final AgronaSpsc s, final Messages messages) {
        messages.received += s.ring.read(s.handler, s.batch);
    }

    @Benchmark
    @Group("agrona_claim")
    @GroupThreads(1)
    public void agronaClaimProducer(final AgronaSpsc s, final Messages messages) {
        for (int i = 0; i < s.batch; i++) {
            final int index = s.ring.tryClaim(MESSAGE_TYPE, MESSAGE_SIZE);
            if (index < 0) { // RingBuffer.INSUFFICIENT_CAPACITY
                return;
            }
            s.ring.buffer().putBytes(index, s.payload, 0, MESSAGE_SIZE);
            s.ring.commit(index);
            messages.sent++;
        }
    }

    @Benchmark
    @Group("agrona_claim")
    @GroupThreads(1)
    public void agronaClaimConsumer(final AgronaSpsc s, final Messages messages) {
        messages.received += s.ring.read(s.handler, s.batch);
    }

    @Benchmark
    @Group("agrona_mpsc_write")
    @GroupThreads(1)
    public void agronaMpscWriteProducer(final AgronaMpsc s, final Messages messages) {
        for (int i = 0; i < s.batch; i++) {
            if (!s.ring.write(MESSAGE_TYPE, s.payload, 0, MESSAGE_SIZE)) {
                return;
            }
            messages.sent++;
        }
    }

    @Benchmark
    @Group("agrona_mpsc_write")
    @GroupThreads(1)
    public void agronaMpscWriteConsumer(final AgronaMpsc s, final Messages messages) {
        messages.received += s.ring.read(s.handler, s.batch);
    }

    // ---- JCTools ---------------------------------------------------------------------------------

    @Benchmark
    @Group("jctools_spsc")
    @GroupThreads(1)
    public void jctoolsSpscProducer(final JctoolsSpsc s, final Messages messages) {
        for (int i = 0; i < s.batch; i++) {
            if (!s.queue.offer(s.message)) {
                return;
            }
            messages.sent++;
        }
    }

    @Benchmark
    @Group("jctools_spsc")
    @GroupThreads(1)
    public void jctoolsSpscConsumer(final JctoolsSpsc s, final Messages messages) {
        messages.received += s.queue.drain(s.handler, s.batch);
    }

    @Benchmark
    @Group("jctools_mpsc")
    @GroupThreads(1)
    public void jctoolsMpscProducer(final JctoolsMpsc s, final Messages messages) {
        for (int i = 0; i < s.batch; i++) {
            if (!s.queue.offer(s.message)) {
                return;
            }
            messages.sent++;
        }
    }

    @Benchmark
    @Group("jctools_mpsc")
    @GroupThreads(1)
    public void jctoolsMpscConsumer(final JctoolsMpsc s, final Messages messages) {
        messages.received += s.queue.drain(s.handler, s.batch);
    }
}
