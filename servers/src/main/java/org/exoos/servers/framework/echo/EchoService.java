package org.exoos.servers.framework.echo;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongArrayList;
import org.exoos.servers.framework.Reply;
import org.exoos.servers.framework.Request;
import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceContext;
import org.exoos.servers.protocol.EchoCodec;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.Protocol;

/**
 * The echo service ({@link EchoCodec}): the framework's own test and benchmark server, and a
 * small example of a service that replies at once (ECHO, FAIL), defers (WAIT, completed by
 * RELEASE or a cancel) and fails (THROW).
 */
public final class EchoService implements Service {
    private final EchoCodec.EchoDecoder echo = new EchoCodec.EchoDecoder();
    /** Deferred WAIT requests: endpoint, request id and sequence, three longs each. */
    private final LongArrayList waiting = new LongArrayList();
    private ServiceContext context;

    @Override
    public Protocol protocol() {
        return EchoCodec.PROTOCOL;
    }

    @Override
    public void onStart(final ServiceContext serviceContext) {
        this.context = serviceContext;
    }

    @Override
    public long onRequest(final Request request, final Reply reply) {
        return switch (request.operation()) {
            case EchoCodec.OP_ECHO -> echo(request, reply);
            case EchoCodec.OP_FAIL -> -EchoCodec.decodeErrno(request.buffer(), request.argumentsOffset());
            case EchoCodec.OP_WAIT -> {
                waiting.addLong(request.endpoint());
                waiting.addLong(request.requestId());
                waiting.addLong(EchoCodec.decodeSequence(request.buffer(), request.argumentsOffset()));
                yield DEFERRED;
            }
            case EchoCodec.OP_RELEASE -> release();
            case EchoCodec.OP_THROW -> throw new IllegalStateException("the echo service was asked to throw");
            default -> -Errno.ENOSYS; // the protocol table and this switch disagree
        };
    }

    private long echo(final Request request, final Reply reply) {
        echo.wrap(request.buffer(), request.argumentsOffset(), request.argumentsLength());
        final int inline = echo.bytesLength();
        reply.arguments().putBytes(0, echo.buffer(), echo.bytesOffset(), inline);
        reply.argumentsLength(inline);
        final DirectBuffer data = request.data();
        if (data != null) {
            final MutableDirectBuffer out = reply.data(request.dataLength());
            if (out == null) {
                return -Errno.EAGAIN;
            }
            out.putBytes(0, data, 0, request.dataLength());
        }
        return echo.sequence();
    }

    private long release() {
        final int released = waiting.size() / 3;
        for (int i = 0; i < waiting.size(); i += 3) {
            context.sendReply((int) waiting.getLong(i), waiting.getLong(i + 1), EchoCodec.OP_WAIT, waiting.getLong(i + 2));
        }
        waiting.clear();
        return released;
    }

    @Override
    public void onCancel(final int endpoint, final long requestId) {
        for (int i = 0; i < waiting.size(); i += 3) {
            if (waiting.getLong(i) == endpoint && waiting.getLong(i + 1) == requestId) {
                context.sendReply(endpoint, requestId, EchoCodec.OP_WAIT, -Errno.EINTR);
                for (int k = 0; k < 3; k++) {
                    waiting.removeAt(i);
                }
                return;
            }
        }
    }

    @Override
    public void onEndpointClosed(final int endpoint) {
        for (int i = waiting.size() - 3; i >= 0; i -= 3) {
            if (waiting.getLong(i) == endpoint) {
                for (int k = 0; k < 3; k++) {
                    waiting.removeAt(i);
                }
            }
        }
    }

    /** Requests deferred and not yet completed. */
    public int waitingCount() {
        return waiting.size() / 3;
    }
}
