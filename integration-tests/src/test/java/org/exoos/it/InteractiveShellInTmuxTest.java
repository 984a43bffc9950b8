package org.exoos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, acceptance 1: {@code bin/exo boot} in a terminal, used as a person uses it. The terminal is a tmux pane
 * (its own server and socket, see {@link TmuxPane}); keys go in with send-keys and every check reads the screen
 * with capture-pane, polling until it shows what is expected or a deadline passes. The session: the login prompt,
 * ls, a redirection, ps, Ctrl-C and Ctrl-Z of a foreground job, jobs and fg, an edit in vi, top, a window resize
 * seen by the foreground job (SIGWINCH) and by stty (TIOCGWINSZ), and poweroff ending bin/exo with status 0.
 * <p>
 * The initramfs is tools/userland.sh's (built here when missing; the script is idempotent). Without tmux the test
 * fails: {@code make deps} installs it.
 */
class InteractiveShellInTmuxTest {
    private static final Logger LOG = LoggerFactory.getLogger(InteractiveShellInTmuxTest.class);
    private static final String PROMPT = "root@exo:~#";
    private static final int COLS = 120;
    private static final int ROWS = 30;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(30);
    private static final Duration BOOT_DEADLINE = Duration.ofSeconds(60);
    /** The first build of the userland compiles busybox; later runs find it cached. */
    private static final Duration USERLAND_BUILD = Duration.ofMinutes(30);
    /** How long a person waits for a key to take effect before pressing it again. */
    private static final Duration KEY_RETRY = Duration.ofSeconds(5);
    /** The pause of a person who has just seen a command start, before pressing Ctrl-C or Ctrl-Z. */
    private static final Duration REACTION = Duration.ofMillis(500);
    private static final Pattern BOOTED = Pattern.compile(
            "exo: booted in \\d+ ms \\(JVM start to prompt(; \\d+ ms since the command started)?\\)");
    private static final Pattern EXITED = Pattern.compile("(?m)^EXITED (\\d+)\\s*$");

    private static TmuxPane pane;

    @BeforeAll
    static void bootInAPane() throws Exception {
        assertTrue(TmuxPane.installed(), "tmux is not installed: `make deps` (tools/deps.sh) should have installed it");
        Path repo = TestPrograms.repoRoot().toAbsolutePath().normalize();
        Path exo = repo.resolve("bin/exo");
        assertTrue(Files.isExecutable(exo), () -> "no launcher at " + exo);
        Path initramfs = initramfs(repo);
        LOG.info("{}; booting {} with {}", TmuxPane.version(), exo, initramfs);
        // The pane's command prints bin/exo's status and stays, so the status can be read off the screen.
        pane = TmuxPane.start("exo-it-" + ProcessHandle.current().pid(), COLS, ROWS, List.of("/bin/sh", "-c",
                "cd \"$1\" && \"$1/bin/exo\" boot --initramfs \"$2\"; echo \"EXITED $?\"; exec sleep 600",
                "exo-it", repo.toString(), initramfs.toString()));
    }

    @AfterAll
    static void killTheServer() {
        if (pane != null) {
            pane.close();
        }
    }

