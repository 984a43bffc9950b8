package org.exoos.boot.bench.rings;

import java.util.concurrent.TimeUnit;

/**
 * An in-process echo peer: a daemon thread that runs an echo loop until {@link #stop()}. The loop
 * polls {@link #running()} on its idle path; a loop that throws leaves its reason for
 * {@link #checkAlive()}.
 */
final class EchoThread implements EchoPeer {
    /** An echo loop; it returns when {@code thread.running()} turns false. */
    @FunctionalInterface
    interface Loop {
        void run(EchoThread thread) throws Exception;
    }

    private final String name;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    EchoThread(final String name, final Loop loop) {
        this.name = name;
        this.thread = new Thread(() -> {
            try {
                loop.run(this);
            } catch (final Throwable t) {
                failure = t;
            }
        }, "echo-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean running() {
        return running;
    }

    @Override
    public void checkAlive() {
        if (!thread.isAlive()) {
            final Throwable t = failure;
            throw new IllegalStateException(name + ": the echo thread "
                + (t != null ? "failed: " + t : "has stopped"), t);
        }
    }

    /** Asks the loop to return and waits for it (briefly: a stuck loop is a daemon and is left behind). */
    void stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
