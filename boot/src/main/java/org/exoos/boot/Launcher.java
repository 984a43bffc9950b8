package org.exoos.boot;

import org.exoos.hal.cpu.exec.Interpreter;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.fd.DeviceSwitch;
import org.exoos.libposix.fd.HostFile;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.Stdio;
import org.exoos.libposix.fd.TtyDevice;
import org.exoos.libposix.fd.TtyFile;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.MachinePower;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.syscall.ErrnoException;
import org.exoos.libposix.syscall.SysExec;
import org.exoos.libposix.syscall.SyscallTable;
import org.exoos.servers.vfs.Vfs;
import org.exoos.libposix.process.Program;
import org.exoos.libposix.procinfo.KernelInfoService;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.sched.HartScheduler;
import org.exoos.microkernel.sched.ThreadPerTaskStarter;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerHandle;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.procmgr.service.ProcMgrClient;
import org.exoos.servers.procmgr.service.ProcMgrServiceFactory;
import org.exoos.servers.framework.ServiceRegistry;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.procinfo.ProcInfoCodec;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.tty.service.TtyClient;
import org.exoos.servers.tty.service.TtyServiceFactory;
import org.exoos.servers.vfs.service.VfsClient;
import org.exoos.servers.vfs.service.VfsServiceFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Boots a fresh Exo-OS machine and runs one program on it as the first process, to its end; the processes
 * and threads it starts share the machine's harts ({@link HartScheduler}, {@link RunRequest#cpus()}) and end with it.
 * The machine's file system is a vfs server (in a thread or a process, as the request says) with the
 * request's host directory mounted at /mnt/host, where the program starts. When the run has a terminal
 * ({@link Terminal}), a tty server stands between it and the program's stdio, as the console.
 * This is what {@code bin/exo run} and the integration tests call; {@link #boot} is {@code bin/exo boot}: the
 * root filled from an initramfs and init started from it.
 */
public final class Launcher {
    private Launcher() {}

    /** Larger files are refused before reading: no program we can run is this big. */
    static final long MAX_PROGRAM_BYTES = 1L << 30;

    /**
     * Runs the program and returns how it ended.
     *
     * @throws ExecFormatException the file is not a static riscv64 executable (a shell's status 126)
     * @throws NoSuchFileException the program does not exist (status 127)
     * @throws IOException         it cannot be read, or memory runs out while starting it (status 126)
     */
    public static RunResult run(RunRequest r) throws ExecFormatException, NoSuchFileException, IOException {
        byte[] image = readProgram(r.program());
        Program program = new Program(image, r.program().toString(), r.program().toRealPath().toString(),
                r.argv(), envStrings(r.env()));
        return machine(r, null, linux -> program, Credentials.ofHost(), VfsServiceFactory.HOST_MOUNT_POINT, true,
                null).run();
    }

    /**
     * Boots the machine from its initramfs: the vfs server fills the root tmpfs from the archive, then init
     * is exec'd from its guest path through the vfs as execve would (an ELF or a {@code #!} script) as pid 1,
     * uid 0, in "/", with the console as stdio; as on Linux, the console is not init's controlling terminal.
     * The machine ends when init ends: by itself, by reboot(2) (power off, halt, restart: {@link BootResult#shutdown}),
     * or by SIGTERM to this JVM (every process is ended, the servers stop and the terminal is restored before
     * the JVM exits).
     *
     * @throws NoSuchFileException init does not exist in the archive (status 127)
     * @throws ExecFormatException init is not a program (status 126)
     * @throws IOException         the archive is malformed, init cannot be executed, or memory runs out
     */
    public static BootResult boot(BootRequest b) throws ExecFormatException, NoSuchFileException, IOException {
        FirstProgram init = linux -> {
            org.exoos.servers.vfs.Credentials root = org.exoos.servers.vfs.Credentials.of(1, 0, 0);
            try {
                return SysExec.program(linux.vfs(), root, Vfs.NO_HANDLE, b.init(), b.argv(), envStrings(b.env()));
            } catch (ErrnoException e) {
                String what = "init " + b.init() + ": " + Errno.describeResult(-e.errno());
                if (e.errno() == Errno.ENOEXEC) throw new ExecFormatException(what);
                throw switch (e.errno()) {
                    case Errno.ENOENT, Errno.ENOTDIR -> new NoSuchFileException(b.init(), null, what);
                    case Errno.EACCES -> new AccessDeniedException(b.init(), null, what);
                    default -> new IOException(what);
                };
            }
        };
        return machine(b.machine(), b.initramfs(), init, ROOT, "/", false, b.bootLog());
    }

    /** How a boot ended: init's status, and the shutdown reboot(2) or the host asked for (null: init just ended). */
    public record BootResult(RunResult run, MachinePower.Shutdown shutdown) {}

    /** uid, euid, gid and egid 0: init's credentials. */
    private static final Credentials ROOT = new Credentials(0, 0, 0, 0);

    /** The first program, read once the machine's file system is up. */
    private interface FirstProgram {
        Program load(LinuxPersonality linux) throws ExecFormatException, IOException;
    }

    /**
     * The one-line boot log: the time from JVM start to the console's first wait for input, which is when the
     * shell shows its prompt (without a console: to the first process's start). On the host terminal the line
     * goes through the tty, in the prompt's place: the prompt is erased, the line written, the prompt written
     * again below it, so the screen reads as if the line had come first.
     */
    private static void logBoot(PrintStream bootLog, TtyDevice terminal, boolean hostTerminal) {
        if (terminal == null) {
            bootLog.println("exo: booted in " + bootTime("init"));
            bootLog.flush();
            return;
        }
        terminal.onFirstInputWait(promptLine -> {
            String line = "exo: booted in " + bootTime("prompt");
            if (!hostTerminal) {
                bootLog.println(line);
                bootLog.flush();
                return;
            }
            byte[] head = ("\r\033[K" + line + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(head, head.length + promptLine.length);
            System.arraycopy(promptLine, 0, out, head.length, promptLine.length);
            terminal.writeBytes(out);
        });
    }

    /** Milliseconds since this JVM started (not the process: bin/exo's script runs first in the same process). */
    private static long millisSinceJvmStart() {
        return System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Milliseconds since the process started: bin/exo's script, then the JVM (exec keeps the process). */
    private static long millisSinceProcessStart() {
        long now = System.currentTimeMillis();
        return now - ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(now);
    }

    /** "N ms (JVM start to what)", and the time since the command started when a launcher script ran first. */
    private static String bootTime(String what) {
        long jvm = millisSinceJvmStart(), command = millisSinceProcessStart();
        return jvm + " ms (JVM start to " + what + (command > jvm + 20 ? "; " + command + " ms since the command started" : "") + ")";
    }

    /**
     * A machine running {@code first} as its first process, with {@code cred}, starting in {@code directory}
     * (a vfs path), to its end. The root is filled from {@code initramfs} if not null. The console becomes the
     * first process's controlling terminal if {@code controllingTerminal}. The boot log goes to
     * {@code bootLog} (if not null) as the first process is about to run.
     */
    private static BootResult machine(RunRequest r, Path initramfs, FirstProgram first, Credentials cred,
                                      String directory, boolean controllingTerminal, PrintStream bootLog)
            throws ExecFormatException, NoSuchFileException, IOException {
        CountDownLatch ended = new CountDownLatch(1);
        Thread hostTermination = null;
        // the syscall table (some 150 handlers, ~90 classes) is built on a thread of its own meanwhile
        Background<SyscallTable> syscalls = Background.start("exo-syscall-table", SyscallTable::linux);
        try (Supervisor supervisor = new Supervisor(services(r.terminal()));
             PhysicalMemory memory = new PhysicalMemory(r.memBytes());
             StartingTerminal startingTerminal = StartingTerminal.begin(supervisor, r)) {
            // the tty server comes up on a thread of its own while the kernel is built and procmgr and the vfs
            // (which unpacks the initramfs) start here: a cold JVM's boot is mostly class loading and first runs
            FrameAllocator frames = new FrameAllocator(memory);
            LinuxPersonality linux = new LinuxPersonality(syscalls.join());
            linux.setLayoutRandomization(r.aslr());
            KernelInfoService kernelInfo = new KernelInfoService(linux.processes(), linux.processTree(), frames,
                    r.cpus() == RunRequest.HART_PER_TASK ? 1 : r.cpus(), linux.bootNanoTime());
            linux.attachProcessManager(startProcessManager(supervisor, r));
            linux.attachVfs(startVfs(supervisor, r, initramfs, kernelInfo), directory);
            Program program = first.load(linux);
            TtyDevice terminal = startingTerminal.await();
            Stdio stdio = r.stdio();
            if (terminal != null) {
                linux.devices().attachConsole(terminal);
                stdio = throughTerminal(r, linux.devices().openConsole(linux.vfs()));
            }
            PosixProcess process = linux.spawn(frames, program, stdio, cred);
            if (terminal != null && controllingTerminal) {
                long attached = terminal.makeControlling(process);
                if (attached < 0) {
                    throw new IOException("the terminal cannot take the first process: " + Errno.name(attached));
                }
            }
            if (initramfs != null) { // a booted machine shuts down on the host's SIGTERM as on poweroff
                hostTermination = Thread.ofPlatform().name("exo-sigterm").unstarted(() -> {
                    linux.power().shutdown(MachinePower.Shutdown.HOST, linux.processTree());
                    try {
                        ended.await(HOST_TERMINATION_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Runtime.getRuntime().addShutdownHook(hostTermination);
            }
            if (bootLog != null) logBoot(bootLog, terminal, r.terminal() instanceof Terminal.Host);
            Task task = process.threads().getFirst().task();
            // When the first task ends the machine ends: the tasks left are killed and their harts stopped, as
            // a container ends with its pid 1. The tasks share the machine's N harts through the scheduler
            // (--cpus N, by default the host's cores); a request for HART_PER_TASK gives every task a hart (a
            // host thread) of its own instead, the first on this thread (a baseline for measurements).
            long start = System.nanoTime();
            long instructions;
            if (r.cpus() == RunRequest.HART_PER_TASK) {
                ThreadPerTaskStarter harts = new ThreadPerTaskStarter(memory, Interpreter::new, linux);
                linux.attachTaskStarter(harts);
                try {
                    harts.runHere(task); // the process's memory and files are released as its last thread ends
                } finally {
                    harts.shutdown();
                }
                instructions = harts.retiredInstructions();
            } else {
                HartScheduler harts = new HartScheduler(memory, Interpreter::new, linux, frames, r.cpus());
                linux.attachTaskStarter(harts);
                try {
                    harts.start(task);
                    harts.awaitEnd(task);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    harts.shutdown();
                }
                instructions = harts.retiredInstructions();
            }
            long nanos = System.nanoTime() - start;
            return new BootResult(new RunResult(process.shellStatus(), instructions, nanos), linux.power().requested());
        } finally { // the machine's RAM went back to the host, and the servers stopped (restoring the terminal)
            ended.countDown();
            if (hostTermination != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hostTermination);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for this
                }
            }
        }
    }

    /** How long a SIGTERM of the host waits for the machine to stop before the JVM exits anyway. */
    static final long HOST_TERMINATION_WAIT_MILLIS = 5_000;

    /** The services a machine's supervisor starts: those on the class path, the tty on the request's device. */
    private static ServiceRegistry services(Terminal terminal) {
        ServiceRegistry discovered = ServiceRegistry.discovered();
        if (!(terminal instanceof Terminal.Device device)) return discovered;
        ServiceRegistry registry = new ServiceRegistry().register(new TtyServiceFactory(options -> device.backend()));
        for (String name : discovered.names()) registry.register(discovered.factory(name)); // keeps our tty
        return registry;
    }

    /**
     * The tty server for the request's terminal, and the kernel's device for it; null when the run has no
     * terminal (stdin is not a host terminal, or {@link Terminal#NONE}). With the host's terminal the server
     * is hosted as the vfs is, reading this JVM's stdin; a device of the caller's is served in a thread.
     */
    static TtyDevice startTerminal(Supervisor supervisor, RunRequest r) throws IOException {
        ServerSpec spec;
        switch (r.terminal()) {
            case Terminal.None none -> {
                return null;
            }
            case Terminal.Host host -> {
                if (!(r.stdio().in() instanceof HostFile in && in.hostFd() == 0 && in.isTerminal())) return null;
                spec = ServerSpec.of(TtyServiceFactory.NAME, r.isolation())
                        .withOptions(Map.of(TtyServiceFactory.OPTION_BACKEND, TtyServiceFactory.BACKEND_HOST))
                        .withInheritedStdin(true)
                        .withJvmArguments(logLevelArguments());
            }
            case Terminal.Device device -> spec = ServerSpec.of(TtyServiceFactory.NAME, Isolation.THREAD);
        }
        TtyDevice terminal = new TtyDevice(DeviceSwitch.CONSOLE);
        try {
            ServerHandle handle = supervisor.start(spec, terminal); // the device takes the replies nobody awaits
            terminal.bind(new TtyClient(handle.client()));
            return terminal;
        } catch (IOException | RuntimeException e) {
            terminal.close();
            throw e;
        }
    }

    /** {@link #startTerminal} in the {@link Background}; closing it closes the terminal it started, if any. */
    private record StartingTerminal(Background<TtyDevice> started) implements AutoCloseable {
        static StartingTerminal begin(Supervisor supervisor, RunRequest r) {
            return new StartingTerminal(Background.start("exo-start-tty", () -> startTerminal(supervisor, r)));
        }

        /** The terminal, or null for none; what starting it threw. */
        TtyDevice await() throws IOException { return started.join(); }

        @Override
        public void close() {
            try {
                TtyDevice t = started.join();
                if (t != null) t.close();
            } catch (IOException | RuntimeException failedToStart) {
                // nothing was started, so nothing to close; the failure was reported by await
            }
        }
    }

    /**
     * The first process's stdio with the console in place of the terminals: all three fds for a device of
     * the caller's; with the host's terminal, those that are host terminals (the others stay host files, so
     * {@code exo run prog | less} still writes to the pipe).
     */
    private static Stdio throughTerminal(RunRequest r, TtyFile console) {
        Stdio s = r.stdio();
        if (r.terminal() instanceof Terminal.Device) return Stdio.of(console, console, console);
        return Stdio.of(hostTerminal(s.in()) ? console : s.in(), hostTerminal(s.out()) ? console : s.out(),
                hostTerminal(s.err()) ? console : s.err());
    }

    private static boolean hostTerminal(OpenFile f) { return f instanceof HostFile h && h.isTerminal(); }

    private static List<String> logLevelArguments() {
        String level = System.getProperty(LOG_LEVEL_PROPERTY);
        return level == null ? List.of() : List.of("-D" + LOG_LEVEL_PROPERTY + "=" + level);
    }

    /** slf4j-simple's level setting, which a server process gets from this JVM (bin/exo makes it quiet). */
    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    /**
     * The vfs server, with the root filled from the initramfs (if not null) and the request's host directory
     * mounted at /mnt/host, granted the kernel-information
     * channel its procfs asks the kernel on (served by {@code kernelInfo} on a kernel thread).
     */
    static VfsClient startVfs(Supervisor supervisor, RunRequest r, Path initramfs, KernelInfoService kernelInfo)
            throws IOException {
        String level = System.getProperty(LOG_LEVEL_PROPERTY);
        Map<String, String> options = new java.util.HashMap<>();
        options.put(VfsServiceFactory.HOST_DIRECTORY, r.hostDirectory().toString());
        if (initramfs != null) options.put(VfsServiceFactory.INITRAMFS, initramfs.toAbsolutePath().toString());
        ServerSpec spec = ServerSpec.of(VfsServiceFactory.NAME, r.isolation())
                .withOptions(options)
                .withJvmArguments(level == null ? List.of() : List.of("-D" + LOG_LEVEL_PROPERTY + "=" + level))
                .withUpstream(ProcInfoCodec.UPSTREAM_NAME, kernelInfo);
        return new VfsClient(supervisor.start(spec).client());
    }

    /** The procmgr server, hosted as the vfs is: the process table of record (families, groups, waits). */
    static ProcMgrClient startProcessManager(Supervisor supervisor, RunRequest r) throws IOException {
        ServerSpec spec = ServerSpec.of(ProcMgrServiceFactory.NAME, r.isolation()).withJvmArguments(logLevelArguments());
        ProcMgrClient.AsyncReplies replies = new ProcMgrClient.AsyncReplies();
        return new ProcMgrClient(supervisor.start(spec, replies).client(), replies);
    }

    private static byte[] readProgram(Path path) throws ExecFormatException, IOException {
        if (Files.isDirectory(path)) throw new IOException("is a directory");
        long size = Files.size(path); // NoSuchFileException when missing
        if (size > MAX_PROGRAM_BYTES) throw new ExecFormatException("too large to be a program (" + size + " bytes)");
        return Files.readAllBytes(path);
    }

    private static List<String> envStrings(Map<String, String> env) {
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
