package org.exoos.boot.bench.rings;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * {@code jctools} and {@code jctools_mpsc}: two threads of this JVM, a request and a reply
 * SpscArrayQueue (or MpscArrayQueue) of references to pre-allocated messages. Like a ring, each
 * side writes its message's bytes before passing it: the client its sequence into its request,
 * the echo thread a copy of the request into its own reply; no object is allocated per message.
 * Each message's bytes sit {@link #PAD} bytes inside its array, so that the client's request and
 * the echo's reply, likely neighbours on the heap, never share a cache line.
 */
final class JctoolsInProcess implements RoundTripTransport {
    private static final int CAPACITY = 256;
    private static final int IDLE_CHECK_MASK = (1 << 20) - 1;
    /** Bytes before and after each message in its array: two cache lines. */
    static final int PAD = 128;

    private final String name;
    private final int messageSize;
    private final MessagePassingQueue<byte[]> requests;
    private final MessagePassingQueue<byte[]> replies;
    private final byte[] request;
    private final EchoThread echo;
    private final SpinWatch watch;

    JctoolsInProcess(final String name, final int messageSize, final boolean manyProducers) {
        this.name = name;
        this.messageSize = EchoProtocol.checkSize(name, messageSize);
        this.requests = manyProducers ? new MpscArrayQueue<>(CAPACITY) : new SpscArrayQueue<>(CAPACITY);
        this.replies = manyProducers ? new MpscArrayQueue<>(CAPACITY) : new SpscArrayQueue<>(CAPACITY);
        this.request = padded(messageSize);
        this.echo = new EchoThread(name, this::echoLoop);
        this.watch = new SpinWatch(echo);
    }

    private static byte[] padded(final int messageSize) {
        final byte[] bytes = new byte[PAD + messageSize + PAD];
        System.arraycopy(EchoProtocol.newMessage(messageSize), 0, bytes, PAD, messageSize);
        return bytes;
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
    public void start() {
        echo.start();
    }

    @Override
    public long roundTrip(final long sequence) {
        EchoProtocol.putSequence(request, PAD, sequence);
        while (!requests.offer(request)) {
            Thread.onSpinWait();
        }
        watch.reset();
        byte[] echoed;
        while ((echoed = replies.poll()) == null) {
            watch.idle();
        }
        return EchoProtocol.sequence(echoed, PAD);
    }

    /**
     * Copies each request into the one reply message and passes that back: safe, since the client
     * reads a reply before it sends the next request, so one of each is ever in flight. The reply
     * is allocated here, on the echo's thread, away from the client's objects.
     */
    private void echoLoop(final EchoThread thread) {
        final byte[] reply = padded(messageSize);
        int idle = 0;
        while (true) {
            final byte[] received = requests.poll();
            if (received != null) {
                System.arraycopy(received, PAD, reply, PAD, messageSize);
                while (!replies.offer(reply)) {
                    Thread.onSpinWait();
                }
                idle = 0;
            } else {
                SpinWatch.pause(++idle);
                if ((idle & IDLE_CHECK_MASK) == 0 && !thread.running()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        echo.stop();
    }
}
