package org.exoos.servers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.collections.LongArrayList;
import org.exoos.ipc.fusion.cap.CapabilityState;
import org.exoos.ipc.fusion.cap.Rights;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.ipc.fusion.channel.FusionChannel;
import org.exoos.servers.protocol.DataRule;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.MessageHeaderDescriptor;
import org.exoos.servers.protocol.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop on its own: a service's deferred requests completed from another thread through
 * {@link ServiceContext#wakeUp()}, a timer through {@link Service#parkLimitNanos()}, several
 * endpoints served by one loop, and a clean stop that closes the endpoints.
 */
class ServerLoopTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final int OP_GET = 1;
    private static final int OP_AFTER = 2;
    private static final int OP_WHO = 3;
    static final Protocol TIMER = Protocol.builder("timer", 0x7D, 1)
        .operation(OP_GET, "get", 0, DataRule.NONE)
        .operation(OP_AFTER, "after", Long.BYTES, DataRule.NONE)
        .operation(OP_WHO, "who", 0, DataRule.NONE)
        .build();

    /** GET waits for a value posted by another thread; AFTER waits for a delay; WHO says its endpoint. */
    static final class TimerService implements Service {
        final AtomicLong posted = new AtomicLong(-1);
        private final LongArrayList gets = new LongArrayList();
        private final LongArrayList timers = new LongArrayList();
        private ServiceContext context;

        @Override
        public Protocol protocol() {
            return TIMER;
        }

        @Override
        public void onStart(final ServiceContext serviceContext) {
            context = serviceContext;
        }

        void post(final long value) {
            posted.set(value);
            context.wakeUp(); // from the test thread
        }

        @Override
        public long onRequest(final Request request, final Reply reply) {
            switch (request.operation()) {
                case OP_GET -> {
                    gets.addLong(request.endpoint());
                    gets.addLong(request.requestId());
                    return DEFERRED;
                }
                case OP_AFTER -> {
                    timers.addLong(request.endpoint());
                    timers.addLong(request.requestId());
                    timers.addLong(System.nanoTime() + request.buffer().getLong(request.argumentsOffset(),
                        MessageHeaderDescriptor.BYTE_ORDER));
                    return DEFERRED;
                }
                default -> {
                    return request.endpoint();
                }
            }
        }

        @Override
        public int doWork() {
            int work = 0;
            final long value = posted.get();
            if (value >= 0 && !gets.isEmpty()) {
                for (int i = 0; i < gets.size(); i += 2) {
                    context.sendReply((int) gets.getLong(i), gets.getLong(i + 1), OP_GET, value);
                    work++;
                }
                gets.clear();
            }
            for (int i = timers.size() - 3; i >= 0; i -= 3) {
                if (System.nanoTime() - timers.getLong(i + 2) >= 0) {
                    context.sendReply((int) timers.getLong(i), timers.getLong(i + 1), OP_AFTER, 0);
                    for (int k = 0; k < 3; k++) {
                        timers.removeAt(i);
                    }
                    work++;
                }
            }
            return work;
        }

        @Override
        public long parkLimitNanos() {
            long limit = NO_PARK_LIMIT;
            for (int i = 2; i < timers.size(); i += 3) {
                final long left = Math.max(0, timers.getLong(i) - System.nanoTime());
                limit = limit < 0 ? left : Math.min(limit, left);
            }
            return limit;
        }
    }

    private final List<FusionChannel> channels = new ArrayList<>();
    private final List<ServerClient> clients = new ArrayList<>();
    private final TimerService service = new TimerService();
    private ServerLoop loop;
    private Thread thread;

    private void start(final int endpointCount) throws Exception {
        final List<ServerEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < endpointCount; i++) {
            final FusionChannel channel = FusionChannel.create(TestNames.channel("loop"), new ChannelGeometry(16, true, 0, 0));
            endpoints.add(ServerEndpoint.attach(channel.issue(Rights.SEND_RECEIVE).encode()));
            final ServerClient client = new ServerClient("timer", TIMER, null);
            client.bind(channel, "endpoint " + i);
            channels.add(channel);
            clients.add(client);
        }
        loop = new ServerLoop("timer", service, endpoints);
        thread = Thread.ofPlatform().name("timer-loop").start(loop::run);
    }

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            loop.requestStop();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        channels.forEach(FusionChannel::close);
    }

    @Test
    void anotherThreadCompletesADeferredRequestThroughWakeUp() throws Exception {
        start(1);
        final ServerClient client = clients.get(0);
        final long id = client.send(OP_GET, 0);
        final long deadline = System.nanoTime() + TIMEOUT;
        final long parksBefore = loop.parks();
        while (loop.parks() == parksBefore && System.nanoTime() < deadline) {
            Thread.sleep(2); // until the loop has gone to sleep with the request deferred
        }
        assertTrue(loop.parks() > parksBefore, "the loop never parked");
        service.post(42);
        assertEquals(42, client.await(id, TIMEOUT, null));
        assertEquals(1, loop.counter(ServerCounter.REQUESTS_DEFERRED));
    }

    @Test
    void aTimerDeferredRequestCompletesWhenItsDelayHasPassed() throws Exception {
        start(1);
        final ServerClient client = clients.get(0);
        client.arguments().putLong(0, TimeUnit.MILLISECONDS.toNanos(30), MessageHeaderDescriptor.BYTE_ORDER);
        final long start = System.nanoTime();
        assertEquals(0, client.call(OP_AFTER, Long.BYTES, TIMEOUT, null));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(30), "completed before its delay");
    }

    @Test
    void oneLoopServesSeveralEndpointsAndRepliesOnEach() throws Exception {
        start(3);
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(i, clients.get(i).call(OP_WHO, 0, TIMEOUT, null), "endpoint " + i);
            }
        }
        final long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = clients.get(i).send(OP_GET, 0);
        }
        service.post(7);
        for (int i = 0; i < 3; i++) {
            assertEquals(7, clients.get(i).await(ids[i], TIMEOUT, null), "deferred on endpoint " + i);
        }
        clients.get(0).arguments().putByte(0, (byte) 1);
        assertEquals(-Errno.EINVAL, clients.get(0).call(OP_WHO, 1, TIMEOUT, null), "WHO takes no arguments");
    }

    @Test
    void aStoppedLoopClosesItsEndpointsAndItsClientsFailWithEio() throws Exception {
        start(2);
        final long id = clients.get(1).send(OP_GET, 0);
        assertEquals(1, clients.get(1).counter(ServerCounter.REQUESTS_DEFERRED, TIMEOUT));
        loop.requestStop();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(thread.isAlive());
        assertFalse(loop.isRunning());
        for (final FusionChannel channel : channels) {
            assertEquals(CapabilityState.DEAD, channel.capabilityState(), "the server left " + channel.name());
        }
        assertEquals(-Errno.EIO, clients.get(1).await(id, TIMEOUT, null));
        assertEquals(-Errno.EIO, clients.get(0).call(OP_WHO, 0, TIMEOUT, null));
    }

    @Test
    void aRevokedEndpointEndsWhileTheOthersAreStillServed() throws Exception {
        start(2);
        final long id = clients.get(0).send(OP_GET, 0);
        assertEquals(1, clients.get(0).counter(ServerCounter.REQUESTS_DEFERRED, TIMEOUT));
        channels.get(0).revoke();
        assertEquals(-Errno.EIO, clients.get(0).await(id, TIMEOUT, null));
        assertEquals(1, clients.get(1).call(OP_WHO, 0, TIMEOUT, null), "endpoint 1 still served");
        service.post(3);
        final long deadline = System.nanoTime() + TIMEOUT;
        while (loop.counter(ServerCounter.REPLIES_DROPPED) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(1, loop.counter(ServerCounter.REPLIES_DROPPED),
            "the reply to the revoked endpoint's GET went nowhere and was counted");
        assertEquals(1, clients.get(1).call(OP_WHO, 0, TIMEOUT, null));
        assertTrue(loop.isRunning());
    }
}
