package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.support.SyscallHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.exoos.servers.protocol.Errno.*;
import static org.exoos.libposix.support.SyscallHarness.*;
import static org.junit.jupiter.api.Assertions.*;

class IoSyscallsTest {
    private final SyscallHarness h = new SyscallHarness("input bytes", new Credentials(1000, 1000, 1000, 1000));

    @AfterEach
    void returnRamToTheHost() { h.close(); }

    private String out() { return h.out.toString(StandardCharsets.UTF_8); }

    @Test
    void writeSendsTheUserBytesToTheFile() {
        h.putString(SCRATCH, "hello, world");
        assertEquals(5, h.call("write", 1, SCRATCH, 5));
        assertEquals("hello", out());
        assertEquals(0, h.call("write", 1, SCRATCH, 0));
    }

    @Test
    void writeAcrossPagesKeepsTheOrder() {
        byte[] data = new byte[9000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) ('a' + i % 26);
        h.put(SCRATCH + 4000, data);
        assertEquals(9000, h.call("write", 2, SCRATCH + 4000, 9000));
        assertArrayEquals(data, h.err.toByteArray());
    }

    @Test
    void badFdsAndBadBuffersGiveEbadfAndEfault() {
        assertEquals(-EBADF, h.call("write", 9, SCRATCH, 1));
        assertEquals(-EBADF, h.call("write", -1, SCRATCH, 1));
        assertEquals(-EFAULT, h.call("write", 1, 0x8, 1), "unmapped buffer");
        assertEquals(-EFAULT, h.call("read", 0, READ_ONLY, 4), "read into a read-only page");
        assertEquals(-EFAULT, h.call("write", 1, SCRATCH, -1L), "size_t count past the end of user space");
        assertEquals(-EBADF, h.call("read", 1, SCRATCH, 4), "reading the write end of a pipe");
    }

    @Test
    void readFillsTheBufferAndReportsEndOfFile() {
        assertEquals(11, h.call("read", 0, SCRATCH, 100));
        assertEquals("input bytes", new String(h.get(SCRATCH, 11), StandardCharsets.UTF_8));
        assertEquals(0, h.call("read", 0, SCRATCH, 100), "end of file");
    }

    @Test
    void writevGathersAndReadvScatters() {
        h.putString(SCRATCH + 100, "abc");
        h.putString(SCRATCH + 200, "defg");
        h.putLongs(SCRATCH, SCRATCH + 100, 3, SCRATCH + 200, 4);
        assertEquals(7, h.call("writev", 1, SCRATCH, 2));
        assertEquals("abcdefg", out());
        h.putLongs(SCRATCH, SCRATCH + 300, 5, SCRATCH + 400, 100);
        assertEquals(11, h.call("readv", 0, SCRATCH, 2));
        assertEquals("input", new String(h.get(SCRATCH + 300, 5), StandardCharsets.UTF_8));
        assertEquals(" bytes", new String(h.get(SCRATCH + 400, 6), StandardCharsets.UTF_8));
        assertEquals(-EINVAL, h.call("writev", 1, SCRATCH, -1));
        assertEquals(-EINVAL, h.call("writev", 1, SCRATCH, 1025));
        h.putLongs(SCRATCH, 0x8, 1);
        assertEquals(-EFAULT, h.call("writev", 1, SCRATCH, 1));
    }

    @Test
    void fstatOfAStreamSaysFifo() {
        assertEquals(0, h.call("fstat", 1, SCRATCH));
        assertEquals(FileStat.S_IFIFO, h.getInt(SCRATCH + 16) & FileStat.S_IFMT, "st_mode");
        assertEquals(0, h.call("newfstatat", 1, SCRATCH + 1000, SCRATCH, 0x1000), "AT_EMPTY_PATH with an empty path");
        assertEquals(-ENOENT, h.call("newfstatat", 1, SCRATCH + 1000, SCRATCH, 0), "empty path without AT_EMPTY_PATH");
        assertEquals(-EINVAL, h.call("newfstatat", 1, SCRATCH + 1000, SCRATCH, 0x4), "bad flags");
        assertEquals(-EBADF, h.call("fstat", 5, SCRATCH));
        assertEquals(-EFAULT, h.call("fstat", 1, READ_ONLY));
    }

