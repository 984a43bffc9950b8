package org.exoos.servers.vfs;

import java.time.Instant;

/** Where file times come from: nanoseconds since the epoch. Tests substitute a clock they move by hand. */
@FunctionalInterface
public interface VfsClock {
    VfsClock SYSTEM = () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };

    long nowNanos();

    /**
     * The machine's wall clock: the host's plus the offset the kernel sets when a program sets the time
     * (clock_settime, settimeofday), so file times follow the machine's clock, never changing the host's.
     */
    final class Machine implements VfsClock {
        private final VfsClock host;
        private volatile long offsetNanos;

        public Machine() {
            this(SYSTEM);
        }

        public Machine(VfsClock host) {
            this.host = host;
        }

        /** Makes this clock read {@code offsetNanos} ahead of the host's (behind when negative). */
        public void setOffsetNanos(long offsetNanos) {
            this.offsetNanos = offsetNanos;
        }

        public long offsetNanos() {
            return offsetNanos;
        }

        @Override
        public long nowNanos() {
            return host.nowNanos() + offsetNanos;
        }
    }
}
