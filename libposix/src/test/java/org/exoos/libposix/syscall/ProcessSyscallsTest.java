package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.ResourceLimits;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.support.SyscallHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.exoos.servers.protocol.Errno.*;
import static org.exoos.libposix.support.SyscallHarness.*;
import static org.junit.jupiter.api.Assertions.*;

class ProcessSyscallsTest {
    private final SyscallHarness h = new SyscallHarness();

    @AfterEach
    void returnRamToTheHost() { h.close(); }

    @Test
    void unknownAndUnimplementedCallsAreEnosys() {
        assertEquals(-ENOSYS, h.callNumber(5000));
        assertEquals(-ENOSYS, h.call("acct", 0));
        assertEquals(-ENOSYS, h.callNumber(-1));
        assertTrue(h.task.isAlive());
    }

    @Test
    void idsComeFromTheProcess() {
        try (SyscallHarness root = new SyscallHarness("", new Credentials(0, 5, 6, 7))) {
            assertEquals(1, root.call("getpid"));
            assertEquals(0, root.call("getppid"));
            assertEquals(1, root.call("gettid"));
            assertEquals(0, root.call("getuid"));
            assertEquals(5, root.call("geteuid"));
            assertEquals(6, root.call("getgid"));
            assertEquals(7, root.call("getegid"));
        }
    }

    @Test
    void exitGroupEndsTheProcessWithTheLowEightBits() {
        h.call("exit_group", 256 + 7);
        assertFalse(h.task.isAlive(), "task still runs after exit_group");
        assertTrue(h.process.hasExited());
        assertEquals(7, h.process.shellStatus());
    }

    @Test
    void exitOfTheOnlyThreadEndsTheProcess() {
        h.call("exit", 3);
        assertFalse(h.task.isAlive());
        assertEquals(3, h.process.shellStatus());
    }

    @Test
    void unameSaysLinuxOnRiscv64() {
        assertEquals(0, h.call("uname", SCRATCH));
        assertEquals("Linux", h.getString(SCRATCH, 65));
        assertEquals("exo", h.getString(SCRATCH + 65, 65));
        assertTrue(h.getString(SCRATCH + 130, 65).startsWith("6."), "release");
        assertEquals("riscv64", h.getString(SCRATCH + 260, 65));
        assertEquals(-EFAULT, h.call("uname", READ_ONLY));
    }

    @Test
    void clocksTellTheTimeAndRejectUnknownIds() {
        assertEquals(0, h.call("clock_gettime", SysTime.CLOCK_REALTIME, SCRATCH));
        long sec = h.getLong(SCRATCH), nsec = h.getLong(SCRATCH + 8);
        assertTrue(Math.abs(sec - Instant.now().getEpochSecond()) <= 2, "CLOCK_REALTIME is " + sec);
        assertTrue(nsec >= 0 && nsec < 1_000_000_000L, "tv_nsec out of range: " + nsec);
        assertEquals(0, h.call("clock_gettime", SysTime.CLOCK_MONOTONIC, SCRATCH));
        long t1 = h.getLong(SCRATCH) * 1_000_000_000L + h.getLong(SCRATCH + 8);
        assertEquals(0, h.call("clock_gettime", SysTime.CLOCK_MONOTONIC, SCRATCH));
        long t2 = h.getLong(SCRATCH) * 1_000_000_000L + h.getLong(SCRATCH + 8);
        assertTrue(t2 >= t1, "CLOCK_MONOTONIC went backwards");
        for (int clock : new int[] {2, 3, 4, 5, 6, 7, 11}) {
            assertEquals(0, h.call("clock_gettime", clock, SCRATCH), "clock " + clock);
        }
        assertEquals(-EINVAL, h.call("clock_gettime", 10, SCRATCH));
        assertEquals(-EINVAL, h.call("clock_gettime", 99, SCRATCH));
        assertEquals(-EFAULT, h.call("clock_gettime", 0, 0x8));
        assertEquals(0, h.call("clock_getres", SysTime.CLOCK_MONOTONIC, SCRATCH));
        assertEquals(1, h.getLong(SCRATCH + 8), "nanosecond resolution");
        assertEquals(0, h.call("clock_getres", SysTime.CLOCK_MONOTONIC, 0), "NULL res is allowed");
        assertEquals(-EINVAL, h.call("clock_getres", 10, SCRATCH));
        long ownCpuClock = (~0L << 3) | 2 | 4; // pid 0, per-thread, CPUCLOCK_SCHED: the calling thread
        assertEquals(0, h.call("clock_gettime", ownCpuClock, SCRATCH));
        assertEquals(0, h.call("gettimeofday", SCRATCH, SCRATCH + 16));
        assertTrue(h.getLong(SCRATCH + 8) < 1_000_000, "tv_usec out of range");
    }

