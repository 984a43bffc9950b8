package org.exoos.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.exoos.boot.RunRequest;
import org.exoos.microkernel.sched.HartScheduler;

/**
 * The catalog of how each C test program is run. A program without an entry here runs once with no arguments,
 * the standard environment and empty stdin, and must exit with status 0.
 */
public final class Invocations {
    /** SIGABRT's number on Linux; a program killed by it exits with 128 + SIGABRT. */
    private static final int SIGABRT = 6;
    /** SIGSEGV's number: a NULL dereference ends a program with 128 + SIGSEGV (139). */
    private static final int SIGSEGV = 11;

    /** The complete environment every program gets, in a fixed order. Includes an empty value and '=' in a value. */
    public static final Map<String, String> ENV = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "PATH", "/usr/bin:/bin",
            "HOME", "/home/exo",
            "LANG", "C",
            "TZ", "UTC",
            "EXO_GREETING", "hello, world = yes",
            "EXO_EMPTY", "")));

    private Invocations() {}

    /**
     * The harts of the machine a program runs on: the default (the host's cores, as {@code bin/exo run} gives),
     * except that the programs about threads, the scheduler's calls and TLB shootdowns always get two harts,
     * so that their tasks really run at once and migrate between harts, whatever the host.
     */
    public static int cpusFor(String program) {
        return switch (program) {
            case "sched", "threads", "tlb_shootdown" -> 2;
            default -> HartScheduler.defaultCpus();
        };
    }

    /** Every invocation of the given program. */
    public static List<Invocation> of(String program) {
        return switch (program) {
            case "args_env_auxv" -> List.of(
                    plain(program, "", List.of("one", "two words", "", "--flag=value", "*", "$HOME")));
            case "cmdline_argv" -> List.of(plain(program, "", List.of("-b", "-n", "1")));
            case "exit_code" -> List.of(
                    exiting(program, "0", 0),
                    exiting(program, "42", 42),
                    exiting(program, "255", 255),
                    // The kernel keeps the low 8 bits of exit_group's argument.
                    exiting(program, "256", 0),
                    new Invocation(program, "7 _exit", List.of("7", "_exit"), ENV, new byte[0], 7, true));
            case "stdio" -> List.of(
                    withStdin(program, "small", "hello world\nline two\u0001\nno newline at end"
                            .getBytes(StandardCharsets.ISO_8859_1)),
                    withStdin(program, "empty", new byte[0]),
                    withStdin(program, "binary 200 KiB", largeInput()));
            case "abort" -> List.of(
                    new Invocation(program, "", List.of(), ENV, new byte[0], 128 + SIGABRT, false));
            case "null_deref" -> List.of(
                    new Invocation(program, "", List.of(), ENV, new byte[0], 128 + SIGSEGV, false));
            // Its last check is exit(3) from a thread other than main, which ends the whole process.
            case "threads" -> List.of(new Invocation(program, "", List.of(), ENV, new byte[0], 3, true));
            default -> List.of(plain(program, "", List.of()));
        };
    }

    private static Invocation plain(String program, String label, List<String> args) {
        return new Invocation(program, label, args, ENV, new byte[0], 0, true);
    }

    private static Invocation exiting(String program, String code, int status) {
        return new Invocation(program, code, List.of(code), ENV, new byte[0], status, true);
    }

    private static Invocation withStdin(String program, String label, byte[] stdin) {
        return new Invocation(program, label, List.of(), ENV, stdin, 0, true);
    }

    /** 200 KiB of every byte value in lines of varying length: crosses stdio and pipe buffer sizes many times. */
    private static byte[] largeInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int line = 0;
        while (out.size() < 200 * 1024) {
            int length = (line * 37) % 301;
            for (int i = 0; i < length; i++) {
                int b = (line * 131 + i * 7) & 0xff;
                out.write(b == '\n' ? ' ' : b);
            }
            out.write('\n');
            line++;
        }
        return out.toByteArray();
    }
}
