package org.exoos.libposix.procinfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.fd.Stdio;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.Program;
import org.exoos.libposix.support.RiscvPrograms;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceFactory;
import org.exoos.servers.framework.ServiceRegistry;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.procinfo.ProcInfoClient;
import org.exoos.servers.procinfo.ProcInfoCodec;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.procfs.MemoryInfo;
import org.exoos.servers.vfs.procfs.MemoryMapping;
import org.exoos.servers.vfs.procfs.ProcessStatus;
import org.junit.jupiter.api.Test;

/**
 * The kernel answers procfs's questions from a spawned process as it really is, over a channel: its pid and
 * parent, ids, argv read from its stack, its VMAs, its descriptors, and the machine's memory.
 */
class KernelInfoServiceTest {
    private static final long MEMORY = 32L << 20;

    @Test
    void answersAboutASpawnedProcessFromItsMemoryAndTables() throws Exception {
        final Path program = RiscvPrograms.build("musl", "hello");
        try (PhysicalMemory memory = new PhysicalMemory(MEMORY);
             Supervisor servers = new Supervisor()) {
            final FrameAllocator frames = new FrameAllocator(memory);
            final LinuxPersonality linux = new LinuxPersonality();
            org.exoos.libposix.support.ProcessManagers.attach(linux, servers);
            final List<String> argv = new ArrayList<>(List.of(program.toString(), "one", "two words"));
            final Stdio stdio = Stdio.streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
            final PosixProcess process = linux.spawn(frames, new Program(Files.readAllBytes(program),
                program.toString(), program.toRealPath().toString(), argv, List.of("A=1")), stdio,
                new Credentials(1000, 1000, 100, 100));
            final KernelInfoService kernel = new KernelInfoService(linux.processes(), linux.processTree(), frames, 1, linux.bootNanoTime());
            final ServiceRegistry registry = new ServiceRegistry().register(new ServiceFactory() {
                @Override
                public String name() {
                    return "kernel-info-test";
                }

                @Override
                public Protocol protocol() {
                    return ProcInfoCodec.PROTOCOL;
                }

                @Override
                public Service create(final Map<String, String> options) {
                    return kernel;
                }
            });
            try (Supervisor supervisor = new Supervisor(registry)) {
                final var client = supervisor.start(ServerSpec.of("kernel-info-test", Isolation.THREAD)).client();
                final ProcInfoClient procfs = new ProcInfoClient(() -> client);
                final int pid = process.pid();

                assertEquals(pid, procfs.nextPid(0));
                assertEquals(-1, procfs.nextPid(pid));
                assertFalse(procfs.exists(pid + 1));

                final ProcessStatus status = new ProcessStatus();
                assertTrue(procfs.status(pid, status));
                assertEquals('R', status.state);
                assertEquals(0, status.ppid);
                assertEquals(1000, status.uid);
                assertEquals(100, status.egid);
                assertEquals(0, status.capEffective);
                assertTrue(status.vmSize >= 8L << 20, "the 8 MiB stack at least: " + status.vmSize);
                assertEquals(8L << 20, status.vmStack);
                assertTrue(status.vmRss > 0 && status.vmPeak >= status.vmSize);
                assertTrue(status.argStart > 0 && status.argEnd > status.argStart);

                final byte[] expected = (program + "\0one\0two words\0").getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(expected, procfs.cmdline(pid));
                assertEquals("hello", procfs.comm(pid));
                assertEquals(program.toRealPath().toString(), procfs.exePath(pid));
                assertEquals(Vfs.NO_HANDLE, procfs.cwdHandle(pid), "no vfs attached: no cwd");

                final MemoryMapping mapping = new MemoryMapping();
                final List<String> names = new ArrayList<>();
                for (int i = 0; procfs.mapping(pid, i, mapping); i++) {
                    names.add((mapping.read ? "r" : "-") + (mapping.write ? "w" : "-") + (mapping.execute ? "x" : "-")
                        + " " + mapping.name);
                }
                assertTrue(names.contains("rw- [stack]"), names.toString());
                assertTrue(names.contains("r-x [vdso]"), names.toString());
                assertTrue(names.contains("r-x " + program.toRealPath()), names.toString());

                assertEquals(0, procfs.nextFd(pid, -1));
                assertEquals(1, procfs.nextFd(pid, 0));
                assertEquals(2, procfs.nextFd(pid, 1));
                assertEquals(-1, procfs.nextFd(pid, 2));
                assertEquals(Vfs.NO_HANDLE, procfs.fdHandle(pid, 1));
                assertNull(procfs.fdLinkText(pid, 7));

                final MemoryInfo info = new MemoryInfo().clear();
                procfs.memory(info);
                assertEquals(MEMORY, info.total);
                assertEquals((long) frames.freeFrames() * 4096, info.free);
                assertEquals(1, procfs.hartCount());
                assertEquals(KernelInfoService.MMU, procfs.mmu());
                final long up = procfs.uptimeNanos();
                Thread.sleep(5);
                assertTrue(procfs.uptimeNanos() > up);
                assertEquals(0, procfs.failures());

                process.exit(3);
                assertTrue(procfs.status(pid, status.clear()));
                assertEquals('Z', status.state);
                assertEquals(0, procfs.cmdline(pid).length, "a zombie has no memory");
                linux.processes().remove(pid);
                assertFalse(procfs.exists(pid));
            } finally {
                process.addressSpace().destroy();
            }
        }
    }

    @Test
    void characterDevicesAreNamedAsUdevNamesThem() {
        assertEquals("/dev/pts/3", KernelInfoService.characterDevice(org.exoos.libposix.fd.FileStat.makedev(136, 3)));
        assertEquals("/dev/null", KernelInfoService.characterDevice(org.exoos.libposix.fd.FileStat.makedev(1, 3)));
        assertEquals("/dev/tty", KernelInfoService.characterDevice(org.exoos.libposix.fd.FileStat.makedev(5, 0)));
        assertNull(KernelInfoService.characterDevice(org.exoos.libposix.fd.FileStat.makedev(250, 0)));
    }
}
