package org.exoos.libposix.sync;

import org.exoos.libposix.fd.Waiter;

/**
 * One thread's place in a {@link FutexTable} queue: the key it waits on, its wake bitset, and the
 * {@link Waiter} a waker unparks. Each thread owns one and reuses it for every futex wait (a thread waits
 * on one futex at a time), so a wait allocates nothing. The key and the links change only under the lock of
 * the bucket the entry is queued in; {@link #isQueued()} is read by the sleeper without it.
 */
public final class FutexWaiter {
    final Waiter waiter;
    /** The key: the owner (an address space for a private key, the machine's memory for a shared one) and an address. */
    Object owner;
    long address;
    int bitset;
    FutexWaiter prev, next;
    /** True from the enqueue until a waker (or the sleeper itself, leaving) takes the entry off its queue. */
    private volatile boolean queued;

    public FutexWaiter(Waiter waiter) { this.waiter = waiter; }

    /** False once a wake took this waiter off its queue: the wait succeeded. */
    public boolean isQueued() { return queued; }

    void setQueued(boolean value) { queued = value; }

    boolean matches(Object keyOwner, long keyAddress) { return owner == keyOwner && address == keyAddress; }
}
