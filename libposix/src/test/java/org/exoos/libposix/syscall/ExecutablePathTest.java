package org.exoos.libposix.syscall;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.Program;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.servers.vfs.service.VfsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path exec records for /proc/[pid]/exe is the file's own, as Linux's d_path gives it: a program run
 * through symbolic links, "..", a relative name or a #! line shows the real path of the ELF file.
 */
class ExecutablePathTest {
    private static final int AT_FDCWD = -100, O_WRONLY = 1, O_CREAT = 0100;
    private static final long PATH = SCRATCH, PATH2 = SCRATCH + 512, BUF = SCRATCH + 4096;

    private final SyscallHarness h = new SyscallHarness("", new Credentials(1000, 1000, 1000, 1000));
    private VfsClient vfs;

    @BeforeEach
    void aProgramBehindLinks() throws Exception {
        vfs = h.startVfsIn("/tmp");
        assertEquals(0, h.call("mkdirat", AT_FDCWD, path(PATH, "bin"), 0755));
        file("bin/busybox", "\u007fELF and the rest");
        file("script", "#!/tmp/bin/sh -e\necho hi\n");
        symlink("busybox", "bin/sh");            // relative, in the same directory
        symlink("/tmp/bin/../bin/sh", "ls");     // absolute, through ".." and another link
        symlink("ls", "again");                  // a chain
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void linksDotDotAndRelativeNamesResolveToTheFile() {
        assertEquals("/tmp/bin/busybox", executable("/tmp/bin/busybox"));
        assertEquals("/tmp/bin/busybox", executable("bin/sh"));
        assertEquals("/tmp/bin/busybox", executable("./again"));
        assertEquals("/tmp/bin/busybox", executable("/tmp/./bin/../ls"));
    }

    @Test
    void aScriptShowsItsInterpreter() {
        Program p = SysExec.program(vfs, h.process.fsCredentials(), h.process.cwd(), "script", List.of("script"),
                List.of());
        assertEquals("/tmp/bin/busybox", p.executable());
        assertEquals(List.of("/tmp/bin/sh", "-e", "script"), p.argv(), "argv names the interpreter as written");
    }

    private String executable(String name) {
        return SysExec.program(vfs, h.process.fsCredentials(), h.process.cwd(), name, List.of(name), List.of())
                .executable();
    }

    private void file(String name, String text) {
        long fd = h.call("openat", AT_FDCWD, path(PATH, name), O_WRONLY | O_CREAT, 0755);
        assertTrue(fd >= 0, "create " + name + ": " + fd);
        h.putString(BUF, text);
        assertEquals(text.length(), h.call("write", fd, BUF, text.length()));
        assertEquals(0, h.call("close", fd));
    }

    private void symlink(String target, String name) {
        assertEquals(0, h.call("symlinkat", path(PATH, target), AT_FDCWD, path(PATH2, name)), "symlink " + name);
    }

    private long path(long va, String p) {
        h.putString(va, p + "\0");
        return va;
    }
}
