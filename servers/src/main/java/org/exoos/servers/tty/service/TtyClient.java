package org.exoos.servers.tty.service;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.framework.ReplyHandler;
import org.exoos.servers.framework.ReplyView;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.MessageHeaderDescriptor;
import org.exoos.servers.tty.Termios;
import org.exoos.servers.tty.TtyIoctl;
import org.exoos.servers.tty.WinSize;

/**
 * The kernel's side of the tty protocol over a {@link ServerClient}: one method per operation,
 * each encoding in place and copying reply data straight to the caller's buffer. Nothing
 * allocates. Calls block the calling thread until the reply (or the timeout); a kernel thread
 * whose program is interrupted uses {@link #sendRead} / {@link #awaitRead} and
 * {@link ServerClient#cancel} instead. Same threading rules as {@link ServerClient}: one caller
 * at a time per instance.
 */
public final class TtyClient {
    private final ServerClient client;
    private final TtyCodec.IoctlEncoder ioctl = new TtyCodec.IoctlEncoder();
    private final DataCopier dataCopier = new DataCopier();
    private final ArgumentsCopier argumentsCopier = new ArgumentsCopier();

    public TtyClient(final ServerClient client) {
        if (client.protocol().id() != TtyCodec.PROTOCOL.id()) {
            throw new IllegalArgumentException("not a tty client: " + client.protocol());
        }
        this.client = client;
    }

    public ServerClient serverClient() {
        return client;
    }

    /**
     * read(2): up to {@code maxLength} bytes into {@code dst} at {@code offset}.
     *
     * @return bytes read, 0 at end of file, or -errno (-EAGAIN with nonBlocking, -ETIMEDOUT, -EIO)
     */
    public long read(final MutableDirectBuffer dst, final int offset, final int maxLength, final boolean nonBlocking,
                     final long timeoutNanos) {
        final long id = sendRead(maxLength, nonBlocking);
        return id < 0 ? id : awaitRead(id, dst, offset, timeoutNanos);
    }

    /** Sends a READ; returns its request id, or -errno. */
    public long sendRead(final int maxLength, final boolean nonBlocking) {
        final int length = TtyCodec.encodeRead(client.arguments(), 0, Math.min(maxLength, client.maxDataLength()),
            nonBlocking ? TtyCodec.FLAG_NONBLOCK : 0);
        return client.send(TtyCodec.OP_READ, length);
    }

    /** Awaits a READ sent with {@link #sendRead}, copying its bytes to {@code dst}. */
    public long awaitRead(final long requestId, final MutableDirectBuffer dst, final int offset,
                          final long timeoutNanos) {
        dataCopier.dst = dst;
        dataCopier.offset = offset;
        try {
            return client.await(requestId, timeoutNanos, dataCopier);
        } finally {
            dataCopier.dst = null;
        }
    }

    /**
     * write(2): {@code length} bytes of {@code src} (at most {@link ServerClient#maxDataLength()}
     * per call; the rest is the caller's next call, as a partial write).
     *
     * @return bytes taken, or -errno
     */
    public long write(final DirectBuffer src, final int offset, final int length, final boolean nonBlocking,
                      final long timeoutNanos) {
        final int n = Math.min(length, client.maxDataLength());
        final MutableDirectBuffer block = client.claimData(n);
        if (block == null) {
            return client.isConnected() ? -Errno.EAGAIN : -Errno.EIO;
        }
        block.putBytes(0, src, offset, n);
        final int argsLength = TtyCodec.encodeWrite(client.arguments(), 0, nonBlocking ? TtyCodec.FLAG_NONBLOCK : 0);
        return client.call(TtyCodec.OP_WRITE, argsLength, timeoutNanos, null);
    }

    /** TCGETS into {@code dst}; returns 0 or -errno. */
    public long getTermios(final Termios dst, final long timeoutNanos) {
        ioctl.wrap(client.arguments(), 0).request(TtyIoctl.TCGETS);
        final long result = ioctlCall(timeoutNanos, dataCopier);
        return result < 0 ? result : decodeTermios(dst);
    }

    /** TCGETS as the 36 kernel bytes into {@code dst} at {@code offset}; returns 0 or -errno. */
    public long getTermios(final MutableDirectBuffer dst, final int offset, final long timeoutNanos) {
        ioctl.wrap(client.arguments(), 0).request(TtyIoctl.TCGETS);
        dataCopier.dst = dst;
        dataCopier.offset = offset;
        try {
            return client.call(TtyCodec.OP_IOCTL, ioctl.encodedLength(), timeoutNanos, dataCopier);
        } finally {
            dataCopier.dst = null;
        }
    }

    /** TCSETS, TCSETSW or TCSETSF with {@code termios}; returns 0 or -errno. */
    public long setTermios(final int request, final Termios termios, final long timeoutNanos) {
        ioctl.wrap(client.arguments(), 0).request(request);
        ioctl.argumentLength(termios.encode(client.arguments(), ioctl.argumentOffset()));
        return client.call(TtyCodec.OP_IOCTL, ioctl.encodedLength(), timeoutNanos, null);
    }

    /** TIOCGWINSZ into {@code dst}; returns 0 or -errno. */
    public long getWindowSize(final WinSize dst, final long timeoutNanos) {
        ioctl.wrap(client.arguments(), 0).request(TtyIoctl.TIOCGWINSZ);
        final long result = ioctlCall(timeoutNanos, argumentsCopier);
        if (result >= 0) {
            dst.decode(argumentsCopier.scratch, 0);
        }
        return result;
    }

