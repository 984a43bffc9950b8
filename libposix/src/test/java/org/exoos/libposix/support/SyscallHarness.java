package org.exoos.libposix.support;

import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.procmgr.service.ProcMgrClient;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.fd.Stdio;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.syscall.SyscallNames;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.mm.MmStatus;
import org.exoos.microkernel.mm.Vma;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A process with no program: an address space with a scratch region, stream stdio, and a register file
 * that tests fill before "executing" an ecall through the personality.
 */
public final class SyscallHarness implements AutoCloseable {
    /** A 64 KiB read-write region for arguments and results. */
    public static final long SCRATCH = 0x10_0000L;
    public static final int SCRATCH_SIZE = 64 << 10;
    /** A read-only page. */
    public static final long READ_ONLY = 0x20_0000L;
    public static final long BRK_START = 0x40_0000L;
    public static final String EXE = "/usr/bin/fake-program";

    public final PhysicalMemory memory = new PhysicalMemory(8L << 20);
    public final FrameAllocator frames = new FrameAllocator(memory);
    public final AddressSpace space = AddressSpace.create(frames);
    public final LinuxPersonality linux = new LinuxPersonality();
    public final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    public final Task task;
    public final PosixProcess process;
    public final PosixThread thread;
    /** The servers the harness's machine has: procmgr, which knows its process as init. */
    public final Supervisor servers = new Supervisor();
    public final ProcMgrClient procmgr;

    public SyscallHarness(String stdin, Credentials credentials) {
        if (space.map(SCRATCH, SCRATCH_SIZE, Vma.READ | Vma.WRITE, 0, "") != MmStatus.OK) throw new IllegalStateException();
        space.map(READ_ONLY, AddressSpace.PAGE_SIZE, Vma.READ, 0, "");
        Stdio stdio = Stdio.streams(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        process = new PosixProcess(1, credentials, stdio.newTable());
        process.setImage(space, EXE, EXE, BRK_START);
        task = new Task(1, space);
        thread = new PosixThread(task, process, 1);
        procmgr = ProcessManagers.attach(linux, servers);
        if (linux.processTree().registerSpawned(process) != 0) throw new IllegalStateException("procmgr refused pid 1");
        linux.processes().add(process, 0, 0);
    }

    public SyscallHarness() { this("", new Credentials(1000, 1000, 1000, 1000)); }

    @Override
    public void close() {
        servers.close();
        memory.close();
    }

    /**
     * Starts a vfs server in a thread beside procmgr, attaches it, and makes {@code directory} the process's working
     * directory (processes spawned later start there too): the client.
     */
    public org.exoos.servers.vfs.service.VfsClient startVfsIn(String directory) {
        try {
            var vfs = new org.exoos.servers.vfs.service.VfsClient(servers.start(org.exoos.servers.framework.ServerSpec.of(
                    org.exoos.servers.vfs.service.VfsServiceFactory.NAME, org.exoos.servers.framework.Isolation.THREAD)).client());
            linux.attachVfs(vfs, directory);
            long cwd = vfs.chdir(process.fsCredentials(), org.exoos.servers.vfs.Vfs.NO_HANDLE, directory);
            if (cwd < 0) throw new IllegalStateException("chdir " + directory + ": " + cwd);
            process.setCwd(cwd);
            return vfs;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the vfs server did not start", e);
        }
    }

    /**
     * Makes {@code p} known as a process without a parent, in its own group {@code p.pgid()} and session
     * {@code p.sid()} (procmgr's, and the kernel's table): another process for a test to look for.
     */
    public void register(PosixProcess p) {
        if (procmgr.first(p.pid(), p.pgid(), p.sid(), 0, false) != 0) throw new IllegalStateException("procmgr refused pid " + p.pid());
        linux.processes().add(p, 0, 0);
    }

    /** Puts the number and arguments in a7 and a0..a5, lets the personality handle the ecall, returns a0. */
    public long call(String name, long... args) {
        int nr = SyscallNames.number(name);
        if (nr < 0) throw new IllegalArgumentException("no syscall " + name);
        return callNumber(nr, args);
    }

    public long callNumber(long nr, long... args) {
        UserContext ctx = task.context();
        java.util.Arrays.fill(ctx.x, 0);
        ctx.x[UserContext.A7] = nr;
        for (int i = 0; i < args.length; i++) ctx.x[UserContext.A0 + i] = args[i];
        linux.syscall(task);
        return ctx.x[UserContext.A0];
    }

    public void put(long va, byte[] bytes) {
        if (!space.copyOut(va, bytes, 0, bytes.length)) throw new IllegalArgumentException("bad address 0x" + Long.toHexString(va));
    }

    public void putString(long va, String s) {
        put(va, (s + "\0").getBytes(StandardCharsets.UTF_8));
    }

    public void putLongs(long va, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) b.putLong(v);
        put(va, b.array());
    }

    public byte[] get(long va, int len) {
        byte[] b = new byte[len];
        if (!space.copyIn(va, b, 0, len)) throw new IllegalArgumentException("bad address 0x" + Long.toHexString(va));
        return b;
    }

    public long getLong(long va) {
        return ByteBuffer.wrap(get(va, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    public int getInt(long va) {
        return ByteBuffer.wrap(get(va, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    public String getString(long va, int max) {
        return new String(space.readCString(va, max), StandardCharsets.UTF_8);
    }
}
