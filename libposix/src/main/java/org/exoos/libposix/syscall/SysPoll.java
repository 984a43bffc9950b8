package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.FdTable;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.PollBits;
import org.exoos.libposix.fd.Readiness;
import org.exoos.libposix.fd.EpollFile;
import org.exoos.libposix.fd.Waiter;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.process.ResourceLimits;
import org.exoos.libposix.signal.Signal;
import org.exoos.servers.protocol.Errno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * ppoll(2) and pselect6(2) (riscv64 has neither poll nor select: libcs build them on these), and the
 * sleeping both share with epoll_pwait: the caller's {@link Waiter} listens to every file's
 * {@link Readiness} and is woken by in-kernel files at once; files behind a server are rechecked with a
 * short back-off. The wait ends when something is ready, at the timeout, or with EINTR when a signal the
 * (temporary) mask does not block is pending. The optional sigmask replaces the thread's for the call; it
 * stays in force while an interrupting signal's handler starts, and is put back otherwise.
 * <pre>
 * struct pollfd   { i32 fd; i16 events; i16 revents; }          8 bytes
 * struct timespec { i64 tv_sec; i64 tv_nsec; }                  16 bytes
 * pselect6's 6th argument: { const sigset_t *ss; size_t ss_len; }  16 bytes
 * fd_set: n bits in 64-bit words, bit (fd mod 64) of word fd / 64
 * </pre>
 */
final class SysPoll {
    private SysPoll() {}

    static final int POLLFD_SIZE = 8, TIMESPEC_SIZE = 16;
    static final long NANOS = 1_000_000_000L;
    /** Linux's NR_OPEN_DEFAULT: the smallest fd table, which select clips n to (it grows by doubling). */
    static final int NR_OPEN_DEFAULT = 64;

    static void register(SyscallTable t) {
        t.add("ppoll", SysPoll::ppoll);
        t.add("pselect6", SysPoll::pselect6);
    }

    // ---- timeouts and masks ----

    /** A deadline on the {@link System#nanoTime()} scale; {@link Waiter#FOREVER} for none, {@link #NOW} for zero. */
    static final long NOW = Long.MIN_VALUE;

