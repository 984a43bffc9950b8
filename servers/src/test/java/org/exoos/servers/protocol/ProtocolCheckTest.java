package org.exoos.servers.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The envelope's flags and a protocol's table check every request before a service sees it. */
class ProtocolCheckTest {
    private static final Protocol ECHO = EchoCodec.PROTOCOL;
    private static final int FLAGS = ECHO.flags();

    @Test
    void flagsCarryProtocolIdInTheHighByteAndVersionInTheLow() {
        final int flags = MessageHeaderDescriptor.flags(ProtocolIds.TTY, 7);
        assertEquals(0x0207, flags);
        assertEquals(ProtocolIds.TTY, MessageHeaderDescriptor.protocolId(flags));
        assertEquals(7, MessageHeaderDescriptor.version(flags));
        assertThrows(IllegalArgumentException.class, () -> MessageHeaderDescriptor.flags(0, 1));
        assertThrows(IllegalArgumentException.class, () -> MessageHeaderDescriptor.flags(1, 0));
        assertThrows(IllegalArgumentException.class, () -> MessageHeaderDescriptor.flags(256, 1));
    }

    @Test
    void aWellFormedRequestPasses() {
        assertNull(ECHO.check(EchoCodec.OP_ECHO, FLAGS, 8, false));
        assertNull(ECHO.check(EchoCodec.OP_ECHO, FLAGS, 40, true));
        assertNull(ECHO.check(EchoCodec.OP_FAIL, FLAGS, 4, false));
        assertNull(ECHO.check(MessageHeaderDescriptor.OP_NOP, FLAGS, 0, false));
        assertNull(ECHO.check(MessageHeaderDescriptor.OP_CANCEL, FLAGS, 0, false));
        assertNull(ECHO.check(MessageHeaderDescriptor.OP_COUNTER, FLAGS, 4, false));
    }

    @Test
    void anotherServicesProtocolIsRefused() {
        assertEquals(Rejection.WRONG_PROTOCOL,
            ECHO.check(EchoCodec.OP_ECHO, MessageHeaderDescriptor.flags(ProtocolIds.VFS, 1), 8, false));
        assertEquals(Rejection.WRONG_PROTOCOL, ECHO.check(EchoCodec.OP_ECHO, 0, 8, false));
    }

    @Test
    void anotherVersionIsRefusedWithEproto() {
        final int otherVersion = MessageHeaderDescriptor.flags(ProtocolIds.ECHO, EchoCodec.VERSION + 1);
        assertEquals(Rejection.WRONG_VERSION, ECHO.check(EchoCodec.OP_ECHO, otherVersion, 8, false));
        assertEquals(Errno.EPROTO, Rejection.WRONG_VERSION.errno());
        assertEquals(Rejection.WRONG_VERSION, ECHO.check(EchoCodec.OP_ECHO, ECHO.withVersion(2).flags(), 8, false));
    }

    @Test
    void unknownOperationsAreRefusedWithEnosys() {
        assertEquals(Rejection.UNKNOWN_OPERATION, ECHO.check(99, FLAGS, 0, false));
        assertEquals(Rejection.UNKNOWN_OPERATION, ECHO.check(0xFF7F, FLAGS, 0, false));
        assertEquals(Rejection.UNKNOWN_OPERATION, ECHO.check(0xFFFF, FLAGS, 0, false));
        assertEquals(Errno.ENOSYS, Rejection.UNKNOWN_OPERATION.errno());
    }

    @Test
    void argumentLengthsOutsideTheTableAreRefusedWithEinval() {
        assertEquals(Rejection.BAD_LENGTH, ECHO.check(EchoCodec.OP_ECHO, FLAGS, 7, false));
        assertEquals(Rejection.BAD_LENGTH, ECHO.check(EchoCodec.OP_FAIL, FLAGS, 5, false));
        assertEquals(Rejection.BAD_LENGTH, ECHO.check(EchoCodec.OP_RELEASE, FLAGS, 1, false));
        assertEquals(Rejection.BAD_LENGTH, ECHO.check(MessageHeaderDescriptor.OP_COUNTER, FLAGS, 0, false));
        assertEquals(Errno.EINVAL, Rejection.BAD_LENGTH.errno());
    }

    @Test
    void dataWhereNoneIsExpectedOrNoneWhereItIsRequiredIsRefused() {
        assertEquals(Rejection.UNEXPECTED_DATA, ECHO.check(EchoCodec.OP_FAIL, FLAGS, 4, true));
        assertEquals(Rejection.UNEXPECTED_DATA, ECHO.check(MessageHeaderDescriptor.OP_NOP, FLAGS, 0, true));
        final Protocol needsData = Protocol.builder("t", 9, 1).operation(1, "write", 0, DataRule.REQUIRED).build();
        assertEquals(Rejection.MISSING_DATA, needsData.check(1, needsData.flags(), 0, false));
        assertNull(needsData.check(1, needsData.flags(), 0, true));
    }

    @Test
    void aTableRefusesBadEntries() {
        assertThrows(IllegalArgumentException.class, () -> Operation.fixed(0, "zero", 0, DataRule.NONE));
        assertThrows(IllegalArgumentException.class, () -> Operation.fixed(0xFF00, "framework's", 0, DataRule.NONE));
        assertThrows(IllegalArgumentException.class, () -> Operation.fixed(1, "too long", 41, DataRule.NONE));
        assertThrows(IllegalArgumentException.class, () -> Protocol.builder("t", 9, 1)
            .operation(1, "a", 0, DataRule.NONE).operation(1, "b", 0, DataRule.NONE).build());
        assertEquals(5, ECHO.operations().size());
        assertEquals("wait", ECHO.operation(EchoCodec.OP_WAIT).name());
        assertNull(ECHO.operation(6));
    }

    @Test
    void resultsPrintAsErrnoNames() {
        assertEquals("-EIO", Errno.describeResult(-5));
        assertEquals("42", Errno.describeResult(42));
        assertEquals("EPROTO", Errno.name(71));
    }
}
