package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.microkernel.sched.HartScheduler;
import org.exoos.microkernel.sched.SchedPolicy;
import org.exoos.microkernel.sched.SchedTask;
import org.exoos.servers.protocol.Errno;

import java.util.ArrayList;
import java.util.List;

/**
 * ioprio_set(2) and ioprio_get(2), as Linux 6.1's block/ioprio.c. The machine has no block device, so the
 * priority is only recorded, per process ({@link PosixProcess#ioPriority()}, inherited by fork). ioprio_check_cap
 * comes first: EINVAL for an unknown class, data above 7 for RT and BE, data other than 0 for NONE; EPERM for
 * RT without CAP_SYS_NICE (an effective uid of 0). set_task_ioprio refuses (EPERM) a process whose real uid is
 * neither the caller's real nor effective uid. ioprio_get of one process returns the value as set (0, class
 * NONE, when never set); of a group or a user, the best (numerically lowest) effective priority, where an
 * unset one counts as the class and level the nice value gives (task_nice_ioclass, task_nice_ioprio).
 */
final class SysIoPriority {
    private SysIoPriority() {}

    /** include/uapi/linux/ioprio.h. */
    static final int IOPRIO_CLASS_SHIFT = 13, IOPRIO_CLASS_MASK = 0x07, IOPRIO_PRIO_MASK = (1 << IOPRIO_CLASS_SHIFT) - 1;
    static final int IOPRIO_CLASS_NONE = 0, IOPRIO_CLASS_RT = 1, IOPRIO_CLASS_BE = 2, IOPRIO_CLASS_IDLE = 3;
    static final int IOPRIO_WHO_PROCESS = 1, IOPRIO_WHO_PGRP = 2, IOPRIO_WHO_USER = 3;
    static final int IOPRIO_NR_LEVELS = 8;
    /** io_context's ioprio is an unsigned short. */
    private static final int STORED_MASK = 0xffff;

    static void register(SyscallTable t) {
        t.addPartial("ioprio_set", "recorded only: there is no block device to schedule", SysIoPriority::ioprioSet);
        t.add("ioprio_get", SysIoPriority::ioprioGet);
    }

    static int prioClass(int ioprio) { return (ioprio >> IOPRIO_CLASS_SHIFT) & IOPRIO_CLASS_MASK; }

    static int prioData(int ioprio) { return ioprio & IOPRIO_PRIO_MASK; }

    static int prioValue(int ioClass, int data) {
        return ((ioClass & IOPRIO_CLASS_MASK) << IOPRIO_CLASS_SHIFT) | (data & IOPRIO_PRIO_MASK);
    }

    static long ioprioSet(SyscallContext c) {
        int which = c.argInt(0), who = c.argInt(1), ioprio = c.argInt(2);
        Credentials caller = c.process().credentials();
        long bad = checkCap(ioprio, caller);
        if (bad != 0) return bad;
        if (which < IOPRIO_WHO_PROCESS || which > IOPRIO_WHO_USER) return -Errno.EINVAL;
        long result = -Errno.ESRCH;
        for (PosixProcess p : matching(c, which, who, true)) {
            // set_task_ioprio: the target's uid must be the caller's euid or uid, or CAP_SYS_NICE.
            Credentials target = p.credentials();
            if (target.uid() != caller.euid() && target.uid() != caller.uid() && !caller.isPrivileged()) {
                return -Errno.EPERM; // Linux stops at the first refusal
            }
            p.setIoPriority(ioprio & STORED_MASK);
            result = 0;
        }
        return result;
    }

    /** ioprio_check_cap. */
    static long checkCap(int ioprio, Credentials caller) {
        int data = prioData(ioprio);
        switch (prioClass(ioprio)) {
            case IOPRIO_CLASS_RT -> {
                if (!caller.isPrivileged()) return -Errno.EPERM;
                return data >= IOPRIO_NR_LEVELS ? -Errno.EINVAL : 0;
            }
            case IOPRIO_CLASS_BE -> { return data >= IOPRIO_NR_LEVELS ? -Errno.EINVAL : 0; }
            case IOPRIO_CLASS_IDLE -> { return 0; }
            case IOPRIO_CLASS_NONE -> { return data != 0 ? -Errno.EINVAL : 0; }
            default -> { return -Errno.EINVAL; }
        }
    }

    static long ioprioGet(SyscallContext c) {
        int which = c.argInt(0), who = c.argInt(1);
        if (which < IOPRIO_WHO_PROCESS || which > IOPRIO_WHO_USER) return -Errno.EINVAL;
        List<PosixProcess> found = matching(c, which, who, false);
        if (found.isEmpty()) return -Errno.ESRCH;
        if (which == IOPRIO_WHO_PROCESS) return found.getFirst().ioPriority(); // get_task_raw_ioprio
        int best = Integer.MAX_VALUE;
        for (PosixProcess p : found) best = Math.min(best, effective(c, p)); // ioprio_best: the lowest value
        return best;
    }

    /** __get_task_ioprio: the priority set, or for class NONE the one the nice value and policy give. */
    private static int effective(SyscallContext c, PosixProcess p) {
        int prio = p.ioPriority();
        if (prioClass(prio) != IOPRIO_CLASS_NONE) return prio;
        int best = Integer.MAX_VALUE;
        HartScheduler s = c.linux().taskStarter() instanceof HartScheduler h ? h : null;
        for (PosixThread t : p.threads()) {
            SchedTask st = s == null ? null : s.sched(t.task());
            int nice = st == null ? 0 : st.nice();
            int ioClass = st != null && st.policy() == SchedPolicy.SCHED_IDLE ? IOPRIO_CLASS_IDLE : IOPRIO_CLASS_BE;
            best = Math.min(best, prioValue(ioClass, (nice + 20) / 5));
        }
        return best == Integer.MAX_VALUE ? prioValue(IOPRIO_CLASS_BE, (0 + 20) / 5) : best;
    }

    /**
     * The live processes a call addresses: the one holding thread {@code who} (the caller for 0), a process
     * group (the caller's for 0), or a real uid. For a uid, who 0 is the caller's for ioprio_get as the man page
     * says, but uid 0 itself for ioprio_set: Linux 6.1's set compares with make_kuid(who), not current_user().
     */
    private static List<PosixProcess> matching(SyscallContext c, int which, int who, boolean forSet) {
        List<PosixProcess> found = new ArrayList<>();
        if (which == IOPRIO_WHO_PROCESS) {
            if (who == 0) {
                found.add(c.process());
                return found;
            }
            for (PosixProcess p : c.linux().processTree().all()) {
                for (PosixThread t : p.threads()) {
                    if (t.tid() == who && t.task().isAlive()) {
                        found.add(p);
                        return found;
                    }
                }
            }
            return found;
        }
        int id = who != 0 || (forSet && which == IOPRIO_WHO_USER) ? who
                : which == IOPRIO_WHO_PGRP ? c.process().pgid() : c.process().credentials().uid();
        var tree = c.linux().processTree();
        for (PosixProcess p : which == IOPRIO_WHO_PGRP ? tree.groupMembers(id) : tree.all()) {
            if (!hasLiveThread(p)) continue;
            if (which == IOPRIO_WHO_PGRP ? p.pgid() == id : p.credentials().uid() == id) found.add(p);
        }
        return found;
    }

    private static boolean hasLiveThread(PosixProcess p) {
        for (PosixThread t : p.threads()) if (t.task().isAlive()) return true;
        return false;
    }
}
