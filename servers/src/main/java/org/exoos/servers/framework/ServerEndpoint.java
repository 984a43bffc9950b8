package org.exoos.servers.framework;

import java.io.IOException;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.channel.ChannelDescriptor;
import org.exoos.ipc.fusion.channel.ChannelPeer;
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
    private final ChannelPeer peer;
    private final UnsafeBuffer retainedView = new UnsafeBuffer(new byte[0]);

    private ServerEndpoint(final ChannelPeer peer) {
        this.peer = peer;
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

    /** Requests from the kernel: the channel's reply ring, consumer end. */
    public OneToOneFusionRing inbound() {
        return peer.replies();
    }

    /** Replies to the kernel: the channel's request ring, producer end. */
    public OneToOneFusionRing outbound() {
        return peer.requests();
    }

    /** Largest data block a reply can carry; 0 if the channel has no data region. */
    public int maxDataLength() {
        final DataRegion region = peer.dataRegion();
        return region == null ? 0 : region.blockSize();
    }

    /**
     * A view of a request data block this server retained, or null if it does not hold it (never
     * retained, released, or reclaimed by a reset). The view object is reused.
     */
    DirectBuffer retainedData(final long descriptor) {
        final DataRegion region = peer.dataRegion();
        if (region == null || !region.isHeld(descriptor, ChannelDescriptor.PEER_PARTY)) {
            return null;
        }
        retainedView.wrap(region.buffer(), region.blockOffset(DataRegionDescriptor.descriptorIndex(descriptor)),
            DataRegionDescriptor.descriptorLength(descriptor));
        return retainedView;
    }

    /** Whether the capability is live: neither revoked nor reset by the kernel, nor closed here. */
    public boolean isLive() {
        return peer.isLive();
    }

    /** Whether the kernel's process still runs. */
    public boolean isOwnerAlive() {
        return peer.isOwnerAlive();
    }

    public ProcessIdentity owner() {
        return peer.owner();
    }

    /** The channel's name. */
    public String name() {
        return peer.name();
    }

    /** Why the endpoint is no longer usable, or "live". */
    public String status() {
        return peer.status();
    }

    /** Detaches: the kernel sees this holder gone (dead), exactly as if its process had exited. */
    @Override
    public void close() {
        peer.close();
    }
}
