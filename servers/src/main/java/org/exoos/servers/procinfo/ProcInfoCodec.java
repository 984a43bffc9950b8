package org.exoos.servers.procinfo;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.exoos.servers.protocol.DataRule;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.protocol.ProtocolIds;
import org.exoos.servers.vfs.procfs.MemoryInfo;
import org.exoos.servers.vfs.procfs.MemoryMapping;
import org.exoos.servers.vfs.procfs.ProcessStatus;

/**
 * The kernel-information wire protocol ({@link ProtocolIds#PROCINFO}, version {@value #VERSION}): what a
 * server asks the kernel about its processes and its machine, on an upstream channel the kernel serves (the vfs
 * asking for /proc, as MINIX 3's procfs asks PM, VFS and the kernel with sendrec). Shared by the vfs's
 * {@link ProcInfoClient} and the kernel's server (libposix). Argument offsets are relative to the start of the
 * inline arguments; all fields little-endian. A pid that does not exist answers {@code -ESRCH}.
 *
 * <pre>
 * op  name      arguments (offset: field)            reply
 *  1  NEXT_PID  0: after i32                 (4 B)   result = the smallest pid greater than after, or 0
 *  2  STATUS    0: pid i32                   (4 B)   0; data = status record ({@value #STATUS_LENGTH} B, below)
 *  3  COMM      0: pid i32                   (4 B)   length; reply arguments = the name (at most 16 B)
 *  4  CMDLINE   0: pid i32                   (4 B)   length; data = the argument strings, each with its NUL
 *  5  EXE       0: pid i32                   (4 B)   length; data = the executable's path; -ENOENT if none
 *  6  CWD       0: pid i32                   (4 B)   result = vfs handle of the cwd (O_PATH); -ENOENT if none
 *  7  MAPS      0: pid i32                   (4 B)   count; data = count mapping records (below)
 *  8  FD_LIST   0: pid i32                   (4 B)   count; data = count open fd numbers (i32), ascending
 *  9  FD        0: pid i32  4: fd i32        (8 B)   0, or -EBADF; reply arguments 0: vfs handle i64 (-1 if
 *                                                    not a vfs file); data = the link text of a non-vfs file
 * 10  SYSTEM    none                                 0; data = system record (below)
 * </pre>
 *
 * Status record: 82 int64 fields (booleans 0 or 1, a char as its code), then groupCount i32 at
 * {@value #GROUP_COUNT_OFFSET} and that many group ids (i32) from {@value #GROUPS_OFFSET}:
 * <pre>
 *      0: state
 *      8: ppid
 *     16: pgrp
 *     24: session
 *     32: ttyNr
 *     40: ttyPgrp
 *     48: tracerPid
 *     56: uid
 *     64: euid
 *     72: suid
 *     80: fsuid
 *     88: gid
 *     96: egid
 *    104: sgid
 *    112: fsgid
 *    120: umask
 *    128: fdTableSize
 *    136: threads
 *    144: flags
 *    152: kernelThread
 *    160: minorFaults
 *    168: majorFaults
 *    176: childMinorFaults
 *    184: childMajorFaults
 *    192: userTimeNanos
 *    200: systemTimeNanos
 *    208: childUserTimeNanos
 *    216: childSystemTimeNanos
 *    224: startTimeNanos
 *    232: priority
 *    240: nice
 *    248: rtPriority
 *    256: policy
 *    264: processor
 *    272: exitSignal
 *    280: exitCode
 *    288: hasMemory
 *    296: vmPeak
 *    304: vmSize
 *    312: vmLocked
 *    320: vmPinned
 *    328: vmHwm
 *    336: vmRss
 *    344: rssAnon
 *    352: rssFile
 *    360: rssShmem
 *    368: vmData
 *    376: vmStack
 *    384: vmExe
 *    392: vmLib
 *    400: vmPte
 *    408: vmSwap
 *    416: hugetlbPages
 *    424: rssLimit
 *    432: startCode
 *    440: endCode
 *    448: startStack
 *    456: startData
 *    464: endData
 *    472: startBrk
 *    480: argStart
 *    488: argEnd
 *    496: envStart
 *    504: envEnd
 *    512: sigPending
 *    520: sigSharedPending
 *    528: sigBlocked
 *    536: sigIgnored
 *    544: sigCaught
 *    552: sigQueued
 *    560: sigQueueLimit
 *    568: capInheritable
 *    576: capPermitted
 *    584: capEffective
 *    592: capBounding
 *    600: capAmbient
 *    608: noNewPrivs
 *    616: seccompMode
 *    624: seccompFilters
 *    632: coreDumping
 *    640: voluntarySwitches
 *    648: involuntarySwitches
 * </pre>
 * Mapping record, {@value #MAPPING_HEADER_LENGTH} bytes then the name, padded to 8:
 * <pre>
 *   0: start i64   8: end i64   16: offset i64   24: inode i64   32: devMajor i32   36: devMinor i32
 *  40: perms i32 (bit 0 read, 1 write, 2 execute, 3 shared)   44: nameLength i32   48: name bytes
 * </pre>
 * System record:
 * <pre>
 *   0: uptimeNanos i64   8: idleNanos i64   16: mvendorid i64   24: marchid i64   32: mimpid i64
 *  40: hartCount i32   44: isaLength i32   48: mmuLength i32   52: 0 i32
 *  56: 28 MemoryInfo fields, i64 each, in order:
 *      total, free, available, buffers, cached, swapCached, activeAnon, inactiveAnon, activeFile,
 *      inactiveFile, unevictable, mlocked, swapTotal, swapFree, dirty, writeback, anonPages, mapped, shmem,
 *      slabReclaimable, slabUnreclaimable, kernelStack, pageTables, committed, vmallocTotal, vmallocUsed,
 *      percpu, hugePageSize
 *  280: hart ids (hartCount i64), then the isa bytes, then the mmu bytes
 * </pre>
 * A reply's data is clamped to the channel's block size (a cmdline longer than a block is cut).
 */
