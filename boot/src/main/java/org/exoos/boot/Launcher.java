package org.exoos.boot;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.exec.Interpreter;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.Program;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.trap.TrapDispatcher;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.vfs.service.VfsClient;
import org.exoos.servers.vfs.service.VfsServiceFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Boots a fresh single-hart Exo-OS machine and runs one program on it as the first process, to its end.
 * The machine's file system is a vfs server (in a thread or a process, as the request says) with the
 * request's host directory mounted at /mnt/host, where the program starts.
 * This is what {@code bin/exo run} and the integration tests call.
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

        try (Supervisor supervisor = new Supervisor();
             PhysicalMemory memory = new PhysicalMemory(r.memBytes())) {
            FrameAllocator frames = new FrameAllocator(memory);
            LinuxPersonality linux = new LinuxPersonality();
            linux.attachVfs(startVfs(supervisor, r), VfsServiceFactory.HOST_MOUNT_POINT);
            PosixProcess process = linux.spawn(frames, program, r.stdio(), Credentials.ofHost());
            Task task = process.threads().getFirst().task();
            Hart hart = new Hart(0, memory);

            long start = System.nanoTime();
            new TrapDispatcher(new Interpreter(memory), linux).run(hart, task);
            long nanos = System.nanoTime() - start;

            process.addressSpace().destroy();
            return new RunResult(process.shellStatus(), hart.instret, nanos);
        } // the machine's RAM goes back to the host, and the servers stop, here
    }

    /** slf4j-simple's level setting, which a server process gets from this JVM (bin/exo makes it quiet). */
    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    /** The vfs server, with the request's host directory mounted at /mnt/host. */
    static VfsClient startVfs(Supervisor supervisor, RunRequest r) throws IOException {
        String level = System.getProperty(LOG_LEVEL_PROPERTY);
        ServerSpec spec = ServerSpec.of(VfsServiceFactory.NAME, r.vfsIsolation())
                .withOptions(Map.of(VfsServiceFactory.HOST_DIRECTORY, r.hostDirectory().toString()))
                .withJvmArguments(level == null ? List.of() : List.of("-D" + LOG_LEVEL_PROPERTY + "=" + level));
        return new VfsClient(supervisor.start(spec).client());
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
