package org.exoos.servers.framework;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.OP_CANCEL;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.OP_COUNTER;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.OP_NOP;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.REJECTION_ARGUMENTS_LENGTH;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.REJECTION_PROTOCOL_ID_OFFSET;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.REJECTION_VERSION_OFFSET;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.exoos.ipc.fusion.FusionMessageHandler;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.SlotView;
import org.exoos.ipc.fusion.cap.RevokedException;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.protocol.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's agent loop (Agrona's {@link Agent} shape): each turn drains the inbound rings of its
 * endpoints, checks every request against the service's {@link Protocol}, hands the valid ones to
 * the {@link Service} and sends the replies, then gives the service a turn of its own
 * ({@link Service#doWork}); an idle loop parks ({@link ServerIdler}). Everything runs on one
 * thread, which is the only one that touches the service, and nothing on the path of a request
 * allocates.
 *
 * <p>A request the protocol refuses is answered with its {@link Rejection}'s errno and counted
 * ({@link ServerCounter}); a slot the ring refuses is counted by the ring and surfaces as
 * {@link ServerCounter#MALFORMED_SLOTS}. Neither reaches the service, and nothing a client
 * writes can make the loop throw.
 *
 * <p>The loop ends when {@link #requestStop()} is called, when every endpoint has ended (the
 * kernel revoked or reset the channel: that is how a supervisor stops a server in either
 * isolation mode), or when the kernel's process is found gone (checked every
 * {@link #OWNER_CHECK_NANOS} while idle), and then closes its endpoints.
 */
public final class ServerLoop implements Agent {
    /** Most requests taken per endpoint per turn. */
    static final int BATCH = 64;
    /** How often an idle loop (or one waiting for reply room) checks that the kernel still runs. */
    static final long OWNER_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a reply waits for a free data block before the service is told there is none. */
    static final long DATA_BLOCK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long ROOM_WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int WAITER_SPINS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ServerLoop.class);

    private final String name;
    private final Service service;
    private final Protocol protocol;
    private final ServerEndpoint[] endpoints;
    private final Upstreams upstreams;
    private final OneToOneFusionRing[] inbound;
    private final OneToOneFusionRing[] outbound;
    private final Dispatcher[] dispatchers;
    private final boolean[] open;
    /** Thread isolation: the kernel is this very process, it cannot be gone while we run. */
    private final boolean[] ownerIsThisProcess;
    private int openCount;

    private final AtomicLongArray counters = new AtomicLongArray(32);
    private final Request request = new Request();
    private final Reply immediate = new Reply(this, false);
    private final Reply deferred = new Reply(this, true);
    private final Context context = new Context();
    private final ServerIdler idler;
    private final FusionRingWaiter parkingWaiter = FusionRingWaiter.parking(WAITER_SPINS);
    private final FusionRingWaiter spinningWaiter = FusionRingWaiter.spinning();

    private volatile boolean stopRequested;
    private volatile boolean running;
    private String stopReason = "stopped";
    private long lastOwnerCheck;

    /**
     * A loop serving {@code service} on {@code endpoints} (at least one), named {@code name} in
     * logs. It takes over the endpoints: it closes them when it ends.
     */
    public ServerLoop(final String name, final Service service, final List<ServerEndpoint> endpoints) {
        this(name, service, endpoints, Upstreams.NONE);
    }

    /**
     * A loop as above whose service may also call the kernel on {@code upstreams}
     * ({@link ServiceContext#upstream}); it closes them when it ends, after the service.
     */
    public ServerLoop(final String name, final Service service, final List<ServerEndpoint> endpoints,
                      final Upstreams upstreams) {
        this.upstreams = upstreams;
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one endpoint");
        }
        this.name = name;
        this.service = service;
        this.protocol = service.protocol();
        final int n = endpoints.size();
        this.endpoints = endpoints.toArray(new ServerEndpoint[0]);
        this.inbound = new OneToOneFusionRing[n];
        this.outbound = new OneToOneFusionRing[n];
        this.dispatchers = new Dispatcher[n];
        this.open = new boolean[n];
        this.ownerIsThisProcess = new boolean[n];
        final long self = ProcessHandle.current().pid();
        for (int i = 0; i < n; i++) {
            ownerIsThisProcess[i] = this.endpoints[i].owner().pid() == self;
            inbound[i] = this.endpoints[i].inbound();
            outbound[i] = this.endpoints[i].outbound();
            dispatchers[i] = new Dispatcher(i);
            open[i] = true;
        }
        this.openCount = n;
        this.idler = new ServerIdler(this::ready, inbound);
    }

    /**
     * Runs the loop on the calling thread until it ends (see the class comment), then closes the
     * service and the endpoints.
     */
    public void run() {
        idler.bindLoopThread();
        running = true;
        lastOwnerCheck = System.nanoTime();
        try {
            onStart();
            LOG.info("server {} serving {} on {} channel(s)", name, protocol, endpoints.length);
            while (!stopRequested && openCount > 0) {
                final int work = doWork();
                if (work == 0) {
                    idle();
                } else {
                    idler.idle(work, -1, 0, 0);
                }
            }
            if (openCount == 0 && !stopRequested) {
                stopReason = "stopped: its channels ended";
            }
        } finally {
            try {
                onClose();
            } finally {
                running = false;
                LOG.info("server {} {}", name, stopReason);
            }
        }
    }

    @Override
    public void onStart() {
        service.onStart(context);
    }

    @Override
    public int doWork() {
        int work = 0;
        for (int i = 0; i < inbound.length; i++) {
            if (!open[i]) {
                continue;
            }
            final OneToOneFusionRing ring = inbound[i];
            if (ring.isRevoked()) {
                endpointEnded(i);
                work++;
                continue;
            }
            final int limit = Math.max(1, Math.min(BATCH, outbound[i].freeSlots()));
            try {
                work += ring.drain(dispatchers[i], limit);
            } catch (final RevokedException ended) {
                endpointEnded(i);
                work++;
            }
        }
        idler.takeWakeRequest();
        try {
            work += service.doWork();
        } catch (final RuntimeException | AssertionError | StackOverflowError ex) {
            serviceError("doWork", ex);
            work++;
        }
        return work;
    }

    private void idle() {
        final long now = System.nanoTime();
        if (now - lastOwnerCheck >= OWNER_CHECK_NANOS) {
            lastOwnerCheck = now;
            if (!ownerAlive()) {
                return;
            }
        }
        long limit = OWNER_CHECK_NANOS;
        final long serviceLimit = service.parkLimitNanos();
        if (serviceLimit >= 0) {
            limit = Math.min(limit, Math.max(1, serviceLimit));
        }
        idler.idle(0, firstOpenEndpoint(), openCount, limit);
    }

    /** Reads /proc (and allocates) once a second while idle, only for a kernel in another process. */
    private boolean ownerAlive() {
        for (int i = 0; i < endpoints.length; i++) {
            if (open[i] && !ownerIsThisProcess[i] && !endpoints[i].isOwnerAlive()) {
                stopReason = "stopped: the kernel's process " + endpoints[i].owner() + " is gone";
                stopRequested = true;
                return false;
            }
        }
        return true;
    }

    private int firstOpenEndpoint() {
        for (int i = 0; i < open.length; i++) {
            if (open[i]) {
                return i;
            }
        }
        return -1;
    }

    /** What a parked loop re-checks: a request, a wake-up, a stop, an ended endpoint. */
    private boolean ready() {
        if (stopRequested || idler.wakeRequested()) {
            return true;
        }
        for (int i = 0; i < inbound.length; i++) {
            if (open[i] && (!inbound[i].isEmpty() || inbound[i].isRevoked())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onClose() {
        try {
            service.onClose();
        } catch (final RuntimeException ex) {
            LOG.warn("server {}: service close failed", name, ex);
        }
        idler.close();
        for (final ServerEndpoint endpoint : endpoints) {
            endpoint.close();
        }
        upstreams.close();
    }

    @Override
    public String roleName() {
        return "server-" + name;
    }

    /** Asks the loop to end after its current turn; from any thread. */
    public void requestStop() {
        stopRequested = true;
        idler.wakeUp();
    }

    /** {@link ServiceContext#wakeUp()}, from any thread. */
    public void wakeUp() {
        idler.wakeUp();
    }

    /** Whether {@link #run()} is executing. */
    public boolean isRunning() {
        return running;
    }

    /** A counter, from any thread. */
    public long counter(final ServerCounter counter) {
        return switch (counter) {
            case MALFORMED_SLOTS -> {
                long sum = 0;
                for (final OneToOneFusionRing ring : inbound) {
                    sum += ring.malformedSlotCount();
                }
                yield sum;
            }
            case MALFORMED_DESCRIPTORS -> {
                long sum = 0;
                for (final OneToOneFusionRing ring : inbound) {
                    sum += ring.malformedDescriptorCount();
                }
                yield sum;
            }
            default -> counters.get(counter.id());
        };
    }

    /** How often the loop went to park: a quiet server should park rather than spin. */
    public long parks() {
        return idler.parks();
    }

    public String name() {
        return name;
    }

    // ---- dispatch ----------------------------------------------------------------------------

    private void dispatch(final int endpoint, final SlotView slot) {
        increment(ServerCounter.MESSAGES_RECEIVED);
        final int operation = slot.type();
        final int flags = slot.flags();
        final long requestId = slot.correlationId();
        final Rejection rejection = protocol.check(operation, flags, slot.payloadLength(), slot.data() != null);
        if (rejection != null) {
            reject(endpoint, operation, flags, requestId, rejection);
            return;
        }
        switch (operation) {
            case OP_NOP -> immediate.begin(endpoint, outbound[endpoint], requestId, operation, flags).finish(0);
            case OP_CANCEL -> cancel(endpoint, requestId);
            case OP_COUNTER -> {
                final ServerCounter counter = ServerCounter.byId(slot.buffer().getInt(slot.payloadOffset(), BYTE_ORDER));
                immediate.begin(endpoint, outbound[endpoint], requestId, operation, flags)
                    .finish(counter == null ? -Errno.EINVAL : counter(counter));
            }
            default -> serve(endpoint, slot, requestId, operation, flags);
        }
    }

    private void serve(final int endpoint, final SlotView slot, final long requestId, final int operation,
                       final int flags) {
        immediate.begin(endpoint, outbound[endpoint], requestId, operation, flags);
        long result;
        try {
            result = service.onRequest(request.wrap(slot, endpoint), immediate);
        } catch (final RuntimeException | AssertionError | StackOverflowError ex) {
            serviceError(protocol.operation(operation).name(), ex);
            immediate.abandon();
            immediate.begin(endpoint, outbound[endpoint], requestId, operation, flags);
            result = -Errno.EIO;
        }
        if (result == Service.DEFERRED) {
            immediate.abandon();
            increment(ServerCounter.REQUESTS_DEFERRED);
            return;
        }
        if (result < Service.MIN_ERROR_RESULT) {
            serviceError(protocol.operation(operation).name(),
                new IllegalStateException("result " + result + " is neither a value nor an errno"));
            result = -Errno.EIO;
        }
        immediate.finish(result);
    }

    private void cancel(final int endpoint, final long requestId) {
        increment(ServerCounter.CANCELS_RECEIVED);
        try {
            service.onCancel(endpoint, requestId);
        } catch (final RuntimeException | AssertionError | StackOverflowError ex) {
            serviceError("cancel", ex);
        }
    }

    private void reject(final int endpoint, final int operation, final int flags, final long requestId,
                        final Rejection rejection) {
        final ServerCounter counter = ServerCounter.of(rejection);
        final long count = increment(counter);
        if ((count & (count - 1)) == 0) { // 1, 2, 4, 8...: a flood cannot flood the log
            LOG.warn("server {} rejected a request ({}: operation {}, flags 0x{}); {} so far", name, rejection,
                operation, Integer.toHexString(flags), count);
        }
        final Reply reply = immediate.begin(endpoint, outbound[endpoint], requestId, operation, flags);
        final MutableDirectBuffer arguments = reply.arguments();
        arguments.putByte(REJECTION_PROTOCOL_ID_OFFSET, (byte) protocol.id());
        arguments.putByte(REJECTION_VERSION_OFFSET, (byte) protocol.version());
        reply.argumentsLength(REJECTION_ARGUMENTS_LENGTH).finish(-rejection.errno());
    }

    private void serviceError(final String where, final Throwable error) {
        final long count = increment(ServerCounter.SERVICE_ERRORS);
        if ((count & (count - 1)) == 0) {
            LOG.error("server {}: the service failed in {} ({} failures so far); answered -EIO", name, where, count,
                error);
        }
    }

    private void endpointEnded(final int endpoint) {
        if (!open[endpoint]) {
            return;
        }
        open[endpoint] = false;
        openCount--;
        if (deferred.isActive()) {
            deferred.abandon();
        }
        LOG.info("server {}: channel {} ended ({})", name, endpoints[endpoint].name(), endpoints[endpoint].status());
        try {
            service.onEndpointClosed(endpoint);
        } catch (final RuntimeException ex) {
            serviceError("onEndpointClosed", ex);
        }
    }

    // ---- replies (called by Reply) -----------------------------------------------------------

    /**
     * Claims one slot of {@code ring} for a reply, waiting while the kernel has not yet drained
     * earlier ones (it always drains while it waits, so room comes).
     *
     * @return false if the endpoint ended or the kernel is gone
     * @throws IllegalStateException if a reply on that ring is already being built
     */
    boolean claimReplySlot(final int endpoint, final OneToOneFusionRing ring) {
        if (ring.pendingClaim() != 0) {
            throw new IllegalStateException("a reply on endpoint " + endpoint + " is already being built: send"
                + " deferred replies before calling data() on the current one, or from doWork()");
        }
        long lastCheck = System.nanoTime();
        while (true) {
            final OfferStatus status = ring.tryClaim(1);
            if (status == OfferStatus.OK) {
                return true;
            }
            if (status == OfferStatus.REVOKED) {
                return false;
            }
            (ring.hasDoorbells() ? parkingWaiter : spinningWaiter).awaitFreeSlots(ring, 1, ROOM_WAIT_SLICE_NANOS);
            final long now = System.nanoTime();
            if (now - lastCheck >= OWNER_CHECK_NANOS) {
                lastCheck = now;
                if (!ownerIsThisProcess[endpoint] && !endpoints[endpoint].isOwnerAlive()) {
                    return false;
                }
            }
        }
    }

    /** Takes a data block for the claimed reply slot, waiting a little for the kernel to free one. */
    MutableDirectBuffer claimReplyData(final int endpoint, final OneToOneFusionRing ring, final int length) {
        final int max = endpoints[endpoint].maxDataLength();
        if (max == 0) {
            throw new IllegalStateException("channel " + endpoints[endpoint].name() + " has no data region");
        }
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("reply data of " + length + " bytes outside 0.." + max);
        }
        MutableDirectBuffer block = ring.claimData(0, length);
        if (block != null) {
            return block;
        }
        final long deadline = System.nanoTime() + DATA_BLOCK_WAIT_NANOS;
        for (int tries = 0; block == null; tries++) {
            if (ring.isRevoked() || System.nanoTime() - deadline >= 0) {
                return null;
            }
            if (tries < WAITER_SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(20_000L); // blocks come back when the kernel's handlers return
            }
            block = ring.claimData(0, length);
        }
        return block;
    }

    void replySent() {
        increment(ServerCounter.REPLIES_SENT);
    }

    void replyDropped() {
        increment(ServerCounter.REPLIES_DROPPED);
    }

    /** Single writer (the loop thread): a plain increment published with release. */
    private long increment(final ServerCounter counter) {
        final int id = counter.id();
        final long value = counters.getPlain(id) + 1;
        counters.setRelease(id, value);
        return value;
    }

    /** Drains one endpoint's inbound ring into {@link #dispatch}. */
    private final class Dispatcher implements FusionMessageHandler {
        private final int endpoint;

        Dispatcher(final int endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void onMessage(final SlotView message) {
            dispatch(endpoint, message);
        }
    }

    /** The service's view of this loop. */
    private final class Context implements ServiceContext {
        @Override
        public String serverName() {
            return name;
        }

        @Override
        public int endpointCount() {
            return endpoints.length;
        }

        @Override
        public int maxDataLength(final int endpoint) {
            return endpoints[endpoint].maxDataLength();
        }

        @Override
        public Reply beginReply(final int endpoint, final long requestId, final int operation) {
            if (!open[endpoint] || outbound[endpoint].isRevoked()) {
                increment(ServerCounter.REPLIES_DROPPED);
                return null;
            }
            if (deferred.isActive()) {
                serviceError("beginReply", new IllegalStateException("the previous deferred reply was never sent"));
                deferred.abandon();
            }
            return deferred.begin(endpoint, outbound[endpoint], requestId, operation, protocol.flags());
        }

        @Override
        public boolean sendReply(final int endpoint, final long requestId, final int operation, final long result) {
            final Reply reply = beginReply(endpoint, requestId, operation);
            return reply != null && reply.send(result);
        }

        @Override
        public DirectBuffer retainedData(final int endpoint, final long descriptor) {
            return endpoints[endpoint].retainedData(descriptor);
        }

        @Override
        public void releaseData(final int endpoint, final long descriptor) {
            inbound[endpoint].releaseData(descriptor);
        }

        @Override
        public void wakeUp() {
            idler.wakeUp();
        }

        @Override
        public long counter(final ServerCounter counter) {
            return ServerLoop.this.counter(counter);
        }

        @Override
        public ServerClient upstream(final String upstreamName, final Protocol upstreamProtocol) {
            return upstreams.client(upstreamName, upstreamProtocol);
        }
    }
}
