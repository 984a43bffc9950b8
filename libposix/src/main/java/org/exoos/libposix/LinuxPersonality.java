package org.exoos.libposix;

import org.exoos.servers.protocol.Errno;

import org.exoos.hal.cpu.TrapCause;
import org.exoos.libposix.elf.ElfLoader;
import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.elf.InitialStack;
import org.exoos.libposix.elf.LoadedImage;
import org.exoos.libposix.fd.DeviceSwitch;
import org.exoos.libposix.fd.Stdio;
import org.exoos.libposix.process.AddressLayout;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.process.ProcessExit;
import org.exoos.libposix.process.ProcessTree;
import org.exoos.servers.procmgr.service.ProcMgrClient;
import org.exoos.libposix.process.ResourceLimits;
import org.exoos.libposix.process.Program;
import org.exoos.libposix.procinfo.ProcessTable;
import org.exoos.libposix.signal.SigInfo;
import org.exoos.libposix.signal.SignalDelivery;
import org.exoos.libposix.signal.Signal;
import org.exoos.libposix.sync.FutexTable;
import org.exoos.libposix.syscall.KernelLog;
import org.exoos.libposix.syscall.SyscallContext;
import org.exoos.libposix.syscall.SyscallTable;
import org.exoos.libposix.time.RealtimeClock;
import org.exoos.microkernel.Personality;
import org.exoos.microkernel.sched.TaskStarter;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.service.VfsClient;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.mm.MmStatus;
import org.exoos.microkernel.mm.Vma;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Linux riscv64 personality: starts processes from ELF files, runs their system calls through the
 * {@link SyscallTable}, and turns traps the microkernel could not resolve into signals. Kernel-wide state
 * (boot time, host name, the id counter, the entropy source) lives here; per-process state lives in
 * {@link PosixProcess}.
 */
public final class LinuxPersonality implements Personality {
    private static final Logger log = LoggerFactory.getLogger(LinuxPersonality.class);

    /** What uname(2) reports. Programs check sysname and release, so they say Linux. */
    public static final String SYSNAME = "Linux", RELEASE = "6.1.0-exo", VERSION = "#1 SMP Exo-OS 0.1.0",
            MACHINE = "riscv64";

    private final SyscallTable table;
    private final long bootNanoTime = System.nanoTime();
    /** The machine's wall clock: the host's plus what clock_settime moved it by. */
    private final RealtimeClock realtime = new RealtimeClock();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger nextId = new AtomicInteger(1);
    /** Every process by pid, for the kernel-information service (/proc); spawn registers. */
    private final ProcessTable processes = new ProcessTable();
    /** The process family, asked of procmgr; the first process spawned is init. */
    private final ProcessTree processTree = new ProcessTree(processes);
    private volatile String hostname = "exo";
    private volatile String domainname = "(none)";
    /** The vfs server, or null: then every path lookup is ENOENT. */
    private volatile VfsClient vfs;
    /** Where new processes start (their cwd), a path in the vfs. */
    private volatile String initialDirectory = "/";
    /** The character devices the kernel serves itself (the terminal), by number. */
    private final DeviceSwitch devices = new DeviceSwitch(processTree);
    /** The pipes of the FIFOs that are open, by inode. */
    private final org.exoos.libposix.fd.NamedPipes namedPipes = new org.exoos.libposix.fd.NamedPipes();
    /** The machine's futex wait queues (futex(2), clear_child_tid, robust lists). */
    private final FutexTable futexes = new FutexTable();
    /** Where clone puts new tasks; null on a machine that can run only its first task. */
    private volatile TaskStarter taskStarter;
    /** Shutdown requests (reboot(2), the host's SIGTERM) and the Ctrl-Alt-Del flag. */
    private final org.exoos.libposix.process.MachinePower power = new org.exoos.libposix.process.MachinePower();
    /** Address space layout randomization of stack, mmap base, static-pie base and brk (on unless --no-aslr). */
    private volatile boolean randomizeLayout = true;
    /** The kernel log ring syslog(2) and dmesg read. */
    private final KernelLog kernelLog = new KernelLog(bootNanoTime);

    public LinuxPersonality() { this(SyscallTable.linux()); }

