package org.exoos.it.difftest;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.exoos.boot.Launcher;
import org.exoos.boot.RunRequest;
import org.exoos.boot.RunResult;
import org.exoos.libposix.fd.Stdio;

/**
 * Runs a guest program on Exo-OS in this JVM through the boot API. The run happens on its own daemon
 * thread so that an engine stuck in a loop becomes a reported timeout instead of a hung test run.
 */
final class ExoRunner {
    static final long MEMORY_BYTES = 64L << 20;
    static final String TIMEOUT = "did not finish within";

    private ExoRunner() {}

    static GuestRun run(Path elf, long timeoutSeconds) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20), err = new ByteArrayOutputStream();
        RunRequest request = new RunRequest(elf, List.of(elf.toString()), Map.of(),
                Stdio.streams(InputStream.nullInputStream(), out, err), MEMORY_BYTES);
        FutureTask<RunResult> task = new FutureTask<>(() -> Launcher.run(request));
        long start = System.nanoTime();
        Thread runner = Thread.ofPlatform().daemon().name("difftest-exo-" + elf.getFileName()).start(task);
        try {
            RunResult r = task.get(timeoutSeconds, TimeUnit.SECONDS);
            return new GuestRun("exo", r.status(), out.toByteArray(), text(err), r.instret(), r.nanos(), null);
        } catch (TimeoutException e) {
            runner.interrupt();
            return new GuestRun("exo", -1, out.toByteArray(), text(err), -1, System.nanoTime() - start,
                    "Exo-OS " + TIMEOUT + " " + timeoutSeconds + " s (the run thread was abandoned)");
        } catch (ExecutionException e) {
            StringWriter trace = new StringWriter();
            e.getCause().printStackTrace(new PrintWriter(trace));
            return new GuestRun("exo", -1, out.toByteArray(), text(err), -1, System.nanoTime() - start,
                    "Launcher.run threw " + trace);
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
