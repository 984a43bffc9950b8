package org.exoos.servers.vfs.procfs;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.vfs.AtFlags;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.Dirent64Writer;
import org.exoos.servers.vfs.FileMode;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.Stat;
import org.exoos.servers.vfs.StatFs;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.VfsClock;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.exoos.servers.vfs.OpenFlags.O_DIRECTORY;
import static org.exoos.servers.vfs.OpenFlags.O_RDONLY;
import static org.exoos.servers.vfs.OpenFlags.O_WRONLY;
import static org.exoos.servers.protocol.Errno.EACCES;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /proc over an in-memory process table: pid 1 (root) and pid 42 (uid 1000, "cat"), on a 2-hart machine. */
class ProcfsTest {
    private static final Credentials ROOT = Credentials.ROOT;
    /** pid 42 itself. */
    private static final Credentials CAT = Credentials.of(42, 1000, 1000, 100);
    /** Another process of another user. */
    private static final Credentials BOB = Credentials.of(77, 1001, 1001);
    /** Another process of the same user. */
    private static final Credentials SAME_USER = Credentials.of(78, 1000, 1000);

    final AtomicLong nanoTime = new AtomicLong(5_000_000_000L);
    Vfs vfs;
    InMemoryProcessInfo processes;
    FixedSystemInfo system;
    InMemoryProcessInfo.Process cat;

    @BeforeEach
    void mountProc() {
        vfs = Vfs.createDefault(VfsClock.SYSTEM);
        processes = new InMemoryProcessInfo();
        system = new FixedSystemInfo(2, FixedSystemInfo.DEFAULT_ISA, "sv39", 1L << 30, nanoTime::get);
        processes.add(1, "init", 0, 0).args("/sbin/init");
        cat = processes.add(42, "cat", 1000, 1000).args("cat", "-n", "file name");
        cat.exe = "/usr/bin/cat";
        ProcessStatus s = cat.status;
        s.state = 'S';
        s.setGroups(100, 1000);
        s.vmPeak = 3060 << 10;
        s.vmSize = 3000 << 10;
        s.vmHwm = 1672 << 10;
        s.vmRss = 1600 << 10;
        s.rssAnon = 112 << 10;
        s.rssFile = 1488 << 10;
        s.vmData = 360 << 10;
        s.vmStack = 132 << 10;
        s.vmExe = 20 << 10;
        s.vmLib = 1528 << 10;
        s.vmPte = 44 << 10;
        s.startTimeNanos = 12_345_678_900L;
        s.userTimeNanos = 250_000_000L;
        s.systemTimeNanos = 30_000_000L;
        s.minorFaults = 101;
        s.startCode = 0x10000;
        s.endCode = 0x15000;
        s.startStack = 0x3fffff000L;
        s.startData = 0x16000;
        s.endData = 0x17000;
        s.startBrk = 0x18000;
        s.argStart = 0x3ffffff00L;
        s.argEnd = 0x3ffffff12L;
        s.envStart = 0x3ffffff12L;
        s.envEnd = 0x3ffffffe0L;
        s.sigIgnored = 1L << 12;
        s.sigCaught = (1L << 1) | (1L << 62);
        s.sigQueueLimit = 7823;
        s.voluntarySwitches = 3;
        s.involuntarySwitches = 4;
        assertOk(ProcfsType.mountProc(vfs, processes, system), "mount /proc");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static void assertErrno(int errno, long actual, String what) {
        assertEquals(-errno, actual, () -> what + ": expected -" + Errno.name(errno) + " but got "
                + Errno.describeResult(actual));
    }

    static void assertOk(long actual, String what) {
        assertTrue(actual >= 0, () -> what + ": expected success but got " + Errno.describeResult(actual));
    }

    String read(Credentials cred, String path) {
        long h = vfs.open(cred, Vfs.NO_HANDLE, path, O_RDONLY, 0, 0);
        assertOk(h, "open " + path);
        StringBuilder sb = new StringBuilder();
        byte[] b = new byte[50];
        while (true) {
            long n = vfs.read(h, new UnsafeBuffer(b), 0, b.length);
            assertOk(n, "read " + path);
            if (n == 0) {
                break;
            }
            sb.append(new String(b, 0, (int) n, StandardCharsets.ISO_8859_1));
        }
        vfs.close(h);
        return sb.toString();
    }

    String readlink(Credentials cred, String path) {
        UnsafeBuffer b = new UnsafeBuffer(new byte[4096]);
        int n = vfs.readlink(cred, Vfs.NO_HANDLE, path, b, 0, 4096);
        assertOk(n, "readlink " + path);
        return b.getStringWithoutLengthAscii(0, n);
    }

    Stat lstat(String path) {
        Stat s = new Stat();
        assertOk(vfs.stat(ROOT, Vfs.NO_HANDLE, path, AtFlags.AT_SYMLINK_NOFOLLOW, s), "lstat " + path);
        return s;
    }

    /** Entry names of a directory, in order, read in batches of {@code bufferSize} bytes. */
    List<String> list(Credentials cred, String path, int bufferSize) {
        long h = vfs.open(cred, Vfs.NO_HANDLE, path, O_RDONLY | O_DIRECTORY, 0, 0);
        assertOk(h, "open " + path);
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[bufferSize]);
        Dirent64Writer writer = new Dirent64Writer();
        List<String> names = new ArrayList<>();
        while (true) {
            writer.wrap(buffer, 0, bufferSize);
            assertOk(vfs.readdir(h, writer), "readdir " + path);
            int n = writer.result();
            assertOk(n, "getdents64");
            if (n == 0) {
                break;
            }
            for (int at = 0; at < n; ) {
                int end = at + Dirent64Writer.D_NAME_OFFSET;
                while (buffer.getByte(end) != 0) {
                    end++;
                }
                names.add(buffer.getStringWithoutLengthAscii(at + Dirent64Writer.D_NAME_OFFSET,
                        end - at - Dirent64Writer.D_NAME_OFFSET));
                at += buffer.getShort(at + Dirent64Writer.D_RECLEN_OFFSET) & 0xffff;
            }
        }
        vfs.close(h);
        return names;
    }

