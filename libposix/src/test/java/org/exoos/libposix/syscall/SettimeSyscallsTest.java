package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.support.SyscallHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.exoos.libposix.support.SyscallHarness.READ_ONLY;
import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.exoos.servers.protocol.Errno.EFAULT;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** clock_settime(2) and settimeofday(2): they move the machine's clock only, with Linux 6.1's errors. */
class SettimeSyscallsTest {
    /** 2030-01-02T00:00:00Z. */
    private static final long Y2030 = 1_893_542_400L;
    private static final long TS = SCRATCH, OUT = SCRATCH + 64, TZ = SCRATCH + 128;

    private final SyscallHarness root = new SyscallHarness("", new Credentials(0, 0, 0, 0));
    private final SyscallHarness user = new SyscallHarness();

    @AfterEach
    void close() {
        root.close();
        user.close();
    }

    private static long hostSeconds() { return Instant.now().getEpochSecond(); }

    private long realtimeSeconds(SyscallHarness h, int clock) {
        assertEquals(0, h.call("clock_gettime", clock, OUT));
        return h.getLong(OUT);
    }

    @Test
    void clockSettimeMovesRealtimeAndItsFollowersButNotMonotonic() {
        long monotonic = realtimeSeconds(root, SysTime.CLOCK_MONOTONIC);
        root.putLongs(TS, Y2030, 5);
        assertEquals(0, root.call("clock_settime", SysTime.CLOCK_REALTIME, TS));
        for (int clock : new int[] {SysTime.CLOCK_REALTIME, SysTime.CLOCK_TAI, SysTime.CLOCK_REALTIME_COARSE}) {
            long s = realtimeSeconds(root, clock);
            assertTrue(s >= Y2030 && s <= Y2030 + 5, "clock " + clock + ": " + s);
        }
        assertEquals(0, root.call("gettimeofday", OUT, 0));
        assertTrue(root.getLong(OUT) >= Y2030 && root.getLong(OUT) <= Y2030 + 5, "gettimeofday agrees");
        assertTrue(realtimeSeconds(root, SysTime.CLOCK_MONOTONIC) - monotonic < 5, "monotonic does not jump");
        assertTrue(Math.abs(hostSeconds() - Y2030) > 3600, "the host's clock is untouched");
        assertTrue(Math.abs(realtimeSeconds(user, SysTime.CLOCK_REALTIME) - hostSeconds()) <= 1,
                "another machine keeps the host's time");
    }

