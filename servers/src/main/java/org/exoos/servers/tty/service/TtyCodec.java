package org.exoos.servers.tty.service;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.exoos.servers.protocol.DataRule;
import org.exoos.servers.protocol.MessageHeaderDescriptor;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.protocol.ProtocolIds;
import org.exoos.servers.tty.Termios;

/**
 * The tty server's protocol ({@link ProtocolIds#TTY}, version 1), shared by the kernel's
 * {@link TtyClient} and the {@link TtyService}. Argument offsets are relative to the start of the
 * inline arguments; all fields little-endian. Results are {@code >= 0} or {@code -errno}.
 *
 * <pre>
 * READ (1)     arguments  0: maxLength (int32)   4: flags (int32, {@link #FLAG_NONBLOCK})
 *              reply      result = bytes read (0: EOF / hang-up / VMIN=0 timeout);
 *                         data   = the bytes (no block when 0)
 *              DEFERRED until the line discipline has something to return (a line, VMIN bytes,
 *              VTIME expiry); -EAGAIN at once with FLAG_NONBLOCK; -EINTR on cancel.
 *
 * WRITE (2)    arguments  0: flags (int32, FLAG_NONBLOCK)      data: the bytes (required)
 *              reply      result = bytes taken (a partial count when the output queue filled);
 *                         DEFERRED while output is stopped (^S, TCOOFF) and nothing was taken;
 *                         -EAGAIN then with FLAG_NONBLOCK.
 *
 * IOCTL (3)    arguments  0: request (int32, {@link org.exoos.servers.tty.TtyIoctl})
 *                         4: argument bytes (0..36), by request:
 *                TCGETS               none         reply data = struct termios (36 bytes), result 0
 *                TCSETS/TCSETSW/TCSETSF termios (36) result 0 (SW drains output first, SF also
 *                                                  flushes input)
 *                TIOCGWINSZ           none         reply arguments = struct winsize (8), result 0
 *                TIOCSWINSZ           winsize (8)  result 0 (raises SIGWINCH if it changed)
 *                TIOCGPGRP            none         result = foreground process group
 *                TIOCSPGRP            pgrp (int32) result 0 (-EINVAL if negative)
 *                FIONREAD / TIOCINQ   none         result = readable bytes
 *                TIOCOUTQ             none         result = queued output bytes
 *                TCFLSH               queue (int32) result 0 / -EINVAL
 *                TCXONC               action (int32) result 0 / -EINVAL
 *                other                             -ENOTTY
 *              Integer-valued "get" requests return the value as the result: the kernel stores
 *              it at the program's argp and returns 0 to the program.
 *
 * POLL (4)     arguments  0: events (int32, POLLIN/POLLOUT...)
 *              reply      result = revents (never deferred: the kernel re-polls on a wake-up)
 *
 * SIGNALS (5)  arguments  0: flags (int32, {@link #FLAG_WAIT})
 *              reply      result = pairs returned (0..4); arguments = pairs of
 *                         (signal int32, process group int32), 8 bytes each
 *              Without FLAG_WAIT it answers at once (possibly 0 pairs). With FLAG_WAIT it is
 *              DEFERRED until a signal is pending: the kernel keeps one such request outstanding
 *              and learns SIGINT/SIGQUIT/SIGTSTP (ISIG characters) and SIGWINCH through it, then
 *              delivers them to the group (and cancels that group's blocked READ, which answers
 *              -EINTR). Signals beyond the server's queue ({@link #SIGNAL_QUEUE_PAIRS}) are
 *              dropped and counted, as standard signals do not queue anyway.
 * </pre>
 */
public final class TtyCodec {
    public static final int VERSION = 1;

    public static final int OP_READ = 1;
    public static final int OP_WRITE = 2;
    public static final int OP_IOCTL = 3;
    public static final int OP_POLL = 4;
    public static final int OP_SIGNALS = 5;

    /** READ / WRITE flag: O_NONBLOCK, answer -EAGAIN instead of waiting. */
    public static final int FLAG_NONBLOCK = 1;
    /** SIGNALS flag: wait until at least one signal is pending. */
    public static final int FLAG_WAIT = 1;

