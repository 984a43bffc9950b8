package org.exoos.it.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.exoos.it.Outcome;
import org.exoos.it.Subprocess;
import org.exoos.it.TestPrograms;

/** Runs bin/exo as a user would: a subprocess with this JVM's environment, from the repository root. */
final class ExoCommand {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private ExoCommand() {}

    static Path script() {
        return TestPrograms.repoRoot().resolve("bin/exo");
    }

    static boolean exists() {
        return Files.isExecutable(script());
    }

    /** {@code bin/exo ARG...} with empty stdin. */
    static Outcome run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(script().toString());
        command.addAll(List.of(args));
        return Subprocess.run(command, null, TestPrograms.repoRoot(), new byte[0], TIMEOUT);
    }
}
