package org.exoos.boot.bench.boot;

import org.agrona.DirectBuffer;
import org.exoos.boot.BootRequest;
import org.exoos.boot.Launcher;
import org.exoos.boot.RunRequest;
import org.exoos.boot.Terminal;
import org.exoos.libposix.fd.Stdio;
import org.exoos.microkernel.sched.HartScheduler;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.tty.WinSize;
import org.exoos.servers.tty.service.MemoryBackend;
import org.exoos.servers.tty.service.TtyBackend;
import org.exoos.servers.tty.service.TtyInputQueue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A machine booted from an initramfs with an in-memory console (no host terminal): the caller waits for
 * what the console shows and types at it, as a user at the console would. The machine runs on a thread of
 * its own; {@link #awaitEnd} returns how it ended.
 */
public final class ConsoleSession {
    /** The end of the screen when ash waits for a command as root ({@code root@exo:~# }). */
    public static final String PROMPT_END = "# ";
    private static final Pattern BOOTED_IN = Pattern.compile("booted in (\\d+) ms");

    private final WatchedConsole console = new WatchedConsole();
    private final ByteArrayOutputStream bootLog = new ByteArrayOutputStream();
    private final CompletableFuture<Launcher.BootResult> machine = new CompletableFuture<>();

    private ConsoleSession() {}

    /** Boots {@code initramfs} (init /sbin/init, the default memory and harts, servers in threads). */
    public static ConsoleSession boot(Path initramfs) {
        ConsoleSession session = new ConsoleSession();
        OutputStream discard = OutputStream.nullOutputStream();
        BootRequest request = new BootRequest(initramfs, BootRequest.DEFAULT_INIT, BootRequest.initEnvironment("linux"),
                Stdio.streams(new ByteArrayInputStream(new byte[0]), discard, discard), RunRequest.DEFAULT_MEM_BYTES,
                Isolation.THREAD, Path.of(""), Terminal.of(session.console), HartScheduler.defaultCpus(), true,
                new PrintStream(session.bootLog, true, StandardCharsets.UTF_8));
        Thread.ofPlatform().name("exo-machine").daemon(true).start(() -> {
            try {
                session.machine.complete(Launcher.boot(request));
            } catch (Throwable t) {
                session.machine.completeExceptionally(t);
            } finally {
                session.console.wake();
            }
        });
        return session;
    }

    /**
     * Waits until the screen satisfies {@code test}; returns the screen.
     *
     * @throws TimeoutException      not within the timeout
     * @throws IllegalStateException the machine ended first
     */
    public String awaitScreen(Predicate<String> test, long timeoutMillis) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (console) {
            while (true) {
                String screen = console.device.outputText();
                if (test.test(screen)) return screen;
                if (machine.isDone()) throw new IllegalStateException("the machine ended; the screen: " + tail(screen));
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new TimeoutException("the screen: " + tail(screen));
                TimeUnit.NANOSECONDS.timedWait(console, left);
            }
        }
    }

    /** Waits for the shell's prompt at the end of the screen. */
    public String awaitPrompt(long timeoutMillis) throws TimeoutException, InterruptedException {
        return awaitScreen(s -> s.endsWith(PROMPT_END), timeoutMillis);
    }

    /** Forgets the screen so far (the next wait sees only what comes after). */
    public void clearScreen() {
        synchronized (console) {
            console.device.clearOutput();
        }
    }

    /** Types text at the console. */
    public void type(String text) { console.device.feed(text); }

    /**
     * Waits for the machine to end; how it ended.
     *
     * @throws TimeoutException not within the timeout
     * @throws Exception        what {@link Launcher#boot} threw
     */
    public Launcher.BootResult awaitEnd(long timeoutMillis) throws Exception {
        try {
            return machine.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("the machine did not end; the screen: " + tail(screen()));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** System.nanoTime of the console's first output, or 0 if none yet. */
    public long firstOutputNanos() { return console.firstOutputNanos; }

    /** The kernel's "booted in N ms (JVM start to prompt)" figure, or -1 if it did not print it (yet). */
    public long bootedInMillis() {
        Matcher m = BOOTED_IN.matcher(bootLog.toString(StandardCharsets.UTF_8));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The screen so far. */
    public String screen() { return console.device.outputText(); }

    private static String tail(String screen) {
        String s = screen.length() > 400 ? "..." + screen.substring(screen.length() - 400) : screen;
        return s.replace("\r", "").replace("\n", "\\n");
    }

    /** A {@link MemoryBackend} whose output wakes those waiting for the screen. */
    private static final class WatchedConsole implements TtyBackend {
        final MemoryBackend device = new MemoryBackend(24, 80);
        volatile long firstOutputNanos;

        @Override public void start(Runnable inputArrived) { device.start(inputArrived); }

        @Override public TtyInputQueue input() { return device.input(); }

        @Override
        public void writeOutput(DirectBuffer src, int offset, int length) {
            if (firstOutputNanos == 0 && length > 0) firstOutputNanos = System.nanoTime();
            synchronized (this) {
                device.writeOutput(src, offset, length);
                notifyAll();
            }
        }

        synchronized void wake() { notifyAll(); }

        @Override public boolean windowSize(WinSize dst) { return device.windowSize(dst); }

        @Override public boolean isTerminal() { return device.isTerminal(); }

        @Override public void close() { device.close(); }
    }
}
