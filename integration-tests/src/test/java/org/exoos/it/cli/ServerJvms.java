package org.exoos.it.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the tests that kill a server under {@code bin/exo run --isolation process} share: finding the server's JVM
 * among the launcher's descendants, and reading the launcher's output while it runs.
 */
final class ServerJvms {
    static final String SERVER_MAIN = "org.exoos.servers.framework.ServerMain";

    private ServerJvms() {}

    /**
     * The descendant of {@code exo} running {@code ServerMain <server>}; servers start before the program runs, but
     * this polls for up to {@code seconds} for safety.
     */
    static Optional<ProcessHandle> serverOf(Process exo, String server, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> found = exo.descendants().filter(p -> runs(p, server)).findFirst();
            if (found.isPresent()) return found;
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static boolean runs(ProcessHandle process, String server) {
        ProcessHandle.Info info = process.info();
        List<String> args = List.of(info.arguments().orElse(new String[0]));
        int main = args.indexOf(SERVER_MAIN);
        if (main >= 0) return main + 1 < args.size() && args.get(main + 1).equals(server);
        // some platforms give only the (possibly truncated) command line
        String line = info.commandLine().orElse("");
        return line.contains(SERVER_MAIN + " " + server + " ") || line.endsWith(SERVER_MAIN + " " + server);
    }

    /** A stream read line by line on its own thread, so that the process never blocks on a full pipe. */
    static final class Lines {
        private static final long JOIN_SECONDS = 30;

        private final StringBuffer text = new StringBuffer();
        private final CountDownLatch marker = new CountDownLatch(1);
        private Thread reader;

        private Lines() {}

        /** Starts reading {@code stream}; {@link #awaitMarker} returns once a line equals {@code markerLine}. */
        static Lines drain(InputStream stream, String markerLine) {
            Lines lines = new Lines();
            lines.reader = Thread.ofPlatform().daemon().name("server-jvms-drain").start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.text.append(line).append('\n');
                        if (line.equals(markerLine)) lines.marker.countDown();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return lines;
        }

        boolean awaitMarker(long seconds) throws InterruptedException {
            return marker.await(seconds, TimeUnit.SECONDS);
        }

        /** Waits (bounded) for the end of the stream, after the process has exited. */
        void join() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(JOIN_SECONDS));
        }

        String text() {
            return text.toString();
        }
    }
}
