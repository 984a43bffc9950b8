package org.exoos.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host command with its stdin fed from bytes and stdout/stderr collected through pipes (not files, so
 * the child sees the same kind of descriptors a shell pipeline gives it).
 */
public final class Subprocess {
    /** One thread per stream: the common pool may have a single thread, and these tasks block. */
    private static final ExecutorService IO = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().daemon().name("subprocess-io-", 0).factory());

    private Subprocess() {}

    /**
     * Runs {@code command} to completion.
     *
     * @param env the child's complete environment, or null to inherit this JVM's
     * @throws AssertionError when the command does not finish within {@code timeout} (it is killed first)
     */
    public static Outcome run(List<String> command, Map<String, String> env, Path directory, byte[] stdin,
                              Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        if (env != null) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        CompletableFuture<Void> in = CompletableFuture.runAsync(() -> feed(process.getOutputStream(), stdin), IO);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                throw new AssertionError(command + " did not finish within " + timeout.toSeconds() + " s");
            }
            in.get();
            return new Outcome(process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } catch (ExecutionException e) {
            throw new AssertionError("I/O with " + command + " failed", e.getCause());
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, IO);
    }

    /** Writes stdin and closes it; a child that exits without reading everything is not an error. */
    private static void feed(OutputStream stream, byte[] bytes) {
        try (stream) {
            stream.write(bytes);
        } catch (IOException childStoppedReading) {
            // Broken pipe: the program did not read all of its input, which it is free to do.
        }
    }
}
