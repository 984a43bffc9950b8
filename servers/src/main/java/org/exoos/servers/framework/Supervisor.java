package org.exoos.servers.framework;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.exoos.ipc.fusion.channel.FusionChannel;
import org.exoos.ipc.fusion.liveness.PeerMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts servers by name and keeps them: the kernel's side of the server framework. For each
 * server it creates the channel (the kernel owns every channel, see {@link ServerEndpoint}) and
 * the upstream channels its spec names ({@link ServerSpec#upstreams()}: the server calls the
 * kernel on them, and a kernel thread serves each), grants the server their capabilities at
 * start, binds a {@link ServerClient} to its own channel and, for a process-isolated server, watches the process with one shared {@link PeerMonitor}: a server
 * that dies (kill -9 included) is declared dead on its channel within milliseconds, which fails
 * the requests in flight with EIO instead of leaving them hanging.
 *
 * <p>A process-isolated server's JVM finds its service through {@link ServiceRegistry#discovered()},
 * so the service must be listed in {@code META-INF/services}; a thread-isolated one uses this
 * supervisor's registry.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final AtomicInteger CHANNEL_IDS = new AtomicInteger();

    private final ServiceRegistry registry;
    private final Map<String, ServerHandle> servers = new LinkedHashMap<>();
    /** Names being started (reserved, not yet in {@link #servers}). */
    private final java.util.Set<String> starting = new java.util.HashSet<>();
    private PeerMonitor monitor;
    private boolean closed;

    /** A supervisor of the services found on the class path. */
    public Supervisor() {
        this(ServiceRegistry.discovered());
    }

    public Supervisor(final ServiceRegistry registry) {
        this.registry = registry;
    }

    /** Starts a server whose unrequested replies are kept for {@link ServerClient#await}. */
    public ServerHandle start(final ServerSpec spec) throws IOException {
        return start(spec, null);
    }

    /**
     * Starts the server {@code spec} names and waits until it has attached to its channel.
     *
     * @param asyncHandler receives replies nobody awaits (see {@link ServerClient}); may be null
     * @throws IllegalArgumentException if no such service is registered
     * @throws IllegalStateException if a server of that name is already supervised
     * @throws IOException if the channel cannot be made or the server does not start
     */
    public ServerHandle start(final ServerSpec spec, final ReplyHandler asyncHandler) throws IOException {
        // The name is reserved under the lock, the server launched outside it: servers start side by side (boot
        // starts the vfs, which unpacks the initramfs, while the tty and procmgr come up).
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("supervisor is closed");
            }
            if (servers.containsKey(spec.service()) || !starting.add(spec.service())) {
                throw new IllegalStateException("server " + spec.service() + " is already supervised");
            }
        }
        ServerHandle handle = null;
        try {
            final ServiceFactory factory = registry.factory(spec.service());
            final FusionChannel channel = FusionChannel.create(channelName(spec.service()), spec.geometry());
            final Map<String, FusionChannel> upstreams = new LinkedHashMap<>();
            try {
                for (final String upstream : spec.upstreams().keySet()) {
                    upstreams.put(upstream, FusionChannel.create(channelName(spec.service() + "-" + upstream),
                        ServerSpec.UPSTREAM_GEOMETRY));
                }
                handle = new ServerHandle(this, spec, factory.protocol(), channel, upstreams, asyncHandler);
                handle.launch();
            } catch (final IOException | RuntimeException failure) {
                channel.close();
                upstreams.values().forEach(FusionChannel::close);
                throw failure;
            }
            synchronized (this) {
                if (!closed) {
                    servers.put(spec.service(), handle);
                    return handle;
                }
            }
            handle.close(); // the supervisor closed while it started
            throw new IllegalStateException("supervisor is closed");
        } finally {
            synchronized (this) {
                starting.remove(spec.service());
            }
        }
    }

    /** The server of that name, or null. */
    public synchronized ServerHandle server(final String name) {
        return servers.get(name);
    }

    public synchronized List<ServerHandle> servers() {
        return List.copyOf(servers.values());
    }

    ServiceRegistry registry() {
        return registry;
    }

    /** The one monitor watching every process-isolated server; started on first use. */
    synchronized PeerMonitor monitor() {
        if (monitor == null) {
            monitor = new PeerMonitor();
        }
        return monitor;
    }

    private static String channelName(final String service) {
        return "exo-" + service + "-" + ProcessHandle.current().pid() + "-" + CHANNEL_IDS.incrementAndGet();
    }

    /** Stops every server, removes their channels and stops the monitor. */
    @Override
    public void close() {
        final List<ServerHandle> handles;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            handles = new ArrayList<>(servers.values());
            servers.clear();
        }
        for (final ServerHandle handle : handles) {
            try {
                handle.close();
            } catch (final RuntimeException ex) {
                LOG.warn("closing server {} failed", handle.name(), ex);
            }
        }
        synchronized (this) {
            if (monitor != null) {
                monitor.close();
            }
        }
    }
}
