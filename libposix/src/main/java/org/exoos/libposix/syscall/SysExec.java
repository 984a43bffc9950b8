package org.exoos.libposix.syscall;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.elf.InitialStack;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.process.Program;
import org.exoos.libposix.procinfo.ProcessTable;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.sched.TaskParking;
import org.exoos.microkernel.task.UserContext;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.AtFlags;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.service.VfsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * execve(2): replaces the caller's program with the executable at a path read through the vfs server, a
 * static riscv64 ELF or a {@code #!} script naming its interpreter (and one optional argument).
 *
 * <p>Everything that can fail is done before the point of no return (the file, the arguments, the new
 * address space with the image and stack), so a failing exec leaves the caller as it was. After it: other
 * threads end, the old memory goes (back to a vfork parent, which then runs on), close-on-exec descriptors
 * close, caught signals go back to their default action, the alternate signal stack is cleared, and the
 * registers are the new program's initial ones. Set-user-ID bits are not honoured yet.
 */
public final class SysExec {
    private SysExec() {}

    private static final Logger log = LoggerFactory.getLogger(SysExec.class);

    /** Linux's MAX_ARG_STRLEN: the longest single argument or environment string, NUL included. */
    static final int MAX_ARG_STRLEN = 32 * 4096;
    /** Linux's BINPRM_BUF_SIZE: how much of a script's first line is looked at. */
    static final int BINPRM_BUF_SIZE = 256;
    /** Interpreters of interpreters: Linux gives ELOOP past this depth. */
    static final int MAX_INTERPRETER_DEPTH = 5;
    /** Executables are read whole; none we can run is larger. */
    static final long MAX_EXECUTABLE_BYTES = 1L << 30;
    private static final int READ_CHUNK = 64 * 1024;
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    static void register(SyscallTable t) {
        t.addPartial("execve", "set-user-ID and set-group-ID bits are ignored", SysExec::execve);
    }

    static long execve(SyscallContext c) {
        byte[] path = c.readPath(c.arg(0));
        List<String> argv = readStrings(c, c.arg(1));
        List<String> envp = readStrings(c, c.arg(2));
        long total = 0;
        for (String s : argv) total += s.getBytes(StandardCharsets.UTF_8).length + 1 + 8;
        for (String s : envp) total += s.getBytes(StandardCharsets.UTF_8).length + 1 + 8;
        if (total + path.length + 1 > InitialStack.ARG_MAX) return -Errno.E2BIG;
        return exec(c, new String(path, StandardCharsets.UTF_8), argv, envp);
    }

    /** A NULL-terminated array of string pointers (a NULL array is empty, as Linux allows). */
    private static List<String> readStrings(SyscallContext c, long array) {
        List<String> out = new ArrayList<>();
        if (array == 0) return out;
        long total = 0;
        for (long at = array; ; at += 8) {
            long p = c.readLong(at);
            if (p == 0) return out;
            byte[] s = c.space().readCString(p, MAX_ARG_STRLEN);
            if (s == null) throw new ErrnoException(Errno.EFAULT);
            if (s.length == MAX_ARG_STRLEN) throw new ErrnoException(Errno.E2BIG);
            total += s.length + 1 + 8;
            if (total > InitialStack.ARG_MAX) throw new ErrnoException(Errno.E2BIG);
            out.add(new String(s, StandardCharsets.UTF_8));
        }
    }

    private static long exec(SyscallContext c, String filename, List<String> argv, List<String> envp) {
        LinuxPersonality linux = c.linux();
        VfsClient vfs = linux.vfs();
        if (vfs == null) return -Errno.ENOENT;
        PosixProcess process = c.process();
        Program program = program(vfs, process.fsCredentials(), process.cwd(), filename, argv, envp);
        String path = program.executable();

        AddressSpace space = AddressSpace.create(c.space().frames());
        if (space == null) return -Errno.ENOMEM;
        LinuxPersonality.ProgramStart start;
        try {
            start = linux.load(space, program, process.credentials(),
                    process.limits().soft(org.exoos.libposix.process.ResourceLimits.RLIMIT_STACK));
        } catch (ExecFormatException e) {
            space.destroy();
            log.debug("pid {}: execve {}: {}", process.pid(), path, e.getMessage());
            return -Errno.ENOEXEC;
        } catch (IOException | RuntimeException e) {
            space.destroy();
            log.debug("pid {}: execve {}: {}", process.pid(), path, e.getMessage());
            return -Errno.ENOMEM;
        }

        // ---- the point of no return ----
        PosixThread self = c.thread();
        endOtherThreads(process, self);
        AddressSpace old = process.addressSpace();
        process.setImage(space, program.executable(), program.filename(), start.brkStart());
        process.setSigreturnTrampoline(start.sigreturnTrampoline());
        c.task().setAddressSpace(space);
        if (process.vforkParent() != null) process.releaseVforkParent(); // the old memory was lent by the parent
        if (old != null) old.release(); // destroyed unless another process shares it (CLONE_VM, vfork)
        process.unshareFds(); // a table shared by clone(CLONE_FILES) is copied first, as Linux's unshare_files
        process.fds().closeOnExec();
        process.signals().resetHandlersForExec();
        linux.processTree().execed(process); // procmgr: setpgid by the parent now fails; the SIGCHLD disposition left
        self.setAltStack(0, 0, PosixThread.SS_DISABLE);
        self.setClearChildTid(0);
        self.setRobustList(0, 0);

        UserContext regs = c.registers();
        Arrays.fill(regs.x, 0);
        Arrays.fill(regs.f, 0);
        regs.frm = 0;
        regs.fflags = 0;
        regs.pc = start.image().entry();
        regs.x[UserContext.SP] = start.sp();
        c.replaceRegisters();
        ProcessTable.Entry entry = linux.processes().get(process.pid());
        linux.processes().add(process, start.sp(), entry == null ? System.nanoTime() - linux.bootNanoTime() : entry.startNanos());
        log.debug("pid {}: exec {} (entry 0x{})", process.pid(), program.executable(), Long.toHexString(regs.pc));
        return 0;
    }

    /**
     * The program execve starts for {@code filename}: the file read through the vfs with {@code cred}, a
     * relative name against the directory handle {@code cwd}, each {@code #!} line replaced by its
     * interpreter (up to {@link #MAX_INTERPRETER_DEPTH}). The kernel execs the first process (init) with it,
     * as Linux's kernel_execve.
     *
     * @throws ErrnoException ENOENT, EACCES, ENOEXEC, ELOOP, ENOMEM: as execve fails
     */
    public static Program program(VfsClient vfs, org.exoos.servers.vfs.Credentials cred, long cwd, String filename,
                                  List<String> argv, List<String> envp) {
        String path = filename;
        List<String> args = argv;
        byte[] image;
        for (int depth = 0; ; depth++) {
            if (depth > MAX_INTERPRETER_DEPTH) throw new ErrnoException(Errno.ELOOP);
            image = readExecutable(vfs, cred, cwd, path);
            if (startsWith(image, ELF_MAGIC)) break;
            if (image.length < 2 || image[0] != '#' || image[1] != '!') throw new ErrnoException(Errno.ENOEXEC);
            String[] interpreter = parseInterpreterLine(image);
            if (interpreter == null) throw new ErrnoException(Errno.ENOEXEC);
            List<String> next = new ArrayList<>();
            next.add(interpreter[0]);
            if (interpreter[1] != null) next.add(interpreter[1]);
            next.add(path);
            if (args.size() > 1) next.addAll(args.subList(1, args.size()));
            args = next;
            path = interpreter[0];
        }
        String resolved = resolvedPath(vfs, cred, cwd, path);
        return new Program(image, filename, resolved != null ? resolved : absolute(vfs, cwd, path), args, envp);
    }

    /** de_thread: every other thread of the process ends, and no hart runs it any more, before its memory goes. */
    private static void endOtherThreads(PosixProcess process, PosixThread self) {
        for (PosixThread t : process.threads()) {
            if (t == self) continue;
            t.task().exit();
            t.waiter().wake();
        }
        for (PosixThread t : process.threads()) {
            while (t != self && !t.runEnded()) TaskParking.sleepNanos(self.task(), 1_000_000L); // frees the hart for them
        }
    }

    /**
     * The whole file at path, if it may be executed: ENOENT and the other lookup errors from the vfs,
     * EACCES for a file that is not regular or lacks execute permission.
     */
    private static byte[] readExecutable(VfsClient vfs, org.exoos.servers.vfs.Credentials cred, long cwd, String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) throw new ErrnoException(Errno.ENOENT);
        UnsafeBuffer name = new UnsafeBuffer(bytes);
        long dir = bytes[0] == '/' ? Vfs.NO_HANDLE : cwd;
        int rc = vfs.access(cred, dir, name, 0, bytes.length, AtFlags.X_OK, AtFlags.AT_EACCESS);
        if (rc < 0) throw new ErrnoException(-rc);
        long handle = vfs.open(cred, dir, name, 0, bytes.length, OpenFlags.O_RDONLY, 0, 0);
        if (handle < 0) throw new ErrnoException((int) -handle);
        try {
            UnsafeBuffer stat = new UnsafeBuffer(new byte[256]);
            int s = vfs.fstat(handle, stat, 0);
            if (s < 0) throw new ErrnoException(-s);
            int mode = stat.getInt(STAT_MODE, java.nio.ByteOrder.LITTLE_ENDIAN);
            long size = stat.getLong(STAT_SIZE, java.nio.ByteOrder.LITTLE_ENDIAN);
            if (!FileMode.isRegular(mode)) throw new ErrnoException(Errno.EACCES);
            if (size > MAX_EXECUTABLE_BYTES) throw new ErrnoException(Errno.ENOMEM);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
            UnsafeBuffer chunk = new UnsafeBuffer(new byte[READ_CHUNK]);
            while (true) {
                long n = vfs.read(handle, chunk, 0, READ_CHUNK);
                if (n < 0) throw new ErrnoException((int) -n);
                if (n == 0) return out.toByteArray();
                out.write(chunk.byteArray(), 0, (int) n);
                if (out.size() > MAX_EXECUTABLE_BYTES) throw new ErrnoException(Errno.ENOMEM);
            }
        } finally {
            vfs.close(handle);
        }
    }

    /** Offsets in the riscv64 struct stat. */
    private static final int STAT_MODE = 16, STAT_SIZE = 48;

    /**
     * The interpreter and its optional argument (or null) of a {@code #!} line, as Linux's load_script reads
     * the first {@link #BINPRM_BUF_SIZE} bytes; null when no interpreter is named or its name is cut off.
     */
    static String[] parseInterpreterLine(byte[] file) {
        int limit = Math.min(file.length, BINPRM_BUF_SIZE);
        int end = 2;
        while (end < limit && file[end] != '\n') end++;
        boolean truncated = end == limit && limit < file.length; // no newline within what Linux reads
        int i = 2;
        while (i < end && (file[i] == ' ' || file[i] == '\t')) i++;
        int nameStart = i;
        while (i < end && file[i] != ' ' && file[i] != '\t' && file[i] != 0) i++;
        if (i == nameStart) return null;
        if (truncated && i == end) return null; // the name may go on past what was read
        String name = new String(file, nameStart, i - nameStart, StandardCharsets.UTF_8);
        while (i < end && (file[i] == ' ' || file[i] == '\t')) i++;
        int argEnd = end;
        while (argEnd > i && (file[argEnd - 1] == ' ' || file[argEnd - 1] == '\t' || file[argEnd - 1] == 0)) argEnd--;
        for (int k = i; k < argEnd; k++) if (file[k] == 0) { argEnd = k; break; }
        String arg = argEnd > i ? new String(file, i, argEnd - i, StandardCharsets.UTF_8) : null;
        return new String[] {name, arg};
    }

    /** Links followed in one path before ELOOP (Linux's MAXSYMLINKS). */
    private static final int MAX_SYMLINKS = 40;

    /**
     * The executable's path as Linux's /proc/[pid]/exe shows it (d_path of the opened file): absolute, with
     * ".", ".." and every symbolic link resolved, so that /bin/ls -> busybox shows busybox. The directory part
     * is resolved by the vfs (the path of the directory opened O_PATH), the last component by following its
     * links. Null if a step fails (the file went away meanwhile); the caller then keeps the path as given.
     */
    private static String resolvedPath(VfsClient vfs, org.exoos.servers.vfs.Credentials cred, long cwd,
                                       String path) {
        UnsafeBuffer out = new UnsafeBuffer(new byte[SyscallContext.PATH_MAX]);
        String current = path;
        for (int links = 0; links <= MAX_SYMLINKS; links++) {
            int slash = current.lastIndexOf('/');
            String dir = slash < 0 ? "." : slash == 0 ? "/" : current.substring(0, slash);
            String name = current.substring(slash + 1);
            if (name.isEmpty() || name.equals(".") || name.equals("..")) return null; // not a regular file
            long handle = vfs.open(cred, current.startsWith("/") ? Vfs.NO_HANDLE : cwd, dir,
                    OpenFlags.O_PATH | OpenFlags.O_DIRECTORY, 0, 0);
            if (handle < 0) return null;
            int n;
            try {
                n = vfs.getcwd(handle, out, 0, SyscallContext.PATH_MAX);
            } finally {
                vfs.close(handle);
            }
            if (n <= 1) return null;
            String directory = out.getStringWithoutLengthUtf8(0, n - 1);
            String full = directory.endsWith("/") ? directory + name : directory + "/" + name;
            // full is from the namespace root (getcwd's answer), not from a chroot's
            int length = vfs.readlink(cred.withRoot(Vfs.NO_HANDLE), Vfs.NO_HANDLE, full, out, 0,
                    SyscallContext.PATH_MAX);
            if (length < 0) return full; // EINVAL: not a link, the end of the walk
            String target = out.getStringWithoutLengthUtf8(0, length);
            current = target.startsWith("/") ? target : directory.endsWith("/") ? directory + target
                    : directory + "/" + target;
        }
        return null;
    }

    /** The path made absolute against the working directory (for /proc/self/exe). */
    private static String absolute(VfsClient vfs, long cwd, String path) {
        if (path.startsWith("/")) return path;
        if (cwd == Vfs.NO_HANDLE) return "/" + (path.startsWith("./") ? path.substring(2) : path);
        UnsafeBuffer out = new UnsafeBuffer(new byte[SyscallContext.PATH_MAX]);
        int n = vfs.getcwd(cwd, out, 0, SyscallContext.PATH_MAX);
        if (n <= 1) return path;
        String dir = out.getStringWithoutLengthAscii(0, n - 1);
        String rel = path.startsWith("./") ? path.substring(2) : path;
        return dir.endsWith("/") ? dir + rel : dir + "/" + rel;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }
}
