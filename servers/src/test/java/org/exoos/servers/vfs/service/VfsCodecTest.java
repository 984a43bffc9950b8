package org.exoos.servers.vfs.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.protocol.MessageHeaderDescriptor;
import org.exoos.servers.protocol.Operation;
import org.exoos.servers.protocol.ProtocolIds;
import org.exoos.servers.vfs.Credentials;
import org.junit.jupiter.api.Test;

/** The VFS protocol table and its flyweights, without a server. */
class VfsCodecTest {
    @Test
    void protocolIsVfsOfTheCurrentVersionWithOperationsThatFitASlot() {
        assertEquals(ProtocolIds.VFS, VfsCodec.PROTOCOL.id());
        assertEquals(5, VfsCodec.PROTOCOL.version());
        assertEquals(39, VfsCodec.PROTOCOL.operations().size());
        for (final Operation operation : VfsCodec.PROTOCOL.operations()) {
            assertTrue(operation.maxArgumentsLength() <= MessageHeaderDescriptor.MAX_ARGUMENTS_LENGTH, operation.name());
        }
        assertEquals(128, VfsCodec.STAT_LENGTH);
    }

    @Test
    void argumentsRoundTrip() {
        final UnsafeBuffer args = new UnsafeBuffer(new byte[64]);
        assertEquals(20, VfsCodec.encodeOpen(args, 4, -1, 0101, 0644, 022));
        assertEquals(-1, VfsCodec.handle(args, 4));
        assertEquals(0101, VfsCodec.firstInt(args, 4));
        assertEquals(0644, VfsCodec.secondInt(args, 4));
        assertEquals(022, VfsCodec.thirdInt(args, 4));
        assertEquals(20, VfsCodec.encodeHandleLongInt(args, 0, 7, 1L << 40, 2));
        assertEquals(7, VfsCodec.handle(args, 0));
        assertEquals(1L << 40, VfsCodec.longValue(args, 0));
        assertEquals(2, VfsCodec.intAfterLong(args, 0));
    }

    @Test
    void mknodArgumentsRoundTrip() {
        final UnsafeBuffer args = new UnsafeBuffer(new byte[64]);
        assertEquals(24, VfsCodec.encodeMknod(args, 8, -1, 0020644, 0x1_0003L, 022));
        assertEquals(-1, VfsCodec.handle(args, 8));
        assertEquals(0x1_0003L, VfsCodec.longValue(args, 8));
        assertEquals(0020644, VfsCodec.intAt(args, 8, VfsCodec.MKNOD_MODE_OFFSET));
        assertEquals(022, VfsCodec.intAt(args, 8, VfsCodec.MKNOD_UMASK_OFFSET));
    }

    @Test
    void utimensAndLockArgumentsFillTheFortyBytesAndRoundTrip() {
        final UnsafeBuffer args = new UnsafeBuffer(new byte[64]);
        assertEquals(40, VfsCodec.encodeUtimens(args, 8, 5, true, 11, AtFlagsValues.UTIME_OMIT, 13, 1L << 40, 0x100));
        assertEquals(5, VfsCodec.handle(args, 8));
        assertEquals(11, VfsCodec.longAt(args, 8, VfsCodec.ATIME_SEC_OFFSET));
        assertEquals(13, VfsCodec.longAt(args, 8, VfsCodec.MTIME_SEC_OFFSET));
        assertEquals(AtFlagsValues.UTIME_OMIT, VfsCodec.intAt(args, 8, VfsCodec.ATIME_NSEC_OFFSET));
        assertEquals(-1, VfsCodec.intAt(args, 8, VfsCodec.MTIME_NSEC_OFFSET), "beyond int32: -1, still invalid");
        assertEquals(0x100, VfsCodec.intAt(args, 8, VfsCodec.TIMES_FLAGS_OFFSET));
        assertEquals(1, VfsCodec.intAt(args, 8, VfsCodec.TIMES_GIVEN_OFFSET));

        assertEquals(40, VfsCodec.encodeLock(args, 0, 9, 42, 37, 1, 2, -10, 0, 0));
        assertEquals(9, VfsCodec.handle(args, 0));
        assertEquals(42, VfsCodec.intAt(args, 0, VfsCodec.LOCK_OWNER_PID_OFFSET));
        assertEquals(37, VfsCodec.intAt(args, 0, VfsCodec.LOCK_CMD_OFFSET));
        assertEquals(1, VfsCodec.shortAt(args, 0, VfsCodec.LOCK_TYPE_OFFSET));
        assertEquals(2, VfsCodec.shortAt(args, 0, VfsCodec.LOCK_WHENCE_OFFSET));
        assertEquals(-10, VfsCodec.longAt(args, 0, VfsCodec.LOCK_START_OFFSET));
        assertEquals(0, VfsCodec.longAt(args, 0, VfsCodec.LOCK_LEN_OFFSET));
    }

    /** UTIME_OMIT as an int, for the codec test. */
    private static final class AtFlagsValues {
        static final int UTIME_OMIT = (int) org.exoos.servers.vfs.AtFlags.UTIME_OMIT;
    }

    @Test
    void pathBlockCarriesCredentialsAndTwoPaths() {
        final UnsafeBuffer block = new UnsafeBuffer(new byte[256]);
        final Credentials cred = Credentials.of(42, 1000, 100, 5, 6, 7);
        final int length = new PathBlock.Encoder().wrap(block, 0).credentials(cred)
            .path(new UnsafeBuffer("/a/b".getBytes()), 0, 4).path2(new UnsafeBuffer("/c".getBytes()), 0, 2)
            .encodedLength();
        assertEquals(PathBlock.length(3, 4, 2), length);

        final PathBlock.Decoder decoder = new PathBlock.Decoder();
        assertTrue(decoder.wrap(block, 0, length));
        final byte[] scratch = new byte[1 << 16];
        assertEquals("/a/b", decoder.path(scratch));
        assertEquals("/c", decoder.path2(scratch));
        assertTrue(decoder.matches(cred));
        final Credentials decoded = decoder.credentials();
        assertNotSame(cred, decoded);
        assertEquals(cred.toString(), decoded.toString());
        assertFalse(decoder.matches(Credentials.of(42, 1000, 100, 5, 6)));
        assertFalse(decoder.matches(null));

        assertFalse(decoder.wrap(block, 0, length - 1), "a path beyond the block");
        assertFalse(decoder.wrap(block, 0, PathBlock.HEADER_LENGTH - 1), "shorter than the header");
        block.putShort(PathBlock.GROUP_COUNT_OFFSET, (short) (PathBlock.MAX_GROUPS + 1), MessageHeaderDescriptor.BYTE_ORDER);
        assertFalse(decoder.wrap(block, 0, 256), "too many groups");
    }
}
