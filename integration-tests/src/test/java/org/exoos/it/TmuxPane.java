package org.exoos.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One detached tmux session on a tmux server of its own (its socket in a fresh temporary directory, no user
 * configuration read), driven as a person at a terminal drives it: keys in through send-keys, the screen out
 * through capture-pane. Closing it kills what runs in the pane, then the server, then removes the directory, so a
 * user's own tmux is never touched.
 */
final class TmuxPane implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final Path directory;
    private final Path socket;
    private final String target;
    private final Map<String, String> env;

    private TmuxPane(Path directory, String session) {
        this.directory = directory;
        this.socket = directory.resolve("tmux.sock");
        this.target = session;
        // A tmux started inside a user's tmux would otherwise see that one through $TMUX.
        this.env = new HashMap<>(System.getenv());
        env.remove("TMUX");
        env.remove("TMUX_PANE");
        env.putIfAbsent("TERM", "xterm-256color");
    }

    /** True when a tmux binary is on PATH. */
    static boolean installed() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tmux"))) {
                return true;
            }
        }
        return false;
    }

    /** The tmux version line, e.g. "tmux 3.3a". */
    static String version() {
        Outcome v = Subprocess.run(List.of("tmux", "-V"), null, Path.of("."), new byte[0], COMMAND_TIMEOUT);
        return v.stdoutText().strip();
    }

    /** Starts a server and a session of {@code cols} x {@code rows} whose one pane runs {@code command}. */
    static TmuxPane start(String session, int cols, int rows, List<String> command) throws IOException {
        TmuxPane pane = new TmuxPane(Files.createTempDirectory("exo-it-tmux-"), session);
        List<String> newSession = new ArrayList<>(List.of("new-session", "-d", "-s", session,
                "-x", Integer.toString(cols), "-y", Integer.toString(rows)));
        newSession.addAll(command);
        try {
            pane.tmux(newSession);
        } catch (RuntimeException | Error e) {
            pane.close();
            throw e;
        }
        return pane;
    }

    /** The directory this pane's server lives in (and the caller may keep its own files in). */
    Path directory() {
        return directory;
    }

    /** Types {@code text} literally, no key names interpreted. */
    void type(String text) {
        tmux(List.of("send-keys", "-t", target, "-l", text));
    }

    /** Presses keys by tmux name: Enter, Escape, C-c, ... */
    void press(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", target));
        args.addAll(List.of(keys));
        tmux(args);
    }

    /** The visible screen, one line per row, trailing blanks trimmed. */
    String screen() {
        return tmux(List.of("capture-pane", "-p", "-t", target));
    }

    /** The whole scrollback and screen, wrapped lines joined, as they were printed. */
    String history() {
        return tmux(List.of("capture-pane", "-p", "-J", "-S", "-", "-t", target));
    }

    /** Resizes the window as a terminal emulator's window resize does. */
    void resize(int cols, int rows) {
        tmux(List.of("resize-window", "-t", target, "-x", Integer.toString(cols), "-y", Integer.toString(rows)));
    }

    /** A tmux format expanded for the pane, e.g. "#{pane_pid}". */
    String display(String format) {
        return tmux(List.of("display-message", "-p", "-t", target, format)).strip();
    }

    @Override
    public void close() {
        try {
            try {
                // What the pane runs (bin/exo's JVM and its machine) goes first, so nothing outlives the test.
                long panePid = Long.parseLong(display("#{pane_pid}"));
                ProcessHandle.of(panePid).ifPresent(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
            } catch (RuntimeException | Error noSuchPaneOrServer) {
                // Already gone: the server is killed below all the same.
            }
            Subprocess.run(tmuxCommand(List.of("kill-server")), env, directory, new byte[0], COMMAND_TIMEOUT);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temporary directory left behind is harmless.
            }
        }
    }

    private String tmux(List<String> args) {
        List<String> command = tmuxCommand(args);
        Outcome outcome = Subprocess.run(command, env, directory, new byte[0], COMMAND_TIMEOUT);
        if (outcome.status() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + outcome.summary());
        }
        return outcome.stdoutText();
    }

    private List<String> tmuxCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", "/dev/null"));
        command.addAll(args);
        return command;
    }
}