    @Test
    void aPersonAtTheTerminalUsesTheShellAndPowersOff() {
        step("the prompt", () -> awaitTranscript("a prompt after boot", BOOT_DEADLINE,
                t -> t.promptCount() == 1 && t.typedAt(0).isEmpty()));
        // the boot log is written in the prompt's place once the shell waits for input: just above it
        step("the boot log above the prompt", () -> awaitTranscript("`exo: booted in N ms (JVM start to prompt)`"
                + " on the line above the first prompt", STEP_DEADLINE, t -> t.promptCount() == 1
                && t.prompts().get(0) > 0 && BOOTED.matcher(t.lines().get(t.prompts().get(0) - 1)).matches()));

        step("stty size", () -> run("stty size", "the terminal's size, " + ROWS + " " + COLS,
                out -> out.strip().equals(ROWS + " " + COLS)));

        step("ls /", () -> run("ls /", "bin etc proc tmp usr in /",
                out -> Set.of(out.split("\\s+")).containsAll(Set.of("bin", "etc", "proc", "tmp", "usr"))));

        step("echo > file, cat", () -> run("echo hi > /tmp/f; cat /tmp/f", "hi, read back from /tmp/f",
                out -> out.strip().equals("hi")));

        step("line editing and history", () -> {
            // a typo mended with Backspace, then the same line recalled with Up and run again
            int first = transcript().promptCount() - 1;
            pane.type("echo histx");
            pane.press("BSpace");
            pane.type("ory-check");
            awaitTranscript("the edited line echoed", STEP_DEADLINE, t -> t.typedAt(first).equals("echo history-check"));
            pane.press("Enter");
            awaitTranscript("its output", STEP_DEADLINE,
                    t -> t.promptCount() > first + 1 && t.outputAfter(first).strip().equals("history-check"));
            int second = transcript().promptCount() - 1;
            pane.press("Up");
            awaitTranscript("Up recalls the line", STEP_DEADLINE, t -> t.typedAt(second).equals("echo history-check"));
            pane.press("Enter");
            awaitTranscript("the recalled line runs", STEP_DEADLINE,
                    t -> t.promptCount() > second + 1 && t.outputAfter(second).strip().equals("history-check"));
        });

        step("hello worlds through PATH", () -> run("hello-musl; hello-glibc; command -v hello-musl",
                "both C hello worlds, found in /usr/bin",
                out -> out.strip().equals("Hello, Exo-OS!\nHello, Exo-OS!\n/usr/bin/hello-musl")));

        step("ps shows command names as Linux sets them", () -> run("ps", "init and sh among the processes",
                out -> Pattern.compile("(?m)^\\s*\\d+\\s.*\\binit\\b").matcher(out).find()
                        && Pattern.compile("(?m)^\\s*\\d+\\s.*\\bsh\\b").matcher(out).find()
                        && !out.contains("{busybox}"))); // comm is the exec'd name (init), not the link's target

        step("sleep, Ctrl-C", () -> {
            int at = start("sleep 100");
            interrupt(at, "C-c", "^C and a new prompt well before sleep's 100 s", out -> out.contains("^C"));
        });

        step("sleep, Ctrl-Z", () -> {
            int at = start("sleep 100");
            interrupt(at, "C-z", "the job reported Stopped, and a new prompt", out -> out.contains("Stopped"));
        });

        step("jobs", () -> run("jobs", "the stopped sleep listed",
                out -> out.matches("(?s)\\s*\\[1]\\+\\s+Stopped\\s+sleep 100\\s*")));

        step("fg, Ctrl-C", () -> {
            int at = typeAtPrompt("fg");
            awaitTranscript("fg naming the job it continues", STEP_DEADLINE,
                    t -> t.outputAfter(at).strip().startsWith("sleep 100"));
            pause(REACTION);
            interrupt(at, "C-c", "the continued sleep interrupted, and a new prompt", out -> out.contains("^C"));
        });

        step("jobs, none left", () -> run("jobs", "no jobs", out -> out.isBlank()));

        step("vi", () -> {
            int at = typeAtPrompt("vi /tmp/v.txt");
            awaitScreen("vi open on /tmp/v.txt in command mode", s -> s.contains("\n~\n")
                    && lastLine(s).startsWith("- /tmp/v.txt"));
            pane.press("i");
            awaitScreen("vi in insert mode", s -> lastLine(s).startsWith("I /tmp/v.txt"));
            pane.type("hello from vi");
            awaitScreen("the typed line in the buffer", s -> s.startsWith("hello from vi\n"));
            pane.press("Escape");
            awaitScreen("vi back in command mode, the buffer modified",
                    s -> lastLine(s).startsWith("- /tmp/v.txt [Modified]"));
            pane.type(":wq");
            awaitScreen(":wq on vi's command line", s -> lastLine(s).equals(":wq"));
            pane.press("Enter");
            awaitTranscript("vi gone and a new prompt", STEP_DEADLINE, t -> t.promptCount() > at + 1);
        });

        step("cat the file vi wrote", () -> run("cat /tmp/v.txt", "the line written in vi",
                out -> out.strip().equals("hello from vi")));

        step("top, q", () -> {
            int at = typeAtPrompt("top");
            awaitScreen("top's load average and process header", s -> s.contains("Load average:")
                    && Pattern.compile("(?m)^\\s*PID\\s+PPID\\s+USER\\s+STAT").matcher(s).find());
            pane.press("q");
            awaitTranscript("top gone and a new prompt", STEP_DEADLINE, t -> t.promptCount() > at + 1);
        });

        // The job's shell reports SIGWINCH through its trap (once the sleep in hand ends); then stty asks TIOCGWINSZ.
        step("resize, SIGWINCH, stty size", () -> {
            int cols = 100;
            int rows = 25;
            String watcher = "sh -c 'trap \"stty size\" WINCH; echo watching; while :; do sleep 1; done'";
            int at = typeAtPrompt(watcher);
            awaitTranscript("the watcher started", STEP_DEADLINE, t -> t.outputAfter(at).equals("watching"));
            pane.resize(cols, rows);
            awaitTranscript("the foreground job's WINCH trap printing " + rows + " " + cols, STEP_DEADLINE,
                    t -> t.outputAfter(at).matches("watching(\n" + rows + " " + cols + ")+"));
            interrupt(at, "C-c", "the watcher interrupted, and a new prompt", out -> out.endsWith("^C"));
            run("stty size", "the new size, " + rows + " " + cols, out -> out.strip().equals(rows + " " + cols));
        });

        step("poweroff", () -> {
            typeAtPrompt("poweroff");
            String history = awaitTranscript("bin/exo's exit status after poweroff", STEP_DEADLINE,
                    t -> EXITED.matcher(t.text()).find()).text();
            Matcher status = EXITED.matcher(history);
            assertTrue(status.find());
            assertEquals("0", status.group(1), () -> "bin/exo's status after poweroff; the pane:\n" + history);
        });
    }

