package org.exoos.boot.bench.rings;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@code cacheline}: the physical floor of a round trip between two cores. Two threads of this
 * JVM flip one long, alone in its pair of cache lines: the client stores {@code 2s + 1}, the echo
 * thread waits for an odd value it has not answered and stores it plus one, the client waits for
 * {@code 2s + 2}. One line crosses the interconnect twice per round trip, with no payload, no
 * positions and no slot: whatever a ring adds on top is its own cost. The message size is only
 * reported, and the sequence must fit in 62 bits (the flip takes one).
 */
final class CacheLinePingPong implements RoundTripTransport {
    /** The long sits two lines in, with two lines after it: nothing else shares its prefetch pair. */
    private static final int VALUE_OFFSET = 2 * CACHE_LINE_LENGTH;
    private static final int LENGTH = 5 * CACHE_LINE_LENGTH;
    private static final int IDLE_CHECK_MASK = 1023;

    private final int messageSize;
    private final UnsafeBuffer line = new UnsafeBuffer(BufferUtil.allocateDirectAligned(LENGTH, 2 * CACHE_LINE_LENGTH));
    private final EchoThread echo = new EchoThread("cacheline", this::echoLoop);
    private final SpinWatch watch = new SpinWatch(echo);

    CacheLinePingPong(final int messageSize) {
        this.messageSize = EchoProtocol.checkSize("cacheline", messageSize);
        line.putLongVolatile(VALUE_OFFSET, 0);
    }

    @Override
    public String name() {
        return "cacheline";
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
        final long request = 2 * sequence + 1;
        line.putLongRelease(VALUE_OFFSET, request);
        watch.reset();
        long value;
        while ((value = line.getLongVolatile(VALUE_OFFSET)) == request) {
            watch.idle();
        }
        return (value >> 1) - 1;
    }

    /** Answers each odd value (a request) with that value plus one; checks for stop only when idle. */
    private void echoLoop(final EchoThread thread) {
        int idle = 0;
        while (true) {
            final long value = line.getLongVolatile(VALUE_OFFSET);
            if ((value & 1) != 0) {
                line.putLongRelease(VALUE_OFFSET, value + 1);
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
