package org.exoos.servers.procinfo;

import java.util.function.Supplier;

import org.exoos.servers.framework.Reply;
import org.exoos.servers.framework.Request;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceContext;
import org.exoos.servers.protocol.Protocol;

/**
 * A service that is another one (the vfs) and, when its loop starts, learns the loop's kernel-information
 * channel ({@link ProcInfoCodec#UPSTREAM_NAME}) for a {@link ProcInfoClient} made before it: procfs is
 * mounted while the service is built, the channel exists only once the loop runs. Every call goes to the
 * wrapped service unchanged.
 */
public final class KernelInfoBinding implements Service, Supplier<ServerClient> {
    private final Service service;
    private ServiceContext context;
    private ServerClient client;

    public KernelInfoBinding(final Service service) {
        this.service = service;
    }

    /** The wrapped service. */
    public Service service() {
        return service;
    }

    /** The channel to the kernel, or null before the loop starts or when the server was granted none. */
    @Override
    public ServerClient get() {
        if (client == null && context != null) {
            client = context.upstream(ProcInfoCodec.UPSTREAM_NAME, ProcInfoCodec.PROTOCOL);
        }
        return client;
    }

    @Override
    public Protocol protocol() {
        return service.protocol();
    }

    @Override
    public void onStart(final ServiceContext serviceContext) {
        this.context = serviceContext;
        service.onStart(serviceContext);
    }

    @Override
    public long onRequest(final Request request, final Reply reply) {
        return service.onRequest(request, reply);
    }

    @Override
    public void onCancel(final int endpoint, final long requestId) {
        service.onCancel(endpoint, requestId);
    }

    @Override
    public int doWork() {
        return service.doWork();
    }

    @Override
    public long parkLimitNanos() {
        return service.parkLimitNanos();
    }

    @Override
    public void onEndpointClosed(final int endpoint) {
        service.onEndpointClosed(endpoint);
    }

    @Override
    public void onClose() {
        service.onClose();
    }
}