    /**
     * The archive tools/userland.sh prints as its last line: at once when it is cached, built (busybox from
     * Debian's source included) the first time.
     */
    static Path initramfs(Path repo) {
        Outcome built = Subprocess.run(List.of(repo.resolve("tools/userland.sh").toString()), null, repo,
                new byte[0], USERLAND_BUILD);
        assertEquals(0, built.status(), () -> "tools/userland.sh failed: " + built.summary());
        String[] lines = built.stdoutText().strip().split("\n");
        Path archive = Path.of(lines[lines.length - 1].strip());
        assertTrue(Files.isRegularFile(archive), () -> "tools/userland.sh printed no archive: " + built.stdoutText());
        return archive;
    }

    // ---- steps -------------------------------------------------------------------------------------------------

    /** Types {@code command} at the current prompt, presses Enter, and waits for its output and the next prompt. */
    private static void run(String command, String expectation, Predicate<String> output) {
        int at = typeAtPrompt(command);
        awaitTranscript(expectation + " after `" + command + "`", STEP_DEADLINE,
                t -> t.promptCount() > at + 1 && output.test(t.outputAfter(at)));
    }

    /** Types {@code command} and Enter, waits until the screen shows it at the prompt; the prompt's index. */
    private static int start(String command) {
        int at = typeAtPrompt(command);
        pause(REACTION);
        return at;
    }

    /** Types {@code command} and Enter at the current prompt; returns that prompt's index in the transcript. */
    private static int typeAtPrompt(String command) {
        int at = transcript().promptCount() - 1;
        pane.type(command);
        awaitTranscript("`" + command + "` echoed at the prompt", STEP_DEADLINE, t -> t.typedAt(at).equals(command));
        pane.press("Enter");
        return at;
    }

