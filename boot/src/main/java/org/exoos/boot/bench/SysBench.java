package org.exoos.boot.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exoos.boot.Launcher;
import org.exoos.boot.RunRequest;
import org.exoos.boot.RunResult;
import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.fd.Stdio;
import org.exoos.servers.framework.Isolation;

/**
 * {@code exo bench sys}: system calls and the process machinery, from one C program
 * ({@code boot/src/main/c/bench/sys.c}) run on Exo-OS, under qemu-riscv64 and natively on the host (its host
 * build), in one run. The program times its own loops with clock_gettime after as many untimed iterations.
 * On Exo-OS every operation runs with the servers in threads of this JVM; the 1-byte /dev/zero read, a request
 * to the vfs server, also runs with the vfs in a JVM of its own.
 */
public final class SysBench {
    private static final Pattern FIGURE = Pattern.compile("([a-z_]+)=([0-9.]+)");
    private static final BenchProgram PROGRAM = new BenchProgram("sys", 0, 0, 0, "system calls, processes");
    private static final long MEM_BYTES = 64L << 20;
    private static final long HOST_TIMEOUT_SECONDS = 600;
    /** Where the vfs mounts the run's host directory, the program's directory: how the guest execs itself. */
    private static final String GUEST_HOST_MOUNT = "/mnt/host/";

    /**
     * One row of the table.
     *
     * @param op     the program's OP name
     * @param key    the program's figure for it (nanoseconds)
     * @param label  what the row measures
     * @param micros whether the table shows it in microseconds
     * @param count  iterations (timed; as many run untimed first)
     * @param quick  iterations for {@code --quick}
     */
    private record Op(String op, String key, String label, boolean micros, long count, long quick) {
        String argument(boolean quickRun) {
            return op + "=" + (quickRun ? quick : count);
        }
    }

    private static final Op GETPID = new Op("getpid", "getpid_ns", "getpid", false, 200_000, 20_000);
    private static final Op READ = new Op("read", "vfs_read_ns", "1-byte /dev/zero read", false, 50_000, 5_000);
    private static final Op PIPE = new Op("pipe", "pipe_rtt_ns", "pipe round trip", false, 20_000, 500);
    private static final Op FORK = new Op("fork", "fork_exit_wait_ns", "fork+exit+wait", true, 500, 20);
    private static final Op EXEC = new Op("exec", "fork_exec_ns", "fork+execve+wait", true, 100, 5);
    private static final Op YIELD = new Op("yield", "yield_pingpong_ns", "sched_yield ping-pong", false, 20_000, 500);
    private static final Op MMAP = new Op("mmap", "mmap_touch_ns", "mmap+touch+munmap 1 MiB", true, 200, 10);
    private static final List<Op> ALL = List.of(GETPID, READ, PIPE, FORK, EXEC, YIELD, MMAP);

    private SysBench() {}

