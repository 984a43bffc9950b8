package org.exoos.ipc.fusion.channel;

import java.util.SplittableRandom;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.exoos.ipc.fusion.SlotView;

/** The requests cross-process channel tests send: size and bytes are functions of the sequence. */
final class ChannelPayloads {
    static final int TYPE = 21;
    static final int MAX_SIZE = 2048;

    private ChannelPayloads() {
    }

    static int sizeOf(final long sequence) {
        final SplittableRandom random = new SplittableRandom(sequence);
        return random.nextBoolean() ? random.nextInt(41) : random.nextInt(MAX_SIZE + 1);
    }

    static byte byteAt(final long sequence, final int index) {
        return (byte) (sequence * 131 + index * 3);
    }

    /** Writes request {@code sequence} into {@code dst}; returns its size. */
    static int fill(final MutableDirectBuffer dst, final long sequence) {
        final int size = sizeOf(sequence);
        for (int i = 0; i < size; i++) {
            dst.putByte(i, byteAt(sequence, i));
        }
        return size;
    }

    /** Null if {@code message} is request {@code expected} intact, else what is wrong. */
    static String check(final SlotView message, final long expected) {
        if (message.correlationId() != expected || message.type() != TYPE) {
            return "expected request " + expected + ", got type " + message.type() + " id " + message.correlationId();
        }
        final int size = sizeOf(expected);
        final DirectBuffer data = message.data();
        final int length = data == null ? message.payloadLength() : message.dataLength();
        if (length != size) {
            return "request " + expected + " has " + length + " bytes, expected " + size;
        }
        for (int i = 0; i < size; i++) {
            final byte b = data == null ? message.buffer().getByte(message.payloadOffset() + i) : data.getByte(i);
            if (b != byteAt(expected, i)) {
                return "request " + expected + " byte " + i + " corrupt";
            }
        }
        return null;
    }
}
