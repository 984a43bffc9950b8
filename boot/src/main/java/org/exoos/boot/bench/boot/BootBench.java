package org.exoos.boot.bench.boot;

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

/**
 * {@code exo bench boot [--runs N] [--cycles N] [--timeout SECONDS] [--initramfs FILE]}: boot time of the
 * userland initramfs, from JVM start to the shell's prompt, each run in a fresh JVM ({@link BootOnce}) so the
 * JVM's own start-up counts; the table shows each run's phases and the medians, the RESULT line the median
 * time to the prompt. With {@code --cycles N}: N boot, {@code echo cycle-I ok}, power-off cycles, each in a fresh
 * JVM killed after the timeout (a hang); a failure is a JVM that ends otherwise than with status 0 and the
 * result line, or that logs an ERROR line (a failed hart, a kernel error). Ends with
 * {@code RESULT cycles=N ok=K hangs=H failures=F}; the exit status is 0 only when every cycle was ok.
 */
public final class BootBench {
    static final int DEFAULT_RUNS = 5;
    static final long DEFAULT_TIMEOUT_SECONDS = 60;
    private static final Pattern FIGURE = Pattern.compile("([a-z_]+)_ms=(-?[0-9]+)");
    private static final List<String> PHASES = List.of("main", "logged", "first_output", "prompt", "end");
    private static final String USAGE =
            "usage: exo bench boot [--runs N] [--cycles N] [--timeout SECONDS] [--initramfs FILE]";

    private BootBench() {}

    /** How one child JVM ended: its status ({@link #KILLED}: after the timeout) and everything it printed. */
    record Child(int status, String output, long wallMillis) {
        static final int KILLED = -1;

        /** Killed after the timeout, or gave up waiting for a step itself (then its output shows the screen). */
        boolean hung() { return status == KILLED || status == BootOnce.EXIT_HUNG; }

        boolean kernelError() { return output.lines().anyMatch(l -> l.contains("[ERROR]") || l.contains("hart failed")); }

        String resultLine() {
            return output.lines().filter(l -> l.startsWith(BootOnce.RESULT_PREFIX)).findFirst().orElse(null);
        }

        boolean ok() { return status == 0 && resultLine() != null && !kernelError(); }
    }

