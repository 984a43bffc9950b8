package org.exoos.boot;

import org.exoos.libposix.fd.Stdio;
import org.exoos.microkernel.sched.HartScheduler;
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
 * @param cpus          1..64: the machine's harts, shared by the tasks through the scheduler ({@code --cpus N};
 *                      the default is the host's cores); {@link #HART_PER_TASK}: every task on a host thread of
 *                      its own, scheduled by the host (a baseline for measurements and tests)
 * @param aslr          address space layout randomization (on by default; {@code --no-aslr} turns it off)
 */
public record RunRequest(Path program, List<String> argv, Map<String, String> env, Stdio stdio, long memBytes,
                         Isolation isolation, Path hostDirectory, Terminal terminal, int cpus,
                         boolean aslr) {
    /** {@link #cpus()} of a machine without the scheduler: each task on a hart (a host thread) of its own. */
    public static final int HART_PER_TASK = 0;
    /** The default physical memory: 256 MiB. */
    public static final long DEFAULT_MEM_BYTES = 256L << 20;

    public RunRequest {
        argv = List.copyOf(argv);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        java.util.Objects.requireNonNull(isolation, "isolation");
        java.util.Objects.requireNonNull(terminal, "terminal");
        hostDirectory = hostDirectory.toAbsolutePath().normalize();
        if (cpus < 0 || cpus > HartScheduler.MAX_CPUS) throw new IllegalArgumentException("cpus must be 0..64: " + cpus);
    }

    /**
     * A run with the servers in threads, starting in the host's current directory, through the host's
     * terminal if stdin is one ({@link Terminal#HOST}).
     */
    public RunRequest(Path program, List<String> argv, Map<String, String> env, Stdio stdio, long memBytes) {
        this(program, argv, env, stdio, memBytes, Isolation.THREAD, Path.of(""), Terminal.HOST, HartScheduler.defaultCpus(),
                true);
    }

    public RunRequest withIsolation(Isolation servers) {
        return new RunRequest(program, argv, env, stdio, memBytes, servers, hostDirectory, terminal, cpus, aslr);
    }

    public RunRequest withHostDirectory(Path directory) {
        return new RunRequest(program, argv, env, stdio, memBytes, isolation, directory, terminal, cpus, aslr);
    }

    public RunRequest withTerminal(Terminal newTerminal) {
        return new RunRequest(program, argv, env, stdio, memBytes, isolation, hostDirectory, newTerminal, cpus, aslr);
    }

    public RunRequest withAslr(boolean randomize) {
        return new RunRequest(program, argv, env, stdio, memBytes, isolation, hostDirectory, terminal, cpus, randomize);
    }

    public RunRequest withCpus(int harts) {
        return new RunRequest(program, argv, env, stdio, memBytes, isolation, hostDirectory, terminal, harts, aslr);
    }
}
