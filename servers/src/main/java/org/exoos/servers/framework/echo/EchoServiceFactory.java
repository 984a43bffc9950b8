package org.exoos.servers.framework.echo;

import java.util.Map;

import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceFactory;
import org.exoos.servers.protocol.EchoCodec;
import org.exoos.servers.protocol.Protocol;

/** Registers the echo service as "echo". */
public final class EchoServiceFactory implements ServiceFactory {
    public static final String NAME = "echo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Protocol protocol() {
        return EchoCodec.PROTOCOL;
    }

    @Override
    public Service create(final Map<String, String> options) {
        return new EchoService();
    }
}
