package org.exoos.ipc.fusion.channel;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique /dev/shm names for test channels, so parallel runs and leftovers never collide. */
final class TestChannels {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestChannels() {
    }

    static String uniqueName(final String what) {
        return "exo-test-" + what + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }
}
