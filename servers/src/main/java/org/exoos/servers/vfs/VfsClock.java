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
}
