package org.exoos.servers.framework;

/** Where a server runs. Either way it sees only its channel, and the same code starts it. */
public enum Isolation {
    /** A thread of the kernel's JVM: for tests, footprint and latency. */
    THREAD,
    /** A JVM of its own: a crash, an OOM or a kill -9 cannot take the kernel down. */
    PROCESS;

    /** Parses "thread" or "process" (any case), the form of {@code --isolation}. */
    public static Isolation parse(final String text) {
        for (final Isolation isolation : values()) {
            if (isolation.name().equalsIgnoreCase(text.trim())) {
                return isolation;
            }
        }
        throw new IllegalArgumentException("isolation '" + text + "' is neither 'thread' nor 'process'");
    }
}
