package org.exoos.libposix.syscall;

import org.exoos.servers.protocol.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The Linux riscv64 system calls libposix implements, as data: number, name, support level and handler,
 * so that coverage can be printed and counted. Numbers come from {@link SyscallNames}; a call not in the
 * table returns ENOSYS.
 */
public final class SyscallTable {
    private static final Logger log = LoggerFactory.getLogger(SyscallTable.class);
    /** Every call and its result, at debug level: an strace of the guest. */
    private static final Logger strace = LoggerFactory.getLogger("org.exoos.libposix.strace");

    public enum Support {
        /** Linux semantics for everything the call can be asked. */
        FULL,
        /** Real work for the common cases; the note says what is missing. */
        PARTIAL
    }

    public record Entry(int number, String name, Support support, String note, SyscallHandler handler) {}

    private final Entry[] byNumber = new Entry[SyscallNames.COUNT];

    /** The table of every family libposix implements. */
    public static SyscallTable linux() {
        SyscallTable t = new SyscallTable();
        SysExit.register(t);
        SysProcess.register(t);
        SysExec.register(t);
        SysReadWrite.register(t);
        SysSendfile.register(t);
        SysFd.register(t);
        SysFlock.register(t);
        SysFile.register(t);
        SysVfs.register(t);
        SysChroot.register(t);
        SysFileAttributes.register(t);
        SysIoctl.register(t);
        SysMemory.register(t);
        SysThread.register(t);
        SysFutex.register(t);
        SysSignal.register(t);
        SysIdentity.register(t);
        SysInfo.register(t);
        SysTime.register(t);
        SysSched.register(t);
        SysScheduling.register(t);
        SysTimers.register(t);
        SysRandom.register(t);
        SysResource.register(t);
        SysResourceUsage.register(t);
        SysPipe.register(t);
        SysPoll.register(t);
        SysEpoll.register(t);
        SysTimerFd.register(t);
        SysReboot.register(t);
        SysSyslog.register(t);
        SysIoPriority.register(t);
        return t;
    }

    /** Adds a fully supported call. */
    public void add(String name, SyscallHandler handler) { add(name, Support.FULL, "", handler); }

    /** Adds a partly supported call, saying what is missing. */
    public void addPartial(String name, String note, SyscallHandler handler) { add(name, Support.PARTIAL, note, handler); }

    private void add(String name, Support support, String note, SyscallHandler handler) {
        int nr = SyscallNames.number(name);
        if (nr < 0) throw new IllegalArgumentException("riscv64 has no system call named " + name);
        if (byNumber[nr] != null) throw new IllegalStateException(name + " registered twice");
        byNumber[nr] = new Entry(nr, name, support, note, handler);
    }

    public Entry entry(long number) {
        return number >= 0 && number < byNumber.length ? byNumber[(int) number] : null;
    }

    /** Implemented calls in number order. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : byNumber) if (e != null) out.add(e);
        return out;
    }

    /** Runs the call the context's a7 names and returns the value for a0. */
    public long dispatch(SyscallContext c) {
        long nr = c.number();
        Entry e = entry(nr);
        if (e == null) {
            log.debug("unimplemented system call {} ({}): ENOSYS", nr, SyscallNames.describe(nr));
            return -Errno.ENOSYS;
        }
        long result;
        try {
            result = e.handler.handle(c);
        } catch (ErrnoException x) {
            result = -x.errno();
        }
        if (strace.isDebugEnabled()) {
            strace.debug("[{}] {}(0x{}, 0x{}, 0x{}, 0x{}) = {}", c.thread().tid(), e.name,
                    Long.toHexString(c.arg(0)), Long.toHexString(c.arg(1)), Long.toHexString(c.arg(2)),
                    Long.toHexString(c.arg(3)), result < 0 && result > -4096 ? Errno.name(result) : "0x" + Long.toHexString(result));
        }
        return result;
    }
}
