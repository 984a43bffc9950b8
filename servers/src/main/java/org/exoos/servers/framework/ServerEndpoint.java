package org.exoos.servers.framework;

import java.io.IOException;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.cap.CapabilityState;
import org.exoos.ipc.fusion.channel.ChannelDescriptor;
import org.exoos.ipc.fusion.channel.ChannelPeer;
import org.exoos.ipc.fusion.channel.FusionChannel;
import org.exoos.ipc.fusion.data.DataRegion;
import org.exoos.ipc.fusion.data.DataRegionDescriptor;
import org.exoos.ipc.fusion.liveness.ProcessIdentity;

/**
 * A server's end of one channel, with its directions named by role. The kernel (its supervisor)
 * owns every channel: it creates it, issues the capability, watches the server and resets the
 * channel to restart it. The server attaches as the channel's peer, so the channel's rings,
 * named from the owner's side, run the other way round for it:
 *
 * <pre>
 *   kernel (owner, FusionChannel)                 server (peer, ChannelPeer)
 *     channel.replies()   producer  ==requests==>  peer.replies()   consumer = {@link #inbound()}
 *     channel.requests()  consumer  <==replies===  peer.requests()  producer = {@link #outbound()}
 * </pre>
 * Data blocks follow the rings: the reply ring's data path carries request data (kernel party
 * {@link ChannelDescriptor#OWNER_PARTY} to server party {@link ChannelDescriptor#PEER_PARTY}),
 * the request ring's carries reply data back.
 */
public final class ServerEndpoint implements AutoCloseable {
    /** The server's side: the peer's handle; null for an upstream endpoint served by the kernel. */
    private final ChannelPeer peer;
    /** The kernel serving an upstream channel it owns; null for a server's endpoint. */
    private final FusionChannel channel;
    private final OneToOneFusionRing inbound;
    private final OneToOneFusionRing outbound;
    private final DataRegion region;
    private final int party;
    private final UnsafeBuffer retainedView = new UnsafeBuffer(new byte[0]);

    private ServerEndpoint(final ChannelPeer peer) {
        this.peer = peer;
        this.channel = null;
        this.inbound = peer.replies();
        this.outbound = peer.requests();
        this.region = peer.dataRegion();
        this.party = ChannelDescriptor.PEER_PARTY;
    }

    /**
     * The kernel's end of an upstream channel (one a server calls the kernel on): the kernel
     * still owns it, but serves it, so the owner's rings run the server's way round:
     * <pre>
     *   server (peer, ChannelPeer)                     kernel (owner, FusionChannel)
     *     peer.requests()  producer  ==requests==>  channel.requests()  consumer = {@link #inbound()}
     *     peer.replies()   consumer  <==replies===  channel.replies()   producer = {@link #outbound()}
     * </pre>
     */
    private ServerEndpoint(final FusionChannel channel) {
        this.peer = null;
        this.channel = channel;
        this.inbound = channel.requests();
        this.outbound = channel.replies();
        this.region = channel.dataRegion();
        this.party = ChannelDescriptor.OWNER_PARTY;
    }

    /**
     * Attaches to the channel the capability names, with send and receive rights.
     *
     * @throws org.exoos.ipc.fusion.cap.CapabilityRefusedException if the capability is not the
     *     channel's current one, was used, or lacks the rights
     * @throws IOException if the channel does not exist or cannot be mapped
     */
    public static ServerEndpoint attach(final String capabilityText) throws IOException {
        return new ServerEndpoint(ChannelPeer.attach(capabilityText));
    }

    /** The kernel's serving end of an upstream channel it owns, for its current capability. */
    static ServerEndpoint upstream(final FusionChannel channel) {
        return new ServerEndpoint(channel);
    }

    /** Requests to this side: for a server, the channel's reply ring, consumer end. */
    public OneToOneFusionRing inbound() {
        return inbound;
    }

    /** Replies from this side: for a server, the channel's request ring, producer end. */
    public OneToOneFusionRing outbound() {
        return outbound;
    }

    /** Largest data block a reply can carry; 0 if the channel has no data region. */
    public int maxDataLength() {
        return region == null ? 0 : region.blockSize();
    }

    /**
     * A view of a request data block this side retained, or null if it does not hold it (never
     * retained, released, or reclaimed by a reset). The view object is reused.
     */
    DirectBuffer retainedData(final long descriptor) {
        if (region == null || !region.isHeld(descriptor, party)) {
            return null;
        }
        retainedView.wrap(region.buffer(), region.blockOffset(DataRegionDescriptor.descriptorIndex(descriptor)),
            DataRegionDescriptor.descriptorLength(descriptor));
        return retainedView;
    }

    /** Whether the capability is live: neither revoked nor reset by the kernel, nor closed here. */
    public boolean isLive() {
        if (peer != null) {
            return peer.isLive();
        }
        final int state = channel.capabilityState();
        return state == CapabilityState.ISSUED || state == CapabilityState.ATTACHED;
    }

    /** Whether the kernel's process still runs (always, on the kernel's own upstream end). */
    public boolean isOwnerAlive() {
        return peer == null || peer.isOwnerAlive();
    }

    public ProcessIdentity owner() {
        return peer != null ? peer.owner() : channel.owner();
    }

    /** The channel's name. */
    public String name() {
        return peer != null ? peer.name() : channel.name();
    }

    /** Why the endpoint is no longer usable, or "live". */
    public String status() {
        return peer != null ? peer.status() : isLive() ? "live"
            : CapabilityState.name(channel.capabilityState()).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Detaches: the kernel sees this holder gone (dead), exactly as if its process had exited.
     * The kernel's upstream end leaves the channel to its supervisor, which owns it.
     */
    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
    }
}
