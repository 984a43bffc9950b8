package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;

/** The id queries: getpid, getppid, gettid, the user and group ids, and umask(2). */
final class SysIdentity {
    private SysIdentity() {}

    static void register(SyscallTable t) {
        t.add("getpid", c -> c.process().pid());
        t.add("getppid", c -> c.process().ppid());
        t.add("gettid", c -> c.thread().tid());
        t.add("getuid", c -> c.process().credentials().uid());
        t.add("geteuid", c -> c.process().credentials().euid());
        t.add("getgid", c -> c.process().credentials().gid());
        t.add("getegid", c -> c.process().credentials().egid());
        t.add("getresuid", SysIdentity::getresuid);
        t.add("getresgid", SysIdentity::getresgid);
        t.add("umask", SysIdentity::umask);
    }

    /** getresuid(ruid, euid, suid): the saved id is the effective one a process started with. */
    static long getresuid(SyscallContext c) {
        Credentials cr = c.process().credentials();
        return writeIds(c, cr.uid(), cr.euid(), cr.euid());
    }

    static long getresgid(SyscallContext c) {
        Credentials cr = c.process().credentials();
        return writeIds(c, cr.gid(), cr.egid(), cr.egid());
    }

    private static long writeIds(SyscallContext c, int real, int effective, int saved) {
        c.writeInt(c.arg(0), real);
        c.writeInt(c.arg(1), effective);
        c.writeInt(c.arg(2), saved);
        return 0;
    }

    static long umask(SyscallContext c) {
        int old = c.process().umask();
        c.process().setUmask(c.argInt(0));
        return old;
    }
}
