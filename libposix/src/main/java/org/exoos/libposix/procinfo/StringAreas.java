package org.exoos.libposix.procinfo;

import org.exoos.microkernel.mm.AddressSpace;

/**
 * Where exec laid out a process's argument and environment strings: Linux's mm->arg_start, arg_end,
 * env_start and env_end, read once from the initial stack (argc, the argv pointers, NULL, the envp
 * pointers, NULL) before the program runs. Fixed then, as on Linux, so a program that points argv[i]
 * elsewhere (busybox top, setproctitle) changes neither /proc/[pid]/cmdline's extent nor stat's fields.
 */
public record StringAreas(long argStart, long argEnd, long envStart, long envEnd) {
    /** Nothing known: a process without memory, or a stack that cannot be read. */
    public static final StringAreas NONE = new StringAreas(0, 0, 0, 0);
    /** Most argument or environment strings followed (Linux's ARG_MAX allows no more than this many). */
    private static final long MAX_STRINGS = 1 << 20;
    /** The longest single string (MAX_ARG_STRLEN). */
    private static final int MAX_STRING = 32 * 4096;

    /** The areas behind the initial stack at {@code sp} in {@code space}. */
    public static StringAreas read(final AddressSpace space, final long sp) {
        if (space == null || sp == 0) {
            return NONE;
        }
        final byte[] word = new byte[8];
        final long argc = word(space, sp, word);
        if (argc <= 0 || argc >= MAX_STRINGS) {
            return NONE;
        }
        final long argStart = word(space, sp + 8, word);
        final long argEnd = stringEnd(space, word(space, sp + 8 * argc, word));
        final long envp = sp + 8 * (argc + 2);
        long env = word(space, envp, word);
        if (env == 0) {
            return new StringAreas(argStart, argEnd, 0, 0);
        }
        final long envStart = env;
        long last = env;
        for (long i = 1; i < MAX_STRINGS && env != 0; i++) {
            last = env;
            env = word(space, envp + 8 * i, word);
        }
        return new StringAreas(argStart, argEnd, envStart, stringEnd(space, last));
    }

    private static long word(final AddressSpace space, final long va, final byte[] word) {
        if (!space.copyIn(va, word, 0, 8)) {
            return 0;
        }
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (word[i] & 0xff);
        }
        return value;
    }

    private static long stringEnd(final AddressSpace space, final long va) {
        if (va == 0) {
            return 0;
        }
        final byte[] string = space.readCString(va, MAX_STRING);
        return string == null ? va : va + string.length + 1;
    }
}
