package org.exoos.ipc.fusion;

/**
 * One side's private cursor of a one-to-one ring (the producer's, written on every claim and
 * commit, or the consumer's, written on every drain), kept on lines of its own so that neither
 * side's stores land on a line the other reads: the ring object's final fields are read by both.
 */
final class SideState extends CacheLinePadding {
    /** The side's own position. */
    long position;
    /** Producer only: the consumer position last read, refreshed only when the ring looks full. */
    long cachedConsumerPosition;
    /** Producer only: slots claimed and not yet committed. */
    int claimedCount;
    /** Consumer only: drains that found nothing, to pace its reads of the producer position. */
    int emptyPolls;
}
