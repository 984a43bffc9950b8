package org.exoos.ipc.fusion.channel;

import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_DIGEST_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_HOLDER_PID_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_HOLDER_START_TIME_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_RIGHTS_OFFSET;
import static org.exoos.ipc.fusion.channel.ChannelDescriptor.CAP_STATE_WORD_OFFSET;

import java.io.IOException;
import java.security.MessageDigest;

import org.agrona.concurrent.AtomicBuffer;
import org.exoos.ipc.fusion.FusionRing;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.cap.Capability;
import org.exoos.ipc.fusion.cap.CapabilityGuard;
import org.exoos.ipc.fusion.cap.CapabilityRefusedException;
import org.exoos.ipc.fusion.cap.CapabilityState;
import org.exoos.ipc.fusion.cap.Rights;
import org.exoos.ipc.fusion.data.DataRegion;
import org.exoos.ipc.fusion.liveness.ProcessIdentity;
import org.exoos.ipc.fusion.liveness.ProcessLiveness;
import org.exoos.ipc.fusion.shm.SharedRegion;

/**
 * The peer's side of a fusion channel, attached by presenting a {@link Capability}: it produces
 * requests (with {@link Rights#SEND}) and consumes replies (with {@link Rights#RECEIVE}).
 *
 * <p>Attaching checks, in order: the capability text, the channel's every header (a wrong,
 * truncated or corrupt file is refused with the reason), then the capability entry: the token's
 * digest, its generation, that it is issued and not yet attached, and that it grants the
 * rights asked for. Only then does the peer record its process identity and take the entry by
 * CAS, so a token attaches once. Every ring operation afterwards re-checks the entry
 * ({@link CapabilityGuard}), so revocation, the owner's reset or this peer's {@link #close()}
 * ends the endpoint at its next operation.
 */
public final class ChannelPeer implements AutoCloseable {
    private final SharedRegion region;
    private final ChannelLayout layout;
    private final AtomicBuffer control;
    private final ChannelGeometry geometry;
    private final int rights;
    private final int generation;
    private final CapabilityGuard guard;
    private final OneToOneFusionRing requests;
    private final OneToOneFusionRing replies;
    private final DataRegion dataRegion;
    private final ProcessIdentity owner;
    private boolean closed;

    private ChannelPeer(final SharedRegion region, final ChannelLayout layout, final Capability capability,
                        final int rights) {
        this.region = region;
        this.layout = layout;
        this.control = layout.control;
        this.geometry = layout.geometry;
        this.rights = rights;
        this.generation = capability.generation();
        this.guard = new CapabilityGuard(control, CAP_STATE_WORD_OFFSET, generation);
        this.requests = Rights.includes(rights, Rights.SEND) ? new OneToOneFusionRing(layout.requestRing, guard, layout.requestDataPath()) : null;
        this.replies = Rights.includes(rights, Rights.RECEIVE) ? new OneToOneFusionRing(layout.replyRing, guard, layout.replyDataPath()) : null;
        this.dataRegion = geometry.hasDataRegion() ? new DataRegion(control, layout.dataBase) : null;
        this.owner = new ProcessIdentity(Math.max(1, control.getLong(ChannelDescriptor.OWNER_PID_OFFSET)),
            Math.max(0, control.getLong(ChannelDescriptor.OWNER_START_TIME_OFFSET)));
    }

    /**
     * Attaches to the channel named in {@code capabilityText} with the rights the text asks for.
     *
     * @throws CapabilityRefusedException if the capability is malformed, not this channel's
     *     current one, already used, revoked, or lacks the rights
     * @throws IllegalStateException if the channel's memory is not a well-formed channel
     * @throws IOException if the channel does not exist or cannot be mapped
     */
    public static ChannelPeer attach(final String capabilityText) throws IOException {
        final Capability capability = Capability.parse(capabilityText);
        return attach(capability, capability.rights());
    }

