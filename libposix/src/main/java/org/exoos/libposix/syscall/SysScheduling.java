package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.microkernel.sched.HartScheduler;
import org.exoos.microkernel.sched.NiceWeights;
import org.exoos.microkernel.sched.SchedPolicy;
import org.exoos.microkernel.sched.SchedTask;
import org.exoos.microkernel.sched.TaskParking;
import org.exoos.microkernel.sched.TaskStarter;
import org.exoos.servers.protocol.Errno;

import static org.exoos.microkernel.sched.SchedPolicy.*;

/**
 * The scheduler's parameters as Linux shows them (kernel/sched/syscalls.c): sched_yield,
 * sched_setaffinity/getaffinity (a cpu_set_t of {@value #CPUMASK_SIZE} bytes: harts 0..63), setpriority/
 * getpriority (nice, per thread for PRIO_PROCESS as on Linux), sched_setscheduler/getscheduler/setparam/
 * getparam (the fair policies SCHED_OTHER, SCHED_BATCH, SCHED_IDLE), sched_get_priority_max/min and getcpu.
 * CAP_SYS_NICE is an effective uid of 0. There are no real-time classes, so SCHED_FIFO and SCHED_RR are
 * refused with EPERM, as for a caller without the capability to use them.
 */
final class SysScheduling {
    private SysScheduling() {}

    static final int PRIO_PROCESS = 0, PRIO_PGRP = 1, PRIO_USER = 2;
    /** cpumask_size(): the kernel's cpumask in bytes, enough for {@link HartScheduler#MAX_CPUS} harts. */
    static final int CPUMASK_SIZE = 8;
    static final int MAX_RT_PRIO = 100;

    static void register(SyscallTable t) {
        t.add("sched_yield", SysScheduling::schedYield);
        t.add("sched_setaffinity", SysScheduling::setAffinity);
        t.add("sched_getaffinity", SysScheduling::getAffinity);
        t.add("setpriority", SysScheduling::setPriority);
        t.add("getpriority", SysScheduling::getPriority);
        t.addPartial("sched_setscheduler", "fair policies only: SCHED_FIFO and SCHED_RR are EPERM", SysScheduling::setScheduler);
        t.addPartial("sched_setparam", "fair policies only (sched_priority 0)", SysScheduling::setParam);
        t.add("sched_getscheduler", SysScheduling::getScheduler);
        t.add("sched_getparam", SysScheduling::getParam);
        t.add("sched_get_priority_max", c -> priorityLimit(c.argInt(0), MAX_RT_PRIO - 1));
        t.add("sched_get_priority_min", c -> priorityLimit(c.argInt(0), 1));
        t.add("getcpu", SysScheduling::getcpu);
    }

    static long schedYield(SyscallContext c) {
        if (!TaskParking.yieldNow(c.thread().task())) Thread.yield(); // off the harts the host schedules the thread
        return 0;
    }

    // ---- affinity ----

    static long setAffinity(SyscallContext c) {
        int pid = c.argInt(0);
        long len = c.argUint(1);
        // get_user_cpu_mask: a shorter mask is zero-extended, a longer one cut to cpumask_size().
        int n = (int) Math.min(len, CPUMASK_SIZE);
        byte[] bytes = n == 0 ? new byte[0] : c.copyIn(c.arg(2), n);
        long mask = 0;
        for (int i = 0; i < n; i++) mask |= (bytes[i] & 0xffL) << (8 * i);
        HartScheduler s = scheduler(c);
        PosixThread target = thread(c, pid);
        if (target == null) return -Errno.ESRCH;
        SchedTask t = s.sched(target.task());
        if (t == null) return -Errno.ESRCH;
        if (!sameOwnerOrNice(c.process().credentials(), target.process().credentials())) return -Errno.EPERM;
        return s.setAffinity(t, mask) ? 0 : -Errno.EINVAL;
    }