    // ---- the tree ------------------------------------------------------------------------------------------

    @Test
    void selfIsTheCallersPid() {
        assertEquals("42", readlink(CAT, "/proc/self"), "/proc/self for pid 42");
        assertErrno(ENOENT, vfs.readlink(ROOT, Vfs.NO_HANDLE, "/proc/self", new UnsafeBuffer(new byte[8]), 0, 8),
                "no process, no self");
        assertTrue(read(CAT, "/proc/self/status").startsWith("Name:\tcat\n"), "status through self");
        assertEquals("self/mounts", readlink(CAT, "/proc/mounts"), "/proc/mounts is Linux's link");
    }

    @Test
    void rootListsFixedEntriesSelfAndPidsAcrossSmallBuffers() {
        processes.add(7, "sh", 0, 0);
        processes.add(100000, "big", 0, 0);
        List<String> expected = List.of(".", "..", "cpuinfo", "loadavg", "meminfo", "mounts", "stat", "uptime", "self", "1", "7", "42",
                "100000");
        assertEquals(expected, list(ROOT, "/proc", 4096), "one batch");
        assertEquals(expected, list(ROOT, "/proc", 32), "one entry per batch");
        assertEquals(List.of(".", "..", "fd", "status", "comm", "cmdline", "stat", "statm", "maps", "cwd", "root",
                "exe", "mounts"), list(ROOT, "/proc/42", 64), "a process's directory");
        assertEquals(2 + 4, lstat("/proc").nlink, "nlink counts the processes");
    }

