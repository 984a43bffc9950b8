package org.exoos.libposix.support;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.exec.Interpreter;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.fd.Stdio;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.Program;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.trap.TrapDispatcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a riscv64 program to its end on the interpreter, with Java streams as its stdio. */
public final class Guest {
    private Guest() {}

    public record Result(int status, String stdout, String stderr, long instret) {}

    public static Result run(Path program, List<String> args, List<String> env, String stdin)
            throws IOException, ExecFormatException {
        try (PhysicalMemory memory = new PhysicalMemory(64L << 20);
             org.exoos.servers.framework.Supervisor servers = new org.exoos.servers.framework.Supervisor()) {
            return run(memory, servers, program, args, env, stdin);
        }
    }

    private static Result run(PhysicalMemory memory, org.exoos.servers.framework.Supervisor servers, Path program, List<String> args, List<String> env, String stdin)
            throws IOException, ExecFormatException {
        FrameAllocator frames = new FrameAllocator(memory);
        LinuxPersonality linux = new LinuxPersonality();
        ProcessManagers.attach(linux, servers);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Stdio stdio = Stdio.streams(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.addAll(args);
        PosixProcess p = linux.spawn(frames, new Program(Files.readAllBytes(program), program.toString(),
                program.toRealPath().toString(), argv, env), stdio, Credentials.ofHost());
        Hart hart = new Hart(0, memory);
        new TrapDispatcher(new Interpreter(memory), linux).run(hart, p.threads().getFirst().task());
        // The run loop's end released the process (its memory included): nothing is left to free here.
        return new Result(p.shellStatus(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                hart.instret);
    }
}
