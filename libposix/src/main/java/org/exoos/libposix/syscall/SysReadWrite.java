package org.exoos.libposix.syscall;

import org.exoos.hal.mmu.AccessType;
import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.microkernel.mm.AddressSpace;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** read(2), write(2), readv(2), writev(2): data moves between the file and the guest pages, in one go. */
final class SysReadWrite {
    private SysReadWrite() {}

    /** IOV_MAX. */
    static final int UIO_MAXIOV = 1024;

    static void register(SyscallTable t) {
        t.add("read", SysReadWrite::read);
        t.add("write", SysReadWrite::write);
        t.add("readv", SysReadWrite::readv);
        t.add("writev", SysReadWrite::writev);
    }

    static long read(SyscallContext c) {
        OpenFile f = c.argFile(0);
        return readInto(c, f, c.userBuffers(c.arg(1), count(c), AccessType.STORE));
    }

    static long write(SyscallContext c) {
        OpenFile f = c.argFile(0);
        MemorySegment[] bufs = c.userBuffers(c.arg(1), count(c), AccessType.LOAD);
        return bufs.length == 0 ? 0 : f.write(bufs, c.thread().waiter());
    }

    static long readv(SyscallContext c) {
        OpenFile f = c.argFile(0);
        return readInto(c, f, vector(c, AccessType.STORE));
    }

    static long writev(SyscallContext c) {
        OpenFile f = c.argFile(0);
        MemorySegment[] bufs = vector(c, AccessType.LOAD);
        return bufs.length == 0 ? 0 : f.write(bufs, c.thread().waiter());
    }

    /**
     * The byte count in a2 for the buffer in a1: EFAULT when the buffer would leave user space (Linux's
     * access_ok), then cut to MAX_RW_COUNT.
     */
    private static long count(SyscallContext c) {
        long buf = c.arg(1), count = c.arg(2);
        if (buf < 0 || buf > AddressSpace.USER_TOP || Long.compareUnsigned(count, AddressSpace.USER_TOP - buf) > 0) {
            throw new ErrnoException(Errno.EFAULT);
        }
        return Math.min(count, SyscallContext.MAX_RW_COUNT);
    }

    private static long readInto(SyscallContext c, OpenFile f, MemorySegment[] bufs) {
        if (bufs.length == 0) return 0;
        long n = f.read(bufs, c.thread().waiter());
        if (n > 0) c.noteWritten(bufs, n);
        return n;
    }

    /** The pages behind an iovec array (a1 = iov, a2 = iovcnt), in order, cut at MAX_RW_COUNT in total. */
    private static MemorySegment[] vector(SyscallContext c, int access) {
        long iov = c.arg(1);
        int count = c.argInt(2);
        if (count < 0 || count > UIO_MAXIOV) throw new ErrnoException(Errno.EINVAL);
        ByteBuffer b = ByteBuffer.wrap(c.copyIn(iov, count * 16)).order(ByteOrder.LITTLE_ENDIAN);
        long total = 0;
        long[] base = new long[count], len = new long[count];
        for (int i = 0; i < count; i++) {
            base[i] = b.getLong();
            len[i] = b.getLong();
            if (len[i] < 0 || total + len[i] < 0) throw new ErrnoException(Errno.EINVAL); // sum beyond ssize_t
            total += len[i];
        }
        List<MemorySegment> all = new ArrayList<>();
        long left = SyscallContext.MAX_RW_COUNT;
        for (int i = 0; i < count && left > 0; i++) {
            long n = Math.min(len[i], left);
            Collections.addAll(all, c.userBuffers(base[i], n, access));
            left -= n;
        }
        return all.toArray(new MemorySegment[0]);
    }
}
