package org.exoos.ipc.fusion.shm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The one way ipc-fusion binds host C library functions with FFM: every handle captures errno,
 * so its first argument is a segment of {@link #CAPTURE_LAYOUT} that the call fills, read back
 * with {@link #errno}.
 */
public final class Downcalls {
    public static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(PathElement.groupElement("errno"));
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private Downcalls() {
    }

    /** The errno a call left in {@code captureState}. */
    public static int errno(final MemorySegment captureState) {
        return (int) ERRNO.get(captureState, 0L);
    }

    /** A handle on libc's {@code name}, capturing errno, with any extra linker options. */
    @SuppressWarnings("restricted") // binding libc symbols by their C prototypes is the point
    public static MethodHandle downcall(final String name, final FunctionDescriptor descriptor,
                                        final Linker.Option... extra) {
        final MemorySegment symbol = LINKER.defaultLookup().find(name)
            .orElseThrow(() -> new IllegalStateException("host C library has no symbol " + name));
        final Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol, descriptor, options);
    }
}