    public static final int READ_MAX_LENGTH_OFFSET = 0;
    public static final int READ_FLAGS_OFFSET = 4;
    public static final int READ_LENGTH = 8;

    public static final int WRITE_FLAGS_OFFSET = 0;
    public static final int WRITE_LENGTH = 4;

    public static final int IOCTL_REQUEST_OFFSET = 0;
    public static final int IOCTL_ARGUMENT_OFFSET = 4;
    /** Most argument bytes an IOCTL carries inline: a struct termios. */
    public static final int IOCTL_MAX_ARGUMENT_LENGTH = MessageHeaderDescriptor.MAX_ARGUMENTS_LENGTH - IOCTL_ARGUMENT_OFFSET;

    public static final int POLL_EVENTS_OFFSET = 0;
    public static final int POLL_LENGTH = 4;

    public static final int SIGNALS_FLAGS_OFFSET = 0;
    public static final int SIGNALS_LENGTH = 4;
    /** In a SIGNALS reply's arguments: pair i's signal at {@code i * SIGNAL_PAIR_LENGTH}, its group 4 bytes on. */
    public static final int SIGNAL_PAIR_LENGTH = 8;
    /** Most pairs one SIGNALS reply carries. */
    public static final int MAX_SIGNAL_PAIRS = MessageHeaderDescriptor.MAX_REPLY_ARGUMENTS_LENGTH / SIGNAL_PAIR_LENGTH;
    /** Pairs the server keeps for the kernel before dropping. */
    public static final int SIGNAL_QUEUE_PAIRS = 64;

    public static final Protocol PROTOCOL = Protocol.builder("tty", ProtocolIds.TTY, VERSION)
        .operation(OP_READ, "read", READ_LENGTH, DataRule.NONE)
        .operation(OP_WRITE, "write", WRITE_LENGTH, DataRule.REQUIRED)
        .operation(OP_IOCTL, "ioctl", IOCTL_ARGUMENT_OFFSET, IOCTL_ARGUMENT_OFFSET + IOCTL_MAX_ARGUMENT_LENGTH,
            DataRule.NONE)
        .operation(OP_POLL, "poll", POLL_LENGTH, DataRule.NONE)
        .operation(OP_SIGNALS, "signals", SIGNALS_LENGTH, DataRule.NONE)
        .build();

    static {
        if (IOCTL_MAX_ARGUMENT_LENGTH < Termios.SIZE) {
            throw new ExceptionInInitializerError("a termios does not fit an IOCTL request");
        }
    }

    private TtyCodec() {
    }

    /** Writes READ's arguments; returns their length. */
    public static int encodeRead(final MutableDirectBuffer buffer, final int offset, final int maxLength,
                                 final int flags) {
        buffer.putInt(offset + READ_MAX_LENGTH_OFFSET, maxLength, BYTE_ORDER);
        buffer.putInt(offset + READ_FLAGS_OFFSET, flags, BYTE_ORDER);
        return READ_LENGTH;
    }

