package org.exoos.libposix.syscall;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.hal.mmu.AccessType;
import org.exoos.libposix.fd.Waiter;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.sync.FutexTable;
import org.exoos.libposix.sync.FutexWaiter;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.Vma;
import org.exoos.servers.protocol.Errno;


/**
 * futex(2): WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAKE_OP, WAIT_BITSET and WAKE_BITSET, private or shared, with
 * FUTEX_CLOCK_REALTIME. The priority-inheritance operations (LOCK_PI, UNLOCK_PI, TRYLOCK_PI, WAIT_REQUEUE_PI,
 * CMP_REQUEUE_PI, LOCK_PI2) are ENOSYS, as on a kernel built without CONFIG_FUTEX_PI.
 *
 * <p>Keys follow Linux's get_futex_key: a private futex is (address space, address); a shared one in a
 * private mapping is the same (Linux keys anonymous private pages by mm and address), and in a MAP_SHARED
 * mapping it is the physical address, so every process mapping the frame meets on it.
 */
final class SysFutex {
    private SysFutex() {}

    /** Operations and flags of linux/futex.h. */
    static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_FD = 2, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4,
            FUTEX_WAKE_OP = 5, FUTEX_LOCK_PI = 6, FUTEX_UNLOCK_PI = 7, FUTEX_TRYLOCK_PI = 8, FUTEX_WAIT_BITSET = 9,
            FUTEX_WAKE_BITSET = 10, FUTEX_WAIT_REQUEUE_PI = 11, FUTEX_CMP_REQUEUE_PI = 12, FUTEX_LOCK_PI2 = 13;
    static final int FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256,
            FUTEX_CMD_MASK = ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);

    static void register(SyscallTable t) {
        t.addPartial("futex", "no priority-inheritance operations (ENOSYS)", SysFutex::futex);
    }

    static long futex(SyscallContext c) {
        long uaddr = c.arg(0), utime = c.arg(3), uaddr2 = c.arg(4);
        int op = c.argInt(1), val = c.argInt(2), val3 = c.argInt(5);
        int cmd = op & FUTEX_CMD_MASK;
        boolean shared = (op & FUTEX_PRIVATE_FLAG) == 0, realtime = (op & FUTEX_CLOCK_REALTIME) != 0;

        long deadline = Waiter.FOREVER;
        if (utime != 0 && hasTimeout(cmd)) {
            long sec = c.readLong(utime), nsec = c.readLong(utime + 8);
            if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) return -Errno.EINVAL;
            deadline = deadline(c, cmd, realtime, sec, nsec);
        }
        if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI
                && cmd != FUTEX_LOCK_PI2) {
            return -Errno.ENOSYS;
        }
        int val2 = (int) utime; // the operations without a timeout take a count there
        FutexTable table = c.linux().futexes();
        return switch (cmd) {
            case FUTEX_WAIT -> wait(c, uaddr, shared, val, deadline, FutexTable.MATCH_ANY);
            case FUTEX_WAIT_BITSET -> val3 == 0 ? -Errno.EINVAL : wait(c, uaddr, shared, val, deadline, val3);
            case FUTEX_WAKE -> wake(c, table, uaddr, shared, val, FutexTable.MATCH_ANY);
            case FUTEX_WAKE_BITSET -> val3 == 0 ? -Errno.EINVAL : wake(c, table, uaddr, shared, val, val3);
            case FUTEX_REQUEUE -> requeue(c, table, uaddr, shared, uaddr2, val, val2, false, 0);
            case FUTEX_CMP_REQUEUE -> requeue(c, table, uaddr, shared, uaddr2, val, val2, true, val3);
            case FUTEX_WAKE_OP -> wakeOp(c, table, uaddr, shared, uaddr2, val, val2, val3);
            default -> -Errno.ENOSYS; // FUTEX_FD (gone since 2.6.26) and the PI operations
        };
    }

    private static boolean hasTimeout(int cmd) {
        return cmd == FUTEX_WAIT || cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_BITSET
                || cmd == FUTEX_WAIT_REQUEUE_PI;
    }

    /**
     * The deadline on the {@link System#nanoTime()} scale: FUTEX_WAIT's timeout is relative (whatever the
     * clock flag); the others' are absolute on CLOCK_MONOTONIC, or CLOCK_REALTIME with the flag.
     */
    private static long deadline(SyscallContext c, int cmd, boolean realtime, long sec, long nsec) {
        long now = System.nanoTime();
        long ns = sec > Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE : sec * 1_000_000_000L + nsec;
        long relative;
        if (cmd == FUTEX_WAIT) {
            relative = ns;
        } else if (realtime) {
            relative = ns - c.linux().realtime().nowNanos(); // the machine's wall clock
        } else {
            relative = ns - (now - c.linux().bootNanoTime());
        }
        if (relative <= 0) return now; // already passed: the wait still checks the value first
        long d = now + relative;
        return d < now || d == Waiter.FOREVER ? Waiter.FOREVER : d; // too far to ever come
    }

    // ---- keys ----

    /** The owner half of a key for the futex word at uaddr: see the class comment. */
    private static Object owner(AddressSpace space, long uaddr, boolean shared) {
        if (!shared) return space;
        Vma v = space.find(uaddr);
        return v != null && (v.flags() & Vma.SHARED) != 0 ? space.memory() : space;
    }

    /** The address half: the virtual address, or the physical one for a key owned by memory. */
    private static long address(Object owner, long uaddr, long pa) {
        return owner instanceof PhysicalMemory ? pa : uaddr;
    }

    /** EINVAL for a misaligned word; EFAULT outside user space. */
    private static long checkAddress(long uaddr) {
        if ((uaddr & 3) != 0) return -Errno.EINVAL;
        if (uaddr < 0 || uaddr > AddressSpace.USER_TOP - 4) return -Errno.EFAULT;
        return 0;
    }

    /** The physical address of the word for an access, faulting the page in; -EFAULT when it cannot be reached. */
    private static long physical(AddressSpace space, long uaddr, int access) {
        long pa = space.translate(uaddr, access);
        return pa < 0 ? -Errno.EFAULT : pa;
    }

    // ---- operations ----

    /** FUTEX_WAIT(_BITSET): sleeps while the word holds val, until woken, the deadline, or a signal. */
    static long wait(SyscallContext c, long uaddr, boolean shared, int val, long deadline, int bitset) {
        long bad = checkAddress(uaddr);
        if (bad != 0) return bad;
        AddressSpace space = c.space();
        long pa = physical(space, uaddr, AccessType.LOAD);
        if (pa < 0) return pa;
        Object owner = owner(space, uaddr, shared);
        PosixThread thread = c.thread();
        Waiter waiter = thread.waiter();
        FutexWaiter self = thread.futexWaiter();
        FutexTable table = c.linux().futexes();
        waiter.begin(); // before queueing: a wake from now on makes park return at once
        long queued = table.queueIfEquals(owner, address(owner, uaddr, pa), space.memory(), pa, val, bitset, self);
        if (queued < 0) return queued;
        while (true) {
            if (!self.isQueued()) return 0;
            if (waiter.interrupted()) return table.unqueue(self) ? -Errno.EINTR : 0;
            if (Waiter.expired(deadline)) return table.unqueue(self) ? -Errno.ETIMEDOUT : 0;
            waiter.park(deadline, false);
        }
    }

    /**
     * A private wake needs no page (Linux only checks the range); a shared one looks the page up (faulting it
     * in), as get_user_pages does to find the key: EFAULT when there is none.
     */
    static long wake(SyscallContext c, FutexTable table, long uaddr, boolean shared, int count, int bitset) {
        long bad = checkAddress(uaddr);
        if (bad != 0) return bad;
        AddressSpace space = c.space();
        long pa = shared ? physical(space, uaddr, AccessType.LOAD) : 0;
        if (pa < 0) return pa;
        Object owner = owner(space, uaddr, shared);
        return table.wake(owner, address(owner, uaddr, pa), count, bitset);
    }

    static long requeue(SyscallContext c, FutexTable table, long uaddr, boolean shared, long uaddr2, int wakeCount,
                        int requeueCount, boolean compare, int expected) {
        if (wakeCount < 0 || requeueCount < 0) return -Errno.EINVAL;
        long bad = checkAddress(uaddr);
        if (bad == 0) bad = checkAddress(uaddr2);
        if (bad != 0) return bad;
        AddressSpace space = c.space();
        long pa1 = physical(space, uaddr, AccessType.LOAD);
        if (pa1 < 0 && (compare || shared)) return pa1;
        Object owner1 = owner(space, uaddr, shared), owner2 = owner(space, uaddr2, shared);
        long pa2 = shared ? physical(space, uaddr2, AccessType.LOAD) : 0;
        if (pa2 < 0) return pa2;
        return table.requeue(owner1, address(owner1, uaddr, pa1), owner2, address(owner2, uaddr2, pa2), wakeCount, requeueCount, compare,
                space.memory(), pa1, expected);
    }

    static long wakeOp(SyscallContext c, FutexTable table, long uaddr, boolean shared, long uaddr2, int wakeCount,
                       int wakeCount2, int encodedOp) {
        long bad = checkAddress(uaddr);
        if (bad == 0) bad = checkAddress(uaddr2);
        if (bad != 0) return bad;
        AddressSpace space = c.space();
        long pa2 = physical(space, uaddr2, AccessType.STORE); // the operation writes it
        if (pa2 < 0) return pa2;
        Object owner1 = owner(space, uaddr, shared), owner2 = owner(space, uaddr2, shared);
        long pa1 = shared ? physical(space, uaddr, AccessType.LOAD) : 0;
        if (pa1 < 0) return pa1;
        return table.wakeOp(owner1, address(owner1, uaddr, pa1), owner2, address(owner2, uaddr2, pa2), wakeCount, wakeCount2, encodedOp,
                space.memory(), pa2);
    }
}
