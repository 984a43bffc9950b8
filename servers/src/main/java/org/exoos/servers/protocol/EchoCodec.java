package org.exoos.servers.protocol;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The echo service's protocol: the framework's own test and benchmark service, and the pattern a
 * service codec follows. Shared by client and server. Argument offsets are relative to the start
 * of the inline arguments; all fields little-endian.
 *
 * <pre>
 * ECHO (1)     arguments  0: sequence (int64)         data: optional, any length
 *                         8: bytes (0..32)
 *              reply      result = sequence; arguments = the bytes; data = the request's data
 *
 * FAIL (2)     arguments  0: errno (int32)            reply: result = -errno
 *
 * WAIT (3)     arguments  0: sequence (int64)         deferred until RELEASE (result = sequence)
 *                                                     or a cancel (result = -EINTR)
 * RELEASE (4)  no arguments                           completes every WAIT; result = how many
 * THROW (5)    no arguments                           the service throws: the server answers -EIO
 * </pre>
 */
public final class EchoCodec {
    public static final int VERSION = 1;

    public static final int OP_ECHO = 1;
    public static final int OP_FAIL = 2;
    public static final int OP_WAIT = 3;
    public static final int OP_RELEASE = 4;
    public static final int OP_THROW = 5;

    public static final int SEQUENCE_OFFSET = 0;
    public static final int BYTES_OFFSET = SEQUENCE_OFFSET + Long.BYTES;
    /** Most bytes an ECHO request carries inline: what a reply's arguments can hold. */
    public static final int MAX_INLINE_BYTES = MessageHeaderDescriptor.MAX_REPLY_ARGUMENTS_LENGTH;
    public static final int ERRNO_OFFSET = 0;

    public static final Protocol PROTOCOL = Protocol.builder("echo", ProtocolIds.ECHO, VERSION)
        .operation(OP_ECHO, "echo", BYTES_OFFSET, BYTES_OFFSET + MAX_INLINE_BYTES, DataRule.OPTIONAL)
        .operation(OP_FAIL, "fail", Integer.BYTES, DataRule.NONE)
        .operation(OP_WAIT, "wait", Long.BYTES, DataRule.NONE)
        .operation(OP_RELEASE, "release", 0, DataRule.NONE)
        .operation(OP_THROW, "throw", 0, DataRule.NONE)
        .build();

    private EchoCodec() {
    }

    /** Writes FAIL's or any single errno argument; returns the arguments' length. */
    public static int encodeErrno(final MutableDirectBuffer buffer, final int offset, final int errno) {
        buffer.putInt(offset + ERRNO_OFFSET, errno, BYTE_ORDER);
        return Integer.BYTES;
    }

    public static int decodeErrno(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + ERRNO_OFFSET, BYTE_ORDER);
    }

    /** Writes WAIT's sequence; returns the arguments' length. */
    public static int encodeSequence(final MutableDirectBuffer buffer, final int offset, final long sequence) {
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, BYTE_ORDER);
        return Long.BYTES;
    }

    public static long decodeSequence(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + SEQUENCE_OFFSET, BYTE_ORDER);
    }

    /** Writes ECHO's arguments through a flyweight. */
    public static final class EchoEncoder {
        private MutableDirectBuffer buffer;
        private int offset;
        private int bytesLength;

        public EchoEncoder wrap(final MutableDirectBuffer buffer, final int offset) {
            this.buffer = buffer;
            this.offset = offset;
            this.bytesLength = 0;
            return this;
        }

        public EchoEncoder sequence(final long sequence) {
            buffer.putLong(offset + SEQUENCE_OFFSET, sequence, BYTE_ORDER);
            return this;
        }

        /** Copies {@code length} bytes (at most {@link #MAX_INLINE_BYTES}) after the sequence. */
        public EchoEncoder bytes(final DirectBuffer src, final int srcOffset, final int length) {
            if (length < 0 || length > MAX_INLINE_BYTES) {
                throw new IllegalArgumentException("echo inline bytes " + length + " outside 0.." + MAX_INLINE_BYTES);
            }
            buffer.putBytes(offset + BYTES_OFFSET, src, srcOffset, length);
            bytesLength = length;
            return this;
        }

        /** The arguments' length so far: what the request's inline payload must carry. */
        public int encodedLength() {
            return BYTES_OFFSET + bytesLength;
        }
    }

    /** Reads ECHO's arguments in place; the framework has checked their length. */
    public static final class EchoDecoder {
        private DirectBuffer buffer;
        private int offset;
        private int length;

        public EchoDecoder wrap(final DirectBuffer buffer, final int offset, final int length) {
            this.buffer = buffer;
            this.offset = offset;
            this.length = length;
            return this;
        }

        public long sequence() {
            return buffer.getLong(offset + SEQUENCE_OFFSET, BYTE_ORDER);
        }

        public int bytesLength() {
            return length - BYTES_OFFSET;
        }

        /** Offset of the inline bytes in the wrapped buffer. */
        public int bytesOffset() {
            return offset + BYTES_OFFSET;
        }

        public DirectBuffer buffer() {
            return buffer;
        }
    }
}
