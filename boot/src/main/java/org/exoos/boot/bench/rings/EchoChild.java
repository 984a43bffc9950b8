package org.exoos.boot.bench.rings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An echo peer in a child JVM, started the way bin/exo starts this one: the same java binary,
 * the project's jvm.options and this JVM's class path, main class {@link RingEchoMain}. Its
 * output goes to boot/target/bench/logs/NAME-echo.log; with {@code stdioIsChannel} its stdin and
 * stdout stay pipes to this JVM (the pipe transport) and only stderr goes to the log.
 */
final class EchoChild implements EchoPeer, AutoCloseable {
    /** How long a child may take to answer the STOP message before it is killed. */
    private static final long STOP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long EXIT_GRACE_MILLIS = 3_000;
    private static final int LOG_LINES_IN_ERRORS = 8;

    private final String name;
    private final Process process;
    private final Path log;

    private EchoChild(final String name, final Process process, final Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code RingEchoMain MODE ARGS...}, the mode being the transport's name. */
    static EchoChild start(final String name, final boolean stdioIsChannel, final String... args) throws IOException {
        final Path logs = BenchPaths.benchDirectory().resolve("logs");
        Files.createDirectories(logs);
        final Path log = logs.resolve(name + "-echo.log");
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("@" + BenchPaths.jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RingEchoMain.class.getName());
        command.add(name);
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command);
        if (stdioIsChannel) {
            builder.redirectError(log.toFile());
        } else {
            builder.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        }
        return new EchoChild(name, builder.start(), log);
    }

    Process process() {
        return process;
    }

    @Override
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + ": the echo JVM exited with status " + process.exitValue()
                + " (log " + log + ")" + logTail());
        }
    }

    /** Waits for the child to exit by itself, then kills it; never throws. */
    @Override
    public void close() {
        try {
            if (!process.waitFor(EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends a transport's child: if it still runs, asks it to stop with a STOP round trip over the
     * transport itself (bounded by {@code watch}), kills it if that fails, then closes it. Never throws.
     */
    void stop(final RoundTripTransport transport, final SpinWatch watch) {
        if (process.isAlive()) {
            watch.timeoutNanos(STOP_TIMEOUT_NANOS);
            try {
                transport.roundTrip(EchoProtocol.STOP);
            } catch (final RuntimeException e) {
                kill();
            }
        }
        close();
    }

    /** Kills the child at once (a stuck or failed run). */
    void kill() {
        process.destroyForcibly();
        close();
    }

    private String logTail() {
        try {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return "";
            }
            return ":\n    " + String.join("\n    ",
                lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
        } catch (final IOException e) {
            return "";
        }
    }
}
