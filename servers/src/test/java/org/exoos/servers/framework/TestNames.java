package org.exoos.servers.framework;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique /dev/shm names for channels a test makes itself. */
final class TestNames {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestNames() {
    }

    static String channel(final String what) {
        return "exo-test-servers-" + what + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }
}
