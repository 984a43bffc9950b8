package org.exoos.servers.framework;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.MAX_ARGUMENTS_LENGTH;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.OP_CANCEL;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.OP_COUNTER;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.OP_NOP;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.RESULT_LENGTH;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.FusionMessageHandler;
import org.exoos.ipc.fusion.FusionRingDescriptor;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.SlotView;
import org.exoos.ipc.fusion.cap.CapabilityState;
import org.exoos.ipc.fusion.cap.RevokedException;
import org.exoos.ipc.fusion.channel.ChannelPeer;
import org.exoos.ipc.fusion.channel.FusionChannel;
import org.exoos.ipc.fusion.data.DataRegion;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's side of one server's channel: it sends requests and matches replies to them by
 * request id. A {@link Supervisor} binds it to the channel and re-binds it on a restart.
 *
 * <h2>Sending</h2>
 * Encode the arguments with the service's codec flyweights into {@link #arguments()} (offset 0,
 * {@value org.exoos.servers.protocol.MessageHeaderDescriptor#MAX_ARGUMENTS_LENGTH} bytes), optionally take a data block with
 * {@link #claimData} and fill it in place, then {@link #send}: the arguments are copied into the
 * slot, the block is handed over without a copy. Nothing allocates. A full ring is waited out
 * (the client drains replies meanwhile, so the server can always make progress). Request and
 * reply data share the channel's block pool, so requests carrying data are held to half the
 * blocks: a server that answers a data request with data always finds a block for it.
 *
 * <h2>Receiving</h2>
 * {@link #await} waits for one request's reply, parking on the reply ring's doorbell; its
 * handler sees the reply's arguments and data in place, before the block goes back. Replies to
 * other requests that arrive meanwhile go to the client's asynchronous handler if it has one
 * ({@link #poll} drains them too), or else their results wait for their own {@code await}.
 * {@link #call} is send and await in one.
 *
 * <h2>Death</h2>
 * When the server dies (its supervisor declares it), is stopped or is restarted, the client takes
 * every reply the server had fully published, then completes each request still in flight with
 * {@code -EIO} and logs one line: "server vfs (pid 1234) died; 3 requests failed with EIO". Later
 * requests answer {@code -EIO} at once, until the supervisor binds a new channel generation.
 *
 * <h2>Threads</h2>
 * One thread at a time sends and awaits (a kernel thread, or several taking turns); the methods
 * are synchronized so that the supervisor can re-bind at any time, and handlers run under that
 * lock (on the supervisor's thread for the requests a re-bind fails), so they must be short and
 * must not call back into the client.
 */
public final class ServerClient {
    /** How long a send waits for room in a full ring, or for a free data block. */
    public static final long SEND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Default timeout of {@link #call} and of the framework queries. */
    public static final long DEFAULT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final Logger LOG = LoggerFactory.getLogger(ServerClient.class);
    private static final long MISSING = Long.MIN_VALUE;
    /** Marks an in-flight entry (the operation) whose request carried a data block. */
    private static final long WITH_DATA = 1L << 32;
    private static final int DRAIN_BATCH = 64;
    private static final int WAITER_SPINS = 100;
    /** Longest single park while awaiting: re-checks binding changes this often. */
    private static final long AWAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String serverName;
    private final Protocol protocol;
    private final int flags;
    private final ReplyHandler asyncHandler;
    private final UnsafeBuffer arguments = new UnsafeBuffer(new byte[MAX_ARGUMENTS_LENGTH]);
    private final UnsafeBuffer internalArguments = new UnsafeBuffer(new byte[MAX_ARGUMENTS_LENGTH]);
    private final Long2LongHashMap inFlight = new Long2LongHashMap(256, 0.65f, MISSING);
    private final Long2LongHashMap completed = new Long2LongHashMap(64, 0.65f, MISSING);
    private final ReplyView view = new ReplyView();
    private final Drain drain = new Drain();
    private final FusionRingWaiter parkingWaiter = FusionRingWaiter.parking(WAITER_SPINS);
    private final FusionRingWaiter spinningWaiter = FusionRingWaiter.spinning();

    // The binding, replaced by the supervisor under this object's lock.
    private FusionChannel channel;
    /** Bound to an upstream channel: this side is the server, the peer, calling the kernel. */
    private ChannelPeer upstreamPeer;
    private DataRegion dataRegion;
    private OneToOneFusionRing outbound;
    private OneToOneFusionRing inbound;
    private String peer = "not started";
    private boolean ended = true;
    private boolean claimPending;
    private boolean dataClaimed;
    private int dataRequestsInFlight;
    private int maxDataRequestsInFlight;
    private long nextRequestId = 1;
    private long malformedSlotsBefore;

    // The request an await is draining for.
    private long awaitedId = MISSING;
    private ReplyHandler awaitedHandler;
    private long awaitedResult;
    private boolean awaitedDone;
    private int delivered;
    private int parkedWaiters;

    private long malformedReplies;
    private long unmatchedReplies;
    private long failedRequests;
    private long timedOutRequests;

    /**
     * A client for server {@code serverName}, speaking {@code protocol}, with an optional
     * handler for replies nobody awaits (null: their results are kept for {@link #await}).
     */
    public ServerClient(final String serverName, final Protocol protocol, final ReplyHandler asyncHandler) {
        this.serverName = serverName;
        this.protocol = protocol;
        this.flags = protocol.flags();
        this.asyncHandler = asyncHandler;
    }

    // ---- binding (the supervisor) ------------------------------------------------------------

    /** Starts using the channel's current generation; {@code peer} names the server in logs ("pid 42"). */
    synchronized void bind(final FusionChannel newChannel, final String newPeer) {
        if (!ended) {
            throw new IllegalStateException("client of " + serverName + " is still bound to " + peer);
        }
        channel = newChannel;
        upstreamPeer = null;
        outbound = newChannel.replies();   // the kernel owns the channel: its reply ring carries requests
        inbound = newChannel.requests();   // and its request ring carries the server's replies
        bound(newChannel.dataRegion(), newPeer);
    }

    /**
     * Starts using an upstream channel a server attached to as its peer, to call the kernel on:
     * the peer's request ring carries requests, its reply ring the kernel's replies. Once only.
     */
    synchronized void bindUpstream(final ChannelPeer attached, final String newPeer) {
        if (!ended) {
            throw new IllegalStateException("client of " + serverName + " is still bound to " + peer);
        }
        channel = null;
        upstreamPeer = attached;
        outbound = attached.requests();
        inbound = attached.replies();
        bound(attached.dataRegion(), newPeer);
    }

    private void bound(final DataRegion region, final String newPeer) {
        dataRegion = region;
        peer = newPeer;
        ended = false;
        claimPending = false;
        dataClaimed = false;
        dataRequestsInFlight = 0;
        // Request and reply blocks share one pool: requests may hold at most half, so that a
        // server copying a request's data into its reply always finds a block for the reply.
        maxDataRequestsInFlight = region == null ? 0 : Math.max(1, region.blockCount() / 2);
    }

    /**
     * Stops using the channel before the supervisor resets it: takes what the server published,
     * fails what is still in flight with -EIO (logging the line) and forgets the rings.
     */
    synchronized void unbind() {
        if (!ended) {
            pump();
            end();
        }
        if (claimPending && outbound != null) {
            outbound.abort();
            claimPending = false;
            dataClaimed = false;
        }
        if (inbound != null) {
            malformedSlotsBefore += inbound.malformedSlotCount();
        }
        outbound = null;
        inbound = null;
        // A thread parked on the old ring wakes at once (the ring ended); let it leave before
        // the supervisor resets or unmaps the channel under it.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (parkedWaiters > 0 && System.nanoTime() - deadline < 0) {
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (final InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- sending -----------------------------------------------------------------------------

    /** The argument area of the next request: offset 0, {@value org.exoos.servers.protocol.MessageHeaderDescriptor#MAX_ARGUMENTS_LENGTH} bytes. */
    public MutableDirectBuffer arguments() {
        return arguments;
    }

    /**
     * Takes a data block for the next request, to fill in place from offset 0; {@link #send}
     * hands over its first {@code length} bytes. Waits up to {@link #SEND_TIMEOUT_NANOS} for room.
     *
     * @return the block (capacity: the block size; reused), or null if none could be had: the
     *     server is gone ({@link #isConnected()} false: fail with EIO) or is not freeing blocks
     *     (fail with EAGAIN)
     * @throws IllegalArgumentException if {@code length} exceeds {@link #maxDataLength()}
     */
    public synchronized MutableDirectBuffer claimData(final int length) {
        if (claimSlot() < 0) {
            return null;
        }
        if (dataRegion == null || length < 0 || length > dataRegion.blockSize()) {
            outbound.abort();
            claimPending = false;
            dataClaimed = false;
            throw new IllegalArgumentException("request data of " + length + " bytes outside 0.." + maxDataLength());
        }
        final long deadline = System.nanoTime() + SEND_TIMEOUT_NANOS;
        for (int tries = 0; ; tries++) {
            final MutableDirectBuffer block = dataRequestsInFlight < maxDataRequestsInFlight
                ? outbound.claimData(0, length) : null;
            if (block != null) {
                dataClaimed = true;
                return block;
            }
            pump();
            if (ended || System.nanoTime() - deadline >= 0) {
                if (outbound != null && claimPending) {
                    outbound.abort();
                }
                claimPending = false;
                dataClaimed = false;
                return null;
            }
            if (tries < WAITER_SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(20_000L); // blocks come back when the server's handlers return
            }
        }
    }

    /**
     * Sends a request of {@code operation} with the first {@code argumentsLength} bytes of
     * {@link #arguments()} (and the block of a preceding {@link #claimData}).
     *
     * @return the request id ({@code > 0}), or {@code -EIO} if the server is gone, or
     *     {@code -EAGAIN} if the ring stayed full for {@link #SEND_TIMEOUT_NANOS}
     */
    public synchronized long send(final int operation, final int argumentsLength) {
        if (operation < 1 || operation > FusionRingDescriptor.MAX_MESSAGE_TYPE || operation == OP_CANCEL) {
            throw new IllegalArgumentException("operation " + operation + " cannot be sent as a request");
        }
        return sendMessage(operation, arguments, argumentsLength, true);
    }

    /** Sends and awaits in one: {@link #send}, then {@link #await}. */
    public long call(final int operation, final int argumentsLength, final long timeoutNanos,
                     final ReplyHandler handler) {
        final long id = send(operation, argumentsLength);
        return id < 0 ? id : await(id, timeoutNanos, handler);
    }

    /**
     * Asks the server to cancel request {@code requestId} (its caller was interrupted); the
     * request still completes, usually with {@code -EINTR}. Best effort: false if it could not
     * be sent now.
     */
    public synchronized boolean cancel(final long requestId) {
        if (claimPending || ended || outbound == null) {
            return false;
        }
        if (outbound.tryClaim(1) != OfferStatus.OK) {
            return false;
        }
        outbound.claimedSlot(0).type(OP_CANCEL).flags(flags).correlationId(requestId).payload(internalArguments, 0, 0);
        outbound.commit();
        return true;
    }

    private long sendMessage(final int operation, final DirectBuffer src, final int length, final boolean expectsReply) {
        if (length < 0 || length > MAX_ARGUMENTS_LENGTH) {
            throw new IllegalArgumentException("arguments of " + length + " bytes outside 0.." + MAX_ARGUMENTS_LENGTH);
        }
        final int claim = claimSlot();
        if (claim < 0) {
            return claim;
        }
        final long id = nextRequestId++;
        outbound.claimedSlot(0).type(operation).flags(flags).correlationId(id).payload(src, 0, length);
        outbound.commit();
        claimPending = false;
        if (expectsReply) {
            inFlight.put(id, dataClaimed ? operation | WITH_DATA : operation);
        }
        if (dataClaimed) {
            dataRequestsInFlight++;
            dataClaimed = false;
        }
        return id;
    }

    /** Claims one request slot (or keeps the pending one): 0, or -EIO / -EAGAIN. */
    private int claimSlot() {
        if (claimPending) {
            return 0;
        }
        if (ended) {
            return -Errno.EIO;
        }
        final long deadline = System.nanoTime() + SEND_TIMEOUT_NANOS;
        while (true) {
            final OfferStatus status = outbound.tryClaim(1);
            if (status == OfferStatus.OK) {
                claimPending = true;
                return 0;
            }
            if (status == OfferStatus.REVOKED) {
                end();
                return -Errno.EIO;
            }
            pump(); // the server may be waiting for reply room before it drains more requests
            if (ended) {
                return -Errno.EIO;
            }
            if (System.nanoTime() - deadline >= 0) {
                return -Errno.EAGAIN;
            }
            waiterFor(outbound).awaitFreeSlots(outbound, 1, TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    // ---- receiving ---------------------------------------------------------------------------

    /**
     * Waits for the reply to {@code requestId}, handing it to {@code handler} (may be null) in
     * place, and returns its result.
     *
     * @param timeoutNanos negative waits without limit
     * @return the result ({@code >= 0} or {@code -errno}); {@code -EIO} if the server died or was
     *     stopped first; {@code -ETIMEDOUT} on timeout (the request is then cancelled and its late
     *     reply dropped); {@code -EINVAL} if the id is not in flight
     */
    public long await(final long requestId, final long timeoutNanos, final ReplyHandler handler) {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            final OneToOneFusionRing ring;
            synchronized (this) {
                final long kept = completed.remove(requestId);
                if (kept != MISSING) {
                    return kept;
                }
                if (!inFlight.containsKey(requestId)) {
                    return -Errno.EINVAL;
                }
                awaitedId = requestId;
                awaitedHandler = handler;
                awaitedDone = false;
                try {
                    pump();
                } finally {
                    awaitedId = MISSING;
                    awaitedHandler = null;
                }
                if (awaitedDone) {
                    return awaitedResult;
                }
                final long late = completed.remove(requestId); // failed by a death seen in this pump
                if (late != MISSING) {
                    return late;
                }
                ring = inbound;
                if (ring != null) {
                    parkedWaiters++; // unbind() waits for us to leave the ring before it may be unmapped
                }
                final long remaining = deadline - System.nanoTime();
                if (timeoutNanos >= 0 && remaining <= 0) {
                    leaveRing(ring);
                    forget(inFlight.remove(requestId));
                    timedOutRequests++;
                    cancel(requestId);
                    return -Errno.ETIMEDOUT;
                }
            }
            final long slice = timeoutNanos < 0 ? AWAIT_SLICE_NANOS
                : Math.min(AWAIT_SLICE_NANOS, Math.max(1, deadline - System.nanoTime()));
            if (ring != null) {
                try {
                    waiterFor(ring).awaitNotEmpty(ring, slice);
                } finally {
                    synchronized (this) {
                        leaveRing(ring);
                    }
                }
            } else {
                LockSupport.parkNanos(slice);
            }
        }
    }

    /** An await is done with {@code ring} (null: it never parked on one). Caller holds the lock. */
    private void leaveRing(final OneToOneFusionRing ring) {
        if (ring != null && --parkedWaiters == 0) {
            notifyAll();
        }
    }

    /**
     * Delivers the replies that have arrived to the asynchronous handler (or keeps their results),
     * and fails every request in flight if the server has gone.
     *
     * @return how many replies (and failures) were delivered
     */
    public synchronized int poll() {
        delivered = 0;
        pump();
        return delivered;
    }

    /** Drains the reply ring; on the end of the binding, fails what is left. Caller holds the lock. */
    private void pump() {
        if (ended || inbound == null) {
            return;
        }
        boolean gone = inbound.isRevoked(); // read first: what the server published before is still drained
        try {
            for (int i = 0; i < 4 && inbound.drain(drain, DRAIN_BATCH) > 0; i++) {
                // keep going while there is more
            }
        } catch (final RevokedException reset) {
            gone = true;
        }
        if (gone) {
            end();
        }
    }

    /** The binding ended: fail every request in flight with -EIO, with the one log line. */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (claimPending && outbound != null) {
            outbound.abort();
            claimPending = false;
            dataClaimed = false;
        }
        final int count = inFlight.size();
        if (count > 0) {
            final LongArrayList ids = new LongArrayList(count, MISSING); // the death path may allocate
            final LongArrayList operations = new LongArrayList(count, MISSING);
            inFlight.forEachLong((id, entry) -> {
                ids.addLong(id);
                operations.addLong(entry & ~WITH_DATA);
            });
            inFlight.clear();
            dataRequestsInFlight = 0;
            for (int i = 0; i < count; i++) {
                try {
                    deliver(view.failure(ids.getLong(i), (int) operations.getLong(i), -Errno.EIO));
                } catch (final RuntimeException handlerFailure) {
                    // one caller's handler must not cost the others their EIO, nor the line below
                    LOG.error("server {}: a handler failed on request {}'s EIO", serverName, ids.getLong(i),
                        handlerFailure);
                }
            }
        }
        failedRequests += count;
        final String how = howItEnded();
        if (how.equals("died")) {
            LOG.error("server {} ({}) died; {} requests failed with EIO", serverName, peer, count);
        } else if (count > 0) {
            LOG.warn("server {} ({}) {}; {} requests failed with EIO", serverName, peer, how, count);
        } else {
            LOG.info("server {} ({}) {}", serverName, peer, how);
        }
    }

    private String howItEnded() {
        if (upstreamPeer != null) {
            return upstreamPeer.isOwnerAlive() ? "was stopped" : "died";
        }
        final int state = channel == null ? CapabilityState.FREE : channel.capabilityState();
        return switch (state) {
            case CapabilityState.DEAD -> "died";
            case CapabilityState.REVOKED -> "was stopped";
            default -> "was reset";
        };
    }

    /** Routes one reply or failure: to the await in progress, else the async handler, else kept. */
    private void deliver(final ReplyView reply) {
        delivered++;
        if (reply.requestId() == awaitedId) {
            awaitedResult = reply.result();
            awaitedDone = true;
            if (awaitedHandler != null) {
                awaitedHandler.onReply(reply);
            }
        } else if (asyncHandler != null) {
            asyncHandler.onReply(reply);
        } else {
            completed.put(reply.requestId(), reply.result());
        }
    }

    /** The operation of an in-flight entry that leaves the table, releasing its data quota. */
    private long forget(final long entry) {
        if ((entry & WITH_DATA) != 0) {
            dataRequestsInFlight--;
        }
        return entry & ~WITH_DATA;
    }

    private FusionRingWaiter waiterFor(final OneToOneFusionRing ring) {
        return ring.hasDoorbells() ? parkingWaiter : spinningWaiter;
    }

    /** Checks each reply against its request before anyone sees it. */
    private final class Drain implements FusionMessageHandler {
        @Override
        public void onMessage(final SlotView slot) {
            final long id = slot.correlationId();
            final long entry = inFlight.get(id);
            if (entry == MISSING) {
                unmatchedReplies++; // never sent, already answered, or timed out: drop it
                return;
            }
            inFlight.remove(id);
            final long operation = forget(entry);
            if (slot.flags() != flags || slot.type() != operation || slot.payloadLength() < RESULT_LENGTH) {
                malformedReplies++;
                LOG.warn("server {} ({}) sent a malformed reply to request {} (operation {}, flags 0x{}, {} bytes);"
                    + " it fails with EIO", serverName, peer, id, slot.type(), Integer.toHexString(slot.flags()),
                    slot.payloadLength());
                deliver(view.failure(id, (int) operation, -Errno.EIO));
                return;
            }
            deliver(view.wrap(slot));
        }
    }

    // ---- framework operations ----------------------------------------------------------------

    /** A round trip that the server's loop answers itself: 0, or {@code -errno}. */
    public long nop(final long timeoutNanos) {
        final long id;
        synchronized (this) {
            id = sendMessage(OP_NOP, internalArguments, 0, true);
        }
        return id < 0 ? id : await(id, timeoutNanos, null);
    }

    /** Reads one of the server's counters (works across JVMs): its value, or {@code -errno}. */
    public long counter(final ServerCounter counter, final long timeoutNanos) {
        final long id;
        synchronized (this) {
            internalArguments.putInt(0, counter.id(), BYTE_ORDER);
            id = sendMessage(OP_COUNTER, internalArguments, Integer.BYTES, true);
        }
        return id < 0 ? id : await(id, timeoutNanos, null);
    }

    // ---- state -------------------------------------------------------------------------------

    /** Whether requests can reach the server now. */
    public synchronized boolean isConnected() {
        return !ended && outbound != null && !outbound.isRevoked();
    }

    /** Requests sent and not yet answered. */
    public synchronized int inFlight() {
        return inFlight.size();
    }

    /** Largest data block a request can carry (0: the channel has none). */
    public synchronized int maxDataLength() {
        return dataRegion == null ? 0 : dataRegion.blockSize();
    }

    /** Replies that broke the protocol (their requests failed with EIO). */
    public synchronized long malformedReplies() {
        return malformedReplies;
    }

    /** Replies to no request in flight (late after a timeout, or forged), dropped. */
    public synchronized long unmatchedReplies() {
        return unmatchedReplies;
    }

    /** Slots the reply ring itself refused as malformed, over every binding. */
    public synchronized long malformedSlots() {
        return malformedSlotsBefore + (inbound == null ? 0 : inbound.malformedSlotCount());
    }

    /** Requests completed with -EIO because their server died, was stopped or restarted. */
    public synchronized long failedRequests() {
        return failedRequests;
    }

    /** Requests whose await timed out. */
    public synchronized long timedOutRequests() {
        return timedOutRequests;
    }

    public String serverName() {
        return serverName;
    }

    public Protocol protocol() {
        return protocol;
    }
}
