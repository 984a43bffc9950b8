package org.exoos.boot;

import org.exoos.libposix.fd.Stdio;
import org.exoos.servers.framework.Isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link Launcher#run} runs.
 *
 * @param program       host path of a static riscv64 ELF executable
 * @param argv          the program's arguments, argv[0] included
 * @param env           its environment, in the order given
 * @param stdio         what fds 0, 1 and 2 are (before the terminal takes those that are terminals)
 * @param memBytes      size of the machine's physical memory (a multiple of 4 KiB)
 * @param isolation     how the servers (vfs, tty) are hosted: threads of this JVM, or processes of their own
 * @param hostDirectory the host directory mounted at /mnt/host, where the program starts (its cwd)
 * @param terminal      which terminal, if any, the stdio goes through
 */
public record RunRequest(Path program, List<String> argv, Map<String, String> env, Stdio stdio, long memBytes,
                         Isolation isolation, Path hostDirectory, Terminal terminal) {
    /** The default physical memory: 256 MiB. */
    public static final long DEFAULT_MEM_BYTES = 256L << 20;

    public RunRequest {
        argv = List.copyOf(argv);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        java.util.Objects.requireNonNull(isolation, "isolation");
        java.util.Objects.requireNonNull(terminal, "terminal");
        hostDirectory = hostDirectory.toAbsolutePath().normalize();
    }

    /**
     * A run with the servers in threads, starting in the host's current directory, through the host's
     * terminal if stdin is one ({@link Terminal#HOST}).
     */
    public RunRequest(Path program, List<String> argv, Map<String, String> env, Stdio stdio, long memBytes) {
        this(program, argv, env, stdio, memBytes, Isolation.THREAD, Path.of(""), Terminal.HOST);
    }

    public RunRequest withIsolation(Isolation servers) {
        return new RunRequest(program, argv, env, stdio, memBytes, servers, hostDirectory, terminal);
    }

    public RunRequest withHostDirectory(Path directory) {
        return new RunRequest(program, argv, env, stdio, memBytes, isolation, directory, terminal);
    }

    public RunRequest withTerminal(Terminal newTerminal) {
        return new RunRequest(program, argv, env, stdio, memBytes, isolation, hostDirectory, newTerminal);
    }
}
