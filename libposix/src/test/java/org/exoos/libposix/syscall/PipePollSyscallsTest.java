package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.PipeEnd;
import org.exoos.libposix.fd.PollBits;
import org.exoos.libposix.fd.Readiness;
import org.exoos.libposix.signal.SigAction;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.signal.SignalFrame;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.microkernel.task.UserContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.exoos.libposix.support.SyscallHarness.*;
import static org.exoos.servers.protocol.Errno.*;
import static org.junit.jupiter.api.Assertions.*;

/** pipe2, eventfd2, ppoll, pselect6, epoll and F_SETFL through the system calls, in one harness process. */
class PipePollSyscallsTest {
    private static final int O_NONBLOCK = 04000, O_CLOEXEC = 02000000, O_DIRECT = 040000;
    private static final int POLLIN = 1, POLLOUT = 4, POLLERR = 8, POLLHUP = 0x10, POLLNVAL = 0x20;
    private static final int EPOLLET = 1 << 31, EPOLLONESHOT = 1 << 30;
    private static final long FDS = SCRATCH, BUF = SCRATCH + 0x100, EVENTS = SCRATCH + 0x1000, AUX = SCRATCH + 0x2000;
    private final SyscallHarness h = new SyscallHarness();

    @AfterEach
    void returnRamToTheHost() { h.close(); }

    /** pipe2 and the two fds it wrote. */
    private int[] pipe(int flags) {
        assertEquals(0, h.call("pipe2", FDS, flags));
        return new int[]{h.getInt(FDS), h.getInt(FDS + 4)};
    }

    private long write(int fd, String s) {
        h.put(BUF, s.getBytes(StandardCharsets.UTF_8));
        return h.call("write", fd, BUF, s.length());
    }

    private String read(int fd, int max) {
        long n = h.call("read", fd, BUF + 0x800, max);
        assertTrue(n >= 0, "read failed: " + n);
        return new String(h.get(BUF + 0x800, (int) n), StandardCharsets.UTF_8);
    }

    /** ppoll on one fd with a zero timeout; the revents. */
    private int pollNow(int fd, int events) {
        h.putLongs(AUX, 0, 0);
        h.put(FDS + 0x80, new byte[]{(byte) fd, (byte) (fd >> 8), (byte) (fd >> 16), (byte) (fd >> 24),
                (byte) events, (byte) (events >> 8), 0, 0});
        long n = h.call("ppoll", FDS + 0x80, 1, AUX, 0, 8);
        assertTrue(n >= 0, "ppoll failed: " + n);
        return h.getInt(FDS + 0x84) >>> 16;
    }

    private void putEvent(long at, int events, long data) {
        h.putLongs(at, events & 0xffff_ffffL, data);
    }

    @Test
    void pipeMovesBytesInOrderAndEndsWithEndOfFile() {
        int[] p = pipe(O_CLOEXEC);
        assertEquals(SysFd.FD_CLOEXEC, h.call("fcntl", p[0], SysFd.F_GETFD));
        assertEquals(0, h.call("fcntl", p[0], SysFd.F_GETFL), "read end is O_RDONLY");
        assertEquals(1, h.call("fcntl", p[1], SysFd.F_GETFL), "write end is O_WRONLY");
        assertEquals(5, write(p[1], "hello"));
        assertEquals(6, write(p[1], " world"));
        assertEquals("hello wo", read(p[0], 8));
        assertEquals(0, h.call("fstat", p[0], AUX));
        assertEquals(FileStat.S_IFIFO, h.getInt(AUX + 16) & FileStat.S_IFMT, "st_mode says FIFO");
        assertEquals(0, h.call("close", p[1]));
        assertEquals(POLLIN | POLLHUP, pollNow(p[0], POLLIN), "data left and no writers");
        assertEquals("rld", read(p[0], 100));
        assertEquals("", read(p[0], 100), "end of file");
        assertEquals(POLLHUP, pollNow(p[0], POLLIN));
        assertEquals(-EBADF, h.call("write", p[0], BUF, 1), "the read end cannot be written");
    }

