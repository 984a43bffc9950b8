package org.exoos.servers.framework.relay;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.exoos.servers.framework.Reply;
import org.exoos.servers.framework.Request;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceContext;
import org.exoos.servers.framework.ServiceFactory;
import org.exoos.servers.protocol.EchoCodec;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.Protocol;

/**
 * A test server, "relay", speaking the echo protocol, that answers each ECHO by asking the kernel the same
 * question on its upstream channel {@value #UPSTREAM} (while the kernel's caller waits for this very reply),
 * and FAIL by asking an upstream it was never granted.
 */
public final class RelayServiceFactory implements ServiceFactory {
    public static final String NAME = "relay";
    public static final String UPSTREAM = "kernel-echo";

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
        return new Service() {
            private ServiceContext context;

            @Override
            public Protocol protocol() {
                return EchoCodec.PROTOCOL;
            }

            @Override
            public void onStart(final ServiceContext serviceContext) {
                context = serviceContext;
            }

            @Override
            public long onRequest(final Request request, final Reply reply) {
                if (request.operation() == EchoCodec.OP_FAIL) {
                    return context.upstream("not-granted", EchoCodec.PROTOCOL) == null ? -Errno.ENODEV : 0;
                }
                final ServerClient kernel = context.upstream(UPSTREAM, EchoCodec.PROTOCOL);
                if (kernel == null) {
                    return -Errno.ENODEV;
                }
                final long sequence = EchoCodec.decodeSequence(request.buffer(), request.argumentsOffset());
                final int length = new EchoCodec.EchoEncoder().wrap(kernel.arguments(), 0).sequence(sequence + 1)
                    .encodedLength();
                return kernel.call(EchoCodec.OP_ECHO, length, TimeUnit.SECONDS.toNanos(10), null);
            }
        };
    }
}