public final class ProcInfoCodec {
    public static final int VERSION = 1;
    /** The name the kernel grants the channel under ({@link org.exoos.servers.framework.ServerSpec#upstreams()}). */
    public static final String UPSTREAM_NAME = "procinfo";

    public static final int OP_NEXT_PID = 1;
    public static final int OP_STATUS = 2;
    public static final int OP_COMM = 3;
    public static final int OP_CMDLINE = 4;
    public static final int OP_EXE = 5;
    public static final int OP_CWD = 6;
    public static final int OP_MAPS = 7;
    public static final int OP_FD_LIST = 8;
    public static final int OP_FD = 9;
    public static final int OP_SYSTEM = 10;

    public static final int PID_OFFSET = 0;
    public static final int AFTER_OFFSET = 0;
    public static final int FD_OFFSET = PID_OFFSET + Integer.BYTES;
    public static final int PID_LENGTH = Integer.BYTES;
    public static final int FD_ARGUMENTS_LENGTH = FD_OFFSET + Integer.BYTES;
    /** FD's reply arguments. */
    public static final int FD_HANDLE_OFFSET = 0;
    public static final int FD_REPLY_LENGTH = Long.BYTES;
    /** TASK_COMM_LEN: the command name's bytes with its NUL. */
    public static final int COMM_LENGTH = 16;

    public static final int STATUS_FIELD_COUNT = 82;
    public static final int GROUP_COUNT_OFFSET = STATUS_FIELD_COUNT * Long.BYTES;
    public static final int GROUPS_OFFSET = GROUP_COUNT_OFFSET + Integer.BYTES;
    /** Most supplementary groups a status record carries (NGROUPS_MAX is larger; nobody here has more). */
    public static final int MAX_GROUPS = 256;
    public static final int STATUS_LENGTH = GROUPS_OFFSET + MAX_GROUPS * Integer.BYTES;

    public static final int MAPPING_START_OFFSET = 0;
    public static final int MAPPING_END_OFFSET = 8;
    public static final int MAPPING_FILE_OFFSET_OFFSET = 16;
    public static final int MAPPING_INODE_OFFSET = 24;
    public static final int MAPPING_DEV_MAJOR_OFFSET = 32;
    public static final int MAPPING_DEV_MINOR_OFFSET = 36;
    public static final int MAPPING_PERMS_OFFSET = 40;
    public static final int MAPPING_NAME_LENGTH_OFFSET = 44;
    public static final int MAPPING_HEADER_LENGTH = 48;
    public static final int PERM_READ = 1;
    public static final int PERM_WRITE = 2;
    public static final int PERM_EXECUTE = 4;
    public static final int PERM_SHARED = 8;