    public LinuxPersonality(SyscallTable table) {
        this.table = table;
        kernelLog.append(KernelLog.NOTICE, "Linux version " + RELEASE + " (Exo-OS, a Java microkernel; "
                + Runtime.version() + ") " + VERSION);
    }

    public SyscallTable table() { return table; }
    public long bootNanoTime() { return bootNanoTime; }
    /** CLOCK_REALTIME of this machine (set by clock_settime, settimeofday), never the host's clock. */
    public RealtimeClock realtime() { return realtime; }
    public ProcessTable processes() { return processes; }
    public ProcessTree processTree() { return processTree; }

    /** The procmgr server every question about the process family goes to; attach before the first spawn. */
    public void attachProcessManager(ProcMgrClient client) { processTree.attachProcessManager(client); }
    public SecureRandom random() { return random; }
    public FutexTable futexes() { return futexes; }
    /** The machine's power state: reboot(2) asks it to end the machine. */
    public org.exoos.libposix.process.MachinePower power() { return power; }
    /** The kernel log (printk's ring): the boot banner and notable kernel events. */
    public KernelLog kernelLog() { return kernelLog; }

    /** A fresh process or thread id (pids and tids share one space, as on Linux). */
    public int newId() { return nextId.getAndIncrement(); }
    public String hostname() { return hostname; }
    public String domainname() { return domainname; }
    /** sethostname(2): the machine's one UTS namespace. */
    public void setHostname(String name) { hostname = name; }
    /** setdomainname(2). */
    public void setDomainname(String name) { domainname = name; }

    /** The vfs server's client, or null when the machine has no file system. */
    public VfsClient vfs() { return vfs; }

    /** Where new tasks (forked processes, new threads) are started; null when the machine cannot start any. */
    public TaskStarter taskStarter() { return taskStarter; }

    /** Turns address space layout randomization on or off for programs loaded from now on (bin/exo run --no-aslr). */
    public void setLayoutRandomization(boolean on) { randomizeLayout = on; }

    public boolean layoutRandomization() { return randomizeLayout; }

    /** Lets clone start new tasks through this starter (the machine's harts). */
    public void attachTaskStarter(TaskStarter starter) {
        this.taskStarter = starter;
        kernelLog.append(starter instanceof org.exoos.microkernel.sched.HartScheduler h
                ? "smp: Brought up 1 node, " + h.cpus() + " harts (RV64GC, interpreted)"
                : "smp: one hart (a host thread) per task (RV64GC, interpreted)");
    }

    /** The kernel's character devices: where an open of /dev/tty or /dev/console goes. */
    public DeviceSwitch devices() { return devices; }

    /** The named pipes (FIFOs) open on this machine. */
    public org.exoos.libposix.fd.NamedPipes namedPipes() { return namedPipes; }

    /** Gives processes spawned from now on the file system of this vfs server, starting in {@code directory}. */
    public void attachVfs(VfsClient client, String directory) {
        this.vfs = client;
        this.initialDirectory = directory;
    }

    // ---- starting a process ----

