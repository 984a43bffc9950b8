package org.exoos.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.exoos.boot.Launcher;
import org.exoos.boot.RunRequest;
import org.exoos.boot.RunResult;
import org.exoos.libposix.fd.Stdio;
import org.exoos.servers.framework.Isolation;

/**
 * Runs a riscv64 program on a fresh Exo-OS machine inside this JVM, through the boot API, with the invocation's
 * argv, environment and stdin, and its stdout and stderr captured.
 */
public final class ExoInProcess {
    /** Physical memory of each test machine: the largest test program (malloc_brk_mmap) peaks near 30 MiB. */
    public static final long MEM_BYTES = 64L << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("exo.it.timeout.seconds", 300));
    /** Runs happen on their own daemon thread so that a guest that never ends cannot hang the test JVM. */
    private static final ExecutorService RUNNER = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().daemon().name("exo-run-", 0).factory());

    private ExoInProcess() {}

    /** Runs with the servers in threads of this JVM (the default isolation). */
    public static Outcome run(Path binary, Invocation invocation) {
        return run(binary, invocation, Isolation.THREAD);
    }

    /** Runs with the servers hosted as the isolation says: threads of this JVM, or a JVM each. */
    public static Outcome run(Path binary, Invocation invocation, Isolation isolation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Stdio stdio = Stdio.streams(new ByteArrayInputStream(invocation.stdin()), out, err);
        RunRequest request = new RunRequest(binary, invocation.argv(), invocation.env(), stdio, MEM_BYTES)
                .withIsolation(isolation).withCpus(Invocations.cpusFor(invocation.program()));
        Future<RunResult> run = RUNNER.submit(() -> Launcher.run(request));
        try {
            RunResult result = run.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Outcome(result.status(), out.toByteArray(), err.toByteArray());
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError(invocation.program() + " (" + isolation + ") did not finish on Exo-OS within " + TIMEOUT.toSeconds()
                    + " s; stdout so far:\n" + out.toString(StandardCharsets.UTF_8).indent(4));
        } catch (ExecutionException e) {
            throw new AssertionError("Exo-OS failed to run " + binary + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            run.cancel(true);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + binary, e);
        }
    }
}
