package org.exoos.boot.bench.rings.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark's peer in a JVM of its own: this JVM's java binary and classpath, the project's
 * flags from jvm.options, its output appended to a log under the suite's output directory.
 */
final class PeerJvm implements AutoCloseable {
    private final Process process;
    private final Path log;

    private PeerJvm(final Process process, final Path log) {
        this.process = process;
        this.log = log;
    }

    static PeerJvm start(final Class<?> mainClass, final String... args) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("@" + SuitePaths.jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        final Path dir = SuitePaths.outputDirectory();
        Files.createDirectories(dir);
        final Path log = dir.resolve("jmh-peer-" + mainClass.getSimpleName() + ".log");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new PeerJvm(process, log);
    }

    /** @throws IllegalStateException with the exit status and the log to read, if the peer exited */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("peer JVM exited with status " + process.exitValue() + "; see " + log);
        }
    }

    /** Waits up to 10 s for the peer to exit by itself (after its stop message), then kills it. */
    @Override
    public void close() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