    /** Attaches with {@code wantedRights}, which the issued capability must include. */
    public static ChannelPeer attach(final Capability capability, final int wantedRights) throws IOException {
        if (!Rights.isValid(wantedRights)) {
            throw new IllegalArgumentException("wanted rights: " + Rights.describe(wantedRights));
        }
        final SharedRegion region = SharedRegion.open(capability.channel(), ChannelDescriptor.REQUEST_RING_OFFSET);
        try {
            final ChannelLayout layout = ChannelLayout.verify(region);
            final ProcessIdentity self = ProcessIdentity.current();
            takeEntry(layout.control, capability, wantedRights, self);
            return new ChannelPeer(region, layout, capability, wantedRights);
        } catch (final RuntimeException ex) {
            region.close();
            throw ex;
        }
    }

    private static void takeEntry(final AtomicBuffer control, final Capability capability, final int wantedRights,
                                  final ProcessIdentity self) {
        final String channel = "channel '" + capability.channel() + "'";
        final byte[] stored = new byte[Capability.DIGEST_LENGTH];
        final int issued = CapabilityState.word(capability.generation(), CapabilityState.ISSUED);
        final int word = control.getIntVolatile(CAP_STATE_WORD_OFFSET);
        control.getBytes(CAP_DIGEST_OFFSET, stored);
        // Digest first, in constant time: a wrong token learns nothing about the entry's state.
        if (!MessageDigest.isEqual(stored, capability.digest()) || CapabilityState.generation(word) != capability.generation()) {
            throw new CapabilityRefusedException(channel + " refused the capability: wrong token"
                + " (not the one its owner issued, or from an earlier generation)");
        }
        if (word != issued) {
            throw new CapabilityRefusedException(channel + " refused the capability: it is "
                + CapabilityState.name(CapabilityState.state(word))
                + (CapabilityState.state(word) == CapabilityState.ATTACHED ? " (a capability attaches once)" : ""));
        }
        final int granted = control.getInt(CAP_RIGHTS_OFFSET);
        if (!Rights.includes(granted, wantedRights)) {
            throw new CapabilityRefusedException(channel + " refused the capability: it grants "
                + Rights.describe(granted) + ", not " + Rights.describe(wantedRights));
        }
        control.putLong(CAP_HOLDER_PID_OFFSET, self.pid());
        control.putLong(CAP_HOLDER_START_TIME_OFFSET, self.startTime());
        // The CAS publishes the identity (a volatile write orders the plain stores before it).
        if (!control.compareAndSetInt(CAP_STATE_WORD_OFFSET, issued,
            CapabilityState.word(capability.generation(), CapabilityState.ATTACHED))) {
            throw new CapabilityRefusedException(channel + " refused the capability: it was revoked or taken"
                + " while attaching");
        }
    }

    /** The request ring's producer end. */
    public OneToOneFusionRing requests() {
        if (requests == null) {
            throw new IllegalStateException("attached without the send right");
        }
        return requests;
    }

    /** The reply ring's consumer end. */
    public OneToOneFusionRing replies() {
        if (replies == null) {
            throw new IllegalStateException("attached without the receive right");
        }
        return replies;
    }

    /** The data region (peer party {@link ChannelDescriptor#PEER_PARTY}); null if the channel has none. */
    public DataRegion dataRegion() {
        return dataRegion;
    }

    /** Whether this peer's capability is still live (not revoked, reset or closed). */
    public boolean isLive() {
        return guard.isLive();
    }

    /** Why the capability is no longer live, or "live". */
    public String status() {
        return guard.isLive() ? "live" : guard.describe();
    }

    /** The channel owner's process, as it recorded itself when creating the channel. */
    public ProcessIdentity owner() {
        return owner;
    }

    /** Whether the owner's process still runs: a peer's check for a dead server. */
    public boolean isOwnerAlive() {
        return ProcessLiveness.isAlive(owner);
    }

    public int rights() {
        return rights;
    }

    public ChannelGeometry geometry() {
        return geometry;
    }

    public String name() {
        return region.name();
    }

    /**
     * Detaches: the entry is marked dead (this holder has left) so the owner can reset the
     * channel, and the mapping is dropped. Stop every thread using the rings first.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        final int attached = CapabilityState.word(generation, CapabilityState.ATTACHED);
        if (control.compareAndSetInt(CAP_STATE_WORD_OFFSET, attached,
            CapabilityState.word(generation, CapabilityState.DEAD))) {
            FusionRing.wakeAll(layout.requestRing);
            FusionRing.wakeAll(layout.replyRing);
        }
        region.close();
    }
}
