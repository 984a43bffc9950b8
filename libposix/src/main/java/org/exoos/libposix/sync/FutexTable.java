package org.exoos.libposix.sync;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.servers.protocol.Errno;

/**
 * The futex wait queues of one machine, hashed into buckets as Linux's futex_queues are. A key is an owner
 * and an address: (address space, virtual address) for a private futex or a private mapping, (physical
 * memory, physical address) for a shared mapping, so that processes mapping the same frames meet.
 *
 * <p>No wake-up is lost: a waiter reads the futex word and enqueues itself under its bucket's lock, and a
 * waker takes that lock before looking at the queue, so a guest that changes the word (an AMO on any hart,
 * the same RAM and the same VarHandles as {@link #load}) and then calls FUTEX_WAKE either makes the waiter
 * see the new value (EAGAIN) or finds it queued. The kernel's own reads and read-modify-writes of futex words
 * go through the sequentially consistent {@link PhysicalMemory#ATOMIC_INT} view the harts' AMOs use.
 */
public final class FutexTable {
    /** FUTEX_BITSET_MATCH_ANY: what FUTEX_WAIT and FUTEX_WAKE use. */
    public static final int MATCH_ANY = 0xffff_ffff;
    static final int BUCKETS = 256;

    private final Bucket[] buckets = new Bucket[BUCKETS];

    /** One hash chain and its lock. */
    private static final class Bucket {
        FutexWaiter head, tail;
    }

    public FutexTable() {
        for (int i = 0; i < BUCKETS; i++) buckets[i] = new Bucket();
    }

    private Bucket bucket(Object owner, long address) {
        return buckets[index(owner, address)];
    }

    private static int index(Object owner, long address) {
        long h = (address >>> 2) * 0x9E37_79B9_7F4A_7C15L ^ System.identityHashCode(owner);
        return (int) (h ^ (h >>> 32)) & (BUCKETS - 1);
    }

    /** The futex word at pa (4-aligned), read as a hart's AMO would see it. */
    public static int load(PhysicalMemory memory, long pa) {
        return (int) PhysicalMemory.ATOMIC_INT.getVolatile(memory.segment(), PhysicalMemory.offset(pa));
    }

    /** Replaces the futex word at pa if it still holds {@code expected}. */
    public static boolean compareAndSet(PhysicalMemory memory, long pa, int expected, int value) {
        boolean done = PhysicalMemory.ATOMIC_INT.compareAndSet(memory.segment(), PhysicalMemory.offset(pa), expected, value);
        if (done) memory.noteWrite(pa, 4);
        return done;
    }

    /** Stores the futex word at pa (clear_child_tid at thread exit). */
    public static void store(PhysicalMemory memory, long pa, int value) {
        PhysicalMemory.ATOMIC_INT.setVolatile(memory.segment(), PhysicalMemory.offset(pa), value);
        memory.noteWrite(pa, 4);
    }

    // ---- waiting ----

    /**
     * Queues {@code self} on the key if the word at {@code pa} still holds {@code expected}: 0 when queued,
     * -EAGAIN when the value differs. The caller has begun its {@link org.exoos.libposix.fd.Waiter} wait, then
     * sleeps until {@link FutexWaiter#isQueued()} turns false, and calls {@link #unqueue} if it gives up.
     */
    public long queueIfEquals(Object owner, long address, PhysicalMemory memory, long pa, int expected, int bitset,
                              FutexWaiter self) {
        Bucket b = bucket(owner, address);
        synchronized (b) {
            if (load(memory, pa) != expected) return -Errno.EAGAIN;
            self.owner = owner;
            self.address = address;
            self.bitset = bitset;
            link(b, self);
        }
        return 0;
    }

    /**
     * Takes a waiter that gives up (timeout, signal) off whatever queue it is on now (a requeue may have
     * moved it). True when it was still queued; false when a wake came first, so the wait succeeded.
     */
    public boolean unqueue(FutexWaiter self) {
        while (true) {
            if (!self.isQueued()) return false;
            Bucket b = bucket(self.owner, self.address);
            synchronized (b) {
                if (!self.isQueued()) return false;
                if (bucket(self.owner, self.address) != b) continue; // requeued meanwhile: chase it
                unlink(b, self);
                return true;
            }
        }
    }

    // ---- waking ----

    /**
     * Wakes waiters on the key whose bitset shares a bit with {@code bitset}: at most {@code count}, but at
     * least one when any waits (Linux's futex_wake counts after waking). Returns how many woke.
     */
    public int wake(Object owner, long address, int count, int bitset) {
        Bucket b = bucket(owner, address);
        synchronized (b) {
            return wakeLocked(b, owner, address, count, bitset);
        }
    }

    private static int wakeLocked(Bucket b, Object owner, long address, int count, int bitset) {
        int woken = 0;
        for (FutexWaiter w = b.head, next; w != null; w = next) {
            next = w.next;
            if (!w.matches(owner, address) || (w.bitset & bitset) == 0) continue;
            unlink(b, w);
            w.waiter.wake();
            if (++woken >= count) break;
        }
        return woken;
    }

