package org.exoos.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One way of running a test program: its arguments, environment and stdin, and the exit status a correct
 * kernel gives. The same invocation is given to qemu-riscv64 and to Exo-OS.
 *
 * @param program        the program's name (its C file without ".c"); also argv[0]
 * @param label          what distinguishes this invocation from the program's others ("" for the only one)
 * @param args           argv[1..]
 * @param env            the complete environment, nothing inherited
 * @param stdin          everything the program reads on fd 0 before end of file
 * @param expectedStatus the exit status under a correct kernel (128+signal when the program dies of one)
 * @param compareStderr  false when the reference writes its own diagnostics to stderr (qemu's "uncaught target
 *                       signal" line), so only stdout and the status are compared
 */
public record Invocation(String program, String label, List<String> args, Map<String, String> env, byte[] stdin,
                         int expectedStatus, boolean compareStderr) {

    /** The full argument vector, argv[0] included. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(program);
        argv.addAll(args);
        return List.copyOf(argv);
    }

    /** A test name such as "exit_code 42 [musl]". */
    public String displayName(Libc libc) {
        return program + (label.isEmpty() ? "" : " " + label) + " [" + libc + "]";
    }
}
