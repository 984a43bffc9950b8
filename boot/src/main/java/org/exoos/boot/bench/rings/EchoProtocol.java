package org.exoos.boot.bench.rings;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What every transport's messages carry: the first 8 bytes (native order) are the sequence the
 * echo must return; the rest is filler of a fixed pattern. Two sequences below zero are commands
 * to a child echo JVM, which echoes them like any message and then acts.
 */
final class EchoProtocol {
    /** Smallest message: the sequence. */
    static final int MIN_MESSAGE_SIZE = Long.BYTES;
    /** The child echoes it, then exits. */
    static final long STOP = -1;
    /** The child answers with its park count (where the transport has a place for it). */
    static final long STATS = -2;
    /** Message type of fusion rings and Agrona rings (Agrona's must be positive too). */
    static final int MESSAGE_TYPE = 1;

    private static final VarHandle LONG_IN_BYTES =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private EchoProtocol() {
    }

    static int checkSize(final String transport, final int size) {
        if (size < MIN_MESSAGE_SIZE) {
            throw new IllegalArgumentException(transport + ": message size " + size
                + " is below " + MIN_MESSAGE_SIZE + " bytes (the sequence)");
        }
        return size;
    }

    /** A message of {@code size} bytes, sequence 0, filler bytes 1, 2, 3... */
    static byte[] newMessage(final int size) {
        final byte[] bytes = new byte[size];
        for (int i = MIN_MESSAGE_SIZE; i < size; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    static void putSequence(final byte[] message, final long sequence) {
        putSequence(message, 0, sequence);
    }

    static long sequence(final byte[] message) {
        return sequence(message, 0);
    }

    static void putSequence(final byte[] bytes, final int offset, final long sequence) {
        LONG_IN_BYTES.set(bytes, offset, sequence);
    }

    static long sequence(final byte[] bytes, final int offset) {
        return (long) LONG_IN_BYTES.get(bytes, offset);
    }
}