    @Test
    void pipe2RejectsUnknownFlagsAndNotificationPipes() {
        assertEquals(-EINVAL, h.call("pipe2", FDS, 01000));
        assertEquals(-ENOPKG, h.call("pipe2", FDS, 0200));
        assertEquals(-EFAULT, h.call("pipe2", 0x8, 0));
        assertEquals(-EBADF, h.call("fcntl", 3, SysFd.F_GETFD), "a faulting pipe2 leaves no fds behind");
    }

    @Test
    void fullNonBlockingPipeSaysEagainAndKeepsSmallWritesWhole() {
        int[] p = pipe(O_NONBLOCK);
        assertEquals(-EAGAIN, h.call("read", p[0], BUF, 10));
        assertEquals(61440, h.call("write", p[1], BUF, 61440));
        assertEquals(4000, h.call("write", p[1], BUF, 4000));
        assertEquals(-EAGAIN, h.call("write", p[1], BUF, 200), "200 bytes fit only split: nothing written");
        assertEquals(96, h.call("write", p[1], BUF, 96), "96 bytes merge into the last page");
        assertEquals(-EAGAIN, h.call("write", p[1], BUF, 1));
        assertEquals(0, pollNow(p[1], POLLOUT), "full: not writable");
        assertEquals(65536, ((PipeEnd) h.process.fds().get(p[0])).pipe().available());
    }

    @Test
    void pipeSizeRoundsUpAndRefusesToDropData() {
        int[] p = pipe(O_NONBLOCK);
        assertEquals(65536, h.call("fcntl", p[0], SysFd.F_GETPIPE_SZ));
        assertEquals(131072, h.call("fcntl", p[1], SysFd.F_SETPIPE_SZ, 65537));
        assertEquals(4096, h.call("fcntl", p[1], SysFd.F_SETPIPE_SZ, 0));
        assertEquals(-EPERM, h.call("fcntl", p[1], SysFd.F_SETPIPE_SZ, 2 << 20), "above pipe-max-size unprivileged");
        assertEquals(4096, h.call("write", p[1], BUF, 4096));
        assertEquals(-EAGAIN, write(p[1], "x"), "one page is full");
        assertEquals(8192, h.call("fcntl", p[1], SysFd.F_SETPIPE_SZ, 8192));
        assertEquals(1, write(p[1], "x"));
        assertEquals(-EBUSY, h.call("fcntl", p[1], SysFd.F_SETPIPE_SZ, 4096), "two pages in use");
        assertEquals(-EBADF, h.call("fcntl", 1, SysFd.F_GETPIPE_SZ), "not a pipe");
    }

    @Test
    void packetModeReturnsOneWritePerRead() {
        int[] p = pipe(O_DIRECT | O_NONBLOCK);
        assertEquals(O_NONBLOCK, h.call("fcntl", p[0], SysFd.F_GETFL), "O_DIRECT only on the write end");
        assertEquals(1 | O_NONBLOCK | O_DIRECT, h.call("fcntl", p[1], SysFd.F_GETFL));
        write(p[1], "abc");
        write(p[1], "defg");
        assertEquals("abc", read(p[0], 100));
        assertEquals("de", read(p[0], 2));
        assertEquals(-EAGAIN, h.call("read", p[0], BUF, 10), "the packet's rest was dropped");
    }

    @Test
    void writeWithoutReadersIsEpipeAndKillsWithSigpipe() {
        int[] p = pipe(0);
        assertEquals(0, h.call("close", p[0]));
        assertEquals(POLLOUT | POLLERR, pollNow(p[1], POLLOUT));
        h.putLongs(AUX, SigAction.SIG_IGN, 0, 0);
        assertEquals(0, h.call("rt_sigaction", Signal.SIGPIPE, AUX, 0, 8));
        assertEquals(-EPIPE, write(p[1], "x"));
        assertFalse(h.process.hasExited(), "an ignored SIGPIPE does nothing");
        h.putLongs(AUX, SigAction.SIG_DFL, 0, 0);
        assertEquals(0, h.call("rt_sigaction", Signal.SIGPIPE, AUX, 0, 8));
        write(p[1], "x");
        assertEquals(Signal.SIGPIPE, h.process.termSignal(), "the default action of SIGPIPE ends the process");
    }

