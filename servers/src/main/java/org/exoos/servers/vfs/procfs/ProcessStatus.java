package org.exoos.servers.vfs.procfs;

/**
 * What /proc/[pid]/status, stat and statm show of one process, filled in place by
 * {@link ProcessInfoSource#status} so that generating a file allocates nothing for it. Fields left alone keep
 * the values {@link #clear} gives, which are those of a plain single-threaded process with nothing pending.
 * <p>
 * Memory sizes are in bytes (Linux prints kB or pages); times are nanoseconds (Linux prints clock ticks of
 * 1/100 s); signal sets are bit masks with signal n at bit n-1.
 */
public final class ProcessStatus {
    /** Linux's "not a terminal" tty_pgrp, and the default of {@link #ttyPgrp}. */
    public static final int NO_TTY_PGRP = -1;
    /** RLIM_INFINITY, printed unsigned. */
    public static final long RLIM_INFINITY = -1L;
    /** SIGCHLD: the exit signal of a process made by fork. */
    public static final int SIGCHLD = 17;
    /** Every capability Linux 6.x knows (CAP_LAST_CAP = 40): what root holds. */
    public static final long ALL_CAPABILITIES = (1L << 41) - 1;

    /** R running, S sleeping, D disk sleep, T stopped, t tracing stop, X dead, Z zombie, P parked, I idle. */
    public char state;
    public int ppid;
    public int pgrp;
    public int session;
    /** The controlling terminal's device number (new_encode_dev), or 0. */
    public int ttyNr;
    public int ttyPgrp;
    public int tracerPid;
    public int uid;
    public int euid;
    public int suid;
    public int fsuid;
    public int gid;
    public int egid;
    public int sgid;
    public int fsgid;
    /** Supplementary groups: the first {@link #groupCount} of {@link #groups}. */
    public int[] groups = new int[8];
    public int groupCount;
    public int umask;
    /** The size of the descriptor table (FDSize). */
    public int fdTableSize;
    public int threads;
    /** task->flags (PF_*). */
    public long flags;
    public boolean kernelThread;

    public long minorFaults;
    public long majorFaults;
    public long childMinorFaults;
    public long childMajorFaults;
    public long userTimeNanos;
    public long systemTimeNanos;
    public long childUserTimeNanos;
    public long childSystemTimeNanos;
    /** Since boot. */
    public long startTimeNanos;
    /** The kernel's priority as /proc shows it (20 for nice 0, normal policy). */
    public int priority;
    public int nice;
    public int rtPriority;
    public int policy;
    /** The hart it last ran on. */
    public int processor;
    public int exitSignal;
    public int exitCode;

    /** Whether the process has an address space (a zombie or a kernel thread has none). */
    public boolean hasMemory;
    public long vmPeak;
    public long vmSize;
    public long vmLocked;
    public long vmPinned;
    public long vmHwm;
    public long vmRss;
    public long rssAnon;
    public long rssFile;
    public long rssShmem;
    public long vmData;
    public long vmStack;
    public long vmExe;
    public long vmLib;
    public long vmPte;
    public long vmSwap;
    public long hugetlbPages;
    public long rssLimit;
    public long startCode;
    public long endCode;
    public long startStack;
    public long startData;
    public long endData;
    public long startBrk;
    public long argStart;
    public long argEnd;
    public long envStart;
    public long envEnd;

    public long sigPending;
    public long sigSharedPending;
    public long sigBlocked;
    public long sigIgnored;
    public long sigCaught;
    public long sigQueued;
    public long sigQueueLimit;

    public long capInheritable;
    public long capPermitted;
    public long capEffective;
    public long capBounding;
    public long capAmbient;
    public boolean noNewPrivs;
    public int seccompMode;
    public int seccompFilters;
    public boolean coreDumping;

    public long voluntarySwitches;
    public long involuntarySwitches;

    public ProcessStatus() {
        clear();
    }

    /** Back to a running, single-threaded process of root with nothing in it. */
    public ProcessStatus clear() {
        state = 'R';
        ppid = pgrp = session = ttyNr = tracerPid = 0;
        ttyPgrp = NO_TTY_PGRP;
        uid = euid = suid = fsuid = gid = egid = sgid = fsgid = 0;
        groupCount = 0;
        umask = 022;
        fdTableSize = 64;
        threads = 1;
        flags = 0;
        kernelThread = false;
        minorFaults = majorFaults = childMinorFaults = childMajorFaults = 0;
        userTimeNanos = systemTimeNanos = childUserTimeNanos = childSystemTimeNanos = startTimeNanos = 0;
        priority = 20;
        nice = rtPriority = policy = processor = exitCode = 0;
        exitSignal = SIGCHLD;
        hasMemory = true;
        vmPeak = vmSize = vmLocked = vmPinned = vmHwm = vmRss = rssAnon = rssFile = rssShmem = 0;
        vmData = vmStack = vmExe = vmLib = vmPte = vmSwap = hugetlbPages = 0;
        rssLimit = RLIM_INFINITY;
        startCode = endCode = startStack = startData = endData = startBrk = 0;
        argStart = argEnd = envStart = envEnd = 0;
        sigPending = sigSharedPending = sigBlocked = sigIgnored = sigCaught = sigQueued = 0;
        sigQueueLimit = 0;
        capInheritable = capPermitted = capEffective = capAmbient = 0;
        capBounding = ALL_CAPABILITIES;
        noNewPrivs = false;
        seccompMode = seccompFilters = 0;
        coreDumping = false;
        voluntarySwitches = involuntarySwitches = 0;
        return this;
    }

