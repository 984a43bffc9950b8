package org.exoos.boot.bench;

/**
 * One timed run of a benchmark program.
 *
 * @param status  the exit status (0 when the program ran to its end normally)
 * @param stdout  what it printed: the checksum line
 * @param nanos   how long it ran
 * @param instret guest instructions retired, or -1 when the engine does not count them (qemu)
 */
record Measurement(int status, String stdout, long nanos, long instret) {

    double seconds() {
        return nanos / 1e9;
    }

    /** Millions of guest instructions per second, or NaN when unknown. */
    double mips() {
        return instret < 0 || nanos <= 0 ? Double.NaN : instret * 1e3 / nanos;
    }
}
