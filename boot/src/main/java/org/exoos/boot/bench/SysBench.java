package org.exoos.boot.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exoos.boot.Launcher;
import org.exoos.boot.RunRequest;
import org.exoos.boot.RunResult;
import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.fd.Stdio;
import org.exoos.servers.framework.Isolation;

/**
 * {@code exo bench sys}: a syscall the kernel answers itself (getpid) beside one that leaves it as a
 * request to the vfs server (a 1-byte read of /dev/zero), with the vfs in a thread of this JVM and in a
 * JVM of its own. The riscv64 program {@code boot/src/main/c/bench/sys.c} times its own loops with
 * clock_gettime; each configuration runs once untimed first to warm up the JIT on both sides.
 */
public final class SysBench {
    private static final Pattern RESULT = Pattern.compile("getpid_ns=([0-9.]+) vfs_read_ns=([0-9.]+)");
    private static final BenchProgram PROGRAM = new BenchProgram("sys", 0, 0, 0, "getpid, 1-byte vfs read");
    private static final long MEM_BYTES = 32L << 20;

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
        long getpids = quick ? 20_000 : 200_000;
        long reads = quick ? 5_000 : 50_000;
        try {
            Path binary = BenchBuild.locate().build(PROGRAM);
            out.printf("exo bench sys: %,d getpid and %,d 1-byte reads of /dev/zero, timed in the guest%n", getpids, reads);
            out.printf("%-10s %14s %18s%n", "vfs", "getpid ns", "/dev/zero read ns");
            // This JVM's interpreter and trap path need more than one run to settle in C2 (measured: the
            // first configuration timed was 10x slower whichever it was), so two untimed runs come first.
            runOnce(binary, Isolation.THREAD, getpids, reads);
            runOnce(binary, Isolation.THREAD, getpids, reads);
            double[] thread = measure(binary, Isolation.THREAD, getpids, reads);
            out.printf("%-10s %14.1f %18.1f%n", "thread", thread[0], thread[1]);
            double[] process = measure(binary, Isolation.PROCESS, getpids, reads);
            out.printf("%-10s %14.1f %18.1f%n", "process", process[0], process[1]);
            out.printf("RESULT getpid_ns=%.1f vfs_read_thread_ns=%.1f vfs_read_process_ns=%.1f%n",
                    thread[0], thread[1], process[1]);
            return 0;
        } catch (IOException | ExecFormatException | IllegalStateException e) {
            err.println("exo bench sys: " + e.getMessage());
            return 1;
        }
    }

    /** getpid and read nanoseconds per call from a warmed-up run with the vfs hosted as {@code isolation}. */
    private static double[] measure(Path binary, Isolation isolation, long getpids, long reads)
            throws IOException, ExecFormatException {
        // Warm-up: the interpreter, the trap path and both sides of the ring reach C2. A server in its own
        // JVM starts cold each run; the guest warms it with as many untimed reads before timing its reads.
        runOnce(binary, isolation, getpids, reads);
        return runOnce(binary, isolation, getpids, reads);
    }

    private static double[] runOnce(Path binary, Isolation isolation, long getpids, long reads)
            throws IOException, ExecFormatException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Stdio stdio = Stdio.streams(new ByteArrayInputStream(new byte[0]), stdout, stderr);
        RunRequest request = new RunRequest(binary, List.of("sys", Long.toString(getpids), Long.toString(reads)),
                Map.of("LANG", "C"), stdio, MEM_BYTES).withIsolation(isolation);
        RunResult result = Launcher.run(request);
        String text = stdout.toString(StandardCharsets.UTF_8);
        Matcher m = RESULT.matcher(text);
        if (result.status() != 0 || !m.find()) {
            throw new IllegalStateException("sys with the vfs in a " + isolation.name().toLowerCase()
                    + " exited " + result.status() + ": " + (text + stderr.toString(StandardCharsets.UTF_8)).strip());
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }
}
