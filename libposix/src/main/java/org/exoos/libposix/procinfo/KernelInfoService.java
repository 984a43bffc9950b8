package org.exoos.libposix.procinfo;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;

import org.agrona.MutableDirectBuffer;
import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.ProcessTree;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.process.ResourceUsage;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.mm.Vma;
import org.exoos.servers.framework.Reply;
import org.exoos.servers.framework.Request;
import org.exoos.servers.framework.Service;
import org.exoos.servers.procinfo.ProcInfoCodec;
import org.exoos.servers.procinfo.SystemFacts;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.procfs.MemoryMapping;
import org.exoos.servers.vfs.procfs.ProcessStatus;

/**
 * The kernel's answers to {@link ProcInfoCodec} questions, from its live process table, address spaces and
 * frame allocator: what the vfs's procfs shows. It runs on a kernel thread of its own (the supervisor's
 * upstream loop), never on a syscall thread, because a syscall thread may be waiting for the very vfs reply
 * whose making asked this question.
 * <p>
 * It reads what syscall threads change (descriptor tables, VMAs, guest memory) without stopping them, as
 * Linux's procfs reads a running task: each answer is one pass over the present state, and one that meets
 * a change mid-way fails with EIO (the framework's answer to a throwing handler) rather than lying.
 */
public final class KernelInfoService implements Service {
    /** The ISA the interpreter implements, as cpuinfo's "isa" line spells it. */
    public static final String ISA = "rv64imafdc_zicntr_zicsr_zifencei";
    /** Address translation: Sv39. */
    public static final String MMU = "sv39";
    /** Most argument bytes cmdline reads (Linux reads up to arg_end, one page at a time; we cap at a block). */
    private static final int MAX_ARGS_BYTES = 64 * 1024;

    private final ProcessTable processes;
    private final FrameAllocator frames;
    private final int harts;
    private final long bootNanoTime;
    private final LongSupplier nanoTime;
    private final ProcessStatus status = new ProcessStatus();
    private final MemoryMapping mapping = new MemoryMapping();
    private final SystemFacts facts = new SystemFacts();
    /** Who is whose parent: procmgr's answer. */
    private final ProcessTree family;
    private final FileStat stat = new FileStat();

    /**
     * Answers about {@code processes} on a machine of {@code harts} harts whose memory {@code frames}
     * allocates, booted at {@code bootNanoTime} on the {@link System#nanoTime()} clock.
     */
    public KernelInfoService(final ProcessTable processes, final ProcessTree family, final FrameAllocator frames,
                             final int harts, final long bootNanoTime) {
        this(processes, family, frames, harts, bootNanoTime, System::nanoTime);
    }

    KernelInfoService(final ProcessTable processes, final ProcessTree family, final FrameAllocator frames,
                      final int harts, final long bootNanoTime, final LongSupplier nanoTime) {
        this.processes = processes;
        this.family = family;
        this.frames = frames;
        this.harts = harts;
        this.bootNanoTime = bootNanoTime;
        this.nanoTime = nanoTime;
    }

    @Override
    public Protocol protocol() {
        return ProcInfoCodec.PROTOCOL;
    }

    @Override
    public long onRequest(final Request request, final Reply reply) {
        final int operation = request.operation();
        if (operation == ProcInfoCodec.OP_SYSTEM) {
            return system(reply);
        }
        final int pid = ProcInfoCodec.pid(request.buffer(), request.argumentsOffset());
        if (operation == ProcInfoCodec.OP_NEXT_PID) {
            return processes.nextPid(pid);
        }
        final ProcessTable.Entry entry = pid > 0 ? processes.get(pid) : null;
        if (entry == null) {
            return -Errno.ESRCH;
        }
        final PosixProcess process = entry.process();
        return switch (operation) {
            case ProcInfoCodec.OP_STATUS -> status(entry, reply);
            case ProcInfoCodec.OP_COMM -> comm(process, reply);
            case ProcInfoCodec.OP_CMDLINE -> cmdline(entry, reply);
            case ProcInfoCodec.OP_EXE -> text(process.hasExited() ? null : process.executable(), reply);
            case ProcInfoCodec.OP_CWD -> process.cwd() < 0 || process.hasExited() ? -Errno.ENOENT : process.cwd();
            case ProcInfoCodec.OP_MAPS -> maps(process, reply);
            case ProcInfoCodec.OP_FD_LIST -> fdList(process, reply);
            case ProcInfoCodec.OP_FD ->
                fd(process, ProcInfoCodec.fd(request.buffer(), request.argumentsOffset()), reply);
            default -> -Errno.ENOSYS; // the protocol check lets no other operation through
        };
    }

    // ---- per process ---------------------------------------------------------------------------

