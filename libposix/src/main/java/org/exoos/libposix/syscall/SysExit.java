package org.exoos.libposix.syscall;

import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;

/** exit(2) and exit_group(2). */
final class SysExit {
    private SysExit() {}

    static void register(SyscallTable t) {
        t.add("exit", SysExit::exit);
        t.add("exit_group", SysExit::exitGroup);
    }

    /** Ends the calling thread; the last thread to go takes the process with it. */
    static long exit(SyscallContext c) {
        PosixProcess p = c.process();
        c.task().exit();
        boolean last = p.threads().stream().map(PosixThread::task).noneMatch(t -> t.isAlive());
        if (last) p.exit(c.argInt(0));
        return 0;
    }

    static long exitGroup(SyscallContext c) {
        c.process().exit(c.argInt(0));
        return 0;
    }
}
