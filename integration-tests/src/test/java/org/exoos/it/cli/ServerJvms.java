package org.exoos.it.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.exoos.it.TestPrograms;
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

    static final long READY_SECONDS = 60;
    static final long SERVER_FOUND_SECONDS = 10;
    static final long EXIT_AFTER_KILL_SECONDS = 30;

    /** What bin/exo printed and how it ended after its server {@code server} (JVM {@code serverPid}) was killed. */
    record Killed(String server, long serverPid, String stdout, String stderr, int status) {
        /** For assertion messages: both streams. */
        String both() {
            return "; stdout:\n" + stdout + "stderr:\n" + stderr;
        }

        /** The kernel reports the death in exactly one line naming the server and its pid, with no stack trace. */
        void assertOneDeathLine() {
            List<String> deathLines = stderr.lines().filter(l -> l.contains("died") && l.contains("EIO")).toList();
            org.junit.jupiter.api.Assertions.assertEquals(1, deathLines.size(),
                    () -> "exactly one kernel-log line on the server's death" + both());
            org.junit.jupiter.api.Assertions.assertTrue(deathLines.getFirst().contains(server)
                            && deathLines.getFirst().contains(Long.toString(serverPid)),
                    () -> "the line names the server and its pid " + serverPid + both());
            org.junit.jupiter.api.Assertions.assertTrue(!stderr.contains("Exception") && !stderr.contains("\tat "),
                    () -> "no Java stack trace" + both());
        }
    }

    /**
     * Runs {@code bin/exo run --isolation process program arg} (stdin /dev/null, the default log level), waits for the
     * program's "ready" line, kills the {@code server} JVM with SIGKILL, and waits for bin/exo to end.
     */
    static Killed killServerUnder(Path program, String arg, String server) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ExoCommand.script().toString(), "run", "--isolation", "process",
                program.toString(), arg)
                .directory(TestPrograms.repoRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().remove("EXO_LOG"); // the death line must show at the default level
        Process exo = builder.start();
        try {
            Lines out = Lines.drain(exo.getInputStream(), "ready");
            Lines err = Lines.drain(exo.getErrorStream(), null);
            if (!out.awaitMarker(READY_SECONDS)) {
                throw new AssertionError(program.getFileName() + " never printed 'ready'; stdout:\n" + out.text()
                        + "stderr:\n" + err.text());
            }
            ProcessHandle jvm = serverOf(exo, server, SERVER_FOUND_SECONDS).orElseThrow(() -> new AssertionError(
                    "no descendant of bin/exo runs " + SERVER_MAIN + " " + server + "; stderr:\n" + err.text()));
            if (!jvm.destroyForcibly()) throw new AssertionError("SIGKILL to the " + server + " server failed");
            jvm.onExit().get(SERVER_FOUND_SECONDS, TimeUnit.SECONDS);
            if (!exo.waitFor(EXIT_AFTER_KILL_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("bin/exo still running " + EXIT_AFTER_KILL_SECONDS + " s after the " + server
                        + " server was killed; stdout:\n" + out.text() + "stderr:\n" + err.text());
            }
            out.join();
            err.join();
            return new Killed(server, jvm.pid(), out.text(), err.text(), exo.exitValue());
        } finally {
            exo.descendants().forEach(ProcessHandle::destroyForcibly);
            exo.destroyForcibly();
            exo.waitFor(EXIT_AFTER_KILL_SECONDS, TimeUnit.SECONDS);
        }
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