    public static final int SYSTEM_UPTIME_OFFSET = 0;
    public static final int SYSTEM_IDLE_OFFSET = 8;
    public static final int SYSTEM_MVENDORID_OFFSET = 16;
    public static final int SYSTEM_MARCHID_OFFSET = 24;
    public static final int SYSTEM_MIMPID_OFFSET = 32;
    public static final int SYSTEM_HART_COUNT_OFFSET = 40;
    public static final int SYSTEM_ISA_LENGTH_OFFSET = 44;
    public static final int SYSTEM_MMU_LENGTH_OFFSET = 48;
    public static final int SYSTEM_MEMORY_OFFSET = 56;
    public static final int SYSTEM_MEMORY_FIELD_COUNT = 28;
    public static final int SYSTEM_HART_IDS_OFFSET = SYSTEM_MEMORY_OFFSET + SYSTEM_MEMORY_FIELD_COUNT * Long.BYTES;

    public static final Protocol PROTOCOL = Protocol.builder("procinfo", ProtocolIds.PROCINFO, VERSION)
        .operation(OP_NEXT_PID, "next_pid", PID_LENGTH, DataRule.NONE)
        .operation(OP_STATUS, "status", PID_LENGTH, DataRule.NONE)
        .operation(OP_COMM, "comm", PID_LENGTH, DataRule.NONE)
        .operation(OP_CMDLINE, "cmdline", PID_LENGTH, DataRule.NONE)
        .operation(OP_EXE, "exe", PID_LENGTH, DataRule.NONE)
        .operation(OP_CWD, "cwd", PID_LENGTH, DataRule.NONE)
        .operation(OP_MAPS, "maps", PID_LENGTH, DataRule.NONE)
        .operation(OP_FD_LIST, "fd_list", PID_LENGTH, DataRule.NONE)
        .operation(OP_FD, "fd", FD_ARGUMENTS_LENGTH, DataRule.NONE)
        .operation(OP_SYSTEM, "system", 0, DataRule.NONE)
        .build();

    private ProcInfoCodec() {
    }

    /** Writes the pid argument (and nothing else); returns the arguments' length. */
    public static int encodePid(final MutableDirectBuffer buffer, final int offset, final int pid) {
        buffer.putInt(offset + PID_OFFSET, pid, BYTE_ORDER);
        return PID_LENGTH;
    }

    /** Writes FD's arguments; returns their length. */
    public static int encodeFd(final MutableDirectBuffer buffer, final int offset, final int pid, final int fd) {
        buffer.putInt(offset + PID_OFFSET, pid, BYTE_ORDER);
        buffer.putInt(offset + FD_OFFSET, fd, BYTE_ORDER);
        return FD_ARGUMENTS_LENGTH;
    }

