package org.exoos.boot.bench.rings.jmh;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the JMH ring suite finds the project and puts its output. {@link RingJmh} passes both
 * directories to its forks as system properties; without them (a fork started by JMH's own
 * main, say) the project root is the nearest directory above the working one with a
 * {@code jvm.options}.
 */
final class SuitePaths {
    /** The project root: the directory holding jvm.options. */
    static final String ROOT_PROPERTY = "exo.root";
    /** Where histograms and results go; {@code boot/target/bench} under the root by default. */
    static final String OUTPUT_PROPERTY = "exo.bench.dir";

    private SuitePaths() {
    }

    static Path root() {
        final String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jvm.options"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Exo-OS root (a directory with jvm.options) above "
            + Path.of("").toAbsolutePath() + "; set -D" + ROOT_PROPERTY + "=DIR");
    }

    /** The one definition of the project's JVM flags, an argument file. */
    static Path jvmOptions() {
        return root().resolve("jvm.options");
    }

    static Path outputDirectory() {
        final String configured = System.getProperty(OUTPUT_PROPERTY);
        return configured != null ? Path.of(configured).toAbsolutePath() : root().resolve("boot/target/bench");
    }
}
