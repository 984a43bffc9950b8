package org.exoos.servers.framework;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.MAX_ARGUMENTS_LENGTH;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.MAX_REPLY_ARGUMENTS_LENGTH;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.REPLY_ARGUMENTS_OFFSET;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.RESULT_OFFSET;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.servers.protocol.MessageHeaderDescriptor;

/**
 * The reply being built for one request: a reusable flyweight. Arguments go into a small scratch
 * buffer copied into the slot when the reply is sent; data is written in place into a claimed
 * data-region block (zero-copy). The loop owns two: one for the request being handled, whose
 * result is {@link Service#onRequest}'s return value, and one for deferred replies, sent with
 * {@link #send}.
 */
public final class Reply {
    private final ServerLoop loop;
    private final boolean deferred;
    /** Result then arguments: the slot's inline payload, laid out by {@link MessageHeaderDescriptor}. */
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[MAX_ARGUMENTS_LENGTH]);
    private final UnsafeBuffer arguments = new UnsafeBuffer(payload, REPLY_ARGUMENTS_OFFSET, MAX_REPLY_ARGUMENTS_LENGTH);

    private OneToOneFusionRing ring;
    private int endpoint;
    private long requestId;
    private int operation;
    private int flags;
    private int argumentsLength;
    private boolean active;
    private boolean claimed;

    Reply(final ServerLoop loop, final boolean deferred) {
        this.loop = loop;
        this.deferred = deferred;
    }

    Reply begin(final int endpoint, final OneToOneFusionRing ring, final long requestId, final int operation,
                final int flags) {
        this.endpoint = endpoint;
        this.ring = ring;
        this.requestId = requestId;
        this.operation = operation;
        this.flags = flags;
        this.argumentsLength = 0;
        this.active = true;
        this.claimed = false;
        return this;
    }

    /**
     * The reply's argument area, offset 0, {@value MessageHeaderDescriptor#MAX_REPLY_ARGUMENTS_LENGTH}
     * bytes: write fields at the codec's offsets, then set {@link #argumentsLength}.
     */
    public MutableDirectBuffer arguments() {
        return arguments;
    }

    /** How many argument bytes the reply carries (0 unless set). */
    public Reply argumentsLength(final int length) {
        if (length < 0 || length > MAX_REPLY_ARGUMENTS_LENGTH) {
            throw new IllegalArgumentException("reply arguments " + length + " outside 0.." + MAX_REPLY_ARGUMENTS_LENGTH);
        }
        argumentsLength = length;
        return this;
    }

    /**
     * Claims a data block for the reply and returns it to fill in place from offset 0; the first
     * {@code length} bytes are sent (change it with {@link #dataLength}). Waits briefly for a
     * free block if the kernel still holds them all.
     *
     * @return the block (capacity: the block size; the view is reused), or null if none could be
     *     had (no free block in time, or the endpoint closed): reply without data, e.g. -EAGAIN
     * @throws IllegalArgumentException if {@code length} exceeds {@link ServiceContext#maxDataLength}
     * @throws IllegalStateException if the channel has no data region
     */
    public MutableDirectBuffer data(final int length) {
        checkActive();
        if (!claimed) {
            if (!loop.claimReplySlot(endpoint, ring)) {
                return null;
            }
            claimed = true;
        }
        return loop.claimReplyData(endpoint, ring, length);
    }

    /** Changes how many bytes of the claimed data block are sent. */
    public Reply dataLength(final int length) {
        checkActive();
        if (!claimed) {
            throw new IllegalStateException("no data block claimed");
        }
        ring.claimData(0, length);
        return this;
    }

    /**
     * Sends a deferred reply with {@code result} ({@code >= 0}, or {@code -errno}).
     *
     * @return false if it could not be sent (its endpoint closed; counted as dropped)
     * @throws IllegalStateException on the reply of the request being handled, whose result is
     *     what {@link Service#onRequest} returns
     */
    public boolean send(final long result) {
        if (!deferred) {
            throw new IllegalStateException("the reply to the request being handled is sent with onRequest's result");
        }
        checkActive();
        return finish(result);
    }

    /** Claims a slot if none yet, writes the reply and commits it. */
    boolean finish(final long result) {
        active = false;
        if (!claimed && !loop.claimReplySlot(endpoint, ring)) {
            loop.replyDropped();
            return false;
        }
        claimed = false;
        payload.putLong(RESULT_OFFSET, result, BYTE_ORDER);
        ring.claimedSlot(0).type(operation).flags(flags).correlationId(requestId)
            .payload(payload, 0, REPLY_ARGUMENTS_OFFSET + argumentsLength);
        loop.replySent(); // before the commit: whoever sees the reply sees it counted
        ring.commit();
        return true;
    }

    /** Drops the reply, giving back any claimed slot and block. */
    void abandon() {
        if (claimed) {
            ring.abort();
            claimed = false;
        }
        active = false;
    }

    boolean isActive() {
        return active;
    }

    private void checkActive() {
        if (!active) {
            throw new IllegalStateException("this reply was already sent or abandoned");
        }
    }
}
