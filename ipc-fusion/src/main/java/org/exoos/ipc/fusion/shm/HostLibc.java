package org.exoos.ipc.fusion.shm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * FFM downcalls into the host C library. Every handle captures errno: its first argument is a
 * segment of {@link #CAPTURE_LAYOUT} that the call fills, read back with {@link #errno}.
 * Values of flags are the host's (x86_64 and the generic Linux ABI agree on all of these).
 */
final class HostLibc {
    static final int O_RDWR = 0x2;
    static final int O_CREAT = 0x40;
    static final int O_EXCL = 0x80;
    static final int O_CLOEXEC = 0x80000;
    static final int SEEK_END = 2;
    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;
    static final int MAP_SHARED = 0x1;
    /** mmap's error return, (void *) -1. */
    static final long MAP_FAILED = -1L;

    static final StructLayout CAPTURE_LAYOUT = Downcalls.CAPTURE_LAYOUT;

    /** int open(const char *path, int flags, ...): the mode is variadic. */
    static final MethodHandle OPEN = downcall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    static final MethodHandle FTRUNCATE = downcall("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    static final MethodHandle LSEEK = downcall("lseek",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    static final MethodHandle MMAP = downcall("mmap",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    static final MethodHandle MUNMAP = downcall("munmap",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
    static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle UNLINK = downcall("unlink",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** long syscall(long number, ...): six variadic longs, as the kernel reads six registers. */
    static final MethodHandle SYSCALL6 = downcall("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                    JAVA_LONG),
            Linker.Option.firstVariadicArg(1));

    private HostLibc() {
    }

    static int errno(final MemorySegment captureState) {
        return Downcalls.errno(captureState);
    }

    private static MethodHandle downcall(final String name, final FunctionDescriptor descriptor,
            final Linker.Option... extra) {
        return Downcalls.downcall(name, descriptor, extra);
    }
}