    static long getAffinity(SyscallContext c) {
        int pid = c.argInt(0);
        long len = c.argUint(1);
        HartScheduler s = scheduler(c);
        if (len * 8 < s.cpus()) return -Errno.EINVAL;
        if ((len & 7) != 0) return -Errno.EINVAL;
        PosixThread target = thread(c, pid);
        SchedTask t = target == null ? null : s.sched(target.task());
        if (t == null) return -Errno.ESRCH;
        long mask = t.affinity() & s.allCpus();
        byte[] out = new byte[CPUMASK_SIZE];
        for (int i = 0; i < CPUMASK_SIZE; i++) out[i] = (byte) (mask >>> (8 * i));
        c.copyOut(c.arg(2), out);
        return CPUMASK_SIZE;
    }

    // ---- nice ----

    static long setPriority(SyscallContext c) {
        int which = c.argInt(0), who = c.argInt(1);
        if (which < PRIO_PROCESS || which > PRIO_USER) return -Errno.EINVAL;
        int nice = NiceWeights.clamp(c.argInt(2));
        HartScheduler s = scheduler(c);
        Credentials caller = c.process().credentials();
        long error = -Errno.ESRCH;
        for (PosixThread target : matching(c, which, who)) {
            SchedTask t = s.sched(target.task());
            if (t == null) continue;
            // set_one_prio: EPERM for another user's task, EACCES for lowering nice without CAP_SYS_NICE.
            if (!sameOwnerOrNice(caller, target.process().credentials())) {
                error = -Errno.EPERM;
                continue;
            }
            if (nice < t.nice() && !caller.isPrivileged()) {
                error = -Errno.EACCES;
                continue;
            }
            s.setNice(t, nice);
            if (error == -Errno.ESRCH) error = 0;
        }
        return error;
    }

    /** The highest priority among the matching threads as Linux's syscall returns it: 20 - nice (1..40). */
    static long getPriority(SyscallContext c) {
        int which = c.argInt(0), who = c.argInt(1);
        if (which < PRIO_PROCESS || which > PRIO_USER) return -Errno.EINVAL;
        HartScheduler s = scheduler(c);
        long best = -Errno.ESRCH;
        for (PosixThread target : matching(c, which, who)) {
            SchedTask t = s.sched(target.task());
            if (t != null) best = Math.max(best, 20 - t.nice());
        }
        return best;
    }

    /** The threads setpriority/getpriority address: a thread (PRIO_PROCESS), a process group, a real uid. */
    private static java.util.List<PosixThread> matching(SyscallContext c, int which, int who) {
        java.util.List<PosixThread> found = new java.util.ArrayList<>();
        if (which == PRIO_PROCESS) {
            PosixThread t = thread(c, who);
            if (t != null) found.add(t);
            return found;
        }
        int id = who != 0 ? who : which == PRIO_PGRP ? c.process().pgid() : c.process().credentials().uid();
        var tree = c.linux().processTree();
        for (PosixProcess p : which == PRIO_PGRP ? tree.groupMembers(id) : tree.all()) {
            boolean match = which == PRIO_PGRP ? p.pgid() == id : p.credentials().uid() == id;
            if (!match) continue;
            for (PosixThread t : p.threads()) if (t.task().isAlive()) found.add(t);
        }
        return found;
    }

    // ---- policy ----

    static long setScheduler(SyscallContext c) {
        return setScheduler(c, c.argInt(0), c.argInt(1), c.arg(2), false);
    }

    static long setParam(SyscallContext c) {
        return setScheduler(c, c.argInt(0), -1, c.arg(1), true);
    }

