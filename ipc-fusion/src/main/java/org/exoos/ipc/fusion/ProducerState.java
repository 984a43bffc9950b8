package org.exoos.ipc.fusion;

/**
 * A one-to-one ring's producer-side cursor, written on every claim and commit, kept on lines of
 * its own so that the consumer, which reads the ring object's final fields on every drain,
 * never shares a line with it.
 */
final class ProducerState extends CacheLinePadding {
    long position;
    long cachedConsumerPosition;
    int claimedCount;
}
