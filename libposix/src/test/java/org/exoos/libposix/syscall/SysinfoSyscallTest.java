package org.exoos.libposix.syscall;

import org.exoos.libposix.support.SyscallHarness;
import org.exoos.microkernel.mm.AddressSpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.exoos.libposix.support.SyscallHarness.READ_ONLY;
import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.exoos.servers.protocol.Errno.EFAULT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sysinfo(2): struct sysinfo as a 64-bit Linux fills it, from the frame allocator and the process table. */
class SysinfoSyscallTest {
    private final SyscallHarness h = new SyscallHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void memoryIsInBytesWithMemUnitOneAndUptimeRoundsUp() {
        byte[] poison = new byte[SysInfo.SIZEOF_SYSINFO + 8];
        java.util.Arrays.fill(poison, (byte) 0xee);
        h.put(SCRATCH, poison);
        assertEquals(0, h.call("sysinfo", SCRATCH));
        assertTrue(h.getLong(SCRATCH + SysInfo.SI_UPTIME) >= 1, "a part second counts as one");
        for (int i = 0; i < 3; i++) assertEquals(0, h.getLong(SCRATCH + SysInfo.SI_LOADS + 8L * i), "no averages kept");
        assertEquals((long) h.frames.totalFrames() * AddressSpace.PAGE_SIZE, h.getLong(SCRATCH + SysInfo.SI_TOTALRAM));
        long free = h.getLong(SCRATCH + SysInfo.SI_FREERAM);
        assertEquals((long) h.frames.freeFrames() * AddressSpace.PAGE_SIZE, free, "freeram is the allocator's");
        assertTrue(free > 0 && free < h.getLong(SCRATCH + SysInfo.SI_TOTALRAM), "the scratch pages are in use");
        assertEquals(0, h.getLong(SCRATCH + SysInfo.SI_TOTALSWAP));
        assertEquals(0, h.getLong(SCRATCH + SysInfo.SI_FREESWAP));
        assertEquals(1, h.getInt(SCRATCH + SysInfo.SI_PROCS) & 0xffff, "the harness's process, one thread");
        assertEquals(0, h.getLong(SCRATCH + SysInfo.SI_TOTALHIGH));
        assertEquals(1, h.getInt(SCRATCH + SysInfo.SI_MEM_UNIT));
        assertEquals(0, h.getInt(SCRATCH + SysInfo.SI_MEM_UNIT + 4), "the padding is zeroed");
        assertEquals((byte) 0xee, h.get(SCRATCH + SysInfo.SIZEOF_SYSINFO, 1)[0], "nothing past the struct");
    }

    @Test
    void procsCountsTheTableThreadsAndABadAddressIsEfault() {
        h.linux.processes().add(h.process, 0, 0);
        assertEquals(0, h.call("sysinfo", SCRATCH));
        assertEquals(1, h.getInt(SCRATCH + SysInfo.SI_PROCS) & 0xffff);
        assertEquals(-EFAULT, h.call("sysinfo", READ_ONLY), "read-only memory");
        assertEquals(-EFAULT, h.call("sysinfo", 0));
    }
}
