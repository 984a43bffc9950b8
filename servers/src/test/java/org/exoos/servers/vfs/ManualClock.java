package org.exoos.servers.vfs;

/** A clock the test moves by hand, so that time assertions are exact. */
final class ManualClock implements VfsClock {
    long now = 1_700_000_000L * 1_000_000_000L;

    @Override
    public long nowNanos() {
        return now;
    }

    void advanceSeconds(long seconds) {
        now += seconds * 1_000_000_000L;
    }
}