    @Test
    void modesAndOwnersAreLinuxs() {
        assertEquals(FileMode.S_IFDIR | 0555, lstat("/proc").mode, "/proc");
        assertEquals(FileMode.S_IFLNK | 0777, lstat("/proc/self").mode, "/proc/self");
        assertEquals(FileMode.S_IFREG | 0444, lstat("/proc/meminfo").mode, "/proc/meminfo");
        Stat dir = lstat("/proc/42");
        assertEquals(FileMode.S_IFDIR | 0555, dir.mode, "/proc/42");
        assertEquals(1000, dir.uid, "owned by the process's euid");
        assertEquals(1000, dir.gid, "and egid");
        assertEquals(FileMode.S_IFREG | 0444, lstat("/proc/42/status").mode, "status");
        assertEquals(FileMode.S_IFREG | 0644, lstat("/proc/42/comm").mode, "comm");
        assertEquals(FileMode.S_IFDIR | 0500, lstat("/proc/42/fd").mode, "fd/");
        assertEquals(FileMode.S_IFLNK | 0777, lstat("/proc/42/exe").mode, "exe");
        assertEquals(0, lstat("/proc/42/status").size, "st_size 0");
        assertErrno(ENOENT, vfs.stat(ROOT, Vfs.NO_HANDLE, "/proc/43", 0, new Stat()), "no such pid");
        assertErrno(ENOENT, vfs.stat(ROOT, Vfs.NO_HANDLE, "/proc/042", 0, new Stat()), "leading zero");
        StatFs fs = new StatFs();
        assertOk(vfs.statfs(ROOT, Vfs.NO_HANDLE, "/proc", fs), "statfs");
        assertEquals(StatFs.PROC_SUPER_MAGIC, fs.type, "PROC_SUPER_MAGIC");
    }

    // ---- per-process files ---------------------------------------------------------------------------------

    @Test
    void statusIsInLinuxsFormat() {
        String expected = "Name:\tcat\n"
                + "Umask:\t0022\n"
                + "State:\tS (sleeping)\n"
                + "Tgid:\t42\n"
                + "Ngid:\t0\n"
                + "Pid:\t42\n"
                + "PPid:\t1\n"
                + "TracerPid:\t0\n"
                + "Uid:\t1000\t1000\t1000\t1000\n"
                + "Gid:\t1000\t1000\t1000\t1000\n"
                + "FDSize:\t64\n"
                + "Groups:\t100 1000 \n"
                + "NStgid:\t42\n"
                + "NSpid:\t42\n"
                + "NSpgid:\t42\n"
                + "NSsid:\t42\n"
                + "Kthread:\t0\n"
                + "VmPeak:\t    3060 kB\n"
                + "VmSize:\t    3000 kB\n"
                + "VmLck:\t       0 kB\n"
                + "VmPin:\t       0 kB\n"
                + "VmHWM:\t    1672 kB\n"
                + "VmRSS:\t    1600 kB\n"
                + "RssAnon:\t     112 kB\n"
                + "RssFile:\t    1488 kB\n"
                + "RssShmem:\t       0 kB\n"
                + "VmData:\t     360 kB\n"
                + "VmStk:\t     132 kB\n"
                + "VmExe:\t      20 kB\n"
                + "VmLib:\t    1528 kB\n"
                + "VmPTE:\t      44 kB\n"
                + "VmSwap:\t       0 kB\n"
                + "HugetlbPages:\t       0 kB\n"
                + "CoreDumping:\t0\n"
                + "THP_enabled:\t0\n"
                + "untag_mask:\t0xffffffffffffffff\n"
                + "Threads:\t1\n"
                + "SigQ:\t0/7823\n"
                + "SigPnd:\t0000000000000000\n"
                + "ShdPnd:\t0000000000000000\n"
                + "SigBlk:\t0000000000000000\n"
                + "SigIgn:\t0000000000001000\n"
                + "SigCgt:\t4000000000000002\n"
                + "CapInh:\t0000000000000000\n"
                + "CapPrm:\t0000000000000000\n"
                + "CapEff:\t0000000000000000\n"
                + "CapBnd:\t000001ffffffffff\n"
                + "CapAmb:\t0000000000000000\n"
                + "NoNewPrivs:\t0\n"
                + "Seccomp:\t0\n"
                + "Seccomp_filters:\t0\n"
                + "Speculation_Store_Bypass:\tunknown\n"
                + "SpeculationIndirectBranch:\tunsupported\n"
                + "Cpus_allowed:\t3\n"
                + "Cpus_allowed_list:\t0-1\n"
                + "Mems_allowed:\t1\n"
                + "Mems_allowed_list:\t0\n"
                + "voluntary_ctxt_switches:\t3\n"
                + "nonvoluntary_ctxt_switches:\t4\n";
        assertEquals(expected, read(BOB, "/proc/42/status"), "status, readable by anyone");
        assertTrue(read(ROOT, "/proc/1/status").contains("\nCapEff:\t000001ffffffffff\n"), "root's capabilities");
    }