    @Test
    void getrandomFillsTheBufferAndChecksFlags() {
        assertEquals(64, h.call("getrandom", SCRATCH, 64, 0));
        assertFalse(Arrays.equals(new byte[64], h.get(SCRATCH, 64)), "64 random bytes all zero");
        assertEquals(-EINVAL, h.call("getrandom", SCRATCH, 8, 0x8));
        assertEquals(-EINVAL, h.call("getrandom", SCRATCH, 8, SysRandom.GRND_RANDOM | SysRandom.GRND_INSECURE));
        assertEquals(-EFAULT, h.call("getrandom", 0x8, 8, 0));
        assertEquals(0, h.call("getrandom", SCRATCH, 0, 0));
    }

    @Test
    void threadRegistrationCallsRecordTheirAddresses() {
        assertEquals(1, h.call("set_tid_address", SCRATCH));
        assertEquals(SCRATCH, h.thread.clearChildTid());
        assertEquals(0, h.call("set_robust_list", SCRATCH, 24));
        assertEquals(-EINVAL, h.call("set_robust_list", SCRATCH, 16));
    }

    @Test
    void resourceLimitsReadAndWriteWithLinuxChecks() {
        assertEquals(0, h.call("prlimit64", 0, ResourceLimits.RLIMIT_STACK, 0, SCRATCH));
        assertEquals(8L << 20, h.getLong(SCRATCH));
        assertEquals(ResourceLimits.RLIM_INFINITY, h.getLong(SCRATCH + 8));
        assertEquals(-ESRCH, h.call("prlimit64", 99, 3, 0, SCRATCH));
        assertEquals(-EINVAL, h.call("prlimit64", 0, 16, 0, SCRATCH));
        h.putLongs(SCRATCH, 10, 20);
        assertEquals(0, h.call("setrlimit", ResourceLimits.RLIMIT_CORE, SCRATCH));
        assertEquals(0, h.call("getrlimit", ResourceLimits.RLIMIT_CORE, SCRATCH + 16));
        assertEquals(10, h.getLong(SCRATCH + 16));
        h.putLongs(SCRATCH, 10, 30);
        assertEquals(-EPERM, h.call("setrlimit", ResourceLimits.RLIMIT_CORE, SCRATCH), "raising the hard limit unprivileged");
        h.putLongs(SCRATCH, 30, 20);
        assertEquals(-EINVAL, h.call("setrlimit", ResourceLimits.RLIMIT_CORE, SCRATCH), "soft above hard");
    }

    @Test
    void sigprocmaskKeepsAMaskThatNeverHoldsKillOrStop() {
        h.putLongs(SCRATCH, Signal.bit(Signal.SIGUSR1) | Signal.bit(Signal.SIGKILL) | Signal.bit(Signal.SIGSTOP));
        assertEquals(0, h.call("rt_sigprocmask", SysSignal.SIG_BLOCK, SCRATCH, 0, 8));
        assertEquals(Signal.bit(Signal.SIGUSR1), h.thread.blocked());
        assertEquals(0, h.call("rt_sigprocmask", SysSignal.SIG_UNBLOCK, SCRATCH, SCRATCH + 8, 8));
        assertEquals(Signal.bit(Signal.SIGUSR1), h.getLong(SCRATCH + 8), "old mask");
        assertEquals(0, h.thread.blocked());
        assertEquals(-EINVAL, h.call("rt_sigprocmask", 3, SCRATCH, 0, 8));
        assertEquals(-EINVAL, h.call("rt_sigprocmask", 0, SCRATCH, 0, 16));
    }