    /**
     * Presses {@code key} while the command typed at prompt {@code at} runs, until its output satisfies {@code
     * output} and a new prompt follows. The key is pressed again (as a person would) when nothing happens for
     * {@link #KEY_RETRY}: a key that arrives before the job owns the terminal goes to the shell.
     */
    private static void interrupt(int at, String key, String expectation, Predicate<String> output) {
        Predicate<Transcript> done = t -> t.promptCount() > at + 1 && output.test(t.outputAfter(at));
        long deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
        int presses = 0;
        while (true) {
            pane.press(key);
            presses++;
            long retryAt = Math.min(deadline, System.nanoTime() + KEY_RETRY.toNanos());
            if (pollUntil(retryAt, done) != null) {
                if (presses > 1) {
                    LOG.warn("{} took effect only after {} presses", key, presses);
                }
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                fail(expectation + " after " + key + " (pressed " + presses + " times) within "
                        + STEP_DEADLINE.toSeconds() + " s; the pane:\n" + pane.history().stripTrailing());
            }
        }
    }

    private static void step(String name, Runnable step) {
        long started = System.nanoTime();
        step.run();
        LOG.info("step '{}': {} ms", name, (System.nanoTime() - started) / 1_000_000);
    }

    // ---- the screen --------------------------------------------------------------------------------------------

    /** Polls the whole pane (scrollback and screen) until {@code condition} holds; fails with the pane otherwise. */
    private static Transcript awaitTranscript(String expectation, Duration deadline, Predicate<Transcript> condition) {
        Transcript t = pollUntil(System.nanoTime() + deadline.toNanos(), condition);
        if (t == null) {
            String history = pane.history().stripTrailing();
            fail("the screen did not show " + expectation + (EXITED.matcher(history).find() ? " before bin/exo ended"
                    : " within " + deadline.toSeconds() + " s") + "; the pane (scrollback and screen):\n" + history);
        }
        return t;
    }

    /** Polls the visible screen until {@code condition} holds; fails with the screen otherwise. */
    private static void awaitScreen(String expectation, Predicate<String> condition) {
        long deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
        String screen;
        while (!condition.test(screen = pane.screen())) {
            if (System.nanoTime() - deadline >= 0) {
                fail("the screen did not show " + expectation + " within " + STEP_DEADLINE.toSeconds()
                        + " s; the screen:\n" + screen);
            }
            pause(POLL);
        }
    }

    /** The transcript once {@code condition} holds, or null at {@code deadlineNanos} or once bin/exo has ended. */
    private static Transcript pollUntil(long deadlineNanos, Predicate<Transcript> condition) {
        while (true) {
            Transcript t = transcript();
            if (condition.test(t)) {
                return t;
            }
            if (System.nanoTime() - deadlineNanos >= 0 || EXITED.matcher(t.text()).find()) {
                return null;
            }
            pause(POLL);
        }
    }

    private static Transcript transcript() {
        return Transcript.of(pane.history());
    }

    private static String lastLine(String screen) {
        String[] lines = screen.stripTrailing().split("\n");
        return lines[lines.length - 1];
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The pane's text as lines (trailing blanks trimmed) and the indices of the lines that start with the prompt:
     * prompt i is where the i-th command was typed, and what the command printed runs to prompt i+1.
     */
    record Transcript(String text, List<String> lines, List<Integer> prompts) {
        static Transcript of(String text) {
            List<String> lines = new ArrayList<>();
            List<Integer> prompts = new ArrayList<>();
            for (String line : text.split("\n", -1)) {
                if (line.startsWith(PROMPT)) {
                    prompts.add(lines.size());
                }
                lines.add(line.stripTrailing());
            }
            return new Transcript(text, lines, prompts);
        }

        int promptCount() {
            return prompts.size();
        }

        /** What is typed after prompt {@code i}, or "" when there is no such prompt yet. */
        String typedAt(int i) {
            return i < prompts.size() ? lines.get(prompts.get(i)).substring(PROMPT.length()).strip() : "";
        }

        /** The lines after prompt {@code i}'s line, up to the next prompt (or the end), blank ones at the end dropped. */
        String outputAfter(int i) {
            if (i >= prompts.size()) {
                return "";
            }
            int end = i + 1 < prompts.size() ? prompts.get(i + 1) : lines.size();
            return String.join("\n", lines.subList(prompts.get(i) + 1, end)).stripTrailing();
        }
    }
}
