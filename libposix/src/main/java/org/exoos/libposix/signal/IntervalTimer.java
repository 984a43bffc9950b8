package org.exoos.libposix.signal;

import org.exoos.libposix.time.KernelTimers;

import java.util.concurrent.ScheduledFuture;

/**
 * One interval timer (setitimer's ITIMER_REAL, the one alarm(2) uses): armed with a first expiry and an
 * interval, it runs its action at each expiry on the kernel's timer wheel, re-arming itself from the planned
 * expiry (not from when the action ran) so that an interval timer does not drift. All state is guarded by
 * this object: the owning process sets and reads it while the timer thread fires it.
 */
public final class IntervalTimer {
    /** The planned expiry ({@link System#nanoTime()} scale) while armed. */
    private long expiry;
    private long intervalNanos;
    private boolean armed;
    /** Bumped by every arm or disarm, so that an expiry scheduled by an older setting does nothing. */
    private long generation;
    private ScheduledFuture<?> scheduled;

    /** The time left to the next expiry (at least 1 ns while armed, as Linux reports 1 µs), or 0 when disarmed. */
    public synchronized long remainingNanos() {
        if (!armed) return 0;
        return Math.max(1, expiry - System.nanoTime());
    }

    public synchronized long intervalNanos() { return armed ? intervalNanos : 0; }

    /**
     * Arms the timer (a positive {@code valueNanos}) or disarms it (0); {@code action} runs at each expiry
     * until it returns false (its process is gone).
     */
    public synchronized void set(long valueNanos, long intervalNanos, java.util.function.BooleanSupplier action) {
        generation++;
        if (scheduled != null) scheduled.cancel(false);
        scheduled = null;
        armed = valueNanos > 0;
        if (!armed) return;
        this.intervalNanos = intervalNanos;
        expiry = System.nanoTime() + valueNanos;
        schedule(generation, action);
    }

    private void schedule(long gen, java.util.function.BooleanSupplier action) {
        scheduled = KernelTimers.after(expiry - System.nanoTime(), () -> fire(gen, action));
    }

    private void fire(long gen, java.util.function.BooleanSupplier action) {
        synchronized (this) {
            if (gen != generation || !armed) return;
            if (intervalNanos > 0) {
                long now = System.nanoTime();
                // hrtimer_forward: past every missed period (an overrun still sends one signal)
                expiry += (Math.max(0, now - expiry) / intervalNanos + 1) * intervalNanos;
                schedule(gen, action);
            } else {
                armed = false;
                scheduled = null;
            }
        }
        if (!action.getAsBoolean()) {
            synchronized (this) {
                if (gen == generation) {
                    armed = false;
                    if (scheduled != null) scheduled.cancel(false);
                }
            }
        }
    }
}
