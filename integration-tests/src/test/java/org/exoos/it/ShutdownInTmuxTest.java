package org.exoos.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two other ways out of `make run`'s machine besides poweroff (which {@link InteractiveShellInTmuxTest}
 * takes): Ctrl-D at the top-level shell, and SIGTERM to the host process. Each boots in a tmux pane of its own
 * and must end bin/exo (0 for Ctrl-D, whose console script powers off; 143 for SIGTERM) with the terminal's
 * settings as they were before (`stty -g` compared in the pane).
 */
class ShutdownInTmuxTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static Path repo, initramfs;

    @BeforeAll
    static void userland() {
        assertTrue(TmuxPane.installed(), "tmux is not installed: `make deps` (tools/deps.sh) should have installed it");
        repo = TestPrograms.repoRoot().toAbsolutePath().normalize();
        initramfs = InteractiveShellInTmuxTest.initramfs(repo);
    }

    /** A pane that records the terminal settings, boots, prints bin/exo's status and whether the settings came back. */
    private static TmuxPane boot(String name) throws Exception {
        return TmuxPane.start(name + "-" + ProcessHandle.current().pid(), 100, 30, List.of("/bin/sh", "-c",
                "cd \"$1\" && s=$(stty -g); \"$1/bin/exo\" boot --initramfs \"$2\"; echo \"EXITED $?\"; "
                        + "[ \"$(stty -g)\" = \"$s\" ] && echo TERMINAL-RESTORED || echo TERMINAL-CHANGED; exec sleep 600",
                "exo-it", repo.toString(), initramfs.toString()));
    }

    private static void await(TmuxPane pane, String what, Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String screen;
        while (!condition.test(screen = pane.history())) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("not within " + DEADLINE + ": " + what + "\n" + screen);
            Thread.sleep(100);
        }
    }

    private static boolean atPrompt(String screen) {
        return screen.lines().anyMatch(l -> l.strip().endsWith("# "))
                || screen.stripTrailing().endsWith("#");
    }

    @Test
    void ctrlDAtTheTopLevelShellPowersOffAndRestoresTheTerminal() throws Exception {
        try (TmuxPane pane = boot("exo-it-ctrld")) {
            await(pane, "the prompt", ShutdownInTmuxTest::atPrompt);
            pane.press("C-d");
            await(pane, "bin/exo ends with status 0", s -> s.contains("EXITED 0"));
            await(pane, "the terminal's settings back", s -> s.contains("TERMINAL-RESTORED"));
        }
    }

    @Test
    void sigtermToTheHostProcessShutsDownAndRestoresTheTerminal() throws Exception {
        try (TmuxPane pane = boot("exo-it-term")) {
            await(pane, "the prompt", ShutdownInTmuxTest::atPrompt);
            long panePid = Long.parseLong(pane.display("#{pane_pid}"));
            Optional<ProcessHandle> jvm = ProcessHandle.of(panePid).stream().flatMap(ProcessHandle::descendants)
                    .filter(p -> p.info().command().orElse("").endsWith("/java")
                            && p.info().arguments().map(a -> List.of(a).contains("org.exoos.boot.Main")).orElse(false))
                    .findFirst();
            assertTrue(jvm.isPresent(), "bin/exo's JVM is not among the pane's processes");
            assertTrue(jvm.get().destroy(), "SIGTERM could not be sent"); // destroy() is SIGTERM
            await(pane, "bin/exo ends by SIGTERM (143)", s -> s.contains("EXITED 143"));
            await(pane, "the terminal's settings back", s -> s.contains("TERMINAL-RESTORED"));
        }
    }
}