    @Test
    void setflChangesNonBlockAndAppendButNotTheAccessMode() {
        int[] p = pipe(0);
        assertEquals(0, h.call("fcntl", p[0], SysFd.F_SETFL, O_NONBLOCK | 2 | 0100));
        assertEquals(O_NONBLOCK, h.call("fcntl", p[0], SysFd.F_GETFL), "O_RDWR and O_CREAT are ignored");
        assertEquals(-EAGAIN, h.call("read", p[0], BUF, 1), "now non-blocking");
        assertEquals(0, h.call("fcntl", p[0], SysFd.F_SETFL, 02000));
        assertEquals(02000, h.call("fcntl", p[0], SysFd.F_GETFL));
    }

    @Test
    void blockingReadSleepsUntilAnotherThreadWrites() throws Exception {
        int[] p = pipe(0);
        OpenFile writeEnd = h.process.fds().get(p[1]);
        Thread writer = Thread.ofPlatform().start(() -> {
            sleep(50);
            writeEnd.write(new MemorySegment[]{MemorySegment.ofArray("late".getBytes(StandardCharsets.UTF_8))});
        });
        assertEquals("late", read(p[0], 100));
        writer.join(TimeUnit.SECONDS.toMillis(5));
    }

    @Test
    void ppollReportsNvalIgnoresNegativeFdsAndTimesOut() {
        int[] p = pipe(0);
        h.put(FDS + 0x80, new byte[]{
                (byte) p[0], 0, 0, 0, POLLIN, 0, 0, 0,
                (byte) p[1], 0, 0, 0, POLLOUT, 0, 0, 0,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, POLLIN, 0, 0x7f, 0,
                40, 0, 0, 0, POLLIN, 0, 0, 0});
        h.putLongs(AUX, 0, 30_000_000);
        long start = System.nanoTime();
        assertEquals(2, h.call("ppoll", FDS + 0x80, 4, AUX, 0, 8), "write end and the closed fd");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        assertEquals(0, h.getInt(FDS + 0x84) >>> 16);
        assertEquals(POLLOUT, h.getInt(FDS + 0x8c) >>> 16);
        assertEquals(0, h.getInt(FDS + 0x94) >>> 16, "a negative fd is ignored, revents cleared");
        assertEquals(POLLNVAL, h.getInt(FDS + 0x9c) >>> 16);
        start = System.nanoTime();
        assertEquals(0, h.call("ppoll", FDS + 0x80, 1, AUX, 0, 8), "empty pipe: timeout");
        assertTrue(System.nanoTime() - start >= 25_000_000L, "ppoll returned before its timeout");
        assertEquals(0, h.getLong(AUX) + h.getLong(AUX + 8), "the time left is written back: none");
        h.putLongs(AUX, 0, 1_000_000_000L);
        assertEquals(-EINVAL, h.call("ppoll", FDS + 0x80, 1, AUX, 0, 8), "tv_nsec out of range");
        assertEquals(-EINVAL, h.call("ppoll", FDS + 0x80, 1025, 0, 0, 8), "nfds above RLIMIT_NOFILE");
        h.putLongs(AUX, 0, 0);
        assertEquals(-EINVAL, h.call("ppoll", FDS + 0x80, 1, AUX, AUX + 0x10, 4), "sigsetsize must be 8");
    }