    public static int pid(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + PID_OFFSET, BYTE_ORDER);
    }

    public static int fd(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + FD_OFFSET, BYTE_ORDER);
    }

    // ---- status record ------------------------------------------------------------------------

    /** Writes {@code status} as a status record at {@code offset}; returns its length. */
    public static int encodeStatus(final ProcessStatus status, final MutableDirectBuffer buffer, final int offset) {
        int at = offset;
        buffer.putLong(at, status.state, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.ppid, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.pgrp, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.session, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.ttyNr, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.ttyPgrp, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.tracerPid, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.uid, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.euid, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.suid, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.fsuid, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.gid, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.egid, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.sgid, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.fsgid, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.umask, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.fdTableSize, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.threads, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.flags, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.kernelThread ? 1L : 0L, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.minorFaults, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.majorFaults, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.childMinorFaults, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.childMajorFaults, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.userTimeNanos, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.systemTimeNanos, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.childUserTimeNanos, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.childSystemTimeNanos, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.startTimeNanos, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.priority, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.nice, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.rtPriority, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.policy, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.processor, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.exitSignal, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.exitCode, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.hasMemory ? 1L : 0L, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmPeak, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmSize, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmLocked, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmPinned, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmHwm, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmRss, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.rssAnon, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.rssFile, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.rssShmem, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmData, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmStack, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmExe, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmLib, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmPte, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.vmSwap, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.hugetlbPages, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.rssLimit, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.startCode, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.endCode, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.startStack, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.startData, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.endData, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.startBrk, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.argStart, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.argEnd, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.envStart, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.envEnd, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.sigPending, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.sigSharedPending, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.sigBlocked, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.sigIgnored, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.sigCaught, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.sigQueued, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.sigQueueLimit, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.capInheritable, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.capPermitted, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.capEffective, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.capBounding, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.capAmbient, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.noNewPrivs ? 1L : 0L, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.seccompMode, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.seccompFilters, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.coreDumping ? 1L : 0L, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.voluntarySwitches, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, status.involuntarySwitches, BYTE_ORDER);
        at += Long.BYTES;
        final int groups = Math.min(status.groupCount, MAX_GROUPS);
        buffer.putInt(offset + GROUP_COUNT_OFFSET, groups, BYTE_ORDER);
        for (int i = 0; i < groups; i++) {
            buffer.putInt(offset + GROUPS_OFFSET + i * Integer.BYTES, status.groups[i], BYTE_ORDER);
        }
        return GROUPS_OFFSET + groups * Integer.BYTES;
    }

    /**
     * Reads a status record of {@code length} bytes into {@code status}.
     *
     * @return false if the record is malformed (too short for its fields or its groups)
     */
    public static boolean decodeStatus(final DirectBuffer buffer, final int offset, final int length,
                                       final ProcessStatus status) {
        if (length < GROUPS_OFFSET) {
            return false;
        }
        final int groups = buffer.getInt(offset + GROUP_COUNT_OFFSET, BYTE_ORDER);
        if (groups < 0 || groups > MAX_GROUPS || length < GROUPS_OFFSET + groups * Integer.BYTES) {
            return false;
        }
        int at = offset;
        status.state = (char) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.ppid = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.pgrp = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.session = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.ttyNr = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.ttyPgrp = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.tracerPid = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.uid = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.euid = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.suid = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.fsuid = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.gid = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.egid = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.sgid = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.fsgid = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.umask = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.fdTableSize = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.threads = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.flags = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.kernelThread = buffer.getLong(at, BYTE_ORDER) != 0;
        at += Long.BYTES;
        status.minorFaults = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.majorFaults = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.childMinorFaults = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.childMajorFaults = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.userTimeNanos = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.systemTimeNanos = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.childUserTimeNanos = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.childSystemTimeNanos = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.startTimeNanos = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.priority = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.nice = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.rtPriority = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.policy = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.processor = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.exitSignal = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.exitCode = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.hasMemory = buffer.getLong(at, BYTE_ORDER) != 0;
        at += Long.BYTES;
        status.vmPeak = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmSize = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmLocked = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmPinned = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmHwm = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmRss = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.rssAnon = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.rssFile = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.rssShmem = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmData = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmStack = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmExe = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmLib = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmPte = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.vmSwap = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.hugetlbPages = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.rssLimit = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.startCode = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.endCode = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.startStack = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.startData = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.endData = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.startBrk = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.argStart = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.argEnd = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.envStart = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.envEnd = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.sigPending = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.sigSharedPending = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.sigBlocked = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.sigIgnored = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.sigCaught = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.sigQueued = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.sigQueueLimit = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.capInheritable = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.capPermitted = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.capEffective = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.capBounding = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.capAmbient = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.noNewPrivs = buffer.getLong(at, BYTE_ORDER) != 0;
        at += Long.BYTES;
        status.seccompMode = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.seccompFilters = (int) buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.coreDumping = buffer.getLong(at, BYTE_ORDER) != 0;
        at += Long.BYTES;
        status.voluntarySwitches = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        status.involuntarySwitches = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        if (status.groups.length < groups) {
            status.groups = new int[groups];
        }
        for (int i = 0; i < groups; i++) {
            status.groups[i] = buffer.getInt(offset + GROUPS_OFFSET + i * Integer.BYTES, BYTE_ORDER);
        }
        status.groupCount = groups;
        return true;
    }

    // ---- mapping records ----------------------------------------------------------------------

    /** The length of a mapping record whose name has {@code nameLength} bytes: padded to 8. */
    public static int mappingLength(final int nameLength) {
        return MAPPING_HEADER_LENGTH + ((nameLength + 7) & ~7);
    }

    /**
     * Writes one mapping record at {@code offset}, if it fits below {@code limit}.
     *
     * @return its length, or -1 if it does not fit
     */
    public static int encodeMapping(final MemoryMapping mapping, final MutableDirectBuffer buffer, final int offset,
                                    final int limit) {
        final byte[] name = mapping.name == null ? EMPTY : mapping.name.getBytes(StandardCharsets.UTF_8);
        final int length = mappingLength(name.length);
        if (offset + length > limit) {
            return -1;
        }
        buffer.putLong(offset + MAPPING_START_OFFSET, mapping.start, BYTE_ORDER);
        buffer.putLong(offset + MAPPING_END_OFFSET, mapping.end, BYTE_ORDER);
        buffer.putLong(offset + MAPPING_FILE_OFFSET_OFFSET, mapping.offset, BYTE_ORDER);
        buffer.putLong(offset + MAPPING_INODE_OFFSET, mapping.inode, BYTE_ORDER);
        buffer.putInt(offset + MAPPING_DEV_MAJOR_OFFSET, mapping.devMajor, BYTE_ORDER);
        buffer.putInt(offset + MAPPING_DEV_MINOR_OFFSET, mapping.devMinor, BYTE_ORDER);
        final int perms = (mapping.read ? PERM_READ : 0) | (mapping.write ? PERM_WRITE : 0)
            | (mapping.execute ? PERM_EXECUTE : 0) | (mapping.shared ? PERM_SHARED : 0);
        buffer.putInt(offset + MAPPING_PERMS_OFFSET, perms, BYTE_ORDER);
        buffer.putInt(offset + MAPPING_NAME_LENGTH_OFFSET, name.length, BYTE_ORDER);
        buffer.putBytes(offset + MAPPING_HEADER_LENGTH, name);
        for (int i = MAPPING_HEADER_LENGTH + name.length; i < length; i++) {
            buffer.putByte(offset + i, (byte) 0);
        }
        return length;
    }

    /**
     * Reads the mapping record at {@code offset} into {@code out}.
     *
     * @return the record's length, or -1 if it is malformed or runs past {@code limit}
     */
    public static int decodeMapping(final DirectBuffer buffer, final int offset, final int limit,
                                    final MemoryMapping out) {
        if (offset < 0 || limit - offset < MAPPING_HEADER_LENGTH) {
            return -1;
        }
        final int nameLength = buffer.getInt(offset + MAPPING_NAME_LENGTH_OFFSET, BYTE_ORDER);
        if (nameLength < 0 || nameLength > limit - offset - MAPPING_HEADER_LENGTH) {
            return -1;
        }
        final int length = mappingLength(nameLength);
        if (length > limit - offset) {
            return -1;
        }
        out.clear();
        out.start = buffer.getLong(offset + MAPPING_START_OFFSET, BYTE_ORDER);
        out.end = buffer.getLong(offset + MAPPING_END_OFFSET, BYTE_ORDER);
        out.offset = buffer.getLong(offset + MAPPING_FILE_OFFSET_OFFSET, BYTE_ORDER);
        out.inode = buffer.getLong(offset + MAPPING_INODE_OFFSET, BYTE_ORDER);
        out.devMajor = buffer.getInt(offset + MAPPING_DEV_MAJOR_OFFSET, BYTE_ORDER);
        out.devMinor = buffer.getInt(offset + MAPPING_DEV_MINOR_OFFSET, BYTE_ORDER);
        final int perms = buffer.getInt(offset + MAPPING_PERMS_OFFSET, BYTE_ORDER);
        out.read = (perms & PERM_READ) != 0;
        out.write = (perms & PERM_WRITE) != 0;
        out.execute = (perms & PERM_EXECUTE) != 0;
        out.shared = (perms & PERM_SHARED) != 0;
        out.name = nameLength == 0 ? null
            : buffer.getStringWithoutLengthUtf8(offset + MAPPING_HEADER_LENGTH, nameLength);
        return length;
    }

    // ---- system record ------------------------------------------------------------------------

    /**
     * Writes a system record at {@code offset}; returns its length, or -1 if it would pass {@code limit}.
     */
    public static int encodeSystem(final SystemFacts facts, final MutableDirectBuffer buffer, final int offset,
                                   final int limit) {
        final byte[] isa = facts.isa.getBytes(StandardCharsets.US_ASCII);
        final byte[] mmu = facts.mmu.getBytes(StandardCharsets.US_ASCII);
        final int harts = facts.hartCount;
        final int length = SYSTEM_HART_IDS_OFFSET + harts * Long.BYTES + isa.length + mmu.length;
        if (harts < 0 || harts > facts.hartIds.length || offset + length > limit) {
            return -1;
        }
        buffer.putLong(offset + SYSTEM_UPTIME_OFFSET, facts.uptimeNanos, BYTE_ORDER);
        buffer.putLong(offset + SYSTEM_IDLE_OFFSET, facts.idleNanos, BYTE_ORDER);
        buffer.putLong(offset + SYSTEM_MVENDORID_OFFSET, facts.mvendorid, BYTE_ORDER);
        buffer.putLong(offset + SYSTEM_MARCHID_OFFSET, facts.marchid, BYTE_ORDER);
        buffer.putLong(offset + SYSTEM_MIMPID_OFFSET, facts.mimpid, BYTE_ORDER);
        buffer.putInt(offset + SYSTEM_HART_COUNT_OFFSET, harts, BYTE_ORDER);
        buffer.putInt(offset + SYSTEM_ISA_LENGTH_OFFSET, isa.length, BYTE_ORDER);
        buffer.putInt(offset + SYSTEM_MMU_LENGTH_OFFSET, mmu.length, BYTE_ORDER);
        buffer.putInt(offset + SYSTEM_MMU_LENGTH_OFFSET + Integer.BYTES, 0, BYTE_ORDER);
        final MemoryInfo m = facts.memory;
        int at = offset + SYSTEM_MEMORY_OFFSET;
        buffer.putLong(at, m.total, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.free, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.available, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.buffers, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.cached, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.swapCached, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.activeAnon, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.inactiveAnon, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.activeFile, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.inactiveFile, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.unevictable, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.mlocked, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.swapTotal, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.swapFree, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.dirty, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.writeback, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.anonPages, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.mapped, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.shmem, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.slabReclaimable, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.slabUnreclaimable, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.kernelStack, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.pageTables, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.committed, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.vmallocTotal, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.vmallocUsed, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.percpu, BYTE_ORDER);
        at += Long.BYTES;
        buffer.putLong(at, m.hugePageSize, BYTE_ORDER);
        at += Long.BYTES;
        for (int i = 0; i < harts; i++) {
            buffer.putLong(at, facts.hartIds[i], BYTE_ORDER);
            at += Long.BYTES;
        }
        buffer.putBytes(at, isa);
        buffer.putBytes(at + isa.length, mmu);
        return length;
    }

    /**
     * Reads a system record of {@code length} bytes into {@code out}.
     *
     * @return false if it is malformed
     */
    public static boolean decodeSystem(final DirectBuffer buffer, final int offset, final int length,
                                       final SystemFacts out) {
        if (length < SYSTEM_HART_IDS_OFFSET) {
            return false;
        }
        final int harts = buffer.getInt(offset + SYSTEM_HART_COUNT_OFFSET, BYTE_ORDER);
        final int isaLength = buffer.getInt(offset + SYSTEM_ISA_LENGTH_OFFSET, BYTE_ORDER);
        final int mmuLength = buffer.getInt(offset + SYSTEM_MMU_LENGTH_OFFSET, BYTE_ORDER);
        if (harts < 0 || harts > SystemFacts.MAX_HARTS || isaLength < 0 || isaLength > 256 || mmuLength < 0
            || mmuLength > 256 || length != SYSTEM_HART_IDS_OFFSET + harts * Long.BYTES + isaLength + mmuLength) {
            return false;
        }
        out.uptimeNanos = buffer.getLong(offset + SYSTEM_UPTIME_OFFSET, BYTE_ORDER);
        out.idleNanos = buffer.getLong(offset + SYSTEM_IDLE_OFFSET, BYTE_ORDER);
        out.mvendorid = buffer.getLong(offset + SYSTEM_MVENDORID_OFFSET, BYTE_ORDER);
        out.marchid = buffer.getLong(offset + SYSTEM_MARCHID_OFFSET, BYTE_ORDER);
        out.mimpid = buffer.getLong(offset + SYSTEM_MIMPID_OFFSET, BYTE_ORDER);
        out.hartCount = harts;
        final MemoryInfo m = out.memory;
        int at = offset + SYSTEM_MEMORY_OFFSET;
        m.total = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.free = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.available = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.buffers = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.cached = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.swapCached = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.activeAnon = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.inactiveAnon = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.activeFile = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.inactiveFile = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.unevictable = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.mlocked = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.swapTotal = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.swapFree = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.dirty = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.writeback = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.anonPages = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.mapped = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.shmem = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.slabReclaimable = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.slabUnreclaimable = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.kernelStack = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.pageTables = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.committed = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.vmallocTotal = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.vmallocUsed = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.percpu = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        m.hugePageSize = buffer.getLong(at, BYTE_ORDER);
        at += Long.BYTES;
        for (int i = 0; i < harts; i++) {
            out.hartIds[i] = buffer.getLong(at, BYTE_ORDER);
            at += Long.BYTES;
        }
        out.isa = buffer.getStringWithoutLengthAscii(at, isaLength);
        out.mmu = buffer.getStringWithoutLengthAscii(at + isaLength, mmuLength);
        return true;
    }

    private static final byte[] EMPTY = new byte[0];
}
