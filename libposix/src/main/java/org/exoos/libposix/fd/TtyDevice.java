package org.exoos.libposix.fd;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.process.ProcessTree;
import org.exoos.libposix.signal.SignalSender;
import org.exoos.libposix.signal.SigAction;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.Signal;
import org.exoos.servers.framework.ReplyHandler;
import org.exoos.servers.framework.ReplyView;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.tty.Termios;
import org.exoos.servers.tty.TtyIoctl;
import org.exoos.servers.tty.service.TtyClient;
import org.exoos.servers.tty.service.TtyCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The kernel's side of one terminal of the tty server: the {@link TtyClient} its {@link TtyFile}s share,
 * the session it is the controlling terminal of, and the signals its line discipline raises on their way to
 * the foreground process group (Linux keeps the same in struct tty_struct: session and pgrp).
 *
 * <h2>One caller at a time</h2>
 * A {@link ServerClient} serves one caller at a time, so every use of the client holds {@link #lock}, a
 * blocked read included (the process has one thread today).
 *
 * <h2>Signals</h2>
 * The tty server queues the signals it computes (ISIG characters: SIGINT, SIGQUIT, SIGTSTP; SIGWINCH) for
 * the SIGNALS operation. The kernel keeps one SIGNALS request with FLAG_WAIT outstanding; nobody awaits its
 * reply, so it reaches {@link #onReply}, the client's asynchronous handler, on whichever thread drains the
 * reply ring next. Two drains cover every case without burning a core:
 * <ul>
 * <li>a program blocked in a tty read is parked on the reply ring's doorbell inside the client's await, so
 *     the reply wakes it at once and ^C during a read is seen at once;</li>
 * <li>a program not talking to the tty (computing, sleeping) drains nothing, so the "tty-signals" kernel
 *     thread drains when the client is free, every {@link #POLL_INTERVAL_NANOS}: too short for a person to
 *     notice after a keypress, and twenty uncontended lock tries a second cost nothing.</li>
 * </ul>
 * The signals wait in an inbox. With the machine's process table ({@link #useProcessTree}, at boot) the
 * kernel thread sends them to their process groups as soon as it sees them, as a kill(2) from another
 * process would, so a shell in wait4 or a program in nanosleep gets ^C at once; without it (a test's lone
 * process) the process's own thread takes them ({@link #deliverSignals}: at each system call's return, in
 * each tty read, after each tty poll). The kernel thread also cancels a blocked READ so that the reader
 * returns to take them. A read cancelled for signals
 * the process ignores or blocks is sent again, as a Linux read is not interrupted by them.
 */
public final class TtyDevice implements ReplyHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TtyDevice.class);
    /** How often the kernel thread looks for signals when no caller is draining the client. */
    public static final long POLL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Requests that must not wait for the user (ioctl, poll) give up after this (then -ETIMEDOUT). */
    static final long CALL_TIMEOUT_NANOS = ServerClient.DEFAULT_TIMEOUT_NANOS;
    /** Reads and writes wait for the user (input, ^Q) as long as it takes. */
    static final long NO_TIMEOUT = -1;
    private static final long NO_REQUEST = 0;

    private final ReentrantLock lock = new ReentrantLock();
    private final long rdev;
    /** Pending (signal, process group) pairs from SIGNALS replies; guarded by itself. */
    private final int[] inbox = new int[2 * TtyCodec.SIGNAL_QUEUE_PAIRS];
    private int inboxPairs;
    private volatile boolean signalsWaiting;
    /** The READ a caller is blocked in, for the kernel thread to cancel; NO_REQUEST if none. */
    private volatile long blockedRead = NO_REQUEST;
    /** Whether a SIGNALS FLAG_WAIT request is outstanding; set under the lock, cleared by its reply. */
    private volatile boolean signalWaitSent;
    /** Its request id, to cancel it at the end. */
    private long signalWaitId;
    /** Guest RAM windows and a bounce buffer for scattered reads; under the lock. */
    private final UnsafeBuffer window = new UnsafeBuffer(0, 0);
    private UnsafeBuffer bounce;

    private volatile TtyClient tty;
    /** The machine's one process (fork comes later): the only process a tty signal can be for. */
    private volatile PosixProcess process;
    /** Where a group's processes are found (kill_pgrp), or null. */
    private volatile ProcessTree processTree;
    /** The foreground process group as set through the kernel, or 0. */
    private volatile int foreground;
    /** The session this is the controlling terminal of (its leader's pid), or 0. */
    private volatile int session;
    private volatile boolean closed;
    private Thread watcher;
    private final FirstInputWait firstInputWait = new FirstInputWait();

    /** A terminal whose files fstat as {@code rdev} when no device node stands behind them. */
    public TtyDevice(long rdev) {
        this.rdev = rdev;
    }

    /** The device number a file of this terminal reports when it was not opened through a node. */
    public long rdev() { return rdev; }

    /**
     * Starts using the tty server's client (the server was started with this device as the client's
     * asynchronous reply handler) and the kernel thread that collects its signals.
     */
    public void bind(TtyClient client) {
        if (tty != null) throw new IllegalStateException("terminal already bound");
        tty = client;
        lock.lock();
        release(); // puts the first SIGNALS wait out
        watcher = Thread.ofPlatform().daemon().name("tty-signals").start(this::watch);
    }

    // ---- sessions and process groups ----

    /** The process group of {@code p}. */
    public static int processGroupOf(PosixProcess p) { return p.pgid(); }

    /** The session of {@code p}. */
    public static int sessionOf(PosixProcess p) { return p.sid(); }

    /** Where signals for a process group find its processes (boot; without it only the caller's group is served). */
    public void useProcessTree(ProcessTree tree) { processTree = tree; }

    /** The foreground process group as last set through the kernel (TIOCSPGRP, becoming controlling), or 0. */
    public int foreground() { return foreground; }

    /** Notes the foreground group the server was just given (TIOCSPGRP). */
    public void noteForeground(int group) { foreground = group; }

    /**
     * Makes this the controlling terminal of {@code leader}'s session with its process group in the
     * foreground, as a session leader opening a terminal does (__proc_set_tty).
     *
     * @return 0 or -errno from the server
     */
    public long makeControlling(PosixProcess leader) {
        process = leader;
        session = sessionOf(leader);
        long r = ioctl(TtyIoctl.TIOCSPGRP, processGroupOf(leader));
        if (r >= 0) foreground = processGroupOf(leader);
        return r;
    }

    /** Whether this is {@code p}'s controlling terminal. */
    public boolean controls(PosixProcess p) {
        int s = session;
        return s != 0 && s == sessionOf(p);
    }

    /** The session this terminal controls, or 0. */
    public int session() { return session; }

    /**
     * Runs {@code hook} once, on the thread of the first read or poll for input (on a booted console: as the
     * shell shows its first prompt), with the bytes written since the last newline; the hook may
     * {@link #writeBytes write} to the terminal.
     */
    public void onFirstInputWait(Consumer<byte[]> hook) { firstInputWait.arm(hook); }

    /** Writes {@code bytes} to the terminal from the kernel (through the line discipline): bytes taken or -errno. */
    public long writeBytes(byte[] bytes) {
        UnsafeBuffer src = new UnsafeBuffer(bytes);
        lock.lock();
        try {
            long total = 0;
            while (total < bytes.length) {
                int n = Math.min(bytes.length - (int) total, tty.serverClient().maxDataLength());
                long r = tty.write(src, (int) total, n, false, NO_TIMEOUT);
                if (r < 0) return total > 0 ? total : r;
                total += r;
            }
            return total;
        } finally {
            release();
        }
    }

    /** Gives up being a controlling terminal (TIOCNOTTY by the leader; the caller sent SIGHUP/SIGCONT). */
    public void clearSession() {
        session = 0;
        foreground = 0;
    }

    // ---- the calls (the process's thread) ----

    /**
     * read(2) into guest RAM: one READ for the whole buffer, so a canonical line arrives whole.
     *
     * @return bytes read, 0 at end of file, -EAGAIN (non-blocking, nothing there), -EINTR (a signal the
     *     process will act on arrived), or -EIO (the server is gone)
     */
    long read(MemorySegment[] buffers, boolean nonBlocking) { return read(buffers, nonBlocking, null); }

    /**
     * read(2) by {@code caller} (null: the controlling process): a process of a background group of the
     * session gets SIGTTIN instead (EIO if it ignores or blocks it, or its group is orphaned).
     */
    long read(MemorySegment[] buffers, boolean nonBlocking, PosixThread caller) {
        if (caller != null) {
            long background = backgroundCheck(caller, Signal.SIGTTIN);
            if (background != 0) return background;
        }
        if (firstInputWait.armed()) firstInputWait.waiting();
        TtyClient t = tty;
        PosixProcess reader = caller != null ? caller.process() : process;
        while (true) {
            if (reader != null && deliverSignals(reader)) return -Errno.EINTR;
            long n;
            lock.lock();
            try {
                int max = t.serverClient().maxDataLength();
                long want = 0;
                for (MemorySegment s : buffers) want += s.byteSize();
                int length = (int) Math.min(want, max);
                MutableDirectBuffer dst;
                if (buffers.length == 1) {
                    window.wrap(buffers[0].address(), length);
                    dst = window;
                } else {
                    if (bounce == null || bounce.capacity() < length) bounce = new UnsafeBuffer(new byte[max]);
                    dst = bounce;
                }
                long id = t.sendRead(length, nonBlocking);
                if (id < 0) return id;
                blockedRead = id;
                n = t.awaitRead(id, dst, 0, NO_TIMEOUT);
                blockedRead = NO_REQUEST;
                if (n > 0 && dst == bounce) scatter(bounce, (int) n, buffers);
            } finally {
                release();
            }
            if (n != -Errno.EINTR || reader == null) return n;
            if (deliverSignals(reader)) return -Errno.EINTR;
            // cancelled for signals that neither run a handler nor end the process (ignored, blocked, a stop
            // that does not exist yet): Linux restarts such a read, so it goes on waiting
        }
    }

    private static void scatter(UnsafeBuffer src, int n, MemorySegment[] buffers) {
        int done = 0;
        for (int i = 0; i < buffers.length && done < n; i++) {
            int k = (int) Math.min(buffers[i].byteSize(), n - done);
            MemorySegment.copy(MemorySegment.ofArray(src.byteArray()), done, buffers[i], 0, k);
            done += k;
        }
    }

    /**
     * write(2) from guest RAM: block by block; a blocking write returns when everything was taken (output
     * processing is the line discipline's), a non-blocking one with what was taken so far.
     */
    long write(MemorySegment[] buffers, boolean nonBlocking) { return write(buffers, nonBlocking, null); }

    /** write(2) by {@code caller} (may be null): with TOSTOP, a process of a background group gets SIGTTOU. */
    long write(MemorySegment[] buffers, boolean nonBlocking, PosixThread caller) {
        if (caller != null && inBackground(caller.process()) && (localFlags() & Termios.TOSTOP) != 0) {
            long background = backgroundCheck(caller, Signal.SIGTTOU);
            if (background != 0) return background;
        }
        TtyClient t = tty;
        long total = 0;
        lock.lock();
        try {
            int max = t.serverClient().maxDataLength();
            for (MemorySegment s : buffers) {
                if (firstInputWait.armed()) firstInputWait.wrote(s);
                long offset = 0, size = s.byteSize();
                while (offset < size) {
                    int n = (int) Math.min(size - offset, max);
                    window.wrap(s.address() + offset, n);
                    long r = t.write(window, 0, n, nonBlocking, NO_TIMEOUT);
                    if (r < 0) return total > 0 ? total : r;
                    total += r;
                    offset += r;
                    if (r < n && nonBlocking) return total;
                }
            }
            return total;
        } finally {
            release();
        }
    }

    /** TCGETS into {@code dst} (36 bytes): 0 or -errno. */
    long getTermios(MutableDirectBuffer dst) {
        lock.lock();
        try {
            return tty.getTermios(dst, 0, CALL_TIMEOUT_NANOS);
        } finally {
            release();
        }
    }

    /**
     * An ioctl carrying {@code argLength} bytes of {@code arg} (may be 0), whose reply bytes (termios,
     * winsize) go to {@code out} (may be null): the server's result.
     */
    long ioctl(int request, UnsafeBuffer arg, int argLength, MutableDirectBuffer out) {
        lock.lock();
        try {
            return tty.ioctl(request, arg, 0, argLength, out, 0, CALL_TIMEOUT_NANOS);
        } finally {
            release();
        }
    }

    /** An ioctl with an int argument or none: the server's result (the value, for a "get"). */
    long ioctl(int request, int argument) {
        lock.lock();
        try {
            return tty.ioctl(request, argument, CALL_TIMEOUT_NANOS);
        } finally {
            release();
        }
    }

    /**
     * The poll(2) events among {@code events} ready now (POLLHUP once the terminal hung up), or -errno. On the
     * process's thread: signals that arrived become pending, so that a waiting poll ends with EINTR.
     */
    long poll(int events) {
        if ((events & PollBits.POLLIN) != 0 && firstInputWait.armed()) firstInputWait.waiting();
        long ready;
        lock.lock();
        try {
            ready = tty.poll(events, CALL_TIMEOUT_NANOS);
        } finally {
            release();
        }
        PosixProcess p = process;
        if (p != null && signalsWaiting) deliverSignals(p);
        return ready;
    }

    /** Leaves the client, first putting a SIGNALS wait back if its reply came meanwhile. */
    private void release() {
        try {
            if (!signalWaitSent && !closed && tty.serverClient().isConnected()) {
                signalWaitId = tty.sendSignalsWait();
                signalWaitSent = signalWaitId > 0;
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- job control ----

    /** True when {@code p}'s group is not the foreground group of this, its controlling terminal. */
    private boolean inBackground(PosixProcess p) {
        int fg = foreground;
        return fg != 0 && controls(p) && processGroupOf(p) != fg;
    }

    /** c_lflag of the terminal's termios (offset 12 of struct termios), or 0 if the server does not answer. */
    private int localFlags() {
        UnsafeBuffer t = new UnsafeBuffer(new byte[TERMIOS_SIZE]);
        return getTermios(t) < 0 ? 0 : t.getInt(TERMIOS_LFLAG, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private static final int TERMIOS_SIZE = 36, TERMIOS_LFLAG = 12;

    /**
     * __tty_check_change: 0 when {@code caller} may use the terminal; otherwise {@code sig} goes to its group
     * and the call ends with EINTR, restarted once the process continues (Linux's -ERESTARTSYS); -EIO for a
     * read when SIGTTIN is ignored or blocked, and for an orphaned group (nobody would continue it).
     */
    private long backgroundCheck(PosixThread caller, int sig) {
        PosixProcess p = caller.process();
        if (!inBackground(p)) return 0;
        boolean ignored = p.signals().action(sig).isIgnore() || (caller.blocked() & Signal.bit(sig)) != 0;
        if (ignored) return sig == Signal.SIGTTIN ? -Errno.EIO : 0;
        ProcessTree tree = processTree;
        if (tree != null && tree.isOrphanedGroup(processGroupOf(p))) return -Errno.EIO;
        sendToGroup(sig, processGroupOf(p), p);
        return -Errno.EINTR;
    }

    /**
     * tty_check_change for a call that changes the terminal (TIOCSPGRP): 0 when {@code caller} may, else
     * SIGTTOU to its background group and -EINTR (restarted once continued), or -EIO for an orphaned group.
     * A caller that ignores or blocks SIGTTOU may.
     */
    public long checkChange(PosixThread caller) { return backgroundCheck(caller, Signal.SIGTTOU); }

    /** kill_pgrp from the kernel (SI_KERNEL) to every process of {@code group}; {@code self} without a tree. */
    private void sendToGroup(int sig, int group, PosixProcess self) {
        SigInfo si = new SigInfo(sig, SigInfo.SI_KERNEL, 0, 0, 0);
        ProcessTree tree = processTree;
        if (tree == null) {
            if (self != null && processGroupOf(self) == group) SignalSender.toProcess(self, si);
            return;
        }
        for (PosixProcess q : tree.groupMembers(group)) SignalSender.toProcess(q, si); // procmgr's members
    }

    // ---- signals ----

    /**
     * On {@code p}'s own thread: makes the terminal's signals for {@code p}'s process group pending in
     * {@code p} (those it ignores are discarded, as Linux's send does), from the kernel (SI_KERNEL, as
     * kill_pgrp sends them). Signals for other groups are dropped: no other process exists yet.
     *
     * @return whether a pending signal the thread does not block will interrupt a system call: one that runs
     *     a handler or ends the process (Linux restarts a call for the others)
     */
    public boolean deliverSignals(PosixProcess p) {
        if (processTree != null) {
            sendQueuedToGroups(p);
        } else if (signalsWaiting) {
            int group = processGroupOf(p);
            synchronized (inbox) {
                for (int i = 0; i < inboxPairs; i++) {
                    int sig = inbox[2 * i];
                    if (inbox[2 * i + 1] == group && Signal.valid(sig) && !p.signals().isIgnored(sig)) {
                        p.signals().pending().add(new SigInfo(sig, SigInfo.SI_KERNEL, 0, 0, 0));
                        LOG.debug("pid {}: {} from the terminal", p.pid(), Signal.name(sig));
                    }
                }
                inboxPairs = 0;
                signalsWaiting = false;
            }
        }
        return interrupting(p);
    }

    /**
     * Sends what the inbox holds to its process groups, as kill(2) would (from the kernel thread, or from the
     * thread of {@code self}, which is signalled even when the table does not list it); true when it held any.
     */
    private boolean sendQueuedToGroups(PosixProcess self) {
        if (!signalsWaiting) return false;
        synchronized (inbox) {
            if (!signalsWaiting) return false;
            for (int i = 0; i < inboxPairs; i++) {
                int sig = inbox[2 * i];
                if (!Signal.valid(sig)) continue;
                LOG.debug("{} to process group {} from the terminal", Signal.name(sig), inbox[2 * i + 1]);
                sendToGroup(sig, inbox[2 * i + 1], self);
            }
            inboxPairs = 0;
            signalsWaiting = false;
        }
        return true;
    }

    /** Whether a caller is blocked in a READ (tests). */
    boolean readBlocked() { return blockedRead != NO_REQUEST; }

    /** Whether signals wait in the inbox (a cheap check for every system call's return). */
    public boolean hasSignals() { return signalsWaiting; }

    /** Posts {@code sig} to process group {@code group} from the kernel itself (TIOCNOTTY's SIGHUP). */
    public void raise(int sig, int group) {
        queue(sig, group);
    }

    private static boolean interrupting(PosixProcess p) {
        long pending = p.signals().pending().mask();
        for (int i = 0; i < p.threads().size(); i++) {
            PosixThread t = p.threads().get(i);
            long deliverable = (pending | t.pending().mask()) & ~(t.blocked() & ~Signal.UNBLOCKABLE);
            while (deliverable != 0) {
                int sig = Long.numberOfTrailingZeros(deliverable) + 1;
                deliverable &= deliverable - 1;
                SigAction action = p.signals().action(sig);
                if (sig == Signal.SIGKILL || action.isHandler() || (action.isDefault()
                        && switch (Signal.defaultAction(sig)) {
                            case TERMINATE, CORE, STOP -> true; // a stopped call restarts when continued
                            case IGNORE, CONTINUE -> false;
                        })) {
                    return true;
                }
            }
        }
        return false;
    }

    private void queue(int sig, int group) {
        synchronized (inbox) {
            if (inboxPairs == TtyCodec.SIGNAL_QUEUE_PAIRS) return; // standard signals do not queue anyway
            inbox[2 * inboxPairs] = sig;
            inbox[2 * inboxPairs + 1] = group;
            inboxPairs++;
            signalsWaiting = true;
        }
    }

    /** Replies nobody awaits: the SIGNALS wait's. Runs under the client's lock: only queues. */
    @Override
    public void onReply(ReplyView reply) {
        if (reply.operation() != TtyCodec.OP_SIGNALS) {
            LOG.debug("tty: unexpected reply to request {} (operation {})", reply.requestId(), reply.operation());
            return;
        }
        signalWaitSent = false;
        long pairs = reply.result();
        for (int i = 0; i < pairs && i < TtyCodec.MAX_SIGNAL_PAIRS; i++) {
            queue(TtyCodec.decodeSignal(reply.buffer(), reply.argumentsOffset(), i),
                    TtyCodec.decodeSignalGroup(reply.buffer(), reply.argumentsOffset(), i));
        }
        Thread w = watcher;
        if (pairs > 0 && w != null) LockSupport.unpark(w);
    }

    /** The "tty-signals" thread: drains the client when it is free, and cancels a read signals interrupt. */
    private void watch() {
        long cancelled = NO_REQUEST;
        while (!closed) {
            LockSupport.parkNanos(this, POLL_INTERVAL_NANOS);
            if (closed) break;
            if (lock.tryLock()) {
                try {
                    tty.serverClient().poll();
                } finally {
                    release();
                }
            }
            // With the process table at hand the signals go to their groups from here, as kill(2) from another
            // process would: a shell in wait4 or a program in nanosleep takes no tty call that could take them.
            boolean sent = processTree != null && sendQueuedToGroups(process); // the session's process, if unlisted
            long read = blockedRead;
            if (read != NO_REQUEST && read != cancelled && (sent || signalsWaiting) && process != null) {
                cancelled = read;
                tty.serverClient().cancel(read); // the READ answers -EINTR; the reader takes the signals
            }
        }
    }

    /**
     * Stops the kernel thread and takes back the SIGNALS wait, so that the server stops with nothing in
     * flight (the supervisor stops it next).
     */
    @Override
    public void close() {
        closed = true;
        Thread w = watcher;
        if (w != null) LockSupport.unpark(w);
        TtyClient t = tty;
        if (t == null) return;
        lock.lock();
        try {
            if (signalWaitSent && t.serverClient().cancel(signalWaitId)) {
                t.serverClient().await(signalWaitId, CALL_TIMEOUT_NANOS, null); // -EINTR, or the signals: dropped
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() { return "terminal " + (rdev >>> 8) + ":" + (rdev & 0xff); }
}
