package org.exoos.libposix.syscall;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.service.VfsClient;

import static org.exoos.libposix.syscall.SysVfs.AT_FDCWD;
import static org.exoos.libposix.syscall.SysVfs.PATH;
import static org.exoos.libposix.syscall.SysVfs.path;
import static org.exoos.libposix.syscall.SysVfs.startOf;
import static org.exoos.libposix.syscall.SysVfs.vfs;

/**
 * chroot(2) and what it changes in getcwd(2).
 * <p>
 * The root directory is a vfs handle the process holds like its cwd (fork retains it, exit closes it, execve
 * keeps it); the vfs credentials carry it, so the server starts absolute paths and absolute link targets
 * there and stops ".." at it. As on Linux the cwd is not changed, so it may lie outside the new root: getcwd
 * then answers the path from the namespace root prefixed with "(unreachable)".
 */
final class SysChroot {
    private static final byte[] UNREACHABLE = "(unreachable)".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The root's and the cwd's paths as the vfs knows them (from the namespace root), per thread. */
    private static final ThreadLocal<UnsafeBuffer> ROOT_PATH =
            ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[SyscallContext.PATH_MAX]));
    private static final ThreadLocal<UnsafeBuffer> CWD_PATH =
            ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[SyscallContext.PATH_MAX + UNREACHABLE.length]));

    private SysChroot() {}

    static void register(SyscallTable t) {
        t.add("chroot", SysChroot::chroot);
    }

    /**
     * chroot(path): Linux's order of checks: the walk (ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG, EACCES on the
     * way), search permission on the directory (EACCES), then CAP_SYS_CHROOT (EPERM; euid 0 holds it).
     */
    static long chroot(SyscallContext c) {
        UnsafeBuffer p = path(c, 0, PATH);
        if (p.capacity() == 0) return -Errno.ENOENT;
        VfsClient vfs = vfs(c);
        PosixProcess process = c.process();
        long handle = vfs.chdir(process.fsCredentials(), startOf(c, AT_FDCWD, p), p, 0, p.capacity());
        if (handle < 0) return handle;
        if (process.credentials().euid() != 0) {
            vfs.close(handle);
            return -Errno.EPERM;
        }
        long old = process.root();
        process.setRoot(handle);
        if (old >= 0) vfs.close(old);
        return 0;
    }

    /**
     * getcwd(buf, size) for a process with a root directory: the cwd's path relative to the root, or
     * "(unreachable)" and its path from the namespace root when the cwd lies outside. Returns the length
     * with the NUL, ERANGE if {@code size} is too small.
     */
    static long getcwd(SyscallContext c, PosixProcess process) {
        long size = c.arg(1);
        VfsClient vfs = vfs(c);
        UnsafeBuffer root = ROOT_PATH.get();
        UnsafeBuffer cwd = CWD_PATH.get();
        int rootLength = vfs.getcwd(process.root(), root, 0, SyscallContext.PATH_MAX);
        if (rootLength < 0) return rootLength;
        int n = vfs.getcwd(process.cwd(), cwd, UNREACHABLE.length, SyscallContext.PATH_MAX);
        if (n < 0) return n;
        rootLength--; // without the NUL
        int start = UNREACHABLE.length;
        int length = n; // with the NUL
        if (rootLength > 1) { // the root is not "/"
            boolean inside = n - 1 >= rootLength && prefixMatches(root, cwd, start, rootLength)
                    && (n - 1 == rootLength || cwd.getByte(start + rootLength) == '/');
            if (!inside) {
                cwd.putBytes(0, UNREACHABLE);
                start = 0;
                length = n + UNREACHABLE.length;
            } else if (n - 1 == rootLength) {
                start += rootLength - 1; // the root itself: keep its last byte and put "/" there
                cwd.putByte(start, (byte) '/');
                length = 2;
            } else {
                start += rootLength;
                length = n - rootLength;
            }
        }
        if (length > size) return -Errno.ERANGE;
        c.copyOut(c.arg(0), cwd.byteArray(), start, length);
        return length;
    }

    private static boolean prefixMatches(UnsafeBuffer root, UnsafeBuffer cwd, int cwdStart, int rootLength) {
        for (int i = 0; i < rootLength; i++) {
            if (root.getByte(i) != cwd.getByte(cwdStart + i)) return false;
        }
        return true;
    }
}
