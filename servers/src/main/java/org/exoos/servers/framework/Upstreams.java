package org.exoos.servers.framework;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.exoos.ipc.fusion.cap.CapabilityRefusedException;
import org.exoos.ipc.fusion.channel.ChannelPeer;
import org.exoos.servers.protocol.Protocol;

/**
 * A server's upstream channels: channels the kernel created and granted it at start, by name, on
 * which the server is the client and the kernel serves (the vfs asking the kernel about its
 * processes for /proc, as MINIX 3's procfs asks PM and the kernel). The kernel owns them like
 * every channel; the server attaches as their peer, before its own channel, so that a started
 * server has all of them. A service gets a {@link ServerClient} per name through
 * {@link ServiceContext#upstream}.
 *
 * <p>Threads: a client is used by the server's loop thread (a request handler may call the
 * kernel and wait for the answer, which the kernel gives on a thread of its own, never on the
 * one that may be waiting for this server).
 */
public final class Upstreams implements AutoCloseable {
    /** No upstream channels. */
    public static final Upstreams NONE = new Upstreams(Map.of());

    private final Map<String, ChannelPeer> peers;
    private final Map<String, ServerClient> clients = new LinkedHashMap<>();

    private Upstreams(final Map<String, ChannelPeer> peers) {
        this.peers = peers;
    }

    /**
     * Attaches to each channel {@code capabilities} names (upstream name to capability text).
     *
     * @throws IOException if one cannot be attached (those attached so far are closed)
     */
    static Upstreams attach(final Map<String, String> capabilities) throws IOException {
        if (capabilities.isEmpty()) {
            return NONE;
        }
        final Map<String, ChannelPeer> attached = new LinkedHashMap<>();
        try {
            for (final Map.Entry<String, String> entry : capabilities.entrySet()) {
                attached.put(entry.getKey(), ChannelPeer.attach(entry.getValue()));
            }
        } catch (final IOException | CapabilityRefusedException | IllegalStateException | IllegalArgumentException ex) {
            attached.values().forEach(ChannelPeer::close);
            throw new IOException("cannot attach to an upstream channel: " + ex.getMessage(), ex);
        }
        return new Upstreams(attached);
    }

    /** The names granted. */
    public Set<String> names() {
        return peers.keySet();
    }

    /**
     * The client of upstream {@code name}, speaking {@code protocol}; made on first use.
     *
     * @return the client, or null if no such upstream was granted
     * @throws IllegalArgumentException if it was first asked for with another protocol
     */
    public synchronized ServerClient client(final String name, final Protocol protocol) {
        final ChannelPeer peer = peers.get(name);
        if (peer == null) {
            return null;
        }
        ServerClient client = clients.get(name);
        if (client == null) {
            client = new ServerClient(name, protocol, null);
            client.bindUpstream(peer, "kernel " + peer.owner());
            clients.put(name, client);
        } else if (client.protocol() != protocol) {
            throw new IllegalArgumentException("upstream " + name + " speaks " + client.protocol() + ", not "
                + protocol);
        }
        return client;
    }

    /** Detaches from every upstream channel: the kernel sees this holder gone. */
    @Override
    public synchronized void close() {
        for (final ServerClient client : clients.values()) {
            client.unbind();
        }
        for (final ChannelPeer peer : peers.values()) {
            peer.close();
        }
    }
}
