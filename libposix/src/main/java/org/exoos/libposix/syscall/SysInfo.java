package org.exoos.libposix.syscall;

import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.procinfo.ProcessTable;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.servers.protocol.Errno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** uname(2) and sysinfo(2): what the machine is and how it is doing. */
final class SysInfo {
    private SysInfo() {}

    /** Each struct utsname field is a NUL-terminated string in 65 bytes; six fields. */
    static final int UTS_FIELD = 65, UTS_FIELDS = 6;

    /**
     * struct sysinfo on a 64-bit kernel (include/uapi/linux/sysinfo.h): uptime, loads[3], totalram, freeram,
     * sharedram, bufferram, totalswap, freeswap (longs), procs (u16), pad (u16), totalhigh, freehigh (longs,
     * so 4 bytes of padding before them), mem_unit (u32), and an empty _f: 112 bytes with the tail padding.
     */
    static final int SI_UPTIME = 0, SI_LOADS = 8, SI_TOTALRAM = 32, SI_FREERAM = 40, SI_SHAREDRAM = 48,
            SI_BUFFERRAM = 56, SI_TOTALSWAP = 64, SI_FREESWAP = 72, SI_PROCS = 80, SI_TOTALHIGH = 88,
            SI_FREEHIGH = 96, SI_MEM_UNIT = 104, SIZEOF_SYSINFO = 112;

    static void register(SyscallTable t) {
        t.add("uname", SysInfo::uname);
        t.add("sethostname", c -> setName(c, true));
        t.add("setdomainname", c -> setName(c, false));
        t.addPartial("sysinfo", "load averages are 0: the scheduler keeps none", SysInfo::sysinfo);
    }

    static long uname(SyscallContext c) {
        byte[] buf = new byte[UTS_FIELD * UTS_FIELDS];
        String[] fields = {LinuxPersonality.SYSNAME, c.linux().hostname(), LinuxPersonality.RELEASE,
                LinuxPersonality.VERSION, LinuxPersonality.MACHINE, c.linux().domainname()};
        for (int i = 0; i < fields.length; i++) {
            byte[] b = fields[i].getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, buf, i * UTS_FIELD, Math.min(b.length, UTS_FIELD - 1));
        }
        c.copyOut(c.arg(0), buf);
        return 0;
    }

    /**
     * sethostname(name, len) / setdomainname: EPERM without CAP_SYS_ADMIN (an effective uid of 0 here), EINVAL
     * for a length outside 0..64 (__NEW_UTS_LEN), EFAULT for an unreadable name; uname shows it from then on.
     */
    static long setName(SyscallContext c, boolean host) {
        long length = c.arg(1);
        if (c.process().credentials().euid() != 0) return -Errno.EPERM;
        if (length < 0 || length > UTS_FIELD - 1) return -Errno.EINVAL;
        byte[] name = new byte[(int) length];
        if (length > 0 && !c.space().copyIn(c.arg(0), name, 0, name.length)) return -Errno.EFAULT;
        String s = new String(name, StandardCharsets.UTF_8);
        int nul = s.indexOf('\0');
        if (nul >= 0) s = s.substring(0, nul);
        if (host) c.linux().setHostname(s); else c.linux().setDomainname(s);
        return 0;
    }

    /** kernel/sys.c do_sysinfo, with memory in bytes and mem_unit 1 as a 64-bit kernel reports it. */
    static long sysinfo(SyscallContext c) {
        ByteBuffer info = ByteBuffer.allocate(SIZEOF_SYSINFO).order(ByteOrder.LITTLE_ENDIAN);
        long sinceBoot = Math.max(0, System.nanoTime() - c.linux().bootNanoTime());
        // Linux rounds a part second up: uptime is never 0 on a running machine.
        info.putLong(SI_UPTIME, sinceBoot / 1_000_000_000L + (sinceBoot % 1_000_000_000L != 0 ? 1 : 0));
        // loads[0..2] stay 0: the scheduler keeps no run-queue averages (Linux's avenrun) to report.
        FrameAllocator frames = c.space().frames();
        info.putLong(SI_TOTALRAM, (long) frames.totalFrames() * AddressSpace.PAGE_SIZE);
        info.putLong(SI_FREERAM, (long) frames.freeFrames() * AddressSpace.PAGE_SIZE);
        // sharedram (Shmem) and bufferram (block-device pages) are 0, as /proc/meminfo shows them: no page is
        // counted as shmem and there are no block devices; there is no swap and no high memory.
        info.putShort(SI_PROCS, (short) Math.min(threads(c.linux().processes()), 0xffff));
        info.putInt(SI_MEM_UNIT, 1);
        c.copyOut(c.arg(0), info.array());
        return 0;
    }

    /** Linux's procs is nr_threads: every task, zombies included until reaped. */
    private static int threads(ProcessTable processes) {
        int count = 0;
        for (int pid = processes.nextPid(0); pid > 0; pid = processes.nextPid(pid)) {
            ProcessTable.Entry entry = processes.get(pid);
            if (entry != null) {
                count += Math.max(1, entry.process().threads().size());
            }
        }
        return count;
    }
}
