package org.exoos.servers.framework;

import java.io.IOException;
import java.util.Map;

import org.exoos.servers.protocol.Protocol;

/**
 * Makes a service by name. A server JVM finds factories with {@link java.util.ServiceLoader}, so
 * each service lists its factory in {@code META-INF/services/org.exoos.servers.framework.ServiceFactory}
 * of its module; the kernel's JVM finds the same ones, or registers more in a {@link ServiceRegistry}.
 */
public interface ServiceFactory {
    /** The server's name, as {@code --servers} and {@link ServerSpec} spell it: "vfs", "tty". */
    String name();

    /** The protocol the service speaks: the kernel's client stamps its id and version on requests. */
    Protocol protocol();

    /**
     * A new service instance, configured by {@code options} (strings, since they cross a process
     * boundary on the command line). Called on the server's own thread, in its own JVM when
     * process-isolated.
     */
    Service create(Map<String, String> options) throws IOException;
}