    @Test
    void sigactionRecordsDispositionsAndRefusesKill() {
        h.putLongs(SCRATCH, 1 /* SIG_IGN */, 0, 0);
        assertEquals(0, h.call("rt_sigaction", Signal.SIGTERM, SCRATCH, 0, 8));
        assertEquals(0, h.call("rt_sigaction", Signal.SIGTERM, 0, SCRATCH + 100, 8));
        assertEquals(1, h.getLong(SCRATCH + 100), "old handler read back");
        assertEquals(-EINVAL, h.call("rt_sigaction", Signal.SIGKILL, SCRATCH, 0, 8));
        assertEquals(-EINVAL, h.call("rt_sigaction", 65, SCRATCH, 0, 8));
        assertEquals(-EINVAL, h.call("rt_sigaction", Signal.SIGTERM, SCRATCH, 0, 4));
        assertEquals(0, h.call("kill", 1, Signal.SIGTERM));
        assertTrue(h.task.isAlive(), "an ignored SIGTERM killed the process");
    }

    @Test
    void signalToSelfWithTheDefaultActionTerminates() {
        assertEquals(0, h.call("kill", 1, 0), "kill(self, 0) only checks");
        assertTrue(h.task.isAlive());
        h.call("kill", 1, Signal.SIGTERM);
        assertFalse(h.task.isAlive(), "SIGTERM with the default action did not terminate");
        assertEquals(128 + Signal.SIGTERM, h.process.shellStatus());
    }

    @Test
    void blockedSignalWaitsUntilUnblocked() {
        h.putLongs(SCRATCH, Signal.bit(Signal.SIGABRT));
        h.call("rt_sigprocmask", SysSignal.SIG_BLOCK, SCRATCH, 0, 8);
        assertEquals(0, h.call("tgkill", 1, 1, Signal.SIGABRT));
        assertTrue(h.task.isAlive(), "blocked signal acted on");
        h.call("rt_sigprocmask", SysSignal.SIG_UNBLOCK, SCRATCH, 0, 8);
        assertFalse(h.task.isAlive(), "signal not acted on once unblocked");
        assertEquals(134, h.process.shellStatus());
    }

    @Test
    void signalsToOtherProcessesOrThreadsFindNobody() {
        assertEquals(-ESRCH, h.call("kill", 42, Signal.SIGTERM));
        assertEquals(-ESRCH, h.call("tkill", 42, Signal.SIGTERM));
        assertEquals(-ESRCH, h.call("tgkill", 42, 1, Signal.SIGTERM));
        assertEquals(-EINVAL, h.call("tgkill", 0, 1, Signal.SIGTERM));
        assertEquals(-EINVAL, h.call("kill", 1, 65));
        assertTrue(h.task.isAlive());
    }

    @Test
    void ignoredByDefaultSignalsDoNothing() {
        h.call("kill", 1, Signal.SIGCHLD);
        h.call("kill", 1, Signal.SIGWINCH);
        assertTrue(h.task.isAlive());
    }

    @Test
    void getresuidUmaskAndSleepDoTheirWork() {
        assertEquals(0, h.call("getresuid", SCRATCH, SCRATCH + 4, SCRATCH + 8));
        assertEquals(1000, h.getInt(SCRATCH + 8), "saved uid");
        assertEquals(0, h.call("getresgid", SCRATCH, SCRATCH + 4, SCRATCH + 8));
        assertEquals(022, h.call("umask", 077));
        assertEquals(077, h.call("umask", 0));
        assertEquals(0, h.call("sched_yield"));
        h.putLongs(SCRATCH, 0, 3_000_000);
        long t0 = System.nanoTime();
        assertEquals(0, h.call("nanosleep", SCRATCH, 0));
        assertTrue(System.nanoTime() - t0 >= 3_000_000, "nanosleep returned early");
        h.putLongs(SCRATCH, 0, 1_000_000_000L);
        assertEquals(-EINVAL, h.call("nanosleep", SCRATCH, 0), "tv_nsec out of range");
        h.putLongs(SCRATCH, 0, 1000);
        assertEquals(0, h.call("clock_nanosleep", SysTime.CLOCK_MONOTONIC, 0, SCRATCH, 0));
        assertEquals(-EINVAL, h.call("clock_nanosleep", SysTime.CLOCK_THREAD_CPUTIME_ID, 0, SCRATCH, 0));
        assertEquals(-EINVAL, h.call("clock_nanosleep", 10, 0, SCRATCH, 0));
    }
}