    /** The deadline of a user timespec (null: forever); EFAULT, or EINVAL for a negative or denormal one. */
    static long deadline(SyscallContext c, long timespec) {
        if (timespec == 0) return Waiter.FOREVER;
        ByteBuffer b = ByteBuffer.wrap(c.copyIn(timespec, TIMESPEC_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        long sec = b.getLong(), nsec = b.getLong();
        if (sec < 0 || nsec < 0 || nsec >= NANOS) throw new ErrnoException(Errno.EINVAL);
        return deadline(sec, nsec);
    }

    static long deadline(long sec, long nsec) {
        if (sec == 0 && nsec == 0) return NOW;
        if (sec >= Long.MAX_VALUE / NANOS / 2) return Waiter.FOREVER; // centuries: the same as never
        return System.nanoTime() + sec * NANOS + nsec;
    }

    /** poll_select_finish: the time left goes back into the user's timespec (never for a zero timeout). */
    static void writeRemaining(SyscallContext c, long timespec, long deadline) {
        if (timespec == 0 || deadline == NOW || deadline == Waiter.FOREVER) return;
        long left = Math.max(0, deadline - System.nanoTime());
        try {
            c.writeLongs(timespec, left / NANOS, left % NANOS);
        } catch (ErrnoException ignored) {
            // Linux ignores a fault here: the call's result stands.
        }
    }

    /** set_user_sigmask: applies the mask at {@code set} (if any) until the call returns; EINVAL for a bad size. */
    static void applySigmask(SyscallContext c, long set, long size) {
        if (set == 0) return;
        if (size != Signal.SIGSET_SIZE) throw new ErrnoException(Errno.EINVAL);
        long mask = c.readLong(set) & ~Signal.UNBLOCKABLE;
        c.thread().setTemporaryBlocked(mask);
    }

    /** Ends a call that may have applied a sigmask: it stays for an interrupting signal's handler, else goes. */
    static long finishSigmask(SyscallContext c, long result) {
        if (result != -Errno.EINTR) c.thread().restoreBlocked();
        return result;
    }

    // ---- sleeping ----

    /** One look at the files: how many are ready (0: none yet), or -errno. */
    @FunctionalInterface
    interface Scan {
        long scan();
    }

    /** True when a waiter must recheck the file on its own: it cannot signal, or it is an epoll watching such a file. */
    static boolean needsRecheck(OpenFile f, Readiness r) {
        return r != null && (!r.notifies() || (f instanceof EpollFile e && e.needsRecheck()));
    }

    /**
     * Scans until something is ready, the deadline, or a signal (EINTR): do_poll's loop. With
     * {@code signalFirst} a pending signal beats a zero timeout (poll, select); without it (epoll) it does not.
     */
    static long sleepUntilReady(PosixThread thread, List<Readiness> sources, boolean recheck, long deadline,
                                boolean signalFirst, Scan scan) {
        Waiter w = thread.waiter();
        long n = scan.scan();
        if (n != 0) return n;
        if (deadline == NOW) return signalFirst && w.interrupted() ? -Errno.EINTR : 0;
        w.begin();
        for (Readiness r : sources) r.add(w);
        try {
            for (;;) {
                n = scan.scan();
                if (n != 0) return n;
                if (w.interrupted()) return -Errno.EINTR;
                if (Waiter.expired(deadline)) return 0;
                w.park(deadline, recheck);
            }
        } finally {
            for (Readiness r : sources) r.remove(w);
        }
    }

    // ---- ppoll ----

    static long ppoll(SyscallContext c) {
        long fds = c.arg(0), nfds = c.argUint(1), tsp = c.arg(2);
        long deadline = deadline(c, tsp);
        applySigmask(c, c.arg(3), c.arg(4));
        long r;
        try {
            r = poll(c, fds, nfds, deadline);
        } catch (ErrnoException e) {
            r = -e.errno();
        }
        writeRemaining(c, tsp, deadline);
        return finishSigmask(c, r);
    }

    private static long poll(SyscallContext c, long fds, long nfds, long deadline) {
        long limit = c.process().limits().soft(ResourceLimits.RLIMIT_NOFILE);
        if (Long.compareUnsigned(nfds, limit) > 0 || nfds > ResourceLimits.NR_OPEN) return -Errno.EINVAL;
        int n = (int) nfds;
        ByteBuffer table = ByteBuffer.wrap(c.copyIn(fds, n * POLLFD_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        FdTable fdTable = c.process().fds();
        OpenFile[] files = new OpenFile[n];
        List<Readiness> sources = new ArrayList<>();
        boolean recheck = false;
        for (int i = 0; i < n; i++) {
            int fd = table.getInt(i * POLLFD_SIZE);
            files[i] = fd < 0 ? null : fdTable.get(fd);
            if (files[i] == null) continue;
            Readiness r = files[i].readiness();
            if (r != null && !sources.contains(r)) sources.add(r);
            recheck |= needsRecheck(files[i], r);
        }
        long result = sleepUntilReady(c.thread(), sources, recheck, deadline, true, () -> {
            int ready = 0;
            for (int i = 0; i < n; i++) {
                int at = i * POLLFD_SIZE;
                int fd = table.getInt(at);
                int revents = 0;
                if (fd >= 0) {
                    if (files[i] == null) {
                        revents = PollBits.POLLNVAL;
                    } else {
                        int events = Short.toUnsignedInt(table.getShort(at + 4)) | PollBits.ALWAYS;
                        revents = files[i].pollReady() & events;
                    }
                }
                table.putShort(at + 6, (short) revents);
                if (revents != 0) ready++;
            }
            return ready;
        });
        if (result < 0) return result;
        c.copyOut(fds, table.array()); // every revents, as do_sys_poll writes them
        return result;
    }

    // ---- pselect6 ----

    static long pselect6(SyscallContext c) {
        int n = c.argInt(0);
        long in = c.arg(1), out = c.arg(2), ex = c.arg(3), tsp = c.arg(4), sig = c.arg(5);
        long deadline = deadline(c, tsp);
        if (sig != 0) {
            ByteBuffer pack = ByteBuffer.wrap(c.copyIn(sig, 16)).order(ByteOrder.LITTLE_ENDIAN);
            applySigmask(c, pack.getLong(), pack.getLong());
        }
        long r;
        try {
            r = select(c, n, in, out, ex, deadline);
        } catch (ErrnoException e) {
            r = -e.errno();
        }
        writeRemaining(c, tsp, deadline);
        return finishSigmask(c, r);
    }

    private static long select(SyscallContext c, int n, long inAddr, long outAddr, long exAddr, long deadline) {
        if (n < 0) return -Errno.EINVAL;
        FdTable fdTable = c.process().fds();
        n = Math.min(n, maxFds(c, fdTable, n));
        int words = (n + 63) / 64;
        long[] in = readSet(c, inAddr, words), out = readSet(c, outAddr, words), ex = readSet(c, exAddr, words);
        OpenFile[] files = new OpenFile[n];
        List<Readiness> sources = new ArrayList<>();
        boolean recheck = false;
        for (int fd = 0; fd < n; fd++) {
            long bit = 1L << (fd & 63);
            int w = fd >>> 6;
            if (((in[w] | out[w] | ex[w]) & bit) == 0) continue;
            files[fd] = fdTable.get(fd);
            if (files[fd] == null) return -Errno.EBADF;
            Readiness r = files[fd].readiness();
            if (r != null && !sources.contains(r)) sources.add(r);
            recheck |= needsRecheck(files[fd], r);
        }
        long[] rin = new long[words], rout = new long[words], rex = new long[words];
        final int nfds = n;
        long result = sleepUntilReady(c.thread(), sources, recheck, deadline, true, () -> {
            int ready = 0;
            java.util.Arrays.fill(rin, 0);
            java.util.Arrays.fill(rout, 0);
            java.util.Arrays.fill(rex, 0);
            for (int fd = 0; fd < nfds; fd++) {
                if (files[fd] == null) continue;
                long bit = 1L << (fd & 63);
                int w = fd >>> 6;
                int mask = files[fd].pollReady();
                if ((in[w] & bit) != 0 && (mask & PollBits.SELECT_IN) != 0) { rin[w] |= bit; ready++; }
                if ((out[w] & bit) != 0 && (mask & PollBits.SELECT_OUT) != 0) { rout[w] |= bit; ready++; }
                if ((ex[w] & bit) != 0 && (mask & PollBits.SELECT_EX) != 0) { rex[w] |= bit; ready++; }
            }
            return ready;
        });
        if (result < 0) return result;
        writeSet(c, inAddr, rin);
        writeSet(c, outAddr, rout);
        writeSet(c, exAddr, rex);
        return result;
    }

    /** The fd table's size as Linux would have it: 64 slots, doubled until the highest open fd fits. */
    private static int maxFds(SyscallContext c, FdTable fds, int n) {
        long limit = Math.min(Math.max(n, NR_OPEN_DEFAULT), ResourceLimits.NR_OPEN);
        int highest = -1;
        for (int fd = 0; fd < limit; fd++) if (fds.get(fd) != null) highest = fd;
        int size = NR_OPEN_DEFAULT;
        while (size <= highest) size *= 2;
        return size;
    }

    private static long[] readSet(SyscallContext c, long addr, int words) {
        long[] set = new long[words];
        if (addr == 0 || words == 0) return set;
        ByteBuffer b = ByteBuffer.wrap(c.copyIn(addr, words * 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < words; i++) set[i] = b.getLong();
        return set;
    }

    private static void writeSet(SyscallContext c, long addr, long[] set) {
        if (addr == 0 || set.length == 0) return;
        c.writeLongs(addr, set);
    }
}
