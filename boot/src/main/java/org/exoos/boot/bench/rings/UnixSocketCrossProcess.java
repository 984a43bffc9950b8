package org.exoos.boot.bench.rings;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code uds}: a JDK Unix-domain stream socket between two JVMs, blocking reads and writes on
 * both sides. The socket file lives in the temp directory and is removed once connected.
 */
final class UnixSocketCrossProcess implements RoundTripTransport {
    private static final long ACCEPT_POLL_MILLIS = 2;

    private final int messageSize;
    private final ByteBuffer request;
    private final ByteBuffer reply;
    private EchoChild child;
    private SocketChannel channel;

    UnixSocketCrossProcess(final int messageSize) {
        this.messageSize = EchoProtocol.checkSize("uds", messageSize);
        this.request = ByteBuffer.allocateDirect(messageSize).order(ByteOrder.nativeOrder());
        this.reply = ByteBuffer.allocateDirect(messageSize).order(ByteOrder.nativeOrder());
        request.put(0, EchoProtocol.newMessage(messageSize));
    }

    @Override
    public String name() {
        return "uds";
    }

    @Override
    public int messageSize() {
        return messageSize;
    }

    @Override
    public void start() throws IOException {
        final Path socket = Path.of(System.getProperty("java.io.tmpdir"),
            "exo-bench-" + ProcessHandle.current().pid() + "-uds.sock");
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            child = EchoChild.start("uds", false, socket.toString(), Integer.toString(messageSize));
            final long deadline = System.nanoTime() + ChildHandshake.FIRST_ECHO_TIMEOUT_NANOS;
            while ((channel = server.accept()) == null) {
                child.checkAlive();
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("uds: the echo JVM did not connect to " + socket + " in time");
                }
                sleep(ACCEPT_POLL_MILLIS);
            }
        } finally {
            Files.deleteIfExists(socket);
        }
        channel.configureBlocking(true);
        final long echoed = roundTrip(ChildHandshake.HELLO);
        if (echoed != ChildHandshake.HELLO) {
            throw new IllegalStateException("uds: the first echo carried sequence " + echoed);
        }
    }

    @Override
    public long roundTrip(final long sequence) {
        try {
            request.putLong(0, sequence).clear();
            while (request.hasRemaining()) {
                channel.write(request);
            }
            reply.clear();
            while (reply.hasRemaining()) {
                if (channel.read(reply) < 0) {
                    child.checkAlive();
                    throw new EOFException("uds: the echo JVM closed the socket");
                }
            }
            return reply.getLong(0);
        } catch (final IOException e) {
            throw new UncheckedIOException("uds: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close(); // the echo reads end-of-stream and exits
            }
        } catch (final IOException e) {
            // closing anyway
        }
        if (child != null) {
            child.close();
        }
    }

    static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The child's side: {@code SOCKET MESSAGE_SIZE}; echoes until end of stream. */
    static void echoMain(final String[] args) throws IOException {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(Integer.parseInt(args[2]));
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(Path.of(args[1])))) {
            while (true) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer) < 0) {
                        return;
                    }
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }
    }
}
