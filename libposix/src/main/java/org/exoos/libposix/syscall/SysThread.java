package org.exoos.libposix.syscall;

import org.exoos.servers.protocol.Errno;

/** set_tid_address(2) and set_robust_list(2): addresses the C library registers for thread exit. */
final class SysThread {
    private SysThread() {}

    /** sizeof(struct robust_list_head) on a 64-bit ABI. */
    static final long ROBUST_LIST_HEAD_SIZE = 24;

    static void register(SyscallTable t) {
        t.add("set_tid_address", SysThread::setTidAddress);
        t.add("set_robust_list", SysThread::setRobustList);
    }

    static long setTidAddress(SyscallContext c) {
        c.thread().setClearChildTid(c.arg(0));
        return c.thread().tid();
    }

    static long setRobustList(SyscallContext c) {
        if (c.arg(1) != ROBUST_LIST_HEAD_SIZE) return -Errno.EINVAL;
        c.thread().setRobustList(c.arg(0), c.arg(1));
        return 0;
    }
}