    @Test
    void terminalIoctlsOnAPipeAreEnotty() {
        assertEquals(-ENOTTY, h.call("ioctl", 1, SysIoctl.TCGETS, SCRATCH));
        assertEquals(-ENOTTY, h.call("ioctl", 1, SysIoctl.TIOCGWINSZ, SCRATCH));
        assertEquals(-EBADF, h.call("ioctl", 7, SysIoctl.TCGETS, SCRATCH));
    }

    @Test
    void lseekOnAPipeIsEspipe() {
        assertEquals(-ESPIPE, h.call("lseek", 0, 0, 0));
        assertEquals(-EINVAL, h.call("lseek", 0, 0, 9));
    }

    @Test
    void closeDupAndFcntlManageTheTable() {
        assertEquals(3, h.call("dup", 1));
        h.putString(SCRATCH, "x");
        assertEquals(1, h.call("write", 3, SCRATCH, 1));
        assertEquals("x", out(), "dup'd fd does not reach the same file");
        assertEquals(0, h.call("fcntl", 3, SysFd.F_GETFD));
        assertEquals(0, h.call("fcntl", 3, SysFd.F_SETFD, SysFd.FD_CLOEXEC));
        assertEquals(SysFd.FD_CLOEXEC, h.call("fcntl", 3, SysFd.F_GETFD));
        assertEquals(1, h.call("fcntl", 1, SysFd.F_GETFL), "write end of a pipe is O_WRONLY");
        assertEquals(10, h.call("fcntl", 1, SysFd.F_DUPFD, 10));
        assertEquals(5, h.call("dup3", 1, 5, 0));
        assertEquals(-EINVAL, h.call("dup3", 5, 5, 0));
        assertEquals(0, h.call("close", 3));
        assertEquals(-EBADF, h.call("close", 3));
        assertEquals(-EBADF, h.call("write", 3, SCRATCH, 1));
    }

    @Test
    void pathsFailHonestlyWithoutAFileSystem() {
        h.putString(SCRATCH, "/etc/passwd");
        assertEquals(-ENOENT, h.call("openat", -100, SCRATCH, 0, 0));
        assertEquals(-ENOENT, h.call("faccessat", -100, SCRATCH, 0));
        assertEquals(-EINVAL, h.call("faccessat", -100, SCRATCH, 8));
        assertEquals(-EFAULT, h.call("openat", -100, 0x8, 0, 0));
        h.put(SCRATCH, "a".repeat(5000).getBytes(StandardCharsets.US_ASCII));
        assertEquals(-ENAMETOOLONG, h.call("openat", -100, SCRATCH, 0, 0));
    }

    @Test
    void readlinkOfProcSelfExeGivesTheProgramPath() {
        h.putString(SCRATCH, "/proc/self/exe");
        assertEquals(EXE.length(), h.call("readlinkat", -100, SCRATCH, SCRATCH + 100, 4096));
        assertEquals(EXE, new String(h.get(SCRATCH + 100, EXE.length()), StandardCharsets.UTF_8));
        assertEquals(4, h.call("readlinkat", -100, SCRATCH, SCRATCH + 200, 4), "silent truncation");
        assertEquals("/usr", new String(h.get(SCRATCH + 200, 4), StandardCharsets.UTF_8));
        assertEquals(-EINVAL, h.call("readlinkat", -100, SCRATCH, SCRATCH + 100, 0));
        h.putString(SCRATCH, "/proc/1/exe");
        assertEquals(EXE.length(), h.call("readlinkat", -100, SCRATCH, SCRATCH + 100, 4096));
        h.putString(SCRATCH, "/tmp/link");
        assertEquals(-ENOENT, h.call("readlinkat", -100, SCRATCH, SCRATCH + 100, 4096));
    }
}
