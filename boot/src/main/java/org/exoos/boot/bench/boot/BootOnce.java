package org.exoos.boot.bench.boot;

import org.exoos.boot.Launcher;
import org.exoos.boot.Main;
import org.exoos.libposix.process.MachinePower;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One boot in a fresh JVM, for {@code exo bench boot} ({@link BootBench}): boots the initramfs with an in-memory
 * console, waits for the shell's prompt, optionally runs {@code echo cycle-N ok} and checks its output, types
 * {@code poweroff} and checks the machine powered off with status 0. Prints one line, {@value #RESULT_PREFIX}
 * and the phases in milliseconds since this JVM started ({@link Phases}); exits 0 on success, otherwise prints
 * {@value #FAILED_PREFIX} and why, and exits {@value #EXIT_HUNG} if a step timed out (a hang: the screen so far in
 * the line), 1 for any other failure.
 *
 * <p>Usage: {@code BootOnce INITRAMFS [CYCLE]}.
 */
public final class BootOnce {
    static final String RESULT_PREFIX = "BOOT_ONCE ";
    static final String FAILED_PREFIX = "BOOT_ONCE_FAILED ";
    /** The exit status of a run that gave up waiting for a step (the screen is in the failure line). */
    static final int EXIT_HUNG = 3;
    /** How long one step (to the prompt, a command, power off) may take: the parent sets it below its own kill. */
    static final String STEP_TIMEOUT_PROPERTY = "exo.bench.boot.stepTimeoutMillis";
    static final long DEFAULT_STEP_TIMEOUT_MILLIS = 45_000;

    private BootOnce() {}

    /**
     * What one boot measured, in milliseconds since JVM start.
     *
     * @param main        this class's main entered (the JVM's own start-up)
     * @param logged      the boot log's figure: the console's first wait for input (the prompt, as the kernel sees it)
     * @param firstOutput the console's first output (the motd)
     * @param prompt      the shell's first prompt
     * @param end         the machine ended after {@code poweroff}
     */
    public record Phases(long main, long logged, long firstOutput, long prompt, long end) {
        String line() {
            return RESULT_PREFIX + "main_ms=" + main + " logged_ms=" + logged + " first_output_ms=" + firstOutput
                    + " prompt_ms=" + prompt + " end_ms=" + end;
        }
    }

    public static void main(String[] args) {
        long mainNanos = System.nanoTime();
        long jvmStart = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .orElse(System.currentTimeMillis());
        long mainMillis = System.currentTimeMillis() - jvmStart;
        Main.configureLogging();
        if (args.length < 1 || args.length > 2) {
            System.out.println(FAILED_PREFIX + "usage: BootOnce INITRAMFS [CYCLE]");
            System.exit(2);
        }
        int status;
        try {
            Phases p = run(Path.of(args[0]), args.length == 2 ? Integer.parseInt(args[1]) : -1, mainMillis, mainNanos);
            System.out.println(p.line());
            status = 0;
        } catch (TimeoutException e) {
            System.out.println(FAILED_PREFIX + "timed out; " + e.getMessage());
            status = EXIT_HUNG;
        } catch (Exception e) {
            System.out.println(FAILED_PREFIX + e);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /**
     * Boots, waits for the prompt, runs cycle {@code cycle}'s command if not negative, powers off.
     *
     * @param mainMillis milliseconds from JVM start to {@code mainNanos}
     * @throws IllegalStateException the machine did something else than expected (its screen in the message)
     */
    public static Phases run(Path initramfs, int cycle, long mainMillis, long mainNanos) throws Exception {
        long step = Long.getLong(STEP_TIMEOUT_PROPERTY, DEFAULT_STEP_TIMEOUT_MILLIS);
        ConsoleSession session = ConsoleSession.boot(initramfs);
        session.awaitPrompt(step);
        long promptNanos = System.nanoTime();
        if (cycle >= 0) {
            String expected = "cycle-" + cycle + " ok";
            session.clearScreen();
            session.type("echo " + expected + "\n");
            // the echoed command line shows "echo cycle-N ok"; the command's output is a line of its own
            session.awaitScreen(s -> s.contains("\n" + expected + "\r\n") && s.endsWith(ConsoleSession.PROMPT_END),
                    step);
        }
        session.type("poweroff\n");
        Launcher.BootResult result = session.awaitEnd(step);
        long endNanos = System.nanoTime();
        if (result.shutdown() != MachinePower.Shutdown.POWER_OFF || result.run().status() != 0) {
            throw new IllegalStateException("the machine ended by " + result.shutdown() + " with status "
                    + result.run().status() + ", not by power off with status 0");
        }
        long firstOutput = session.firstOutputNanos();
        return new Phases(mainMillis, session.bootedInMillis(),
                firstOutput == 0 ? -1 : sinceStart(firstOutput, mainMillis, mainNanos),
                sinceStart(promptNanos, mainMillis, mainNanos), sinceStart(endNanos, mainMillis, mainNanos));
    }

    private static long sinceStart(long nanos, long mainMillis, long mainNanos) {
        return mainMillis + TimeUnit.NANOSECONDS.toMillis(nanos - mainNanos);
    }

}
