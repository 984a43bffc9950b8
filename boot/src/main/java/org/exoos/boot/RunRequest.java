package org.exoos.boot;

import org.exoos.libposix.fd.Stdio;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link Launcher#run} runs.
 *
 * @param program  host path of a static riscv64 ELF executable
 * @param argv     the program's arguments, argv[0] included
 * @param env      its environment, in the order given
 * @param stdio    what fds 0, 1 and 2 are
 * @param memBytes size of the machine's physical memory (a multiple of 4 KiB)
 */
public record RunRequest(Path program, List<String> argv, Map<String, String> env, Stdio stdio, long memBytes) {
    /** The default physical memory: 256 MiB. */
    public static final long DEFAULT_MEM_BYTES = 256L << 20;

    public RunRequest {
        argv = List.copyOf(argv);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    }
}
