package org.exoos.libposix.syscall;

import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.task.UserContext;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One system call in progress: the caller, its arguments, and the one place that fetches arguments and
 * moves data across the user boundary (xv6's argint/argaddr/argstr and copyin/copyout). Every user access
 * that fails throws {@link ErrnoException} with EFAULT.
 */
public final class SyscallContext {
    /** Linux's MAX_RW_COUNT: the most one read or write transfers. */
    public static final long MAX_RW_COUNT = 0x7fff_f000L;
    /** PATH_MAX, including the NUL. */
    public static final int PATH_MAX = 4096;

    private final LinuxPersonality linux;
    private final Task task;
    private final PosixThread thread;
    private final UserContext regs;
    private boolean registersReplaced;

    public SyscallContext(LinuxPersonality linux, Task task) {
        this.linux = linux;
        this.task = task;
        this.thread = PosixThread.of(task);
        this.regs = task.context();
    }

    public LinuxPersonality linux() { return linux; }
    public Task task() { return task; }
    public PosixThread thread() { return thread; }
    public PosixProcess process() { return thread.process(); }
    public AddressSpace space() { return task.addressSpace(); }
    public long number() { return regs.syscallNumber(); }

    /** The call rewrote the whole register file (rt_sigreturn): a0 must not receive a result. */
    public void replaceRegisters() { registersReplaced = true; }

    public boolean registersReplaced() { return registersReplaced; }

    /** The caller's saved registers. */
    public UserContext registers() { return regs; }

    // ---- arguments ----

    /** Argument i (a0..a5) as the full 64-bit register. */
    public long arg(int i) { return regs.arg(i); }

    /** Argument i as a C int: the low 32 bits, sign-extended (the kernel ignores the upper half). */
    public int argInt(int i) { return (int) regs.arg(i); }

    /** Argument i as a C unsigned int. */
    public long argUint(int i) { return regs.arg(i) & 0xffff_ffffL; }

    /** The open file for the fd in argument i, or EBADF. */
    public OpenFile argFile(int i) {
        OpenFile f = process().fds().get(argInt(i));
        if (f == null) throw new ErrnoException(Errno.EBADF);
        return f;
    }

    // ---- user memory ----

    private static ErrnoException fault() { return new ErrnoException(Errno.EFAULT); }

    public byte[] copyIn(long va, int len) {
        byte[] b = new byte[len];
        if (!space().copyIn(va, b, 0, len)) throw fault();
        return b;
    }

    public void copyOut(long va, byte[] src) { copyOut(va, src, 0, src.length); }

    public void copyOut(long va, byte[] src, int off, int len) {
        if (!space().copyOut(va, src, off, len)) throw fault();
    }

    public long readLong(long va) {
        return ByteBuffer.wrap(copyIn(va, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    public void writeLong(long va, long value) {
        copyOut(va, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    public void writeInt(long va, int value) {
        copyOut(va, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    /** Writes 64-bit words in a row (timespec, rlimit, ...). */
    public void writeLongs(long va, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) b.putLong(v);
        copyOut(va, b.array());
    }

    /** A NUL-terminated path: EFAULT for a bad pointer, ENAMETOOLONG past PATH_MAX, ENOENT when empty. */
    public byte[] readPath(long va) {
        byte[] s = space().readCString(va, PATH_MAX);
        if (s == null) throw fault();
        if (s.length == PATH_MAX) throw new ErrnoException(Errno.ENAMETOOLONG);
        return s;
    }

    /**
     * The guest RAM behind the user buffer [va, va+len) as slices in order, physically contiguous pages
     * merged, each page faulted in and checked for the access (LOAD to read from it, STORE to fill it).
     */
    public MemorySegment[] userBuffers(long va, long len, int access) {
        if (len == 0) return new MemorySegment[0];
        if (va < 0 || len < 0 || len > AddressSpace.USER_TOP - va) throw fault();
        AddressSpace space = space();
        PhysicalMemory memory = space.memory();
        List<MemorySegment> out = new ArrayList<>();
        long runPa = -1, runLen = 0;
        while (len > 0) {
            long pa = space.translate(va, access);
            if (pa < 0) throw fault();
            long n = Math.min(len, AddressSpace.PAGE_SIZE - (va & (AddressSpace.PAGE_SIZE - 1)));
            if (runPa >= 0 && runPa + runLen == pa) {
                runLen += n;
            } else {
                if (runPa >= 0) out.add(memory.slice(runPa, runLen));
                runPa = pa;
                runLen = n;
            }
            va += n;
            len -= n;
        }
        out.add(memory.slice(runPa, runLen));
        return out.toArray(new MemorySegment[0]);
    }

    /** Tells physical memory that the first n bytes of these RAM slices were written from outside the hart. */
    public void noteWritten(MemorySegment[] buffers, long n) {
        PhysicalMemory memory = space().memory();
        long ramBase = memory.segment().address();
        for (MemorySegment b : buffers) {
            if (n <= 0) break;
            long k = Math.min(n, b.byteSize());
            memory.noteWrite(PhysicalMemory.BASE + (b.address() - ramBase), k);
            n -= k;
        }
    }
}
