package org.exoos.ipc.fusion;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;

/** Buffers for tests: direct, so that AtomicBuffer alignment checks pass. */
final class TestBuffers {
    private TestBuffers() {
    }

    static UnsafeBuffer direct(final int capacity) {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
    }

    static UnsafeBuffer formatted(final int slotCount) {
        final UnsafeBuffer buffer = direct(FusionRingDescriptor.requiredCapacity(slotCount));
        OneToOneFusionRing.format(buffer, slotCount);
        return buffer;
    }

    static UnsafeBuffer formattedWithDoorbells(final int slotCount) {
        final UnsafeBuffer buffer = direct(FusionRingDescriptor.requiredCapacity(slotCount));
        OneToOneFusionRing.formatWithDoorbells(buffer, slotCount);
        return buffer;
    }

    static UnsafeBuffer payload(final long value) {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Long.BYTES]);
        buffer.putLong(0, value);
        return buffer;
    }
}
