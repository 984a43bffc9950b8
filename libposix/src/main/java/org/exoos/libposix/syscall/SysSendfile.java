package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.OpenFile;
import org.exoos.servers.protocol.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * sendfile(2): copies from one open file to another in the kernel, through a buffer of this thread's, as
 * Linux's do_splice_direct does through a pipe: read from in_fd (at *offset when given, leaving in_fd's own
 * position alone, else at and advancing that position), write to out_fd, until count bytes have moved, the
 * input ends, or the output takes less than it was given. Busybox's cp and cat use it and fall back to
 * read and write only when it fails.
 */
final class SysSendfile {
    private SysSendfile() {}

    /** Bytes moved per read and write: what a pipe's default capacity lets splice move at once. */
    static final int CHUNK = 64 * 1024;
    private static final int O_ACCMODE = 03, O_RDONLY = 0, O_WRONLY = 01, O_APPEND = 02000, O_PATH = 010000000;

    private static final ThreadLocal<MemorySegment[]> BUFFER =
            ThreadLocal.withInitial(() -> new MemorySegment[] {Arena.ofAuto().allocate(CHUNK)});
    private static final ThreadLocal<MemorySegment[]> PART = ThreadLocal.withInitial(() -> new MemorySegment[1]);

    static void register(SyscallTable t) {
        t.add("sendfile", SysSendfile::sendfile);
    }

    static long sendfile(SyscallContext c) {
        OpenFile in = c.argFile(1);
        OpenFile out = c.argFile(0);
        long offsetAddress = c.arg(2);
        long requested = c.arg(3); // a size_t: a "negative" one is huge
        long count = requested < 0 || requested > SyscallContext.MAX_RW_COUNT ? SyscallContext.MAX_RW_COUNT : requested;
        long inFlags = in.statusFlags(), outFlags = out.statusFlags();
        if ((inFlags & O_PATH) != 0 || (inFlags & O_ACCMODE) == O_WRONLY) return -Errno.EBADF;
        if ((outFlags & O_PATH) != 0 || (outFlags & O_ACCMODE) == O_RDONLY) return -Errno.EBADF;
        if ((outFlags & O_APPEND) != 0) return -Errno.EINVAL; // as Linux's splice to an O_APPEND file
        long position = -1;
        if (offsetAddress != 0) {
            // Linux asks first whether the input can be read at an offset at all (FMODE_PREAD), then reads it.
            if (in.seek(0, SysFile.SEEK_CUR) == -Errno.ESPIPE) return -Errno.ESPIPE;
            position = c.readLong(offsetAddress); // EFAULT
            if (position < 0) return -Errno.EINVAL;
        }
        MemorySegment buffer = BUFFER.get()[0];
        MemorySegment[] part = PART.get();
        long total = 0;
        long result = 0;
        while (total < count) {
            int want = (int) Math.min(CHUNK, count - total);
            part[0] = buffer.asSlice(0, want);
            long n = position >= 0 ? in.pread(part, position + total) : in.read(part, c.thread().waiter());
            if (n <= 0) {
                result = n;
                break;
            }
            part[0] = buffer.asSlice(0, n);
            long written = out.write(part, c.thread().waiter());
            if (written < 0) {
                result = written;
                if (position < 0) in.seek(-n, SysFile.SEEK_CUR); // nothing of this chunk moved
                break;
            }
            total += written;
            if (written < n) {
                if (position < 0) in.seek(written - n, SysFile.SEEK_CUR); // only what was written is consumed
                break;
            }
            if (n < want) break; // the input ended
        }
        part[0] = null;
        if (offsetAddress != 0) c.writeLong(offsetAddress, position + total);
        return total > 0 ? total : result;
    }
}
