package org.exoos.libposix.time;

import java.time.Instant;

/**
 * The machine's wall clock (CLOCK_REALTIME and the clocks that follow it): the host's clock plus an offset
 * that clock_settime(2) and settimeofday(2) move. Setting it changes this machine's time only, never the
 * host's. It also keeps the machine's {@code struct timezone} (sys_tz), which settimeofday sets and
 * gettimeofday returns.
 */
public final class RealtimeClock {
    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private volatile long offsetNanos;
    private volatile int minutesWest;
    private volatile int dstTime;

    /** Nanoseconds since the epoch on this machine's clock. */
    public long nowNanos() {
        return hostNanos() + offsetNanos;
    }

    /** The same clock with the host's millisecond resolution (CLOCK_REALTIME_COARSE). */
    public long coarseNanos() {
        // the precise clock cut to the millisecond, not the host's millisecond clock plus the offset: the two host
        // clocks round differently, and time(2) right after clock_settime must not read a second earlier
        long now = nowNanos();
        return now - Math.floorMod(now, NANOS_PER_MILLI);
    }

    /** Makes the clock read {@code epochNanos} now; returns the new offset from the host's clock. */
    public long set(long epochNanos) {
        long offset = epochNanos - hostNanos();
        offsetNanos = offset;
        return offset;
    }

    /** How far this machine's clock is ahead of the host's (behind when negative). */
    public long offsetNanos() {
        return offsetNanos;
    }

    /** struct timezone's tz_minuteswest, as settimeofday last set it (0 at boot). */
    public int minutesWest() {
        return minutesWest;
    }

    /** struct timezone's tz_dsttime, as settimeofday last set it (0 at boot). */
    public int dstTime() {
        return dstTime;
    }

    public void setTimezone(int minutesWest, int dstTime) {
        this.minutesWest = minutesWest;
        this.dstTime = dstTime;
    }

    private static long hostNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
    }
}