    /** TIOCSWINSZ; returns 0 or -errno. */
    public long setWindowSize(final WinSize size, final long timeoutNanos) {
        ioctl.wrap(client.arguments(), 0).request(TtyIoctl.TIOCSWINSZ);
        ioctl.argumentLength(size.encode(client.arguments(), ioctl.argumentOffset()));
        return client.call(TtyCodec.OP_IOCTL, ioctl.encodedLength(), timeoutNanos, null);
    }

    /**
     * An ioctl with an int argument or none (TIOCGPGRP, TIOCSPGRP, FIONREAD, TIOCOUTQ, TCFLSH,
     * TCXONC, TIOCGSID): for a "get", the result is the value.
     */
    public long ioctl(final int request, final int argument, final long timeoutNanos) {
        final int length = ioctl.wrap(client.arguments(), 0).request(request).intArgument(argument).encodedLength();
        return client.call(TtyCodec.OP_IOCTL, length, timeoutNanos, null);
    }

    /**
     * Any ioctl, its argument bytes given as they are: reply arguments (winsize) go to
     * {@code out} at {@code outOffset}, reply data (termios) too; {@code out} may be null.
     */
    public long ioctl(final int request, final DirectBuffer argument, final int argumentOffset, final int argumentLength,
                      final MutableDirectBuffer out, final int outOffset, final long timeoutNanos) {
        ioctl.wrap(client.arguments(), 0).request(request);
        if (argumentLength > 0) {
            ioctl.argument(argument, argumentOffset, argumentLength);
        }
        if (out == null) {
            return client.call(TtyCodec.OP_IOCTL, ioctl.encodedLength(), timeoutNanos, null);
        }
        dataCopier.dst = out;
        dataCopier.offset = outOffset;
        dataCopier.alsoArguments = true;
        try {
            return client.call(TtyCodec.OP_IOCTL, ioctl.encodedLength(), timeoutNanos, dataCopier);
        } finally {
            dataCopier.dst = null;
            dataCopier.alsoArguments = false;
        }
    }

    /** POLL: returns the ready events among {@code events} (plus POLLERR/POLLHUP), or -errno. */
    public long poll(final int events, final long timeoutNanos) {
        return client.call(TtyCodec.OP_POLL, TtyCodec.encodePoll(client.arguments(), 0, events), timeoutNanos, null);
    }

    /**
     * SIGNALS: up to {@link TtyCodec#MAX_SIGNAL_PAIRS} pending (signal, process group) pairs into
     * {@code pairs} (signal at 2i, group at 2i+1).
     *
     * @param wait wait until one is pending (up to the timeout)
     * @return pairs returned, or -errno
     */
    public long signals(final int[] pairs, final boolean wait, final long timeoutNanos) {
        final int length = TtyCodec.encodeSignals(client.arguments(), 0, wait ? TtyCodec.FLAG_WAIT : 0);
        final long result = client.call(TtyCodec.OP_SIGNALS, length, timeoutNanos, argumentsCopier);
        for (int i = 0; i < result && 2 * i + 1 < pairs.length; i++) {
            pairs[2 * i] = TtyCodec.decodeSignal(argumentsCopier.scratch, 0, i);
            pairs[2 * i + 1] = TtyCodec.decodeSignalGroup(argumentsCopier.scratch, 0, i);
        }
        return result;
    }

    /** Sends a SIGNALS with FLAG_WAIT to keep outstanding; its reply goes to the async handler. */
    public long sendSignalsWait() {
        return client.send(TtyCodec.OP_SIGNALS, TtyCodec.encodeSignals(client.arguments(), 0, TtyCodec.FLAG_WAIT));
    }

    private long ioctlCall(final long timeoutNanos, final ReplyHandler handler) {
        return client.call(TtyCodec.OP_IOCTL, ioctl.encodedLength(), timeoutNanos, handler);
    }

    private long decodeTermios(final Termios dst) {
        dst.decode(dataCopier.scratch, 0);
        return 0;
    }

    /** Copies a reply's data block (and, if asked, its arguments) to a destination, or keeps it. */
    private static final class DataCopier implements ReplyHandler {
        final UnsafeBuffer scratch =
            new UnsafeBuffer(new byte[Termios.SIZE]);
        MutableDirectBuffer dst;
        int offset;
        boolean alsoArguments;

        @Override
        public void onReply(final ReplyView reply) {
            final MutableDirectBuffer target = dst != null ? dst : scratch;
            if (reply.result() < 0) {
                return;
            }
            if (reply.data() != null) {
                final int n = Math.min(reply.dataLength(), target == scratch ? scratch.capacity() : reply.dataLength());
                reply.data().getBytes(0, target, offset(target), n);
            } else if (alsoArguments && reply.argumentsLength() > 0) {
                target.putBytes(offset, reply.buffer(), reply.argumentsOffset(), reply.argumentsLength());
            }
        }

        private int offset(final MutableDirectBuffer target) {
            return target == scratch ? 0 : offset;
        }
    }

    /** Keeps a reply's inline arguments. */
    private static final class ArgumentsCopier implements ReplyHandler {
        final UnsafeBuffer scratch = new UnsafeBuffer(
            new byte[MessageHeaderDescriptor.MAX_REPLY_ARGUMENTS_LENGTH]);

        @Override
        public void onReply(final ReplyView reply) {
            scratch.setMemory(0, scratch.capacity(), (byte) 0);
            if (reply.result() >= 0 && reply.argumentsLength() > 0) {
                scratch.putBytes(0, reply.buffer(), reply.argumentsOffset(), reply.argumentsLength());
            }
        }
    }
}
