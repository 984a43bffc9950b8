package org.exoos.servers.framework;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.exoos.ipc.fusion.cap.Capability;
import org.exoos.ipc.fusion.cap.CapabilityState;
import org.exoos.ipc.fusion.cap.Rights;
import org.exoos.ipc.fusion.channel.FusionChannel;
import org.exoos.ipc.fusion.liveness.PeerRegistration;
import org.exoos.ipc.fusion.liveness.ProcessIdentity;
import org.exoos.servers.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised server: its channel (owned by the kernel), the client the kernel calls it
 * through, and the thread or process that currently serves it.
 *
 * <p>Starting and restarting are one path ({@link #restart()} is "make sure it has ended, reset
 * the channel, start"): issue a fresh capability, start the server with its text (a thread
 * running {@link ServerMain#serve}, or a JVM running {@link ServerMain#main}), wait until it
 * attaches, bind the client to the channel's new rings, and, for a process, watch it with the
 * supervisor's {@code PeerMonitor}. Stopping is the same for both modes too: revoke the
 * capability, which ends the server's loop, and wait for the thread or process to end.
 */
public final class ServerHandle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerHandle.class);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Supervisor supervisor;
    private final ServerSpec spec;
    private final Protocol protocol;
    private final FusionChannel channel;
    private final ServerClient client;
    /** Channels the server calls the kernel on, by name, owned here like its own (see {@link Upstreams}). */
    private final Map<String, FusionChannel> upstreamChannels;
    /** The kernel's loops serving them, one thread each, for the current incarnation. */
    private final List<ServerLoop> upstreamLoops = new ArrayList<>();
    private final List<Thread> upstreamThreads = new ArrayList<>();

    // The current incarnation.
    private Thread thread;
    private volatile ServerLoop threadLoop;
    private volatile int threadExitStatus = -1;
    private Process process;
    private ProcessIdentity holder;
    private PeerRegistration registration;
    private int starts;
    private boolean closed;
    /** Guards the channel's mapping against a death reported while it is being closed. */
    private final Object channelLock = new Object();
    private boolean channelClosed;

    ServerHandle(final Supervisor supervisor, final ServerSpec spec, final Protocol protocol,
                 final FusionChannel channel, final Map<String, FusionChannel> upstreamChannels,
                 final ReplyHandler asyncHandler) {
        this.supervisor = supervisor;
        this.upstreamChannels = upstreamChannels;
        this.spec = spec;
        this.protocol = protocol;
        this.channel = channel;
        this.client = new ServerClient(spec.service(), protocol, asyncHandler);
    }

    /** Issues a capability, starts the server with it and binds the client once it has attached. */
    synchronized void launch() throws IOException {
        final Map<String, String> upstreamCapabilities = new LinkedHashMap<>();
        for (final Map.Entry<String, FusionChannel> upstream : upstreamChannels.entrySet()) {
            final FusionChannel upstreamChannel = upstream.getValue();
            if (upstreamChannel.capabilityState() != CapabilityState.FREE) {
                upstreamChannel.revoke();
                upstreamChannel.reset();
            }
            upstreamCapabilities.put(upstream.getKey(), upstreamChannel.issue(Rights.SEND_RECEIVE).encode());
        }
        final Capability capability = channel.issue(Rights.SEND_RECEIVE);
        final String capabilityText = capability.encode();
        final String name = spec.service();
        threadLoop = null;
        threadExitStatus = -1;
        thread = null;
        process = null;
        if (spec.isolation() == Isolation.THREAD) {
            thread = Thread.ofPlatform().daemon().name("server-" + name).start(() ->
                threadExitStatus = ServerMain.serve(name, capabilityText, upstreamCapabilities, spec.options(),
                    supervisor.registry(), loop -> threadLoop = loop));
        } else {
            process = ServerProcessLauncher.start(spec, capabilityText, upstreamCapabilities);
        }
        try {
            holder = awaitAttached();
            awaitThreadLoop();
            startUpstreamLoops();
        } catch (final IOException | RuntimeException failure) {
            abandonStart();
            throw failure;
        }
        starts++;
        client.bind(channel, describe());
        if (process != null) {
            registration = supervisor.monitor().watch(holder, this::onDeath);
        }
        LOG.info("server {} started ({}){}", name, describe(), starts > 1 ? ", start " + starts : "");
    }

    private ProcessIdentity awaitAttached() throws IOException {
        final long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        while (true) {
            final int state = channel.capabilityState();
            if (state == CapabilityState.ATTACHED) {
                final Optional<ProcessIdentity> attached = channel.holder();
                if (attached.isPresent()) {
                    return attached.get();
                }
            } else if (state != CapabilityState.ISSUED) {
                throw new IOException("server " + spec.service() + " did not attach: its capability is "
                    + CapabilityState.name(state) + endedHow());
            }
            if (process != null && !process.isAlive() || thread != null && !thread.isAlive()) {
                throw new IOException("server " + spec.service() + " ended before attaching to its channel"
                    + endedHow());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException("server " + spec.service() + " did not attach within "
                    + spec.startTimeout().toMillis() + " ms");
            }
            try {
                Thread.sleep(1);
            } catch (final InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting server " + spec.service(), interrupted);
            }
        }
    }

    /** A thread-isolated server makes its loop just after attaching: wait for it, for {@link #threadLoop()}. */
    private void awaitThreadLoop() throws IOException {
        final long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        while (thread != null && threadLoop == null) {
            if (!thread.isAlive()) {
                throw new IOException("server " + spec.service() + " ended while starting" + endedHow());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException("server " + spec.service() + " did not start its loop within "
                    + spec.startTimeout().toMillis() + " ms");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private String endedHow() {
        if (process != null && !process.isAlive()) {
            return " (its process exited with status " + process.exitValue()
                + (spec.logFile() != null ? "; see " + spec.logFile() : "") + ")";
        }
        if (thread != null && !thread.isAlive()) {
            return " (its thread ended with status " + threadExitStatus + ")";
        }
        return "";
    }

    /**
     * The server attached to its own channel after its upstream ones: each must be attached now.
     * Serves each on a kernel thread of its own, so that the kernel answers the server even while
     * another kernel thread waits for this server's reply.
     */
    private void startUpstreamLoops() throws IOException {
        for (final Map.Entry<String, FusionChannel> upstream : upstreamChannels.entrySet()) {
            final int state = upstream.getValue().capabilityState();
            if (state != CapabilityState.ATTACHED) {
                throw new IOException("server " + spec.service() + " did not attach to its upstream channel "
                    + upstream.getKey() + ": its capability is " + CapabilityState.name(state));
            }
        }
        for (final Map.Entry<String, FusionChannel> upstream : upstreamChannels.entrySet()) {
            final String loopName = upstream.getKey() + "-for-" + spec.service();
            final ServerLoop loop = new ServerLoop(loopName, spec.upstreams().get(upstream.getKey()),
                List.of(ServerEndpoint.upstream(upstream.getValue())));
            upstreamLoops.add(loop);
            upstreamThreads.add(Thread.ofPlatform().daemon().name("kernel-" + loopName).start(loop::run));
        }
    }

    /** Ends the kernel's upstream loops: revokes their channels (which ends them) and waits. */
    private void stopUpstreamLoops() {
        for (final FusionChannel upstream : upstreamChannels.values()) {
            upstream.revoke();
        }
        for (final ServerLoop loop : upstreamLoops) {
            loop.requestStop();
        }
        try {
            for (final Thread upstreamThread : upstreamThreads) {
                upstreamThread.join(STOP_TIMEOUT);
                if (upstreamThread.isAlive()) {
                    LOG.warn("{} did not end within {} ms", upstreamThread.getName(), STOP_TIMEOUT.toMillis());
                }
            }
        } catch (final InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        upstreamLoops.clear();
        upstreamThreads.clear();
    }

    /** The kernel's loop serving upstream channel {@code name} of this server; empty if none runs. */
    public synchronized Optional<ServerLoop> upstreamLoop(final String name) {
        int i = 0;
        for (final String upstream : upstreamChannels.keySet()) {
            if (upstream.equals(name)) {
                return i < upstreamLoops.size() ? Optional.of(upstreamLoops.get(i)) : Optional.empty();
            }
            i++;
        }
        return Optional.empty();
    }

    /** A start that failed: end whatever was started and leave the channels free for another try. */
    private void abandonStart() {
        channel.revoke();
        stopUpstreamLoops();
        awaitEnd(STOP_TIMEOUT);
        channel.reset();
        for (final FusionChannel upstream : upstreamChannels.values()) {
            upstream.reset();
        }
    }

    /** The monitor thread: the server's process has exited. Must not block (the lock is short). */
    private void onDeath(final ProcessIdentity peer) {
        synchronized (channelLock) {
            if (!channelClosed && channel.declareHolderDead(peer)) {
                LOG.debug("server {} ({}) declared dead", spec.service(), peer);
            }
            if (!channelClosed) {
                for (final FusionChannel upstream : upstreamChannels.values()) {
                    upstream.declareHolderDead(peer); // ends the kernel's loop serving it
                }
            }
        }
    }

    /**
     * Stops the server: revokes its capability (its loop sees that and ends, in either isolation
     * mode; requests still in flight complete with -EIO) and waits for its thread or process to
     * end, killing a process that does not end within {@link #STOP_TIMEOUT}.
     */
    public synchronized void stop() {
        if (closed) {
            return;
        }
        channel.revoke();
        stopUpstreamLoops();
        awaitEnd(STOP_TIMEOUT);
        if (registration != null) {
            registration.cancel();
            registration = null;
        }
    }

    /**
     * Starts the server again on the same channel, from whatever state: a running server is
     * stopped first, a dead one is declared dead if its monitor has not yet said so. Requests in
     * flight complete with -EIO; requests after it reaches the new incarnation.
     *
     * @throws IOException if the new incarnation does not start
     */
    public synchronized void restart() throws IOException {
        checkOpen();
        if (isRunning()) {
            stop();
        } else {
            // It has ended but its monitor may not have said so yet.
            if (holder != null) {
                channel.declareHolderDead(holder);
            }
            channel.revoke(); // nothing if the capability has already ended
            stopUpstreamLoops();
            awaitEnd(STOP_TIMEOUT);
            if (registration != null) {
                registration.cancel();
                registration = null;
            }
        }
        client.unbind();
        final FusionChannel.ResetReport report = channel.reset();
        LOG.debug("server {} channel reset: {}", spec.service(), report);
        launch();
    }

    private void awaitEnd(final Duration timeout) {
        try {
            if (thread != null) {
                thread.join(timeout);
                if (thread.isAlive()) {
                    LOG.warn("server {} thread did not end within {} ms", spec.service(), timeout.toMillis());
                }
            }
            if (process != null && !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("server {} (pid {}) did not end within {} ms; killing it", spec.service(), process.pid(),
                    timeout.toMillis());
                process.destroyForcibly();
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (final InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the server's thread or process is alive (it may still be starting or stopping). */
    public synchronized boolean isRunning() {
        return thread != null ? thread.isAlive() : process != null && process.isAlive();
    }

    /** The kernel's client of this server. */
    public ServerClient client() {
        return client;
    }

    /** The channel, owned by the kernel; for diagnostics and tests. */
    public FusionChannel channel() {
        return channel;
    }

    public String name() {
        return spec.service();
    }

    public ServerSpec spec() {
        return spec;
    }

    public Protocol protocol() {
        return protocol;
    }

    public Isolation isolation() {
        return spec.isolation();
    }

    /** The pid of a process-isolated server's current JVM; empty for a thread. */
    public synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** A process-isolated server's current process; empty for a thread. */
    public synchronized Optional<ProcessHandle> process() {
        return process == null ? Optional.empty() : Optional.of(process.toHandle());
    }

    /**
     * The loop of a thread-isolated server, for reading its counters in place; empty for a
     * process (use {@link ServerClient#counter}, which works for both).
     */
    public Optional<ServerLoop> threadLoop() {
        return Optional.ofNullable(threadLoop);
    }

    /** How many times the server has started (1 after the first start). */
    public synchronized int starts() {
        return starts;
    }

    private String describe() {
        return process != null ? "pid " + process.pid() : "thread " + thread.getName();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("server " + spec.service() + " is closed");
        }
    }

    /** Stops the server and removes its channel. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        client.unbind();
        closed = true;
        synchronized (channelLock) {
            channelClosed = true;
            channel.close();
            for (final FusionChannel upstream : upstreamChannels.values()) {
                upstream.close();
            }
        }
    }
}