    /** Runs the suite; the exit status for {@code exo bench boot}. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        int runs = DEFAULT_RUNS, cycles = 0;
        long timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        Path initramfs = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size() || !List.of("--runs", "--cycles", "--timeout", "--initramfs").contains(a)) {
                err.println("exo bench boot: bad argument '" + a + "' (" + USAGE + ")");
                return 2;
            }
            String value = args.get(++i);
            if (a.equals("--initramfs")) {
                initramfs = Path.of(value);
                continue;
            }
            if (!value.matches("[0-9]{1,6}") || Integer.parseInt(value) < 1) {
                err.println("exo bench boot: " + a + " needs a positive number, not '" + value + "'");
                return 2;
            }
            switch (a) {
                case "--runs" -> runs = Integer.parseInt(value);
                case "--cycles" -> cycles = Integer.parseInt(value);
                default -> timeoutSeconds = Integer.parseInt(value);
            }
        }
        try {
            if (initramfs == null) initramfs = defaultInitramfs();
            if (!Files.isRegularFile(initramfs)) {
                err.println("exo bench boot: " + initramfs + ": No such file (build it with tools/userland.sh)");
                return 2;
            }
            return cycles > 0 ? soak(initramfs, cycles, timeoutSeconds, out)
                    : timing(initramfs, runs, timeoutSeconds, out, err);
        } catch (IOException e) {
            err.println("exo bench boot: " + e.getMessage());
            return 1;
        }
    }

    private static int timing(Path initramfs, int runs, long timeoutSeconds, PrintStream out, PrintStream err)
            throws IOException {
        out.printf("exo bench boot: %d boots of %s, each in a fresh JVM; ms since JVM start%n", runs, initramfs);
        out.printf("%-6s %8s %8s %13s %8s %8s%n", "run", "main", "logged", "first output", "prompt", "off");
        Map<String, List<Long>> all = new HashMap<>();
        for (int run = 1; run <= runs; run++) {
            Child child = spawn(initramfs, -1, timeoutSeconds);
            if (!child.ok()) {
                err.println("exo bench boot: run " + run + (child.hung() ? " hung" : " failed (status " + child.status() + ")")
                        + ":\n" + tail(child.output()));
                return 1;
            }
            Map<String, Long> f = figures(child.resultLine());
            for (String phase : PHASES) all.computeIfAbsent(phase, k -> new ArrayList<>()).add(f.get(phase));
            out.printf("%-6d %8d %8d %13d %8d %8d%n", run, f.get("main"), f.get("logged"), f.get("first_output"),
                    f.get("prompt"), f.get("end"));
        }
        out.printf("%-6s %8d %8d %13d %8d %8d%n", "median", median(all.get("main")), median(all.get("logged")),
                median(all.get("first_output")), median(all.get("prompt")), median(all.get("end")));
        out.println("main: JVM start-up to main; logged: the boot log's \"booted in\" (the console's first wait for"
                + " input, as the kernel sees it); prompt: the prompt on the screen; off: poweroff done");
        out.printf("RESULT boot_to_prompt_ms=%d logged_prompt_ms=%d jvm_to_main_ms=%d%n", median(all.get("prompt")),
                median(all.get("logged")), median(all.get("main")));
        return 0;
    }

    private static int soak(Path initramfs, int cycles, long timeoutSeconds, PrintStream out) throws IOException {
        out.printf("exo bench boot: %d cycles of boot, echo, poweroff, each in a fresh JVM (timeout %d s)%n", cycles,
                timeoutSeconds);
        int ok = 0, hangs = 0, failures = 0;
        long start = System.nanoTime();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            Child child = spawn(initramfs, cycle, timeoutSeconds);
            if (child.ok()) {
                ok++;
                out.printf("cycle %d: ok in %d ms (prompt at %d ms)%n", cycle, child.wallMillis(),
                        figures(child.resultLine()).get("prompt"));
            } else {
                if (child.hung()) {
                    hangs++;
                } else {
                    failures++;
                }
                out.printf("cycle %d: %s after %d ms; its output:%n%s%n", cycle,
                        child.hung() ? (child.status() == Child.KILLED ? "HANG (killed)" : "HANG") : "FAILED (status " + child.status()
                                + (child.kernelError() ? ", ERROR logged" : "") + ")",
                        child.wallMillis(), tail(child.output()));
            }
        }
        out.printf("%d cycles in %.1f s%n", cycles, (System.nanoTime() - start) / 1e9);
        out.printf("RESULT cycles=%d ok=%d hangs=%d failures=%d%n", cycles, ok, hangs, failures);
        return ok == cycles ? 0 : 1;
    }

    /** Runs {@link BootOnce} in a fresh JVM with this JVM's flags and class path. */
    static Child spawn(Path initramfs, int cycle, long timeoutSeconds) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Path options = jvmOptions();
        command.add("@" + options);
        // the JDK's AOT cache bin/exo gave this JVM (tools/aot.sh), if any: the boots measure what bin/exo boot does
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:AOTCache=")) command.add(a);
        }
        command.add("-D" + JVM_OPTIONS_PROPERTY + "=" + options);
        // the child gives up on a step first, so a hang is reported with its screen rather than only killed
        command.add("-D" + BootOnce.STEP_TIMEOUT_PROPERTY + "=" + TimeUnit.SECONDS.toMillis(timeoutSeconds) * 3 / 4);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BootOnce.class.getName());
        command.add(initramfs.toAbsolutePath().toString());
        if (cycle >= 0) command.add(Integer.toString(cycle));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofPlatform().daemon(true).start(() -> {
            try (InputStream in = p.getInputStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (output) {
                    output.append(text);
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.append("(reading its output failed: ").append(e.getMessage()).append(")\n");
                }
            }
        });
        int status;
        try {
            if (p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                status = p.exitValue();
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                status = Child.KILLED;
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        synchronized (output) {
            return new Child(status, output.toString(), wall);
        }
    }

    static Map<String, Long> figures(String line) {
        Map<String, Long> f = new HashMap<>();
        Matcher m = FIGURE.matcher(line);
        while (m.find()) f.put(m.group(1), Long.parseLong(m.group(2)));
        return f;
    }

    static long median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Where bin/exo says jvm.options is; servers' JVMs read it too. */
    private static final String JVM_OPTIONS_PROPERTY = "exo.jvm.options";

    /** The project's jvm.options: as bin/exo passes it, else the first found upward from the working directory. */
    private static Path jvmOptions() throws IOException {
        String configured = System.getProperty(JVM_OPTIONS_PROPERTY);
        if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jvm.options"))) return dir.resolve("jvm.options");
        }
        throw new IOException("cannot find the project's jvm.options; set -D" + JVM_OPTIONS_PROPERTY + "=PATH");
    }

    /** What tools/userland.sh builds: {@code ${EXO_INITRAMFS}}, else the cache's. */
    static Path defaultInitramfs() {
        String env = System.getenv("EXO_INITRAMFS");
        if (env != null && !env.isBlank()) return Path.of(env);
        String cache = System.getenv("EXO_CACHE");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "exo-os");
        return root.resolve("userland").resolve("initramfs.cpio");
    }
}