    private long status(final ProcessTable.Entry entry, final Reply reply) {
        fillStatus(entry, status.clear());
        final MutableDirectBuffer data = reply.data(ProcInfoCodec.STATUS_LENGTH);
        if (data == null) {
            return -Errno.EAGAIN;
        }
        reply.dataLength(ProcInfoCodec.encodeStatus(status, data, 0));
        return 0;
    }

    /** What /proc/[pid]/status and stat show, from the process as it is now. */
    void fillStatus(final ProcessTable.Entry entry, final ProcessStatus out) {
        final PosixProcess process = entry.process();
        final Credentials c = process.credentials();
        out.ppid = Math.max(0, family.parentPid(process.pid())); // procmgr's; a zombie being reaped: 0
        out.pgrp = process.pgid();
        out.session = process.sid();
        out.uid = c.uid();
        out.euid = c.euid();
        out.suid = c.suid();
        out.fsuid = c.fsuid();
        out.gid = c.gid();
        out.egid = c.egid();
        out.sgid = c.sgid();
        out.fsgid = c.fsgid();
        out.capPermitted = out.capEffective = c.euid() == 0 ? ProcessStatus.ALL_CAPABILITIES : 0;
        final int groups = c.groupCount();
        if (out.groups.length < groups) {
            out.groups = new int[groups];
        }
        for (int i = 0; i < groups; i++) {
            out.groups[i] = c.group(i);
        }
        out.groupCount = groups;
        out.umask = process.umask();
        out.threads = Math.max(1, process.threads().size());
        out.startTimeNanos = entry.startNanos();
        int highestFd = -1;
        for (int fd = nextFd(process, -1); fd >= 0; fd = nextFd(process, fd)) {
            highestFd = fd;
        }
        out.fdTableSize = Math.max(64, (highestFd + 64) & ~63);
        final AddressSpace space = process.addressSpace();
        if (process.hasExited() || space == null) {
            out.state = 'Z';
            out.hasMemory = false;
            out.exitCode = process.termSignal() != 0 ? process.termSignal() : process.exitCode() << 8;
            return;
        }
        out.state = stateOf(process);
        final ResourceUsage self = process.selfUsage(), children = process.childrenUsage();
        out.userTimeNanos = self.userNanos();
        out.systemTimeNanos = self.systemNanos();
        out.minorFaults = self.minorFaults();
        out.childUserTimeNanos = children.userNanos();
        out.childSystemTimeNanos = children.systemNanos();
        out.childMinorFaults = children.minorFaults();
        long size = 0;
        for (final Vma vma : space.vmas()) {
            final long length = vma.length();
            size += length;
            final boolean exe = vma.name() != null && vma.name().equals(process.executable());
            if ("[stack]".equals(vma.name())) {
                out.vmStack += length;
            } else if (exe && (vma.prot() & Vma.EXEC) != 0) {
                out.vmExe += length;
                if (out.startCode == 0) {
                    out.startCode = vma.start();
                }
                out.endCode = Math.max(out.endCode, vma.end());
            } else if ((vma.prot() & Vma.WRITE) != 0 && (vma.flags() & Vma.SHARED) == 0) {
                out.vmData += length;
                if (exe) {
                    if (out.startData == 0) {
                        out.startData = vma.start();
                    }
                    out.endData = Math.max(out.endData, vma.end());
                }
            }
        }
        out.vmSize = size;
        out.vmPeak = entry.notePeak(size);
        // Like Linux, every mapper counts a page it maps, copy-on-write and shared pages included; shared file
        // pages are RssFile, shared anonymous pages RssShmem, the rest (private pages, copies) RssAnon.
        out.vmRss = space.residentPages() * AddressSpace.PAGE_SIZE;
        out.vmHwm = entry.noteResidentPeak(out.vmRss);
        for (final Vma vma : space.vmas()) {
            if ((vma.flags() & Vma.SHARED) == 0) continue;
            final long bytes = space.residentPages(vma.start(), vma.end()) * AddressSpace.PAGE_SIZE;
            if (vma.pager() != null) out.rssFile += bytes; else out.rssShmem += bytes;
        }
        out.rssAnon = out.vmRss - out.rssFile - out.rssShmem;
        out.startBrk = process.brkStart();
        out.startStack = entry.initialStackPointer();
        final StringAreas strings = entry.strings();
        out.argStart = strings.argStart();
        out.argEnd = strings.argEnd();
        out.envStart = strings.envStart();
        out.envEnd = strings.envEnd();
    }

