package org.exoos.servers.framework;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.exoos.ipc.fusion.channel.ChannelGeometry;

/**
 * How to start one server: which service, where it runs, the shape of its channel, its options.
 *
 * @param service       the service's name in the {@link ServiceRegistry}
 * @param isolation     a thread of this JVM, or a JVM of its own
 * @param geometry      its channel: slots per ring, doorbells, data blocks
 * @param options       passed to {@link ServiceFactory#create} (on the command line in process mode)
 * @param jvmArguments  extra flags for a process-isolated server's JVM (after jvm.options), e.g. -Xmx
 * @param logFile       where a process-isolated server's stdout and stderr go; null: this JVM's stderr
 * @param inheritStdin  whether a process-isolated server reads this JVM's stdin (the tty server)
 * @param startTimeout  how long to wait for the server to attach to its channel
 * @param upstreams     channels on which the server calls the kernel, by name: the kernel creates each at
 *                      start, grants the server its capability ({@link Upstreams}) and serves it with this
 *                      kernel-side {@link Service} on a {@link ServerLoop} of its own thread, so that the
 *                      kernel can answer while another of its threads waits for this very server
 */
public record ServerSpec(String service, Isolation isolation, ChannelGeometry geometry, Map<String, String> options,
                         List<String> jvmArguments, Path logFile, boolean inheritStdin, Duration startTimeout,
                         Map<String, Service> upstreams) {
    /** 256 slots per ring with doorbells, 32 data blocks of 64 KiB: 2 MiB of shared memory. */
    public static final ChannelGeometry DEFAULT_GEOMETRY = new ChannelGeometry(256, true, 64 * 1024, 32);
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    /** An upstream channel: 64 slots per ring with doorbells, 8 data blocks of 64 KiB. */
    public static final ChannelGeometry UPSTREAM_GEOMETRY = new ChannelGeometry(64, true, 64 * 1024, 8);

    public ServerSpec {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(geometry, "geometry");
        options = Map.copyOf(options);
        jvmArguments = List.copyOf(jvmArguments);
        Objects.requireNonNull(startTimeout, "startTimeout");
        for (final String key : options.keySet()) {
            if (key.isEmpty() || key.indexOf('=') >= 0) {
                throw new IllegalArgumentException("option name '" + key + "' is empty or holds '='");
            }
        }
        upstreams = Map.copyOf(upstreams);
        for (final String name : upstreams.keySet()) {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("upstream name '" + name + "' is empty or holds '=' or a space");
            }
        }
    }

    /** A spec without upstream channels. */
    public ServerSpec(final String service, final Isolation isolation, final ChannelGeometry geometry,
                      final Map<String, String> options, final List<String> jvmArguments, final Path logFile,
                      final boolean inheritStdin, final Duration startTimeout) {
        this(service, isolation, geometry, options, jvmArguments, logFile, inheritStdin, startTimeout, Map.of());
    }

    /** Server {@code service} in {@code isolation}, with the default channel and no options. */
    public static ServerSpec of(final String service, final Isolation isolation) {
        return new ServerSpec(service, isolation, DEFAULT_GEOMETRY, Map.of(), List.of(), null, false,
            DEFAULT_START_TIMEOUT, Map.of());
    }

    public ServerSpec withGeometry(final ChannelGeometry newGeometry) {
        return new ServerSpec(service, isolation, newGeometry, options, jvmArguments, logFile, inheritStdin,
            startTimeout, upstreams);
    }

    public ServerSpec withOptions(final Map<String, String> newOptions) {
        return new ServerSpec(service, isolation, geometry, newOptions, jvmArguments, logFile, inheritStdin,
            startTimeout, upstreams);
    }

    public ServerSpec withJvmArguments(final List<String> newArguments) {
        return new ServerSpec(service, isolation, geometry, options, newArguments, logFile, inheritStdin,
            startTimeout, upstreams);
    }

    public ServerSpec withLogFile(final Path newLogFile) {
        return new ServerSpec(service, isolation, geometry, options, jvmArguments, newLogFile, inheritStdin,
            startTimeout, upstreams);
    }

    public ServerSpec withInheritedStdin(final boolean inherit) {
        return new ServerSpec(service, isolation, geometry, options, jvmArguments, logFile, inherit, startTimeout,
            upstreams);
    }

    public ServerSpec withStartTimeout(final Duration timeout) {
        return new ServerSpec(service, isolation, geometry, options, jvmArguments, logFile, inheritStdin,
            timeout, upstreams);
    }

    /**
     * Grants the server the upstream channel {@code name}, served in the kernel by {@code kernelSide}
     * (the same instance across restarts of the server: its state is the kernel's).
     */
    public ServerSpec withUpstream(final String name, final Service kernelSide) {
        final Map<String, Service> more = new java.util.LinkedHashMap<>(upstreams);
        more.put(name, kernelSide);
        return new ServerSpec(service, isolation, geometry, options, jvmArguments, logFile, inheritStdin, startTimeout,
            more);
    }
}
