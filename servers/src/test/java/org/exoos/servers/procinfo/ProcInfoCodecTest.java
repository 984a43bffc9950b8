package org.exoos.servers.procinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.framework.ServerCounter;
import org.exoos.servers.framework.ServerHandle;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.framework.ServiceRegistry;
import org.exoos.servers.framework.ServiceFactory;
import org.exoos.servers.framework.Reply;
import org.exoos.servers.framework.Request;
import org.exoos.servers.framework.Service;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.MessageHeaderDescriptor;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.protocol.Rejection;
import org.exoos.servers.vfs.procfs.MemoryMapping;
import org.exoos.servers.vfs.procfs.ProcessStatus;
import org.junit.jupiter.api.Test;

/**
 * The kernel-information records survive a round trip field for field; truncated or lying records are
 * refused rather than misread; and a server speaking the protocol rejects malformed requests and counts them.
 */
class ProcInfoCodecTest {
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);

    @Test
    void aStatusRecordRoundTrips() {
        final ProcessStatus out = new ProcessStatus().setIds(1000, 100).setGroups(4, 24, 27);
        out.state = 'S';
        out.ppid = 7;
        out.euid = 0;
        out.fsgid = 5;
        out.vmPeak = 1L << 40;
        out.vmRss = 12345;
        out.argStart = 0x3fffff0000L;
        out.hasMemory = false;
        out.noNewPrivs = true;
        out.umask = 077;
        final int length = ProcInfoCodec.encodeStatus(out, buffer, 8);
        assertEquals(ProcInfoCodec.GROUPS_OFFSET + 3 * Integer.BYTES, length);

        final ProcessStatus in = new ProcessStatus();
        assertTrue(ProcInfoCodec.decodeStatus(buffer, 8, length, in));
        assertEquals('S', in.state);
        assertEquals(7, in.ppid);
        assertEquals(1000, in.uid);
        assertEquals(0, in.euid);
        assertEquals(5, in.fsgid);
        assertEquals(1L << 40, in.vmPeak);
        assertEquals(12345, in.vmRss);
        assertEquals(0x3fffff0000L, in.argStart);
        assertFalse(in.hasMemory);
        assertTrue(in.noNewPrivs);
        assertEquals(077, in.umask);
        assertEquals(3, in.groupCount);
        assertEquals(27, in.groups[2]);
        assertEquals(ProcessStatus.ALL_CAPABILITIES, in.capBounding);
    }

    @Test
    void aShortOrLyingStatusRecordIsRefused() {
        final ProcessStatus out = new ProcessStatus().setGroups(1, 2);
        final int length = ProcInfoCodec.encodeStatus(out, buffer, 0);
        assertFalse(ProcInfoCodec.decodeStatus(buffer, 0, length - 1, new ProcessStatus()));
        assertFalse(ProcInfoCodec.decodeStatus(buffer, 0, ProcInfoCodec.GROUPS_OFFSET - 1, new ProcessStatus()));
        buffer.putInt(ProcInfoCodec.GROUP_COUNT_OFFSET, -1, MessageHeaderDescriptor.BYTE_ORDER);
        assertFalse(ProcInfoCodec.decodeStatus(buffer, 0, length, new ProcessStatus()));
    }

    @Test
    void mappingRecordsRoundTripAndAMalformedOneIsRefused() {
        final MemoryMapping a = new MemoryMapping().set(0x10000, 0x20000, "r-xp", 0x1000, "/bin/prog");
        final MemoryMapping b = new MemoryMapping().set(0x3ff7ff0000L, 0x3ff8000000L, "rw-s", 0, null);
        final int first = ProcInfoCodec.encodeMapping(a, buffer, 0, buffer.capacity());
        assertEquals(ProcInfoCodec.MAPPING_HEADER_LENGTH + 16, first);
        final int second = ProcInfoCodec.encodeMapping(b, buffer, first, buffer.capacity());
        assertEquals(-1, ProcInfoCodec.encodeMapping(a, buffer, 0, 10), "does not fit");

        final MemoryMapping in = new MemoryMapping();
        assertEquals(first, ProcInfoCodec.decodeMapping(buffer, 0, first + second, in));
        assertEquals(0x10000, in.start);
        assertEquals(0x20000, in.end);
        assertTrue(in.read && !in.write && in.execute && !in.shared);
        assertEquals(0x1000, in.offset);
        assertEquals("/bin/prog", in.name);
        assertEquals(second, ProcInfoCodec.decodeMapping(buffer, first, first + second, in));
        assertTrue(in.read && in.write && !in.execute && in.shared);
        assertNull(in.name);

        assertEquals(-1, ProcInfoCodec.decodeMapping(buffer, 0, first - 1, in), "truncated name");
        buffer.putInt(ProcInfoCodec.MAPPING_NAME_LENGTH_OFFSET, 1 << 30, MessageHeaderDescriptor.BYTE_ORDER);
        assertEquals(-1, ProcInfoCodec.decodeMapping(buffer, 0, first + second, in), "a name longer than the record");
    }

    @Test
    void aSystemRecordRoundTripsAndAMalformedOneIsRefused() {
        final SystemFacts out = new SystemFacts();
        out.uptimeNanos = 5_000_000_000L;
        out.hartCount = 2;
        out.hartIds[1] = 3;
        out.isa = "rv64imafdc";
        out.mmu = "sv39";
        out.memory.total = 64L << 20;
        out.memory.free = 60L << 20;
        out.memory.hugePageSize = 2L << 20;
        final int length = ProcInfoCodec.encodeSystem(out, buffer, 0, buffer.capacity());

        final SystemFacts in = new SystemFacts();
        assertTrue(ProcInfoCodec.decodeSystem(buffer, 0, length, in));
        assertEquals(5_000_000_000L, in.uptimeNanos);
        assertEquals(2, in.hartCount);
        assertEquals(3, in.hartIds[1]);
        assertEquals("rv64imafdc", in.isa);
        assertEquals("sv39", in.mmu);
        assertEquals(64L << 20, in.memory.total);
        assertEquals(60L << 20, in.memory.free);

        assertFalse(ProcInfoCodec.decodeSystem(buffer, 0, length - 1, new SystemFacts()));
        buffer.putInt(ProcInfoCodec.SYSTEM_HART_COUNT_OFFSET, SystemFacts.MAX_HARTS + 1, MessageHeaderDescriptor.BYTE_ORDER);
        assertFalse(ProcInfoCodec.decodeSystem(buffer, 0, length, new SystemFacts()));
    }

    @Test
    void theProtocolRejectsMalformedRequests() {
        final Protocol p = ProcInfoCodec.PROTOCOL;
        assertNull(p.check(ProcInfoCodec.OP_STATUS, p.flags(), ProcInfoCodec.PID_LENGTH, false));
        assertNull(p.check(ProcInfoCodec.OP_SYSTEM, p.flags(), 0, false));
        assertEquals(Rejection.BAD_LENGTH, p.check(ProcInfoCodec.OP_STATUS, p.flags(), 3, false));
        assertEquals(Rejection.BAD_LENGTH, p.check(ProcInfoCodec.OP_FD, p.flags(), ProcInfoCodec.PID_LENGTH, false));
        assertEquals(Rejection.UNEXPECTED_DATA, p.check(ProcInfoCodec.OP_MAPS, p.flags(), 4, true));
        assertEquals(Rejection.UNKNOWN_OPERATION, p.check(99, p.flags(), 4, false));
        assertEquals(Rejection.WRONG_VERSION, p.check(ProcInfoCodec.OP_STATUS,
            p.withVersion(ProcInfoCodec.VERSION + 1).flags(), 4, false));
    }

    /** A kernel-information server that knows one process, pid 1. */
    private static final class OneProcess implements Service {
        @Override
        public Protocol protocol() {
            return ProcInfoCodec.PROTOCOL;
        }

        @Override
        public long onRequest(final Request request, final Reply reply) {
            final int pid = ProcInfoCodec.pid(request.buffer(), request.argumentsOffset());
            return switch (request.operation()) {
                case ProcInfoCodec.OP_NEXT_PID -> pid < 1 ? 1 : 0;
                case ProcInfoCodec.OP_EXE -> {
                    if (pid != 1) {
                        yield -Errno.ESRCH;
                    }
                    reply.data(5).putStringWithoutLengthAscii(0, "/init");
                    yield 5;
                }
                default -> -Errno.ESRCH;
            };
        }
    }

    @Test
    void aServerCountsMalformedRequestsAndTheClientAnswersThroughIt() throws Exception {
        final ServiceRegistry registry = new ServiceRegistry().register(new ServiceFactory() {
            @Override
            public String name() {
                return "procinfo-test";
            }

            @Override
            public Protocol protocol() {
                return ProcInfoCodec.PROTOCOL;
            }

            @Override
            public Service create(final java.util.Map<String, String> options) {
                return new OneProcess();
            }
        });
        try (Supervisor supervisor = new Supervisor(registry)) {
            final ServerHandle server = supervisor.start(ServerSpec.of("procinfo-test", Isolation.THREAD));
            final ServerClient client = server.client();
            final ProcInfoClient kernel = new ProcInfoClient(() -> client);
            assertEquals(1, kernel.nextPid(0));
            assertEquals(-1, kernel.nextPid(1));
            assertTrue(kernel.exists(1));
            assertFalse(kernel.exists(2));
            assertEquals("/init", kernel.exePath(1));
            assertNull(kernel.exePath(2));
            assertEquals(0, kernel.failures());

            final long timeout = TimeUnit.SECONDS.toNanos(10);
            assertEquals(-Errno.EINVAL, client.call(ProcInfoCodec.OP_STATUS, 2, timeout, null), "short arguments");
            assertEquals(-Errno.ENOSYS, client.call(77, 4, timeout, null), "unknown operation");
            assertEquals(1, client.counter(ServerCounter.REJECTED_BAD_LENGTH, timeout));
            assertEquals(1, client.counter(ServerCounter.REJECTED_UNKNOWN_OPERATION, timeout));
        }
        final ProcInfoClient unbound = new ProcInfoClient(() -> null);
        assertFalse(unbound.exists(1));
        assertEquals(0, unbound.uptimeNanos());
        assertEquals(2, unbound.failures(), "each question without a channel is counted");
    }
}
