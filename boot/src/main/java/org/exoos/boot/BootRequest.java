package org.exoos.boot;

import org.exoos.libposix.fd.Stdio;
import org.exoos.microkernel.sched.HartScheduler;
import org.exoos.servers.framework.Isolation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Launcher#boot} boots: a machine whose root tmpfs is filled from an initramfs, running init from
 * it as pid 1, uid 0, in "/".
 *
 * @param initramfs     host path of the cpio newc archive unpacked into the root
 * @param init          guest path of the first program ({@value #DEFAULT_INIT} by default), exec'd as execve
 *                      does (ELF or {@code #!} script)
 * @param env           init's environment: Linux gives init a minimal one ({@link #initEnvironment})
 * @param stdio         what fds 0, 1 and 2 are (before the terminal takes those that are terminals)
 * @param memBytes      size of the machine's physical memory
 * @param isolation     how the servers are hosted
 * @param hostDirectory the host directory mounted at /mnt/host
 * @param terminal      which terminal, if any, the stdio goes through
 * @param cpus          1..64 harts (default: the host's cores), or {@link RunRequest#HART_PER_TASK}
 * @param aslr          address space layout randomization
 * @param bootLog       where the one-line boot log goes when init starts, or null for none
 */
public record BootRequest(Path initramfs, String init, Map<String, String> env, Stdio stdio, long memBytes,
                          Isolation isolation, Path hostDirectory, Terminal terminal, int cpus, boolean aslr,
                          PrintStream bootLog) {
    public static final String DEFAULT_INIT = "/sbin/init";
    /** Linux's init gets PATH from the init program's own defaults; ours is the usual one. */
    public static final String INIT_PATH = "/sbin:/usr/sbin:/bin:/usr/bin";

    public BootRequest {
        Objects.requireNonNull(initramfs, "initramfs");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(terminal, "terminal");
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        hostDirectory = hostDirectory.toAbsolutePath().normalize();
        if (cpus < 0 || cpus > HartScheduler.MAX_CPUS) throw new IllegalArgumentException("cpus must be 0..64: " + cpus);
    }

    /**
     * A boot of {@value #DEFAULT_INIT} from the archive with the default memory, servers in threads, the
     * host's terminal if stdin is one, the host's current directory at /mnt/host, and no boot log.
     */
    public BootRequest(Path initramfs, Stdio stdio) {
        this(initramfs, DEFAULT_INIT, initEnvironment(System.getenv("TERM")), stdio, RunRequest.DEFAULT_MEM_BYTES,
                Isolation.THREAD, Path.of(""), Terminal.HOST, HartScheduler.defaultCpus(), true, null);
    }

    /** HOME=/, TERM (the host's, or linux as the kernel sets it), and {@link #INIT_PATH}. */
    public static Map<String, String> initEnvironment(String hostTerm) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("HOME", "/");
        env.put("TERM", hostTerm == null || hostTerm.isBlank() ? "linux" : hostTerm);
        env.put("PATH", INIT_PATH);
        return env;
    }

    /** init's argv: its path alone, as the kernel runs it. */
    public List<String> argv() { return List.of(init); }

    public BootRequest withInit(String path) {
        return new BootRequest(initramfs, path, env, stdio, memBytes, isolation, hostDirectory, terminal, cpus, aslr, bootLog);
    }

    public BootRequest withMemBytes(long bytes) {
        return new BootRequest(initramfs, init, env, stdio, bytes, isolation, hostDirectory, terminal, cpus, aslr, bootLog);
    }

    public BootRequest withIsolation(Isolation servers) {
        return new BootRequest(initramfs, init, env, stdio, memBytes, servers, hostDirectory, terminal, cpus, aslr, bootLog);
    }

    public BootRequest withTerminal(Terminal t) {
        return new BootRequest(initramfs, init, env, stdio, memBytes, isolation, hostDirectory, t, cpus, aslr, bootLog);
    }

    public BootRequest withCpus(int harts) {
        return new BootRequest(initramfs, init, env, stdio, memBytes, isolation, hostDirectory, terminal, harts, aslr, bootLog);
    }

    public BootRequest withAslr(boolean randomize) {
        return new BootRequest(initramfs, init, env, stdio, memBytes, isolation, hostDirectory, terminal, cpus, randomize, bootLog);
    }

    public BootRequest withBootLog(PrintStream log) {
        return new BootRequest(initramfs, init, env, stdio, memBytes, isolation, hostDirectory, terminal, cpus, aslr, log);
    }

    /** The machine's part of the request, as a run's (its program field unused). */
    RunRequest machine() {
        return new RunRequest(initramfs, argv(), env, stdio, memBytes, isolation, hostDirectory, terminal, cpus, aslr);
    }
}
