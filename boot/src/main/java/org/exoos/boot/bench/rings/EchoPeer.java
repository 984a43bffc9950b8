package org.exoos.boot.bench.rings;

/**
 * The far side of a {@link RoundTripTransport}, as the near side sees it: a thread of this JVM
 * or a child JVM. A waiting client asks it from time to time whether it still lives, so that a
 * dead peer fails the benchmark with its reason instead of hanging it.
 */
interface EchoPeer {
    /**
     * @throws IllegalStateException naming the peer and why it stopped, if it did
     */
    void checkAlive();
}
