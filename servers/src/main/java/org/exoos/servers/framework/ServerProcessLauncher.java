package org.exoos.servers.framework;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a process-isolated server: this JVM's java binary, the project's one JVM flag file
 * (jvm.options, as an @argfile), this JVM's class path, and {@link ServerMain} with the service
 * name, the capability text, the upstream channels' capability texts and the options.
 */
final class ServerProcessLauncher {
    /** Where jvm.options is, when the search below would not find it. */
    static final String JVM_OPTIONS_PROPERTY = "exo.jvm.options";

    private ServerProcessLauncher() {
    }

    static Process start(final ServerSpec spec, final String capabilityText, final Map<String, String> upstreams)
        throws IOException {
        final List<String> command = command(spec, capabilityText, upstreams);
        final ProcessBuilder builder = new ProcessBuilder(command);
        if (spec.logFile() != null) {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        if (spec.inheritStdin()) {
            builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        }
        final Process process = builder.start();
        if (!spec.inheritStdin()) {
            process.getOutputStream().close(); // the server reads nothing from us but its channel
        }
        return process;
    }

    static List<String> command(final ServerSpec spec, final String capabilityText) throws IOException {
        return command(spec, capabilityText, Map.of());
    }

    static List<String> command(final ServerSpec spec, final String capabilityText, final Map<String, String> upstreams)
        throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("@" + jvmOptions());
        command.addAll(spec.jvmArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServerMain.class.getName());
        command.add(spec.service());
        command.add(capabilityText);
        for (final Map.Entry<String, String> upstream : upstreams.entrySet()) {
            command.add(ServerMain.UPSTREAM_ARGUMENT + upstream.getKey() + "=" + upstream.getValue());
        }
        for (final Map.Entry<String, String> option : spec.options().entrySet()) {
            command.add(option.getKey() + "=" + option.getValue());
        }
        return command;
    }

    /**
     * The project's jvm.options: the system property {@value #JVM_OPTIONS_PROPERTY}, else the
     * first found upward from where these classes were loaded, else upward from the working
     * directory.
     *
     * @throws IOException if there is none: a server JVM without the project's flags would fail
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
            found = searchUpward(Path.of(ServerProcessLauncher.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()));
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