    public static int decodeReadMaxLength(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + READ_MAX_LENGTH_OFFSET, BYTE_ORDER);
    }

    public static int decodeReadFlags(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + READ_FLAGS_OFFSET, BYTE_ORDER);
    }

    /** Writes WRITE's arguments (the bytes go in the data block); returns their length. */
    public static int encodeWrite(final MutableDirectBuffer buffer, final int offset, final int flags) {
        buffer.putInt(offset + WRITE_FLAGS_OFFSET, flags, BYTE_ORDER);
        return WRITE_LENGTH;
    }

    public static int decodeWriteFlags(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + WRITE_FLAGS_OFFSET, BYTE_ORDER);
    }

    /** Writes POLL's arguments; returns their length. */
    public static int encodePoll(final MutableDirectBuffer buffer, final int offset, final int events) {
        buffer.putInt(offset + POLL_EVENTS_OFFSET, events, BYTE_ORDER);
        return POLL_LENGTH;
    }

    public static int decodePollEvents(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + POLL_EVENTS_OFFSET, BYTE_ORDER);
    }

    /** Writes SIGNALS' arguments; returns their length. */
    public static int encodeSignals(final MutableDirectBuffer buffer, final int offset, final int flags) {
        buffer.putInt(offset + SIGNALS_FLAGS_OFFSET, flags, BYTE_ORDER);
        return SIGNALS_LENGTH;
    }

    public static int decodeSignalsFlags(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + SIGNALS_FLAGS_OFFSET, BYTE_ORDER);
    }

    /** Pair {@code index}'s signal in a SIGNALS reply whose arguments start at {@code offset}. */
    public static int decodeSignal(final DirectBuffer buffer, final int offset, final int index) {
        return buffer.getInt(offset + index * SIGNAL_PAIR_LENGTH, BYTE_ORDER);
    }

    /** Pair {@code index}'s process group in a SIGNALS reply. */
    public static int decodeSignalGroup(final DirectBuffer buffer, final int offset, final int index) {
        return buffer.getInt(offset + index * SIGNAL_PAIR_LENGTH + Integer.BYTES, BYTE_ORDER);
    }

    /** Writes IOCTL's arguments through a flyweight: the request, then its argument bytes. */
    public static final class IoctlEncoder {
        private MutableDirectBuffer buffer;
        private int offset;
        private int argumentLength;

        public IoctlEncoder wrap(final MutableDirectBuffer buffer, final int offset) {
            this.buffer = buffer;
            this.offset = offset;
            this.argumentLength = 0;
            return this;
        }

        public IoctlEncoder request(final int request) {
            buffer.putInt(offset + IOCTL_REQUEST_OFFSET, request, BYTE_ORDER);
            return this;
        }

        /** An int argument (TIOCSPGRP's group, TCFLSH's queue, TCXONC's action). */
        public IoctlEncoder intArgument(final int value) {
            buffer.putInt(offset + IOCTL_ARGUMENT_OFFSET, value, BYTE_ORDER);
            argumentLength = Integer.BYTES;
            return this;
        }

        /** A struct argument already encoded; {@code length} at most {@link #IOCTL_MAX_ARGUMENT_LENGTH}. */
        public IoctlEncoder argument(final DirectBuffer src, final int srcOffset, final int length) {
            checkLength(length);
            buffer.putBytes(offset + IOCTL_ARGUMENT_OFFSET, src, srcOffset, length);
            argumentLength = length;
            return this;
        }

        /** Where a struct argument is encoded in place; then call {@link #argumentLength}. */
        public int argumentOffset() {
            return offset + IOCTL_ARGUMENT_OFFSET;
        }

        public IoctlEncoder argumentLength(final int length) {
            checkLength(length);
            argumentLength = length;
            return this;
        }

        public int encodedLength() {
            return IOCTL_ARGUMENT_OFFSET + argumentLength;
        }

        private static void checkLength(final int length) {
            if (length < 0 || length > IOCTL_MAX_ARGUMENT_LENGTH) {
                throw new IllegalArgumentException("ioctl argument " + length + " outside 0.." + IOCTL_MAX_ARGUMENT_LENGTH);
            }
        }
    }

    /** Reads IOCTL's arguments in place; the framework has checked their length is 4..40. */
    public static final class IoctlDecoder {
        private DirectBuffer buffer;
        private int offset;
        private int length;

        public IoctlDecoder wrap(final DirectBuffer buffer, final int offset, final int length) {
            this.buffer = buffer;
            this.offset = offset;
            this.length = length;
            return this;
        }

        public int request() {
            return buffer.getInt(offset + IOCTL_REQUEST_OFFSET, BYTE_ORDER);
        }

        public int argumentLength() {
            return length - IOCTL_ARGUMENT_OFFSET;
        }

        /** Offset of the argument bytes in {@link #buffer()}. */
        public int argumentOffset() {
            return offset + IOCTL_ARGUMENT_OFFSET;
        }

        /** The int argument; check {@link #argumentLength()} first. */
        public int intArgument() {
            return buffer.getInt(offset + IOCTL_ARGUMENT_OFFSET, BYTE_ORDER);
        }

        public DirectBuffer buffer() {
            return buffer;
        }
    }
}
