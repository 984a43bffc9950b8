package org.exoos.libposix.syscall;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

class SyscallTableTest {
    private final SyscallTable table = SyscallTable.linux();

    @Test
    void everyEntryCarriesItsRiscv64NumberAndName() {
        for (SyscallTable.Entry e : table.entries()) {
            assertEquals(e.name(), SyscallNames.name(e.number()), "entry " + e.number());
            if (e.support() == SyscallTable.Support.PARTIAL) {
                assertFalse(e.note().isBlank(), e.name() + " is partial without saying what is missing");
            }
        }
    }

    @Test
    void numbersMatchTheLinuxRiscv64Abi() {
        assertEquals(63, SyscallNames.number("read"));
        assertEquals(64, SyscallNames.number("write"));
        assertEquals(93, SyscallNames.number("exit"));
        assertEquals(94, SyscallNames.number("exit_group"));
        assertEquals(214, SyscallNames.number("brk"));
        assertEquals(222, SyscallNames.number("mmap"));
        assertEquals(261, SyscallNames.number("prlimit64"));
        assertEquals(278, SyscallNames.number("getrandom"));
        assertEquals(79, SyscallNames.number("newfstatat"));
        assertEquals(-1, SyscallNames.number("open"), "riscv64 has no open(2)");
    }

    @Test
    void theStartupAndExitCallsOfGlibcAndMuslAreAllPresent() {
        Set<String> names = new TreeSet<>();
        table.entries().forEach(e -> names.add(e.name()));
        List<String> required = List.of("exit", "exit_group", "read", "write", "readv", "writev", "brk", "mmap",
                "munmap", "mprotect", "set_tid_address", "set_robust_list", "uname", "getrandom", "clock_gettime",
                "gettimeofday", "clock_getres", "getpid", "getppid", "gettid", "getuid", "geteuid", "getgid",
                "getegid", "ioctl", "prlimit64", "getrlimit", "readlinkat", "rt_sigprocmask", "rt_sigaction",
                "tgkill", "faccessat", "openat", "fstat", "newfstatat", "close", "lseek");
        for (String r : required) assertTrue(names.contains(r), r + " missing from the table");
    }
}
