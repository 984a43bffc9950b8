package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.servers.protocol.Errno;

/**
 * The ids: getpid, getppid, gettid, the user and group ids with Linux's rules for changing them
 * (kernel/sys.c: set*uid, set*gid, setfs*id; kernel/groups.c: getgroups, setgroups), and umask(2).
 * An effective uid of 0 is privileged (CAP_SETUID, CAP_SETGID); others may only move among their real,
 * effective and saved ids. -1 leaves an id unchanged where Linux says so; an id of -1 elsewhere is EINVAL.
 */
final class SysIdentity {
    private SysIdentity() {}

    /** Linux's NGROUPS_MAX. */
    static final int NGROUPS_MAX = 65536;
    private static final int UNCHANGED = -1;

    static void register(SyscallTable t) {
        t.add("getpid", c -> c.process().pid());
        t.add("getppid", c -> Math.max(0, c.linux().processTree().parentPid(c.process().pid())));
        t.add("gettid", c -> c.thread().tid());
        t.add("getuid", c -> c.process().credentials().uid());
        t.add("geteuid", c -> c.process().credentials().euid());
        t.add("getgid", c -> c.process().credentials().gid());
        t.add("getegid", c -> c.process().credentials().egid());
        t.add("getresuid", SysIdentity::getresuid);
        t.add("getresgid", SysIdentity::getresgid);
        t.add("setuid", SysIdentity::setuid);
        t.add("setgid", SysIdentity::setgid);
        t.add("setreuid", SysIdentity::setreuid);
        t.add("setregid", SysIdentity::setregid);
        t.add("setresuid", SysIdentity::setresuid);
        t.add("setresgid", SysIdentity::setresgid);
        t.add("setfsuid", SysIdentity::setfsuid);
        t.add("setfsgid", SysIdentity::setfsgid);
        t.add("getgroups", SysIdentity::getgroups);
        t.add("setgroups", SysIdentity::setgroups);
        t.add("umask", SysIdentity::umask);
    }

    static long getresuid(SyscallContext c) {
        Credentials cr = c.process().credentials();
        return writeIds(c, cr.uid(), cr.euid(), cr.suid());
    }

    static long getresgid(SyscallContext c) {
        Credentials cr = c.process().credentials();
        return writeIds(c, cr.gid(), cr.egid(), cr.sgid());
    }

    private static long writeIds(SyscallContext c, int real, int effective, int saved) {
        c.writeInt(c.arg(0), real);
        c.writeInt(c.arg(1), effective);
        c.writeInt(c.arg(2), saved);
        return 0;
    }

    // ---- user ids ----

    /** setuid: privileged sets all three; others may set the effective uid to the real or saved one. */
    static long setuid(SyscallContext c) {
        int id = c.argInt(0);
        if (id == UNCHANGED) return -Errno.EINVAL;
        PosixProcess p = c.process();
        Credentials cr = p.credentials();
        if (cr.isPrivileged()) {
            p.setCredentials(cr.withUids(id, id, id));
        } else if (id == cr.uid() || id == cr.suid()) {
            p.setCredentials(cr.withUids(cr.uid(), id, cr.suid()));
        } else {
            return -Errno.EPERM;
        }
        return 0;
    }

    /**
     * setreuid: the real uid may become the real or effective one, the effective uid any of the three; the
     * saved uid becomes the new effective one when the real uid is set or the effective one set to another
     * value than the (old) real uid.
     */
    static long setreuid(SyscallContext c) {
        int ruid = c.argInt(0), euid = c.argInt(1);
        PosixProcess p = c.process();
        Credentials cr = p.credentials();
        boolean privileged = cr.isPrivileged();
        int newReal = cr.uid(), newEffective = cr.euid(), newSaved = cr.suid();
        if (ruid != UNCHANGED) {
            if (!privileged && ruid != cr.uid() && ruid != cr.euid()) return -Errno.EPERM;
            newReal = ruid;
        }
        if (euid != UNCHANGED) {
            if (!privileged && !cr.hasUid(euid)) return -Errno.EPERM;
            newEffective = euid;
        }
        if (ruid != UNCHANGED || (euid != UNCHANGED && euid != cr.uid())) newSaved = newEffective;
        p.setCredentials(cr.withUids(newReal, newEffective, newSaved));
        return 0;
    }

    /** setresuid: unprivileged, each id given must be one of the current real, effective or saved uids. */
    static long setresuid(SyscallContext c) {
        int r = c.argInt(0), e = c.argInt(1), s = c.argInt(2);
        PosixProcess p = c.process();
        Credentials cr = p.credentials();
        if (!cr.isPrivileged() && (r != UNCHANGED && !cr.hasUid(r) || e != UNCHANGED && !cr.hasUid(e)
                || s != UNCHANGED && !cr.hasUid(s))) {
            return -Errno.EPERM;
        }
        p.setCredentials(cr.withUids(r == UNCHANGED ? cr.uid() : r, e == UNCHANGED ? cr.euid() : e,
                s == UNCHANGED ? cr.suid() : s));
        return 0;
    }