    /** Runs the suite; returns the exit status for {@code exo bench sys}. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean quick = args.contains("--quick");
        for (String a : args) {
            if (!a.equals("--quick")) {
                err.println("exo bench sys: unknown argument '" + a + "' (usage: exo bench sys [--quick])");
                return 2;
            }
        }
        try {
            BenchBuild build = BenchBuild.locate();
            Path riscv = build.build(PROGRAM);
            Path host = build.buildHost(PROGRAM);
            out.printf("exo bench sys: %s; each timed in the program after as many untimed iterations%n", counts(quick));

            List<String> all = new ArrayList<>();
            for (Op op : ALL) all.add(op.argument(quick));
            List<String> exoArgs = new ArrayList<>(all);
            exoArgs.add("exec_path=" + GUEST_HOST_MOUNT + riscv.getFileName());
            // This JVM's interpreter and trap path need more than one run to settle in C2 (measured: the first
            // configuration timed was 10x slower whichever it was), so two untimed runs come first.
            onExo(riscv, Isolation.THREAD, exoArgs);
            onExo(riscv, Isolation.THREAD, exoArgs);
            Map<String, Double> exo = onExo(riscv, Isolation.THREAD, exoArgs);
            // A server in its own JVM starts cold each run; the program's untimed reads warm it.
            List<String> readOnly = List.of(READ.argument(quick));
            onExo(riscv, Isolation.PROCESS, readOnly);
            double readProcess = figure(onExo(riscv, Isolation.PROCESS, readOnly), READ.key, "Exo-OS (vfs process)");

            List<String> qemuCommand = new ArrayList<>(List.of(executable(QemuTiming.QEMU), riscv.toString()));
            qemuCommand.addAll(all);
            qemuCommand.add("exec_path=" + riscv.toAbsolutePath());
            qemuCommand.add("exec_via=" + executable(QemuTiming.QEMU));
            Map<String, Double> qemu = onHost(qemuCommand, "qemu-riscv64");
            List<String> nativeCommand = new ArrayList<>(List.of(host.toAbsolutePath().toString()));
            nativeCommand.addAll(all);
            nativeCommand.add("exec_path=" + host.toAbsolutePath());
            Map<String, Double> nativeRun = onHost(nativeCommand, "native");

            printTable(out, exo, readProcess, qemu, nativeRun);
            out.printf("RESULT getpid_ns=%.1f pipe_rtt_ns=%.1f fork_exit_wait_us=%.1f fork_exec_us=%.1f"
                            + " yield_pingpong_ns=%.1f native_getpid_ns=%.1f native_fork_exit_wait_us=%.1f"
                            + " qemu_fork_exit_wait_us=%.1f vfs_read_thread_ns=%.1f vfs_read_process_ns=%.1f%n",
                    figure(exo, GETPID.key, "Exo-OS"), figure(exo, PIPE.key, "Exo-OS"),
                    figure(exo, FORK.key, "Exo-OS") / 1e3, figure(exo, EXEC.key, "Exo-OS") / 1e3,
                    figure(exo, YIELD.key, "Exo-OS"), figure(nativeRun, GETPID.key, "native"),
                    figure(nativeRun, FORK.key, "native") / 1e3, figure(qemu, FORK.key, "qemu-riscv64") / 1e3,
                    figure(exo, READ.key, "Exo-OS"), readProcess);
            return 0;
        } catch (IOException | ExecFormatException | IllegalStateException e) {
            err.println("exo bench sys: " + e.getMessage());
            return 1;
        }
    }

    private static String counts(boolean quick) {
        StringBuilder b = new StringBuilder();
        for (Op op : ALL) {
            if (!b.isEmpty()) b.append(", ");
            b.append(String.format("%,d %s", quick ? op.quick : op.count, op.label));
        }
        return b.toString();
    }

    private static void printTable(PrintStream out, Map<String, Double> exo, double readProcess,
                                   Map<String, Double> qemu, Map<String, Double> nativeRun) {
        out.printf("%-40s %12s %12s %12s %9s %9s%n", "operation", "Exo-OS", "qemu-riscv64", "native",
                "Exo/qemu", "Exo/native");
        for (Op op : ALL) {
            String label = op.label + (op.micros ? " (us)" : " (ns)");
            if (op == READ) label = op.label + ", vfs thread (ns)";
            row(out, label, op, figure(exo, op.key, "Exo-OS"), qemu, nativeRun);
            if (op == READ) row(out, op.label + ", vfs process (ns)", op, readProcess, qemu, nativeRun);
        }
    }

    private static void row(PrintStream out, String label, Op op, double exoNanos, Map<String, Double> qemu,
                            Map<String, Double> nativeRun) {
        double q = figure(qemu, op.key, "qemu-riscv64"), n = figure(nativeRun, op.key, "native");
        double unit = op.micros ? 1e3 : 1;
        out.printf("%-40s %12.1f %12.1f %12.1f %9.2f %9.2f%n", label, exoNanos / unit, q / unit, n / unit,
                exoNanos / q, exoNanos / n);
    }

    private static double figure(Map<String, Double> figures, String key, String where) {
        Double value = figures.get(key);
        if (value == null) throw new IllegalStateException(where + " printed no " + key + ": " + figures);
        return value;
    }

    private static Map<String, Double> parse(String text) {
        Map<String, Double> figures = new HashMap<>();
        Matcher m = FIGURE.matcher(text);
        while (m.find()) figures.put(m.group(1), Double.parseDouble(m.group(2)));
        return figures;
    }

    /** Runs the program on Exo-OS with its own directory at /mnt/host (its working directory). */
    private static Map<String, Double> onExo(Path binary, Isolation isolation, List<String> args)
            throws IOException, ExecFormatException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Stdio stdio = Stdio.streams(new ByteArrayInputStream(new byte[0]), stdout, stderr);
        List<String> argv = new ArrayList<>();
        argv.add("sys");
        argv.addAll(args);
        RunRequest request = new RunRequest(binary, argv, Map.of("LANG", "C"), stdio, MEM_BYTES)
                .withIsolation(isolation).withHostDirectory(binary.toAbsolutePath().getParent());
        RunResult result = Launcher.run(request);
        String text = stdout.toString(StandardCharsets.UTF_8);
        if (result.status() != 0) {
            throw new IllegalStateException("sys on Exo-OS with the vfs in a " + isolation.name().toLowerCase()
                    + " exited " + result.status() + ": " + (text + stderr.toString(StandardCharsets.UTF_8)).strip());
        }
        return parse(text);
    }

    /** Runs a command on the host with a fixed, minimal environment; its stdout's figures. */
    private static Map<String, Double> onHost(List<String> command, String where) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "LANG", "C"));
        Process p = builder.start();
        p.getOutputStream().close();
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(HOST_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("sys " + where + " timed out");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running sys " + where, e);
        }
        if (p.exitValue() != 0) throw new IllegalStateException("sys " + where + " exited " + p.exitValue() + ": " + text.strip());
        return parse(text);
    }

    /** The absolute path of a command: execve in the program searches no PATH. */
    private static String executable(String command) throws IOException {
        if (command.contains("/")) return Path.of(command).toAbsolutePath().toString();
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) return candidate.toAbsolutePath().toString();
        }
        throw new IOException(command + " is not on the PATH");
    }
}
