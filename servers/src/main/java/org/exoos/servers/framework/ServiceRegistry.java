package org.exoos.servers.framework;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** Service factories by name. Thread-safe. */
public final class ServiceRegistry {
    private final Map<String, ServiceFactory> factories = new TreeMap<>();

    /** An empty registry. */
    public ServiceRegistry() {
    }

    /** Every factory on the class path ({@link ServiceLoader}): what a server JVM uses. */
    public static ServiceRegistry discovered() {
        final ServiceRegistry registry = new ServiceRegistry();
        for (final ServiceFactory factory : ServiceLoader.load(ServiceFactory.class)) {
            registry.register(factory);
        }
        return registry;
    }

    /**
     * Adds {@code factory} under its name.
     *
     * @throws IllegalArgumentException if another factory has that name
     */
    public synchronized ServiceRegistry register(final ServiceFactory factory) {
        final ServiceFactory previous = factories.putIfAbsent(factory.name(), factory);
        if (previous != null && previous.getClass() != factory.getClass()) {
            throw new IllegalArgumentException("service '" + factory.name() + "' is registered twice: "
                + previous.getClass().getName() + " and " + factory.getClass().getName());
        }
        return this;
    }

    /**
     * The factory of {@code name}.
     *
     * @throws IllegalArgumentException naming the known services if there is none
     */
    public synchronized ServiceFactory factory(final String name) {
        final ServiceFactory factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("no service named '" + name + "'; known: " + factories.keySet());
        }
        return factory;
    }

    public synchronized Set<String> names() {
        return Set.copyOf(factories.keySet());
    }
}
