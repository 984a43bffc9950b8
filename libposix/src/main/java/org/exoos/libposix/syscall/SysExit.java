package org.exoos.libposix.syscall;

/** exit(2) and exit_group(2). */
final class SysExit {
    private SysExit() {}

    static void register(SyscallTable t) {
        t.add("exit", SysExit::exit);
        t.add("exit_group", SysExit::exitGroup);
    }

    /** Ends the calling thread; the last thread to go takes the process with it (see {@link SysThreads}). */
    static long exit(SyscallContext c) { return SysThreads.exitThread(c, c.argInt(0)); }

    static long exitGroup(SyscallContext c) { return SysThreads.exitGroup(c, c.argInt(0)); }
}
