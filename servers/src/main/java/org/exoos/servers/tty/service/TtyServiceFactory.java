package org.exoos.servers.tty.service;

import java.util.Map;
import java.util.function.Function;

import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceFactory;
import org.exoos.servers.protocol.Protocol;

/**
 * Registers the tty server as "tty". Options: {@code backend=host} (default: the JVM's own
 * stdin/stdout, see {@link HostTerminalBackend}) or {@code backend=memory} (a
 * {@link MemoryBackend} with nothing typed, sized by {@code rows} and {@code cols}, default
 * 24 x 80). Tests hosting it in a thread pass their own backend through
 * {@link #TtyServiceFactory(Function)}.
 */
public final class TtyServiceFactory implements ServiceFactory {
    public static final String NAME = "tty";
    public static final String OPTION_BACKEND = "backend";
    public static final String BACKEND_HOST = "host";
    public static final String BACKEND_MEMORY = "memory";

    private final Function<Map<String, String>, TtyBackend> backends;

    /** The factory ServiceLoader finds: the backend comes from the options. */
    public TtyServiceFactory() {
        this(TtyServiceFactory::backendFromOptions);
    }

    /** A factory whose services run on the backends {@code backends} makes. */
    public TtyServiceFactory(final Function<Map<String, String>, TtyBackend> backends) {
        this.backends = backends;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Protocol protocol() {
        return TtyCodec.PROTOCOL;
    }

    @Override
    public Service create(final Map<String, String> options) {
        return new TtyService(backends.apply(options));
    }

    /** The backend {@code options} name. */
    public static TtyBackend backendFromOptions(final Map<String, String> options) {
        final String kind = options.getOrDefault(OPTION_BACKEND, BACKEND_HOST);
        return switch (kind) {
            case BACKEND_HOST -> new HostTerminalBackend();
            case BACKEND_MEMORY -> new MemoryBackend(Integer.parseInt(options.getOrDefault("rows", "24")),
                Integer.parseInt(options.getOrDefault("cols", "80")));
            default -> throw new IllegalArgumentException("tty backend '" + kind + "' is neither host nor memory");
        };
    }
}
