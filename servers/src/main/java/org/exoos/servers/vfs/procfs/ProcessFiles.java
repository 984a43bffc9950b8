package org.exoos.servers.vfs.procfs;

/**
 * The text of the per-process /proc files, in Linux 6.18's formats (fs/proc/array.c proc_pid_status,
 * do_task_stat, proc_pid_statm; fs/proc/task_mmu.c task_mem and show_map_vma), for a riscv64 kernel with
 * CONFIG_SECCOMP, CONFIG_HUGETLB_PAGE and without transparent huge pages.
 */
final class ProcessFiles {
    private ProcessFiles() {}

    static final int PAGE_SHIFT = 12;
    static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    /** USER_HZ: the clock ticks /proc counts times in. */
    static final long NANOS_PER_TICK = 1_000_000_000L / 100;
    /** The column where a maps line's path starts, less one: 25 + 6 * sizeof(void *) - 1. */
    static final int MAPS_NAME_COLUMN = 72;

    /** The state as status spells it out. */
    static String stateName(char state) {
        return switch (state) {
            case 'R' -> "R (running)";
            case 'S' -> "S (sleeping)";
            case 'D' -> "D (disk sleep)";
            case 'T' -> "T (stopped)";
            case 't' -> "t (tracing stop)";
            case 'X' -> "X (dead)";
            case 'Z' -> "Z (zombie)";
            case 'P' -> "P (parked)";
            case 'I' -> "I (idle)";
            default -> state + " (unknown)";
        };
    }