    @Test
    void clockSettimeErrors() {
        root.putLongs(TS, Y2030, 0);
        for (int clock : new int[] {SysTime.CLOCK_MONOTONIC, SysTime.CLOCK_MONOTONIC_RAW, SysTime.CLOCK_BOOTTIME,
                SysTime.CLOCK_TAI, SysTime.CLOCK_REALTIME_COARSE, SysTime.CLOCK_MONOTONIC_COARSE,
                SysTime.CLOCK_PROCESS_CPUTIME_ID, SysTime.CLOCK_THREAD_CPUTIME_ID, SysTime.CLOCK_REALTIME_ALARM, 10, 16}) {
            assertEquals(-EINVAL, root.call("clock_settime", clock, TS), "clock " + clock + " cannot be set");
        }
        int ownCpuClock = (~0 << 3) | 2; // MAKE_PROCESS_CPUCLOCK(0, CPUCLOCK_SCHED)
        assertEquals(-EPERM, root.call("clock_settime", ownCpuClock, TS), "a CPU clock is never set");
        assertEquals(-EINVAL, root.call("clock_settime", (~99 << 3) | 2, TS), "no task 99");
        assertEquals(-EFAULT, root.call("clock_settime", ownCpuClock, 0), "read before refusing");
        assertEquals(-EINVAL, root.call("clock_settime", SysTime.CLOCK_MONOTONIC, 0), "no clock_set: not even read");
        assertEquals(-EFAULT, root.call("clock_settime", SysTime.CLOCK_REALTIME, 0));
        assertEquals(-EINVAL, root.call("clock_settime", SysTime.CLOCK_REALTIME, READ_ONLY),
                "read-only memory is read (its zeros are before boot)");

        long before = root.linux.realtime().offsetNanos();
        for (long[] bad : new long[][] {{Y2030, 1_000_000_000L}, {Y2030, -1}, {-1, 0}, {SysTime.SETTOD_SEC_MAX, 0}}) {
            root.putLongs(TS, bad);
            assertEquals(-EINVAL, root.call("clock_settime", SysTime.CLOCK_REALTIME, TS), bad[0] + "." + bad[1]);
        }
        root.putLongs(TS, 0, 0);
        assertEquals(-EINVAL, root.call("clock_settime", SysTime.CLOCK_REALTIME, TS), "not before boot (monotonic)");
        assertEquals(before, root.linux.realtime().offsetNanos(), "a refused set moves nothing");

        user.putLongs(TS, Y2030, 0);
        assertEquals(-EPERM, user.call("clock_settime", SysTime.CLOCK_REALTIME, TS), "CAP_SYS_TIME");
        user.putLongs(TS, Y2030, -1);
        assertEquals(-EINVAL, user.call("clock_settime", SysTime.CLOCK_REALTIME, TS), "the value is checked first");
        assertEquals(0, user.linux.realtime().offsetNanos());
    }

    @Test
    void settimeofdaySetsTimeAndTimezone() {
        root.putLongs(TS, Y2030, 999_999);
        assertEquals(0, root.call("settimeofday", TS, 0));
        long s = realtimeSeconds(root, SysTime.CLOCK_REALTIME);
        assertTrue(s >= Y2030 && s <= Y2030 + 5, "set: " + s);

        root.putLongs(TZ, (-60 & 0xffff_ffffL) | 1L << 32); // minutes west -60, dsttime 1
        assertEquals(0, root.call("settimeofday", 0, TZ));
        assertEquals(0, root.call("gettimeofday", OUT, TZ + 8));
        assertEquals(-60, root.getInt(TZ + 8));
        assertEquals(1, root.getInt(TZ + 12));
        assertTrue(root.getLong(OUT) >= Y2030 && root.getLong(OUT) <= Y2030 + 5, "a timezone alone keeps the time");

        assertEquals(0, root.call("settimeofday", 0, 0), "nothing to set");
        assertEquals(-EPERM, user.call("settimeofday", 0, 0), "but the privilege is asked");
    }

    @Test
    void settimeofdayErrors() {
        root.putLongs(TS, Y2030, 1_000_000); // Linux lets tv_usec 1000000 through its first check, not its second
        assertEquals(-EINVAL, root.call("settimeofday", TS, 0));
        root.putLongs(TS, Y2030, -1);
        assertEquals(-EINVAL, root.call("settimeofday", TS, 0));
        root.putLongs(TS, -1, 0);
        assertEquals(-EINVAL, root.call("settimeofday", TS, 0));
        root.putLongs(TZ, 15 * 60 + 1);
        assertEquals(-EINVAL, root.call("settimeofday", 0, TZ), "more than 15 hours west");
        root.putLongs(TZ, -15 * 60 - 1 & 0xffff_ffffL);
        assertEquals(-EINVAL, root.call("settimeofday", 0, TZ), "more than 15 hours east");
        assertEquals(-EFAULT, root.call("settimeofday", 8, 0));
        root.putLongs(TS, Y2030, 0);
        assertEquals(-EFAULT, root.call("settimeofday", TS, 8), "both are read before anything is set");
        assertEquals(0, root.linux.realtime().offsetNanos(), "nothing was set");
        assertEquals(-EPERM, user.call("settimeofday", TS, 0));
        assertEquals(0, user.linux.realtime().offsetNanos());
    }
}
