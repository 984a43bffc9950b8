package org.exoos.ipc.fusion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a test main in a fresh JVM: this JVM's java binary and classpath, the project's JVM flags. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code mainClass} with {@code args}, its stdout and stderr both going to {@code output}. */
    public static Process start(final Class<?> mainClass, final Path output, final String... args) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        final Path jvmOptions = findJvmOptions();
        command.add(jvmOptions != null ? "@" + jvmOptions : "--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** The project's jvm.options, searched upward from the working directory (the module's, under surefire). */
    private static Path findJvmOptions() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("jvm.options");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
