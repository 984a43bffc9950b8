package org.exoos.boot;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A piece of start-up work run on a platform thread of its own while the launcher goes on (a cold JVM's boot is
 * mostly class loading and first runs, which two cores can overlap); its result, or what it threw, is taken later.
 */
final class Background<T> {
    /** The work: a result, or an exception to hand to {@link #join}. */
    interface Work<T> {
        T run() throws Exception;
    }

    private final FutureTask<T> task;

    private Background(final Work<T> work) {
        this.task = new FutureTask<>(work::run);
    }

    /** Starts {@code work} on a daemon thread named {@code name}. */
    static <T> Background<T> start(final String name, final Work<T> work) {
        Background<T> b = new Background<>(work);
        Thread.ofPlatform().name(name).daemon(true).start(b.task);
        return b;
    }

    /**
     * Waits for the result. What the work threw is rethrown as it was (an IOException, an unchecked exception, an
     * error); another checked exception comes wrapped in an IOException.
     */
    T join() throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for start-up work", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error err -> throw err;
                default -> throw new IOException(e.getCause());
            }
        }
    }
}
