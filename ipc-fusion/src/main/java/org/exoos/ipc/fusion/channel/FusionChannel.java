package org.exoos.ipc.fusion.channel;

import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_DIGEST_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_HOLDER_PID_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_HOLDER_START_TIME_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_RESETS_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_RIGHTS_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_STATE_WORD_OFFSET;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.agrona.concurrent.AtomicBuffer;
import org.exoos.ipc.fusion.FusionRing;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.cap.Capability;
import org.exoos.ipc.fusion.cap.CapabilityGuard;
import org.exoos.ipc.fusion.cap.CapabilityState;
import org.exoos.ipc.fusion.data.DataRegion;
import org.exoos.ipc.fusion.liveness.ProcessIdentity;
import org.exoos.ipc.fusion.shm.SharedRegion;

/**
 * The owner's side of a fusion channel ({@link ChannelDescriptor} layout): it creates the
 * shared file, issues the one capability a peer attaches with, consumes requests and produces
 * replies, and, when the peer is revoked or dies, resets the channel for the next peer. This is
 * the mechanism a supervisor uses to hot-restart a server.
 *
 * <p>The control methods ({@link #issue}, {@link #revoke}, {@link #declareHolderDead},
 * {@link #reset}) are synchronized: they are rare. The rings ({@link #requests()},
 * {@link #replies()}) follow their own threading rules; they are replaced on every
 * {@link #issue}, each guarded by the capability generation it serves, so a ring object from
 * before a reset can never touch the new peer's messages. The ring objects read the mapping
 * without a lock, so their users must have stopped before {@link #close()} unmaps it.
 *
 * <p>Lifecycle of the capability entry: {@link CapabilityState}.
 */
public final class FusionChannel implements AutoCloseable {
    private final SharedRegion region;
    private final ChannelLayout layout;
    private final AtomicBuffer control;
    private final ProcessIdentity owner;
    /** Null when the channel has no data region. */
    private final DataRegion dataRegion;
    private volatile OneToOneFusionRing requests;
    private volatile OneToOneFusionRing replies;
    /** Volatile: the queries below read it before touching the mapping, from any thread. */
    private volatile boolean closed;

    private FusionChannel(final SharedRegion region, final ChannelLayout layout, final ProcessIdentity owner) {
        this.region = region;
        this.layout = layout;
        this.control = layout.control;
        this.owner = owner;
        this.dataRegion = layout.geometry.hasDataRegion() ? new DataRegion(control, layout.dataBase) : null;
    }

    /**
     * Creates {@code /dev/shm/name} (mode 0600, exclusive) and formats a channel of
     * {@code geometry} in it, with no capability issued yet.
     *
     * @throws IOException with EEXIST if the name is taken, or another host error
     */
    public static FusionChannel create(final String name, final ChannelGeometry geometry) throws IOException {
        final ProcessIdentity self = ProcessIdentity.current();
        return SharedRegion.createFormatted(name, geometry.channelLength(), region ->
            new FusionChannel(region, ChannelLayout.format(region, geometry, self.pid(), self.startTime()), self));
    }

    /**
     * Issues the channel's capability with {@code rights}: 128 fresh random bits, the next
     * generation. Only the digest goes into shared memory; the returned capability (its
     * {@link Capability#encode() text}) is the only way to attach, and it attaches once.
     *
     * @throws IllegalStateException if a capability is already issued or attached (revoke and
     *     reset first) or the previous one was not reset
     */
    public synchronized Capability issue(final int rights) {
        checkOpen();
        final int word = control.getIntVolatile(CAP_STATE_WORD_OFFSET);
        if (CapabilityState.state(word) != CapabilityState.FREE) {
            throw new IllegalStateException("channel '" + region.name() + "' capability is "
                + CapabilityState.name(CapabilityState.state(word)) + "; revoke and reset it before issuing again");
        }
        final int generation = CapabilityState.nextGeneration(CapabilityState.generation(word));
        final Capability capability = Capability.issue(region.name(), generation, rights);
        control.putInt(CAP_RIGHTS_OFFSET, rights);
        control.putBytes(CAP_DIGEST_OFFSET, capability.digest());
        control.putLong(CAP_HOLDER_PID_OFFSET, 0L);
        control.putLong(CAP_HOLDER_START_TIME_OFFSET, 0L);
        final CapabilityGuard guard = CapabilityGuard.forOwner(control, CAP_STATE_WORD_OFFSET, generation);
        requests = new OneToOneFusionRing(layout.requestRing, guard, layout.requestDataPath());
        replies = new OneToOneFusionRing(layout.replyRing, guard, layout.replyDataPath());
        control.putIntRelease(CAP_STATE_WORD_OFFSET, CapabilityState.word(generation, CapabilityState.ISSUED));
        return capability;
    }

