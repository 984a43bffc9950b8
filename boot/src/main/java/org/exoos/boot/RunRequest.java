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
 * @param stdio         what fds 0, 1 and 2 are
 * @param memBytes      size of the machine's physical memory (a multiple of 4 KiB)
 * @param vfsIsolation  how the vfs server is hosted: a thread of this JVM, or its own process
 * @param hostDirectory the host directory mounted at /mnt/host, where the program starts (its cwd)
 */
public record RunRequest(Path program, List<String> argv, Map<String, String> env, Stdio stdio, long memBytes,
                         Isolation vfsIsolation, Path hostDirectory) {
    /** The default physical memory: 256 MiB. */
    public static final long DEFAULT_MEM_BYTES = 256L << 20;

    public RunRequest {
        argv = List.copyOf(argv);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        java.util.Objects.requireNonNull(vfsIsolation, "vfsIsolation");
        hostDirectory = hostDirectory.toAbsolutePath().normalize();
    }

    /** A run with the vfs server in a thread, starting in the host's current directory. */
    public RunRequest(Path program, List<String> argv, Map<String, String> env, Stdio stdio, long memBytes) {
        this(program, argv, env, stdio, memBytes, Isolation.THREAD, Path.of(""));
    }

    public RunRequest withVfsIsolation(Isolation isolation) {
        return new RunRequest(program, argv, env, stdio, memBytes, isolation, hostDirectory);
    }

    public RunRequest withHostDirectory(Path directory) {
        return new RunRequest(program, argv, env, stdio, memBytes, vfsIsolation, directory);
    }
}
