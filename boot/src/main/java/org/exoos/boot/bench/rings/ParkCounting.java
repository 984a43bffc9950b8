package org.exoos.boot.bench.rings;

/**
 * A transport whose two sides may park (futex waits): the benchmark reads both counts before and
 * after its measured run and reports which fraction of round trips parked on each side, since a
 * run that never parks has not measured the futex path at all.
 */
public interface ParkCounting {
    /** Whether this transport's sides may park at all (false: the counts stay 0 and are not reported). */
    boolean parks();

    /** FUTEX_WAIT calls made so far by the side that sends and waits for echoes. */
    long clientParks();

    /** FUTEX_WAIT calls made so far by the echo side; may cost a round trip to ask. */
    long echoParks();
}