    /**
     * Revokes the capability, issued or attached: the holder's next offer answers REVOKED and its
     * next drain throws; the owner's offers answer REVOKED too, while its drains may still take
     * what the holder published before, until {@link #reset} discards the rest. Parked waiters on
     * both sides are woken.
     *
     * @return whether there was a live capability to revoke
     */
    public synchronized boolean revoke() {
        return endCapability(CapabilityState.REVOKED, -1);
    }

    /**
     * Marks the attached holder dead (its process exited: a {@code PeerMonitor} said so, or
     * {@link #isHolderAlive()} found it gone), with the same effect on the rings as a revocation.
     *
     * @param holder the process the caller saw die; nothing happens if another holder is attached,
     *               or if the channel is closed (a monitor may report a death after that)
     * @return whether the entry was that holder's and is now dead
     */
    public synchronized boolean declareHolderDead(final ProcessIdentity holder) {
        if (closed) {
            return false; // a death reported after close(): the mapping is gone, nothing to mark
        }
        final Optional<ProcessIdentity> attached = holder();
        if (attached.isEmpty() || !attached.get().equals(holder)) {
            return false;
        }
        return endCapability(CapabilityState.DEAD, CapabilityState.ATTACHED);
    }

    private boolean endCapability(final int newState, final int requiredState) {
        checkOpen();
        while (true) {
            final int word = control.getIntVolatile(CAP_STATE_WORD_OFFSET);
            final int state = CapabilityState.state(word);
            final boolean live = state == CapabilityState.ISSUED || state == CapabilityState.ATTACHED;
            if (!live || (requiredState >= 0 && state != requiredState)) {
                return false;
            }
            final int ended = CapabilityState.word(CapabilityState.generation(word), newState);
            if (control.compareAndSetInt(CAP_STATE_WORD_OFFSET, word, ended)) {
                FusionRing.wakeAll(layout.requestRing);
                FusionRing.wakeAll(layout.replyRing);
                return true;
            }
        }
    }

    /**
     * Empties the channel for a new peer after its capability was revoked or its holder died:
     * both rings are reset (unconsumed messages discarded and counted), every data block is
     * reclaimed, and the entry becomes free for the next {@link #issue}. The owner must have
     * stopped using the old {@link #requests()} and {@link #replies()} rings.
     *
     * @throws IllegalStateException if the capability is still live (revoke it first)
     */
    public synchronized ResetReport reset() {
        checkOpen();
        final int word = control.getIntVolatile(CAP_STATE_WORD_OFFSET);
        final int state = CapabilityState.state(word);
        if (state == CapabilityState.ISSUED || state == CapabilityState.ATTACHED) {
            throw new IllegalStateException("channel '" + region.name() + "' capability is "
                + CapabilityState.name(state) + "; revoke it (or let its holder die) before a reset");
        }
        requests = null;
        replies = null;
        final int requestsDiscarded = FusionRing.reset(layout.requestRing);
        final int repliesDiscarded = FusionRing.reset(layout.replyRing);
        final int blocksReclaimed = dataRegion == null ? 0 : dataRegion.reclaimAll();
        control.putInt(CAP_RESETS_OFFSET, control.getInt(CAP_RESETS_OFFSET) + 1);
        control.putIntRelease(CAP_STATE_WORD_OFFSET,
            CapabilityState.word(CapabilityState.generation(word), CapabilityState.FREE));
        return new ResetReport(CapabilityState.name(state), requestsDiscarded, repliesDiscarded, blocksReclaimed);
    }

    /** What a {@link #reset} threw away. */
    public record ResetReport(String previousState, int requestsDiscarded, int repliesDiscarded,
                              int blocksReclaimed) {
    }

