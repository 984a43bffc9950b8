package org.exoos.servers.tty.service;

import static org.exoos.servers.tty.service.TtyCodec.FLAG_NONBLOCK;
import static org.exoos.servers.tty.service.TtyCodec.FLAG_WAIT;
import static org.exoos.servers.tty.service.TtyCodec.MAX_SIGNAL_PAIRS;
import static org.exoos.servers.tty.service.TtyCodec.OP_IOCTL;
import static org.exoos.servers.tty.service.TtyCodec.OP_POLL;
import static org.exoos.servers.tty.service.TtyCodec.OP_READ;
import static org.exoos.servers.tty.service.TtyCodec.OP_SIGNALS;
import static org.exoos.servers.tty.service.TtyCodec.OP_WRITE;
import static org.exoos.servers.tty.service.TtyCodec.SIGNAL_PAIR_LENGTH;
import static org.exoos.servers.tty.service.TtyCodec.SIGNAL_QUEUE_PAIRS;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.framework.Reply;
import org.exoos.servers.framework.Request;
import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceContext;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.MessageHeaderDescriptor;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.tty.LineDiscipline;
import org.exoos.servers.tty.Termios;
import org.exoos.servers.tty.TtyIoctl;
import org.exoos.servers.tty.TtySignalListener;
import org.exoos.servers.tty.WinSize;
import org.exoos.servers.vfs.PollEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One terminal as a server ({@link TtyCodec}): a {@link LineDiscipline} between the kernel's
 * requests and a {@link TtyBackend}. Everything touching the discipline runs on the loop thread:
 * input the backend's thread queued is moved in by {@link #doWork} after a
 * {@link ServiceContext#wakeUp}, echo and written output are drained to the backend at once,
 * and deferred READs, blocked WRITEs and waiting SIGNALS requests are completed there too.
 * Nothing allocates per request.
 *
 * <p>Signals the discipline raises are queued (up to {@link TtyCodec#SIGNAL_QUEUE_PAIRS}) for
 * the kernel's SIGNALS requests; the server never delivers them itself.
 */
public final class TtyService implements Service, TtySignalListener {
    private static final Logger LOG = LoggerFactory.getLogger(TtyService.class);
    /** Fields per deferred READ: endpoint, request id, max length, start time, deadline. */
    private static final int READ_STRIDE = 5;
    /** Fields per deferred WRITE: endpoint, request id, data descriptor, length. */
    private static final int WRITE_STRIDE = 4;
    /** Fields per waiting SIGNALS: endpoint, request id. */
    private static final int SIGNAL_STRIDE = 2;

    private final TtyBackend backend;
    private final LineDiscipline discipline;
    private final UnsafeBuffer readScratch = new UnsafeBuffer(new byte[LineDiscipline.N_TTY_BUF_SIZE]);
    private final UnsafeBuffer outputScratch = new UnsafeBuffer(new byte[LineDiscipline.N_TTY_BUF_SIZE]);
    private final TtyCodec.IoctlDecoder ioctl = new TtyCodec.IoctlDecoder();
    private final WinSize winSize = new WinSize();
    private final LongArrayList pendingReads = new LongArrayList();
    private final LongArrayList pendingWrites = new LongArrayList();
    private final LongArrayList signalWaiters = new LongArrayList();
    private final int[] signalQueue = new int[SIGNAL_QUEUE_PAIRS * 2];
    private int signalHead;
    private int signalCount;
    private long droppedSignals;
    private long lostReadBytes;
    private long lastInputNanos = Long.MIN_VALUE / 2;
    private ServiceContext context;

    /** A terminal on {@code backend}, with Linux's default termios. */
    public TtyService(final TtyBackend backend) {
        this.backend = backend;
        this.discipline = new LineDiscipline(this);
    }

    @Override
    public Protocol protocol() {
        return TtyCodec.PROTOCOL;
    }

    @Override
    public void onStart(final ServiceContext serviceContext) {
        context = serviceContext;
        if (backend.windowSize(winSize)) {
            discipline.setWindowSize(winSize);
            signalCount = 0; // the initial size is no change anyone must hear of
        }
        backend.start(serviceContext::wakeUp);
        LOG.debug("tty started on {} device", backend.isTerminal() ? "a host terminal" : "a non-terminal");
    }

    // ---- requests ----------------------------------------------------------------------------

    @Override
    public long onRequest(final Request request, final Reply reply) {
        final DirectBuffer args = request.buffer();
        final int offset = request.argumentsOffset();
        return switch (request.operation()) {
            case OP_READ -> read(request, reply, TtyCodec.decodeReadMaxLength(args, offset),
                (TtyCodec.decodeReadFlags(args, offset) & FLAG_NONBLOCK) != 0);
            case OP_WRITE -> write(request, (TtyCodec.decodeWriteFlags(args, offset) & FLAG_NONBLOCK) != 0);
            case OP_IOCTL -> ioctl(ioctl.wrap(args, offset, request.argumentsLength()), reply);
            case OP_POLL -> poll(TtyCodec.decodePollEvents(args, offset));
            case OP_SIGNALS -> signals(request, reply, TtyCodec.decodeSignalsFlags(args, offset));
            default -> -Errno.ENOSYS;
        };
    }

    private long read(final Request request, final Reply reply, final int maxLength, final boolean nonBlocking) {
        if (maxLength < 0) {
            return -Errno.EINVAL;
        }
        final int length = readLength(request.endpoint(), maxLength);
        pumpInput();
        final long now = System.nanoTime();
        if (!pendingReads.isEmpty() && !nonBlocking) {
            queueRead(request.endpoint(), request.requestId(), length, now); // earlier readers first
            return DEFERRED;
        }
        final int n = discipline.tryRead(readScratch, 0, length, nonBlocking, now, now, lastInputNanos);
        if (n == LineDiscipline.READ_WAIT) {
            if (nonBlocking) {
                return -Errno.EAGAIN;
            }
            queueRead(request.endpoint(), request.requestId(), length, now);
            pendingReads.setLong(pendingReads.size() - 1, discipline.readDeadlineNanos());
            return DEFERRED;
        }
        return n == 0 ? 0 : copyReadData(reply, n);
    }

    private int readLength(final int endpoint, final int maxLength) {
        return Math.min(maxLength, Math.min(readScratch.capacity(), context.maxDataLength(endpoint)));
    }

    private void queueRead(final int endpoint, final long requestId, final int length, final long now) {
        pendingReads.addLong(endpoint);
        pendingReads.addLong(requestId);
        pendingReads.addLong(length);
        pendingReads.addLong(now);
        pendingReads.addLong(LineDiscipline.NO_DEADLINE);
    }

    /** Moves {@code n} bytes read into the scratch into the reply's data block. */
    private long copyReadData(final Reply reply, final int n) {
        final MutableDirectBuffer data = reply.data(n);
        if (data == null) {
            lostReadBytes += n;
            LOG.warn("tty: no data block for a read reply; {} bytes of input lost", n);
            return -Errno.EAGAIN;
        }
        data.putBytes(0, readScratch, 0, n);
        return n;
    }

    private long write(final Request request, final boolean nonBlocking) {
        if (discipline.isHungUp()) {
            return -Errno.EIO;
        }
        final int length = request.dataLength();
        final int taken = writeSome(request.data(), length);
        if (taken > 0 || length == 0) {
            return taken;
        }
        if (nonBlocking) {
            return -Errno.EAGAIN;
        }
        pendingWrites.addLong(request.endpoint());
        pendingWrites.addLong(request.requestId());
        pendingWrites.addLong(request.retainData());
        pendingWrites.addLong(length);
        return DEFERRED;
    }

    /** Writes through the discipline, draining to the device as the queue fills; returns bytes taken. */
    private int writeSome(final DirectBuffer src, final int length) {
        int done = 0;
        while (done < length) {
            final int n = discipline.write(src, done, length - done);
            done += n;
            final int drained = flushOutput();
            if (n == 0 && drained == 0) {
                break; // output stopped and the queue is full
            }
        }
        flushOutput();
        return done;
    }

    private long ioctl(final TtyCodec.IoctlDecoder call, final Reply reply) {
        final int argLength = call.argumentLength();
        switch (call.request()) {
            case TtyIoctl.TCGETS -> {
                final MutableDirectBuffer data = reply.data(Termios.SIZE);
                if (data == null) {
                    return -Errno.EAGAIN;
                }
                discipline.encodeTermios(data, 0);
                return 0;
            }
            case TtyIoctl.TCSETS, TtyIoctl.TCSETSW, TtyIoctl.TCSETSF -> {
                if (argLength < Termios.SIZE) {
                    return -Errno.EINVAL;
                }
                if (call.request() != TtyIoctl.TCSETS) {
                    flushOutput(); // the backend takes output synchronously: drained when this returns
                }
                if (call.request() == TtyIoctl.TCSETSF) {
                    discipline.flushInput();
                }
                discipline.setTermios(call.buffer(), call.argumentOffset());
                flushOutput();
                return 0;
            }
            case TtyIoctl.TIOCGWINSZ -> {
                reply.argumentsLength(discipline.windowSize(winSize).encode(reply.arguments(), 0));
                return 0;
            }
            case TtyIoctl.TIOCSWINSZ -> {
                if (argLength < WinSize.SIZE) {
                    return -Errno.EINVAL;
                }
                discipline.setWindowSize(winSize.decode(call.buffer(), call.argumentOffset()));
                return 0;
            }
            case TtyIoctl.TIOCGPGRP -> {
                return discipline.foregroundProcessGroup();
            }
            case TtyIoctl.TIOCSPGRP -> {
                if (argLength < Integer.BYTES || call.intArgument() < 0) {
                    return -Errno.EINVAL;
                }
                discipline.foregroundProcessGroup(call.intArgument());
                return 0;
            }
            case TtyIoctl.TIOCGSID -> {
                return discipline.session() == 0 ? -Errno.ENOTTY : discipline.session();
            }
            case TtyIoctl.FIONREAD -> {
                pumpInput();
                return discipline.readableBytes();
            }
            case TtyIoctl.TIOCOUTQ -> {
                return discipline.outputQueued();
            }
            case TtyIoctl.TCFLSH -> {
                if (argLength < Integer.BYTES) {
                    return -Errno.EINVAL;
                }
                return discipline.flush(call.intArgument()) ? 0 : -Errno.EINVAL;
            }
            case TtyIoctl.TCXONC -> {
                if (argLength < Integer.BYTES || !discipline.flowControl(call.intArgument())) {
                    return -Errno.EINVAL;
                }
                flushOutput();
                return 0;
            }
            default -> {
                return -Errno.ENOTTY;
            }
        }
    }

    private long poll(final int events) {
        pumpInput();
        int mask = 0;
        if (discipline.pollReadable()) {
            mask |= PollEvents.POLLIN | PollEvents.POLLRDNORM;
        }
        if (discipline.isHungUp()) {
            mask |= PollEvents.POLLHUP;
        } else if (discipline.pollWritable()) {
            mask |= PollEvents.POLLOUT | PollEvents.POLLWRNORM;
        }
        return mask & (events | PollEvents.POLLERR | PollEvents.POLLHUP);
    }

    private long signals(final Request request, final Reply reply, final int flags) {
        pumpInput();
        if (signalCount > 0 || (flags & FLAG_WAIT) == 0) {
            final int pairs = takeSignals(reply.arguments());
            reply.argumentsLength(pairs * SIGNAL_PAIR_LENGTH);
            return pairs;
        }
        signalWaiters.addLong(request.endpoint());
        signalWaiters.addLong(request.requestId());
        return DEFERRED;
    }

    private int takeSignals(final MutableDirectBuffer dst) {
        final int pairs = Math.min(signalCount, MAX_SIGNAL_PAIRS);
        for (int i = 0; i < pairs; i++) {
            dst.putInt(i * SIGNAL_PAIR_LENGTH, signalQueue[signalHead * 2], MessageHeaderDescriptor.BYTE_ORDER);
            dst.putInt(i * SIGNAL_PAIR_LENGTH + Integer.BYTES, signalQueue[signalHead * 2 + 1],
                MessageHeaderDescriptor.BYTE_ORDER);
            signalHead = (signalHead + 1) % SIGNAL_QUEUE_PAIRS;
            signalCount--;
        }
        return pairs;
    }

    /** From the discipline, inside receive or setWindowSize: only queue (no call back into it). */
    @Override
    public void onSignal(final int signal, final int processGroup) {
        if (signalCount == SIGNAL_QUEUE_PAIRS) {
            droppedSignals++;
            return;
        }
        final int slot = (signalHead + signalCount) % SIGNAL_QUEUE_PAIRS;
        signalQueue[slot * 2] = signal;
        signalQueue[slot * 2 + 1] = processGroup;
        signalCount++;
    }

    // ---- the loop's turn ---------------------------------------------------------------------

    @Override
    public int doWork() {
        int work = 0;
        if (backend.takeWindowSizeChange() && backend.windowSize(winSize)) {
            discipline.setWindowSize(winSize);
            work++;
        }
        work += pumpInput();
        work += flushOutput();
        if (!pendingReads.isEmpty()) {
            work += serveReads();
        }
        if (!pendingWrites.isEmpty()) {
            work += serveWrites();
        }
        if (signalCount > 0 && !signalWaiters.isEmpty()) {
            work += serveSignalWaiters();
        }
        return work;
    }

    /** Moves queued device input into the discipline (then echo out); returns bytes moved. */
    private int pumpInput() {
        final TtyInputQueue input = backend.input();
        int moved = 0;
        if (input.size() > 0) {
            moved = input.drainTo(discipline);
            if (moved > 0) {
                lastInputNanos = System.nanoTime();
                flushOutput();
            }
        }
        if (!discipline.isHungUp() && input.isEndedAndEmpty()) {
            discipline.hangUp();
            moved++;
        }
        return moved;
    }

    /** Hands the discipline's output (echo and writes) to the device; returns bytes handed. */
    private int flushOutput() {
        int total = 0;
        int n;
        while ((n = discipline.drainOutput(outputScratch, 0, outputScratch.capacity())) > 0) {
            backend.writeOutput(outputScratch, 0, n);
            total += n;
        }
        return total;
    }

    private int serveReads() {
        int served = 0;
        final long now = System.nanoTime();
        for (int i = 0; i < pendingReads.size(); ) {
            final int endpoint = (int) pendingReads.getLong(i);
            final long requestId = pendingReads.getLong(i + 1);
            final int length = (int) pendingReads.getLong(i + 2);
            final long start = pendingReads.getLong(i + 3);
            final int n = discipline.tryRead(readScratch, 0, length, false, now, start, lastInputNanos);
            if (n == LineDiscipline.READ_WAIT) {
                pendingReads.setLong(i + 4, discipline.readDeadlineNanos());
                i += READ_STRIDE;
                continue;
            }
            removeAt(pendingReads, i, READ_STRIDE);
            final Reply reply = context.beginReply(endpoint, requestId, OP_READ);
            if (reply != null) {
                if (n == 0) {
                    reply.send(0);
                } else {
                    final MutableDirectBuffer data = reply.data(n);
                    if (data == null) {
                        lostReadBytes += n;
                        LOG.warn("tty: no data block for a read reply; {} bytes of input lost", n);
                        reply.send(-Errno.EAGAIN);
                    } else {
                        data.putBytes(0, readScratch, 0, n);
                        reply.send(n);
                    }
                }
            }
            served++;
        }
        return served;
    }

    private int serveWrites() {
        int served = 0;
        for (int i = 0; i < pendingWrites.size(); ) {
            final int endpoint = (int) pendingWrites.getLong(i);
            final long requestId = pendingWrites.getLong(i + 1);
            final long descriptor = pendingWrites.getLong(i + 2);
            final int length = (int) pendingWrites.getLong(i + 3);
            final DirectBuffer data = context.retainedData(endpoint, descriptor);
            final long result;
            if (discipline.isHungUp() || data == null) {
                result = -Errno.EIO;
            } else {
                final int taken = writeSome(data, length);
                if (taken == 0) {
                    break; // still stopped; later writes wait behind this one
                }
                result = taken;
            }
            removeAt(pendingWrites, i, WRITE_STRIDE);
            context.releaseData(endpoint, descriptor);
            context.sendReply(endpoint, requestId, OP_WRITE, result);
            served++;
        }
        return served;
    }

    private int serveSignalWaiters() {
        int served = 0;
        while (signalCount > 0 && !signalWaiters.isEmpty()) {
            final int endpoint = (int) signalWaiters.getLong(0);
            final long requestId = signalWaiters.getLong(1);
            removeAt(signalWaiters, 0, SIGNAL_STRIDE);
            final Reply reply = context.beginReply(endpoint, requestId, OP_SIGNALS);
            if (reply != null) {
                final int pairs = takeSignals(reply.arguments());
                reply.argumentsLength(pairs * SIGNAL_PAIR_LENGTH).send(pairs);
                served++;
            }
        }
        return served;
    }

    @Override
    public long parkLimitNanos() {
        long earliest = LineDiscipline.NO_DEADLINE;
        for (int i = 4; i < pendingReads.size(); i += READ_STRIDE) {
            earliest = Math.min(earliest, pendingReads.getLong(i));
        }
        return earliest == LineDiscipline.NO_DEADLINE ? NO_PARK_LIMIT : Math.max(0, earliest - System.nanoTime());
    }

    // ---- cancel and endpoint end -------------------------------------------------------------

    @Override
    public void onCancel(final int endpoint, final long requestId) {
        if (cancelIn(pendingReads, READ_STRIDE, endpoint, requestId, OP_READ)
            || cancelIn(signalWaiters, SIGNAL_STRIDE, endpoint, requestId, OP_SIGNALS)) {
            return;
        }
        for (int i = 0; i < pendingWrites.size(); i += WRITE_STRIDE) {
            if (pendingWrites.getLong(i) == endpoint && pendingWrites.getLong(i + 1) == requestId) {
                context.releaseData(endpoint, pendingWrites.getLong(i + 2));
                removeAt(pendingWrites, i, WRITE_STRIDE);
                context.sendReply(endpoint, requestId, OP_WRITE, -Errno.EINTR);
                return;
            }
        }
    }

    private boolean cancelIn(final LongArrayList list, final int stride, final int endpoint, final long requestId,
                             final int operation) {
        for (int i = 0; i < list.size(); i += stride) {
            if (list.getLong(i) == endpoint && list.getLong(i + 1) == requestId) {
                removeAt(list, i, stride);
                context.sendReply(endpoint, requestId, operation, -Errno.EINTR);
                return true;
            }
        }
        return false;
    }

    @Override
    public void onEndpointClosed(final int endpoint) {
        dropEndpoint(pendingReads, READ_STRIDE, endpoint);
        dropEndpoint(pendingWrites, WRITE_STRIDE, endpoint);
        dropEndpoint(signalWaiters, SIGNAL_STRIDE, endpoint);
    }

    private static void dropEndpoint(final LongArrayList list, final int stride, final int endpoint) {
        for (int i = list.size() - stride; i >= 0; i -= stride) {
            if (list.getLong(i) == endpoint) {
                removeAt(list, i, stride);
            }
        }
    }

    private static void removeAt(final LongArrayList list, final int index, final int stride) {
        for (int k = 0; k < stride; k++) {
            list.removeAt(index);
        }
    }

    @Override
    public void onClose() {
        backend.close();
    }

    // ---- diagnostics -------------------------------------------------------------------------

    /** The line discipline; loop thread only (tests of a thread-hosted server read it after a reply). */
    LineDiscipline discipline() {
        return discipline;
    }

    /** Deferred READs waiting. */
    public int pendingReadCount() {
        return pendingReads.size() / READ_STRIDE;
    }

    /** Signals dropped because the kernel did not collect them. */
    public long droppedSignals() {
        return droppedSignals;
    }

    /** Input bytes lost because no reply data block was free. */
    public long lostReadBytes() {
        return lostReadBytes;
    }
}
