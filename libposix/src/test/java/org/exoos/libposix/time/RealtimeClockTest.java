package org.exoos.libposix.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.exoos.libposix.time.RealtimeClock.NANOS_PER_SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The machine's wall clock: the host's until set, then the host's plus the offset the set made. */
class RealtimeClockTest {
    private static final long HOUR = 3600 * NANOS_PER_SECOND;
    /** 2030-01-02T00:00:00Z. */
    private static final long Y2030 = 1_893_542_400L * NANOS_PER_SECOND;

    private static long host() {
        Instant i = Instant.now();
        return i.getEpochSecond() * NANOS_PER_SECOND + i.getNano();
    }

    @Test
    void readsTheHostsClockUntilSet() {
        RealtimeClock clock = new RealtimeClock();
        long before = host();
        long now = clock.nowNanos();
        assertTrue(now >= before && now <= host(), "the host's time");
        assertEquals(0, clock.offsetNanos());
        long coarse = clock.coarseNanos();
        assertTrue(Math.abs(coarse - host()) < NANOS_PER_SECOND, "coarse is the same clock");
        assertEquals(0, coarse % 1_000_000, "with millisecond resolution");
    }

    @Test
    void setMovesOnlyThisClockAndItKeepsRunning() throws InterruptedException {
        RealtimeClock clock = new RealtimeClock();
        long before = host();
        long offset = clock.set(Y2030);
        assertTrue(Math.abs(offset - (Y2030 - before)) < HOUR, "offset from the host's clock: " + offset);
        assertEquals(offset, clock.offsetNanos());
        long first = clock.nowNanos();
        assertTrue(first >= Y2030 && first < Y2030 + HOUR, "reads the set time: " + first);
        assertTrue(Math.abs(clock.coarseNanos() - first) < NANOS_PER_SECOND, "coarse follows the set");
        Thread.sleep(2);
        assertTrue(clock.nowNanos() > first, "it runs on");
        assertTrue(Math.abs(host() - before) < HOUR, "the host's clock did not move");
        assertTrue(Math.abs(new RealtimeClock().nowNanos() - host()) < HOUR, "another machine's clock did not move");
        clock.set(host());
        assertTrue(Math.abs(clock.offsetNanos()) < NANOS_PER_SECOND, "set back to the host's time");
    }

    @Test
    void keepsTheTimezone() {
        RealtimeClock clock = new RealtimeClock();
        assertEquals(0, clock.minutesWest());
        assertEquals(0, clock.dstTime());
        clock.setTimezone(-120, 1);
        assertEquals(-120, clock.minutesWest());
        assertEquals(1, clock.dstTime());
    }
}