    /**
     * The capability entry's state, a {@link CapabilityState} constant. The queries that read the control block
     * are synchronized with {@link #close()}, so none can read it while it is being unmapped.
     */
    public synchronized int capabilityState() {
        if (closed) {
            return CapabilityState.REVOKED; // close revoked it; the mapping is gone
        }
        return CapabilityState.state(control.getIntVolatile(CAP_STATE_WORD_OFFSET));
    }

    /** The generation of the capability last issued (0 before the first). */
    public synchronized int capabilityGeneration() {
        checkOpen();
        return CapabilityState.generation(control.getIntVolatile(CAP_STATE_WORD_OFFSET));
    }

    /** The attached holder, as it recorded itself before attaching; empty unless attached. */
    public synchronized Optional<ProcessIdentity> holder() {
        if (closed) {
            return Optional.empty();
        }
        final int word = control.getIntVolatile(CAP_STATE_WORD_OFFSET);
        final int state = CapabilityState.state(word);
        if (state != CapabilityState.ATTACHED && state != CapabilityState.DEAD) {
            return Optional.empty();
        }
        final long pid = control.getLongVolatile(CAP_HOLDER_PID_OFFSET);
        final long start = control.getLongVolatile(CAP_HOLDER_START_TIME_OFFSET);
        return pid > 0 && start >= 0 ? Optional.of(new ProcessIdentity(pid, start)) : Optional.empty();
    }

    /**
     * Waits, polling every millisecond, until the issued capability is attached.
     *
     * @return the holder
     * @throws IllegalStateException if the capability ends (revoked) or the wait times out
     */
    public ProcessIdentity awaitAttached(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final int state = capabilityState();
            if (state == CapabilityState.ATTACHED) {
                final Optional<ProcessIdentity> holder = holder();
                if (holder.isPresent()) {
                    return holder.get();
                }
            } else if (state != CapabilityState.ISSUED) {
                throw new IllegalStateException("channel '" + region.name() + "' capability is "
                    + CapabilityState.name(state) + " while waiting for a peer to attach");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("no peer attached to channel '" + region.name() + "' within "
                    + timeout.toMillis() + " ms");
            }
            Thread.sleep(1);
        }
    }

    /** Whether the attached holder's process still runs (false if none is attached). */
    public boolean isHolderAlive() {
        return holder().map(org.exoos.ipc.fusion.liveness.ProcessLiveness::isAlive).orElse(false);
    }

    /** The request ring's consumer end, guarded by the current capability. */
    public OneToOneFusionRing requests() {
        final OneToOneFusionRing ring = requests;
        if (ring == null) {
            throw new IllegalStateException("channel '" + region.name() + "' has no capability issued");
        }
        return ring;
    }

    /** The reply ring's producer end, guarded by the current capability. */
    public OneToOneFusionRing replies() {
        final OneToOneFusionRing ring = replies;
        if (ring == null) {
            throw new IllegalStateException("channel '" + region.name() + "' has no capability issued");
        }
        return ring;
    }

    /** The data region (owner party {@link ChannelDescriptor#OWNER_PARTY}); null if the channel has none. */
    public DataRegion dataRegion() {
        return dataRegion;
    }

    public ChannelGeometry geometry() {
        return layout.geometry;
    }

    public ProcessIdentity owner() {
        return owner;
    }

    public String name() {
        return region.name();
    }

    /**
     * Removes the channel's name from /dev/shm now, keeping the mapping: once the peer has
     * attached, nothing is left behind if either side dies. {@link #close()} tolerates it.
     */
    public void unlink() throws IOException {
        region.unlink();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("channel '" + region.name() + "' is closed");
        }
    }

    /**
     * Revokes any live capability (waking the peer's waiters), unmaps the channel and removes its
     * name. A peer still mapped keeps its memory but finds its capability revoked.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        endCapability(CapabilityState.REVOKED, -1);
        closed = true;
        requests = null;
        replies = null;
        try {
            region.unlink();
        } catch (final IOException alreadyGone) {
            // Someone removed the name already; the mapping is ours to drop either way.
        }
        region.close();
    }
}
