package org.exoos.servers.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The echo codec's flyweights write and read the documented little-endian layout. */
class EchoCodecTest {
    @Test
    void echoArgumentsRoundTripAtTheDocumentedOffsets() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final UnsafeBuffer text = new UnsafeBuffer("hello, ring".getBytes(StandardCharsets.US_ASCII));
        final int length = new EchoCodec.EchoEncoder().wrap(buffer, 4).sequence(0x0102_0304_0506_0708L)
            .bytes(text, 0, text.capacity()).encodedLength();
        assertEquals(8 + 11, length);
        assertEquals(0x08, buffer.getByte(4), "sequence is little-endian at offset 0");
        assertEquals(0x0102_0304_0506_0708L, buffer.getLong(4, ByteOrder.LITTLE_ENDIAN));
        assertEquals('h', buffer.getByte(4 + EchoCodec.BYTES_OFFSET));

        final EchoCodec.EchoDecoder decoder = new EchoCodec.EchoDecoder().wrap(buffer, 4, length);
        assertEquals(0x0102_0304_0506_0708L, decoder.sequence());
        assertEquals(11, decoder.bytesLength());
        assertEquals("hello, ring", buffer.getStringWithoutLengthAscii(decoder.bytesOffset(), 11));
    }

    @Test
    void inlineBytesBeyondWhatAReplyCanHoldAreRefused() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        assertThrows(IllegalArgumentException.class,
            () -> new EchoCodec.EchoEncoder().wrap(buffer, 0).bytes(new UnsafeBuffer(new byte[33]), 0, 33));
    }

    @Test
    void singleFieldArgumentsAreLittleEndian() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        assertEquals(4, EchoCodec.encodeErrno(buffer, 0, Errno.ENOENT));
        assertEquals(Errno.ENOENT, buffer.getByte(0));
        assertEquals(Errno.ENOENT, EchoCodec.decodeErrno(buffer, 0));
        assertEquals(8, EchoCodec.encodeSequence(buffer, 8, -2L));
        assertEquals(-2L, EchoCodec.decodeSequence(buffer, 8));
    }
}