    @Test
    void statHasLinuxs52FieldsAndHidesAddressesFromOthers() {
        String mine = read(CAT, "/proc/42/stat");
        assertEquals("42 (cat) S 1 42 42 0 -1 0 101 0 0 0 25 3 0 0 20 0 1 0 1234 3072000 400 18446744073709551615"
                + " 65536 86016 17179865088 0 0 0 0 4096 2 1 0 0 17 0 0 0 0 0 0 90112 94208 98304 17179868928"
                + " 17179868946 17179868946 17179869152 0\n", mine, "stat as the process sees it");
        assertEquals(52, mine.trim().split(" ").length, "52 fields");
        String theirs = read(BOB, "/proc/42/stat");
        assertEquals("42 (cat) S 1 42 42 0 -1 0 101 0 0 0 25 3 0 0 20 0 1 0 1234 3072000 400 18446744073709551615"
                + " 1 1 0 0 0 0 0 4096 2 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n", theirs,
                "addresses, wchan and exit code hidden from another user");
        assertEquals(mine, read(SAME_USER, "/proc/42/stat"), "a process of the same user may inspect");
        assertEquals("750 400 372 5 0 123 0\n", read(BOB, "/proc/42/statm"), "statm in pages");
    }

    @Test
    void cmdlineCommAndRenaming() {
        assertEquals("cat\0-n\0file name\0", read(BOB, "/proc/42/cmdline"), "NUL after each argument");
        assertEquals("cat\n", read(BOB, "/proc/42/comm"), "comm");
        long h = vfs.open(CAT, Vfs.NO_HANDLE, "/proc/self/comm", O_WRONLY, 0, 0);
        assertOk(h, "open comm for writing");
        byte[] name = "a-very-long-name-indeed".getBytes(StandardCharsets.US_ASCII);
        assertEquals(name.length, vfs.write(h, new UnsafeBuffer(name), 0, name.length), "comm write takes it all");
        vfs.close(h);
        assertEquals("a-very-long-nam\n", read(CAT, "/proc/42/comm"), "truncated to 15 bytes");
        assertErrno(EACCES, vfs.open(BOB, Vfs.NO_HANDLE, "/proc/42/comm", O_WRONLY, 0, 0), "0644 of another user");
        long other = vfs.open(SAME_USER, Vfs.NO_HANDLE, "/proc/42/comm", O_WRONLY, 0, 0);
        assertOk(other, "the owner's mode lets the same user open it");
        assertErrno(EINVAL, vfs.write(other, new UnsafeBuffer(name), 0, 3), "but only the process renames itself");
        cat.comm = "new\nline\\x";
        assertTrue(read(ROOT, "/proc/42/status").startsWith("Name:\tnew\\nline\\\\x\n"), "status escapes the name");
        assertTrue(read(ROOT, "/proc/42/stat").startsWith("42 (new\nline\\x) S "), "stat does not");
    }

