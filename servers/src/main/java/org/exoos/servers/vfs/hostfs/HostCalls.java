package org.exoos.servers.vfs.hostfs;

import org.agrona.DirectBuffer;
import org.exoos.ipc.fusion.shm.Downcalls;
import org.exoos.servers.vfs.PathWalker;
import org.exoos.servers.vfs.StatFs;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The host system calls hostfs makes, bound with FFM through the C library, every one relative to a
 * directory descriptor (the *at family) so that hostfs never hands the host a path that starts outside its
 * directory. Each returns what the call returned, or the negated host errno; a Linux host numbers errors as
 * riscv64 Linux does (asm-generic/errno*.h on x86_64, arm64 and riscv64), so they pass to the guest as they
 * are. EINTR is retried.
 * <p>
 * An instance owns the native scratch memory the calls use (names, statx, dirents, timespecs), so calls
 * allocate nothing; like the vfs it is used by one thread at a time. Names are the vfs's one-char-per-byte
 * strings, copied out byte for byte.
 */
@SuppressWarnings("restricted") // wrapping a buffer's native address for pread/pwrite is the point
final class HostCalls {
    static final int EINTR = 4;
    static final int DIRENT_BUFFER_SIZE = 32 * 1024;

    private static final MethodHandle OPENAT = Downcalls.downcall("openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3));
    private static final MethodHandle CLOSE = Downcalls.downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STATX = Downcalls.downcall("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    /** pread and pwrite may be given a heap array's segment: critical calls, which the GC waits for. */
    private static final MethodHandle PREAD = Downcalls.downcall("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), Linker.Option.critical(true));
    private static final MethodHandle PWRITE = Downcalls.downcall("pwrite",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), Linker.Option.critical(true));
    private static final MethodHandle MKDIRAT = Downcalls.downcall("mkdirat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle UNLINKAT = Downcalls.downcall("unlinkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RENAMEAT2 = Downcalls.downcall("renameat2",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SYMLINKAT = Downcalls.downcall("symlinkat",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle LINKAT = Downcalls.downcall("linkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle READLINKAT = Downcalls.downcall("readlinkat",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle FCHMOD = Downcalls.downcall("fchmod",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle FCHMODAT = Downcalls.downcall("fchmodat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle FCHOWNAT = Downcalls.downcall("fchownat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle UTIMENSAT = Downcalls.downcall("utimensat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle FTRUNCATE = Downcalls.downcall("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle FSYNC = Downcalls.downcall("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FDATASYNC = Downcalls.downcall("fdatasync",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle LSEEK = Downcalls.downcall("lseek",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle GETDENTS64 = Downcalls.downcall("getdents64",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle FSTATFS = Downcalls.downcall("fstatfs",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    private final MemorySegment capture;
    private final MemorySegment name1;
    private final MemorySegment name2;
    private final MemorySegment linkBuffer;
    private final MemorySegment procPath;
    private final MemorySegment emptyName;
    private final MemorySegment timespecs;
    /** The last statx result. */
    final MemorySegment statx;
    /** The last getdents64 batch. */
    final MemorySegment dirents;
    /** The last fstatfs result: a 64-bit Linux {@code struct statfs}, laid out as {@link StatFs#encode}. */
    final MemorySegment statfs;

    HostCalls() {
        Arena arena = Arena.ofAuto();
        capture = arena.allocate(Downcalls.CAPTURE_LAYOUT);
        name1 = arena.allocate(PathWalker.PATH_MAX + 1);
        name2 = arena.allocate(PathWalker.PATH_MAX + 1);
        linkBuffer = arena.allocate(PathWalker.PATH_MAX);
        procPath = arena.allocate(64);
        emptyName = arena.allocate(1);
        timespecs = arena.allocate(32, 8);
        statx = arena.allocate(StatxDescriptor.SIZE, 8);
        dirents = arena.allocate(DIRENT_BUFFER_SIZE, 8);
        statfs = arena.allocate(StatFs.STRUCT_STATFS_SIZE, 8);
    }

    private int errno() {
        return Downcalls.errno(capture);
    }

    /** Copies a one-char-per-byte string into {@code buffer} with its NUL. */
    private static MemorySegment cString(MemorySegment buffer, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            buffer.set(ValueLayout.JAVA_BYTE, i, (byte) s.charAt(i));
        }
        buffer.set(ValueLayout.JAVA_BYTE, n, (byte) 0);
        return buffer;
    }

    /** "/proc/self/fd/N": the host's way to name exactly the file an O_PATH descriptor holds. */
    private MemorySegment procFdPath(int fd) {
        return cString(procPath, "/proc/self/fd/" + fd);
    }

    private static IllegalStateException failed(Throwable t) {
        return new IllegalStateException("host call failed to run", t);
    }

    int openat(int dirFd, String name, int flags, int mode) {
        MemorySegment path = cString(name1, name);
        try {
            while (true) {
                int r = (int) OPENAT.invokeExact(capture, dirFd, path, flags, mode);
                if (r >= 0) {
                    return r;
                }
                if (errno() != EINTR) {
                    return -errno();
                }
            }
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int close(int fd) {
        try {
            int r = (int) CLOSE.invokeExact(capture, fd);
            return r < 0 && errno() != EINTR ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** statx of {@code name} in {@code dirFd} without following a final symlink, into {@link #statx}. */
    int statxAt(int dirFd, String name) {
        return statx(dirFd, cString(name1, name), HostOpenFlags.AT_SYMLINK_NOFOLLOW);
    }

    /** statx of the file {@code fd} holds (O_PATH descriptors too), into {@link #statx}. */
    int fstatx(int fd) {
        emptyName.set(ValueLayout.JAVA_BYTE, 0, (byte) 0);
        return statx(fd, emptyName, HostOpenFlags.AT_EMPTY_PATH | HostOpenFlags.AT_SYMLINK_NOFOLLOW);
    }

    private int statx(int dirFd, MemorySegment path, int flags) {
        try {
            int r = (int) STATX.invokeExact(capture, dirFd, path, flags, StatxDescriptor.STATX_BASIC_STATS, statx);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int statxInt(int offset) {
        return statx.get(ValueLayout.JAVA_INT_UNALIGNED, offset);
    }

    long statxLong(int offset) {
        return statx.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
    }

    int statxMode() {
        return Short.toUnsignedInt(statx.get(ValueLayout.JAVA_SHORT_UNALIGNED, StatxDescriptor.MODE_OFFSET));
    }

    /** A timestamp of the last statx as nanoseconds since the epoch. */
    long statxTimeNanos(int timestampOffset) {
        long sec = statxLong(timestampOffset + StatxDescriptor.TV_SEC_OFFSET);
        long nsec = Integer.toUnsignedLong(statxInt(timestampOffset + StatxDescriptor.TV_NSEC_OFFSET));
        return sec * 1_000_000_000L + nsec;
    }

    /** The segment of {@code length} bytes at {@code offset} of an Agrona buffer, heap or native. */
    private static MemorySegment segmentOf(DirectBuffer buffer, int offset, int length) {
        byte[] array = buffer.byteArray();
        if (array != null) {
            return MemorySegment.ofArray(array).asSlice(buffer.wrapAdjustment() + offset, length);
        }
        return MemorySegment.ofAddress(buffer.addressOffset() + offset).reinterpret(length);
    }

    long pread(int fd, DirectBuffer dst, int offset, int length, long position) {
        MemorySegment segment = segmentOf(dst, offset, length);
        try {
            while (true) {
                long r = (long) PREAD.invokeExact(capture, fd, segment, (long) length, position);
                if (r >= 0) {
                    return r;
                }
                if (errno() != EINTR) {
                    return -errno();
                }
            }
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    long pwrite(int fd, DirectBuffer src, int offset, int length, long position) {
        MemorySegment segment = segmentOf(src, offset, length);
        try {
            while (true) {
                long r = (long) PWRITE.invokeExact(capture, fd, segment, (long) length, position);
                if (r >= 0) {
                    return r;
                }
                if (errno() != EINTR) {
                    return -errno();
                }
            }
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int mkdirat(int dirFd, String name, int mode) {
        try {
            int r = (int) MKDIRAT.invokeExact(capture, dirFd, cString(name1, name), mode);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int unlinkat(int dirFd, String name, int flags) {
        try {
            int r = (int) UNLINKAT.invokeExact(capture, dirFd, cString(name1, name), flags);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int renameat2(int oldDirFd, String oldName, int newDirFd, String newName, int flags) {
        try {
            int r = (int) RENAMEAT2.invokeExact(capture, oldDirFd, cString(name1, oldName), newDirFd,
                    cString(name2, newName), flags);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int symlinkat(String target, int dirFd, String name) {
        try {
            int r = (int) SYMLINKAT.invokeExact(capture, cString(name2, target), dirFd, cString(name1, name));
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** linkat without AT_SYMLINK_FOLLOW: a link to {@code oldName} itself, even if it is a symlink. */
    int linkat(int oldDirFd, String oldName, int newDirFd, String newName) {
        try {
            int r = (int) LINKAT.invokeExact(capture, oldDirFd, cString(name1, oldName), newDirFd,
                    cString(name2, newName), 0);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** readlinkat into the link buffer: the target's length (read it with {@link #linkTarget}), or -errno. */
    int readlinkat(int dirFd, String name) {
        try {
            long r = (long) READLINKAT.invokeExact(capture, dirFd, cString(name1, name), linkBuffer,
                    linkBuffer.byteSize());
            return r < 0 ? -errno() : (int) r;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** The first {@code length} bytes of the last readlinkat, one char per byte. */
    String linkTarget(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) (linkBuffer.get(ValueLayout.JAVA_BYTE, i) & 0xff);
        }
        return new String(chars);
    }

    /** fchmod on an open (not O_PATH) descriptor. */
    int fchmod(int fd, int mode) {
        try {
            int r = (int) FCHMOD.invokeExact(capture, fd, mode);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** chmod of exactly the file an O_PATH descriptor holds, through its /proc/self/fd magic link. */
    int chmodPathFd(int pathFd, int mode) {
        try {
            int r = (int) FCHMODAT.invokeExact(capture, HostOpenFlags.AT_FDCWD, procFdPath(pathFd), mode, 0);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** fchownat(fd, "", uid, gid, AT_EMPTY_PATH): the file the descriptor holds; -1 leaves an id alone. */
    int chownPathFd(int pathFd, int uid, int gid) {
        emptyName.set(ValueLayout.JAVA_BYTE, 0, (byte) 0);
        try {
            int r = (int) FCHOWNAT.invokeExact(capture, pathFd, emptyName, uid, gid, HostOpenFlags.AT_EMPTY_PATH);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /**
     * utimensat of {@code name} in {@code dirFd} (null: of the O_PATH descriptor's own file through /proc),
     * never following a symlink; a time of {@link HostOpenFlags#UTIME_OMIT} nanoseconds is left alone.
     */
    int utimens(int dirFd, String name, long atimeNanos, boolean setAtime, long mtimeNanos, boolean setMtime) {
        putTimespec(0, atimeNanos, setAtime);
        putTimespec(16, mtimeNanos, setMtime);
        try {
            int r;
            if (name == null) {
                r = (int) UTIMENSAT.invokeExact(capture, HostOpenFlags.AT_FDCWD, procFdPath(dirFd), timespecs, 0);
            } else {
                r = (int) UTIMENSAT.invokeExact(capture, dirFd, cString(name1, name), timespecs,
                        HostOpenFlags.AT_SYMLINK_NOFOLLOW);
            }
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    private void putTimespec(int offset, long nanos, boolean set) {
        if (set) {
            timespecs.set(JAVA_LONG, offset, Math.floorDiv(nanos, 1_000_000_000L));
            timespecs.set(JAVA_LONG, offset + 8, Math.floorMod(nanos, 1_000_000_000L));
        } else {
            timespecs.set(JAVA_LONG, offset, 0L);
            timespecs.set(JAVA_LONG, offset + 8, HostOpenFlags.UTIME_OMIT);
        }
    }

    int ftruncate(int fd, long length) {
        try {
            while (true) {
                int r = (int) FTRUNCATE.invokeExact(capture, fd, length);
                if (r >= 0) {
                    return 0;
                }
                if (errno() != EINTR) {
                    return -errno();
                }
            }
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int fsync(int fd, boolean dataOnly) {
        try {
            int r = dataOnly ? (int) FDATASYNC.invokeExact(capture, fd) : (int) FSYNC.invokeExact(capture, fd);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    long lseek(int fd, long offset, int whence) {
        try {
            long r = (long) LSEEK.invokeExact(capture, fd, offset, whence);
            return r < 0 ? -errno() : r;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** One getdents64 batch into {@link #dirents}: the bytes filled, 0 at the end, or -errno. */
    long getdents64(int fd) {
        try {
            while (true) {
                long r = (long) GETDENTS64.invokeExact(capture, fd, dirents, (long) DIRENT_BUFFER_SIZE);
                if (r >= 0) {
                    return r;
                }
                if (errno() != EINTR) {
                    return -errno();
                }
            }
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** fstatfs into {@link #statfs}. */
    int fstatfs(int fd) {
        try {
            int r = (int) FSTATFS.invokeExact(capture, fd, statfs);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw failed(t);
        }
    }
}
