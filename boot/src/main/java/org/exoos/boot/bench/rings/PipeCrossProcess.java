package org.exoos.boot.bench.rings;

import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * {@code pipe}: two anonymous pipes between two JVMs, the child's stdin and stdout as
 * ProcessBuilder makes them; blocking reads and writes, one write(2) per message each way.
 */
final class PipeCrossProcess implements RoundTripTransport {
    private final int messageSize;
    private final byte[] request;
    private final byte[] reply;
    private EchoChild child;
    private OutputStream toChild;
    private InputStream fromChild;

    PipeCrossProcess(final int messageSize) {
        this.messageSize = EchoProtocol.checkSize("pipe", messageSize);
        this.request = EchoProtocol.newMessage(messageSize);
        this.reply = new byte[messageSize];
    }

    @Override
    public String name() {
        return "pipe";
    }

    @Override
    public int messageSize() {
        return messageSize;
    }

    @Override
    public void start() throws IOException {
        child = EchoChild.start("pipe", true, Integer.toString(messageSize));
        toChild = child.process().getOutputStream();
        fromChild = child.process().getInputStream();
        final long echoed = roundTrip(ChildHandshake.HELLO);
        if (echoed != ChildHandshake.HELLO) {
            throw new IllegalStateException("pipe: the first echo carried sequence " + echoed);
        }
    }

    @Override
    public long roundTrip(final long sequence) {
        try {
            EchoProtocol.putSequence(request, sequence);
            toChild.write(request, 0, messageSize);
            toChild.flush();
            if (fromChild.readNBytes(reply, 0, messageSize) < messageSize) {
                child.checkAlive();
                throw new EOFException("pipe: the echo JVM closed its stdout");
            }
            return EchoProtocol.sequence(reply);
        } catch (final IOException e) {
            throw new UncheckedIOException("pipe: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (toChild != null) {
            try {
                toChild.close(); // the echo reads end-of-file and exits
            } catch (final IOException e) {
                // closing anyway
            }
        }
        if (child != null) {
            child.close();
        }
    }

    /** The child's side: {@code MESSAGE_SIZE}; echoes stdin to stdout until end of file. */
    static void echoMain(final String[] args) throws IOException {
        final byte[] buffer = new byte[Integer.parseInt(args[1])];
        try (InputStream in = new FileInputStream(FileDescriptor.in);
             OutputStream out = new FileOutputStream(FileDescriptor.out)) {
            while (in.readNBytes(buffer, 0, buffer.length) == buffer.length) {
                out.write(buffer);
            }
        }
    }
}
