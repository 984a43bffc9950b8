package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.EpollFile;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.Readiness;
import org.exoos.libposix.fd.StatusFlags;
import org.exoos.servers.protocol.Errno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * epoll_create1(2), epoll_ctl(2), epoll_pwait(2) and epoll_pwait2(2) over {@link EpollFile}.
 * <pre>
 * struct epoll_event on riscv64 (not packed: only x86-64 packs it):
 *   0 u32 events   4 padding   8 u64 data                          16 bytes
 * </pre>
 */
final class SysEpoll {
    private SysEpoll() {}

    static final int EVENT_SIZE = 16;
    static final int EPOLL_CLOEXEC = StatusFlags.O_CLOEXEC;
    /** EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event). */
    static final int MAX_EVENTS = Integer.MAX_VALUE / EVENT_SIZE;

    static void register(SyscallTable t) {
        t.add("epoll_create1", SysEpoll::epollCreate1);
        t.add("epoll_ctl", SysEpoll::epollCtl);
        t.add("epoll_pwait", SysEpoll::epollPwait);
        t.add("epoll_pwait2", SysEpoll::epollPwait2);
    }

    static long epollCreate1(SyscallContext c) {
        int flags = c.argInt(0);
        if ((flags & ~EPOLL_CLOEXEC) != 0) return -Errno.EINVAL;
        return SysPipe.install(c, new EpollFile(), (flags & EPOLL_CLOEXEC) != 0);
    }

    /** do_epoll_ctl's order of checks: EFAULT, EBADF, EPERM, EINVAL, then the operation's own. */
    static long epollCtl(SyscallContext c) {
        int op = c.argInt(1), fd = c.argInt(2);
        long eventAddr = c.arg(3);
        boolean hasEvent = op != EpollFile.EPOLL_CTL_DEL;
        int events = 0;
        long data = 0;
        if (hasEvent) {
            ByteBuffer b = ByteBuffer.wrap(c.copyIn(eventAddr, EVENT_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
            events = b.getInt(0);
            data = b.getLong(8);
        }
        OpenFile epoll = c.argFile(0);
        OpenFile target = c.argFile(2);
        if (target.readiness() == null) return -Errno.EPERM; // no poll method: a regular file, /dev/null
        if (epoll == target || !(epoll instanceof EpollFile ep)) return -Errno.EINVAL;
        return ep.control(op, fd, target, events, data);
    }

    static long epollPwait(SyscallContext c) {
        long timeoutMs = c.argInt(3);
        long deadline = timeoutMs < 0 ? org.exoos.libposix.fd.Waiter.FOREVER
                : SysPoll.deadline(timeoutMs / 1000, (timeoutMs % 1000) * 1_000_000);
        SysPoll.applySigmask(c, c.arg(4), c.arg(5));
        return wait(c, deadline);
    }

    static long epollPwait2(SyscallContext c) {
        long deadline = SysPoll.deadline(c, c.arg(3));
        SysPoll.applySigmask(c, c.arg(4), c.arg(5));
        return wait(c, deadline);
    }

    private static long wait(SyscallContext c, long deadline) {
        long r;
        try {
            r = doWait(c, deadline);
        } catch (ErrnoException e) {
            r = -e.errno();
        }
        return SysPoll.finishSigmask(c, r);
    }

    private static long doWait(SyscallContext c, long deadline) {
        long events = c.arg(1);
        int max = c.argInt(2);
        if (max <= 0 || max > MAX_EVENTS) return -Errno.EINVAL;
        if (events < 0 || Long.compareUnsigned((long) max * EVENT_SIZE,
                org.exoos.microkernel.mm.AddressSpace.USER_TOP - events) > 0) return -Errno.EFAULT; // access_ok
        OpenFile f = c.argFile(0);
        if (!(f instanceof EpollFile ep)) return -Errno.EINVAL;
        Readiness own = ep.readiness();
        ByteBuffer out = ByteBuffer.allocate(Math.min(max, 1024) * EVENT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int batch = Math.min(max, 1024);
        long n = SysPoll.sleepUntilReady(c.thread(), List.of(own), ep.needsRecheck(), deadline, false,
                () -> ep.collect(batch, (i, ev, data) -> out.putInt(i * EVENT_SIZE, ev).putInt(i * EVENT_SIZE + 4, 0)
                        .putLong(i * EVENT_SIZE + 8, data), true));
        if (n <= 0) return n;
        c.copyOut(events, out.array(), 0, (int) n * EVENT_SIZE);
        return n;
    }
}