    @Test
    void ppollWakesAtOnceWhenAnotherThreadWrites() throws Exception {
        int[] p = pipe(0);
        OpenFile writeEnd = h.process.fds().get(p[1]);
        h.put(FDS + 0x80, new byte[]{(byte) p[0], 0, 0, 0, POLLIN, 0, 0, 0});
        Thread writer = Thread.ofPlatform().start(() -> {
            sleep(50);
            writeEnd.write(new MemorySegment[]{MemorySegment.ofArray(new byte[]{1})});
        });
        assertEquals(1, h.call("ppoll", FDS + 0x80, 1, 0, 0, 8), "no timeout: waits for the write");
        assertEquals(POLLIN, h.getInt(FDS + 0x84) >>> 16);
        writer.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** A file behind a server: it never signals, so a waiter must look again on its own. */
    private static final class ServerBackedFile implements OpenFile {
        final Readiness readiness = Readiness.polled();
        volatile int ready;

        public long read(MemorySegment[] buffers) { return 0; }
        public long write(MemorySegment[] buffers) { return 0; }
        public long stat(FileStat out) { return 0; }
        public long statusFlags() { return 2; }
        @Override public int pollReady() { return ready; }
        @Override public Readiness readiness() { return readiness; }
    }

    @Test
    void filesThatCannotSignalAreRecheckedByPollAndEpoll() throws Exception {
        ServerBackedFile f = new ServerBackedFile();
        int fd = h.process.fds().install(f, 0, 1024, false);
        h.put(FDS + 0x80, new byte[]{(byte) fd, 0, 0, 0, POLLIN, 0, 0, 0});
        Thread server = Thread.ofPlatform().start(() -> {
            sleep(40);
            f.ready = PollBits.READABLE;
        });
        assertEquals(1, h.call("ppoll", FDS + 0x80, 1, 0, 0, 8));
        server.join();
        f.ready = 0;
        int ep = (int) h.call("epoll_create1", 0);
        putEvent(AUX, POLLIN, 77);
        assertEquals(0, h.call("epoll_ctl", ep, 1, fd, AUX));
        server = Thread.ofPlatform().start(() -> {
            sleep(40);
            f.ready = PollBits.READABLE;
        });
        assertEquals(1, h.call("epoll_pwait", ep, EVENTS, 4, 5000, 0, 8));
        assertEquals(77, h.getLong(EVENTS + 8));
        server.join();
    }

    @Test
    void pselect6RewritesTheSetsAndRejectsClosedFds() {
        int[] p = pipe(0);
        write(p[1], "x");
        h.putLongs(AUX, (1L << p[0]) | (1L << p[1])); // readfds
        h.putLongs(AUX + 8, (1L << p[0]) | (1L << p[1])); // writefds
        h.putLongs(AUX + 0x20, 0, 0);
        assertEquals(2, h.call("pselect6", p[1] + 1, AUX, AUX + 8, 0, AUX + 0x20, 0));
        assertEquals(1L << p[0], h.getLong(AUX), "readable: the read end");
        assertEquals(1L << p[1], h.getLong(AUX + 8), "writable: the write end");
        h.putLongs(AUX, 1L << 40);
        assertEquals(-EBADF, h.call("pselect6", 41, AUX, 0, 0, AUX + 0x20, 0));
        assertEquals(-EINVAL, h.call("pselect6", -1, 0, 0, 0, AUX + 0x20, 0));
        h.putLongs(AUX, 1L << p[0]);
        h.call("read", p[0], BUF, 10);
        h.putLongs(AUX + 0x20, 5, 0);
        write(p[1], "y");
        assertEquals(1, h.call("pselect6", p[0] + 1, AUX, 0, 0, AUX + 0x20, 0));
        assertTrue(h.getLong(AUX + 0x20) >= 4, "the time left is written back");
    }

    @Test
    void aTemporaryMaskLetsAPendingSignalEndTheWaitAndTheFrameKeepsTheOldMask() {
        long handler = 0x12340;
        h.process.setSigreturnTrampoline(0x5550_0000L);
        h.putLongs(AUX, handler, 0, 0);
        assertEquals(0, h.call("rt_sigaction", Signal.SIGUSR1, AUX, 0, 8));
        long usr1 = Signal.bit(Signal.SIGUSR1);
        h.thread.setBlocked(usr1);
        assertEquals(0, h.call("kill", 1, Signal.SIGUSR1));
        int[] p = pipe(0);
        h.put(FDS + 0x80, new byte[]{(byte) p[0], 0, 0, 0, POLLIN, 0, 0, 0});
        h.putLongs(AUX, 5, 0); // timeout
        h.putLongs(AUX + 0x10, 0); // the temporary mask: nothing blocked
        UserContext ctx = h.task.context();
        java.util.Arrays.fill(ctx.x, 0);
        ctx.x[UserContext.SP] = SCRATCH + SCRATCH_SIZE;
        ctx.x[UserContext.A7] = SyscallNames.number("ppoll");
        long[] args = {FDS + 0x80, 1, AUX, AUX + 0x10, 8};
        System.arraycopy(args, 0, ctx.x, UserContext.A0, args.length);
        h.linux.syscall(h.task);
        assertEquals(handler, ctx.pc, "the handler runs");
        long frame = ctx.x[UserContext.SP];
        assertEquals(-EINTR, h.getLong(frame + SignalFrame.SC_REGS + 10 * 8), "ppoll's result in the frame");
        assertEquals(usr1, h.getLong(frame + SignalFrame.UC_SIGMASK), "the frame restores the caller's mask");
        assertEquals(usr1, h.thread.blocked(), "inside the handler: the temporary mask plus the signal");

        h.thread.setBlocked(usr1);
        h.putLongs(AUX, 0, 1_000_000);
        h.putLongs(AUX + 0x10, Signal.bit(Signal.SIGUSR2));
        assertEquals(0, h.call("ppoll", FDS + 0x80, 1, AUX, AUX + 0x10, 8));
        assertEquals(usr1, h.thread.blocked(), "the mask comes back after a normal return");
    }

    @Test
    void eventfdCountsAddsAndRefusesOverflow() {
        int e = (int) h.call("eventfd2", 5, O_NONBLOCK);
        h.putLongs(BUF, 3);
        assertEquals(8, h.call("write", e, BUF, 8));
        assertEquals(8, h.call("read", e, AUX, 16));
        assertEquals(8, h.getLong(AUX));
        assertEquals(-EAGAIN, h.call("read", e, AUX, 8));
        assertEquals(-EINVAL, h.call("read", e, AUX, 7));
        h.putLongs(BUF, -1L);
        assertEquals(-EINVAL, h.call("write", e, BUF, 8), "2^64-1 cannot be added");
        h.putLongs(BUF, -2L);
        assertEquals(8, h.call("write", e, BUF, 8));
        h.putLongs(BUF, 1);
        assertEquals(-EAGAIN, h.call("write", e, BUF, 8), "past 0xfffffffffffffffe");
        assertEquals(POLLIN, pollNow(e, POLLIN | POLLOUT));
        assertEquals(-EINVAL, h.call("eventfd2", 0, 4));

        int s = (int) h.call("eventfd2", 2, 1 | O_NONBLOCK | O_CLOEXEC);
        assertEquals(SysFd.FD_CLOEXEC, h.call("fcntl", s, SysFd.F_GETFD));
        assertEquals(8, h.call("read", s, AUX, 8));
        assertEquals(1, h.getLong(AUX), "semaphore: one at a time");
        assertEquals(8, h.call("read", s, AUX, 8));
        assertEquals(-EAGAIN, h.call("read", s, AUX, 8));
    }

    @Test
    void epollLevelEdgeAndOneShot() {
        int[] p = pipe(O_NONBLOCK);
        int ep = (int) h.call("epoll_create1", O_CLOEXEC);
        assertEquals(SysFd.FD_CLOEXEC, h.call("fcntl", ep, SysFd.F_GETFD));
        putEvent(AUX, POLLIN, 0x1122334455667788L);
        assertEquals(0, h.call("epoll_ctl", ep, 1, p[0], AUX));
        assertEquals(-EEXIST, h.call("epoll_ctl", ep, 1, p[0], AUX));
        assertEquals(-ENOENT, h.call("epoll_ctl", ep, 3, p[1], AUX));
        assertEquals(-ENOENT, h.call("epoll_ctl", ep, 2, p[1], 0));
        assertEquals(-EINVAL, h.call("epoll_ctl", ep, 1, ep, AUX), "itself");
        assertEquals(-EINVAL, h.call("epoll_ctl", p[0], 1, p[1], AUX), "not an epoll fd");
        assertEquals(-EPERM, h.call("epoll_ctl", ep, 1, 1, AUX), "a file without poll (the test's stdout stream)");
        assertEquals(-EBADF, h.call("epoll_ctl", ep, 1, 50, AUX));
        assertEquals(-EFAULT, h.call("epoll_ctl", ep, 1, p[0], 0x8));
        assertEquals(-EINVAL, h.call("epoll_pwait", ep, EVENTS, 0, 0, 0, 8));
        assertEquals(-EINVAL, h.call("epoll_pwait", ep, EVENTS, 1, 0, AUX + 0x40, 4), "sigsetsize");

        assertEquals(0, h.call("epoll_pwait", ep, EVENTS, 8, 0, 0, 8), "level: empty");
        write(p[1], "ab");
        assertEquals(1, h.call("epoll_pwait", ep, EVENTS, 8, 0, 0, 8));
        assertEquals(POLLIN, h.getInt(EVENTS), "events at offset 0");
        assertEquals(0x1122334455667788L, h.getLong(EVENTS + 8), "data at offset 8 (not packed)");
        assertEquals(1, h.call("epoll_pwait", ep, EVENTS, 8, 0, 0, 8), "level: again while readable");

        putEvent(AUX, POLLIN | EPOLLET, 1);
        assertEquals(0, h.call("epoll_ctl", ep, 3, p[0], AUX));
        assertEquals(1, h.call("epoll_pwait", ep, EVENTS, 8, 0, 0, 8), "edge: MOD rechecks");
        assertEquals(0, h.call("epoll_pwait", ep, EVENTS, 8, 0, 0, 8), "edge: once");
        write(p[1], "c");
        assertEquals(1, h.call("epoll_pwait", ep, EVENTS, 8, 0, 0, 8), "edge: a new write");

        putEvent(AUX, POLLIN | EPOLLONESHOT, 2);
        assertEquals(0, h.call("epoll_ctl", ep, 3, p[0], AUX));
        assertEquals(1, h.call("epoll_pwait", ep, EVENTS, 8, 0, 0, 8));
        write(p[1], "d");
        assertEquals(0, h.call("epoll_pwait", ep, EVENTS, 8, 0, 0, 8), "one-shot: disabled");

        h.putLongs(AUX + 0x20, 0, 20_000_000);
        long start = System.nanoTime();
        assertEquals(0, h.call("epoll_pwait2", ep, EVENTS, 8, AUX + 0x20, 0, 8), "epoll_pwait2 times out");
        assertTrue(System.nanoTime() - start >= 15_000_000L, "epoll_pwait2 returned before its timeout");
        h.putLongs(AUX + 0x20, -1, 0);
        assertEquals(-EINVAL, h.call("epoll_pwait2", ep, EVENTS, 8, AUX + 0x20, 0, 8));
    }

    @Test
    void closingTheLastFdOfAWatchedFileDropsIt() {
        int[] p = pipe(O_NONBLOCK);
        int ep = (int) h.call("epoll_create1", 0);
        putEvent(AUX, POLLIN, 5);
        assertEquals(0, h.call("epoll_ctl", ep, 1, p[0], AUX));
        write(p[1], "x");
        int dup = (int) h.call("dup", p[0]);
        assertEquals(0, h.call("close", p[0]));
        assertEquals(1, h.call("epoll_pwait", ep, EVENTS, 8, 0, 0, 8), "a dup keeps the entry");
        assertEquals(0, h.call("close", dup));
        assertEquals(0, h.call("epoll_pwait", ep, EVENTS, 8, 0, 0, 8), "the last close drops it");
        int[] q = pipe(O_NONBLOCK);
        assertEquals(p[0], q[0], "the fd number is reused");
        assertEquals(0, h.call("epoll_ctl", ep, 1, q[0], AUX), "a new file under the old number is a new entry");
    }

    @Test
    void epollInstancesNestWithoutLoops() {
        int a = (int) h.call("epoll_create1", 0), b = (int) h.call("epoll_create1", 0);
        int[] p = pipe(0);
        putEvent(AUX, POLLIN, 1);
        assertEquals(0, h.call("epoll_ctl", a, 1, p[0], AUX));
        assertEquals(0, h.call("epoll_ctl", b, 1, a, AUX));
        assertEquals(-ELOOP, h.call("epoll_ctl", a, 1, b, AUX));
        assertEquals(0, h.call("epoll_pwait", b, EVENTS, 8, 0, 0, 8));
        write(p[1], "x");
        assertEquals(1, h.call("epoll_pwait", b, EVENTS, 8, 0, 0, 8), "the inner instance is readable");
        assertEquals(POLLIN, pollNow(a, POLLIN));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