    /** do_sched_setscheduler and __sched_setscheduler, for the policies there are here. */
    private static long setScheduler(SyscallContext c, int pid, int policy, long param, boolean keepPolicy) {
        if (!keepPolicy && policy < 0) return -Errno.EINVAL;
        if (param == 0 || pid < 0) return -Errno.EINVAL;
        byte[] b = c.copyIn(param, 4); // struct sched_param { int sched_priority; }
        int priority = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | b[3] << 24;
        HartScheduler s = scheduler(c);
        PosixThread target = thread(c, pid);
        SchedTask t = target == null ? null : s.sched(target.task());
        if (t == null) return -Errno.ESRCH;
        boolean resetOnFork = t.resetOnFork();
        if (!keepPolicy) {
            resetOnFork = (policy & SCHED_RESET_ON_FORK) != 0;
            policy &= ~SCHED_RESET_ON_FORK;
        } else {
            policy = t.policy();
        }
        boolean fair = SchedPolicy.isFair(policy), realTime = policy == SCHED_FIFO || policy == SCHED_RR;
        if (!fair && !realTime) return -Errno.EINVAL; // SCHED_DEADLINE needs sched_setattr
        if (priority < 0 || priority > MAX_RT_PRIO - 1) return -Errno.EINVAL;
        if (fair != (priority == 0)) return -Errno.EINVAL;
        Credentials caller = c.process().credentials();
        if (realTime) return -Errno.EPERM; // no real-time class on this machine
        if (!caller.isPrivileged()) {
            if (t.policy() == SCHED_IDLE && policy != SCHED_IDLE) return -Errno.EPERM; // can_nice fails: RLIMIT_NICE 0
            if (t.resetOnFork() && !resetOnFork) return -Errno.EPERM;
            if (!sameOwnerOrNice(caller, target.process().credentials())) return -Errno.EPERM;
        }
        s.setPolicy(t, policy, resetOnFork);
        return 0;
    }

    static long getScheduler(SyscallContext c) {
        int pid = c.argInt(0);
        if (pid < 0) return -Errno.EINVAL;
        HartScheduler s = scheduler(c);
        PosixThread target = thread(c, pid);
        SchedTask t = target == null ? null : s.sched(target.task());
        if (t == null) return -Errno.ESRCH;
        return t.policy() | (t.resetOnFork() ? SCHED_RESET_ON_FORK : 0);
    }

    static long getParam(SyscallContext c) {
        int pid = c.argInt(0);
        long param = c.arg(1);
        if (param == 0 || pid < 0) return -Errno.EINVAL;
        HartScheduler s = scheduler(c);
        PosixThread target = thread(c, pid);
        if (target == null || s.sched(target.task()) == null) return -Errno.ESRCH;
        c.writeInt(param, 0); // fair policies have sched_priority 0
        return 0;
    }

    private static long priorityLimit(int policy, int realTimeLimit) {
        if (policy == SCHED_FIFO || policy == SCHED_RR) return realTimeLimit;
        if (SchedPolicy.isFair(policy) || policy == SCHED_DEADLINE) return 0;
        return -Errno.EINVAL;
    }

    static long getcpu(SyscallContext c) {
        long cpuAddress = c.arg(0), nodeAddress = c.arg(1);
        int cpu = Math.max(0, TaskParking.cpuOf(c.thread().task()));
        if (cpuAddress != 0) c.writeInt(cpuAddress, cpu);
        if (nodeAddress != 0) c.writeInt(nodeAddress, 0); // one NUMA node
        return 0;
    }

    // ---- helpers ----

    /** The machine's scheduler; a machine without one (a test that drives a task alone) has no such calls. */
    private static HartScheduler scheduler(SyscallContext c) {
        TaskStarter starter = c.linux().taskStarter();
        if (starter instanceof HartScheduler s) return s;
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Thread tid of any process (the caller for 0); null when there is none alive. */
    private static PosixThread thread(SyscallContext c, int tid) {
        if (tid == 0) return c.thread();
        if (tid < 0) return null;
        for (PosixProcess p : c.linux().processTree().all()) {
            for (PosixThread t : p.threads()) if (t.tid() == tid && t.task().isAlive()) return t;
        }
        return null;
    }

    /** check_same_owner, or CAP_SYS_NICE: the caller's euid is the target's uid or euid. */
    private static boolean sameOwnerOrNice(Credentials caller, Credentials target) {
        return caller.isPrivileged() || caller.euid() == target.uid() || caller.euid() == target.euid();
    }
}
