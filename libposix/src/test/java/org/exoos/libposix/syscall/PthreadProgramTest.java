package org.exoos.libposix.syscall;

import org.exoos.hal.cpu.exec.Interpreter;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.fd.Stdio;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.Program;
import org.exoos.libposix.support.RiscvPrograms;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.sched.HartScheduler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * integration-tests' threads.c (pthreads over clone and futex: 4 threads, mutex, condvar, barrier) on a
 * machine of 2 harts, with clone's thread path registered here: the whole program, in both C libraries.
 */
class PthreadProgramTest {
    static final String EXPECTED_END = "spinner created: yes\nthread calls exit(3)\n";

    @ParameterizedTest
    @ValueSource(strings = {"glibc", "musl"})
    void threadsProgramRunsToItsEnd(String libc) throws Exception {
        Path source = RiscvPrograms.repoRoot().resolve("integration-tests/src/test/c/threads.c");
        Assumptions.assumeTrue(RiscvPrograms.compilerAvailable(), "riscv64-linux-gnu-gcc is not installed");
        Path out = RiscvPrograms.OUT.resolve(libc).resolve("threads");
        Files.createDirectories(out.getParent());
        Process cc = new ProcessBuilder("bash", RiscvPrograms.repoRoot().resolve("tools/riscv-cc.sh").toString(), libc,
                out.toString(), source.toString()).redirectErrorStream(true).start();
        String ccOutput = new String(cc.getInputStream().readAllBytes());
        assertTrue(cc.waitFor(300, TimeUnit.SECONDS) && cc.exitValue() == 0, ccOutput);

        SyscallTable table = SyscallTable.linux();
        if (table.entries().stream().noneMatch(e -> e.name().equals("clone"))) {
            table.add("clone", SysThreads::cloneThread); // until the process family registers clone itself
        }
        LinuxPersonality linux = new LinuxPersonality(table);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream(), stderr = new ByteArrayOutputStream();
        try (PhysicalMemory memory = new PhysicalMemory(64L << 20);
             org.exoos.servers.framework.Supervisor servers = new org.exoos.servers.framework.Supervisor()) {
            org.exoos.libposix.support.ProcessManagers.attach(linux, servers);
            FrameAllocator frames = new FrameAllocator(memory);
            HartScheduler starter = new HartScheduler(memory, Interpreter::new, linux, frames, 2);
            linux.attachTaskStarter(starter);
            PosixProcess p = linux.spawn(frames, new Program(Files.readAllBytes(out),
                    out.toString(), out.toString(), List.of(out.toString()), List.of()),
                    Stdio.streams(new ByteArrayInputStream(new byte[0]), stdout, stderr), Credentials.ofHost());
            var first = p.threads().getFirst().task();
            starter.start(first);
            starter.awaitEnd(first);
            assertTrue(p.hasExited());
            starter.shutdown();
            assertEquals(0, starter.liveTasks(), "every thread stopped");
            String text = stdout.toString(StandardCharsets.UTF_8);
            assertFalse(text.contains("FAIL"), text);
            assertTrue(text.endsWith(EXPECTED_END), text);
            assertEquals(3, p.shellStatus(), text + stderr);
            // the personality frees the address space once the last thread's run loop has ended
        }
    }
}