    /**
     * Creates a process running the program: a new address space with the image loaded, an 8 MiB stack
     * holding argv, envp and the auxiliary vector, and one thread ready at the entry point. The first
     * process gets pid 1 and parent 0.
     *
     * @throws ExecFormatException the file is not a static riscv64 executable
     * @throws IOException         memory ran out, or the arguments are too long
     */
    public PosixProcess spawn(FrameAllocator frames, Program program, Stdio stdio, Credentials credentials)
            throws ExecFormatException, IOException {
        AddressSpace space = AddressSpace.create(frames);
        if (space == null) throw new IOException("not enough memory to start the program");
        try {
            ProgramStart start = load(space, program, credentials, new ResourceLimits().soft(ResourceLimits.RLIMIT_STACK));
            LoadedImage image = start.image();
            long trampoline = start.sigreturnTrampoline(), sp = start.sp();

            int pid = nextId.getAndIncrement();
            PosixProcess process = new PosixProcess(pid, credentials, stdio.newTable());
            process.setImage(space, program.executable(), program.filename(), start.brkStart());
            process.setSigreturnTrampoline(trampoline);
            VfsClient fs = vfs;
            if (fs != null) {
                long cwd = fs.chdir(process.fsCredentials(), Vfs.NO_HANDLE, initialDirectory);
                if (cwd < 0) throw new IOException("cannot enter " + initialDirectory + ": " + Errno.name(cwd));
                process.setCwd(cwd);
            }
            Task task = new Task(pid, space);
            new PosixThread(task, process, pid);
            UserContext ctx = task.context();
            ctx.pc = image.entry();
            ctx.x[UserContext.SP] = sp; // every other register starts at zero, a0 (rtld_fini) included
            boolean first = processTree.init() == null;
            int registered = processTree.registerSpawned(process);
            if (registered < 0) throw new IOException("the process manager refused pid " + pid + ": " + Errno.name(registered));
            processes.add(process, sp, System.nanoTime() - bootNanoTime);
            if (first) {
                kernelLog.append("Memory: " + (long) frames.freeFrames() * AddressSpace.PAGE_SIZE / 1024 + "K/"
                        + (long) frames.totalFrames() * AddressSpace.PAGE_SIZE / 1024 + "K available");
                kernelLog.append("Run " + program.executable() + " as init process");
            }
            log.debug("pid {}: {} loaded, entry 0x{}, sp 0x{}, brk 0x{}", pid, program.executable(),
                    Long.toHexString(image.entry()), Long.toHexString(sp), Long.toHexString(image.brkStart()));
            return process;
        } catch (ExecFormatException | IOException | RuntimeException e) {
            space.destroy();
            throw e;
        }
    }

    /**
     * Where a loaded program starts: its image, the initial stack pointer, the rt_sigreturn trampoline (which
     * also marks the mmap base), and the initial program break (past the image, randomized).
     */
    public record ProgramStart(LoadedImage image, long sp, long sigreturnTrampoline, long brkStart) {}

    /**
     * Loads the program into an empty address space (spawn, execve): the image, a stack of RLIMIT_STACK bytes
     * holding argv, envp and the auxiliary vector, and the "[vdso]" trampoline page at the mmap base, placed
     * by an {@link AddressLayout} (randomized unless {@link #setLayoutRandomization} turned that off).
     *
     * @param stackLimit the soft RLIMIT_STACK of the process
     * @throws ExecFormatException the file is not a static riscv64 executable
     * @throws IOException         memory ran out, or the arguments are too long
     */
    public ProgramStart load(AddressSpace space, Program program, Credentials credentials, long stackLimit)
            throws ExecFormatException, IOException {
        AddressLayout layout = AddressLayout.choose(randomizeLayout, stackLimit, random);
        LoadedImage image = ElfLoader.load(program.image(), program.executable(), space,
                layout.pieBase(), layout.mmapBase());
        int stackProt = Vma.READ | Vma.WRITE | (image.executableStack() ? Vma.EXEC : 0);
        MmStatus s = space.map(layout.stackBottom(), layout.stackSize(), stackProt, Vma.GROWS_DOWN, "[stack]");
        if (s != MmStatus.OK) throw new IllegalStateException("stack region: " + s);
        long trampoline = mapSigreturnTrampoline(space, layout.mmapBase());
        byte[] random16 = new byte[16];
        random.nextBytes(random16);
        long sp = InitialStack.build(space, layout.stackPointer(), program.argv(), program.env(),
                program.filename(), image, credentials, random16);
        return new ProgramStart(image, sp, trampoline, image.brkStart() + layout.brkOffset());
    }

    /** {@code li a7, 139 (rt_sigreturn); ecall}: where signal handlers return (Linux keeps it in the vDSO). */
    static final int[] SIGRETURN_CODE = {0x08b0_0893, 0x0000_0073};