    /** /proc/[pid]/status. */
    static void status(ProcText out, int pid, String comm, ProcessStatus s, int harts) {
        out.put("Name:\t");
        for (int i = 0; i < comm.length(); i++) {
            char c = comm.charAt(i);
            if (c == '\n') {
                out.put("\\n");
            } else if (c == '\\') {
                out.put("\\\\");
            } else {
                out.put(c);
            }
        }
        out.put("\nUmask:\t");
        String octal = Integer.toOctalString(s.umask & 0777);
        if (octal.charAt(0) != '0') {
            octal = "0" + octal;
        }
        for (int i = octal.length(); i < 4; i++) {
            out.put('0');
        }
        out.put(octal);
        out.put("\nState:\t").put(stateName(s.state));
        out.put("\nTgid:\t").unsigned(pid);
        out.put("\nNgid:\t0");
        out.put("\nPid:\t").unsigned(pid);
        out.put("\nPPid:\t").unsigned(s.ppid);
        out.put("\nTracerPid:\t").unsigned(s.tracerPid);
        out.put("\nUid:\t").unsigned(s.uid).put('\t').unsigned(s.euid).put('\t').unsigned(s.suid).put('\t')
                .unsigned(s.fsuid);
        out.put("\nGid:\t").unsigned(s.gid).put('\t').unsigned(s.egid).put('\t').unsigned(s.sgid).put('\t')
                .unsigned(s.fsgid);
        out.put("\nFDSize:\t").unsigned(s.fdTableSize);
        out.put("\nGroups:\t");
        for (int g = 0; g < s.groupCount; g++) {
            if (g > 0) {
                out.put(' ');
            }
            out.unsigned(Integer.toUnsignedLong(s.groups[g]));
        }
        out.put(' ');
        out.put("\nNStgid:\t").unsigned(pid);
        out.put("\nNSpid:\t").unsigned(pid);
        out.put("\nNSpgid:\t").unsigned(s.pgrp);
        out.put("\nNSsid:\t").unsigned(s.session);
        out.put("\nKthread:\t").put(s.kernelThread ? '1' : '0').put('\n');
        if (s.hasMemory) {
            kb(out, "VmPeak:\t", s.vmPeak);
            kb(out, "VmSize:\t", s.vmSize);
            kb(out, "VmLck:\t", s.vmLocked);
            kb(out, "VmPin:\t", s.vmPinned);
            kb(out, "VmHWM:\t", s.vmHwm);
            kb(out, "VmRSS:\t", s.vmRss);
            kb(out, "RssAnon:\t", s.rssAnon);
            kb(out, "RssFile:\t", s.rssFile);
            kb(out, "RssShmem:\t", s.rssShmem);
            kb(out, "VmData:\t", s.vmData);
            kb(out, "VmStk:\t", s.vmStack);
            kb(out, "VmExe:\t", s.vmExe);
            kb(out, "VmLib:\t", s.vmLib);
            kb(out, "VmPTE:\t", s.vmPte);
            kb(out, "VmSwap:\t", s.vmSwap);
            kb(out, "HugetlbPages:\t", s.hugetlbPages);
            out.put("CoreDumping:\t").put(s.coreDumping ? '1' : '0').put('\n');
            out.put("THP_enabled:\t0\n");
            out.put("untag_mask:\t0x").hex(-1L, 1).put('\n');
        }
        out.put("Threads:\t").unsigned(s.threads);
        out.put("\nSigQ:\t").unsigned(s.sigQueued).put('/').unsigned(s.sigQueueLimit);
        out.put("\nSigPnd:\t").hex(s.sigPending, 16);
        out.put("\nShdPnd:\t").hex(s.sigSharedPending, 16);
        out.put("\nSigBlk:\t").hex(s.sigBlocked, 16);
        out.put("\nSigIgn:\t").hex(s.sigIgnored, 16);
        out.put("\nSigCgt:\t").hex(s.sigCaught, 16);
        out.put("\nCapInh:\t").hex(s.capInheritable, 16);
        out.put("\nCapPrm:\t").hex(s.capPermitted, 16);
        out.put("\nCapEff:\t").hex(s.capEffective, 16);
        out.put("\nCapBnd:\t").hex(s.capBounding, 16);
        out.put("\nCapAmb:\t").hex(s.capAmbient, 16);
        out.put("\nNoNewPrivs:\t").put(s.noNewPrivs ? '1' : '0');
        out.put("\nSeccomp:\t").unsigned(s.seccompMode);
        out.put("\nSeccomp_filters:\t").unsigned(s.seccompFilters);
        // riscv has no speculation-control prctl: arch_prctl_spec_ctrl_get answers -EINVAL
        out.put("\nSpeculation_Store_Bypass:\tunknown");
        out.put("\nSpeculationIndirectBranch:\tunsupported\n");
        out.put("Cpus_allowed:\t");
        cpuMask(out, harts);
        out.put("\nCpus_allowed_list:\t");
        cpuList(out, harts);
        out.put("\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
        out.put("voluntary_ctxt_switches:\t").unsigned(s.voluntarySwitches);
        out.put("\nnonvoluntary_ctxt_switches:\t").unsigned(s.involuntarySwitches).put('\n');
    }

    /** A task_mem line: bytes shown in kB, right-aligned in 8. */
    private static void kb(ProcText out, String label, long bytes) {
        out.put(label).padded(bytes >>> 10, 8).put(" kB\n");
    }

    /** %*pb of a mask of the first {@code bits} harts: 32-bit hex groups, most significant first. */
    static void cpuMask(ProcText out, int bits) {
        int groups = (bits + 31) / 32;
        for (int g = groups - 1; g >= 0; g--) {
            int inGroup = Math.min(32, bits - g * 32);
            long value = inGroup == 32 ? 0xffffffffL : (1L << inGroup) - 1;
            int width = g == groups - 1 ? (inGroup + 3) / 4 : 8;
            out.hex(value, width);
            if (g > 0) {
                out.put(',');
            }
        }
    }

    /** %*pbl of the same mask: "0", or "0-N". */
    static void cpuList(ProcText out, int bits) {
        out.put('0');
        if (bits > 1) {
            out.put('-').unsigned(bits - 1);
        }
    }

    /** /proc/[pid]/stat; {@code permitted} is whether the reader may inspect the process (ptrace read). */
    static void stat(ProcText out, int pid, String comm, ProcessStatus s, boolean permitted) {
        boolean mm = s.hasMemory;
        out.unsigned(pid).put(" (").put(comm.length() > 64 ? comm.substring(0, 64) : comm).put(") ").put(s.state);
        out.put(' ').decimal(s.ppid);
        out.put(' ').decimal(s.pgrp);
        out.put(' ').decimal(s.session);
        out.put(' ').decimal(s.ttyNr);
        out.put(' ').decimal(s.ttyPgrp);
        out.put(' ').unsigned(s.flags);
        out.put(' ').unsigned(s.minorFaults);
        out.put(' ').unsigned(s.childMinorFaults);
        out.put(' ').unsigned(s.majorFaults);
        out.put(' ').unsigned(s.childMajorFaults);
        out.put(' ').unsigned(s.userTimeNanos / NANOS_PER_TICK);
        out.put(' ').unsigned(s.systemTimeNanos / NANOS_PER_TICK);
        out.put(' ').decimal(s.childUserTimeNanos / NANOS_PER_TICK);
        out.put(' ').decimal(s.childSystemTimeNanos / NANOS_PER_TICK);
        out.put(' ').decimal(s.priority);
        out.put(' ').decimal(s.nice);
        out.put(' ').decimal(s.threads);
        out.put(" 0");
        out.put(' ').unsigned(s.startTimeNanos / NANOS_PER_TICK);
        out.put(' ').unsigned(mm ? s.vmSize : 0);
        out.put(' ').unsigned(mm ? s.vmRss >>> PAGE_SHIFT : 0);
        out.put(' ').unsigned(s.rssLimit);
        out.put(' ').unsigned(mm ? (permitted ? s.startCode : 1) : 0);
        out.put(' ').unsigned(mm ? (permitted ? s.endCode : 1) : 0);
        out.put(' ').unsigned(permitted && mm ? s.startStack : 0);
        out.put(" 0 0"); // kstkesp and kstkeip: zeroed on Linux unless the task is dumping core
        out.put(' ').unsigned(s.sigPending & 0x7fffffffL);
        out.put(' ').unsigned(s.sigBlocked & 0x7fffffffL);
        out.put(' ').unsigned(s.sigIgnored & 0x7fffffffL);
        out.put(' ').unsigned(s.sigCaught & 0x7fffffffL);
        out.put(' ').put(permitted && (s.threads < 2) && s.state != 'R' ? '1' : '0'); // wchan: a 0/1 flag
        out.put(" 0 0");
        out.put(' ').decimal(s.exitSignal);
        out.put(' ').decimal(s.processor);
        out.put(' ').unsigned(s.rtPriority);
        out.put(' ').unsigned(s.policy);
        out.put(" 0 0 0"); // delayacct_blkio_ticks, guest time, children's guest time
        if (mm && permitted) {
            out.put(' ').unsigned(s.startData);
            out.put(' ').unsigned(s.endData);
            out.put(' ').unsigned(s.startBrk);
            out.put(' ').unsigned(s.argStart);
            out.put(' ').unsigned(s.argEnd);
            out.put(' ').unsigned(s.envStart);
            out.put(' ').unsigned(s.envEnd);
        } else {
            out.put(" 0 0 0 0 0 0 0");
        }
        if (permitted) {
            out.put(' ').decimal(s.exitCode);
        } else {
            out.put(" 0");
        }
        out.put('\n');
    }

    /** /proc/[pid]/statm: size resident shared text lib data dt, in pages. */
    static void statm(ProcText out, ProcessStatus s) {
        if (!s.hasMemory) {
            out.put("0 0 0 0 0 0 0\n");
            return;
        }
        long text = ((s.endCode + PAGE_SIZE - 1 & -PAGE_SIZE) - (s.startCode & -PAGE_SIZE)) >>> PAGE_SHIFT;
        out.unsigned(s.vmSize >>> PAGE_SHIFT).put(' ');
        out.unsigned(s.vmRss >>> PAGE_SHIFT).put(' ');
        out.unsigned((s.rssFile + s.rssShmem) >>> PAGE_SHIFT).put(' ');
        out.unsigned(text).put(" 0 ");
        out.unsigned((s.vmData + s.vmStack) >>> PAGE_SHIFT).put(" 0\n");
    }

    /** One line of /proc/[pid]/maps. */
    static void mapsLine(ProcText out, MemoryMapping m) {
        int lineStart = out.length();
        out.hex(m.start, 8).put('-').hex(m.end, 8).put(' ');
        out.put(m.read ? 'r' : '-').put(m.write ? 'w' : '-').put(m.execute ? 'x' : '-').put(m.shared ? 's' : 'p');
        out.put(' ').hex(m.offset, 8);
        out.put(' ').hex(m.devMajor, 2).put(':').hex(m.devMinor, 2);
        out.put(' ').unsigned(m.inode).put(' ');
        if (m.name != null && !m.name.isEmpty()) {
            out.padTo(lineStart, MAPS_NAME_COLUMN).put(' ');
            for (int i = 0; i < m.name.length(); i++) {
                char c = m.name.charAt(i);
                if (c == '\n') {
                    out.put("\\012");
                } else {
                    out.put(c);
                }
            }
        }
        out.put('\n');
    }
}
