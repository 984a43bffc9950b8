package org.exoos.servers.framework;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.exoos.ipc.fusion.cap.CapabilityRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every server starts, whatever its isolation: {@link #serve} attaches to the channel its
 * capability names, makes the service from its factory, and runs the {@link ServerLoop} until it
 * ends. A thread-isolated server runs {@code serve} on a thread of the kernel's JVM; a
 * process-isolated one runs it from {@link #main} in a JVM of its own:
 *
 * <pre>
 *   java @jvm.options -cp CLASSPATH org.exoos.servers.framework.ServerMain SERVICE CAPABILITY
 *        [--upstream=NAME=CAPABILITY...] [KEY=VALUE...]
 * </pre>
 * Either way the server gets nothing but strings: its name, its capability text, the capability
 * texts of its upstream channels ({@link Upstreams}) and its options.
 */
public final class ServerMain {
    /** Exit status: the loop ended normally (stopped, or its channel ended). */
    public static final int EXIT_OK = 0;
    /** Exit status: the service or the loop failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit status: bad arguments or an unknown service. */
    public static final int EXIT_USAGE = 2;
    /** Exit status: the channel refused the capability or could not be mapped. */
    public static final int EXIT_ATTACH_FAILED = 3;
    /** Prefix of an upstream channel's argument: {@code --upstream=NAME=CAPABILITY}. */
    static final String UPSTREAM_ARGUMENT = "--upstream=";

    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

    private ServerMain() {
    }

    public static void main(final String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ServerMain SERVICE CAPABILITY [KEY=VALUE...]");
            System.exit(EXIT_USAGE);
        }
        final Map<String, String> options;
        final Map<String, String> upstreams = new LinkedHashMap<>();
        try {
            int next = 2;
            while (next < args.length && args[next].startsWith(UPSTREAM_ARGUMENT)) {
                final String entry = args[next++].substring(UPSTREAM_ARGUMENT.length());
                upstreams.putAll(parseOptions(List.of(entry)));
            }
            options = parseOptions(List.of(args).subList(next, args.length));
        } catch (final IllegalArgumentException ex) {
            System.err.println("ServerMain: " + ex.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        System.exit(serve(args[0], args[1], upstreams, options, ServiceRegistry.discovered(), null));
    }

    /**
     * Runs server {@code serviceName} on the channel {@code capabilityText} names until its loop
     * ends; never throws.
     *
     * @param onLoop told the loop before it runs (the kernel's JVM keeps it to read counters of a
     *               thread-isolated server); may be null
     * @return an {@code EXIT_} status
     */
    public static int serve(final String serviceName, final String capabilityText, final Map<String, String> options,
                            final ServiceRegistry registry, final Consumer<ServerLoop> onLoop) {
        return serve(serviceName, capabilityText, Map.of(), options, registry, onLoop);
    }

    /**
     * Runs the server as above, first attaching to the upstream channels {@code upstreamCapabilities}
     * names (upstream name to capability text), before its own: the kernel sees it started only
     * once it holds them all.
     */
    public static int serve(final String serviceName, final String capabilityText,
                            final Map<String, String> upstreamCapabilities, final Map<String, String> options,
                            final ServiceRegistry registry, final Consumer<ServerLoop> onLoop) {
        final ServiceFactory factory;
        try {
            factory = registry.factory(serviceName);
        } catch (final IllegalArgumentException ex) {
            LOG.error("server {}: {}", serviceName, ex.getMessage());
            return EXIT_USAGE;
        }
        final Upstreams upstreams;
        try {
            upstreams = Upstreams.attach(upstreamCapabilities);
        } catch (final IOException ex) {
            LOG.error("server {}: {}", serviceName, ex.getMessage());
            return EXIT_ATTACH_FAILED;
        }
        final ServerEndpoint endpoint;
        try {
            endpoint = ServerEndpoint.attach(capabilityText);
        } catch (final IOException | CapabilityRefusedException | IllegalStateException | IllegalArgumentException ex) {
            LOG.error("server {}: cannot attach to its channel: {}", serviceName, ex.getMessage());
            upstreams.close();
            return EXIT_ATTACH_FAILED;
        }
        try {
            final Service service = factory.create(options);
            final ServerLoop loop = new ServerLoop(serviceName, service, List.of(endpoint), upstreams);
            if (onLoop != null) {
                onLoop.accept(loop);
            }
            loop.run();
            return EXIT_OK;
        } catch (final Throwable failure) {
            LOG.error("server {} failed", serviceName, failure);
            return EXIT_FAILED;
        } finally {
            endpoint.close(); // the kernel sees the holder gone, however the loop ended
            upstreams.close();
        }
    }

    /** {@code KEY=VALUE} arguments as a map, in order. */
    static Map<String, String> parseOptions(final List<String> arguments) {
        final Map<String, String> options = new LinkedHashMap<>();
        for (final String argument : arguments) {
            final int equals = argument.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("option '" + argument + "' is not KEY=VALUE");
            }
            options.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
        return options;
    }
}