    /** Maps the one-page "[vdso]" holding the rt_sigreturn trampoline just above the mmap area; returns its address. */
    private static long mapSigreturnTrampoline(AddressSpace space, long at) throws IOException {
        if (space.map(at, AddressSpace.PAGE_SIZE, Vma.READ | Vma.EXEC, 0, "[vdso]") != MmStatus.OK) {
            throw new IllegalStateException("vdso page is taken");
        }
        java.nio.ByteBuffer code = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int insn : SIGRETURN_CODE) code.putInt(insn);
        if (!space.writeIgnoringProtection(at, code.array(), 0, 8)) throw new IOException("not enough memory to start the program");
        return at;
    }

    // ---- Personality ----

    @Override
    public void syscall(Task task) {
        if (!task.isAlive()) return; // another thread ended the process (exit_group, a fatal signal) meanwhile
        SyscallContext c = new SyscallContext(this, task);
        long firstArgument = task.context().x[UserContext.A0], number = task.context().syscallNumber();
        long result = table.dispatch(c);
        if (!task.isAlive()) return;
        if (!c.registersReplaced()) task.context().x[UserContext.A0] = result;
        PosixThread thread = PosixThread.of(task);
        // interrupted by a signal: restarted, or EINTR, as the signals are handled below
        if (result == -Errno.EINTR && !c.registersReplaced()) thread.syscallRestart().interrupted(number, firstArgument);
        devices.deliverSignals(thread.process()); // ^C and friends, typed since the last call
        SignalDelivery.deliverPending(thread);
    }

    /** A signal was sent to the task while it ran user code: it takes it now. */
    @Override
    public void interrupted(Task task) {
        PosixThread thread = PosixThread.of(task);
        devices.deliverSignals(thread.process());
        SignalDelivery.deliverPending(thread);
    }

    /** The thread's run loop ended; the last thread out releases the process and makes it a zombie. */
    @Override
    public void ended(Task task) {
        ProcessExit.threadEnded(this, PosixThread.of(task));
    }

    @Override
    public void fault(Task task, long cause, long tval) {
        PosixThread thread = PosixThread.of(task);
        SigInfo si = sigInfoFor(task, cause, tval);
        log.debug("pid {}: {} at 0x{} (pc 0x{}): {}", thread.process().pid(), TrapCause.name(cause),
                Long.toHexString(tval), Long.toHexString(task.context().pc), Signal.name(si.signo()));
        SignalDelivery.deliverFault(thread, si);
    }

    @Override
    public void outOfMemory(Task task, long va) {
        PosixThread thread = PosixThread.of(task);
        log.warn("pid {}: out of memory touching 0x{}: killed (SIGKILL)", thread.process().pid(), Long.toHexString(va));
        kernelLog.append(KernelLog.ERR, "Out of memory: Killed process " + thread.process().pid() + " ("
                + thread.process().comm() + ")");
        thread.process().killBy(Signal.SIGKILL);
    }

    @Override
    public void beyondFile(Task task, long va) {
        PosixThread thread = PosixThread.of(task);
        log.debug("pid {}: access at 0x{} past the end of a mapped file: SIGBUS", thread.process().pid(),
                Long.toHexString(va));
        SignalDelivery.deliverFault(thread, SigInfo.fault(Signal.SIGBUS, SigInfo.BUS_ADRERR, va));
    }

    /** The signal and siginfo Linux riscv64 gives an exception (arch/riscv/kernel/traps.c, mm/fault.c). */
    static SigInfo sigInfoFor(Task task, long cause, long tval) {
        long pc = task.context().pc;
        return switch ((int) cause) {
            case TrapCause.ILLEGAL_INSTRUCTION -> SigInfo.fault(Signal.SIGILL, SigInfo.ILL_ILLOPC, pc);
            case TrapCause.BREAKPOINT -> SigInfo.fault(Signal.SIGTRAP, SigInfo.TRAP_BRKPT, pc);
            case TrapCause.INSTRUCTION_ADDRESS_MISALIGNED, TrapCause.LOAD_ADDRESS_MISALIGNED,
                 TrapCause.STORE_ADDRESS_MISALIGNED -> SigInfo.fault(Signal.SIGBUS, SigInfo.BUS_ADRALN, tval);
            case TrapCause.INSTRUCTION_ACCESS_FAULT, TrapCause.LOAD_ACCESS_FAULT, TrapCause.STORE_ACCESS_FAULT,
                 TrapCause.INSTRUCTION_PAGE_FAULT, TrapCause.LOAD_PAGE_FAULT, TrapCause.STORE_PAGE_FAULT ->
                    SigInfo.fault(Signal.SIGSEGV, task.addressSpace().find(tval) == null ? SigInfo.SEGV_MAPERR
                            : SigInfo.SEGV_ACCERR, tval);
            default -> SigInfo.fault(Signal.SIGILL, SigInfo.ILL_ILLOPC, pc);
        };
    }
}