    @Test
    void mapsMatchesTheHostsOwnFormatting() throws IOException {
        List<String> hostLines = Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.ISO_8859_1);
        StringBuilder expected = new StringBuilder();
        for (String line : hostLines) {
            String[] f = line.trim().split(" +", 6);
            String[] range = f[0].split("-");
            String[] dev = f[3].split(":");
            MemoryMapping m = cat.addMapping(Long.parseUnsignedLong(range[0], 16),
                    Long.parseUnsignedLong(range[1], 16), f[1], Long.parseUnsignedLong(f[2], 16),
                    f.length > 5 ? f[5] : null);
            m.devMajor = Integer.parseInt(dev[0], 16);
            m.devMinor = Integer.parseInt(dev[1], 16);
            m.inode = Long.parseLong(f[4]);
            expected.append(line).append('\n');
        }
        assertEquals(expected.toString(), read(CAT, "/proc/42/maps"), "byte for byte as the host kernel prints");
        assertErrno(EACCES, vfs.open(BOB, Vfs.NO_HANDLE, "/proc/42/maps", O_RDONLY, 0, 0),
                "maps needs the ptrace read check");
    }

    @Test
    void fdDirectoryLinksToOpenFiles() {
        long tty = vfs.open(CAT, Vfs.NO_HANDLE, "/dev/null", OpenFlags.O_RDWR, 0, 0);
        long in = vfs.open(CAT, Vfs.NO_HANDLE, "/dev/zero", O_RDONLY, 0, 0);
        long cwd = vfs.chdir(CAT, Vfs.NO_HANDLE, "/tmp");
        assertOk(tty, "open /dev/null");
        cat.fd(0, in).fd(1, tty).fd(2, tty).fd(5, "pipe:[7]");
        cat.cwdHandle = cwd;
        assertEquals(List.of(".", "..", "0", "1", "2", "5"), list(CAT, "/proc/self/fd", 4096), "fd numbers");
        assertEquals(List.of(".", "..", "0", "1", "2", "5"), list(CAT, "/proc/42/fd", 30), "one per batch");
        assertEquals("/dev/zero", readlink(CAT, "/proc/self/fd/0"), "fd 0");
        assertEquals("/dev/null", readlink(CAT, "/proc/42/fd/1"), "fd 1");
        assertEquals("pipe:[7]", readlink(CAT, "/proc/42/fd/5"), "a pipe");
        assertEquals(FileMode.S_IFLNK | 0500, lstat("/proc/42/fd/0").mode, "lr-x------ for a read-only file");
        assertEquals(FileMode.S_IFLNK | 0700, lstat("/proc/42/fd/1").mode, "lrwx------ for read-write");
        assertErrno(ENOENT, vfs.stat(ROOT, Vfs.NO_HANDLE, "/proc/42/fd/3", AtFlags.AT_SYMLINK_NOFOLLOW, new Stat()),
                "a closed descriptor");
        assertErrno(EACCES, vfs.open(BOB, Vfs.NO_HANDLE, "/proc/42/fd", O_RDONLY | O_DIRECTORY, 0, 0),
                "fd/ is 0500");
        assertEquals("/usr/bin/cat", readlink(CAT, "/proc/self/exe"), "exe");
        assertEquals("/tmp", readlink(CAT, "/proc/self/cwd"), "cwd");
        assertEquals("/", readlink(CAT, "/proc/self/root"), "root");
        assertEquals("/usr/bin/cat", readlink(ROOT, "/proc/42/exe"), "root may look");
        assertErrno(EACCES, vfs.readlink(BOB, Vfs.NO_HANDLE, "/proc/42/exe", new UnsafeBuffer(new byte[64]), 0, 64),
                "another user may not");
        assertEquals("", read(CAT, "/proc/self/fd/1"), "following a link reaches the file by its path");
    }

    @Test
    void aProcessThatDiesDisappearsButOpenSnapshotsStayReadable() {
        long h = vfs.open(ROOT, Vfs.NO_HANDLE, "/proc/42/cmdline", O_RDONLY, 0, 0);
        assertOk(h, "open");
        processes.remove(42);
        assertErrno(ENOENT, vfs.stat(ROOT, Vfs.NO_HANDLE, "/proc/42", 0, new Stat()), "gone from /proc");
        assertErrno(ENOENT, vfs.open(ROOT, Vfs.NO_HANDLE, "/proc/42/status", O_RDONLY, 0, 0), "its files too");
        byte[] b = new byte[64];
        assertEquals(17, vfs.read(h, new UnsafeBuffer(b), 0, 64), "the snapshot taken at open");
        vfs.close(h);
        assertEquals(List.of(".", "..", "cpuinfo", "loadavg", "meminfo", "mounts", "stat", "uptime", "self", "1"),
                list(ROOT, "/proc", 256), "listing");
    }

    // ---- machine files -------------------------------------------------------------------------------------

    @Test
    void cpuinfoIsRiscv64s() {
        String hart = "isa\t\t: rv64imafdc_zicntr_zicsr_zifencei\n"
                + "mmu\t\t: sv39\n"
                + "mvendorid\t: 0x0\n"
                + "marchid\t\t: 0x0\n"
                + "mimpid\t\t: 0x0\n"
                + "hart isa\t: rv64imafdc_zicntr_zicsr_zifencei\n\n";
        assertEquals("processor\t: 0\nhart\t\t: 0\n" + hart + "processor\t: 1\nhart\t\t: 1\n" + hart,
                read(BOB, "/proc/cpuinfo"), "two harts");
    }

    @Test
    void statHasLinuxsLinesWithOnlyIdleTimeMeasured() {
        nanoTime.addAndGet(3_000_000_000L);
        String text = read(BOB, "/proc/stat");
        assertTrue(text.startsWith("cpu  0 0 0 600 0 0 0 0 0 0\ncpu0 0 0 0 300 0 0 0 0 0 0\n"
                + "cpu1 0 0 0 300 0 0 0 0 0 0\nintr 0\nctxt 0\nbtime "), text);
        long btime = Long.parseLong(text.substring(text.indexOf("\nbtime ") + 7, text.indexOf("\nprocesses")));
        long expected = System.currentTimeMillis() / 1000 - 3;
        assertTrue(Math.abs(btime - expected) <= 2, "btime is now less the uptime: " + btime + " vs " + expected);
        assertTrue(text.endsWith("\nprocesses 0\nprocs_running 1\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n"),
                text);
    }

    @Test
    void loadavgCountsTheTasksOfEveryProcess() {
        cat.status.threads = 3;
        assertEquals("0.00 0.00 0.00 1/4 42\n", read(BOB, "/proc/loadavg"), "init runs; cat's three threads sleep");
    }

    @Test
    void uptimeTruncatesToHundredths() {
        nanoTime.addAndGet(12_345_678_901L);
        assertEquals("12.34 24.69\n", read(BOB, "/proc/uptime"), "uptime and idle over two harts");
        nanoTime.addAndGet(-12_340_000_000L);
        assertEquals("0.00 0.01\n", read(BOB, "/proc/uptime"), "small values keep two digits");
    }

    @Test
    void meminfoLinesAreLinuxs() {
        system.memory().free = 900L << 20;
        system.memory().available = 950L << 20;
        String text = read(BOB, "/proc/meminfo");
        assertTrue(text.startsWith("MemTotal:        1048576 kB\nMemFree:          921600 kB\n"
                + "MemAvailable:     972800 kB\nBuffers:               0 kB\n"), text);
        assertTrue(text.contains("\nInactive(anon):        0 kB\n"), "a 16-column label");
        assertTrue(text.contains("\nCommitLimit:      524288 kB\n"), "half of RAM, no swap");
        assertTrue(text.contains("\nVmallocTotal:   67108863 kB\n"), "Sv39's vmalloc area");
        assertTrue(text.endsWith("\nHugePages_Total:       0\nHugePages_Free:        0\nHugePages_Rsvd:        0\n"
                + "HugePages_Surp:        0\nHugepagesize:       2048 kB\nHugetlb:               0 kB\n"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.matches("[A-Za-z_()]+: +[0-9]+( kB)?"), "line shape: " + line);
        }
    }

    @Test
    void mountsShowsTheMountTableAndProcCanBeMountedAgain() {
        String mounts = read(CAT, "/proc/mounts");
        assertEquals(vfs.mounts().procMounts(), mounts, "the mount table");
        assertTrue(mounts.contains("proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"), mounts);
        assertOk(vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/tmp/p", 0755, 0), "mkdir");
        assertErrno(EINVAL, vfs.mount(ROOT, "proc", Vfs.NO_HANDLE, "/tmp/p", "proc", 0, "bogus=1"), "unknown option");
        assertOk(vfs.mount(ROOT, "proc", Vfs.NO_HANDLE, "/tmp/p", "proc", 0, "hidepid=0"), "second mount");
        assertEquals("42", readlink(CAT, "/tmp/p/self"), "same processes");
        assertOk(vfs.umount(ROOT, Vfs.NO_HANDLE, "/tmp/p", 0), "umount");
    }
}