    /** Sets all four user ids and all four group ids, and the capabilities root has or an ordinary user lacks. */
    public ProcessStatus setIds(int uid, int gid) {
        this.uid = euid = suid = fsuid = uid;
        this.gid = egid = sgid = fsgid = gid;
        capPermitted = capEffective = uid == 0 ? ALL_CAPABILITIES : 0;
        return this;
    }

    /** Replaces the supplementary groups. */
    public ProcessStatus setGroups(int... supplementary) {
        if (groups.length < supplementary.length) {
            groups = new int[supplementary.length];
        }
        System.arraycopy(supplementary, 0, groups, 0, supplementary.length);
        groupCount = supplementary.length;
        return this;
    }

    /** Copies every field of {@code from} (the groups into this one's array). */
    public ProcessStatus copyFrom(ProcessStatus from) {
        state = from.state;
        ppid = from.ppid;
        pgrp = from.pgrp;
        session = from.session;
        ttyNr = from.ttyNr;
        ttyPgrp = from.ttyPgrp;
        tracerPid = from.tracerPid;
        uid = from.uid;
        euid = from.euid;
        suid = from.suid;
        fsuid = from.fsuid;
        gid = from.gid;
        egid = from.egid;
        sgid = from.sgid;
        fsgid = from.fsgid;
        umask = from.umask;
        fdTableSize = from.fdTableSize;
        threads = from.threads;
        flags = from.flags;
        kernelThread = from.kernelThread;
        minorFaults = from.minorFaults;
        majorFaults = from.majorFaults;
        childMinorFaults = from.childMinorFaults;
        childMajorFaults = from.childMajorFaults;
        userTimeNanos = from.userTimeNanos;
        systemTimeNanos = from.systemTimeNanos;
        childUserTimeNanos = from.childUserTimeNanos;
        childSystemTimeNanos = from.childSystemTimeNanos;
        startTimeNanos = from.startTimeNanos;
        priority = from.priority;
        nice = from.nice;
        rtPriority = from.rtPriority;
        policy = from.policy;
        processor = from.processor;
        exitSignal = from.exitSignal;
        exitCode = from.exitCode;
        hasMemory = from.hasMemory;
        vmPeak = from.vmPeak;
        vmSize = from.vmSize;
        vmLocked = from.vmLocked;
        vmPinned = from.vmPinned;
        vmHwm = from.vmHwm;
        vmRss = from.vmRss;
        rssAnon = from.rssAnon;
        rssFile = from.rssFile;
        rssShmem = from.rssShmem;
        vmData = from.vmData;
        vmStack = from.vmStack;
        vmExe = from.vmExe;
        vmLib = from.vmLib;
        vmPte = from.vmPte;
        vmSwap = from.vmSwap;
        hugetlbPages = from.hugetlbPages;
        rssLimit = from.rssLimit;
        startCode = from.startCode;
        endCode = from.endCode;
        startStack = from.startStack;
        startData = from.startData;
        endData = from.endData;
        startBrk = from.startBrk;
        argStart = from.argStart;
        argEnd = from.argEnd;
        envStart = from.envStart;
        envEnd = from.envEnd;
        sigPending = from.sigPending;
        sigSharedPending = from.sigSharedPending;
        sigBlocked = from.sigBlocked;
        sigIgnored = from.sigIgnored;
        sigCaught = from.sigCaught;
        sigQueued = from.sigQueued;
        sigQueueLimit = from.sigQueueLimit;
        capInheritable = from.capInheritable;
        capPermitted = from.capPermitted;
        capEffective = from.capEffective;
        capBounding = from.capBounding;
        capAmbient = from.capAmbient;
        noNewPrivs = from.noNewPrivs;
        seccompMode = from.seccompMode;
        seccompFilters = from.seccompFilters;
        coreDumping = from.coreDumping;
        voluntarySwitches = from.voluntarySwitches;
        involuntarySwitches = from.involuntarySwitches;
        if (groups.length < from.groupCount) {
            groups = new int[from.groups.length];
        }
        System.arraycopy(from.groups, 0, groups, 0, from.groupCount);
        groupCount = from.groupCount;
        return this;
    }
}