    /**
     * T when stopped, S when every thread is asleep in the kernel (a wait, a read, a futex, a sleep), else R:
     * one of them runs, or is on its way in or out of a system call (the caller's own, when it asks of itself).
     */
    private static char stateOf(final PosixProcess process) {
        if (process.signals().isStopped()) {
            return 'T';
        }
        boolean any = false;
        for (final PosixThread t : process.threads()) {
            if (t.runEnded()) {
                continue;
            }
            if (!t.waiter().isAsleep()) {
                return 'R';
            }
            any = true;
        }
        return any ? 'S' : 'R';
    }

    /** TASK_COMM_LEN - 1 bytes of the command name: the last component of the path exec was given. */
    private static long comm(final PosixProcess process, final Reply reply) {
        final String comm = process.comm();
        if (comm == null) {
            return 0;
        }
        final byte[] name = comm.getBytes(StandardCharsets.UTF_8);
        final int length = Math.min(name.length, ProcInfoCodec.COMM_LENGTH - 1);
        reply.arguments().putBytes(0, name, 0, length);
        reply.argumentsLength(length);
        return length;
    }

    /** The bytes between arg_start and arg_end in the process's memory, as Linux reads them. */
    private long cmdline(final ProcessTable.Entry entry, final Reply reply) {
        final PosixProcess process = entry.process();
        final AddressSpace space = process.addressSpace();
        if (process.hasExited() || space == null) {
            return 0; // a zombie has no memory: empty
        }
        final long start = entry.strings().argStart();
        final long end = entry.strings().argEnd();
        final int length = (int) Math.min(Math.max(0, end - start), MAX_ARGS_BYTES);
        final byte[] bytes = new byte[length];
        if (length == 0 || !space.copyIn(start, bytes, 0, length)) {
            return 0;
        }
        final MutableDirectBuffer data = reply.data(length);
        if (data == null) {
            return -Errno.EAGAIN;
        }
        data.putBytes(0, bytes);
        return length;
    }

