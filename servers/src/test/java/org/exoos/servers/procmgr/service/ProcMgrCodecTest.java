package org.exoos.servers.procmgr.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

import org.exoos.servers.protocol.DataRule;
import org.exoos.servers.protocol.Operation;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.protocol.ProtocolIds;
import org.exoos.servers.protocol.Rejection;
import org.junit.jupiter.api.Test;

/** The process manager's protocol table, without a server: its id, and one distinct entry per OP_ constant. */
class ProcMgrCodecTest {
    private static final Protocol P = ProcMgrCodec.PROTOCOL;

    @Test
    void theProtocolIsProcmgrOfTheCurrentVersion() {
        assertEquals(ProtocolIds.PROCMGR, P.id());
        assertEquals(ProcMgrCodec.VERSION, P.version());
        assertEquals("procmgr", P.name());
    }

    @Test
    void everyOperationCodeIsDistinctAndInTheTable() throws IllegalAccessException {
        final Set<Integer> codes = new HashSet<>();
        for (final Field field : ProcMgrCodec.class.getFields()) {
            if (!field.getName().startsWith("OP_") || !Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            final int code = field.getInt(null);
            assertTrue(codes.add(code), field.getName() + " reuses code " + code);
            final Operation operation = P.operation(code);
            assertNotNull(operation, field.getName() + " is missing from the table");
            assertEquals(field.getName().substring(3), operation.name());
            assertEquals(DataRule.NONE, operation.data(), "requests carry no data block");
            assertEquals(0, operation.minArgumentsLength() % 4, "int arguments");
        }
        assertEquals(16, codes.size());
        assertEquals(codes.size(), P.operations().size(), "no operation without a constant");
    }

    @Test
    void theProtocolRejectsAWrongArgumentLength() {
        assertNull(P.check(ProcMgrCodec.OP_WAIT, P.flags(), 20, false));
        assertEquals(Rejection.BAD_LENGTH, P.check(ProcMgrCodec.OP_WAIT, P.flags(), 16, false));
        assertEquals(Rejection.BAD_LENGTH, P.check(ProcMgrCodec.OP_EXIT, P.flags(), 12, false));
        assertEquals(Rejection.UNEXPECTED_DATA, P.check(ProcMgrCodec.OP_MEMBERS, P.flags(), 8, true));
        assertEquals(Rejection.UNKNOWN_OPERATION, P.check(17, P.flags(), 4, false));
        assertEquals(Rejection.WRONG_VERSION, P.check(ProcMgrCodec.OP_GETPGID,
            P.withVersion(ProcMgrCodec.VERSION + 1).flags(), 4, false));
    }
}