    /**
     * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wakes up to {@code wakeCount} waiters on key 1 and moves up to
     * {@code requeueCount} more to key 2. With {@code compare}, first checks that the word at {@code pa1} holds
     * {@code expected} (else -EAGAIN). Returns the number woken plus the number moved.
     */
    public long requeue(Object owner1, long address1, Object owner2, long address2, int wakeCount, int requeueCount,
                        boolean compare, PhysicalMemory memory, long pa1, int expected) {
        Bucket b1 = bucket(owner1, address1), b2 = bucket(owner2, address2);
        Bucket first = index(owner1, address1) <= index(owner2, address2) ? b1 : b2;
        Bucket second = first == b1 ? b2 : b1;
        synchronized (first) {
            synchronized (second) {
                if (compare && load(memory, pa1) != expected) return -Errno.EAGAIN;
                int count = 0;
                for (FutexWaiter w = b1.head, next; w != null; w = next) {
                    next = w.next;
                    if (count - wakeCount >= requeueCount) break;
                    if (!w.matches(owner1, address1)) continue;
                    if (++count <= wakeCount) {
                        unlink(b1, w);
                        w.waiter.wake();
                        continue;
                    }
                    if (b1 != b2) {
                        unlink(b1, w);
                        w.owner = owner2;
                        w.address = address2;
                        link(b2, w);
                    } else {
                        w.owner = owner2; // same chain: only the key changes
                        w.address = address2;
                    }
                }
                return count;
            }
        }
    }

    /**
     * FUTEX_WAKE_OP: under both keys' locks, applies the encoded operation to the word at {@code pa2}, wakes
     * up to {@code wakeCount} waiters on key 1 and, when the old value passes the encoded comparison, up to
     * {@code wakeCount2} on key 2. Returns the total woken, or -ENOSYS for an unknown operation or comparison.
     */
    public long wakeOp(Object owner1, long address1, Object owner2, long address2, int wakeCount, int wakeCount2,
                       int encodedOp, PhysicalMemory memory, long pa2) {
        int op = (encodedOp >>> 28) & 7, cmp = (encodedOp >>> 24) & 15;
        int oparg = (encodedOp << 8) >> 20, cmparg = (encodedOp << 20) >> 20; // 12-bit signed fields
        if ((encodedOp & (FUTEX_OP_OPARG_SHIFT << 28)) != 0) oparg = 1 << (oparg & 31);
        if (op > FUTEX_OP_XOR) return -Errno.ENOSYS;
        Bucket b1 = bucket(owner1, address1), b2 = bucket(owner2, address2);
        Bucket first = index(owner1, address1) <= index(owner2, address2) ? b1 : b2;
        Bucket second = first == b1 ? b2 : b1;
        synchronized (first) {
            synchronized (second) {
                int old;
                do {
                    old = load(memory, pa2);
                } while (!compareAndSet(memory, pa2, old, apply(op, old, oparg)));
                if (cmp > FUTEX_OP_CMP_GE) return -Errno.ENOSYS; // Linux has applied the operation by then
                long woken = wakeLocked(b1, owner1, address1, wakeCount, MATCH_ANY);
                if (compare(cmp, old, cmparg)) woken += wakeLocked(b2, owner2, address2, wakeCount2, MATCH_ANY);
                return woken;
            }
        }
    }

    /** FUTEX_OP_* of linux/futex.h. */
    public static final int FUTEX_OP_SET = 0, FUTEX_OP_ADD = 1, FUTEX_OP_OR = 2, FUTEX_OP_ANDN = 3, FUTEX_OP_XOR = 4,
            FUTEX_OP_OPARG_SHIFT = 8;
    /** FUTEX_OP_CMP_* of linux/futex.h. */
    public static final int FUTEX_OP_CMP_EQ = 0, FUTEX_OP_CMP_NE = 1, FUTEX_OP_CMP_LT = 2, FUTEX_OP_CMP_LE = 3,
            FUTEX_OP_CMP_GT = 4, FUTEX_OP_CMP_GE = 5;

    private static int apply(int op, int old, int arg) {
        return switch (op) {
            case FUTEX_OP_SET -> arg;
            case FUTEX_OP_ADD -> old + arg;
            case FUTEX_OP_OR -> old | arg;
            case FUTEX_OP_ANDN -> old & ~arg;
            default -> old ^ arg;
        };
    }

    private static boolean compare(int cmp, int old, int arg) {
        return switch (cmp) {
            case FUTEX_OP_CMP_EQ -> old == arg;
            case FUTEX_OP_CMP_NE -> old != arg;
            case FUTEX_OP_CMP_LT -> old < arg;
            case FUTEX_OP_CMP_LE -> old <= arg;
            case FUTEX_OP_CMP_GT -> old > arg;
            default -> old >= arg;
        };
    }

    // ---- chains (under the bucket's lock) ----

    /** Appends: waiters on one key wake in the order they came (Linux's plist is FIFO within a priority). */
    private static void link(Bucket b, FutexWaiter w) {
        w.next = null;
        w.prev = b.tail;
        if (b.tail != null) b.tail.next = w; else b.head = w;
        b.tail = w;
        w.setQueued(true);
    }

    private static void unlink(Bucket b, FutexWaiter w) {
        if (w.prev != null) w.prev.next = w.next; else b.head = w.next;
        if (w.next != null) w.next.prev = w.prev; else b.tail = w.prev;
        w.prev = w.next = null;
        w.setQueued(false);
    }
}
