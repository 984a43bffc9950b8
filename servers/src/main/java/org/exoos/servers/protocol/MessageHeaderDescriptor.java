package org.exoos.servers.protocol;

import java.nio.ByteOrder;

import org.exoos.ipc.fusion.FusionRingDescriptor;

/**
 * The envelope every service message wears on a fusion channel: how a request or a reply maps
 * onto one 64-byte ring slot ({@link FusionRingDescriptor}) and, when its payload is larger than
 * the slot's 40 inline bytes, onto one zero-copy data-region block named by the slot's
 * descriptor word.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |        state word (the ring's: published bit, lap, length)    |
 *  +-------------------------------+---------------+---------------+  4
 *  |   Operation (slot type, 16)   |  Version (8)  | Protocol (8)  |  type | flags
 *  +-------------------------------+---------------+---------------+  8
 *  |           Request Id (slot correlation id, 64 bits)           |
 *  +---------------------------------------------------------------+ 16
 *  |        Data block (slot descriptor, 0 = no data block)        |
 *  +---------------------------------------------------------------+ 24
 *  |   request: Arguments (0..40 bytes, the operation's layout)    |
 *  |   reply:   Result (int64), then Reply Arguments (0..32 bytes) |
 *  +---------------------------------------------------------------+ 64
 * </pre>
 * The slot's header fields are in the ring's (native) byte order; the diagram shows a
 * little-endian host. The 16-bit flags value holds the protocol id ({@link ProtocolIds}) in its
 * high byte and the protocol version in its low byte. Argument fields inside the inline payload
 * and the data block are little-endian ({@link #BYTE_ORDER}) at the offsets each service codec
 * names, so a codec never depends on the host.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>A request's operation is 1..{@link #MAX_SERVICE_OPERATION} (the service's own table) or
 *       one of the framework operations {@link #OP_NOP}, {@link #OP_CANCEL},
 *       {@link #OP_COUNTER}, which every server understands.</li>
 *   <li>A reply echoes its request's operation, flags and request id, and its inline payload is
 *       at least {@link #RESULT_LENGTH} bytes: the result, {@code >= 0} for success (a count,
 *       an offset, a descriptor number...) or a negated Linux errno ({@link Errno}).</li>
 *   <li>A request whose protocol id or version is not the server's, whose operation is unknown,
 *       whose argument length or data block breaks the operation's {@link Operation} entry, is
 *       answered with a negative errno ({@link Rejection}) and counted; it never reaches the
 *       service. A rejection reply's arguments carry the server's protocol id and version
 *       ({@link #REJECTION_PROTOCOL_ID_OFFSET}, {@link #REJECTION_VERSION_OFFSET}).</li>
 *   <li>{@link #OP_CANCEL} is one-way: its request id names the request to cancel, it has no
 *       reply of its own, and the cancelled request still gets exactly one reply (its result,
 *       or typically {@code -EINTR} if the service had deferred it).</li>
 * </ol>
 */
public final class MessageHeaderDescriptor {
    /** Byte order of every multi-byte argument field. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Bits of the slot flags holding the protocol version. */
    public static final int VERSION_MASK = 0xFF;
    /** Shift of the protocol id within the slot flags. */
    public static final int PROTOCOL_ID_SHIFT = 8;
    /** Largest protocol id (8 bits); 0 is never a protocol. */
    public static final int MAX_PROTOCOL_ID = 0xFF;
    /** Largest protocol version (8 bits); 0 is never a version. */
    public static final int MAX_VERSION = 0xFF;

    /** Largest operation code a service may define; the range above is the framework's. */
    public static final int MAX_SERVICE_OPERATION = 0xFEFF;
    /** Framework: no operation; the reply's result is 0 (a round-trip probe). */
    public static final int OP_NOP = 0xFF00;
    /** Framework: cancel the request whose id this message carries; no reply of its own. */
    public static final int OP_CANCEL = 0xFF01;
    /**
     * Framework: read one server counter; arguments: the counter id (int32 at 0); result: the
     * counter's value, or {@code -EINVAL} for an unknown id.
     */
    public static final int OP_COUNTER = 0xFF02;
    /** Argument length of {@link #OP_COUNTER}. */
    public static final int COUNTER_ID_LENGTH = Integer.BYTES;

    /** Inline payload of a slot: a request's whole argument block. */
    public static final int MAX_ARGUMENTS_LENGTH = FusionRingDescriptor.MAX_PAYLOAD_LENGTH;
    /** Offset of a reply's result within its inline payload. */
    public static final int RESULT_OFFSET = 0;
    public static final int RESULT_LENGTH = Long.BYTES;
    /** Offset of a reply's arguments within its inline payload. */
    public static final int REPLY_ARGUMENTS_OFFSET = RESULT_OFFSET + RESULT_LENGTH;
    /** What is left of the inline payload for a reply's arguments. */
    public static final int MAX_REPLY_ARGUMENTS_LENGTH = MAX_ARGUMENTS_LENGTH - REPLY_ARGUMENTS_OFFSET;

    /** In a rejection reply's arguments: the server's protocol id (uint8). */
    public static final int REJECTION_PROTOCOL_ID_OFFSET = 0;
    /** In a rejection reply's arguments: the server's protocol version (uint8). */
    public static final int REJECTION_VERSION_OFFSET = 1;
    /** Length of a rejection reply's arguments. */
    public static final int REJECTION_ARGUMENTS_LENGTH = 2;

    private MessageHeaderDescriptor() {
    }

    /** The slot flags of a message of protocol {@code protocolId}, version {@code version}. */
    public static int flags(final int protocolId, final int version) {
        if (protocolId < 1 || protocolId > MAX_PROTOCOL_ID) {
            throw new IllegalArgumentException("protocol id " + protocolId + " outside 1.." + MAX_PROTOCOL_ID);
        }
        if (version < 1 || version > MAX_VERSION) {
            throw new IllegalArgumentException("protocol version " + version + " outside 1.." + MAX_VERSION);
        }
        return protocolId << PROTOCOL_ID_SHIFT | version;
    }

    /** The protocol id carried by slot flags (0 if none was set: never valid). */
    public static int protocolId(final int flags) {
        return flags >>> PROTOCOL_ID_SHIFT & MAX_PROTOCOL_ID;
    }

    /** The protocol version carried by slot flags. */
    public static int version(final int flags) {
        return flags & VERSION_MASK;
    }

    /** Whether {@code operation} is one of the framework's own. */
    public static boolean isFrameworkOperation(final int operation) {
        return operation > MAX_SERVICE_OPERATION;
    }
}
