package org.exoos.boot.bench.rings;

/**
 * The client side of a round-trip latency benchmark over one transport (a fusion ring, an Agrona
 * ring, a socket...): it sends a message of a fixed size and waits for the peer's echo. The peer
 * is a thread of this JVM or a child JVM, started by {@link #start()}.
 *
 * <p>{@link #roundTrip} is the measured hot path: it must allocate nothing.
 */
public interface RoundTripTransport extends AutoCloseable {
    /** The name used in tables and in the RESULT line, e.g. {@code fusion_xproc}. */
    String name();

    /** Message size in bytes, as configured when the transport was made. */
    int messageSize();

    /** Starts the echo peer and connects to it; after this, {@link #roundTrip} may be called. */
    void start() throws Exception;

    /**
     * Sends one message whose first 8 bytes carry {@code sequence} and waits for its echo.
     *
     * @return the sequence the echo carried (the caller checks it equals {@code sequence})
     */
    long roundTrip(long sequence);

    /** Stops the peer (a child JVM is destroyed if it does not exit) and frees every resource. */
    @Override
    void close();
}
