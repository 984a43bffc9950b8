package org.exoos.boot.bench.rings;

import java.util.concurrent.TimeUnit;

/** How long a child JVM may take to start and answer, and how the child notices its parent died. */
final class ChildHandshake {
    /** From process start to the first echo: a JVM start, class loading, attaching. */
    static final long FIRST_ECHO_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The sequence of the first message, sent before any measured one. */
    static final long HELLO = 0x4845_4c4c_4fL;

    private static final ProcessHandle PARENT = ProcessHandle.current().parent().orElse(null);

    private ChildHandshake() {
    }

    /** In a child: whether the JVM that started it still runs (an orphan echo exits). */
    static boolean parentAlive() {
        return PARENT == null || PARENT.isAlive();
    }

    /**
     * In the parent: sends {@link #HELLO} and checks its echo, allowing {@code watch} (the one
     * the transport's waits use) the time a child JVM needs to start.
     */
    static void hello(final RoundTripTransport transport, final SpinWatch watch) {
        final long normal = watch.timeoutNanos();
        watch.timeoutNanos(FIRST_ECHO_TIMEOUT_NANOS);
        try {
            final long echoed = transport.roundTrip(HELLO);
            if (echoed != HELLO) {
                throw new IllegalStateException(transport.name() + ": the first echo carried sequence " + echoed
                    + ", expected " + HELLO);
            }
        } finally {
            watch.timeoutNanos(normal);
        }
    }
}
