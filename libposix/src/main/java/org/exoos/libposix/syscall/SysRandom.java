package org.exoos.libposix.syscall;

import org.exoos.hal.mmu.AccessType;
import org.exoos.servers.protocol.Errno;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** getrandom(2), from the JVM's SecureRandom (the host's entropy). */
final class SysRandom {
    private SysRandom() {}

    static final int GRND_NONBLOCK = 0x1, GRND_RANDOM = 0x2, GRND_INSECURE = 0x4;
    /** Linux caps one call at INT_MAX bytes. */
    static final long MAX_COUNT = Integer.MAX_VALUE;

    static void register(SyscallTable t) {
        t.add("getrandom", SysRandom::getrandom);
    }

    static long getrandom(SyscallContext c) {
        int flags = c.argInt(2);
        if ((flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0) return -Errno.EINVAL;
        if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM)) return -Errno.EINVAL;
        long count = c.arg(1) < 0 ? MAX_COUNT : Math.min(c.arg(1), MAX_COUNT);
        MemorySegment[] bufs = c.userBuffers(c.arg(0), count, AccessType.STORE);
        byte[] chunk = new byte[(int) Math.min(count, 1 << 16)];
        for (MemorySegment b : bufs) {
            for (long off = 0; off < b.byteSize(); off += chunk.length) {
                int n = (int) Math.min(chunk.length, b.byteSize() - off);
                c.linux().random().nextBytes(chunk);
                MemorySegment.copy(chunk, 0, b, ValueLayout.JAVA_BYTE, off, n);
            }
        }
        c.noteWritten(bufs, count);
        return count;
    }
}
