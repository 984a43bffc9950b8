package org.exoos.boot.bench.rings;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the ring benchmark finds the project's one JVM flag file (child JVMs start with it, as
 * bin/exo starts this one) and where it writes its plot and logs (boot/target/bench).
 */
final class BenchPaths {
    /** Overrides the search for jvm.options. */
    static final String JVM_OPTIONS_PROPERTY = "exo.jvm.options";

    private BenchPaths() {
    }

    /**
     * The project's jvm.options: the system property {@value #JVM_OPTIONS_PROPERTY}, else the
     * first found upward from where these classes were loaded (boot/target/classes), else upward
     * from the working directory.
     *
     * @throws IOException if there is none: a child JVM without the project's flags would fail
     */
    static Path jvmOptions() throws IOException {
        final String configured = System.getProperty(JVM_OPTIONS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            final Path path = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new IOException("-D" + JVM_OPTIONS_PROPERTY + "=" + configured + ": no such file");
            }
            return path;
        }
        Path found = null;
        try {
            found = searchUpward(Path.of(BenchPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (final URISyntaxException | SecurityException | NullPointerException e) {
            // fall back to the working directory
        }
        if (found == null) {
            found = searchUpward(Path.of("").toAbsolutePath());
        }
        if (found == null) {
            throw new IOException("cannot find the project's jvm.options (above " + Path.of("").toAbsolutePath()
                + "); set -D" + JVM_OPTIONS_PROPERTY + "=PATH");
        }
        return found;
    }

    /** boot/target/bench of the project that holds jvm.options. */
    static Path benchDirectory() throws IOException {
        return jvmOptions().getParent().resolve("boot").resolve("target").resolve("bench");
    }

    private static Path searchUpward(final Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("jvm.options");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
