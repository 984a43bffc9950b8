package org.exoos.servers.framework;

import org.agrona.DirectBuffer;
import org.exoos.servers.protocol.Protocol;

/**
 * What a {@link Service} may ask of the loop that hosts it. Every method but {@link #wakeUp()}
 * belongs to the loop thread.
 */
public interface ServiceContext {
    /** The server's name ("vfs"). */
    String serverName();

    /** How many channels the loop serves; endpoints are numbered from 0. */
    int endpointCount();

    /** The largest data block a reply on {@code endpoint} can carry (0: the channel has none). */
    int maxDataLength(int endpoint);

    /**
     * Starts the reply to a deferred request: fill its arguments and data, then
     * {@link Reply#send}. One reply at a time: send it before starting another, and never
     * between {@link Reply#data} on the current request's reply and that handler's return.
     *
     * @return the reply, or null if the endpoint has closed (the reply would go nowhere)
     */
    Reply beginReply(int endpoint, long requestId, int operation);

    /**
     * Sends a deferred request's reply that has no arguments or data.
     *
     * @return false if it could not be sent (the endpoint closed)
     */
    boolean sendReply(int endpoint, long requestId, int operation, long result);

    /** A view of a data block kept by {@link Request#retainData()}, or null if no longer held; reused. */
    DirectBuffer retainedData(int endpoint, long descriptor);

    /** Gives back a retained data block. */
    void releaseData(int endpoint, long descriptor);

    /**
     * Asks the loop to call {@link Service#doWork()} soon, from any thread: how a thread that
     * makes a deferred request completable (terminal input arrived) gets the loop's attention
     * when it sleeps.
     */
    void wakeUp();

    /** One of this server's counters. */
    long counter(ServerCounter counter);

    /**
     * The client of the upstream channel the kernel granted this server under {@code name}
     * ({@link ServerSpec#upstreams()}), speaking {@code protocol}: how a server calls the kernel.
     * For the loop thread; a call blocks it until the kernel answers.
     *
     * @return the client, or null if the server was granted no such channel
     */
    default ServerClient upstream(String name, Protocol protocol) {
        return null;
    }
}
