package org.exoos.servers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.protocol.EchoCodec;
import org.junit.jupiter.api.Test;

/**
 * The request path allocates nothing, on either side: the kernel thread that encodes, sends and
 * awaits, and the server thread that decodes, serves and replies (thread isolation, so both
 * threads' allocation counters are readable here).
 */
class AllocationTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final int ROUND = 5_000;
    private static final int MAX_ROUNDS = 60;

    private long checksum;
    private final ReplyHandler handler = reply -> checksum += reply.result() + reply.dataLength();
    private final EchoCodec.EchoEncoder encoder = new EchoCodec.EchoEncoder();

    private void calls(final ServerClient client, final int count) {
        for (int i = 0; i < count; i++) {
            if ((i & 3) == 0) {
                final MutableDirectBuffer block = client.claimData(256);
                block.putLong(0, i);
            }
            final int length = encoder.wrap(client.arguments(), 0).sequence(i).encodedLength();
            if (client.call(EchoCodec.OP_ECHO, length, TIMEOUT, handler) != i) {
                throw new AssertionError("call " + i + " failed");
            }
        }
    }

    @Test
    void aRoundTripAllocatesNothingOnEitherSide() throws Exception {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counters");
        threads.setThreadAllocatedMemoryEnabled(true);
        try (Supervisor supervisor = new Supervisor()) {
            final ServerHandle echo = supervisor.start(ServerSpec.of("echo", Isolation.THREAD)
                .withGeometry(new ChannelGeometry(64, true, 1024, 8)));
            final ServerClient client = echo.client();
            final long serverThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("server-echo")).findFirst().orElseThrow().threadId();
            // Until the JIT has compiled the path, the interpreter allocates what escape analysis
            // later removes: measure rounds until three in a row allocate nothing on either side.
            int quietRounds = 0;
            int rounds = 0;
            long clientBytes = -1;
            long serverBytes = -1;
            while (quietRounds < 3 && rounds < MAX_ROUNDS) {
                final long clientBefore = threads.getCurrentThreadAllocatedBytes();
                final long serverBefore = threads.getThreadAllocatedBytes(serverThread);
                calls(client, ROUND);
                clientBytes = threads.getCurrentThreadAllocatedBytes() - clientBefore;
                serverBytes = threads.getThreadAllocatedBytes(serverThread) - serverBefore;
                quietRounds = clientBytes == 0 && serverBytes == 0 ? quietRounds + 1 : 0;
                rounds++;
            }
            System.out.println("after " + rounds + " rounds of " + ROUND + " round trips, the last allocated: kernel thread "
                + clientBytes + " bytes, server thread " + serverBytes + " bytes");
            assertEquals(3, quietRounds, "no three allocation-free rounds in " + rounds + "; the last: kernel "
                + clientBytes + " bytes, server " + serverBytes + " bytes");
            assertEquals(0, client.malformedReplies());
        }
    }
}