    private static long text(final String text, final Reply reply) {
        if (text == null) {
            return -Errno.ENOENT;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final MutableDirectBuffer data = reply.data(bytes.length);
        if (data == null) {
            return -Errno.EAGAIN;
        }
        data.putBytes(0, bytes);
        return bytes.length;
    }

    /** Every VMA in address order, with Linux's permissions and names. */
    private long maps(final PosixProcess process, final Reply reply) {
        final AddressSpace space = process.addressSpace();
        if (process.hasExited() || space == null) {
            return 0;
        }
        final List<Vma> vmas = space.vmas();
        final MutableDirectBuffer data = reply.data(0);
        if (data == null) {
            return -Errno.EAGAIN;
        }
        final int limit = data.capacity();
        int at = 0;
        int count = 0;
        for (final Vma vma : vmas) {
            mapping.set(vma.start(), vma.end(), vma.permissions(), 0, vma.name());
            mapping.read = (vma.prot() & Vma.READ) != 0;
            mapping.write = (vma.prot() & Vma.WRITE) != 0;
            mapping.execute = (vma.prot() & Vma.EXEC) != 0;
            mapping.shared = (vma.flags() & Vma.SHARED) != 0;
            final int length = ProcInfoCodec.encodeMapping(mapping, data, at, limit);
            if (length < 0) {
                break; // more mappings than a block holds: the listing ends here, as a short read
            }
            at += length;
            count++;
        }
        reply.dataLength(at);
        return count;
    }

    private long fdList(final PosixProcess process, final Reply reply) {
        int count = 0;
        for (int fd = nextFd(process, -1); fd >= 0; fd = nextFd(process, fd)) {
            count++;
        }
        final MutableDirectBuffer data = reply.data(count * Integer.BYTES);
        if (data == null) {
            return -Errno.EAGAIN;
        }
        int written = 0;
        for (int fd = nextFd(process, -1); fd >= 0 && written < count; fd = nextFd(process, fd)) {
            data.putInt(written * Integer.BYTES, fd, BYTE_ORDER);
            written++;
        }
        reply.dataLength(written * Integer.BYTES);
        return written;
    }

    /** The smallest open fd above {@code after}, or -1. */
    private static int nextFd(final PosixProcess process, final int after) {
        if (process.hasExited()) {
            return -1;
        }
        final long limit = Math.min(process.limits().hard(org.exoos.libposix.process.ResourceLimits.RLIMIT_NOFILE),
            org.exoos.libposix.process.ResourceLimits.NR_OPEN);
        final long end = Math.min(limit, 1 << 16); // bounds the walk: no table here grows past it
        for (int fd = Math.max(after + 1, 0); fd < end; fd++) {
            if (process.fds().get(fd) != null) {
                return fd;
            }
        }
        return -1;
    }

    private long fd(final PosixProcess process, final int fd, final Reply reply) {
        final OpenFile file = process.hasExited() || fd < 0 ? null : process.fds().get(fd);
        if (file == null) {
            return -Errno.EBADF;
        }
        final long handle = file instanceof VfsFile vfsFile ? vfsFile.handle() : Vfs.NO_HANDLE;
        reply.arguments().putLong(ProcInfoCodec.FD_HANDLE_OFFSET, handle, BYTE_ORDER);
        reply.argumentsLength(ProcInfoCodec.FD_REPLY_LENGTH);
        if (handle != Vfs.NO_HANDLE) {
            return 0;
        }
        final String text = linkText(file);
        if (text == null) {
            return 0;
        }
        final long written = text(text, reply);
        return written < 0 ? written : 0;
    }

    /** What Linux's d_path shows for a file the vfs does not hold: from the file's own name, or its fstat. */
    String linkText(final OpenFile file) {
        if (file instanceof ProcLinkText named) {
            return named.procLinkText();
        }
        stat.mode = 0;
        if (file.stat(stat) < 0) {
            return null;
        }
        final int type = stat.mode & FileStat.S_IFMT;
        return switch (type) {
            case FileStat.S_IFIFO -> "pipe:[" + stat.ino + "]";
            case FileStat.S_IFSOCK -> "socket:[" + stat.ino + "]";
            case FileStat.S_IFCHR -> characterDevice(stat.rdev);
            case 0 -> "anon_inode:[" + anonymousName(file) + "]";
            default -> null;
        };
    }

    /** The /dev name of a character device, as udev names it. */
    static String characterDevice(final long rdev) {
        final long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
        final long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
        if (major == 136) {
            return "/dev/pts/" + minor;
        }
        if (major == 4) {
            return "/dev/tty" + minor;
        }
        if (major == 5) {
            return switch ((int) minor) {
                case 0 -> "/dev/tty";
                case 1 -> "/dev/console";
                case 2 -> "/dev/ptmx";
                default -> null;
            };
        }
        if (major == 1) {
            return switch ((int) minor) {
                case 3 -> "/dev/null";
                case 5 -> "/dev/zero";
                case 7 -> "/dev/full";
                case 8 -> "/dev/random";
                case 9 -> "/dev/urandom";
                default -> null;
            };
        }
        return null;
    }

    /** anon_inodefs files are named by their kind; a kernel file that does not say is named after its class. */
    private static String anonymousName(final OpenFile file) {
        final String kind = file.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        if (kind.contains("eventfd")) {
            return "eventfd";
        }
        if (kind.contains("epoll")) {
            return "eventpoll";
        }
        return kind;
    }

    // ---- the machine ---------------------------------------------------------------------------

    private long system(final Reply reply) {
        fillFacts(facts);
        final MutableDirectBuffer data = reply.data(0);
        if (data == null) {
            return -Errno.EAGAIN;
        }
        final int length = ProcInfoCodec.encodeSystem(facts, data, 0, data.capacity());
        if (length < 0) {
            return -Errno.EOVERFLOW;
        }
        reply.dataLength(length);
        return 0;
    }

    /** The clock, the harts and the memory, now. */
    void fillFacts(final SystemFacts out) {
        out.uptimeNanos = nanoTime.getAsLong() - bootNanoTime;
        out.idleNanos = 0; // the harts are not yet idled: each runs its task or waits inside a syscall
        out.hartCount = harts;
        for (int i = 0; i < harts; i++) {
            out.hartIds[i] = i;
        }
        out.isa = ISA;
        out.mmu = MMU;
        final long page = AddressSpace.PAGE_SIZE;
        final long total = (long) frames.totalFrames() * page;
        final long free = (long) frames.freeFrames() * page;
        out.memory.clear();
        out.memory.total = total;
        out.memory.free = free;
        out.memory.available = free;
        // Mapped file pages are the page cache (Cached, Mapped); the rest of the used frames count as anonymous.
        final long cached = org.exoos.libposix.mm.PageCache.cachedPages(frames) * page;
        out.memory.cached = cached;
        out.memory.mapped = cached;
        out.memory.activeFile = cached;
        out.memory.anonPages = total - free - cached;
        out.memory.activeAnon = total - free - cached;
        long committed = 0;
        for (int pid = processes.nextPid(0); pid > 0; pid = processes.nextPid(pid)) {
            final ProcessTable.Entry entry = processes.get(pid);
            final AddressSpace space = entry == null ? null : entry.process().addressSpace();
            if (space != null && !entry.process().hasExited()) {
                for (final Vma vma : space.vmas()) {
                    if ((vma.prot() & Vma.WRITE) != 0) {
                        committed += vma.length();
                    }
                }
            }
        }
        out.memory.committed = committed;
        out.memory.vmallocTotal = 0;
    }
}
