package org.exoos.ipc.fusion.data;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;

/** Buffers for data-region tests: direct, so that AtomicBuffer alignment checks pass. */
final class DataRegionBuffers {
    private DataRegionBuffers() {
    }

    static UnsafeBuffer direct(final int capacity) {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
    }

    /** A buffer holding exactly one freshly formatted region at offset 0. */
    static UnsafeBuffer formatted(final int blockSize, final int blockCount) {
        final UnsafeBuffer buffer = direct(DataRegionDescriptor.requiredCapacity(blockSize, blockCount));
        DataRegion.format(buffer, 0, blockSize, blockCount);
        return buffer;
    }

    static DataRegion region(final int blockSize, final int blockCount) {
        return new DataRegion(formatted(blockSize, blockCount), 0);
    }
}