    /** setfsuid: always returns the old fsuid; changes it when privileged or to one of the four uids. */
    static long setfsuid(SyscallContext c) {
        int id = c.argInt(0);
        PosixProcess p = c.process();
        Credentials cr = p.credentials();
        int old = cr.fsuid();
        if (id != UNCHANGED && (cr.isPrivileged() || cr.hasUid(id) || id == cr.fsuid())) {
            p.setCredentials(cr.withFsuid(id));
        }
        return old;
    }

    // ---- group ids (the same rules, CAP_SETGID held by euid 0) ----

    static long setgid(SyscallContext c) {
        int id = c.argInt(0);
        if (id == UNCHANGED) return -Errno.EINVAL;
        PosixProcess p = c.process();
        Credentials cr = p.credentials();
        if (cr.isPrivileged()) {
            p.setCredentials(cr.withGids(id, id, id));
        } else if (id == cr.gid() || id == cr.sgid()) {
            p.setCredentials(cr.withGids(cr.gid(), id, cr.sgid()));
        } else {
            return -Errno.EPERM;
        }
        return 0;
    }

    static long setregid(SyscallContext c) {
        int rgid = c.argInt(0), egid = c.argInt(1);
        PosixProcess p = c.process();
        Credentials cr = p.credentials();
        boolean privileged = cr.isPrivileged();
        int newReal = cr.gid(), newEffective = cr.egid(), newSaved = cr.sgid();
        if (rgid != UNCHANGED) {
            if (!privileged && rgid != cr.gid() && rgid != cr.egid()) return -Errno.EPERM;
            newReal = rgid;
        }
        if (egid != UNCHANGED) {
            if (!privileged && !cr.hasGid(egid)) return -Errno.EPERM;
            newEffective = egid;
        }
        if (rgid != UNCHANGED || (egid != UNCHANGED && egid != cr.gid())) newSaved = newEffective;
        p.setCredentials(cr.withGids(newReal, newEffective, newSaved));
        return 0;
    }

    static long setresgid(SyscallContext c) {
        int r = c.argInt(0), e = c.argInt(1), s = c.argInt(2);
        PosixProcess p = c.process();
        Credentials cr = p.credentials();
        if (!cr.isPrivileged() && (r != UNCHANGED && !cr.hasGid(r) || e != UNCHANGED && !cr.hasGid(e)
                || s != UNCHANGED && !cr.hasGid(s))) {
            return -Errno.EPERM;
        }
        p.setCredentials(cr.withGids(r == UNCHANGED ? cr.gid() : r, e == UNCHANGED ? cr.egid() : e,
                s == UNCHANGED ? cr.sgid() : s));
        return 0;
    }

    static long setfsgid(SyscallContext c) {
        int id = c.argInt(0);
        PosixProcess p = c.process();
        Credentials cr = p.credentials();
        int old = cr.fsgid();
        if (id != UNCHANGED && (cr.isPrivileged() || cr.hasGid(id) || id == cr.fsgid())) {
            p.setCredentials(cr.withFsgid(id));
        }
        return old;
    }

    // ---- supplementary groups ----

    /** getgroups(size, list): size 0 asks for the count; a smaller size than the count is EINVAL. */
    static long getgroups(SyscallContext c) {
        int size = c.argInt(0);
        Credentials cr = c.process().credentials();
        int n = cr.groupCount();
        if (size < 0) return -Errno.EINVAL;
        if (size == 0) return n;
        if (size < n) return -Errno.EINVAL;
        long list = c.arg(1);
        for (int i = 0; i < n; i++) c.writeInt(list + 4L * i, cr.group(i));
        return n;
    }

    /** setgroups(size, list): privileged only; at most NGROUPS_MAX; the list is kept sorted. */
    static long setgroups(SyscallContext c) {
        int size = c.argInt(0);
        PosixProcess p = c.process();
        Credentials cr = p.credentials();
        if (!cr.isPrivileged()) return -Errno.EPERM;
        if (size < 0 || size > NGROUPS_MAX) return -Errno.EINVAL;
        int[] groups = new int[size];
        if (size > 0) {
            byte[] raw = c.copyIn(c.arg(1), size * 4);
            for (int i = 0; i < size; i++) {
                groups[i] = (raw[4 * i] & 0xff) | (raw[4 * i + 1] & 0xff) << 8 | (raw[4 * i + 2] & 0xff) << 16
                        | (raw[4 * i + 3] & 0xff) << 24;
            }
        }
        p.setCredentials(cr.withGroups(groups));
        return 0;
    }

    static long umask(SyscallContext c) {
        int old = c.process().umask();
        c.process().setUmask(c.argInt(0));
        return old;
    }
}
